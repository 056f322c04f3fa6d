import type { z } from 'zod';
import type { notificationItem } from '../../../server/platform/notifications/routes';
import { api, type Page, type PageParams } from '../../lib/api';

/** One notification, as the server sends it. */
export type NotificationItem = z.input<typeof notificationItem>;

export type NotificationParams = PageParams & { unreadOnly?: string };

export const listNotifications = (params: NotificationParams) =>
  api.get<Page<NotificationItem> & { unread: number }>('/api/notifications', params);

export const fetchUnreadCount = () => api.get<{ unread: number }>('/api/notifications/unread-count');

export const markRead = (id: number) => api.post(`/api/notifications/${id}/read`);

export const markAllRead = () => api.post('/api/notifications/read-all');
