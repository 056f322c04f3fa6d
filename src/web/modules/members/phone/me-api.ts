import type { z } from 'zod';
import type { session, smsCodeRequest, smsCodeSent, smsCredentials } from '../../../../server/platform/accounts/routes';
import type { cardToken, myMembership, myTransferInput, transferCreated, unionHit } from '../../../../server/modules/members/routes';
import { phoneApi } from '../../../phone/api';
import type { ActionBody } from '../api';

/** 我的会籍's calls, typed from the server's schemas (`z.input`: the wire form). */
export type MyMembership = z.input<typeof myMembership>;
export type MyTransfer = MyMembership['transfers'][number];
export type TimelineEntry = NonNullable<MyMembership['membership']>['history'][number];
export type AllowedAction = NonNullable<MyMembership['membership']>['allowedActions'][number];
export type UnionHit = z.input<typeof unionHit>;
export type Session = z.input<typeof session>;

export const fetchSession = () => phoneApi.get<Session>('/api/auth/me');
export const signIn = (username: string, password: string) => phoneApi.post<Session>('/api/auth/login', { username, password });
/** 短信登录 on the phone: a code to the number on the membership, then the number with its code. */
export const requestSignInCode = (phone: string) => phoneApi.post<z.input<typeof smsCodeSent>>('/api/auth/sms-code', { phone } satisfies z.input<typeof smsCodeRequest>);
export const signInWithCode = (phone: string, code: string) => phoneApi.post<Session>('/api/auth/sms-login', { phone, code } satisfies z.input<typeof smsCredentials>);
export const fetchMyMembership = () => phoneApi.get<MyMembership>('/api/my/membership');
export const fetchCardToken = () => phoneApi.get<z.input<typeof cardToken>>('/api/my/membership/card');
export const actOnMyMembership = (body: ActionBody) => phoneApi.post('/api/my/membership/actions', body);
/** 更换手机号: a code to the new number, then the number with its code. */
export const requestMyPhoneCode = (phone: string) => phoneApi.post<z.input<typeof smsCodeSent>>('/api/my/phone/code', { phone } satisfies z.input<typeof smsCodeRequest>);
export const changeMyPhone = (phone: string, code: string) => phoneApi.post('/api/my/phone', { phone, code } satisfies z.input<typeof smsCredentials>);
export type MyTransferInput = z.input<typeof myTransferInput>;
/** With the submission's idempotency key (the outbox's resends return the first transfer). */
export const requestMyTransfer = (body: MyTransferInput, idempotencyKey: string) => phoneApi.post<z.input<typeof transferCreated>>('/api/my/transfers', body, { idempotencyKey });
export const actOnMyTransfer = (id: number, body: ActionBody) => phoneApi.post(`/api/my/transfers/${id}/actions`, body);
export const findUnions = (q: string) => phoneApi.get<{ items: UnionHit[] }>('/api/public/unions', { q });
