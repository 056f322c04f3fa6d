import type { z } from 'zod';
import type { rootInput, setupStatus } from '../../../server/platform/setup/routes';
import { api } from '../../lib/api';

export type SetupStatus = z.input<typeof setupStatus>;
export type RootInput = z.input<typeof rootInput>;

export const fetchSetup = () => api.get<SetupStatus>('/api/setup');
export const nameRoot = (input: RootInput) => api.post('/api/setup/root', input);
