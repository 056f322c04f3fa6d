import { afterAll, describe, expect, it, vi } from 'vitest';
import { runJob } from '../../src/server/platform/jobs.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { act, detail, proposalWorld, type ProposalWorld } from '../support/proposals.js';

/**
 * The working-day calendar is cached for minutes; whoever reads it when the
 * cache is cold inside a transaction must read it on that transaction. On
 * PGlite a transaction holds the one connection, and the read on another
 * waited for it for ever: the server stopped answering at the deadline
 * job's first round after start, or at the first 交办 after five quiet minutes.
 */

const apps: TestApp[] = [];
afterAll(() => Promise.all(apps.map((app) => app.close())));

describe('reading the calendar inside a transaction', () => {
  it('the deadline job, the calendar’s first reader, finishes', async () => {
    const t = await createTestApp({ today: () => '2025-09-22' });
    apps.push(t);
    expect(await runJob(t.database.db, t.services.proposals.deadlineJob)).toEqual({ ran: true, result: { reminded: 0, escalated: 0 } });
  });

  it('交办 after the cached calendar has expired finishes and writes its working-day deadline', async () => {
    const world: ProposalWorld = await proposalWorld(() => '2025-09-22');
    apps.push(world.t);
    const id = await world.accepted();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10 * 60_000 });
    try {
      await act(world.pinghuStaff, id, 'assign', { leadHandlerId: world.rsjUnit });
    } finally {
      vi.useRealTimers();
    }
    // 60 working days from Monday 22 September 2025, over the National Day week and its make-up Saturdays.
    expect((await detail(world.fan, id)).dueOn).toBe('2025-12-19');
  }, 120_000);
});
