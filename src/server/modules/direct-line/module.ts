import type { FastifyInstance } from 'fastify';
import { directLineTodos } from './todos.js';
import { defineModule, type ModuleKit, tenantTable } from '../../platform/module.js';
import type { ProposalService } from '../proposals/service.js';
import { DIRECT_LINE_PERMISSIONS } from './permissions.js';
import { directLineRoutes } from './routes.js';
import { directLineMessages, directLineRequests, directLineSubtreeMoved } from './schema.js';
import { createDirectLineService } from './service.js';

/** The module's services: 零距离 requests, which turn into proposals through the proposals service. */
function directLineServices(kit: ModuleKit & { proposals: ProposalService }) {
  return { directLine: createDirectLineService(kit) };
}

/** 云履职 · 零距离 (DESIGN §3.2): a worker asks a representative or the union from the phone; the answer, or a proposal. */
export const directLineModule = defineModule({
  name: 'direct-line',
  tables: [tenantTable(directLineRequests), tenantTable(directLineMessages)],
  permissions: DIRECT_LINE_PERMISSIONS,
  labels: {
    permissions: { 'directLine.ask': '向代表或工会提出诉求（零距离）', 'directLine.answer': '答复零距离诉求', 'directLine.read': '查看本级及下级的零距离诉求' },
    auditActions: { 'direct_line.create': '提出零距离诉求' },
    notificationKinds: { 'direct-line': '零距离诉求' },
  },
  auditNames: { direct_line: { table: directLineRequests, tenantId: directLineRequests.tenantId, id: directLineRequests.id, name: directLineRequests.subject } },
  services: directLineServices,
  async routes(app: FastifyInstance, { services }) {
    await app.register(directLineRoutes, { directLine: services.directLine });
  },
  todos: ({ directLine }) => directLineTodos(directLine),
  workflows: ({ directLine }) => [directLine.workflow],
  subtreeMoved: [directLineSubtreeMoved],
});
