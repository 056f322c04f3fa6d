import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchNotice, fetchReceipts, listNotices, markNoticeRead, type NoticeListParams, publishNotice } from './api';

const NOTICES = ['notices'] as const;

export const useNotices = (params: NoticeListParams) => useQuery({ queryKey: [...NOTICES, 'list', params], queryFn: () => listNotices(params), placeholderData: keepPreviousData });
export const useNotice = (id: number) => useQuery({ queryKey: [...NOTICES, id], queryFn: () => fetchNotice(id) });
export const useReceipts = (id: number, enabled: boolean) => useQuery({ queryKey: [...NOTICES, id, 'receipts'], queryFn: () => fetchReceipts(id), enabled });

/** Reading or publishing changes the lists and the home page's unread count. */
function useNoticeMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: NOTICES }), queryClient.invalidateQueries({ queryKey: ['todos'] })]) });
}
export const usePublishNotice = () => useNoticeMutation(publishNotice);
export const useMarkRead = () => useNoticeMutation(markNoticeRead);
