import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { codeLabel, idParam } from '../../http/schemas.js';
import { STUDIO_ROLES, type StudioRole } from './schema.js';
import type { MediationService } from './service.js';

/** The mediation API's shapes, exported so that the web types what it sends and receives from them. */

const keysOf = <K extends string>(record: Record<K, unknown>) => Object.keys(record) as [K, ...K[]];
const codes = (record: Record<string, string>) => Object.entries(record).map(([code, label]) => ({ code, label }));
const studioRole = z.enum(keysOf<StudioRole>(STUDIO_ROLES), '请选择团队角色');
const version = z.number().int().min(1).describe('读取时的版本（防止覆盖他人的修改）');

// ——— studios and teams (连心舱 · 团队) ———

export const newStudio = z.object({
  orgId: z.number().int().positive().describe('设立工作室的工会'),
  name: z.string().trim().min(2, '名称至少 2 个字').max(100, '名称不能超过 100 个字').describe('名称，如：当湖街道“连心舱”劳动争议调解工作室'),
  address: z.string().trim().max(200, '地址不能超过 200 个字').nullish().describe('地址'),
  phone: z
    .string()
    .trim()
    .regex(/^[\d\-+() ]{5,30}$/, '电话只能包含数字、空格和 -+()，5 到 30 位')
    .nullish()
    .describe('咨询电话'),
});
export const studioChanges = newStudio.omit({ orgId: true }).partial().extend({ active: z.boolean().optional().describe('停用后不再接收新案件'), version });
export const studioListQuery = z.object({
  orgId: z.coerce.number().int().positive().optional().describe('只列这个工会的工作室'),
  includeInactive: z.enum(['true', 'false']).optional().transform((v) => v === 'true').describe('含已停用的工作室'),
});

export const newMember = z.object({
  role: studioRole.describe('团队角色'),
  name: z.string().trim().min(2, '姓名至少 2 个字').max(50, '姓名不能超过 50 个字').describe('姓名'),
  phone: z.string().trim().max(20).nullish().describe('手机号'),
  userId: z.number().int().positive().nullish().describe('调解员账号：有账号的成员可以办理本工作室的案件（账号须持有「调解员」角色）'),
  lawFirm: z.string().trim().max(100, '律师事务所名称不能超过 100 个字').nullish().describe('驻点律师所在的律师事务所'),
});
export const memberChanges = newMember.partial().extend({ active: z.boolean().optional().describe('停用：离开团队（已办案件仍保留）'), version });
export const memberParams = z.object({ id: z.coerce.number().int().positive(), memberId: z.coerce.number().int().positive() });

export const studioMember = z.object({
  id: z.number(),
  role: studioRole,
  roleLabel: z.string(),
  name: z.string(),
  phone: z.string().nullable().describe('手机号（非管理员、非团队成员看到的是遮蔽后的号码）'),
  userId: z.number().nullable(),
  lawFirm: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
});
export const studioRow = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
  canManage: z.boolean().describe('您可以修改工作室及其团队'),
  myRole: studioRole.nullable().describe('您在团队中的角色'),
  counts: z.record(studioRole, z.number()).describe('在岗人数，按角色'),
  members: z.array(studioMember).describe('团队成员：按角色；管理员还能看到已停用的成员'),
});
export const studioList = z.object({ items: z.array(studioRow) });

export const mediationMeta = z.object({ studioRoles: z.array(codeLabel) });

export async function mediationRoutes(app: FastifyInstance, deps: { mediation: MediationService }) {
  const { mediation } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['连心舱 mediation'];

  r.get('/api/mediation/meta', {
    schema: { tags, summary: '团队角色等代码表 Code lists', response: { 200: mediationMeta } },
    handler: async (request) => {
      requireActor(request);
      return { studioRoles: codes(STUDIO_ROLES) };
    },
  });

  r.get('/api/mediation/studios', {
    schema: { tags, summary: '调解工作室及其团队 Studios and their teams', querystring: studioListQuery, response: { 200: studioList } },
    handler: async (request) => mediation.studios(requireActor(request), request.query),
  });

  r.post('/api/mediation/studios', {
    schema: { tags, summary: '设立调解工作室 Open a studio', body: newStudio, response: { 201: studioRow } },
    handler: async (request, reply) => reply.status(201).send(await mediation.createStudio(requireActor(request), request.body)),
  });

  r.get('/api/mediation/studios/:id', {
    schema: { tags, summary: '一个工作室及其团队 A studio', params: idParam, response: { 200: studioRow } },
    handler: async (request) => mediation.studio(requireActor(request), request.params.id),
  });

  r.patch('/api/mediation/studios/:id', {
    schema: { tags, summary: '修改或停用工作室 Change a studio', params: idParam, body: studioChanges, response: { 200: studioRow } },
    handler: async (request) => mediation.updateStudio(requireActor(request), request.params.id, request.body),
  });

  r.post('/api/mediation/studios/:id/members', {
    schema: { tags, summary: '增加团队成员 Add a team member', params: idParam, body: newMember, response: { 200: studioRow } },
    handler: async (request) => mediation.addMember(requireActor(request), request.params.id, request.body),
  });

  r.patch('/api/mediation/studios/:id/members/:memberId', {
    schema: { tags, summary: '修改或停用团队成员 Change a team member', params: memberParams, body: memberChanges, response: { 200: studioRow } },
    handler: async (request) => mediation.updateMember(requireActor(request), request.params.id, request.params.memberId, request.body),
  });
}
