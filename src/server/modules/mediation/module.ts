import type { FastifyInstance } from 'fastify';
import { defineModule, type ModuleKit, tenantTable } from '../../platform/module.js';
import { MEDIATION_PERMISSIONS } from './permissions.js';
import { mediationRoutes } from './routes.js';
import { mediationCaseClaims, mediationCaseEntries, mediationCases, mediationCaseWorkers, mediationStudios, mediationSubtreeMoved, studioMembers } from './schema.js';
import { createMediationService } from './service.js';

/** The module's services: studios and their teams, cases. */
function mediationServices(kit: ModuleKit) {
  return { mediation: createMediationService(kit) };
}

/** 连心舱 · 诉调对接 (DESIGN §3.3): labour-dispute mediation at the unions' studios. */
export const mediationModule = defineModule({
  name: 'mediation',
  tables: [mediationStudios, studioMembers, mediationCases, mediationCaseWorkers, mediationCaseClaims, mediationCaseEntries].map(tenantTable),
  permissions: MEDIATION_PERMISSIONS,
  services: mediationServices,
  async routes(app: FastifyInstance, { services }) {
    await app.register(mediationRoutes, { mediation: services.mediation });
  },
  workflows: ({ mediation }) => [mediation.workflow],
  jobs: ({ mediation }) => [mediation.deadlineJob],
  subtreeMoved: [mediationSubtreeMoved],
});
