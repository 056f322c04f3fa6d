import type { z } from 'zod';
import type { dutyDay, dutyEntry, dutyException, dutyMonth, dutyRule, dutyRuleChanges, dutyRuleList, newDutyException, newDutyRule, publicDuty } from '../../../../server/modules/mediation/rosters/routes';
import { api } from '../../../lib/api';

// What the server sends and takes, typed from its own schemas (`z.input`: the wire form).
export type DutyRule = z.input<typeof dutyRule>;
export type DutyRuleList = z.input<typeof dutyRuleList>;
export type NewDutyRule = z.input<typeof newDutyRule>;
export type DutyRuleChanges = z.input<typeof dutyRuleChanges>;
export type NewDutyException = z.input<typeof newDutyException>;
export type DutyException = z.input<typeof dutyException>;
export type DutyEntry = z.input<typeof dutyEntry>;
export type DutyDay = z.input<typeof dutyDay>;
export type DutyMonth = z.input<typeof dutyMonth>;
export type DutyToday = z.input<typeof publicDuty>;

const studio = (id: number) => `/api/mediation/studios/${id}`;

export const fetchDutyRules = (studioId: number) => api.get<DutyRuleList>(`${studio(studioId)}/duty-rules`);
export const createDutyRule = (studioId: number, input: NewDutyRule) => api.post<DutyRule>(`${studio(studioId)}/duty-rules`, input);
export const updateDutyRule = (studioId: number, ruleId: number, changes: DutyRuleChanges) => api.patch<DutyRule>(`${studio(studioId)}/duty-rules/${ruleId}`, changes);
export const createDutyException = (studioId: number, input: NewDutyException) => api.post<DutyException>(`${studio(studioId)}/duty-exceptions`, input);
export const removeDutyException = (studioId: number, exceptionId: number) => api.delete<void>(`${studio(studioId)}/duty-exceptions/${exceptionId}`);
export const fetchDutyMonth = (studioId: number, month: string) => api.get<DutyMonth>(`${studio(studioId)}/duty`, { month });
export const fetchDutyToday = () => api.get<DutyToday>('/api/mediation/duty-today');
