import type { z } from 'zod';
import type { Permission } from '../../../server/platform/accounts/roles';
import type { credentials, grantView, meView, passwordChange, session, smsCodeRequest, smsCodeSent, smsCredentials } from '../../../server/platform/accounts/routes';
import { api } from '../../lib/api';

/** The server's permission names (platform/accounts/roles.ts), not a copy of them. */
export type { Permission };

export type Grant = z.input<typeof grantView>;
export type Me = z.input<typeof meView>;
/** Who is signed in, and the token every write must carry. */
export type Session = z.input<typeof session>;

/** The current session; a 401 here means "not signed in", not an expired session. */
export const fetchSession = () => api.get<Session>('/api/auth/me', undefined, { redirectOn401: false });

export const login = (username: string, password: string) =>
  api.post<Session>('/api/auth/login', { username, password } satisfies z.input<typeof credentials>, { redirectOn401: false });

/** 短信登录: a code to the number on record (the same answer whether or not it is known). */
export const requestSignInCode = (phone: string) =>
  api.post<z.input<typeof smsCodeSent>>('/api/auth/sms-code', { phone } satisfies z.input<typeof smsCodeRequest>, { redirectOn401: false });

export const loginWithCode = (phone: string, code: string) =>
  api.post<Session>('/api/auth/sms-login', { phone, code } satisfies z.input<typeof smsCredentials>, { redirectOn401: false });

export const logout = () => api.post('/api/auth/logout');

/** A wrong current password may come back as 401; that must not end the session. */
export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post('/api/auth/password', { currentPassword, newPassword } satisfies z.input<typeof passwordChange>, { redirectOn401: false });
