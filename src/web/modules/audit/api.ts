import { api, type Page, type PageParams } from '../../lib/api';

export interface AuditEntry {
  id: number;
  at: string;
  actorName: string | null;
  ip: string | null;
  userAgent: string | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  summary: string;
  before: unknown;
  after: unknown;
}

export type AuditParams = PageParams & {
  q?: string;
  action?: string;
  entityType?: string;
  actor?: string;
  /** YYYY-MM-DD */
  from?: string;
  to?: string;
};

export interface LoginAttempt {
  id: number;
  at: string;
  username: string;
  ip: string | null;
  userAgent: string | null;
  success: boolean;
  reason: string | null;
}

export type LoginLogParams = PageParams & {
  username?: string;
  success?: string;
  ip?: string;
  from?: string;
  to?: string;
};

export interface OnlineSession {
  id: string | number;
  userId: number;
  username: string;
  displayName: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
}

export const listAudit = (params: AuditParams) => api.get<Page<AuditEntry>>('/api/audit', params);

export const listLoginLog = (params: LoginLogParams) => api.get<Page<LoginAttempt>>('/api/login-log', params);

export const listSessions = () => api.get<{ items: OnlineSession[] }>('/api/sessions');

export const endSession = (id: OnlineSession['id']) => api.delete(`/api/sessions/${encodeURIComponent(id)}`);
