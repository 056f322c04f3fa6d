import type { FastifyInstance } from 'fastify';
import type { Role } from '../../platform/accounts/roles.js';
import { memberTodos } from './todos.js';
import { defineModule, keyedTable, type ModuleKit, tenantTable } from '../../platform/module.js';
import { importLinesRetentionJob } from './retention.js';
import { memberRoutes } from './routes.js';
import { joinApplications, memberships, membersSubtreeMoved, persons, transfers } from './schema.js';
import { createMemberService } from './service.js';
import { memberImportRoutes } from './import/routes.js';
import { memberImports, memberImportRows } from './import/schema.js';
import { createMemberImportService, memberImportsSubtreeMoved } from './import/service.js';
import { memberReportRoutes } from './reports/routes.js';
import { memberBulletins, membershipTargets } from './reports/schema.js';
import { createMemberReportService, memberReportsSubtreeMoved } from './reports/service.js';

const permissions = {
  'members.read': ['union_staff', 'admin', 'leader', 'supervisor'],
  'members.manage': ['union_staff', 'admin'],
  'members.reveal_id': ['union_staff', 'admin'],
  /** Whole phone numbers of members (others see them masked). */
  'members.contact': ['union_staff', 'admin'],
  'reports.read': ['union_staff', 'leader', 'admin', 'supervisor'],
  'reports.manage': ['union_staff', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

declare module '../../platform/accounts/roles.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this module's permissions into the product's
  interface PermissionRegistry extends Record<keyof typeof permissions, readonly Role[]> {}
}

/** The module's services: the registry, the roster import and the reports. */
function membersServices(kit: ModuleKit) {
  const members = createMemberService(kit);
  return {
    members,
    memberImports: createMemberImportService({ ...kit, members }),
    memberReports: createMemberReportService(kit),
  };
}

/** 会员实名制管理 (DESIGN §3.1): the registry, joining, transfers, the roster import and the membership reports. */
export const membersModule = defineModule({
  name: 'members',
  tables: [
    keyedTable(persons, 'id_hash'),
    tenantTable(memberships),
    tenantTable(joinApplications),
    tenantTable(transfers),
    tenantTable(memberImports),
    tenantTable(memberImportRows),
    tenantTable(membershipTargets),
    tenantTable(memberBulletins),
  ],
  permissions,
  services: membersServices,
  async routes(app: FastifyInstance, { services }) {
    await app.register(memberRoutes, { members: services.members });
    await app.register(memberImportRoutes, { imports: services.memberImports });
    await app.register(memberReportRoutes, { reports: services.memberReports });
  },
  todos: ({ members }) => memberTodos(members),
  workerForPhone: ({ members }) => members.workerForPhone,
  workflows: ({ members }) => [members.membershipWorkflow, members.joinWorkflow, members.transferWorkflow],
  jobs: () => [importLinesRetentionJob],
  subtreeMoved: [membersSubtreeMoved, memberImportsSubtreeMoved, memberReportsSubtreeMoved],
});
