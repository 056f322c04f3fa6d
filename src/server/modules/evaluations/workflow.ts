import { defineWorkflow, type StateDefinition, type WorkflowRecord } from '../../platform/workflow/engine.js';
import { evaluationSurveys, type SurveyState } from './schema.js';

/**
 * A 会员评家 survey's life, as data: drafted and edited by the union's staff,
 * published (its questions frozen from then on), answered while open, closed
 * by its end date (a background job) or earlier by the staff.
 */

/** How many scored statements a survey asks. */
export const MIN_QUESTIONS = 2;
export const MAX_QUESTIONS = 30;

/**
 * Flags of the module's own: `editable` — the title, dates and questions may change; `answerable` —
 * members answer it (within its dates); `hasResults` — responses exist to read.
 */
export const SURVEY_STATES = {
  draft: { label: '草稿', flags: ['editable'] },
  open: { label: '进行中', open: true, tone: 'good', flags: ['answerable', 'hasResults'] },
  closed: { label: '已结束', terminal: true, flags: ['hasResults'] },
} as const satisfies Record<SurveyState, StateDefinition>;

export interface SurveyRecord extends WorkflowRecord<SurveyState> {
  questionCount: number;
  closesOn: string;
}

export const surveyWorkflow = (ctx: { today: () => string }) =>
  defineWorkflow<SurveyState, SurveyRecord>({
    id: 'evaluation_survey',
    label: '会员评家测评',
    createdLabel: '新建测评',
    states: SURVEY_STATES,
    store: { table: evaluationSurveys, state: evaluationSurveys.state, version: evaluationSurveys.version, updatedAt: evaluationSurveys.updatedAt, orgPath: evaluationSurveys.orgPath },
    transitions: [
      {
        action: 'publish',
        label: '发布测评',
        from: ['draft'],
        to: 'open',
        permission: 'evaluations.manage',
        warning: '发布后题目不能再修改，会员在开放日期内即可作答。',
        guard: ({ record }) => {
          if (record.questionCount < MIN_QUESTIONS || record.questionCount > MAX_QUESTIONS) return `测评题目应为 ${MIN_QUESTIONS}–${MAX_QUESTIONS} 道，目前 ${record.questionCount} 道`;
          if (record.closesOn < ctx.today()) return `截止日期 ${record.closesOn} 已过，请先修改日期`;
          return null;
        },
      },
      {
        action: 'close',
        label: '提前结束',
        from: ['open'],
        to: 'closed',
        permission: 'evaluations.manage',
        destructive: true,
        warning: '结束后会员不能再作答，测评结果即为最终结果。',
      },
      // The end date has passed: the closing job ends it (set-based, so no effect, guard or notice here).
      { action: 'expire', label: '到期结束', from: ['open'], to: 'closed', system: true },
    ],
  });

export type SurveyWorkflow = ReturnType<typeof surveyWorkflow>;
