import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type DutyParams, fetchDutyRules, fetchDutyTable, fetchMyDuty } from './api';

const DUTY = ['duty-records'] as const;

export const useDutyTable = (params: DutyParams) => useQuery({ queryKey: [...DUTY, 'table', params], queryFn: () => fetchDutyTable(params), placeholderData: keepPreviousData });
export const useMyDuty = (params: Pick<DutyParams, 'from' | 'to'>) => useQuery({ queryKey: [...DUTY, 'mine', params], queryFn: () => fetchMyDuty(params), placeholderData: keepPreviousData });
export const useDutyRules = () => useQuery({ queryKey: [...DUTY, 'rules'], queryFn: fetchDutyRules, staleTime: Infinity });
