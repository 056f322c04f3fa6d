import type { z } from 'zod';
import type { orgDetail, orgNode, orgSearchHit } from '../../../server/platform/org-tree/routes';
import { api, type Page, type PageParams } from '../../lib/api';

// What the server sends, typed from its own schemas.
export type OrgNode = z.input<typeof orgNode>;
export type OrgSearchHit = z.input<typeof orgSearchHit>;
export type OrgDetail = z.input<typeof orgDetail>;
export type OrgRef = OrgDetail['ancestors'][number];
export type OrgAction = OrgDetail['allowedActions'][number];

export interface OrgFields {
  name: string;
  type: string;
  divisionCode?: string | null;
  creditCode?: string | null;
  /** YYYY-MM-DD, 建会日期 */
  foundedOn?: string | null;
  chairName?: string | null;
  phone?: string | null;
  address?: string | null;
  sortOrder?: number;
  autoApproveJoins?: boolean;
}

export interface CodeLabel {
  code: string;
  label: string;
}

export interface Division {
  code: string;
  name: string;
  /** 1 province, 2 city, 3 county */
  level: number;
  fullName: string;
}

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

export const createOrg = (input: OrgFields & { parentId: number }) => api.post<OrgDetail>('/api/orgs', input);

export const updateOrg = (id: number, input: Partial<OrgFields> & { version: number }) =>
  api.patch<OrgDetail>(`/api/orgs/${id}`, input);

export const moveOrg = (id: number, newParentId: number, version: number) =>
  api.post<OrgDetail>(`/api/orgs/${id}/move`, { newParentId, version });

export const setOrgActive = (id: number, action: 'deactivate' | 'reactivate', version: number) =>
  api.post<OrgDetail>(`/api/orgs/${id}/${action}`, { version });

export const fetchDivisions = (params: { parentCode?: string; q?: string }) =>
  api.get<{ items: Division[] }>('/api/divisions', params);
