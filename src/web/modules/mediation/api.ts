import type { z } from 'zod';
import type { mediationMeta, memberChanges, newMember, newStudio, studioChanges, studioMember, studioRow } from '../../../server/modules/mediation/routes';
import { api } from '../../lib/api';

// What the server sends and takes, typed from its own schemas (`z.input`: the wire form).
export type Studio = z.input<typeof studioRow>;
export type StudioMember = z.input<typeof studioMember>;
export type NewStudio = z.input<typeof newStudio>;
export type StudioChanges = z.input<typeof studioChanges>;
export type NewMember = z.input<typeof newMember>;
export type MemberChanges = z.input<typeof memberChanges>;
export type MediationMeta = z.input<typeof mediationMeta>;

export const fetchMediationMeta = () => api.get<MediationMeta>('/api/mediation/meta');

export const listStudios = (params: { includeInactive?: string } = {}) => api.get<{ items: Studio[] }>('/api/mediation/studios', params);

export const createStudio = (input: NewStudio) => api.post<Studio>('/api/mediation/studios', input);

export const updateStudio = (id: number, changes: StudioChanges) => api.patch<Studio>(`/api/mediation/studios/${id}`, changes);

export const addStudioMember = (studioId: number, input: NewMember) => api.post<Studio>(`/api/mediation/studios/${studioId}/members`, input);

export const updateStudioMember = (studioId: number, memberId: number, changes: MemberChanges) =>
  api.patch<Studio>(`/api/mediation/studios/${studioId}/members/${memberId}`, changes);
