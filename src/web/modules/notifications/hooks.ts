import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import {
  fetchUnreadCount,
  listNotifications,
  markAllRead,
  markRead,
  type NotificationItem,
  type NotificationParams,
} from './api';

const NOTIFICATIONS = ['notifications'] as const;

/** How often the bell asks; notifications are not urgent enough for a push channel. */
const POLL_MS = 30_000;

export const useNotifications = (params: NotificationParams) =>
  useQuery({
    queryKey: [...NOTIFICATIONS, 'list', params],
    queryFn: () => listNotifications(params),
    placeholderData: keepPreviousData,
  });

export const useUnreadCount = () =>
  useQuery({
    queryKey: [...NOTIFICATIONS, 'unread'],
    queryFn: () => fetchUnreadCount().then((r) => r.unread),
    refetchInterval: POLL_MS,
  });

function useNotificationMutation<V>(mutationFn: (variables: V) => Promise<void>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS }) });
}

export const useMarkRead = () => useNotificationMutation(markRead);

export const useMarkAllRead = () => useNotificationMutation<void>(markAllRead);

/** Only paths inside this app: a link is data from the server, not a place to send the browser blindly. */
export const isInAppLink = (link: string | null): link is string => !!link && link.startsWith('/') && !link.startsWith('//');

/** Reading a notification: it is marked read, and its link, if any, is followed. */
export function useOpenNotification() {
  const navigate = useNavigate();
  const { mutate: read } = useMarkRead();
  return (notification: NotificationItem, { follow = true } = {}) => {
    if (!notification.readAt) read(notification.id);
    if (follow && isInAppLink(notification.link)) navigate(notification.link);
  };
}
