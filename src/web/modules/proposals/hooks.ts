import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  type ActionBody,
  actOnProposal,
  addHandlerAccount,
  type CongressSessionChanges,
  cosignProposal,
  createCongressSession,
  createHandlerUnit,
  createProposal,
  createReviewGroup,
  editProposal,
  fetchProposal,
  fetchProposalStatistics,
  fetchProposalsMeta,
  findSimilarProposals,
  type HandlerUnitChanges,
  listCongressSessions,
  listHandlerUnits,
  listProposals,
  listReviewCandidates,
  listReviewGroups,
  type ProposalChanges,
  type ProposalListParams,
  type StatisticsParams,
  removeHandlerAccount,
  type ReviewGroupChanges,
  updateCongressSession,
  updateHandlerUnit,
  updateReviewGroup,
} from './api';

/** Proposals, handler units, review groups and congress sessions change one another (a vote cast, a motion accepted): one key prefix for all. */
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

/** The review groups the user may see; with a proposal, the active ones that may review it (for 提交小组审议). Off until `enabled`. */
export const useReviewGroups = (query: { proposalId?: number } = {}, enabled = true) =>
  useQuery({ queryKey: [...PROPOSALS, 'review-groups', query], queryFn: enabled ? () => listReviewGroups(query) : skipToken });

/** Who may sit on a group of the union chosen; nothing until one is. */
export const useReviewCandidates = (orgId: number | undefined) =>
  useQuery({ queryKey: [...PROPOSALS, 'review-candidates', orgId], queryFn: orgId ? () => listReviewCandidates(orgId) : skipToken });

/** 职代会 sessions serving the user's unions, with their motions counted. Off until `enabled`. */
export const useCongressSessions = (enabled = true) => useQuery({ queryKey: [...PROPOSALS, 'congress-sessions'], queryFn: enabled ? listCongressSessions : skipToken });

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

export const useCreateReviewGroup = () => useProposalsMutation(createReviewGroup);

export const useUpdateReviewGroup = () => useProposalsMutation(({ id, ...changes }: ReviewGroupChanges & { id: number }) => updateReviewGroup(id, changes));

export const useCreateCongressSession = () => useProposalsMutation(createCongressSession);

export const useUpdateCongressSession = () => useProposalsMutation(({ id, ...changes }: CongressSessionChanges & { id: number }) => updateCongressSession(id, changes));
