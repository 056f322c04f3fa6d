import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { nullableTimestamp } from '../../http/schemas.js';
import type { SettingService } from './service.js';

/** One setting as the settings page shows it: its value, its default and its input as JSON Schema. */
export const settingView = z.object({
  key: z.string(),
  label: z.string(),
  description: z.string(),
  value: z.unknown(),
  defaultValue: z.unknown(),
  isDefault: z.boolean(),
  version: z.number(),
  updatedAt: nullableTimestamp,
  /** Only an administrator at the root may change the instance's settings. */
  editable: z.boolean(),
  input: z.record(z.string(), z.unknown()),
});

export const settingChange = z.object({
  value: z.unknown().optional(),
  /** Back to the default. */
  reset: z.boolean().optional(),
  version: z.number().int().min(0),
});

export async function settingRoutes(app: FastifyInstance, deps: { settings: SettingService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['参数设置 settings'];
  r.get('/api/settings', {
    schema: { tags, summary: '参数设置 Settings', response: { 200: z.object({ items: z.array(settingView) }) } },
    handler: async (request) => ({ items: await deps.settings.list(requireActor(request)) }),
  });
  r.put('/api/settings/:key', {
    schema: {
      tags,
      summary: '修改参数 Change a setting',
      params: z.object({ key: z.string().max(100).regex(/^[a-zA-Z0-9_.]+$/, '参数名无效') }),
      body: settingChange,
      response: { 200: settingView },
    },
    handler: async (request) => deps.settings.update(requireActor(request), request.params.key, request.body),
  });
}
