import type { FastifyInstance } from 'fastify';
import { defineModule, type ModuleKit, tenantTable } from '../../platform/module.js';
import { MEDIATION_PERMISSIONS } from './permissions.js';
import { dutyRosterRoutes } from './rosters/routes.js';
import { mediationDutyExceptions, mediationDutyRules, rostersSubtreeMoved } from './rosters/schema.js';
import { createDutyRosters } from './rosters/service.js';
import { mediationRoutes } from './routes.js';
import { mediationStudios, mediationSubtreeMoved, studioMembers } from './schema.js';
import { createMediationService } from './service.js';

/** The module's services: studios and their teams; their duty rosters (值班). */
function mediationServices(kit: ModuleKit) {
  const mediation = createMediationService(kit);
  return { mediation, dutyRosters: createDutyRosters({ ...kit, studios: mediation }) };
}

/** 连心舱 · 诉调对接 (DESIGN §3.3): labour-dispute mediation at the unions' studios. */
export const mediationModule = defineModule({
  name: 'mediation',
  tables: [tenantTable(mediationStudios), tenantTable(studioMembers), tenantTable(mediationDutyRules), tenantTable(mediationDutyExceptions)],
  permissions: MEDIATION_PERMISSIONS,
  services: mediationServices,
  async routes(app: FastifyInstance, { services }) {
    await app.register(mediationRoutes, { mediation: services.mediation });
    await app.register(dutyRosterRoutes, { dutyRosters: services.dutyRosters });
  },
  subtreeMoved: [mediationSubtreeMoved, ...rostersSubtreeMoved],
});
