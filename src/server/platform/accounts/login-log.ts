import { and, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../actor.js';
import { requirePaths, scopeFilter } from '../scope.js';
import { readUserAgent } from '../user-agent.js';
import { loginLog } from './schema.js';

/** The login log's filters: the list and its export take the same. */
export interface LoginLogQuery {
  username?: string;
  success?: boolean;
  ip?: string;
  from?: Date;
  to?: Date;
}

export const LOGIN_COLUMNS = { id: loginLog.id, at: loginLog.at, username: loginLog.username, ip: loginLog.ip, userAgent: loginLog.userAgent, success: loginLog.success, reason: loginLog.reason };

export function loginLogWhere(actor: Actor, params: LoginLogQuery) {
  const paths = requirePaths(actor, 'audit.read');
  const inScope = scopeFilter(loginLog.orgPath, paths);
  // Attempts on unknown usernames belong to no org: readers of the whole tree (the root) see them.
  const filters: SQL[] = [paths.some((p) => !p.includes('.')) ? sql`(${inScope} or ${loginLog.orgPath} is null)` : inScope];
  if (params.username) filters.push(sql`lower(${loginLog.username}) = lower(${params.username})`);
  if (params.success !== undefined) filters.push(eq(loginLog.success, params.success));
  if (params.ip) filters.push(eq(loginLog.ip, params.ip));
  if (params.from) filters.push(gte(loginLog.at, params.from));
  if (params.to) filters.push(lt(loginLog.at, params.to));
  return and(...filters)!;
}

/** A row with its User-Agent as 浏览器与系统. */
export const withClient = <R extends { userAgent: string | null }>(row: R) => ({ ...row, client: readUserAgent(row.userAgent).text });
