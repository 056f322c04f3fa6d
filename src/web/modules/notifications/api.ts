import type { z } from 'zod';
import type { notificationItem, notificationPage, unreadCount } from '../../../server/platform/notifications/routes';
import { api, type PageParams } from '../../lib/api';

/** One notification, as the server sends it. */
export type NotificationItem = z.input<typeof notificationItem>;

export type NotificationParams = PageParams & { unreadOnly?: string };

export const listNotifications = (params: NotificationParams) =>
  api.get<z.input<typeof notificationPage>>('/api/notifications', params);

export const fetchUnreadCount = () => api.get<z.input<typeof unreadCount>>('/api/notifications/unread-count');

export const markRead = (id: number) => api.post(`/api/notifications/${id}/read`);

export const markAllRead = () => api.post('/api/notifications/read-all');
