import type { z } from 'zod';
import type { dictionaryEntryChange, dictionaryEntryView, dictionaryView, newDictionaryEntry } from '../../../server/platform/dictionaries/routes';
import type { roleHolder, roleOverview } from '../../../server/platform/accounts/routes';
import type { settingChange, settingView } from '../../../server/platform/settings/routes';
import { api, type Page, type PageParams } from '../../lib/api';

/** 角色权限, 字典 and 参数设置: the administrator's pages of the platform. */

export type RoleOverview = z.input<typeof roleOverview>;
export type RoleHolder = z.input<typeof roleHolder>;
export type Dictionary = z.input<typeof dictionaryView>;
export type DictionaryEntry = z.input<typeof dictionaryEntryView>;
export type Setting = z.input<typeof settingView>;

export const fetchRoleOverview = () => api.get<{ items: RoleOverview[] }>('/api/roles/overview');
export const fetchRoleHolders = (role: string, params: PageParams) => api.get<Page<RoleHolder>>(`/api/roles/${role}/grants`, params);

export const fetchDictionaries = () => api.get<{ items: Dictionary[] }>('/api/dictionaries');
export const updateDictionaryEntry = (name: string, code: string, change: z.input<typeof dictionaryEntryChange>) =>
  api.patch<DictionaryEntry>(`/api/dictionaries/${name}/entries/${code}`, change);
export const addDictionaryEntry = (name: string, entry: z.input<typeof newDictionaryEntry>) => api.post<DictionaryEntry>(`/api/dictionaries/${name}/entries`, entry);

export const fetchSettings = () => api.get<{ items: Setting[] }>('/api/settings');
export const updateSetting = (key: string, change: z.input<typeof settingChange>) => api.put<Setting>(`/api/settings/${key}`, change);
