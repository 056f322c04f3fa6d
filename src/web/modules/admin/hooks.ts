import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PageParams } from '../../lib/api';
import { addDictionaryEntry, fetchDictionaries, fetchRoleHolders, fetchRoleOverview, fetchSettings, updateDictionaryEntry, updateSetting } from './api';

export const useRoleOverview = () => useQuery({ queryKey: ['roles', 'overview'], queryFn: () => fetchRoleOverview().then((r) => r.items) });

export const useRoleHolders = (role: string | null, params: PageParams) =>
  useQuery({ queryKey: ['roles', role, 'grants', params], queryFn: () => fetchRoleHolders(role!, params), enabled: role !== null, placeholderData: keepPreviousData });

const DICTIONARIES = ['dictionaries'] as const;
export const useDictionaries = () => useQuery({ queryKey: DICTIONARIES, queryFn: () => fetchDictionaries().then((r) => r.items) });

/** A write to a dictionary: the dictionaries and what modules read from them (members' code lists) are read again. */
function useDictionaryMutation<V, R>(mutationFn: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: DICTIONARIES }), queryClient.invalidateQueries({ queryKey: ['members', 'meta'] })]) });
}
export const useUpdateDictionaryEntry = () =>
  useDictionaryMutation(({ name, code, ...change }: Parameters<typeof updateDictionaryEntry>[2] & { name: string; code: string }) => updateDictionaryEntry(name, code, change));
export const useAddDictionaryEntry = () => useDictionaryMutation(({ name, ...entry }: Parameters<typeof addDictionaryEntry>[1] & { name: string }) => addDictionaryEntry(name, entry));

const SETTINGS = ['settings'] as const;
export const useSettings = () => useQuery({ queryKey: SETTINGS, queryFn: () => fetchSettings().then((r) => r.items) });
export function useUpdateSetting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, ...change }: Parameters<typeof updateSetting>[1] & { key: string }) => updateSetting(key, change),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: SETTINGS }),
  });
}
