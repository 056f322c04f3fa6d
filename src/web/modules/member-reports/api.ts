import { api, type Page, type QueryParams } from '../../lib/api';

/** The three measures of 建会入会 work, achieved or as targets. */
export interface Measures {
  newUnions: number;
  newMembers: number;
  newFormMembers: number;
}

export type MeasureKey = keyof Measures;

export interface Figures extends Measures {
  byForm: Record<string, number>;
}

/** achieved / target per measure; null without a target. */
export type Rates = Record<MeasureKey, number | null>;

export interface ReportOrg {
  id: number;
  name: string;
  type: string;
  typeLabel: string;
  /** How the org's districts are called: 镇（街道）, 县（市、区）… */
  districtLabel: string;
}

export interface TargetsView {
  org: ReportOrg;
  year: number;
  canManage: boolean;
  items: { districtId: number; districtName: string; target: Measures | null; setByName: string | null; updatedAt: string | null }[];
}

export interface TargetInput extends Measures {
  districtId: number;
}

export interface WeeklyReport {
  org: ReportOrg;
  year: number;
  weekStart: string;
  weekEnd: string;
  asOf: string;
  rows: { districtId: number; districtName: string; week: Figures; ytd: Figures; target: Measures | null; rates: Rates }[];
  direct: { week: Figures; ytd: Figures };
  total: { week: Figures; ytd: Figures; target: Measures | null; rates: Rates };
}

export interface Standing {
  districtId: number;
  districtName: string;
  ytd: Figures;
  target: Measures | null;
  rates: Rates;
  score: number | null;
  rank: number | null;
  last: boolean;
}

export interface BulletinRow extends Standing {
  period: Figures;
  flagged: boolean;
}

export interface SummaryRow {
  period: Figures;
  ytd: Figures;
  target: Measures | null;
  rates: Rates;
}

export interface BulletinHead {
  id: number;
  orgId: number;
  orgName: string;
  districtLabel: string;
  title: string;
  year: number;
  issueNo: number;
  periodStart: string;
  periodEnd: string;
  issuedAt: string;
  issuedByName: string | null;
  lastNames: string[];
  flaggedNames: string[];
}

export interface BulletinSummary extends BulletinHead {
  districtCount: number;
}

export interface Bulletin extends BulletinHead {
  rows: BulletinRow[];
  direct: SummaryRow;
  total: SummaryRow;
}

export interface BulletinPreview {
  org: ReportOrg;
  year: number;
  periodStart: string;
  periodEnd: string;
  /** Set when this period has already been issued. */
  issuedId: number | null;
  previous: { id: number; issueNo: number; periodEnd: string } | null;
  rows: BulletinRow[];
  direct: SummaryRow;
  total: SummaryRow;
}

export interface MonthlyRow extends Standing {
  month: Figures;
  previousRank: number | null;
  previousScore: number | null;
  /** Places gained since last month; positive is up. */
  movement: number | null;
}

export interface MonthlyReport {
  org: ReportOrg;
  year: number;
  month: string;
  monthStart: string;
  monthEnd: string;
  previousMonth: string;
  asOf: string;
  rows: MonthlyRow[];
  direct: { month: Figures; ytd: Figures };
  total: { month: Figures; ytd: Figures; target: Measures | null; rates: Rates };
}

export interface Tally {
  current: number;
  newFormMembers: number;
  byForm: { form: string; label: string; n: number }[];
}

export interface Composition extends Tally {
  org: ReportOrg;
  asOf: string;
  byStatus: { status: string; label: string; open: boolean; n: number }[];
  own: Tally;
  children: (Tally & { orgId: number; name: string; type: string; typeLabel: string; active: boolean })[];
}

const BASE = '/api/member-reports';

export const fetchTargets = (orgId: number, year: number) => api.get<TargetsView>(`${BASE}/targets`, { orgId, year });
export const saveTargets = (body: { orgId: number; year: number; items: TargetInput[] }) => api.put<TargetsView>(`${BASE}/targets`, body);

export const fetchWeekly = (orgId: number, date: string) => api.get<WeeklyReport>(`${BASE}/weekly`, { orgId, date });
export const fetchMonthly = (orgId: number, month: string) => api.get<MonthlyReport>(`${BASE}/monthly`, { orgId, month });
export const fetchComposition = (orgId: number) => api.get<Composition>(`${BASE}/composition`, { orgId });

export const listBulletins = (params: { orgId: number; page: number; pageSize: number }) => api.get<Page<BulletinSummary>>(`${BASE}/bulletins`, params);
export const fetchBulletin = (id: number) => api.get<Bulletin>(`${BASE}/bulletins/${id}`);
export const previewBulletin = (orgId: number, periodEnd: string) => api.get<BulletinPreview>(`${BASE}/bulletins/preview`, { orgId, periodEnd });
export const issueBulletin = (body: { orgId: number; periodEnd: string }) => api.post<Bulletin>(`${BASE}/bulletins`, body);

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
