import type { FastifyInstance } from 'fastify';
import { defineModule, type ModuleKit, tenantTable } from '../../platform/module.js';
import type { MemberService } from '../members/service.js';
import { EVALUATION_PERMISSIONS } from './permissions.js';
import { evaluationRoutes } from './routes.js';
import { evaluationParticipations, evaluationQuestions, evaluationResponses, evaluationSurveys, evaluationsSubtreeMoved } from './schema.js';
import { createEvaluationService } from './service.js';

/** The module's services: the surveys, the answers and the results; members' counts come from the members module. */
function evaluationsServices(kit: ModuleKit & { members: MemberService }) {
  return { evaluations: createEvaluationService(kit) };
}

/** 云履职 · 会员评家 (DESIGN §3.2): members score their union, period by period, anonymously. */
export const evaluationsModule = defineModule({
  name: 'evaluations',
  tables: [tenantTable(evaluationSurveys), tenantTable(evaluationQuestions), tenantTable(evaluationParticipations), tenantTable(evaluationResponses)],
  permissions: EVALUATION_PERMISSIONS,
  labels: {
    permissions: { 'evaluations.manage': '起草、发布与结束会员评家', 'evaluations.results': '查看评家结果', 'evaluations.respond': '参加会员评家' },
    auditActions: { 'evaluation.create': '新建评家', 'evaluation.update': '修改评家', 'evaluation.respond': '提交评价', 'evaluation.export': '导出评家结果' },
  },
  auditNames: { evaluation_survey: { table: evaluationSurveys, tenantId: evaluationSurveys.tenantId, id: evaluationSurveys.id, name: evaluationSurveys.title } },
  services: evaluationsServices,
  async routes(app: FastifyInstance, { services }) {
    await app.register(evaluationRoutes, { evaluations: services.evaluations });
  },
  workflows: ({ evaluations }) => [evaluations.workflow],
  jobs: ({ evaluations }) => [evaluations.closingJob],
  subtreeMoved: [evaluationsSubtreeMoved],
});
