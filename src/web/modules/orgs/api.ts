import type { z } from 'zod';
import type { codeLabel } from '../../../server/http/schemas';
import type { division, newOrg, orgChanges, orgDetail, orgFields, orgMove, orgNode, orgSearchHit, orgVersion } from '../../../server/platform/org-tree/routes';
import { api, type Page, type PageParams } from '../../lib/api';

// What the server sends and takes, typed from its own schemas.
export type OrgNode = z.input<typeof orgNode>;
export type OrgSearchHit = z.input<typeof orgSearchHit>;
export type OrgDetail = z.input<typeof orgDetail>;
export type OrgRef = OrgDetail['ancestors'][number];
export type OrgAction = OrgDetail['allowedActions'][number];
/** An org's own fields, as creating and editing take them (`foundedOn`: YYYY-MM-DD, 建会日期). */
export type OrgFields = z.input<typeof orgFields>;
export type NewOrg = z.input<typeof newOrg>;
/** Only what changed, with the version the editor read. */
export type OrgChanges = z.input<typeof orgChanges>;
export type CodeLabel = z.input<typeof codeLabel>;
/** A division of GB/T 2260; level 1 province, 2 city, 3 county. */
export type Division = z.input<typeof division>;

export type OrgSearchParams = PageParams & {
  q?: string;
  type?: string;
  active?: 'true' | 'false';
};

export const fetchOrgTypes = () => api.get<{ items: CodeLabel[] }>('/api/orgs/types');

/** Children of an org; without a parent, the roots of the user's scope. */
export const fetchOrgChildren = (parentId: number | null) =>
  api.get<{ items: OrgNode[] }>('/api/orgs/children', { parentId });

export const searchOrgs = (params: OrgSearchParams) => api.get<Page<OrgSearchHit>>('/api/orgs', params);

export const fetchOrg = (id: number) => api.get<OrgDetail>(`/api/orgs/${id}`);

export const createOrg = (input: NewOrg) => api.post<OrgDetail>('/api/orgs', input);

export const updateOrg = (id: number, input: OrgChanges) =>
  api.patch<OrgDetail>(`/api/orgs/${id}`, input);

export const moveOrg = (id: number, newParentId: number, version: number) =>
  api.post<OrgDetail>(`/api/orgs/${id}/move`, { newParentId, version } satisfies z.input<typeof orgMove>);

export const setOrgActive = (id: number, action: 'deactivate' | 'reactivate', version: number) =>
  api.post<OrgDetail>(`/api/orgs/${id}/${action}`, { version } satisfies z.input<typeof orgVersion>);

export const fetchDivisions = (params: { parentCode?: string; q?: string }) =>
  api.get<{ items: Division[] }>('/api/divisions', params);
