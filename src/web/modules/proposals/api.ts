import type { z } from 'zod';
import type { actionBody } from '../../../server/http/schemas';
import type {
  handlerAccountInput,
  handlerUnitChanges,
  handlerUnitList,
  handlerUnitRow,
  newHandlerUnit,
  newProposal,
  proposalChanges,
  proposalDetail,
  proposalListQuery,
  proposalRow,
  proposalStatistics,
  proposalsMeta,
  statisticsQuery,
  similarProposal,
} from '../../../server/modules/proposals/routes';
import type {
  congressSessionChanges,
  congressSessionRow,
  newCongressSession,
  newReviewGroup,
  reviewCandidate,
  reviewGroupChanges,
  reviewGroupRow,
} from '../../../server/modules/proposals/congress-routes';
import type { assignInput, mergeInput, startReviewInput } from '../../../server/modules/proposals/workflow';
import { api, type Page, type PageParams, toUrl } from '../../lib/api';

// What the server sends and takes, typed from its own schemas (`z.input`: the wire form, dates as ISO strings).
export type Proposal = z.input<typeof proposalRow>;
/** A proposal with its co-signers, handlers, progress, answer, ratings, history and the actions the user may take. */
export type ProposalDetail = z.input<typeof proposalDetail>;
export type DeadlineStatus = NonNullable<Proposal['deadlineStatus']>;
export type SimilarProposal = z.input<typeof similarProposal>;
export type ProposalsMeta = z.input<typeof proposalsMeta>;
/** 起草提案: a draft, numbered when submitted. */
export type NewProposal = z.input<typeof newProposal>;
/** 修改提案: only what changed, with the version read. */
export type ProposalChanges = z.input<typeof proposalChanges>;
export type HandlerUnit = z.input<typeof handlerUnitRow>;
export type NewHandlerUnit = z.input<typeof newHandlerUnit>;
export type HandlerUnitChanges = z.input<typeof handlerUnitChanges>;
/** Body of every workflow action: the action and, when it needs one, its input. */
export type ActionBody = z.input<typeof actionBody>;
/** The fields of the workflow's inputs that name other records (units, proposals): the page offers them as choices. */
export type ReferenceField = keyof z.input<typeof assignInput> | keyof z.input<typeof mergeInput> | keyof z.input<typeof startReviewInput>;
/** 小组审议 as a proposal's page shows it: the group, the tally and (for its members and the union) each vote. */
export type ProposalReview = NonNullable<ProposalDetail['review']>;
export type ReviewGroup = z.input<typeof reviewGroupRow>;
export type NewReviewGroup = z.input<typeof newReviewGroup>;
export type ReviewGroupChanges = z.input<typeof reviewGroupChanges>;
/** A representative who may sit on a union's review groups. */
export type ReviewCandidate = z.input<typeof reviewCandidate>;
/** 职代会: a session collecting motions, with its motions counted by outcome. */
export type CongressSession = z.input<typeof congressSessionRow>;
export type NewCongressSession = z.input<typeof newCongressSession>;
export type CongressSessionChanges = z.input<typeof congressSessionChanges>;

type ListQuery = z.input<typeof proposalListQuery>;
/** Whose proposals: all in scope, the user's own (submitted, co-signed, raised for them), or those given to the user's unit. */
export type ProposalView = NonNullable<ListQuery['view']>;
export type DeadlineFilter = NonNullable<ListQuery['deadline']>;

// The list's query string, as the pages keep it (strings from the URL).
export type ProposalFilterKey = 'q' | 'state' | 'field' | 'deadline' | 'congressSessionId';
/** 提案统计 of an org's subtree and period: the totals and rates, by state, field, handler unit and union. */
export type ProposalStatistics = z.input<typeof proposalStatistics>;
export type ProposalFigures = ProposalStatistics['totals'];
// The query as the server reads it (`z.output`: orgId a number, where the wire form is a string).
export type StatisticsParams = z.output<typeof statisticsQuery>;

export type ProposalListParams = PageParams & Partial<Record<ProposalFilterKey, string>> & { view?: ProposalView };

export const fetchProposalsMeta = () => api.get<ProposalsMeta>('/api/proposals/meta');

export const listProposals = (params: ProposalListParams) => api.get<Page<Proposal>>('/api/proposals', params);

export const fetchProposal = (id: number) => api.get<ProposalDetail>(`/api/proposals/${id}`);

/** Proposals like the one being written, so a representative co-signs rather than repeats. */
export const findSimilarProposals = (q: string) => api.get<{ items: SimilarProposal[] }>('/api/proposals/similar', { q }).then((r) => r.items);

export const createProposal = (input: NewProposal) => api.post<ProposalDetail>('/api/proposals', input);

export const editProposal = (id: number, changes: ProposalChanges) => api.patch<ProposalDetail>(`/api/proposals/${id}`, changes);

export const cosignProposal = (id: number) => api.post(`/api/proposals/${id}/cosign`);

export const actOnProposal = (id: number, body: ActionBody) => api.post(`/api/proposals/${id}/actions`, body);

/** The units the user may see; with `proposalId`, those that may be given that proposal. */
export const listHandlerUnits = (query: { proposalId?: number } = {}) => api.get<z.input<typeof handlerUnitList>>('/api/handler-units', query).then((r) => r.items);

export const createHandlerUnit = (input: NewHandlerUnit) => api.post<HandlerUnit>('/api/handler-units', input);

export const updateHandlerUnit = (id: number, changes: HandlerUnitChanges) => api.patch<HandlerUnit>(`/api/handler-units/${id}`, changes);

export const addHandlerAccount = (id: number, userId: number) =>
  api.post<HandlerUnit>(`/api/handler-units/${id}/accounts`, { userId } satisfies z.input<typeof handlerAccountInput>);

export const removeHandlerAccount = (id: number, userId: number) => api.delete(`/api/handler-units/${id}/accounts/${userId}`);

export const fetchProposalStatistics = (params: StatisticsParams) => api.get<ProposalStatistics>('/api/proposals/statistics', params);

/** 提案汇编 for the same filters, as a download link; `acceptedOnly` leaves out what was not accepted. */
export const proposalBookUrl = (format: 'xlsx' | 'docx', params: StatisticsParams & { acceptedOnly?: boolean }) =>
  toUrl(`/api/proposals/book.${format}`, { ...params, acceptedOnly: params.acceptedOnly || undefined });

/** The review groups the user may see; with `proposalId`, the active ones that may review that proposal. */
export const listReviewGroups = (query: { proposalId?: number } = {}) => api.get<{ items: ReviewGroup[] }>('/api/review-groups', query).then((r) => r.items);

/** The representatives of a union and the unions below it: who may sit on its groups. */
export const listReviewCandidates = (orgId: number) => api.get<{ items: ReviewCandidate[] }>('/api/review-groups/candidates', { orgId }).then((r) => r.items);

export const createReviewGroup = (input: NewReviewGroup) => api.post<ReviewGroup>('/api/review-groups', input);

export const updateReviewGroup = (id: number, changes: ReviewGroupChanges) => api.patch<ReviewGroup>(`/api/review-groups/${id}`, changes);

export const listCongressSessions = () => api.get<{ items: CongressSession[] }>('/api/congress-sessions').then((r) => r.items);

export const createCongressSession = (input: NewCongressSession) => api.post<CongressSession>('/api/congress-sessions', input);

/** The review committee's 提案审查情况报告 (.docx), as a download link. */
export const congressReportUrl = (id: number) => `/api/congress-sessions/${id}/report.docx`;

export const updateCongressSession = (id: number, changes: CongressSessionChanges) => api.patch<CongressSession>(`/api/congress-sessions/${id}`, changes);
