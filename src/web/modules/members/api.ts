import type { AllowedAction } from '../../components/WorkflowActions';
import { api, ApiError, type FieldIssue, type Page, type PageParams, type QueryParams } from '../../lib/api';
import type { Joiner } from './employment';

/** One entry of a record's history. */
export interface TimelineEntry {
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  /** What happened, in the words of the workflow (server). */
  actionLabel: string;
  from: string | null;
  to: string;
  toLabel: string;
  note: string | null;
  payload: unknown;
}

export interface CodeLabel {
  code: string;
  label: string;
}

export interface MembersMeta {
  employmentForms: CodeLabel[];
  statuses: CodeLabel[];
}

export interface Member {
  id: number;
  tenantId: number;
  name: string;
  idMasked: string;
  sex: 'male' | 'female';
  /** 周岁: the birth date is inside the ID number and shows only with it (the audited reveal). */
  age: number;
  /** Whole for staff who contact members, masked for others (server: members/disclosure.ts). */
  phone: string | null;
  cardNo: string;
  status: string;
  statusLabel: string;
  orgId: number;
  orgName: string;
  employmentForm: string;
  employmentFormLabel: string;
  employerName: string | null;
  platformName: string | null;
  joinedOn: string;
  memberSince: string;
  endedOn: string | null;
}

export interface MemberTransferSummary {
  id: number;
  state: string;
  stateLabel: string;
  fromOrgName: string;
  toOrgName: string;
  createdAt: string;
}

export interface MemberConsent {
  via: 'online' | 'staff' | 'import' | 'transfer';
  /** 线上申请, 窗口登记, 花名册导入 */
  viaLabel: string;
  version: string | null;
  at: string | null;
  /** Recorded on the membership this one was transferred from. */
  viaTransfer: boolean;
}

export interface MemberDetail extends Member {
  employerCreditCode: string | null;
  endReason: string | null;
  lastDuesOn: string | null;
  lastActivityOn: string | null;
  source: string;
  /** The consent to the join notice behind the membership (server: MemberService consentOf); `version` null: none recorded. */
  consent: MemberConsent;
  version: number;
  canRevealId: boolean;
  allowedActions: AllowedAction[];
  history: TimelineEntry[];
  /** The person's other memberships within the viewer's scope; others are not sent. */
  previousMemberships: Member[];
  transfers: MemberTransferSummary[];
}

export type MemberFilterKey = 'q' | 'orgId' | 'status' | 'employmentForm' | 'newFormsOnly' | 'employer' | 'joinedFrom' | 'joinedTo';

export type MemberListParams = PageParams & Partial<Record<MemberFilterKey, string>> & { sort?: string };

/** 随入随录: a person who joined at the union's desk, entered from the paper form. */
export interface NewMember extends Joiner {
  /** `YYYY-MM-DD`; the server takes today when absent. */
  joinedOn?: string;
  consentOnPaper: true;
}

export interface JoinApplication {
  id: number;
  state: string;
  stateLabel: string;
  name: string;
  idMasked: string;
  phone: string;
  orgId: number;
  orgName: string;
  employmentForm: string;
  employmentFormLabel: string;
  employerName: string | null;
  platformName: string | null;
  decisionReason: string | null;
  createdAt: string;
  allowedActions: AllowedAction[];
}

export type ApplicationListParams = PageParams & { state?: string };

export interface Transfer {
  id: number;
  state: string;
  stateLabel: string;
  name: string;
  idMasked: string;
  membershipId: number;
  fromOrgName: string;
  toOrgName: string;
  requestedBy: 'member' | 'source' | 'target';
  reason: string | null;
  createdAt: string;
  allowedActions: AllowedAction[];
}

export type TransferListParams = PageParams & { direction?: 'in' | 'out'; state?: string };

export interface TransferRequest {
  membershipId?: number;
  residentId?: string;
  toOrgId: number;
  reason?: string;
}

export interface DeemedCandidate extends Member {
  lastSignOfLife: string;
}

export type DeemedListParams = PageParams & { orgId?: string };

export interface ImportCounts {
  total: number;
  new: number;
  transfer_needed: number;
  already_member_here: number;
  duplicate_in_file: number;
  rejected: number;
}

export type ImportOutcome = Exclude<keyof ImportCounts, 'total'>;

export interface MemberImport {
  id: number;
  tenantId: number;
  orgId: number;
  orgName: string;
  fileName: string;
  format: 'xlsx' | 'csv';
  state: 'uploaded' | 'ready' | 'committing' | 'committed' | 'failed';
  stateLabel: string;
  headerLine: number | null;
  columns: { recognised: string[]; ignored: string[] };
  counts: ImportCounts;
  rowsRead: number;
  bytesRead: number;
  bytesTotal: number;
  percent: number;
  createdByName: string | null;
  createdAt: string;
  committedAt: string | null;
  /** Until when the per-line results are kept (server: members/retention.ts); null once deleted. */
  linesKeptUntil: string | null;
  /** When the per-line results were deleted: the preview and the report are gone, the counts stay. */
  linesPurgedAt: string | null;
  error: string | null;
}

export interface ImportRow {
  line: number;
  outcome: ImportOutcome;
  outcomeLabel: string;
  reason: string | null;
  name: string | null;
  idMasked: string | null;
  phone: string | null;
  employmentForm: string | null;
  employmentFormLabel: string | null;
  employerName: string | null;
  platformName: string | null;
  joinedOn: string | null;
  currentOrgName: string | null;
}

/** Body of every workflow action: the action and, when it needs one, its input. */
export interface ActionBody {
  action: string;
  input?: unknown;
}

export const fetchMembersMeta = () => api.get<MembersMeta>('/api/members/meta');

export const listMembers = (params: MemberListParams) => api.get<Page<Member>>('/api/members', params);

/** `path?query`, leaving out empty values as `api.get` does. */
function withQuery(path: string, query: QueryParams) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** The export takes the list's filters and sort, not its page. */
export const membersExportUrl = ({ page: _page, pageSize: _pageSize, ...filters }: MemberListParams) => withQuery('/api/members/export.xlsx', filters);

export const fetchMember = (id: number) => api.get<MemberDetail>(`/api/members/${id}`);

export const addMember = (input: NewMember) => api.post<{ id: number; tenantId: number; cardNo: string }>('/api/members', input);

export const revealResidentId = (id: number) => api.post<{ residentId: string }>(`/api/members/${id}/reveal-id`);

export const actOnMember = (id: number, body: ActionBody) => api.post(`/api/members/${id}/actions`, body);

export const listDeemedCandidates = (params: DeemedListParams) =>
  api.get<Page<DeemedCandidate> & { cutoff: string }>('/api/members/deemed-withdrawal-candidates', params);

export const listApplications = (params: ApplicationListParams) => api.get<Page<JoinApplication>>('/api/join-applications', params);

export const actOnApplication = (id: number, body: ActionBody) => api.post(`/api/join-applications/${id}/actions`, body);

/** Member-holding unions anywhere by name or pinyin (the public finder): a transfer may go outside one's scope. */
export const findUnions = (q: string) =>
  api.get<{ items: { id: number; name: string; type: string; parentName: string | null }[] }>('/api/public/unions', { q }).then((r) => r.items);

export const listTransfers = (params: TransferListParams) => api.get<Page<Transfer>>('/api/transfers', params);

export const requestTransfer = (input: TransferRequest) => api.post<{ id: number; tenantId: number; trackingCode: string }>('/api/transfers', input);

export const actOnTransfer = (id: number, body: ActionBody) => api.post(`/api/transfers/${id}/actions`, body);

/**
 * Upload a roster as multipart/form-data (the one request `api` does not
 * make: JSON only). Errors become the same ApiError as everywhere else.
 */
export async function uploadRoster(orgId: number, file: File, csrfToken: string | null) {
  const form = new FormData();
  // The server reads the fields in order: the union before the file.
  form.append('orgId', String(orgId));
  form.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch('/api/member-imports', {
      method: 'POST',
      headers: { accept: 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
      credentials: 'same-origin',
      body: form,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试', 'Network error');
  }
  if (res.ok) return (await res.json()) as MemberImport;
  const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string; messageEn?: string; fields?: FieldIssue[] } } | null;
  const error = body?.error;
  if (error?.code && error.message) throw new ApiError(res.status, error.code, error.message, error.messageEn ?? '', error.fields ?? []);
  throw new ApiError(res.status, 'INTERNAL', `上传失败（HTTP ${res.status}），请稍后重试`, `HTTP ${res.status}`);
}

export const listImports = (params: PageParams & { orgId?: number }) => api.get<Page<MemberImport>>('/api/member-imports', params);

export const fetchImport = (id: number) => api.get<MemberImport>(`/api/member-imports/${id}`);

export const listImportRows = (id: number, params: PageParams & { outcome?: ImportOutcome }) => api.get<Page<ImportRow>>(`/api/member-imports/${id}/rows`, params);

export const commitImport = (id: number) => api.post<MemberImport>(`/api/member-imports/${id}/commit`);

export const importReportUrl = (id: number) => `/api/member-imports/${id}/report.xlsx`;
