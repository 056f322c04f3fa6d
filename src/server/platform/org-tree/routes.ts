import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { booleanQuery, calendarDay, codeLabel, idParam, pageOf, pageQuery } from '../../http/schemas.js';
import { ORG_TYPES, type OrgType } from './schema.js';
import type { OrgService } from './service.js';

const orgType = z.enum(Object.keys(ORG_TYPES) as [OrgType, ...OrgType[]]);

/** The API's shapes of the org tree; the web types what it receives from these (`z.input`). */
export const orgNode = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  name: z.string(),
  type: orgType,
  typeLabel: z.string(),
  path: z.string(),
  depth: z.number(),
  active: z.boolean(),
  hasChildren: z.boolean(),
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  creditCode: z.string().nullable(),
  foundedOn: z.string().nullable(),
  chairName: z.string().nullable(),
});
const ancestors = z.array(z.object({ id: z.number(), name: z.string() }));
export const orgSearchHit = orgNode.extend({ ancestors });
export const orgDetail = orgNode.extend({
  ancestors,
  phone: z.string().nullable(),
  address: z.string().nullable(),
  sortOrder: z.number(),
  autoApproveJoins: z.boolean(),
  tenantId: z.number(),
  version: z.number(),
  childCount: z.number(),
  allowedActions: z.array(z.enum(['edit', 'create_child', 'move', 'deactivate', 'reactivate'])),
});

/** An org's own fields, as creating and editing take them. */
export const orgFields = z.object({
  name: z.string().trim().min(2, '名称至少 2 个字').max(100),
  type: orgType,
  divisionCode: z.string().regex(/^\d{6}$/, '行政区划代码为 6 位数字').nullish(),
  creditCode: z.string().trim().max(18).nullish(),
  foundedOn: calendarDay.nullish(),
  chairName: z.string().trim().max(50).nullish(),
  phone: z.string().trim().max(20).nullish(),
  address: z.string().trim().max(200).nullish(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
  autoApproveJoins: z.boolean().optional(),
});
export const newOrg = z.object({ parentId: z.number().int().positive(), ...orgFields.shape });
/** Only what changed, with the version the editor read. */
export const orgChanges = z.object({ version: z.number().int(), ...orgFields.partial().shape });
export const orgMove = z.object({ newParentId: z.number().int().positive(), version: z.number().int() });
/** Deactivating and reactivating carry the version the page read. */
export const orgVersion = z.object({ version: z.number().int() });
/** A division of GB/T 2260; level 1 province, 2 city, 3 county. */
export const division = z.object({ code: z.string(), name: z.string(), level: z.number(), parentCode: z.string().nullable(), fullName: z.string() });

export async function orgRoutes(app: FastifyInstance, deps: { orgs: OrgService }) {
  const { orgs } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['组织 orgs'];

  r.get('/api/orgs/types', {
    schema: { tags, summary: '组织类型 Org types', response: { 200: z.object({ items: z.array(codeLabel) }) } },
    handler: async (request) => {
      requireActor(request);
      return { items: Object.entries(ORG_TYPES).map(([code, label]) => ({ code, label })) };
    },
  });

  r.get('/api/orgs/children', {
    schema: {
      tags,
      summary: '下级组织（不带 parentId 时为本人管辖范围的根） Children, or the roots of your scope',
      querystring: z.object({ parentId: z.coerce.number().int().positive().optional() }),
      response: { 200: z.object({ items: z.array(orgNode) }) },
    },
    handler: async (request) => ({ items: await orgs.children(requireActor(request), request.query.parentId) }),
  });

  r.get('/api/orgs', {
    schema: {
      tags,
      summary: '搜索组织 Search orgs (name, pinyin, initials, credit code)',
      querystring: z.object({ q: z.string().max(100).optional(), type: orgType.optional(), active: booleanQuery.optional(), ...pageQuery }),
      response: { 200: pageOf(orgSearchHit) },
    },
    handler: async (request) => orgs.search(requireActor(request), request.query),
  });

  r.get('/api/orgs/:id', {
    schema: { tags, summary: '组织详情 Org detail', params: idParam, response: { 200: orgDetail } },
    handler: async (request) => orgs.detail(requireActor(request), request.params.id),
  });

  r.post('/api/orgs', {
    schema: { tags, summary: '新建组织（建会） Create org', body: newOrg, response: { 201: orgDetail } },
    handler: async (request, reply) => reply.status(201).send(await orgs.create(requireActor(request), request.body)),
  });

  r.patch('/api/orgs/:id', {
    schema: {
      tags,
      summary: '修改组织 Update org',
      params: idParam,
      body: orgChanges,
      response: { 200: orgDetail },
    },
    handler: async (request) => orgs.update(requireActor(request), request.params.id, request.body),
  });

  r.post('/api/orgs/:id/move', {
    schema: {
      tags,
      summary: '迁移组织及其下级 Move subtree',
      params: idParam,
      body: orgMove,
      response: { 200: orgDetail },
    },
    handler: async (request) => orgs.move(requireActor(request), request.params.id, request.body.newParentId, request.body.version),
  });

  for (const [action, active] of [['deactivate', false], ['reactivate', true]] as const) {
    r.post(`/api/orgs/:id/${action}`, {
      schema: { tags, summary: active ? '恢复组织 Reactivate' : '撤销组织 Deactivate', params: idParam, body: orgVersion, response: { 200: orgDetail } },
      handler: async (request) => orgs.setActive(requireActor(request), request.params.id, active, request.body.version),
    });
  }

  r.get('/api/divisions', {
    schema: {
      tags,
      summary: '行政区划（GB/T 2260） Divisions',
      querystring: z.object({ parentCode: z.string().regex(/^\d{6}$/).optional(), q: z.string().max(50).optional() }),
      response: { 200: z.object({ items: z.array(division) }) },
    },
    handler: async (request) => {
      requireActor(request);
      return { items: await orgs.divisions(request.query) };
    },
  });
}
