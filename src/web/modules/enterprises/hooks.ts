import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ActionBody,
  actOnSignal,
  addVisit,
  createEnterprise,
  createSignal,
  type EnterpriseListParams,
  fetchEnterprise,
  fetchMeta,
  fetchSignal,
  fetchSignalStatistics,
  listEnterprises,
  listSignals,
  savePlan,
  type SignalListParams,
  updateEnterprise,
  updateSignal,
} from './api';

/** One key prefix for enterprises and signals: a signal changes its enterprise's page, the lists and the statistics. */
const ENTERPRISES = ['enterprises'] as const;

export const useEnterprisesMeta = () => useQuery({ queryKey: [...ENTERPRISES, 'meta'], queryFn: fetchMeta, staleTime: Infinity });
export const useEnterprises = (params: EnterpriseListParams) =>
  useQuery({ queryKey: [...ENTERPRISES, 'list', params], queryFn: () => listEnterprises(params), placeholderData: keepPreviousData });
export const useEnterprise = (id: number | null) => useQuery({ queryKey: [...ENTERPRISES, 'detail', id], queryFn: id ? () => fetchEnterprise(id) : skipToken });
export const useSignals = (params: SignalListParams) =>
  useQuery({ queryKey: [...ENTERPRISES, 'signals', params], queryFn: () => listSignals(params), placeholderData: keepPreviousData });
export const useSignalStatistics = (orgId?: string) => useQuery({ queryKey: [...ENTERPRISES, 'statistics', orgId], queryFn: () => fetchSignalStatistics(orgId) });
/** Refetch what the enterprise pages show, after another module changed it (a signal turned into a case). */
export function useRefreshEnterprises() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ENTERPRISES });
}
export const useSignal = (id: number | null) => useQuery({ queryKey: [...ENTERPRISES, 'signal', id], queryFn: id ? () => fetchSignal(id) : skipToken });

function useEnterpriseMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: ENTERPRISES }) });
}

export const useCreateEnterprise = () => useEnterpriseMutation(createEnterprise);
export const useUpdateEnterprise = () => useEnterpriseMutation(updateEnterprise);
export const useAddVisit = () => useEnterpriseMutation(addVisit);
export const useSavePlan = () => useEnterpriseMutation(savePlan);
export const useCreateSignal = () => useEnterpriseMutation(createSignal);
export const useUpdateSignal = () => useEnterpriseMutation(updateSignal);
export const useActOnSignal = () => useEnterpriseMutation(({ id, ...body }: ActionBody & { id: number }) => actOnSignal(id, body));
