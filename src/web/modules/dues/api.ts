import type { z } from 'zod';
import type {
  activityBody,
  activityDetail,
  activityRow,
  checkInCode,
  checkInResult,
  duesImportLines,
  duesImportSummary,
  duesPage,
  duesRecordBody,
  markPaidBody,
  memberChoices,
} from '../../../server/modules/dues/routes';
import { api, type Page, type PageParams } from '../../lib/api';

// What the server sends and takes, typed from its own schemas.
export type DuesPage = z.input<typeof duesPage>;
export type DuesRow = DuesPage['items'][number];
export type DuesImport = z.input<typeof duesImportSummary>;
export type DuesImportLine = z.input<typeof duesImportLines>['items'][number];
export type MemberChoice = z.input<typeof memberChoices>['items'][number];
export type Activity = z.input<typeof activityRow>;
export type ActivityDetail = z.input<typeof activityDetail>;
export type CheckInCode = z.input<typeof checkInCode>;
export type CheckInResult = z.input<typeof checkInResult>;
export type DuesParams = PageParams & { orgId?: string; month?: string; status?: string; q?: string };

export const listDues = (params: DuesParams) => api.get<DuesPage>('/api/dues', params);
export const recordDues = (body: z.input<typeof duesRecordBody>) => api.post<{ status: string; amountFen: number | null }>('/api/dues', body);
export const markPaid = (body: z.input<typeof markPaidBody>) => api.post<{ paid: number; exempt: number }>('/api/dues/mark-paid', body);
export const memberChoicesOf = (orgId: number, q: string) => api.get<{ items: MemberChoice[] }>('/api/dues/members', { orgId, q });
export function uploadPayroll(orgId: number, month: string, file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.upload<DuesImport>('/api/dues/imports', form, { orgId, month });
}
export const importLines = (id: number, params: PageParams & { problemsOnly?: boolean }) => api.get<z.input<typeof duesImportLines>>(`/api/dues/imports/${id}/lines`, params);
export const commitImport = (id: number) => api.post<DuesImport>(`/api/dues/imports/${id}/commit`);

export const listActivities = (params: PageParams & { orgId?: string }) => api.get<Page<Activity>>('/api/activities', params);
export const createActivity = (body: z.input<typeof activityBody>) => api.post<{ id: number }>('/api/activities', body);
export const activityDetailOf = (id: number) => api.get<ActivityDetail>(`/api/activities/${id}`);
export const addAttendance = (id: number, membershipIds: number[]) => api.post<{ added: number }>(`/api/activities/${id}/attendance`, { membershipIds });
export const checkInCodeOf = (id: number) => api.get<CheckInCode>(`/api/activities/${id}/check-in-code`);
export const checkIn = (token: string) => api.post<CheckInResult>('/api/activities/check-in', { token });

/** Fen as yuan with two decimals (¥ 30.62); — when not known. */
