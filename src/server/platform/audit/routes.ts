import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { dayEndQuery, dayQuery, pageOf, pageQuery, timestamp } from '../../http/schemas.js';
import type { AuditService } from './service.js';

/** One row of the operation log, as the API sends it (the web types it from this). */
export const auditEntry = z.object({
  id: z.number(),
  at: timestamp,
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  summary: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});

export async function auditRoutes(app: FastifyInstance, deps: { audit: AuditService }) {
  app.withTypeProvider<ZodTypeProvider>().get('/api/audit', {
    schema: {
      tags: ['审计 audit'],
      summary: '操作日志 Operation log',
      querystring: z.object({
        q: z.string().max(100).optional(),
        action: z.string().max(64).optional(),
        entityType: z.string().max(32).optional(),
        entityId: z.string().max(64).optional(),
        actor: z.string().max(50).optional(),
        from: dayQuery.optional(),
        to: dayEndQuery.optional(),
        ...pageQuery,
      }),
      response: {
        200: pageOf(auditEntry),
      },
    },
    handler: async (request) => deps.audit.search(requireActor(request), request.query),
  });
}
