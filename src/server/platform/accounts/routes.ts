import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clearSessionCookie, requestInfo, requireActor, requireSession, setSessionCookie } from '../../http/auth.js';
import { booleanQuery, bulkIds, bulkResults, codeLabel, dayEndQuery, dayQuery, idParam, noContent, nullableTimestamp, pageOf, pageQuery, timestamp } from '../../http/schemas.js';
import { sendXlsx } from '../../http/xlsx-download.js';
import type { AccountService, RequestInfo } from './service.js';
import type { UserService } from './users-service.js';
import type { RoleOverview } from './roles-view.js';
import { type Permission, ROLE_CODES, ROLES } from './roles.js';

/**
 * A permission's name. Modules declare permissions as they load, after this file is read, so the check is
 * a string here and the type is the declared union (roles.ts).
 */
const permissionName = z.string() as unknown as z.ZodType<Permission, Permission>;

/** The API's shapes of accounts; the web types what it receives from these (`z.input`). */
export const grantView = z.object({ id: z.number(), role: z.enum(ROLE_CODES), roleLabel: z.string(), orgId: z.number(), orgName: z.string() });
export const meView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  mustChangePassword: z.boolean(),
  homeOrgId: z.number(),
  homeOrgName: z.string(),
  grants: z.array(grantView),
  permissions: z.array(permissionName),
});
/** One sign-in attempt of the login log. */
export const loginAttempt = z.object({
  id: z.number(),
  at: timestamp,
  username: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** 浏览器与系统, read from the User-Agent. */
  client: z.string(),
  success: z.boolean(),
  reason: z.string().nullable(),
});
export const userView = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  active: z.boolean(),
  homeOrgId: z.number(),
  homeOrgName: z.string(),
  lockedUntil: nullableTimestamp,
  lastLoginAt: nullableTimestamp,
  mustChangePassword: z.boolean(),
  version: z.number(),
  grants: z.array(grantView),
});
/** A role, what it may do (permissions in Chinese) and how many grants of it lie in the viewer's scope. */
export const roleOverview = z.object({ role: z.enum(ROLE_CODES), label: z.string(), permissions: z.array(z.object({ code: z.string(), label: z.string() })), holders: z.number() });
/** One grant of a role: who holds it at which org. */
export const roleHolder = z.object({ id: z.number(), orgId: z.number(), orgName: z.string(), userId: z.number(), username: z.string(), displayName: z.string(), active: z.boolean() });
/** An account as the picker shows it: who and which roles, nothing more. */
export const pickedUser = z.object({ id: z.number(), username: z.string(), displayName: z.string(), roles: z.array(z.enum(ROLE_CODES)) });
/** The login log's filters: the list and its export take the same. */
const loginLogFilter = z.object({
  username: z.string().max(50).optional(),
  success: booleanQuery.optional(),
  ip: z.string().max(64).optional(),
  from: dayQuery.optional(),
  to: dayEndQuery.optional(),
});
/** What signing in and the session probe answer: who, and the token every write must carry. */
export const session = z.object({ user: meView, csrfToken: z.string() });
export const credentials = z.object({ username: z.string().trim().min(1, '请输入用户名').max(50), password: z.string().min(1, '请输入密码').max(128) });
/** 短信登录: the number on record, then the code sent to it. */
export const smsCodeRequest = z.object({ phone: z.string().trim().min(1, '请输入手机号').max(20).meta({ title: '手机号' }) });
export const smsCodeSent = z.object({ resendAfterSeconds: z.number() });
export const smsCredentials = smsCodeRequest.extend({ code: z.string().trim().regex(/^\d{6}$/, '请输入 6 位数字验证码').meta({ title: '验证码' }) });
export const passwordChange = z.object({ currentPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) });
export const grantInput = z.object({ role: z.enum(ROLE_CODES), orgId: z.number().int().positive() });
export const newUser = z.object({
  username: z.string().trim().min(3).max(50),
  displayName: z.string().trim().min(1).max(50),
  homeOrgId: z.number().int().positive(),
  phone: z.string().max(20).nullish(),
  grants: z.array(grantInput).max(20).default([]),
});
/** A new account and its first password, shown once. */
export const userCreated = z.object({ user: userView, oneTimePassword: z.string() });
/** Only what changed, with the version the editor read. */
export const userChanges = z.object({
  version: z.number().int(),
  displayName: z.string().trim().min(1).max(50).optional(),
  phone: z.string().max(20).nullish(),
  active: z.boolean().optional(),
  homeOrgId: z.number().int().positive().optional(),
});
export const passwordReset = z.object({ oneTimePassword: z.string() });
/** A signed-in session, as the online sessions page lists it; `current`: the viewer's own. */
export const onlineSession = z.object({
  id: z.string(),
  userId: z.number(),
  username: z.string(),
  displayName: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  client: z.string(),
  createdAt: timestamp,
  lastSeenAt: timestamp,
  current: z.boolean(),
});

export async function accountRoutes(app: FastifyInstance, deps: { accounts: AccountService; users: UserService; roles: RoleOverview; secureCookies: boolean }) {
  const { accounts, users } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['账号 accounts'];

  /** A session just opened (by password or by code): its cookie, and the user as /me answers. */
  async function signedIn(reply: FastifyReply, opened: { token: string; csrfToken: string }, info: RequestInfo) {
    setSessionCookie(reply, opened.token, deps.secureCookies);
    const session = await accounts.resolveSession(opened.token, info);
    return { user: accounts.me(session!), csrfToken: opened.csrfToken };
  }

  r.post('/api/auth/login', {
    schema: {
      tags,
      summary: '登录 Sign in',
      body: credentials,
      response: { 200: session },
    },
    handler: async (request, reply) => {
      const info = requestInfo(request);
      return signedIn(reply, await accounts.login(request.body.username, request.body.password, info), info);
    },
  });

  r.post('/api/auth/sms-code', {
    schema: { tags, summary: '获取短信登录验证码 Request a sign-in code', body: smsCodeRequest, response: { 200: smsCodeSent } },
    handler: async (request) => accounts.requestSignInCode(request.body.phone, requestInfo(request)),
  });

  r.post('/api/auth/sms-login', {
    schema: { tags, summary: '短信验证码登录 Sign in by code (workers)', body: smsCredentials, response: { 200: session } },
    handler: async (request, reply) => {
      const info = requestInfo(request);
      return signedIn(reply, await accounts.signInWithCode(request.body.phone, request.body.code, info), info);
    },
  });

  r.get('/api/auth/me', {
    schema: { tags, summary: '当前用户 Current user', response: { 200: session } },
    handler: async (request) => {
      const session = requireSession(request);
      return { user: accounts.me(session), csrfToken: session.csrfToken };
    },
  });

  r.post('/api/auth/logout', {
    schema: { tags, summary: '退出 Sign out', response: { 204: noContent } },
    handler: async (request, reply) => {
      if (request.actor) await accounts.logout(request.actor);
      clearSessionCookie(reply);
      return reply.status(204).send(null);
    },
  });

  r.post('/api/auth/password', {
    schema: {
      tags,
      summary: '修改密码 Change password',
      body: passwordChange,
      response: { 204: noContent },
    },
    handler: async (request, reply) => {
      await accounts.changePassword(requireActor(request), request.body.currentPassword, request.body.newPassword);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/roles', {
    schema: { tags, summary: '角色 Roles', response: { 200: z.object({ items: z.array(codeLabel) }) } },
    handler: async (request) => {
      requireActor(request);
      return { items: Object.entries(ROLES).map(([code, label]) => ({ code, label })) };
    },
  });

  r.get('/api/roles/overview', {
    schema: { tags, summary: '角色权限 Roles and what each may do', response: { 200: z.object({ items: z.array(roleOverview) }) } },
    handler: async (request) => ({ items: await deps.roles.overview(requireActor(request)) }),
  });

  r.get('/api/roles/:role/grants', {
    schema: { tags, summary: '角色的授权 Who holds a role where', params: z.object({ role: z.enum(ROLE_CODES) }), querystring: z.object(pageQuery), response: { 200: pageOf(roleHolder) } },
    handler: async (request) => deps.roles.grants(requireActor(request), request.params.role, request.query),
  });

  r.get('/api/users/pick', {
    schema: { tags, summary: '按姓名查找账号 Find an account to link', querystring: z.object({ q: z.string().trim().min(1).max(50) }), response: { 200: z.object({ items: z.array(pickedUser) }) } },
    handler: async (request) => ({ items: await users.pick(requireActor(request), request.query.q) }),
  });

  r.get('/api/users', {
    schema: {
      tags,
      summary: '用户列表 Users',
      querystring: z.object({ q: z.string().max(50).optional(), orgId: z.coerce.number().int().positive().optional(), active: booleanQuery.optional(), ...pageQuery }),
      response: { 200: pageOf(userView) },
    },
    handler: async (request) => users.list(requireActor(request), request.query),
  });

  r.get('/api/users/:id', {
    schema: { tags, summary: '用户详情 User', params: idParam, response: { 200: userView } },
    handler: async (request) => users.get(requireActor(request), request.params.id),
  });

  r.post('/api/users', {
    schema: {
      tags,
      summary: '新建用户 Create user',
      body: newUser,
      response: { 201: userCreated },
    },
    handler: async (request, reply) => reply.status(201).send(await users.create(requireActor(request), request.body)),
  });

  r.patch('/api/users/:id', {
    schema: {
      tags,
      summary: '修改用户 Update user',
      params: idParam,
      body: userChanges,
      response: { 200: userView },
    },
    handler: async (request) => users.update(requireActor(request), request.params.id, request.body),
  });

  r.post('/api/users/actions', {
    schema: {
      tags,
      summary: '批量启用/停用用户 Enable or disable accounts',
      body: z.object({ ids: bulkIds, active: z.boolean().meta({ title: '启用' }) }),
      response: { 200: bulkResults },
    },
    handler: async (request) => ({ results: await users.setActive(requireActor(request), request.body.ids, request.body.active) }),
  });

  r.post('/api/users/:id/reset-password', {
    schema: { tags, summary: '重置密码 Reset password', params: idParam, response: { 200: passwordReset } },
    handler: async (request) => users.resetPassword(requireActor(request), request.params.id),
  });

  r.post('/api/users/:id/unlock', {
    schema: { tags, summary: '解锁 Unlock', params: idParam, response: { 200: userView } },
    handler: async (request) => users.unlock(requireActor(request), request.params.id),
  });

  r.post('/api/users/:id/grants', {
    schema: { tags, summary: '授予角色 Grant role', params: idParam, body: grantInput, response: { 200: userView } },
    handler: async (request) => users.addGrant(requireActor(request), request.params.id, request.body),
  });

  r.delete('/api/users/:id/grants/:grantId', {
    schema: {
      tags,
      summary: '撤销角色 Revoke role',
      params: z.object({ id: z.coerce.number().int().positive(), grantId: z.coerce.number().int().positive() }),
      response: { 200: userView },
    },
    handler: async (request) => users.removeGrant(requireActor(request), request.params.id, request.params.grantId),
  });

  r.get('/api/login-log', {
    schema: {
      tags,
      summary: '登录日志 Login log',
      querystring: loginLogFilter.extend(pageQuery),
      response: {
        200: pageOf(
          loginAttempt,
        ),
      },
    },
    handler: async (request) => accounts.loginLog(requireActor(request), request.query),
  });

  r.get('/api/login-log/export.xlsx', {
    schema: { tags, summary: '导出登录日志 Export the login log (xlsx)', querystring: loginLogFilter },
    handler: async (request, reply) => {
      const exported = await accounts.prepareLoginLogExport(requireActor(request), request.query);
      return sendXlsx(request, reply, exported.fileName, exported.fallbackName, exported.write);
    },
  });

  r.get('/api/sessions', {
    schema: {
      tags,
      summary: '在线会话 Online sessions',
      response: {
        200: z.object({ items: z.array(onlineSession) }),
      },
    },
    handler: async (request) => ({ items: await accounts.onlineSessions(requireActor(request)) }),
  });

  r.delete('/api/sessions/:id', {
    schema: { tags, summary: '强制下线 End session', params: z.object({ id: z.string().regex(/^[0-9a-f]{16}$/, '会话编号无效') }), response: { 204: noContent } },
    handler: async (request, reply) => {
      await accounts.endSession(requireActor(request), request.params.id);
      return reply.status(204).send(null);
    },
  });
}
