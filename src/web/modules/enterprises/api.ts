import type { z } from 'zod';
import type { actionBody } from '../../../server/http/schemas';
import type {
  enterpriseDetail,
  enterpriseInput,
  enterpriseListQuery,
  enterpriseRow,
  enterprisesMeta,
  planInput,
  signalDetail,
  signalInput,
  signalListQuery,
  signalRow,
  signalStatistics,
  visitInput,
} from '../../../server/modules/enterprises/routes';
import { api, type Page, type PageParams } from '../../lib/api';

// What the server sends and takes, typed from its own schemas (`z.input`: the wire form, dates as ISO strings).
export type Enterprise = z.input<typeof enterpriseRow>;
/** An enterprise with its signals, visits and plan revisions. */
export type EnterpriseDetail = z.input<typeof enterpriseDetail>;
export type EnterpriseInput = z.input<typeof enterpriseInput>;
export type RiskSignal = z.input<typeof signalRow>;
export type SignalDetail = z.input<typeof signalDetail>;
export type SignalInput = z.input<typeof signalInput>;
export type VisitInput = z.input<typeof visitInput>;
export type PlanInput = z.input<typeof planInput>;
export type SignalStatistics = z.input<typeof signalStatistics>;
export type EnterprisesMeta = z.input<typeof enterprisesMeta>;
export type ActionBody = z.input<typeof actionBody>;

export type EnterpriseFilterKey = Extract<keyof z.input<typeof enterpriseListQuery>, 'q' | 'orgId' | 'hasUnion'>;
export type EnterpriseListParams = PageParams & Partial<Record<EnterpriseFilterKey, string>> & { sort?: string };
export type SignalFilterKey = Extract<keyof z.input<typeof signalListQuery>, 'q' | 'orgId' | 'level' | 'kind' | 'state'>;
export type SignalListParams = PageParams & Partial<Record<SignalFilterKey, string>> & { sort?: string };

export const fetchMeta = () => api.get<EnterprisesMeta>('/api/enterprises/meta');
export const listEnterprises = (params: EnterpriseListParams) => api.get<Page<Enterprise>>('/api/enterprises', params);
export const fetchEnterprise = (id: number) => api.get<EnterpriseDetail>(`/api/enterprises/${id}`);
export const createEnterprise = (input: EnterpriseInput) => api.post<EnterpriseDetail>('/api/enterprises', input);
export const updateEnterprise = ({ id, ...input }: EnterpriseInput & { id: number; version: number }) => api.put<EnterpriseDetail>(`/api/enterprises/${id}`, input);
export const addVisit = ({ id, ...input }: VisitInput & { id: number }) => api.post<EnterpriseDetail>(`/api/enterprises/${id}/visits`, input);
export const savePlan = ({ id, ...input }: PlanInput & { id: number }) => api.put<EnterpriseDetail>(`/api/enterprises/${id}/plan`, input);
export const createSignal = ({ enterpriseId, ...input }: SignalInput & { enterpriseId: number }) => api.post<SignalDetail>(`/api/enterprises/${enterpriseId}/signals`, input);

export const listSignals = (params: SignalListParams) => api.get<Page<RiskSignal>>('/api/risk-signals', params);
export const fetchSignalStatistics = (orgId?: string) => api.get<SignalStatistics>('/api/risk-signals/statistics', { orgId });
export const fetchSignal = (id: number) => api.get<SignalDetail>(`/api/risk-signals/${id}`);
export const updateSignal = ({ id, ...input }: SignalInput & { id: number; version: number }) => api.put<SignalDetail>(`/api/risk-signals/${id}`, input);
export const actOnSignal = (id: number, body: ActionBody) => api.post<SignalDetail>(`/api/risk-signals/${id}/actions`, body);
