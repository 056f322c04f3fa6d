import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, pgTable, primaryKey, smallint, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id, identityId, ltree, tenantId, timestamps, version } from '../../db/columns.js';
import { pathCopies } from '../../platform/org-tree/paths.js';

/** States of a survey (workflow.ts holds their labels, flags and moves). */
export type SurveyState = 'draft' | 'open' | 'closed';

/** The five answers to every scored statement, 1 to 5. */
export const SCORE_LABELS = { 1: '非常不满意', 2: '不满意', 3: '一般', 4: '满意', 5: '非常满意' } as const;
export const MIN_SCORE = 1;
export const MAX_SCORE = 5;

/**
 * 会员评家 测评: a union asks the members of the unions of its subtree to score
 * it, for a period (2026年度, 2026年上半年). Owned by that union (its tenant and path).
 */
export const evaluationSurveys = pgTable(
  'evaluation_surveys',
  {
    tenantId: tenantId(),
    id: identityId(),
    /** The union that runs it: its subtree's unions are scored, their members answer. */
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    state: varchar('state', { length: 20 }).$type<SurveyState>().notNull(),
    title: varchar('title', { length: 100 }).notNull(),
    /** 测评周期, e.g. 2026年度: the previous period's survey of the same union is the comparison. */
    period: varchar('period', { length: 30 }).notNull(),
    /** Business dates in Beijing time, both inclusive. */
    opensOn: date('opens_on').notNull(),
    closesOn: date('closes_on').notNull(),
    /** The optional free-text question (意见建议); null when the survey asks none. */
    commentPrompt: varchar('comment_prompt', { length: 200 }),
    createdByName: varchar('created_by_name', { length: 50 }).notNull(),
    version: version(),
    ...timestamps(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // The staff list: the tenant, the scope's path range, newest first; the state filter narrows it.
    index('evaluation_surveys_tenant_path_idx').on(t.tenantId, t.orgPath, t.opensOn),
    index('evaluation_surveys_tenant_state_idx').on(t.tenantId, t.state, t.opensOn),
    index('evaluation_surveys_path_gist').using('gist', t.orgPath),
    check('evaluation_surveys_dates_check', sql`${t.closesOn} >= ${t.opensOn}`),
  ],
);

/** 测评题目: a statement scored 1–5, in its place on the form; frozen once the survey is published. */
export const evaluationQuestions = pgTable(
  'evaluation_questions',
  {
    tenantId: tenantId(),
    id: identityId(),
    surveyId: id('survey_id').notNull(),
    /** 1-based place on the form: a response's scores are in this order. */
    position: smallint('position').notNull(),
    text: varchar('text', { length: 200 }).notNull(),
    /** Weight in the overall score (1 when all count alike). */
    weight: smallint('weight').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('evaluation_questions_position_key').on(t.tenantId, t.surveyId, t.position),
    foreignKey({ columns: [t.tenantId, t.surveyId], foreignColumns: [evaluationSurveys.tenantId, evaluationSurveys.id] }),
    check('evaluation_questions_weight_check', sql`${t.weight} between 1 and 10`),
  ],
);

/**
 * Who has answered a survey, and nothing else: it makes answering once-only
 * (the unique key) and is never joined to the scores. docs/architecture.md,
 * 会员评家, says why the two are kept apart.
 */
export const evaluationParticipations = pgTable(
  'evaluation_participations',
  {
    tenantId: tenantId(),
    id: identityId(),
    surveyId: id('survey_id').notNull(),
    userId: id('user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex('evaluation_participations_key').on(t.tenantId, t.surveyId, t.userId),
    index('evaluation_participations_user_idx').on(t.userId),
    foreignKey({ columns: [t.tenantId, t.surveyId], foreignColumns: [evaluationSurveys.tenantId, evaluationSurveys.id] }),
  ],
);

/**
 * One anonymous response: the union it scores (the respondent's own) and the
 * scores in question order. No user, no time, and a random id, so neither a
 * column nor the order of ids leads back to a participation.
 */
export const evaluationResponses = pgTable(
  'evaluation_responses',
  {
    tenantId: tenantId(),
    id: uuid('id').notNull().defaultRandom(),
    surveyId: id('survey_id').notNull(),
    orgId: id('org_id').notNull(),
    orgPath: ltree('org_path').notNull(),
    /** Scores 1–5, the n-th for the question at position n. */
    scores: smallint('scores').array().notNull(),
    comment: text('comment'),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    // Results read a survey's responses, grouped by union.
    index('evaluation_responses_survey_idx').on(t.tenantId, t.surveyId, t.orgId),
    foreignKey({ columns: [t.tenantId, t.surveyId], foreignColumns: [evaluationSurveys.tenantId, evaluationSurveys.id] }),
    check('evaluation_responses_scores_check', sql`cardinality(${t.scores}) between 2 and 30 and 1 <= all(${t.scores}) and 5 >= all(${t.scores})`),
  ],
);

export const evaluationsSubtreeMoved = pathCopies(evaluationSurveys.orgPath, evaluationResponses.orgPath);
