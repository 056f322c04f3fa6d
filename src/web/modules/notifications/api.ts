import { api, type Page, type PageParams } from '../../lib/api';

export interface NotificationItem {
  id: number;
  at: string;
  kind: string;
  title: string;
  body: string | null;
  /** In-app route to open, e.g. `/orgs?id=12`. */
  link: string | null;
  readAt: string | null;
}

export type NotificationParams = PageParams & { unreadOnly?: string };

export const listNotifications = (params: NotificationParams) =>
  api.get<Page<NotificationItem> & { unread: number }>('/api/notifications', params);

export const fetchUnreadCount = () => api.get<{ unread: number }>('/api/notifications/unread-count');

export const markRead = (id: number) => api.post(`/api/notifications/${id}/read`);

export const markAllRead = () => api.post('/api/notifications/read-all');
