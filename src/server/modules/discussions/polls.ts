import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { AppError, conflict, forbidden, notFound, validationError } from '../../platform/errors.js';
import { statusOn, TOPIC_STATUSES, type TopicRecords, type TopicRow, type TopicStatus } from './records.js';
import { discussionPollOptions as options, discussionPolls as polls, discussionVotes as votes } from './schema.js';

/**
 * 投票: the polls of a topic, one ballot per account (the unique index holds it, however many arrive at
 * once), and their results. A poll whose results are hidden until it closes shows its voters only how many
 * have voted and what they chose themselves; its organisers (the opener and the union's staff) follow the
 * counts throughout, as a returning officer would — the page tells them the voters cannot see them yet.
 */

export interface NewPoll {
  question: string;
  /** 1: a single choice. */
  maxChoices: number;
  /** Default: the topic's period. */
  opensOn?: string;
  closesOn?: string;
  resultsHiddenUntilClosed: boolean;
  options: string[];
}

type PollRow = typeof polls.$inferSelect;

/** A poll's period stands within its topic's: a topic closed early closes its polls. */
const pollStatus = (today: string, poll: PollRow, topic: TopicRow): TopicStatus =>
  statusOn(today, { opensOn: poll.opensOn, closesOn: poll.closesOn, closedAt: topic.closedAt });

const day = (d: string) => `${Number(d.slice(5, 7))} 月 ${Number(d.slice(8, 10))} 日`;

export function createPolls(ctx: { db: Db; today: () => string; now: () => Date }, parts: { records: Pick<TopicRecords, 'find' | 'takesPart' | 'organises'> }) {
  const { db, today, now } = ctx;
  const { records } = parts;

  /** The polls of a new topic, checked against its period (in its transaction). */
  async function add(tx: Db, topic: TopicRow, input: readonly NewPoll[]) {
    const issues = input.flatMap((poll, i) => {
      const at = `polls.${i}`;
      const opensOn = poll.opensOn ?? topic.opensOn;
      const closesOn = poll.closesOn ?? topic.closesOn;
      const found: { field: string; reason: string }[] = [];
      if (opensOn < topic.opensOn) found.push({ field: `${at}.opensOn`, reason: '投票不能早于议题开始' });
      if (closesOn > topic.closesOn) found.push({ field: `${at}.closesOn`, reason: '投票不能晚于议题截止' });
      if (closesOn < opensOn) found.push({ field: `${at}.closesOn`, reason: '投票截止日期不能早于开始日期' });
      if (new Set(poll.options).size !== poll.options.length) found.push({ field: `${at}.options`, reason: '选项不能重复' });
      if (poll.maxChoices > poll.options.length) found.push({ field: `${at}.maxChoices`, reason: `最多可选项数不能超过选项数（${poll.options.length} 项）` });
      return found;
    });
    if (issues.length) throw validationError(issues);
    for (const [position, poll] of input.entries()) {
      const [row] = await tx
        .insert(polls)
        .values({
          tenantId: topic.tenantId,
          topicId: topic.id,
          position,
          question: poll.question,
          maxChoices: poll.maxChoices,
          opensOn: poll.opensOn ?? topic.opensOn,
          closesOn: poll.closesOn ?? topic.closesOn,
          resultsHiddenUntilClosed: poll.resultsHiddenUntilClosed,
          createdAt: now(),
        })
        .returning({ id: polls.id });
      await tx.insert(options).values(poll.options.map((label, i) => ({ tenantId: topic.tenantId, pollId: row.id, position: i, label })));
    }
  }

  /** The polls of a topic as the actor may see them: options, their own ballot, the counts when they may see them. */
  async function shown(actor: Actor, topic: TopicRow) {
    const pollRows = await db
      .select()
      .from(polls)
      .where(and(eq(polls.tenantId, topic.tenantId), eq(polls.topicId, topic.id)))
      .orderBy(asc(polls.position));
    if (pollRows.length === 0) return [];
    const pollIds = pollRows.map((p) => p.id);
    const [optionRows, counts, ballots, mine] = await Promise.all([
      db
        .select()
        .from(options)
        .where(and(eq(options.tenantId, topic.tenantId), inArray(options.pollId, pollIds)))
        .orderBy(asc(options.pollId), asc(options.position)),
      db
        .select({ optionId: sql<number>`o.option_id`.mapWith(Number), n: sql<number>`count(*)::int`.mapWith(Number) })
        .from(sql`${votes} v cross join lateral unnest(v.option_ids) as o(option_id)`)
        .where(sql`v.tenant_id = ${topic.tenantId} and v.poll_id in (${sql.join(pollIds.map((id) => sql`${id}`), sql`, `)})`)
        .groupBy(sql`o.option_id`),
      db
        .select({ pollId: votes.pollId, n: sql<number>`count(*)::int`.mapWith(Number) })
        .from(votes)
        .where(and(eq(votes.tenantId, topic.tenantId), inArray(votes.pollId, pollIds)))
        .groupBy(votes.pollId),
      actor.userId === null
        ? []
        : db
            .select({ pollId: votes.pollId, optionIds: votes.optionIds })
            .from(votes)
            .where(and(eq(votes.tenantId, topic.tenantId), inArray(votes.pollId, pollIds), eq(votes.userId, actor.userId))),
    ]);
    const countOf = new Map(counts.map((c) => [c.optionId, c.n]));
    const votersOf = new Map(ballots.map((b) => [b.pollId, b.n]));
    const myChoice = new Map(mine.map((m) => [m.pollId, m.optionIds]));
    const organiser = records.organises(actor, topic);
    const takesPart = records.takesPart(actor, topic);
    return pollRows.map((poll) => {
      const status = pollStatus(today(), poll, topic);
      const voters = votersOf.get(poll.id) ?? 0;
      const hidden = poll.resultsHiddenUntilClosed && status !== 'closed';
      const resultsVisible = !hidden || organiser;
      return {
        id: poll.id,
        question: poll.question,
        maxChoices: poll.maxChoices,
        opensOn: poll.opensOn,
        closesOn: poll.closesOn,
        status,
        statusLabel: TOPIC_STATUSES[status],
        resultsHiddenUntilClosed: poll.resultsHiddenUntilClosed,
        resultsVisible,
        /** Counts the voters cannot see yet (the page says so to the organisers). */
        resultsHiddenFromVoters: hidden,
        voters,
        myChoice: myChoice.get(poll.id) ?? null,
        canVote: takesPart && status === 'open' && !myChoice.has(poll.id),
        options: optionRows
          .filter((o) => o.pollId === poll.id)
          .map((o) => {
            const n = countOf.get(o.id) ?? 0;
            return { id: o.id, label: o.label, votes: resultsVisible ? n : null, share: resultsVisible ? (voters ? n / voters : 0) : null };
          }),
      };
    });
  }

  return {
    add,
    shown,
    /** 投票: once, while the poll is open, by a worker or representative of the topic's union. */
    async vote(actor: Actor, topicId: number, pollId: number, optionIds: number[]) {
      await db.transaction(async (tx) => {
        const topic = await records.find(actor, topicId, tx);
        const [poll] = await tx
          .select()
          .from(polls)
          .where(and(eq(polls.tenantId, topic.tenantId), eq(polls.topicId, topic.id), eq(polls.id, pollId)));
        if (!poll) throw notFound('投票', 'poll');
        if (!records.takesPart(actor, topic)) throw forbidden('只有本工会的职工和会员代表可以投票', 'Only workers and representatives of the union may vote');
        const status = pollStatus(today(), poll, topic);
        if (status === 'upcoming') throw new AppError('INVALID_TRANSITION', `投票尚未开始，${day(poll.opensOn)}起可以投票`, 'The poll has not opened yet');
        if (status === 'closed') throw new AppError('INVALID_TRANSITION', '投票已经截止，不能再投票', 'The poll has closed');
        const chosen = [...new Set(optionIds)];
        if (chosen.length === 0) throw validationError([{ field: 'optionIds', reason: '请至少选择一项' }]);
        if (chosen.length !== optionIds.length) throw validationError([{ field: 'optionIds', reason: '同一选项只能选一次' }]);
        if (chosen.length > poll.maxChoices) {
          throw validationError([{ field: 'optionIds', reason: poll.maxChoices === 1 ? '这是单选投票，只能选一项' : `最多可选 ${poll.maxChoices} 项` }]);
        }
        const known = await tx
          .select({ id: options.id })
          .from(options)
          .where(and(eq(options.tenantId, topic.tenantId), eq(options.pollId, poll.id), inArray(options.id, chosen)));
        if (known.length !== chosen.length) throw validationError([{ field: 'optionIds', reason: '所选选项不属于这个投票' }]);
        const [cast] = await tx
          .insert(votes)
          .values({ tenantId: topic.tenantId, pollId: poll.id, userId: actor.userId!, optionIds: chosen, createdAt: now() })
          .onConflictDoNothing()
          .returning({ id: votes.id });
        if (!cast) throw conflict('您已经投过票了，每人只能投一次', 'You have voted in this poll already');
        // The choice stays out of the log: who voted is recorded, not for what.
        await recordAudit(tx, actor, {
          action: 'discussion.vote',
          entityType: 'discussion_poll',
          entityId: poll.id,
          tenantId: topic.tenantId,
          orgPath: topic.orgPath,
          summary: `在议题「${topic.title}」中投票：${poll.question}`,
        });
      });
    },
  };
}

export type Polls = ReturnType<typeof createPolls>;
