import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type AuditParams, endSession, fetchAuditMeta, listAudit, listLoginLog, listSessions, type LoginLogParams } from './api';

export const useAuditLog = (params: AuditParams) =>
  useQuery({ queryKey: ['audit', params], queryFn: () => listAudit(params), placeholderData: keepPreviousData });

export const useAuditMeta = () => useQuery({ queryKey: ['audit', 'meta'], queryFn: fetchAuditMeta, staleTime: Infinity });

export const useLoginLog = (params: LoginLogParams) =>
  useQuery({ queryKey: ['login-log', params], queryFn: () => listLoginLog(params), placeholderData: keepPreviousData });

const SESSIONS = ['sessions'] as const;

export const useSessions = () =>
  useQuery({ queryKey: SESSIONS, queryFn: () => listSessions().then((r) => r.items), refetchInterval: 60_000 });

export function useEndSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endSession,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SESSIONS }),
  });
}
