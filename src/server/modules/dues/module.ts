import type { FastifyInstance } from 'fastify';
import type { Role } from '../../platform/accounts/roles.js';
import { defineModule, type ModuleKit, tenantTable } from '../../platform/module.js';
import type { MemberService } from '../members/service.js';
import { createActivities } from './activities.js';
import { createDuesImports } from './imports.js';
import { duesRoutes } from './routes.js';
import { activities, activityAttendance, duesExemptions, duesImportLines, duesImports, duesRecords, duesRules, duesSubtreeMoved } from './schema.js';
import { createDuesCore, createDuesService } from './service.js';

const permissions = {
  'dues.read': ['union_staff', 'admin', 'leader', 'supervisor'],
  'dues.manage': ['union_staff', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

declare module '../../platform/accounts/roles.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this module's permissions into the product's
  interface PermissionRegistry extends Record<keyof typeof permissions, readonly Role[]> {}
}

/** The module's services: dues records and rules, the payroll import, activities and check-in. */
function duesServices(kit: ModuleKit & { members: MemberService }) {
  const core = createDuesCore(kit);
  return {
    dues: createDuesService(kit, core),
    duesImports: createDuesImports(kit, core),
    activities: createActivities(kit, core),
  };
}

/** 会费与组织生活 (DESIGN §3.1): dues per member and month, union activities and attendance — the evidence for deemed withdrawal. */
export const duesModule = defineModule({
  name: 'dues',
  tables: [tenantTable(duesRecords), tenantTable(duesRules), tenantTable(duesExemptions), tenantTable(duesImports), tenantTable(duesImportLines), tenantTable(activities), tenantTable(activityAttendance)],
  permissions,
  labels: {
    permissions: { 'dues.read': '查看会费与组织生活', 'dues.manage': '登记会费、导入工资表、组织活动与签到' },
    auditActions: {
      'dues.record': '登记会费',
      'dues.rule': '设置会费标准',
      'dues.exemption': '设置免缴会费',
      'dues.mark_paid': '按月批量标记已缴',
      'dues.import_upload': '上传工资表',
      'dues.import_commit': '导入会费',
      'activity.create': '新建组织生活活动',
      'activity.attendance': '登记活动参加',
    },
    entities: { activity: '组织生活活动', dues_import: '会费导入' },
  },
  services: duesServices,
  async routes(app: FastifyInstance, { services }) {
    await app.register(duesRoutes, { dues: services.dues, imports: services.duesImports, activities: services.activities });
  },
  subtreeMoved: [duesSubtreeMoved],
});
