import type { z } from 'zod';
import type { newNotice, noticeListItem, noticeReceipts, noticeView } from '../../../server/modules/notices/routes';
import { api, type Page, type PageParams } from '../../lib/api';

export type NoticeListItem = z.input<typeof noticeListItem>;
export type Notice = z.input<typeof noticeView>;
export type NoticeReceipts = z.input<typeof noticeReceipts>;
export type NewNotice = z.input<typeof newNotice>;
export type NoticeListParams = PageParams & { box?: string; q?: string; unread?: string };

export const listNotices = (params: NoticeListParams) => api.get<Page<NoticeListItem>>('/api/notices', params);
export const fetchNotice = (id: number) => api.get<Notice>(`/api/notices/${id}`);
export const fetchReceipts = (id: number) => api.get<NoticeReceipts>(`/api/notices/${id}/receipts`);
export const publishNotice = (input: NewNotice) => api.post<Notice>('/api/notices', input);
export const markNoticeRead = (id: number) => api.post(`/api/notices/${id}/read`);
