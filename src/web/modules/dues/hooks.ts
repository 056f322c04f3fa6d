import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  activityDetailOf,
  addAttendance,
  checkInCodeOf,
  commitImport,
  createActivity,
  type DuesParams,
  importLines,
  listActivities,
  listDues,
  markPaid,
  memberChoicesOf,
  recordDues,
  uploadPayroll,
} from './api';
import type { PageParams } from '../../lib/api';

const DUES = ['dues'] as const;
/** Dues and attendance change the members' evidence too: their lists refresh with ours. */
const AFFECTED = [DUES, ['members']];

function useDuesMutation<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => Promise.all(AFFECTED.map((queryKey) => client.invalidateQueries({ queryKey }))) });
}

export const useDues = (params: DuesParams) => useQuery({ queryKey: [...DUES, 'list', params], queryFn: () => listDues(params), placeholderData: keepPreviousData });
export const useMemberChoices = (orgId: number | undefined, q: string) =>
  useQuery({ queryKey: [...DUES, 'members', orgId, q], queryFn: () => memberChoicesOf(orgId!, q), enabled: Boolean(orgId), placeholderData: keepPreviousData });
export const useRecordDues = () => useDuesMutation(recordDues);
export const useMarkPaid = () => useDuesMutation(markPaid);
export const useUploadPayroll = () => useDuesMutation(({ orgId, month, file }: { orgId: number; month: string; file: File }) => uploadPayroll(orgId, month, file));
export const useImportLines = (id: number, params: PageParams & { problemsOnly?: boolean }) =>
  useQuery({ queryKey: [...DUES, 'import', id, params], queryFn: () => importLines(id, params), placeholderData: keepPreviousData });
export const useCommitImport = () => useDuesMutation(commitImport);

export const useActivities = (params: PageParams & { orgId?: string }) =>
  useQuery({ queryKey: [...DUES, 'activities', params], queryFn: () => listActivities(params), placeholderData: keepPreviousData });
export const useActivity = (id: number) => useQuery({ queryKey: [...DUES, 'activity', id], queryFn: () => activityDetailOf(id) });
export const useCreateActivity = () => useDuesMutation(createActivity);
export const useAddAttendance = () => useDuesMutation(({ id, membershipIds }: { id: number; membershipIds: number[] }) => addAttendance(id, membershipIds));
/** A fresh code every five minutes while the QR is shown (each lives ten). */
export const useCheckInCode = (id: number, enabled: boolean) =>
  useQuery({ queryKey: [...DUES, 'check-in-code', id], queryFn: () => checkInCodeOf(id), enabled, refetchInterval: 5 * 60_000, retry: false });
