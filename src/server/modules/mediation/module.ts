import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { defineModule, type ModuleKit, tenantTable } from '../../platform/module.js';
import { mediationTodos } from './todos.js';
import type { EnterpriseService } from '../enterprises/service.js';
import { MEDIATION_PERMISSIONS } from './permissions.js';
import { dutyRosterRoutes } from './rosters/routes.js';
import { mediationDutyExceptions, mediationDutyRules, rostersSubtreeMoved } from './rosters/schema.js';
import { createDutyRosters } from './rosters/service.js';
import { mediationRoutes } from './routes.js';
import { mediationCaseClaims, mediationCaseEntries, mediationCaseMonths, mediationCases, mediationCaseWorkers, mediationStudios, mediationSubtreeMoved, studioMembers } from './schema.js';
import { createMediationService } from './service.js';

/** The module's services: studios and their teams, cases; their duty rosters (值班). */
function mediationServices(kit: ModuleKit & { enterprises: EnterpriseService }) {
  // A new case's lead is whoever is on duty today with an account; the rosters are built on the studios, so the cases reach them through this.
  const onDutyLead = async (actor: Actor, studioId: number, tx: Db) => {
    const onDuty = (await dutyRosters.onDuty(actor, studioId, kit.today(), tx)).entries.find((entry) => entry.userId !== null);
    return onDuty ? { memberId: onDuty.memberId, userId: onDuty.userId! } : null;
  };
  const mediation = createMediationService({ ...kit, onDutyLead });
  const dutyRosters = createDutyRosters({ ...kit, studios: mediation });
  return { mediation, dutyRosters };
}

/** 连心舱 · 诉调对接 (DESIGN §3.3): labour-dispute mediation at the unions' studios. */
export const mediationModule = defineModule({
  name: 'mediation',
  tables: [mediationStudios, studioMembers, mediationCases, mediationCaseWorkers, mediationCaseClaims, mediationCaseEntries, mediationCaseMonths, mediationDutyRules, mediationDutyExceptions].map(tenantTable),
  permissions: MEDIATION_PERMISSIONS,
  labels: {
    permissions: {
      'mediation.manage': '登记连心舱与维护调解团队',
      'mediation.read': '查看连心舱、团队与调解案件',
      'mediation.handle': '办理调解案件',
      'mediation.apply': '在线申请调解与法律援助',
    },
    auditActions: {
      'mediation.case_create': '登记调解案件',
      'mediation.rate': '评价调解',
      'mediation.receipt': '签收调解协议书',
      'mediation.studio_create': '新建连心舱',
      'mediation.studio_update': '修改连心舱',
      'mediation.member_add': '添加团队成员',
      'mediation.member_update': '修改团队成员',
      'mediation.duty_rule_create': '新建值班规则',
      'mediation.duty_rule_update': '修改值班规则',
      'mediation.duty_exception_add': '添加值班调整',
      'mediation.duty_exception_remove': '删除值班调整',
    },
    entities: { mediation_studio: '连心舱' },
    notificationKinds: { mediation: '调解' },
  },
  auditNames: {
    mediation_case: { table: mediationCases, tenantId: mediationCases.tenantId, id: mediationCases.id, name: mediationCases.subject },
    mediation_studio: { table: mediationStudios, tenantId: mediationStudios.tenantId, id: mediationStudios.id, name: mediationStudios.name },
  },
  services: mediationServices,
  async routes(app: FastifyInstance, { services }) {
    await app.register(mediationRoutes, { mediation: services.mediation });
    await app.register(dutyRosterRoutes, { dutyRosters: services.dutyRosters });
  },
  workflows: ({ mediation }) => [mediation.workflow],
  jobs: ({ mediation }) => [mediation.deadlineJob],
  todos: ({ mediation }) => mediationTodos(mediation),
  subtreeMoved: [mediationSubtreeMoved, ...rostersSubtreeMoved],
});
