import type { z } from 'zod';
import type { actionBody } from '../../../server/http/schemas';
import type {
  caseDetail,
  caseListQuery,
  caseRow,
  mediationStatistics,
  mediationMeta,
  memberChanges,
  newApplication,
  newCase,
  newMember,
  newStudio,
  ratingInput,
  studioChanges,
  studioMember,
  studioRow,
} from '../../../server/modules/mediation/routes';
import { api, type Page, type PageParams, toUrl } from '../../lib/api';

// What the server sends and takes, typed from its own schemas (`z.input`: the wire form).
export type Studio = z.input<typeof studioRow>;
export type StudioMember = z.input<typeof studioMember>;
export type NewStudio = z.input<typeof newStudio>;
export type StudioChanges = z.input<typeof studioChanges>;
export type NewMember = z.input<typeof newMember>;
export type MemberChanges = z.input<typeof memberChanges>;
export type MediationMeta = z.input<typeof mediationMeta>;
export type MediationCase = z.input<typeof caseRow>;
/** A case with its parties, claims, records, agreement, history and what the user may do. */
export type CaseDetail = z.input<typeof caseDetail>;
export type NewCase = z.input<typeof newCase>;
export type Application = z.input<typeof newApplication>;
export type RatingInput = z.input<typeof ratingInput>;
export type ActionBody = z.input<typeof actionBody>;
export type MediationStatistics = z.input<typeof mediationStatistics>;
/** The org and period of the figures (the server's `statisticsQuery`, as the address holds them). */
export type StatisticsParams = { orgId?: number; from?: string; to?: string };

type ListQuery = z.input<typeof caseListQuery>;
export type CaseFilterKey = Extract<keyof ListQuery, 'q' | 'state' | 'source' | 'standing' | 'sort' | 'enterpriseId'>;
export type CaseListParams = PageParams & Partial<Record<CaseFilterKey, string>>;

export const fetchMediationMeta = () => api.get<MediationMeta>('/api/mediation/meta');

export const listStudios = (params: { includeInactive?: string } = {}) => api.get<{ items: Studio[] }>('/api/mediation/studios', params);

export const createStudio = (input: NewStudio) => api.post<Studio>('/api/mediation/studios', input);

export const updateStudio = (id: number, changes: StudioChanges) => api.patch<Studio>(`/api/mediation/studios/${id}`, changes);

export const addStudioMember = (studioId: number, input: NewMember) => api.post<Studio>(`/api/mediation/studios/${studioId}/members`, input);

export const updateStudioMember = (studioId: number, memberId: number, changes: MemberChanges) =>
  api.patch<Studio>(`/api/mediation/studios/${studioId}/members/${memberId}`, changes);

export const listCases = (params: CaseListParams) => api.get<Page<MediationCase>>('/api/mediation/cases', params);

export const fetchCase = (id: number) => api.get<CaseDetail>(`/api/mediation/cases/${id}`);

export const createCase = (input: NewCase) => api.post<CaseDetail>('/api/mediation/cases', input);

export const applyOnline = (input: Application) => api.post<CaseDetail>('/api/mediation/applications', input);

export const actOnCase = (id: number, body: ActionBody) => api.post<CaseDetail>(`/api/mediation/cases/${id}/actions`, body);

export const signReceipt = (id: number) => api.post<CaseDetail>(`/api/mediation/cases/${id}/receipt`);

export const rateCase = (id: number, input: RatingInput) => api.post<CaseDetail>(`/api/mediation/cases/${id}/rating`, input);

export const agreementUrl = (id: number) => `/api/mediation/cases/${id}/agreement.docx`;

export const fetchStatistics = (params: StatisticsParams) => api.get<MediationStatistics>('/api/mediation/statistics', params);

export const statisticsXlsxUrl = (params: StatisticsParams) => toUrl('/api/mediation/statistics.xlsx', params);
