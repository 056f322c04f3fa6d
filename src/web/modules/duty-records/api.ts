import type { z } from 'zod';
import type { dutyQuery, dutyRules, dutyTable, myDuty } from '../../../server/modules/duty-records/routes';
import { api, toUrl } from '../../lib/api';

// What the server sends and takes, typed from its own schemas.
export type DutyTable = z.input<typeof dutyTable>;
export type DutyRow = DutyTable['items'][number];
export type MyDuty = z.input<typeof myDuty>;
export type DutyParams = z.output<typeof dutyQuery>;
export type DutyRules = z.input<typeof dutyRules>;

export const fetchDutyTable = (params: DutyParams) => api.get<DutyTable>('/api/duty-records', params);
export const fetchMyDuty = (params: Pick<DutyParams, 'from' | 'to'>) => api.get<MyDuty>('/api/duty-records/me', params);
export const fetchDutyRules = () => api.get<DutyRules>('/api/duty-records/rules');
/** The same table as a download link. */
export const dutyXlsxUrl = (params: DutyParams) => toUrl('/api/duty-records.xlsx', params);
