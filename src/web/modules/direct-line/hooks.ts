import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ActionBody, actOnRequest, createRequest, fetchAddressees, fetchDirectLineMeta, fetchRequest, listRequests, type RequestListParams } from './api';

/** One key prefix for every list and request: a message changes both. */
const DIRECT_LINE = ['direct-line'] as const;

export const useDirectLineMeta = () => useQuery({ queryKey: [...DIRECT_LINE, 'meta'], queryFn: fetchDirectLineMeta, staleTime: Infinity });

export const useRequests = (params: RequestListParams) =>
  useQuery({ queryKey: [...DIRECT_LINE, 'list', params], queryFn: () => listRequests(params), placeholderData: keepPreviousData });

export const useRequest = (id: number | null) => useQuery({ queryKey: [...DIRECT_LINE, 'detail', id], queryFn: id ? () => fetchRequest(id) : skipToken });

/** Whom the worker may ask; fetched when the form opens. */
export const useAddressees = (enabled: boolean) => useQuery({ queryKey: [...DIRECT_LINE, 'addressees'], queryFn: enabled ? fetchAddressees : skipToken, staleTime: 60_000 });

function useDirectLineMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: DIRECT_LINE }) });
}

export const useCreateRequest = () => useDirectLineMutation(createRequest);

/** A message or any other step; a proposal made from a request changes the proposals' lists too. */
export function useActOnRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: ActionBody & { id: number }) => actOnRequest(id, body),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: DIRECT_LINE }), queryClient.invalidateQueries({ queryKey: ['proposals'] })]),
  });
}
