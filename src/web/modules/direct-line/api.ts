import type { z } from 'zod';
import type { actionBody } from '../../../server/http/schemas';
import type { directLineMeta, newRequest, requestAddressees, requestDetail, requestListQuery, requestRow } from '../../../server/modules/direct-line/routes';
import type { toProposalInput } from '../../../server/modules/direct-line/workflow';
import { api, type Page, type PageParams } from '../../lib/api';

// What the server sends and takes, typed from its own schemas (`z.input`: the wire form, dates as ISO strings).
export type DirectLineRequest = z.input<typeof requestRow>;
/** A request with its messages, the proposal it became, its history and what the user may do. */
export type RequestDetail = z.input<typeof requestDetail>;
export type NewRequest = z.input<typeof newRequest>;
export type Addressees = z.input<typeof requestAddressees>;
export type DirectLineMeta = z.input<typeof directLineMeta>;
export type ActionBody = z.input<typeof actionBody>;
/** The fields of the workflow's inputs that name other records (a proposal): the page offers them as choices. */
export type ReferenceField = keyof z.input<typeof toProposalInput>;

type ListQuery = z.input<typeof requestListQuery>;
export type RequestFilterKey = Extract<keyof ListQuery, 'q' | 'state' | 'category'>;
export type RequestListParams = PageParams & Partial<Record<RequestFilterKey, string>>;

export const fetchDirectLineMeta = () => api.get<DirectLineMeta>('/api/direct-line/meta');

export const listRequests = (params: RequestListParams) => api.get<Page<DirectLineRequest>>('/api/direct-line', params);

export const fetchRequest = (id: number) => api.get<RequestDetail>(`/api/direct-line/${id}`);

export const fetchAddressees = () => api.get<Addressees>('/api/direct-line/addressees');

export const createRequest = (input: NewRequest) => api.post<RequestDetail>('/api/direct-line', input);

export const actOnRequest = (id: number, body: ActionBody) => api.post<RequestDetail>(`/api/direct-line/${id}/actions`, body);
