import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { canAt, isWithin, scopePaths, subtreeRange } from '../../platform/scope.js';
import type { MemberService } from '../members/service.js';
import { evaluationResponses, MAX_SCORE, MIN_SCORE } from './schema.js';
import type { SurveyRow, Surveys } from './surveys.js';

/**
 * A survey's results as the actor may read them: over the unions of the
 * survey's subtree that are within the actor's scope (the county's staff
 * read every union, a street's staff their street's). Anonymous by
 * construction — responses name no one — and, for small numbers, by
 * suppression: a score over fewer than MIN_RESPONSES responses is withheld.
 */

/** Below this many responses a score would point at the few who gave it: withheld (docs/architecture.md, 会员评家). */
export const MIN_RESPONSES = 5;

/** Counts of each score per union and question position. */
interface Tally {
  orgId: number;
  position: number;
  score: number;
  n: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
/** A share to a hundredth of a percent: 31 answers of 20,090 members is 0.15 %, not 0. */
const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null);

/** The weighted score of per-question averages (every response answers every question, so this is the mean of responses' weighted scores). */
function weighted(averages: Map<number, number>, weights: Map<number, number>): number | null {
  let sum = 0;
  let total = 0;
  for (const [position, weight] of weights) {
    const avg = averages.get(position);
    if (avg === undefined) return null;
    sum += avg * weight;
    total += weight;
  }
  return total ? round2(sum / total) : null;
}

export function createResults(ctx: { db: Db; orgs: Pick<OrgService, 'namesByIds'>; members: Pick<MemberService, 'openMembersByUnion'> }, parts: { surveys: Pick<Surveys, 'find' | 'questionsOf' | 'previousOf'> }) {
  const { db, orgs, members } = ctx;
  const { find, questionsOf, previousOf } = parts.surveys;

  /** The parts of the survey's subtree the actor reads: all of it, or the actor's own subtrees within it. */
  const viewPaths = (actor: Actor, row: SurveyRow) =>
    canAt(actor, 'evaluations.results', row.orgPath) ? [row.orgPath] : scopePaths(actor, 'evaluations.results').filter((p) => isWithin(p, row.orgPath));

  const within = (paths: string[]) => sql`(${sql.join(paths.map((p) => subtreeRange(evaluationResponses.orgPath, p)), sql` or `)})`;

  const tally = (row: SurveyRow, paths: string[], tx: Db) =>
    queryRows<Tally>(
      tx,
      // The table unaliased: the scope's range names its columns by the table's name.
      sql`select ${evaluationResponses.orgId}::int as "orgId", s.position::int as position, s.score::int as score, count(*)::int as n
          from ${evaluationResponses} cross join unnest(${evaluationResponses.scores}) with ordinality as s(score, position)
          where ${evaluationResponses.tenantId} = ${row.tenantId} and ${evaluationResponses.surveyId} = ${row.id} and ${within(paths)}
          group by ${evaluationResponses.orgId}, s.position, s.score`,
    );

  /** Averages per question position and responses, over the tallies of some unions. */
  function summarise(tallies: Tally[]) {
    const sums = new Map<number, { n: number; total: number; counts: number[] }>();
    for (const t of tallies) {
      const s = sums.get(t.position) ?? { n: 0, total: 0, counts: Array<number>(MAX_SCORE - MIN_SCORE + 1).fill(0) };
      s.n += t.n;
      s.total += t.n * t.score;
      s.counts[t.score - MIN_SCORE] += t.n;
      sums.set(t.position, s);
    }
    const responses = sums.get(1)?.n ?? 0;
    const averages = new Map([...sums].map(([position, s]) => [position, round2(s.total / s.n)]));
    return { responses, averages, sums };
  }

  /** One survey's figures over these paths: overall, per question (by position), per union. */
  async function figures(row: SurveyRow, paths: string[], tx: Db) {
    const questions = await questionsOf(row, tx);
    const weights = new Map(questions.map((q) => [q.position, q.weight]));
    const tallies = await tally(row, paths, tx);
    const all = summarise(tallies);
    const byUnion = new Map<number, Tally[]>();
    for (const t of tallies) byUnion.set(t.orgId, [...(byUnion.get(t.orgId) ?? []), t]);
    const unions = new Map([...byUnion].map(([orgId, ts]) => {
      const s = summarise(ts);
      return [orgId, { responses: s.responses, score: weighted(s.averages, weights) }];
    }));
    return { questions, all, score: weighted(all.averages, weights), unions };
  }

  const shown = <T>(responses: number, value: T) => (responses >= MIN_RESPONSES ? value : null);

  return {
    async results(actor: Actor, id: number) {
      const row = await find(actor, id);
      const paths = viewPaths(actor, row);
      const current = await figures(row, paths, db);
      const previousRow = await previousOf(row);
      const previous = previousRow ? await figures(previousRow, paths, db) : null;
      const previousByText = new Map(previous ? previous.questions.map((q) => [q.text, shown(previous.all.responses, previous.all.averages.get(q.position) ?? null)]) : []);

      // Every union of the view that holds members, and every union that answered (a town's representatives).
      const memberCounts = new Map<number, number>();
      for (const path of paths) for (const [orgId, n] of await members.openMembersByUnion(row.tenantId, path)) memberCounts.set(orgId, n);
      const orgIds = [...new Set([...memberCounts.keys(), ...current.unions.keys()])];
      const names = await orgs.namesByIds(orgIds);
      const unions = orgIds
        .map((orgId) => {
          const figures = current.unions.get(orgId) ?? { responses: 0, score: null };
          const members = memberCounts.get(orgId) ?? 0;
          const before = previous?.unions.get(orgId);
          return {
            orgId,
            orgName: names.get(orgId) ?? `#${orgId}`,
            responses: figures.responses,
            members,
            responseRate: rate(figures.responses, members),
            score: shown(figures.responses, figures.score),
            previousScore: before ? shown(before.responses, before.score) : null,
            suppressed: figures.responses > 0 && figures.responses < MIN_RESPONSES,
          };
        })
        .sort((a, b) => a.orgName.localeCompare(b.orgName, 'zh-CN'));

      const enough = current.all.responses >= MIN_RESPONSES;
      const comments = enough
        ? (
            await queryRows<{ comment: string; n: number }>(
              db,
              // Ordered by their text, never by when they came: the order tells nothing of who wrote them. The same words
              // from several members are one line with how many wrote them.
              sql`select comment, count(*)::int as n from ${evaluationResponses}
                  where ${evaluationResponses.tenantId} = ${row.tenantId} and ${evaluationResponses.surveyId} = ${row.id} and ${within(paths)} and comment is not null
                  group by comment order by comment`,
            )
          ).map((c) => ({ text: c.comment, count: c.n }))
        : [];
      const memberTotal = [...memberCounts.values()].reduce((a, b) => a + b, 0);
      return {
        row,
        /** The unions the actor reads, when not the survey's whole subtree. */
        scope: paths.length === 1 && paths[0] === row.orgPath ? null : [...(await orgs.namesByIds(paths.map((p) => Number(p.split('.').at(-1))))).values()].join('、'),
        responses: current.all.responses,
        members: memberTotal,
        responseRate: rate(current.all.responses, memberTotal),
        score: shown(current.all.responses, current.score),
        suppressed: current.all.responses > 0 && !enough,
        questions: current.questions.map((q) => {
          const s = current.all.sums.get(q.position);
          return {
            id: q.id,
            position: q.position,
            text: q.text,
            weight: q.weight,
            average: shown(current.all.responses, current.all.averages.get(q.position) ?? null),
            distribution: enough ? (s?.counts ?? Array<number>(MAX_SCORE - MIN_SCORE + 1).fill(0)) : null,
            previousAverage: previousByText.get(q.text) ?? null,
          };
        }),
        unions,
        previous: previousRow && previous ? { id: previousRow.id, title: previousRow.title, period: previousRow.period, responses: previous.all.responses, score: shown(previous.all.responses, previous.score) } : null,
        comments,
      };
    },
  };
}

export type Results = ReturnType<typeof createResults>;
export type SurveyResults = Awaited<ReturnType<Results['results']>>;
