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
import type { assignInput, mergeInput } from '../../../server/modules/proposals/workflow';
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
export type ReferenceField = keyof z.input<typeof assignInput> | keyof z.input<typeof mergeInput>;

type ListQuery = z.input<typeof proposalListQuery>;
/** Whose proposals: all in scope, the user's own (submitted, co-signed, raised for them), or those given to the user's unit. */
export type ProposalView = NonNullable<ListQuery['view']>;
export type DeadlineFilter = NonNullable<ListQuery['deadline']>;

// The list's query string, as the pages keep it (strings from the URL).
export type ProposalFilterKey = 'q' | 'state' | 'field' | 'deadline';
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
