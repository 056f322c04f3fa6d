import type { z } from 'zod';
import type {
  bulletin,
  bulletinInput,
  bulletinList,
  bulletinPreview,
  bulletinRow,
  bulletinSummary,
  composition,
  figures,
  measures,
  monthlyReport,
  rates,
  standing,
  summaryRow,
  targetsInput,
  targetsView,
  weeklyReport,
} from '../../../server/modules/members/reports/routes';
import { api, type QueryParams } from '../../lib/api';

/** The three measures of 建会入会 work, achieved or as targets. */
export type Measures = z.input<typeof measures>;
export type MeasureKey = keyof Measures;
export type Figures = z.input<typeof figures>;
/** achieved / target per measure; null without a target. */
export type Rates = z.input<typeof rates>;
export type TargetsView = z.input<typeof targetsView>;
export type TargetInput = z.input<typeof targetsInput>['items'][number];
export type WeeklyReport = z.input<typeof weeklyReport>;
export type Standing = z.input<typeof standing>;
export type BulletinRow = z.input<typeof bulletinRow>;
export type SummaryRow = z.input<typeof summaryRow>;
export type BulletinSummary = z.input<typeof bulletinSummary>;
export type Bulletin = z.input<typeof bulletin>;
export type BulletinList = z.input<typeof bulletinList>;
export type BulletinPreview = z.input<typeof bulletinPreview>;
export type MonthlyReport = z.input<typeof monthlyReport>;
export type MonthlyRow = MonthlyReport['rows'][number];
export type Composition = z.input<typeof composition>;

const BASE = '/api/member-reports';

export const fetchTargets = (orgId: number, year: number) => api.get<TargetsView>(`${BASE}/targets`, { orgId, year });
export const saveTargets = (body: z.input<typeof targetsInput>) => api.put<TargetsView>(`${BASE}/targets`, body);

export const fetchWeekly = (orgId: number, date: string) => api.get<WeeklyReport>(`${BASE}/weekly`, { orgId, date });
export const fetchMonthly = (orgId: number, month: string) => api.get<MonthlyReport>(`${BASE}/monthly`, { orgId, month });
export const fetchComposition = (orgId: number) => api.get<Composition>(`${BASE}/composition`, { orgId });

export const listBulletins = (params: { orgId: number; page: number; pageSize: number }) => api.get<BulletinList>(`${BASE}/bulletins`, params);
export const fetchBulletin = (id: number) => api.get<Bulletin>(`${BASE}/bulletins/${id}`);
export const previewBulletin = (orgId: number, periodEnd: string) => api.get<BulletinPreview>(`${BASE}/bulletins/preview`, { orgId, periodEnd });
export const issueBulletin = (body: z.input<typeof bulletinInput>) => api.post<Bulletin>(`${BASE}/bulletins`, body);

/** Downloads are plain links: the session cookie goes along, and a GET needs no CSRF token. */
function href(path: string, query: QueryParams = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export const exportUrls = {
  bulletinDocx: (id: number) => href(`${BASE}/bulletins/${id}/export.docx`),
  bulletinXlsx: (id: number) => href(`${BASE}/bulletins/${id}/export.xlsx`),
  weeklyXlsx: (orgId: number, date: string) => href(`${BASE}/weekly/export.xlsx`, { orgId, date }),
  monthlyXlsx: (orgId: number, month: string) => href(`${BASE}/monthly/export.xlsx`, { orgId, month }),
};
