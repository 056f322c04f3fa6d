import type { z } from 'zod';
import type { bulkActionBody, bulkResults, codeLabel, timelineEntries } from '../../../server/http/schemas';
import type { importRow, importSummary } from '../../../server/modules/members/import/routes';
import type {
  actionBody,
  cardVerification,
  consent,
  deemedCandidate,
  deemedCandidatePage,
  joinApplicationRow,
  memberAdded,
  memberDetail,
  memberRow,
  membersMeta,
  newMember,
  revealedId,
  transferCreated,
  transferRequest,
  transferRow,
  unionHit,
} from '../../../server/modules/members/routes';
import { api, ApiError, type FieldIssue, type ListTotal, type Page, type PageMaybeCounted, type PageParams, type QueryParams } from '../../lib/api';

// What the server sends and takes, typed from its own schemas (`z.input`: the wire form, dates as ISO strings).
/** One entry of a record's history. */
export type TimelineEntry = z.input<typeof timelineEntries>[number];
export type Member = z.input<typeof memberRow>;
/** The consent to the join notice behind the membership; `version` null: none recorded. */
export type MemberConsent = z.input<typeof consent>;
/** A member with the whole history, the allowed actions and the other memberships within the viewer's scope. */
export type MemberDetail = z.input<typeof memberDetail>;
export type MemberTransferSummary = MemberDetail['transfers'][number];
export type DeemedCandidate = z.input<typeof deemedCandidate>;
export type JoinApplication = z.input<typeof joinApplicationRow>;
export type Transfer = z.input<typeof transferRow>;
export type MemberImport = z.input<typeof importSummary>;
export type ImportCounts = MemberImport['counts'];
export type ImportRow = z.input<typeof importRow>;
export type ImportOutcome = Exclude<keyof ImportCounts, 'total'>;
export type CodeLabel = z.input<typeof codeLabel>;
export type MembersMeta = z.input<typeof membersMeta>;
/** 随入随录: a person who joined at the union's desk, entered from the paper form. */
export type NewMember = z.input<typeof newMember>;
/** A transfer asked by staff: by membership (the member's union) or resident ID (the receiving union). */
export type TransferRequest = z.input<typeof transferRequest>;
/** Body of every workflow action: the action and, when it needs one, its input. */
export type ActionBody = z.input<typeof actionBody>;

// The lists' query strings, as the pages keep them (strings from the URL).
export type MemberFilterKey = 'q' | 'orgId' | 'status' | 'employmentForm' | 'newFormsOnly' | 'employer' | 'joinedFrom' | 'joinedTo';
export type MemberListParams = PageParams & Partial<Record<MemberFilterKey, string>> & { sort?: string; /** Selected rows only (导出所选). */ ids?: string };
export type ApplicationListParams = PageParams & { state?: string };
export type TransferListParams = PageParams & { direction?: 'in' | 'out'; state?: string };
export type DeemedListParams = PageParams & { orgId?: string };

export const fetchMembersMeta = () => api.get<MembersMeta>('/api/members/meta');

export const listMembers = (params: MemberListParams) => api.get<PageMaybeCounted<Member>>('/api/members', params);

/** The list's count with these filters: a broad search's page comes without it (`total: null`). */
export const countMembers = (filters: Omit<MemberListParams, keyof PageParams | 'sort'>) => api.get<ListTotal>('/api/members/count', filters);

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

export const addMember = (input: NewMember) => api.post<z.input<typeof memberAdded>>('/api/members', input);

export const revealResidentId = (id: number) => api.post<z.input<typeof revealedId>>(`/api/members/${id}/reveal-id`);

export const actOnMember = (id: number, body: ActionBody) => api.post(`/api/members/${id}/actions`, body);

export const listDeemedCandidates = (params: DeemedListParams) =>
  api.get<z.input<typeof deemedCandidatePage>>('/api/members/deemed-withdrawal-candidates', params);

export const listApplications = (params: ApplicationListParams) => api.get<Page<JoinApplication>>('/api/join-applications', params);

export const actOnApplication = (id: number, body: ActionBody) => api.post(`/api/join-applications/${id}/actions`, body);

/** Member-holding unions anywhere by name or pinyin (the public finder): a transfer may go outside one's scope. */
export const findUnions = (q: string) =>
  api.get<{ items: z.input<typeof unionHit>[] }>('/api/public/unions', { q }).then((r) => r.items);

export const listTransfers = (params: TransferListParams) => api.get<Page<Transfer>>('/api/transfers', params);

export const requestTransfer = (input: TransferRequest) => api.post<z.input<typeof transferCreated>>('/api/transfers', input);

export const actOnTransfer = (id: number, body: ActionBody) => api.post(`/api/transfers/${id}/actions`, body);

/** 扫码验证: what a scanned e-card is (valid: the masked name, the union, 会龄; else why not). */
export type CardVerification = z.input<typeof cardVerification>;
export const verifyCard = (token: string) => api.post<CardVerification>('/api/members/card/verify', { token });
export type BulkActionBody = z.input<typeof bulkActionBody>;
type BulkResults = z.input<typeof bulkResults>;
const bulkAct = (url: string) => (body: BulkActionBody) => api.post<BulkResults>(url, body).then((r) => r.results);
/** The same action on each selected record; a result per record (server: engine fireEach). */
export const BULK_ACT = {
  member: bulkAct('/api/members/actions'),
  application: bulkAct('/api/join-applications/actions'),
  transfer: bulkAct('/api/transfers/actions'),
} as const;

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
