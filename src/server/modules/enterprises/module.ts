import type { FastifyInstance } from 'fastify';
import { defineModule, type ModuleKit, tenantTable } from '../../platform/module.js';
import { ENTERPRISE_PERMISSIONS } from './permissions.js';
import { enterpriseRoutes } from './routes.js';
import { enterprisePlans, enterprises, enterprisesSubtreeMoved, enterpriseVisits, riskSignals } from './schema.js';
import { createEnterpriseService } from './service.js';

/** The module's service: enterprises, their risk signals, visits and plans. */
function enterprisesServices(kit: ModuleKit) {
  return { enterprises: createEnterpriseService(kit) };
}

/** 连心舱 · 预警识别 and 一企一策 (DESIGN §3.3): the enterprises a union looks after and the risks it watches there. */
export const enterprisesModule = defineModule({
  name: 'enterprises',
  tables: [tenantTable(enterprises), tenantTable(riskSignals), tenantTable(enterpriseVisits), tenantTable(enterprisePlans)],
  permissions: ENTERPRISE_PERMISSIONS,
  services: enterprisesServices,
  async routes(app: FastifyInstance, { services }) {
    await app.register(enterpriseRoutes, { enterprises: services.enterprises });
  },
  workflows: ({ enterprises: service }) => [service.workflow],
  subtreeMoved: [enterprisesSubtreeMoved],
});
