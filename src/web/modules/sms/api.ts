import type { z } from 'zod';
import type { outboxCodes as outboxCodesView, outboxMessage } from '../../../server/platform/sms/routes';
import { api, type Page, type PageParams } from '../../lib/api';

/** One message of the SMS outbox, as the server sends it (number masked, a code hidden). */
export type OutboxMessage = z.input<typeof outboxMessage>;

export type OutboxParams = PageParams & { status?: string; delivery?: string; template?: string; phone?: string; from?: string; to?: string };

export const listOutbox = (params: OutboxParams) => api.get<Page<OutboxMessage>>('/api/sms/outbox', params);

export const retryMessage = (id: OutboxMessage['id']) => api.post(`/api/sms/outbox/${id}/retry`);

export const outboxCodes = () => api.get<z.input<typeof outboxCodesView>>('/api/sms/outbox/codes');
