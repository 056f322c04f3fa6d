import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor, Grant } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { AppError, conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import { isWithin, requirePaths, scopePaths } from '../../platform/scope.js';
import { statesWith } from '../../platform/workflow/engine.js';
import { evaluationParticipations, evaluationResponses, evaluationSurveys } from './schema.js';
import { coversAny, type SurveyRow, type Surveys } from './surveys.js';
import { SURVEY_STATES } from './workflow.js';

/**
 * Members answering: the open surveys that cover their own union, and the
 * answer itself — once per person (the participation's unique key), anonymous
 * (the scores go into a row that names no one: see schema.ts).
 */

export interface SurveyAnswer {
  answers: { questionId: number; score: number }[];
  comment?: string | null;
}

const ANSWERABLE = statesWith(SURVEY_STATES, 'answerable');

/** Why the survey cannot be answered today, or null when it can. */
function notAnswerable(row: SurveyRow, today: string): string | null {
  if (row.state === 'draft') return '测评尚未发布，暂不能作答';
  if (!ANSWERABLE.includes(row.state)) return '测评已结束，不能再作答';
  if (today < row.opensOn) return `测评将于 ${row.opensOn} 开始，届时再来作答`;
  if (today > row.closesOn) return `测评已于 ${row.closesOn} 截止，不能再作答`;
  return null;
}

export function createResponses(ctx: { db: Db; today: () => string }, parts: { surveys: Pick<Surveys, 'find' | 'questionsOf'> }) {
  const { db, today } = ctx;
  const { find, questionsOf } = parts.surveys;

  /** The unions where the actor answers (their worker or representative roles), nearest the leaves last. */
  const ownUnions = (actor: Actor): Grant[] => {
    const paths = requirePaths(actor, 'evaluations.respond');
    return actor.grants.filter((g) => paths.includes(g.orgPath));
  };
  /** The union a survey scores for this actor: their own union within the survey's subtree. */
  const unionFor = (actor: Actor, row: SurveyRow) => ownUnions(actor).find((g) => isWithin(g.orgPath, row.orgPath));

  /** A published or closed survey that covers one of the actor's unions, or 404 (drafts are nobody's business but the staff's). */
  async function findFor(actor: Actor, id: number, tx: Db): Promise<SurveyRow> {
    const [row] = await tx
      .select()
      .from(evaluationSurveys)
      .where(and(eq(evaluationSurveys.id, id), coversAny(ownUnions(actor).map((g) => g.orgPath))));
    if (!row) throw notFound('测评', 'survey');
    return row;
  }

  return {
    /** 会员评家 for a member: the published surveys covering their union that still run, each with its questions and whether they answered. */
    async mine(actor: Actor) {
      const unions = ownUnions(actor);
      const rows = await db
        .select()
        .from(evaluationSurveys)
        .where(and(coversAny(unions.map((g) => g.orgPath)), inArray(evaluationSurveys.state, ANSWERABLE), sql`${evaluationSurveys.closesOn} >= ${today()}::date`))
        .orderBy(asc(evaluationSurveys.closesOn), asc(evaluationSurveys.id));
      const answered = new Set(
        rows.length === 0
          ? []
          : (
              await db
                .select({ tenantId: evaluationParticipations.tenantId, surveyId: evaluationParticipations.surveyId })
                .from(evaluationParticipations)
                .where(and(eq(evaluationParticipations.userId, actor.userId ?? 0), inArray(evaluationParticipations.surveyId, rows.map((r) => r.id))))
            ).map((p) => `${p.tenantId}:${p.surveyId}`),
      );
      const items = [];
      for (const row of rows) {
        items.push({
          row,
          unionName: unionFor(actor, row)!.orgName,
          questions: await questionsOf(row),
          answered: answered.has(`${row.tenantId}:${row.id}`),
          notAnswerable: notAnswerable(row, today()),
        });
      }
      return items;
    },

    /**
     * 作答: every scored question once, 1–5, within the survey's dates, once per person. The participation
     * (who) and the response (what) are written in one transaction but never linked.
     */
    async respond(actor: Actor, id: number, input: SurveyAnswer) {
      await db.transaction(async (tx) => {
        if (scopePaths(actor, 'evaluations.respond').length === 0) {
          // Staff who read the survey are told why they may not answer; to anyone else it is not there.
          await find(actor, id, tx);
          throw forbidden('只有所在工会的职工和会员代表可以参加测评', 'Only members of the unions it covers may answer');
        }
        const row = await findFor(actor, id, tx);
        const reason = notAnswerable(row, today());
        if (reason) throw new AppError('INVALID_TRANSITION', reason, 'The survey is not open for answers');
        const questions = await questionsOf(row, tx);
        const scores = new Map(input.answers.map((a) => [a.questionId, a.score]));
        const unknown = input.answers.findIndex((a) => !questions.some((q) => q.id === a.questionId));
        if (unknown >= 0) throw validationError([{ field: `answers.${unknown}.questionId`, reason: '不是本测评的题目' }]);
        const missing = questions.filter((q) => !scores.has(q.id));
        if (missing.length) throw validationError(missing.map((q) => ({ field: `questions.${q.id}`, reason: `第 ${q.position} 题未作答，请选择满意程度` })));
        if (!row.commentPrompt && input.comment) throw validationError([{ field: 'comment', reason: '本测评没有意见建议题' }]);
        const union = unionFor(actor, row)!;
        const [taken] = await tx.insert(evaluationParticipations).values({ tenantId: row.tenantId, surveyId: row.id, userId: actor.userId! }).onConflictDoNothing().returning({ id: evaluationParticipations.id });
        if (!taken) throw conflict('您已参加过本次测评，每人只能作答一次', 'You have answered this survey already');
        await tx.insert(evaluationResponses).values({
          tenantId: row.tenantId,
          surveyId: row.id,
          orgId: union.orgId,
          orgPath: union.orgPath,
          scores: questions.map((q) => scores.get(q.id)!),
          comment: input.comment?.trim() || null,
        });
        // Who took part, never what they answered.
        await recordAudit(tx, actor, {
          action: 'evaluation.respond',
          entityType: 'evaluation_survey',
          entityId: row.id,
          tenantId: row.tenantId,
          orgPath: union.orgPath,
          summary: `参加会员评家测评「${row.title}」`,
        });
      });
    },
  };
}
