import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import type { WorkflowEngine } from '../../platform/workflow/engine.js';
import type { MemberService } from '../members/service.js';
import { resultsWorkbook } from './export.js';
import { createResponses } from './responses.js';
import { createResults } from './results.js';
import { createSurveys, type SurveyListQuery, type SurveyRow } from './surveys.js';
import { STANDARD_TEMPLATE } from './template.js';
import { SURVEY_STATES, surveyWorkflow } from './workflow.js';

/**
 * 会员评家 (DESIGN §3.2): the parts, each a file by job, offered as one object.
 * surveys.ts — who sees which survey, drafting, the workflow's steps, the list, the closing job;
 * responses.ts — the member's open surveys and the once-only anonymous answer;
 * results.ts — the figures, suppressed below five responses; export.ts — the results as xlsx.
 */

export type { NewSurvey, SurveyChanges, SurveyListQuery } from './surveys.js';
export type { SurveyAnswer } from './responses.js';

export interface EvaluationServiceDeps {
  db: Db;
  orgs: Pick<OrgService, 'byId' | 'namesByIds' | 'tenantIdsWithin'>;
  workflow: WorkflowEngine;
  members: Pick<MemberService, 'openMembersByUnion'>;
  today: () => string;
}

export function createEvaluationService(deps: EvaluationServiceDeps) {
  const { db, orgs, workflow } = deps;
  const flow = surveyWorkflow(deps);
  const surveys = createSurveys(deps, { flow });
  const responses = createResponses(deps, { surveys });
  const results = createResults(deps, { surveys });

  /** A survey as lists show it. */
  const rowOf = (row: SurveyRow, orgNames: Map<number, string>) => ({
    id: row.id,
    title: row.title,
    period: row.period,
    state: row.state,
    stateLabel: SURVEY_STATES[row.state].label,
    orgId: row.orgId,
    orgName: orgNames.get(row.orgId) ?? '',
    opensOn: row.opensOn,
    closesOn: row.closesOn,
    updatedAt: row.updatedAt,
  });

  async function detail(actor: Actor, id: number) {
    const row = await surveys.find(actor, id);
    const [names, questions, record] = [await orgs.namesByIds([row.orgId]), await surveys.questionsOf(row), await surveys.recordOf(row)];
    return {
      ...rowOf(row, names),
      version: row.version,
      commentPrompt: row.commentPrompt,
      createdByName: row.createdByName,
      questions,
      canEdit: surveys.canEdit(actor, row),
      allowedActions: workflow.allowedActions(flow, actor, record),
      timeline: await workflow.timeline(db, flow, row.tenantId, row.id),
    };
  }

  return {
    workflow: flow,
    closingJob: surveys.closingJob,
    /** The usual 会员评家 items a new survey starts from. */
    template: () => ({ commentPrompt: STANDARD_TEMPLATE.commentPrompt, questions: STANDARD_TEMPLATE.questions.map((q) => ({ ...q })) }),

    async list(actor: Actor, query: SurveyListQuery) {
      const { rows, total } = await surveys.list(actor, query);
      const names = await orgs.namesByIds([...new Set(rows.map((r) => r.orgId))]);
      return { items: rows.map((r) => rowOf(r, names)), total, page: query.page, pageSize: query.pageSize };
    },
    detail,
    async create(actor: Actor, input: Parameters<typeof surveys.create>[1]) {
      return detail(actor, await surveys.create(actor, input));
    },
    async edit(actor: Actor, id: number, changes: Parameters<typeof surveys.edit>[2]) {
      await surveys.edit(actor, id, changes);
      return detail(actor, id);
    },
    act: surveys.act,

    results: results.results,
    /** The results as an xlsx; taking them out of the system is audited. */
    async exportResults(actor: Actor, id: number) {
      const figures = await results.results(actor, id);
      const { row } = figures;
      await recordAudit(db, actor, {
        action: 'evaluation.export',
        entityType: 'evaluation_survey',
        entityId: row.id,
        tenantId: row.tenantId,
        orgPath: row.orgPath,
        summary: `导出会员评家测评结果「${row.title}」${figures.scope ? `（${figures.scope}）` : ''}`,
      });
      return { fileName: `${row.title}测评结果.xlsx`, fallbackName: `evaluation-${row.id}.xlsx`, body: await resultsWorkbook(figures) };
    },

    async mine(actor: Actor) {
      const items = await responses.mine(actor);
      const names = await orgs.namesByIds([...new Set(items.map((i) => i.row.orgId))]);
      return {
        items: items.map((i) => ({
          ...rowOf(i.row, names),
          unionName: i.unionName,
          commentPrompt: i.row.commentPrompt,
          questions: i.questions.map((q) => ({ id: q.id, position: q.position, text: q.text })),
          answered: i.answered,
          notAnswerable: i.notAnswerable,
        })),
      };
    },
    respond: responses.respond,
  };
}

export type EvaluationService = ReturnType<typeof createEvaluationService>;
