import type { FastifyInstance } from 'fastify';
import { defineModule, type ModuleKit } from '../../platform/module.js';
import type { DirectLineService } from '../direct-line/service.js';
import type { ProposalService } from '../proposals/service.js';
import { DUTY_PERMISSIONS } from './permissions.js';
import { dutyRecordRoutes } from './routes.js';
import { createDutyRecordService } from './service.js';

/** The module's services: the records, combined from the proposals and direct-line services. */
function dutyRecordsServices(kit: ModuleKit & { proposals: ProposalService; directLine: DirectLineService }) {
  return { dutyRecords: createDutyRecordService(kit) };
}

/** 云履职 · 履职监督 (DESIGN §3.2): each representative's record and a ranking per union; no tables of its own. */
export const dutyRecordsModule = defineModule({
  name: 'duty-records',
  tables: [],
  permissions: DUTY_PERMISSIONS,
  labels: {
    permissions: { 'duty.read': '查看代表履职记录与排名', 'duty.own': '查看本人履职记录' },
    auditActions: { 'duty.export': '导出履职记录' },
  },
  services: dutyRecordsServices,
  async routes(app: FastifyInstance, { services }) {
    await app.register(dutyRecordRoutes, { dutyRecords: services.dutyRecords });
  },
});
