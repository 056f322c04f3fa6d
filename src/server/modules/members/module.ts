import type { FastifyInstance } from 'fastify';
import type { Role } from '../../platform/accounts/roles.js';
import { memberTodos } from './todos.js';
import { defineModule, keyedTable, type ModuleKit, tenantTable } from '../../platform/module.js';
import { importLinesRetentionJob } from './retention.js';
import { memberRoutes } from './routes.js';
import { joinApplications, membershipCounts, memberships, membersSubtreeMoved, persons, transfers } from './schema.js';
import { createMemberService } from './service.js';
import { cardNumberFormatSetting, EMPLOYMENT_FORM_DICTIONARY } from './settings.js';
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
  /** 扫码验证: check a member's electronic card (validity, masked name, union, 会龄 — nothing else). */
  'members.verify_card': ['union_staff', 'admin', 'mediator'],
  /** 我的会籍: a worker's own membership and e-card (the account must belong to a person: Actor.personHash). */
  'members.own': ['worker', 'representative'],
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
    tenantTable(membershipCounts),
    tenantTable(joinApplications),
    tenantTable(transfers),
    tenantTable(memberImports),
    tenantTable(memberImportRows),
    tenantTable(membershipTargets),
    tenantTable(memberBulletins),
  ],
  permissions,
  labels: {
    permissions: {
      'members.read': '查看会员名册、入会申请与接转',
      'members.manage': '办理入会、接转与会员登记',
      'members.reveal_id': '查看完整身份证号',
      'members.verify_card': '扫码验证电子会员证',
      'members.own': '查看本人会籍（我的会籍）',
      'members.contact': '查看完整手机号',
      'reports.read': '查看建会入会报表',
      'reports.manage': '设定目标、发布通报',
    },
    auditActions: {
      'membership.create': '登记会员',
      'member.export': '导出会员名册',
      'member.import': '导入花名册',
      'member.reveal_id': '查看完整身份证号',
      'member_import.discard': '清除导入记录',
      'member_import.purge_lines': '清除导入明细',
      'member_bulletin.issue': '发布入会通报',
      'member_target.set': '设定建会入会目标',
    },
    entities: { member_import: '花名册导入', member_bulletin: '入会通报', member_target: '建会入会目标' },
    notificationKinds: { member: '会员' },
  },
  auditNames: {
    membership: { table: memberships, tenantId: memberships.tenantId, id: memberships.id, name: memberships.name },
    join_application: { table: joinApplications, tenantId: joinApplications.tenantId, id: joinApplications.id, name: joinApplications.name },
    transfer: { table: transfers, tenantId: transfers.tenantId, id: transfers.id, name: transfers.name },
    member_import: { table: memberImports, tenantId: memberImports.tenantId, id: memberImports.id, name: memberImports.fileName },
  },
  dictionaries: [EMPLOYMENT_FORM_DICTIONARY],
  settings: [cardNumberFormatSetting],
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
