import { and, asc, count, desc, eq, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { beijingDate } from '../../platform/beijing-time.js';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import type { Job } from '../../platform/jobs.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { canAt, requirePaths, tenantScope } from '../../platform/scope.js';
import { statesWith, type WorkflowEngine } from '../../platform/workflow/engine.js';
import { evaluationQuestions, evaluationSurveys, type SurveyState } from './schema.js';
import { MAX_QUESTIONS, MIN_QUESTIONS, SURVEY_STATES, type SurveyRecord, type SurveyWorkflow } from './workflow.js';

/**
 * Surveys as the union's staff handle them: who sees which survey, drafting
 * and editing (while the state is `editable`), the workflow's steps, the
 * list, and the job that closes a survey after its end date.
 */

export type SurveyRow = typeof evaluationSurveys.$inferSelect;

export interface SurveyText {
  title: string;
  period: string;
  opensOn: string;
  closesOn: string;
  commentPrompt?: string | null;
  questions: { text: string; weight?: number }[];
}
export interface NewSurvey extends SurveyText {
  orgId?: number;
}
export type SurveyChanges = SurveyText & { version: number };

export interface SurveyListQuery {
  state?: SurveyState;
  q?: string;
  page: number;
  pageSize: number;
}

const EDITABLE = statesWith(SURVEY_STATES, 'editable');
/** Unions that may run a survey: a county and what is below it, so a survey, its responses and its members' counts are one tenant's. */
const RUNNING_TYPES = ['county', 'town', 'joint', 'grassroots', 'platform', 'industry'];

/** The closing job acts as the system: the timeline and the audit say 系统. */
const CLOSING_ACTOR: Actor = { userId: null, username: 'system', displayName: '系统', grants: [], homeOrgId: null };

const whereRow = (row: { tenantId: number; id: number }) => and(eq(evaluationSurveys.tenantId, row.tenantId), eq(evaluationSurveys.id, row.id))!;

/** `path` is an ancestor (or the org itself) of one of these paths: a survey that covers the actor's unions. */
export const coversAny = (paths: readonly string[]): SQL =>
  paths.length === 0 ? sql`false` : sql`(${sql.join(paths.map((p) => sql`${evaluationSurveys.orgPath} @> ${p}::ltree`), sql` or `)})`;

function checkText(input: SurveyText) {
  const issues: { field: string; reason: string }[] = [];
  if (input.closesOn < input.opensOn) issues.push({ field: 'closesOn', reason: '截止日期不能早于开始日期' });
  if (input.questions.length < MIN_QUESTIONS || input.questions.length > MAX_QUESTIONS) {
    issues.push({ field: 'questions', reason: `测评题目应为 ${MIN_QUESTIONS}–${MAX_QUESTIONS} 道` });
  }
  const seen = new Set<string>();
  input.questions.forEach((q, i) => {
    if (seen.has(q.text)) issues.push({ field: `questions.${i}.text`, reason: '与前面的题目重复' });
    seen.add(q.text);
  });
  if (issues.length) throw validationError(issues);
}

export function createSurveys(ctx: { db: Db; orgs: Pick<OrgService, 'byId' | 'tenantIdsWithin'>; workflow: WorkflowEngine }, parts: { flow: SurveyWorkflow }) {
  const { db, orgs, workflow } = ctx;
  const { flow } = parts;

  /**
   * The surveys the actor may read: those of unions within the actor's `evaluations.results` scope, and
   * those run above it that cover it (a street's staff read the county's survey, for the street's unions).
   */
  async function visible(actor: Actor, tx: Db = db): Promise<SQL> {
    const paths = requirePaths(actor, 'evaluations.results');
    return or(await tenantScope(actor, 'evaluations.results', evaluationSurveys, (path) => orgs.tenantIdsWithin(path, tx)), coversAny(paths))!;
  }

  /** A survey the actor may read, or 404; `lock` holds it for the transaction (a step and an edit run one after the other). */
  async function find(actor: Actor, id: number, tx: Db = db, options: { lock?: boolean } = {}): Promise<SurveyRow> {
    const query = tx
      .select()
      .from(evaluationSurveys)
      .where(and(eq(evaluationSurveys.id, id), await visible(actor, tx)));
    const [row] = options.lock ? await query.for('update', { of: evaluationSurveys }) : await query;
    if (!row) throw notFound('测评', 'survey');
    return row;
  }

  const questionsOf = (row: Pick<SurveyRow, 'tenantId' | 'id'>, tx: Db = db) =>
    tx
      .select({ id: evaluationQuestions.id, position: evaluationQuestions.position, text: evaluationQuestions.text, weight: evaluationQuestions.weight })
      .from(evaluationQuestions)
      .where(and(eq(evaluationQuestions.tenantId, row.tenantId), eq(evaluationQuestions.surveyId, row.id)))
      .orderBy(asc(evaluationQuestions.position));

  async function recordOf(row: SurveyRow, tx: Db = db): Promise<SurveyRecord> {
    const [{ n }] = await tx
      .select({ n: count() })
      .from(evaluationQuestions)
      .where(and(eq(evaluationQuestions.tenantId, row.tenantId), eq(evaluationQuestions.surveyId, row.id)));
    return { id: row.id, tenantId: row.tenantId, state: row.state, orgPath: row.orgPath, questionCount: Number(n), closesOn: row.closesOn };
  }

  async function writeQuestions(tx: Db, row: Pick<SurveyRow, 'tenantId' | 'id'>, questions: SurveyText['questions']) {
    await tx.delete(evaluationQuestions).where(and(eq(evaluationQuestions.tenantId, row.tenantId), eq(evaluationQuestions.surveyId, row.id)));
    await tx.insert(evaluationQuestions).values(questions.map((q, i) => ({ tenantId: row.tenantId, surveyId: row.id, position: i + 1, text: q.text, weight: q.weight ?? 1 })));
  }

  const textOf = (input: SurveyText) => ({ title: input.title, period: input.period, opensOn: input.opensOn, closesOn: input.closesOn, commentPrompt: input.commentPrompt || null });

  return {
    visible,
    find,
    questionsOf,
    recordOf,

    /** 新建测评 (a draft) at the union given, or where the actor manages surveys. */
    async create(actor: Actor, input: NewSurvey) {
      const paths = requirePaths(actor, 'evaluations.manage');
      checkText(input);
      return db.transaction(async (tx) => {
        const orgId = input.orgId ?? actor.grants.find((g) => paths.includes(g.orgPath))!.orgId;
        const org = await orgs.byId(orgId, tx);
        if (!org || !canAt(actor, 'evaluations.manage', org.path)) throw notFound('工会', 'union');
        if (!org.active) throw validationError([{ field: 'orgId', reason: '该工会已撤销' }]);
        if (!RUNNING_TYPES.includes(org.type)) throw validationError([{ field: 'orgId', reason: '会员评家由县级及以下工会组织' }]);
        const [row] = await tx
          .insert(evaluationSurveys)
          .values({ tenantId: org.tenantId, orgId: org.id, orgPath: org.path, state: 'draft', ...textOf(input), createdByName: actor.displayName.slice(0, 50) })
          .returning();
        await writeQuestions(tx, row, input.questions);
        await workflow.start(tx, flow, actor, await recordOf(row, tx), { title: row.title, period: row.period });
        await recordAudit(tx, actor, {
          action: 'evaluation.create',
          entityType: 'evaluation_survey',
          entityId: row.id,
          tenantId: row.tenantId,
          orgPath: row.orgPath,
          summary: `新建会员评家测评「${row.title}」（${org.name}，${input.questions.length} 道题）`,
          after: { ...textOf(input), questions: input.questions },
        });
        return row.id;
      });
    },

    /** 修改测评: title, dates and questions, while a draft, from the version read. Published questions are frozen. */
    async edit(actor: Actor, id: number, changes: SurveyChanges) {
      await db.transaction(async (tx) => {
        // Scope first: a survey out of sight is 404 whatever the body says.
        const row = await find(actor, id, tx, { lock: true });
        if (!canAt(actor, 'evaluations.manage', row.orgPath)) throw notFound('测评', 'survey');
        checkText(changes);
        if (!EDITABLE.includes(row.state)) {
          throw new AppError('INVALID_TRANSITION', `测评当前为「${SURVEY_STATES[row.state].label}」，发布后题目和日期不能再修改`, 'A published survey cannot be edited');
        }
        if (row.version !== changes.version) throw conflict('测评已被他人修改，请刷新后再改', 'The survey was changed meanwhile; reload it');
        const before = { ...textOf({ ...row, questions: [] }), questions: await questionsOf(row, tx) };
        await tx
          .update(evaluationSurveys)
          .set({ ...textOf(changes), version: row.version + 1, updatedAt: new Date() })
          .where(whereRow(row));
        await writeQuestions(tx, row, changes.questions);
        await recordAudit(tx, actor, {
          action: 'evaluation.update',
          entityType: 'evaluation_survey',
          entityId: row.id,
          tenantId: row.tenantId,
          orgPath: row.orgPath,
          summary: `修改会员评家测评「${changes.title}」`,
          before,
          after: { ...textOf(changes), questions: changes.questions },
        });
      });
    },

    /** A step of the workflow (发布, 提前结束): the engine decides whether the actor may. */
    async act(actor: Actor, id: number, action: string, input: unknown) {
      await db.transaction(async (tx) => {
        const row = await find(actor, id, tx, { lock: true });
        await workflow.fire(tx, flow, actor, await recordOf(row, tx), action, input);
      });
    },

    /** The staff list: state filter, title or period search, newest period first. */
    async list(actor: Actor, query: SurveyListQuery) {
      const conditions = [await visible(actor)];
      if (query.state) conditions.push(eq(evaluationSurveys.state, query.state));
      if (query.q) conditions.push(or(ilike(evaluationSurveys.title, `%${query.q}%`), ilike(evaluationSurveys.period, `%${query.q}%`))!);
      const where = and(...conditions);
      // A county runs a few surveys a year: the scope's index range and a sort of what it holds are enough.
      const rows = await db
        .select()
        .from(evaluationSurveys)
        .where(where)
        .orderBy(desc(evaluationSurveys.opensOn), desc(evaluationSurveys.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      const [{ total }] = await db.select({ total: count() }).from(evaluationSurveys).where(where);
      return { rows, total: Number(total) };
    },

    /** Whether the actor may edit the survey (not a transition: the detail says so, the page never guesses). */
    canEdit: (actor: Actor, row: SurveyRow) => EDITABLE.includes(row.state) && canAt(actor, 'evaluations.manage', row.orgPath),

    /** The previous period's survey of the same union, published, that opened before this one. */
    async previousOf(row: SurveyRow, tx: Db = db): Promise<SurveyRow | undefined> {
      const [previous] = await tx
        .select()
        .from(evaluationSurveys)
        .where(
          and(
            eq(evaluationSurveys.tenantId, row.tenantId),
            eq(evaluationSurveys.orgId, row.orgId),
            sql`${evaluationSurveys.state} in (${sql.join(statesWith(SURVEY_STATES, 'hasResults').map((s) => sql`${s}`), sql`, `)})`,
            lt(evaluationSurveys.opensOn, row.opensOn),
          ),
        )
        .orderBy(desc(evaluationSurveys.opensOn), desc(evaluationSurveys.id))
        .limit(1);
      return previous;
    },

    /** Open surveys whose end date has passed are closed (每天), set-based through the engine. */
    closingJob: {
      name: 'evaluations.close-ended',
      everyMs: 60 * 60_000,
      async run({ db: tx, now }) {
        return workflow.fireMany(
          tx,
          flow,
          CLOSING_ACTOR,
          'expire',
          sql`select tenant_id, id, null::jsonb as payload from ${evaluationSurveys} where state = 'open' and closes_on < ${beijingDate(now)}::date`,
        );
      },
    } satisfies Job<number>,
  };
}

export type Surveys = ReturnType<typeof createSurveys>;
