import type { z } from 'zod';
import type { commentPage, commentQuery, commentRow, hideInput, newComment, newTopic, pinInput, pollView, topicDetail, topicListQuery, topicRow, voteInput } from '../../../server/modules/discussions/routes';
import { api, type Page, type PageParams } from '../../lib/api';

// What the server sends and takes, typed from its own schemas (`z.input`: the wire form, dates as ISO strings).
export type Topic = z.input<typeof topicRow>;
/** A topic with its polls (options, the user's ballot, the counts when the user may see them) and what the user may do. */
export type TopicDetail = z.input<typeof topicDetail>;
export type TopicStatus = Topic['status'];
export type Poll = z.input<typeof pollView>;
export type Comment = z.input<typeof commentRow>;
export type NewTopic = z.input<typeof newTopic>;
export type CommentOrder = NonNullable<z.input<typeof commentQuery>['order']>;

// The list's query string, as the page keeps it (strings from the URL).
export type TopicFilterKey = keyof Omit<z.input<typeof topicListQuery>, 'page' | 'pageSize'>;
export type TopicListParams = PageParams & Partial<Record<TopicFilterKey, string>>;

export const listTopics = (params: TopicListParams) => api.get<Page<Topic>>('/api/discussions', params);

export const fetchTopic = (id: number) => api.get<TopicDetail>(`/api/discussions/${id}`);

export const openTopic = (input: NewTopic) => api.post<TopicDetail>('/api/discussions', input);

export const closeTopic = (id: number) => api.post(`/api/discussions/${id}/close`);

export const pinTopic = (id: number, pinned: boolean) => api.put(`/api/discussions/${id}/pin`, { pinned } satisfies z.input<typeof pinInput>);

export const vote = (topicId: number, pollId: number, optionIds: number[]) =>
  api.post(`/api/discussions/${topicId}/polls/${pollId}/votes`, { optionIds } satisfies z.input<typeof voteInput>);

export const listComments = (topicId: number, params: PageParams & { order: CommentOrder }) => api.get<z.input<typeof commentPage>>(`/api/discussions/${topicId}/comments`, params);

export const addComment = (topicId: number, body: string) => api.post<{ id: number }>(`/api/discussions/${topicId}/comments`, { body } satisfies z.input<typeof newComment>);

export const hideComment = (topicId: number, commentId: number, reason: string) =>
  api.post(`/api/discussions/${topicId}/comments/${commentId}/hide`, { reason } satisfies z.input<typeof hideInput>);
