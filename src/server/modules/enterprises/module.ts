import type { FastifyInstance } from 'fastify';
import { defineModule, type ModuleKit, tenantTable } from '../../platform/module.js';
import { INDUSTRY_DICTIONARY } from './dictionaries.js';
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
  labels: {
    permissions: { 'enterprises.manage': '登记企业、风险信号、走访与帮扶计划', 'enterprises.read': '查看企业与风险信号' },
    auditActions: {
      'enterprise.create': '登记企业',
      'enterprise.update': '修改企业',
      'enterprise.visit': '记录走访',
      'enterprise.plan': '制定帮扶计划',
      'risk_signal.create': '登记风险信号',
      'risk_signal.update': '修改风险信号',
    },
    entities: { enterprise: '企业' },
    notificationKinds: { 'risk-signal': '风险预警' },
  },
  auditNames: { enterprise: { table: enterprises, tenantId: enterprises.tenantId, id: enterprises.id, name: enterprises.name } },
  dictionaries: [INDUSTRY_DICTIONARY],
  services: enterprisesServices,
  async routes(app: FastifyInstance, { services }) {
    await app.register(enterpriseRoutes, { enterprises: services.enterprises });
  },
  workflows: ({ enterprises: service }) => [service.workflow],
  subtreeMoved: [enterprisesSubtreeMoved],
});
