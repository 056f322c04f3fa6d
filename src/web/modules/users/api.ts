import type { z } from 'zod';
import type { userView } from '../../../server/platform/accounts/routes';
import { api, type Page, type PageParams } from '../../lib/api';

/** A staff account as the server sends it (platform/accounts/routes.ts userView). */
export type User = z.input<typeof userView>;

export interface Role {
  code: string;
  label: string;
}

export interface GrantInput {
  role: string;
  orgId: number;
}

export type UserListParams = PageParams & {
  q?: string;
  orgId?: string;
  active?: string;
};

export interface NewUser {
  username: string;
  displayName: string;
  homeOrgId: number;
  phone?: string;
  grants: GrantInput[];
}

export type UserChanges = Partial<Pick<User, 'displayName' | 'phone' | 'active' | 'homeOrgId'>> & { version: number };

export const fetchRoles = () => api.get<{ items: Role[] }>('/api/roles');

export const listUsers = (params: UserListParams) => api.get<Page<User>>('/api/users', params);

export const createUser = (input: NewUser) => api.post<{ user: User; oneTimePassword: string }>('/api/users', input);

export const updateUser = (id: number, changes: UserChanges) => api.patch<User>(`/api/users/${id}`, changes);

export const resetPassword = (id: number) =>
  api.post<{ oneTimePassword: string }>(`/api/users/${id}/reset-password`);

export const unlockUser = (id: number) => api.post<User>(`/api/users/${id}/unlock`);

export const addGrant = (id: number, grant: GrantInput) => api.post<User>(`/api/users/${id}/grants`, grant);

export const removeGrant = (id: number, grantId: number) => api.delete<User>(`/api/users/${id}/grants/${grantId}`);
