import { createHash, randomBytes } from 'node:crypto';
import { and, count, desc, eq, gt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { orgs } from '../org-tree/schema.js';
import type { Actor, Grant } from '../actor.js';
import { recordAudit } from '../audit/audit.js';
import { AppError, notFound, validationError } from '../errors.js';
import { requirePaths, scopeFilter, scopePaths } from '../scope.js';
import { beijingTimestamp } from '../beijing-time.js';
import { prepareLogExport } from '../audit/log-export.js';
import { readUserAgent } from '../user-agent.js';
import { EXPORT_PAGE, olderThan, pagesNewestFirst } from '../xlsx-writer.js';
import { maskMobile } from '../cn-ids.js';
import type { PhoneCodes } from '../sms/codes.js';
import { createLoginThrottle } from './login-throttle.js';
import { LOGIN_COLUMNS, type LoginLogQuery, loginLogWhere, withClient } from './login-log.js';
import { DUMMY_HASH, hashPassword, passwordWeakness, verifyPassword } from './passwords.js';
import { declaredPermissions, ROLES } from './roles.js';
import { authEpoch, loginLog, roleGrants, sessions, users } from './schema.js';
import { createSessionCache, type SessionUser } from './session-cache.js';

export const SESSION_COOKIE = 'lx_session';
const SESSION_IDLE_MS = 8 * 3600_000;
const SESSION_MAX_MS = 7 * 24 * 3600_000;
/** Touch last_seen at most this often: a write per request would dominate reads. */
const TOUCH_EVERY_MS = 60_000;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** A request's signed-in user: the actor services take, the CSRF token, and the account as /me shows it. */
export interface ResolvedSession {
  actor: Actor;
  csrfToken: string;
  user: SessionUser;
}

export interface RequestInfo {
  ip?: string;
  userAgent?: string;
}

/**
 * Whom a phone number belongs to among the people a module knows (members: the holder of an open
 * membership), for a worker's first sign-in by code: their name and union, `ambiguous` when several
 * people share the number, null when nobody holds it.
 */
/** Whose number it is: the union of their open membership, their name, and the person (users.person_hash: 我的会籍). */
export type WorkerForPhone = (tx: Db, mobile: string) => Promise<{ orgId: number; displayName: string; personHash: Buffer } | 'ambiguous' | null>;

export function createAccountService(deps: { db: Db; phoneCodes?: Pick<PhoneCodes, 'request' | 'verify'>; workerForPhone?: WorkerForPhone }) {
  const { db } = deps;
  const throttle = createLoginThrottle(db);

  async function grantsOf(userId: number, tx: Db = db): Promise<Grant[]> {
    const rows = await tx
      .select({ id: roleGrants.id, role: roleGrants.role, orgId: orgs.id, orgName: orgs.name, orgPath: orgs.path, tenantId: orgs.tenantId })
      .from(roleGrants)
      .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
      .where(and(eq(roleGrants.userId, userId), eq(orgs.active, true)))
      .orderBy(roleGrants.id);
    return rows;
  }

  const permissionsOf = (actor: Actor) =>
    declaredPermissions().filter((p) => scopePaths(actor, p).length > 0);

  /** The signed-in user as the web app shows it: from the resolved session, no query. */
  function me({ user, actor }: ResolvedSession) {
    return {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      mustChangePassword: user.mustChangePassword,
      homeOrgId: user.homeOrgId,
      homeOrgName: user.homeOrgName,
      grants: user.grants.map((g) => ({ id: g.id, role: g.role, roleLabel: ROLES[g.role], orgId: g.orgId, orgName: g.orgName })),
      permissions: permissionsOf(actor),
    };
  }

  const cache = createSessionCache();
  // Prepared once: every API request runs it.
  const sessionCheck = db
    .select({ userId: sessions.userId, csrfToken: sessions.csrfToken, lastSeenAt: sessions.lastSeenAt, epoch: authEpoch.value })
    .from(sessions)
    .innerJoin(authEpoch, eq(authEpoch.id, 1))
    .where(and(eq(sessions.id, sql.placeholder('id')), gt(sessions.expiresAt, sql`now()`)))
    .prepare('session_check');

  /** The account, its home org and its grants (grantsOf's rule, as json) in one round trip, cached under the epoch read with them. */
  async function loadSessionUser(sessionId: string, userId: number): Promise<SessionUser | undefined> {
    const [row] = await db
      .select({
        id: users.id,
        username: users.username,
        displayName: users.displayName,
        active: users.active,
        homeOrgId: users.homeOrgId,
        homeOrgName: orgs.name,
        mustChangePassword: users.mustChangePassword,
        personHash: users.personHash,
        grants: sql<Grant[]>`coalesce((
          select json_agg(json_build_object('id', g.id, 'role', g.role, 'orgId', o.id, 'orgName', o.name, 'orgPath', o.path, 'tenantId', o.tenant_id) order by g.id)
          from ${roleGrants} g join ${orgs} o on o.id = g.org_id
          where g.user_id = "users"."id" and o.active), '[]'::json)`,
        epoch: authEpoch.value,
      })
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.homeOrgId))
      .innerJoin(authEpoch, eq(authEpoch.id, 1))
      .where(eq(users.id, userId));
    if (!row) return undefined;
    const { epoch, ...user } = row;
    cache.set(sessionId, epoch, user);
    return user;
  }

  /** Every sign-in attempt, with its outcome: the login log of the admin console. */
  async function logAttempt(entry: { username: string; userId?: number; orgPath?: string | null; success: boolean; reason?: string } & RequestInfo) {
    await db.insert(loginLog).values({
      username: entry.username.slice(0, 50),
      userId: entry.userId ?? null,
      orgPath: entry.orgPath ?? null,
      ip: entry.ip ?? null,
      userAgent: entry.userAgent?.slice(0, 500) ?? null,
      success: entry.success,
      reason: entry.reason ?? null,
    });
  }

  async function openSession(userId: number, info: RequestInfo) {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await db.insert(sessions).values({
      id: sha256(token),
      userId,
      csrfToken,
      ip: info.ip ?? null,
      userAgent: info.userAgent?.slice(0, 500) ?? null,
      expiresAt: new Date(Date.now() + SESSION_MAX_MS),
    });
    return { token, csrfToken };
  }

  const phoneCodes = () => {
    if (!deps.phoneCodes) throw new Error('the account service was made without phone codes');
    return deps.phoneCodes;
  };

  /** Worker accounts (every role they hold is `worker`: a staff member's own phone signs in no one) that match `which`. */
  const workerAccounts = (tx: Db, which: SQL) =>
    tx
      .select({ id: users.id, username: users.username, active: users.active, orgPath: orgs.path })
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.homeOrgId))
      .where(
        and(
          which,
          sql`exists (select 1 from ${roleGrants} g where g.user_id = ${users.id} and g.role = 'worker')`,
          sql`not exists (select 1 from ${roleGrants} g where g.user_id = ${users.id} and g.role <> 'worker')`,
        ),
      )
      .limit(2);

  async function createWorkerAccount(tx: Db, mobile: string, person: { orgId: number; displayName: string; personHash: Buffer }, info: RequestInfo) {
    const [union] = await tx.select({ id: orgs.id, path: orgs.path, tenantId: orgs.tenantId }).from(orgs).where(eq(orgs.id, person.orgId));
    const [user] = await tx
      .insert(users)
      .values({
        username: `w_${randomBytes(6).toString('hex')}`,
        displayName: person.displayName,
        homeOrgId: union.id,
        phone: mobile,
        // The account is the person's own: 我的会籍 reads their membership through it.
        personHash: person.personHash,
        // Never typed: the account signs in by code only.
        passwordHash: await hashPassword(randomBytes(24).toString('base64url')),
        mustChangePassword: false,
      })
      .returning({ id: users.id, username: users.username, active: users.active });
    await tx.insert(roleGrants).values({ userId: user.id, orgId: union.id, role: 'worker' });
    await recordAudit(tx, { userId: user.id, username: user.username, displayName: person.displayName, grants: [], homeOrgId: union.id, ...info }, {
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      tenantId: union.tenantId,
      orgPath: union.path,
      summary: `会员「${person.displayName}」首次以短信验证码登录，建立职工账号（${maskMobile(mobile)}）`,
    });
    return { ...user, orgPath: union.path };
  }

  const badCredentials = () => new AppError('UNAUTHENTICATED', '用户名或密码错误', 'Wrong username or password');

  /** "30 秒" or "15 分钟" (rounded up). */
  const waitText = (seconds: number) => (seconds < 60 ? `${seconds} 秒` : `${Math.ceil(seconds / 60)} 分钟`);

  return {
    grantsOf,
    me,

    /**
     * Sign in. Each attempt first takes a slot of the login throttle for its
     * address and its account name (login-throttle.ts), so guesses are slowed
     * down however many arrive at once; every attempt is logged.
     */
    async login(username: string, password: string, info: RequestInfo) {
      const throttled = await throttle.begin(username, info.ip);
      if (throttled) {
        const seconds = Math.max(1, Math.ceil((throttled.until.getTime() - Date.now()) / 1000));
        await logAttempt({ username, success: false, reason: throttled.throttled === 'address' ? '来源地址尝试过多' : '尝试过多，需等待', ...info });
        // The same answer for a name that exists and one that does not.
        throw new AppError('TOO_MANY_REQUESTS', `登录尝试过于频繁，请 ${waitText(seconds)}后再试`, `Too many sign-in attempts; try again in ${seconds} seconds`, undefined, {
          'retry-after': String(seconds),
        });
      }
      const [user] = await db
        .select({ user: users, orgPath: orgs.path })
        .from(users)
        .innerJoin(orgs, eq(orgs.id, users.homeOrgId))
        .where(sql`lower(${users.username}) = lower(${username})`);
      if (!user) {
        await verifyPassword(password, DUMMY_HASH);
        await logAttempt({ username, success: false, reason: '用户不存在', ...info });
        throw badCredentials();
      }
      const { user: account, orgPath } = user;
      if (!(await verifyPassword(password, account.passwordHash))) {
        await logAttempt({ username, userId: account.id, orgPath, success: false, reason: '密码错误', ...info });
        throw badCredentials();
      }
      await throttle.succeeded(username, info.ip);
      if (!account.active) {
        await logAttempt({ username, userId: account.id, orgPath, success: false, reason: '账号已停用', ...info });
        throw new AppError('FORBIDDEN', '账号已停用，请联系管理员', 'This account is disabled');
      }
      await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, account.id));
      await logAttempt({ username: account.username, userId: account.id, orgPath, success: true, ...info });
      return openSession(account.id, info);
    },

    /**
     * 短信登录, step one: a code to the number, if a worker account or a member holds it; the same answer
     * either way (codes.ts), and the code's limits apply either way.
     */
    async requestSignInCode(phone: string, info: RequestInfo) {
      return phoneCodes().request({
        phone,
        purpose: 'sign_in',
        ip: info.ip,
        known: async (tx, mobile) => (await workerAccounts(tx, eq(users.phone, mobile))).length > 0 || (await deps.workerForPhone?.(tx, mobile)) != null,
      });
    },

    /**
     * 短信登录, step two: the code proves the number; the session is the worker account holding it. A
     * member without an account yet gets one now, at the union of their open membership, with the
     * `worker` role there and no usable password (docs/architecture.md, "Workers' sign-in by code").
     * Staff accounts never sign in this way: only accounts whose roles are all `worker`.
     */
    async signInWithCode(phone: string, code: string, info: RequestInfo) {
      let mobile: string;
      try {
        mobile = await phoneCodes().verify(phone, 'sign_in', code);
      } catch (error) {
        await logAttempt({ username: maskMobile(phone.replace(/\D/g, '').slice(-11)), success: false, reason: '短信验证码错误或失效', ...info });
        throw error;
      }
      const account = await db.transaction(async (tx) => {
        const accounts = await workerAccounts(tx, eq(users.phone, mobile));
        if (accounts.length > 1) throw new AppError('CONFLICT', '此手机号对应多个职工账号，请联系工会处理', 'Several worker accounts hold this number');
        if (accounts[0]) return accounts[0];
        const person = await deps.workerForPhone?.(tx, mobile);
        if (person === 'ambiguous') throw new AppError('CONFLICT', '此手机号登记在多位会员名下，请联系工会更正手机号', 'Several members share this number');
        if (!person) throw new AppError('UNAUTHENTICATED', '此手机号没有对应的职工账号或会员登记，请联系工会', 'No worker account or membership holds this number');
        // The member's account from before a change of number (我的会籍 更换手机号): it follows the number.
        const [own] = await workerAccounts(tx, eq(users.personHash, person.personHash));
        if (own) {
          await tx.update(users).set({ phone: mobile, version: sql`${users.version} + 1`, updatedAt: new Date() }).where(eq(users.id, own.id));
          return own;
        }
        return createWorkerAccount(tx, mobile, person, info);
      });
      if (!account.active) {
        await logAttempt({ username: account.username, userId: account.id, orgPath: account.orgPath, success: false, reason: '账号已停用', ...info });
        throw new AppError('FORBIDDEN', '账号已停用，请联系工会', 'This account is disabled');
      }
      await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, account.id));
      await logAttempt({ username: account.username, userId: account.id, orgPath: account.orgPath, success: true, reason: '短信验证码登录', ...info });
      return openSession(account.id, info);
    },

    /**
     * Resolve the session cookie into an actor, or null when absent, expired or ended: one primary-key read of
     * the session and the auth epoch per request, the account and grants from the cache while the epoch holds.
     */
    async resolveSession(token: string | undefined, info: RequestInfo): Promise<ResolvedSession | null> {
      if (!token || token.length > 100) return null;
      const id = sha256(token);
      const [found] = await sessionCheck.execute({ id });
      if (!found) {
        cache.delete(id);
        return null;
      }
      const now = Date.now();
      if (now - found.lastSeenAt.getTime() > SESSION_IDLE_MS) {
        cache.delete(id);
        await db.delete(sessions).where(eq(sessions.id, id));
        return null;
      }
      const user = cache.get(id, found.epoch) ?? (await loadSessionUser(id, found.userId));
      if (!user?.active) return null;
      if (now - found.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
        await db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
      }
      return {
        csrfToken: found.csrfToken,
        user,
        actor: {
          userId: user.id,
          username: user.username,
          displayName: user.displayName,
          homeOrgId: user.homeOrgId,
          grants: user.grants,
          ...(user.personHash ? { personHash: user.personHash } : {}),
          sessionId: id,
          ...info,
        },
      };
    },

    async logout(actor: Actor) {
      if (!actor.sessionId) return;
      cache.delete(actor.sessionId);
      await db.delete(sessions).where(eq(sessions.id, actor.sessionId));
    },

    async changePassword(actor: Actor, currentPassword: string, newPassword: string) {
      const [account] = await db.select().from(users).where(eq(users.id, actor.userId!));
      if (!account || !(await verifyPassword(currentPassword, account.passwordHash))) {
        throw validationError([{ field: 'currentPassword', reason: '当前密码不正确' }]);
      }
      const weakness = passwordWeakness(newPassword, account.username);
      if (weakness) throw validationError([{ field: 'newPassword', reason: weakness }]);
      if (await verifyPassword(newPassword, account.passwordHash)) {
        throw validationError([{ field: 'newPassword', reason: '新密码不能与当前密码相同' }]);
      }
      const home = await homeOrg(account.homeOrgId);
      await db.transaction(async (tx) => {
        await tx
          .update(users)
          .set({ passwordHash: await hashPassword(newPassword), mustChangePassword: false, passwordChangedAt: new Date(), updatedAt: new Date() })
          .where(eq(users.id, account.id));
        // Other sessions end: a changed password must lock out whoever else held it.
        await tx.delete(sessions).where(and(eq(sessions.userId, account.id), sql`${sessions.id} <> ${actor.sessionId ?? ''}`));
        await recordAudit(tx, actor, {
          action: 'user.change_password',
          entityType: 'user',
          entityId: account.id,
          tenantId: home.tenantId,
          orgPath: home.path,
          summary: `用户「${account.username}」修改了自己的密码`,
        });
      });
    },

    async loginLog(actor: Actor, params: LoginLogQuery & { page: number; pageSize: number }) {
      const where = loginLogWhere(actor, params);
      const [items, [{ total }]] = await Promise.all([
        db.select(LOGIN_COLUMNS).from(loginLog).where(where).orderBy(desc(loginLog.at), desc(loginLog.id)).limit(params.pageSize).offset((params.page - 1) * params.pageSize),
        db.select({ total: count() }).from(loginLog).where(where),
      ]);
      return { items: items.map(withClient), total, page: params.page, pageSize: params.pageSize };
    },

    /** The login log with the list's filter as an xlsx, every matching attempt (audit/log-export.ts). */
    async prepareLoginLogExport(actor: Actor, params: LoginLogQuery) {
      const where = loginLogWhere(actor, params);
      const [{ total }] = await db.select({ total: count() }).from(loginLog).where(where);
      async function* rows() {
        const pages = pagesNewestFirst((after) =>
          db
            .select({ ...LOGIN_COLUMNS, atKey: sql<string>`${loginLog.at}::text` })
            .from(loginLog)
            .where(after ? and(where, olderThan(loginLog.at, loginLog.id, after)) : where)
            .orderBy(desc(loginLog.at), desc(loginLog.id))
            .limit(EXPORT_PAGE),
        );
        for await (const page of pages) {
          yield page.map((a) => [beijingTimestamp(a.at), a.username, a.success ? '成功' : '失败', a.reason ?? '', a.ip ?? '', readUserAgent(a.userAgent).text]);
        }
      }
      return prepareLogExport(db, actor, {
        action: 'login_log.export',
        name: '登录日志',
        fallbackName: 'login-log',
        total,
        filter: params,
        rows,
        columns: [
          { header: '时间', width: 20 },
          { header: '用户名', width: 18 },
          { header: '结果', width: 8 },
          { header: '失败原因', width: 24 },
          { header: 'IP', width: 16 },
          { header: '浏览器与系统', width: 26 },
        ],
      });
    },

    /** Online sessions of users whose home org is in the admin's scope. */
    async onlineSessions(actor: Actor) {
      const rows = await db
        .select({ id: sessions.id, userId: users.id, username: users.username, displayName: users.displayName, ip: sessions.ip, userAgent: sessions.userAgent, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .innerJoin(orgs, eq(orgs.id, users.homeOrgId))
        .where(and(gt(sessions.expiresAt, new Date()), gt(sessions.lastSeenAt, new Date(Date.now() - SESSION_IDLE_MS)), scopeFilter(orgs.path, requirePaths(actor, 'sessions.manage'))))
        .orderBy(desc(sessions.lastSeenAt))
        .limit(500);
      return rows.map((r) => ({ ...withClient(r), id: r.id.slice(0, 16), current: r.id === actor.sessionId }));
    },

    async endSession(actor: Actor, shortId: string) {
      await db.transaction(async (tx) => {
        const [row] = await tx
          .select({ id: sessions.id, username: users.username, userId: users.id, tenantId: orgs.tenantId, path: orgs.path })
          .from(sessions)
          .innerJoin(users, eq(users.id, sessions.userId))
          .innerJoin(orgs, eq(orgs.id, users.homeOrgId))
          .where(and(sql`${sessions.id} like ${`${shortId.replace(/[^0-9a-f]/g, '')}%`}`, scopeFilter(orgs.path, requirePaths(actor, 'sessions.manage'))))
          .limit(2);
        if (!row || shortId.length !== 16) throw notFound('会话', 'session');
        await tx.delete(sessions).where(eq(sessions.id, row.id));
        await recordAudit(tx, actor, {
          action: 'session.end',
          entityType: 'user',
          entityId: row.userId,
          tenantId: row.tenantId,
          orgPath: row.path,
          summary: `强制下线用户「${row.username}」的一个会话`,
        });
      });
    },
  };

  async function homeOrg(id: number) {
    const [org] = await db.select({ tenantId: orgs.tenantId, path: orgs.path }).from(orgs).where(eq(orgs.id, id));
    return org!;
  }
}

export type AccountService = ReturnType<typeof createAccountService>;
