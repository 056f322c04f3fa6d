import { api } from '../../../lib/api';
import type { TimelineEntry } from '../api';
import type { Employment, Joiner } from '../employment';

/** The public phone pages' side of the API: no account, a tracking code instead. */

/** 入会个人信息处理规则, as the server words it for this union (server: members/privacy-notice.ts). */
export interface PrivacyNotice {
  version: string;
  title: string;
  sections: { heading: string; paragraphs: string[] }[];
  consentLabel: string;
  sensitiveConsentLabel: string;
}

export interface PublicUnion {
  id: number;
  name: string;
  type: string;
  consentVersion: string;
  privacyNotice: PrivacyNotice;
  /** Joint and platform unions nearby, for workers whose employer has no union. */
  alternatives: { id: number; name: string; type: string }[];
}

export interface UnionHit {
  id: number;
  name: string;
  type: string;
  parentName: string | null;
}

export interface JoinInput extends Joiner {
  consent: boolean;
  /** The separate consent to processing the resident ID (PIPL art. 29). */
  sensitiveConsent: boolean;
  /** The version of the notice the page showed. */
  consentVersion: string;
}

export interface Tracking {
  tenantId: number;
  trackingCode: string;
}

export interface ApplicationProgress {
  /** `closed`: the applicant became a member by another path (decisionReason says which, and where). */
  state: 'pending' | 'approved' | 'rejected' | 'cancelled' | 'closed';
  stateLabel: string;
  orgName: string;
  name: string;
  decisionReason: string | null;
  cardNo: string | null;
  timeline: TimelineEntry[];
  canCancel: boolean;
}

export interface TransferInput {
  residentId: string;
  phone: string;
  toOrgId: number;
  reason?: string;
  employment?: Employment;
}

export interface TransferProgress {
  state: 'requested' | 'source_confirmed' | 'completed' | 'refused' | 'cancelled';
  stateLabel: string;
  name: string;
  fromOrgName: string;
  toOrgName: string;
  timeline: TimelineEntry[];
  canCancel: boolean;
}

export const fetchUnion = (id: number) => api.get<PublicUnion>(`/api/public/unions/${id}`);

export const findUnions = (q: string) => api.get<{ items: UnionHit[] }>('/api/public/unions', { q }).then((r) => r.items);

export const join = (input: JoinInput) => api.post<Tracking>('/api/public/join', input);

export const fetchApplication = (tenantId: number, code: string) => api.get<ApplicationProgress>(`/api/public/join/${tenantId}/${code}`);

export const cancelApplication = (tenantId: number, code: string) => api.post(`/api/public/join/${tenantId}/${code}/cancel`);

export const requestTransfer = (input: TransferInput) => api.post<Tracking & { id: number }>('/api/public/transfers', input);

export const fetchTransfer = (tenantId: number, code: string) => api.get<TransferProgress>(`/api/public/transfers/${tenantId}/${code}`);

export const cancelTransfer = (tenantId: number, code: string) => api.post(`/api/public/transfers/${tenantId}/${code}/cancel`);
