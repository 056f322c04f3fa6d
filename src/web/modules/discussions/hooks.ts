import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageParams } from '../../lib/api';
import { addComment, closeTopic, type CommentOrder, fetchTopic, hideComment, listComments, listTopics, openTopic, pinTopic, type TopicListParams, vote } from './api';

/** A vote, a comment or a close changes the topic, its list row and its comments: one key prefix for all. */
const DISCUSSIONS = ['discussions'] as const;

export const useTopics = (params: TopicListParams) => useQuery({ queryKey: [...DISCUSSIONS, 'list', params], queryFn: () => listTopics(params), placeholderData: keepPreviousData });

export const useTopic = (id: number | null) => useQuery({ queryKey: [...DISCUSSIONS, 'detail', id], queryFn: id ? () => fetchTopic(id) : skipToken });

export const useComments = (topicId: number, params: PageParams & { order: CommentOrder }) =>
  useQuery({ queryKey: [...DISCUSSIONS, 'comments', topicId, params], queryFn: () => listComments(topicId, params), placeholderData: keepPreviousData });

function useDiscussionsMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: DISCUSSIONS }) });
}

export const useOpenTopic = () => useDiscussionsMutation(openTopic);
export const useCloseTopic = () => useDiscussionsMutation(closeTopic);
export const usePinTopic = () => useDiscussionsMutation(({ id, pinned }: { id: number; pinned: boolean }) => pinTopic(id, pinned));
export const useVote = () => useDiscussionsMutation(({ topicId, pollId, optionIds }: { topicId: number; pollId: number; optionIds: number[] }) => vote(topicId, pollId, optionIds));
export const useAddComment = () => useDiscussionsMutation(({ topicId, body }: { topicId: number; body: string }) => addComment(topicId, body));
export const useHideComment = () =>
  useDiscussionsMutation(({ topicId, commentId, reason }: { topicId: number; commentId: number; reason: string }) => hideComment(topicId, commentId, reason));
