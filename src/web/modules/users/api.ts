import type { z } from 'zod';
import type { bulkResults, codeLabel } from '../../../server/http/schemas';
import type { grantInput, newUser, passwordReset, pickedUser, userChanges, userCreated, userView } from '../../../server/platform/accounts/routes';
import { api, type Page, type PageParams } from '../../lib/api';

/** A staff account as the server sends it (platform/accounts/routes.ts userView). */
export type User = z.input<typeof userView>;

/** A role's code and label. */
export type Role = z.input<typeof codeLabel>;
export type GrantInput = z.input<typeof grantInput>;
export type NewUser = z.input<typeof newUser>;
/** Only what changed, with the version the editor read. */
export type UserChanges = z.input<typeof userChanges>;

export type UserListParams = PageParams & {
  q?: string;
  orgId?: string;
  active?: string;
};

export const fetchRoles = () => api.get<{ items: Role[] }>('/api/roles');

/** An account found by name to link it to a record: who and which roles, nothing more. */
export type PickedUser = z.input<typeof pickedUser>;

export const pickUsers = (q: string) => api.get<{ items: PickedUser[] }>('/api/users/pick', { q });

export const listUsers = (params: UserListParams) => api.get<Page<User>>('/api/users', params);

export const createUser = (input: NewUser) => api.post<z.input<typeof userCreated>>('/api/users', input);

export const updateUser = (id: number, changes: UserChanges) => api.patch<User>(`/api/users/${id}`, changes);

/** 批量启用/停用: a result per account, in the order sent. */
export const setUsersActive = (ids: number[], active: boolean) =>
  api.post<z.input<typeof bulkResults>>('/api/users/actions', { ids, active }).then((r) => r.results);

export const resetPassword = (id: number) =>
  api.post<z.input<typeof passwordReset>>(`/api/users/${id}/reset-password`);

export const unlockUser = (id: number) => api.post<User>(`/api/users/${id}/unlock`);

export const addGrant = (id: number, grant: GrantInput) => api.post<User>(`/api/users/${id}/grants`, grant);

export const removeGrant = (id: number, grantId: number) => api.delete<User>(`/api/users/${id}/grants/${grantId}`);
