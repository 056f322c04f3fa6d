import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { listOutbox, outboxCodes, type OutboxParams, retryMessage } from './api';

const OUTBOX = ['sms-outbox'] as const;

/** The outbox, refreshed while the page is open: the job sends every few seconds. */
export const useOutbox = (params: OutboxParams) =>
  useQuery({ queryKey: [...OUTBOX, params], queryFn: () => listOutbox(params), placeholderData: keepPreviousData, refetchInterval: 10_000 });

export function useRetryMessage() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: retryMessage, onSuccess: () => queryClient.invalidateQueries({ queryKey: OUTBOX }) });
}

export const useOutboxCodes = () => useQuery({ queryKey: [...OUTBOX, 'codes'], queryFn: outboxCodes, staleTime: Infinity });
