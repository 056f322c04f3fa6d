import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { defineModule, type ModuleKit, tenantTable } from '../../platform/module.js';
import type { EnterpriseService } from '../enterprises/service.js';
import { MEDIATION_PERMISSIONS } from './permissions.js';
import { dutyRosterRoutes } from './rosters/routes.js';
import { mediationDutyExceptions, mediationDutyRules, rostersSubtreeMoved } from './rosters/schema.js';
import { createDutyRosters } from './rosters/service.js';
import { mediationRoutes } from './routes.js';
import { mediationCaseClaims, mediationCaseEntries, mediationCases, mediationCaseWorkers, mediationStudios, mediationSubtreeMoved, studioMembers } from './schema.js';
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
  tables: [mediationStudios, studioMembers, mediationCases, mediationCaseWorkers, mediationCaseClaims, mediationCaseEntries, mediationDutyRules, mediationDutyExceptions].map(tenantTable),
  permissions: MEDIATION_PERMISSIONS,
  services: mediationServices,
  async routes(app: FastifyInstance, { services }) {
    await app.register(mediationRoutes, { mediation: services.mediation });
    await app.register(dutyRosterRoutes, { dutyRosters: services.dutyRosters });
  },
  workflows: ({ mediation }) => [mediation.workflow],
  jobs: ({ mediation }) => [mediation.deadlineJob],
  subtreeMoved: [mediationSubtreeMoved, ...rostersSubtreeMoved],
});
