import type { FastifyInstance } from 'fastify';
import type { Role } from '../../platform/accounts/roles.js';
import { defineModule, type ModuleKit, tenantTable } from '../../platform/module.js';
import { scopePaths } from '../../platform/scope.js';
import { noticeRoutes } from './routes.js';
import { noticeReads, notices, noticesSubtreeMoved } from './schema.js';
import { createNoticeService } from './service.js';

const permissions = {
  /** Publish a notice to the unions of one's subtree, and see who read it. */
  'notices.publish': ['union_staff', 'admin'],
  /** Receive the notices of one's union and the unions above it: the union staff, whom the receipts count. */
  'notices.read': ['union_staff'],
} as const satisfies Record<string, readonly Role[]>;

declare module '../../platform/accounts/roles.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this module's permissions into the product's
  interface PermissionRegistry extends Record<keyof typeof permissions, readonly Role[]> {}
}

function noticesServices(kit: ModuleKit) {
  return { notices: createNoticeService(kit) };
}

/** 通知公告 (DESIGN §4, admin conventions): notices from a union to its subtree, with read receipts. */
export const noticesModule = defineModule({
  name: 'notices',
  tables: [tenantTable(notices), tenantTable(noticeReads)],
  permissions,
  labels: {
    permissions: { 'notices.publish': '向下级发布通知公告、查看已读回执', 'notices.read': '接收本级及上级的通知公告' },
    auditActions: { 'notice.publish': '发布通知公告' },
    entities: { notice: '通知公告' },
  },
  auditNames: { notice: { table: notices, tenantId: notices.tenantId, id: notices.id, name: notices.title } },
  services: noticesServices,
  async routes(app: FastifyInstance, { services }) {
    await app.register(noticeRoutes, { notices: services.notices });
  },
  todos: ({ notices: service }) => async (actor) => {
    if (scopePaths(actor, 'notices.read').length === 0) return [];
    return [{ key: 'notices.unread', label: '未读通知公告', count: await service.unreadCount(actor), path: '/notices?unread=true' }];
  },
  subtreeMoved: [noticesSubtreeMoved],
});
