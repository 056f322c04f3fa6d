import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listUsers } from '../users/api';
import {
  type ActionBody,
  actOnProposal,
  addHandlerAccount,
  cosignProposal,
  createHandlerUnit,
  createProposal,
  editProposal,
  fetchProposal,
  fetchProposalStatistics,
  fetchProposalsMeta,
  findSimilarProposals,
  type HandlerUnitChanges,
  listHandlerUnits,
  listProposals,
  type ProposalChanges,
  type ProposalListParams,
  type StatisticsParams,
  removeHandlerAccount,
  updateHandlerUnit,
} from './api';

/** Proposals and handler units change one another (an account added, a unit renamed): one key prefix for all. */
const PROPOSALS = ['proposals'] as const;

/** Fewer characters find too much to be a useful warning. */
export const SIMILAR_MIN_CHARS = 4;

export const useProposalsMeta = () => useQuery({ queryKey: [...PROPOSALS, 'meta'], queryFn: fetchProposalsMeta, staleTime: Infinity });

export const useProposals = (params: ProposalListParams) =>
  useQuery({ queryKey: [...PROPOSALS, 'list', params], queryFn: () => listProposals(params), placeholderData: keepPreviousData });

/** A proposal's attachments (components/Attachments), under the proposals' prefix: a step taken refreshes who may attach. */
export const proposalAttachmentsKey = (id: number) => [...PROPOSALS, 'attachments', id] as const;

export const useProposal = (id: number | null) => useQuery({ queryKey: [...PROPOSALS, 'detail', id], queryFn: id ? () => fetchProposal(id) : skipToken });

/** 提案统计 for an org and period; the previous figures stay while new ones load. */
export const useProposalStatistics = (params: StatisticsParams) =>
  useQuery({ queryKey: [...PROPOSALS, 'statistics', params], queryFn: () => fetchProposalStatistics(params), placeholderData: keepPreviousData });

/** Proposals like the text being typed (already debounced by the caller); nothing for a short text. */
export const useSimilarProposals = (q: string) =>
  useQuery({
    queryKey: [...PROPOSALS, 'similar', q],
    queryFn: q.length >= SIMILAR_MIN_CHARS ? () => findSimilarProposals(q) : skipToken,
    placeholderData: keepPreviousData,
  });

/** The units the user may see; with a proposal, those that may be given it (for 交办). Off until `enabled`. */
export const useHandlerUnits = (query: { proposalId?: number } = {}, enabled = true) =>
  useQuery({ queryKey: [...PROPOSALS, 'handler-units', query], queryFn: enabled ? () => listHandlerUnits(query) : skipToken });

/** A write about proposals: every proposal list, detail and unit list is refetched before it settles. */
function useProposalsMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: PROPOSALS }) });
}

export const useCreateProposal = () => useProposalsMutation(createProposal);

export const useEditProposal = () => useProposalsMutation(({ id, ...changes }: ProposalChanges & { id: number }) => editProposal(id, changes));

export const useCosign = () => useProposalsMutation(cosignProposal);

/** Fires a workflow action on a proposal. */
export const useActOnProposal = () => useProposalsMutation(({ id, ...body }: ActionBody & { id: number }) => actOnProposal(id, body));

export const useCreateHandlerUnit = () => useProposalsMutation(createHandlerUnit);

export const useUpdateHandlerUnit = () => useProposalsMutation(({ id, ...changes }: HandlerUnitChanges & { id: number }) => updateHandlerUnit(id, changes));

export const useAddHandlerAccount = () => useProposalsMutation(({ unitId, userId }: { unitId: number; userId: number }) => addHandlerAccount(unitId, userId));

export const useRemoveHandlerAccount = () => useProposalsMutation(({ unitId, userId }: { unitId: number; userId: number }) => removeHandlerAccount(unitId, userId));

/** Accounts by name or username, for adding one to a unit (the users page's list; its first page is enough to pick from). */
export function useUserSearch(q: string) {
  const params = { q, active: 'true', page: 1, pageSize: 20 };
  return useQuery({ queryKey: ['users', 'list', params], queryFn: q ? () => listUsers(params) : skipToken, placeholderData: keepPreviousData });
}
