import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type AccountService, type ResolvedSession, SESSION_COOKIE } from '../platform/accounts/service.js';
import type { Actor } from '../platform/actor.js';
import { AppError, unauthenticated } from '../platform/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: ResolvedSession | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes a user who must change the password may still call. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout', '/api/notifications/unread-count']);

export const requestInfo = (request: FastifyRequest) => ({ ip: request.ip, userAgent: request.headers['user-agent'] });
/** requestInfo with the phone's Idempotency-Key, on a route that declares it (platform/idempotency.ts submittedOnce). */
export const submissionInfo = (request: FastifyRequest) => {
  const key = request.headers['idempotency-key'];
  return { ...requestInfo(request), idempotencyKey: typeof key === 'string' ? key : undefined };
};

/**
 * Resolve the session cookie into `request.actor` on every API request, then
 * enforce CSRF (double submit: the token from login or /me in a header) on
 * state-changing requests of a session, and the first-login password change.
 */
export function registerAuthentication(app: FastifyInstance, accounts: AccountService) {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const session = await accounts.resolveSession(request.cookies[SESSION_COOKIE], requestInfo(request));
    if (!session) return;
    request.actor = session.actor;
    request.session = session;
    if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      throw new AppError('CSRF', '页面已过期，请刷新后重试（CSRF 校验失败）', 'CSRF token missing or wrong; reload the page');
    }
    const path = request.url.split('?')[0];
    if (session.user.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(path)) {
      throw new AppError('FORBIDDEN', '首次登录或密码被重置后须先修改密码', 'Change your password first', [{ field: 'password', reason: 'PASSWORD_CHANGE_REQUIRED' }]);
    }
  });
}

export function requireActor(request: FastifyRequest): Actor {
  return requireSession(request).actor;
}

export function requireSession(request: FastifyRequest): ResolvedSession {
  if (!request.session) throw unauthenticated();
  return request.session;
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean) {
  void reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, maxAge: 7 * 24 * 3600 });
}

export function clearSessionCookie(reply: FastifyReply) {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
