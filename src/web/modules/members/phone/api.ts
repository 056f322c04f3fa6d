import type { z } from 'zod';
import type {
  applicationProgress,
  joinInput,
  joinTracking,
  privacyNotice,
  publicTransferInput,
  publicUnion,
  resumedApplication,
  transferCreated,
  transferProgress,
  unionHit,
} from '../../../../server/modules/members/routes';
import type { smsCodeRequest, smsCodeSent, smsCredentials } from '../../../../server/platform/accounts/routes';
import { phoneApi } from '../../../phone/api';

/** The public phone pages' side of the API: no account, a tracking code instead. Typed from the server's schemas. */

/** 入会个人信息处理规则, as the server words it for this union (server: members/privacy-notice.ts). */
export type PrivacyNotice = z.input<typeof privacyNotice>;
/** The union a join link names, with joint and platform unions nearby for workers whose employer has no union. */
export type PublicUnion = z.input<typeof publicUnion>;
export type UnionHit = z.input<typeof unionHit>;
export type JoinInput = z.input<typeof joinInput>;
export type Tracking = z.input<typeof joinTracking>;
/** `closed`: the applicant became a member by another path (decisionReason says which, and where). */
export type ApplicationProgress = z.input<typeof applicationProgress>;
export type TransferInput = z.input<typeof publicTransferInput>;
export type TransferProgress = z.input<typeof transferProgress>;

export const fetchUnion = (id: number) => phoneApi.get<PublicUnion>(`/api/public/unions/${id}`);

export const findUnions = (q: string) => phoneApi.get<{ items: UnionHit[] }>('/api/public/unions', { q }).then((r) => r.items);

/** With the submission's idempotency key: a resend (the outbox, a double tap) gets the first answer, not a second application. */
export const join = (input: JoinInput, idempotencyKey: string) => phoneApi.post<Tracking>('/api/public/join', input, { idempotencyKey });

export const fetchApplication = (tenantId: number, code: string) => phoneApi.get<ApplicationProgress>(`/api/public/join/${tenantId}/${code}`);

export const cancelApplication = (tenantId: number, code: string) => phoneApi.post(`/api/public/join/${tenantId}/${code}/cancel`);

export type TransferCreated = z.input<typeof transferCreated>;
/** With the submission's idempotency key, as `join`: a resend gets the first transfer, not a second request. */
export const requestTransfer = (input: TransferInput, idempotencyKey: string) => phoneApi.post<TransferCreated>('/api/public/transfers', input, { idempotencyKey });

export const fetchTransfer = (tenantId: number, code: string) => phoneApi.get<TransferProgress>(`/api/public/transfers/${tenantId}/${code}`);

export const cancelTransfer = (tenantId: number, code: string) => phoneApi.post(`/api/public/transfers/${tenantId}/${code}/cancel`);

/** 找回入会申请: a code to the number (the same answer whether or not it applied), then its applications. */
export type ResumedApplication = z.input<typeof resumedApplication>;
export const requestResumeCode = (phone: string) => phoneApi.post<z.input<typeof smsCodeSent>>('/api/public/join/resume/code', { phone } satisfies z.input<typeof smsCodeRequest>);
export const resumeApplications = (phone: string, code: string) =>
  phoneApi.post<{ items: ResumedApplication[] }>('/api/public/join/resume', { phone, code } satisfies z.input<typeof smsCredentials>);
