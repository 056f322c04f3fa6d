import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  addGrant,
  createUser,
  fetchRoles,
  type GrantInput,
  listUsers,
  pickUsers,
  removeGrant,
  resetPassword,
  setUsersActive,
  unlockUser,
  updateUser,
  type User,
  type UserChanges,
  type UserListParams,
} from './api';

const USERS = ['users'] as const;

export const useRoles = () =>
  useQuery({ queryKey: ['roles'], queryFn: () => fetchRoles().then((r) => r.items), staleTime: Infinity });

export const useUsers = (params: UserListParams) =>
  useQuery({ queryKey: [...USERS, 'list', params], queryFn: () => listUsers(params), placeholderData: keepPreviousData });

/** Accounts found by name for a picker (staff who may not administer accounts use it too). */
export const usePickUsers = (q: string) => useQuery({ queryKey: [...USERS, 'pick', q], queryFn: () => pickUsers(q).then((r) => r.items), enabled: q.length > 0, placeholderData: keepPreviousData });

/** A write that changes users: the list is refetched before the mutation settles. */
function useUserMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => queryClient.invalidateQueries({ queryKey: USERS }) });
}

export const useCreateUser = () => useUserMutation(createUser);

export const useUpdateUser = () =>
  useUserMutation(({ id, ...changes }: UserChanges & { id: number }) => updateUser(id, changes));

export const useSetUsersActive = () => useUserMutation(({ ids, active }: { ids: number[]; active: boolean }) => setUsersActive(ids, active));

export const useResetPassword = () => useUserMutation((user: User) => resetPassword(user.id));

export const useUnlockUser = () => useUserMutation((user: User) => unlockUser(user.id));

export const useAddGrant = () =>
  useUserMutation(({ userId, ...grant }: GrantInput & { userId: number }) => addGrant(userId, grant));

export const useRemoveGrant = () =>
  useUserMutation(({ userId, grantId }: { userId: number; grantId: number }) => removeGrant(userId, grantId));
