import type { z } from 'zod';
import type { loginAttempt, onlineSession } from '../../../server/platform/accounts/routes';
import type { auditEntry, auditMeta } from '../../../server/platform/audit/routes';
import { api, type Page, type PageParams } from '../../lib/api';

/** One row of the operation log, as the server sends it. */
export type AuditEntry = z.input<typeof auditEntry>;

export type AuditParams = PageParams & {
  q?: string;
  action?: string;
  entityType?: string;
  actor?: string;
  /** YYYY-MM-DD */
  from?: string;
  to?: string;
};

export type LoginAttempt = z.input<typeof loginAttempt>;

export type LoginLogParams = PageParams & {
  username?: string;
  success?: string;
  ip?: string;
  from?: string;
  to?: string;
};

/** A signed-in session; `current`: the viewer's own. */
export type OnlineSession = z.input<typeof onlineSession>;

export type AuditMeta = z.input<typeof auditMeta>;

/** A list's filters without its page: an export takes every matching row. */
export const exportQuery = ({ page: _page, pageSize: _size, ...filters }: PageParams & Record<string, string | number | undefined>) => filters;

export const fetchAuditMeta = () => api.get<AuditMeta>('/api/audit/meta');

export const listAudit = (params: AuditParams) => api.get<Page<AuditEntry>>('/api/audit', params);

export const listLoginLog = (params: LoginLogParams) => api.get<Page<LoginAttempt>>('/api/login-log', params);

export const listSessions = () => api.get<{ items: OnlineSession[] }>('/api/sessions');

export const endSession = (id: OnlineSession['id']) => api.delete(`/api/sessions/${encodeURIComponent(id)}`);
