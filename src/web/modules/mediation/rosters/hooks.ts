import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createDutyException, createDutyRule, type DutyRuleChanges, fetchDutyMonth, fetchDutyRules, fetchDutyToday, type NewDutyException, type NewDutyRule, removeDutyException, updateDutyRule } from './api';

/** Under the mediation prefix, so that a change of the team (a member renamed or stopped) refetches the roster too. */
const DUTY = ['mediation', 'duty'] as const;

export const useDutyRules = (studioId: number | undefined) =>
  useQuery({ queryKey: [...DUTY, 'rules', studioId], queryFn: () => fetchDutyRules(studioId!), enabled: studioId !== undefined });

export const useDutyMonth = (studioId: number | undefined, month: string) =>
  useQuery({ queryKey: [...DUTY, 'month', studioId, month], queryFn: () => fetchDutyMonth(studioId!, month), enabled: studioId !== undefined });

export const useDutyToday = () => useQuery({ queryKey: [...DUTY, 'today'], queryFn: fetchDutyToday });

/** A change of the roster: its rules, months and today's duty are refetched. */
function useDutyMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: DUTY }) });
}

export const useCreateDutyRule = () => useDutyMutation(({ studioId, ...input }: NewDutyRule & { studioId: number }) => createDutyRule(studioId, input));
export const useUpdateDutyRule = () =>
  useDutyMutation(({ studioId, ruleId, ...changes }: DutyRuleChanges & { studioId: number; ruleId: number }) => updateDutyRule(studioId, ruleId, changes));
export const useCreateDutyException = () => useDutyMutation(({ studioId, ...input }: NewDutyException & { studioId: number }) => createDutyException(studioId, input));
export const useRemoveDutyException = () => useDutyMutation(({ studioId, exceptionId }: { studioId: number; exceptionId: number }) => removeDutyException(studioId, exceptionId));
