import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { ORG_TYPES } from '../org-tree/schema.js';
import { ROOT_TYPES, type RootType, type SetupService } from './service.js';

const rootType = z.enum(Object.keys(ROOT_TYPES) as [RootType, ...RootType[]]).meta({ title: '根组织类型' });
/** The root as the setup page names it. */
export const rootInput = z.object({
  name: z.string().trim().min(1).max(100).meta({ title: '组织名称' }),
  type: rootType,
  divisionCode: z.string().regex(/^\d{6}$/, '6 位行政区划代码').nullish().meta({ title: '行政区划' }),
});
const rootView = z.object({ id: z.number(), name: z.string(), type: z.string(), divisionCode: z.string().nullable() });
/** Whether the installation still waits for its root to be named, the root, and the types it may take. */
export const setupStatus = z.object({
  pending: z.boolean(),
  root: rootView.nullable(),
  rootTypes: z.array(z.object({ code: rootType, label: z.string(), divisionLevel: z.number().nullable() })),
});

export async function setupRoutes(app: FastifyInstance, deps: { setup: SetupService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['首次设置 setup'];
  r.get('/api/setup', {
    schema: { tags, summary: '首次设置的状态 Setup status', response: { 200: setupStatus } },
    handler: async (request) => {
      requireActor(request);
      return {
        ...(await deps.setup.status()),
        rootTypes: (Object.keys(ROOT_TYPES) as RootType[]).map((code) => ({ code, label: ORG_TYPES[code], divisionLevel: ROOT_TYPES[code] })),
      };
    },
  });
  r.post('/api/setup/root', {
    schema: { tags, summary: '设置根组织（首次启动） Name the root of the tree', body: rootInput, response: { 200: rootView } },
    handler: async (request) => deps.setup.nameRoot(requireActor(request), request.body),
  });
}
