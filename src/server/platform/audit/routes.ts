import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { codeLabel, dayEndQuery, dayQuery, pageOf, pageQuery, timestamp } from '../../http/schemas.js';
import { sendXlsx } from '../../http/xlsx-download.js';
import { auditActionOptions, entityOptions } from '../labels/registry.js';
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
  /** The action and the object type in Chinese, and the record's name where it still exists. */
  actionLabel: z.string(),
  entityLabel: z.string(),
  entityName: z.string().nullable(),
  /** 浏览器与系统, read from the User-Agent. */
  client: z.string(),
});

/** The log's filters: the list and its export take the same. */
const auditFilter = z.object({
  q: z.string().max(100).optional(),
  action: z.string().max(64).optional(),
  entityType: z.string().max(32).optional(),
  entityId: z.string().max(64).optional(),
  actor: z.string().max(50).optional(),
  from: dayQuery.optional(),
  to: dayEndQuery.optional(),
});

/** The choices of the log's filter: every labelled action and object type. */
export const auditMeta = z.object({ actions: z.array(codeLabel), entityTypes: z.array(codeLabel) });

export async function auditRoutes(app: FastifyInstance, deps: { audit: AuditService }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/audit/meta', {
    schema: { tags: ['审计 audit'], summary: '操作日志的筛选项 The log filter\'s choices', response: { 200: auditMeta } },
    handler: async (request) => {
      requireActor(request);
      return { actions: auditActionOptions(), entityTypes: entityOptions() };
    },
  });

  r.get('/api/audit/export.xlsx', {
    schema: { tags: ['审计 audit'], summary: '导出操作日志 Export the log (xlsx)', querystring: auditFilter },
    handler: async (request, reply) => {
      const exported = await deps.audit.prepareExport(requireActor(request), request.query);
      return sendXlsx(request, reply, exported.fileName, exported.fallbackName, exported.write);
    },
  });

  r.get('/api/audit', {
    schema: {
      tags: ['审计 audit'],
      summary: '操作日志 Operation log',
      querystring: auditFilter.extend(pageQuery),
      response: {
        200: pageOf(auditEntry),
      },
    },
    handler: async (request) => deps.audit.search(requireActor(request), request.query),
  });
}
