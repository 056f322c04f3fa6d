import { keepPreviousData, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  fetchBulletin,
  fetchComposition,
  fetchMonthly,
  fetchTargets,
  fetchWeekly,
  issueBulletin,
  listBulletins,
  previewBulletin,
  saveTargets,
} from './api';

const REPORTS = ['member-reports'] as const;

export const useTargets = (orgId: number | null, year: number) =>
  useQuery({ queryKey: [...REPORTS, 'targets', orgId, year], queryFn: orgId ? () => fetchTargets(orgId, year) : skipToken });

export function useSaveTargets() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveTargets,
    // Targets feed every report.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: REPORTS }),
  });
}

export const useWeekly = (orgId: number | null, date: string) =>
  useQuery({ queryKey: [...REPORTS, 'weekly', orgId, date], queryFn: orgId ? () => fetchWeekly(orgId, date) : skipToken, placeholderData: keepPreviousData });

export const useMonthly = (orgId: number | null, month: string) =>
  useQuery({ queryKey: [...REPORTS, 'monthly', orgId, month], queryFn: orgId ? () => fetchMonthly(orgId, month) : skipToken, placeholderData: keepPreviousData });

export const useComposition = (orgId: number | null) =>
  useQuery({ queryKey: [...REPORTS, 'composition', orgId], queryFn: orgId ? () => fetchComposition(orgId) : skipToken });

export const useBulletins = (orgId: number | null, page: number, pageSize: number) =>
  useQuery({
    queryKey: [...REPORTS, 'bulletins', orgId, page, pageSize],
    queryFn: orgId ? () => listBulletins({ orgId, page, pageSize }) : skipToken,
    placeholderData: keepPreviousData,
  });

/** An issued bulletin never changes: cache it for good. */
export const useBulletin = (id: number | null) =>
  useQuery({ queryKey: [...REPORTS, 'bulletin', id], queryFn: id ? () => fetchBulletin(id) : skipToken, staleTime: Infinity });

export const useBulletinPreview = (orgId: number | null, periodEnd: string | null) =>
  useQuery({
    queryKey: [...REPORTS, 'bulletin-preview', orgId, periodEnd],
    queryFn: orgId && periodEnd ? () => previewBulletin(orgId, periodEnd) : skipToken,
    staleTime: 0,
  });

export function useIssueBulletin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: issueBulletin,
    onSuccess: (bulletin) => {
      queryClient.setQueryData([...REPORTS, 'bulletin', bulletin.id], bulletin);
      return queryClient.invalidateQueries({ queryKey: [...REPORTS, 'bulletins'] });
    },
  });
}
