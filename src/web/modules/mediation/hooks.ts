import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ActionBody,
  actOnCase,
  addStudioMember,
  applyOnline,
  type CaseListParams,
  createCase,
  createStudio,
  fetchCase,
  fetchMediationMeta,
  fetchStatistics,
  listCases,
  listStudios,
  type MemberChanges,
  type NewMember,
  rateCase,
  type RatingInput,
  signReceipt,
  type StatisticsParams,
  type StudioChanges,
  updateStudio,
  updateStudioMember,
} from './api';

/** Studios, teams and cases change one another (a seat decides who sees a case): one key prefix for all. */
const MEDIATION = ['mediation'] as const;

export const useMediationMeta = () => useQuery({ queryKey: [...MEDIATION, 'meta'], queryFn: fetchMediationMeta, staleTime: Infinity });

export const useStudios = () => useQuery({ queryKey: [...MEDIATION, 'studios'], queryFn: () => listStudios({ includeInactive: 'true' }).then((r) => r.items) });

export const useCases = (params: CaseListParams) => useQuery({ queryKey: [...MEDIATION, 'cases', params], queryFn: () => listCases(params), placeholderData: keepPreviousData });

export const useCase = (id: number | null) => useQuery({ queryKey: [...MEDIATION, 'case', id], queryFn: id ? () => fetchCase(id) : skipToken });

export const useMediationStatistics = (params: StatisticsParams) =>
  useQuery({ queryKey: [...MEDIATION, 'statistics', params], queryFn: () => fetchStatistics(params), placeholderData: keepPreviousData });

/** A write of mediation data: everything mediation shows is refetched before it settles. */
function useMediationMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: MEDIATION }) });
}

export const useCreateStudio = () => useMediationMutation(createStudio);
export const useUpdateStudio = () => useMediationMutation(({ id, ...changes }: StudioChanges & { id: number }) => updateStudio(id, changes));
export const useAddStudioMember = () => useMediationMutation(({ studioId, ...input }: NewMember & { studioId: number }) => addStudioMember(studioId, input));
export const useUpdateStudioMember = () =>
  useMediationMutation(({ studioId, memberId, ...changes }: MemberChanges & { studioId: number; memberId: number }) => updateStudioMember(studioId, memberId, changes));
export const useCreateCase = () => useMediationMutation(createCase);
export const useApplyOnline = () => useMediationMutation(applyOnline);
export const useActOnCase = () => useMediationMutation(({ id, ...body }: ActionBody & { id: number }) => actOnCase(id, body));
export const useSignReceipt = () => useMediationMutation(signReceipt);
export const useRateCase = () => useMediationMutation(({ id, ...input }: RatingInput & { id: number }) => rateCase(id, input));
