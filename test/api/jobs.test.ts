import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/client.js';
import { createJobScheduler, type Job, JOBS_LOCK, runJob } from '../../src/server/platform/jobs.js';
import { openTestDatabase } from '../support/app.js';

/**
 * The background-job scheduler (platform/jobs.ts): a round runs in one
 * transaction under the job's advisory lock (skipped while another process
 * holds it), a failing round is logged and the next one comes, stop waits for
 * a running round and nothing runs after.
 */

let database: Database;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

function recordingLog() {
  const lines: { level: 'info' | 'debug' | 'error'; obj: Record<string, unknown>; msg: string }[] = [];
  return {
    lines,
    info: (obj: object, msg: string) => lines.push({ level: 'info', obj: obj as Record<string, unknown>, msg }),
    debug: (obj: object, msg: string) => lines.push({ level: 'debug', obj: obj as Record<string, unknown>, msg }),
    error: (obj: object, msg: string) => lines.push({ level: 'error', obj: obj as Record<string, unknown>, msg }),
  };
}

describe('runJob', () => {
  it('runs the job in a transaction with the given now; a failure rolls the round back', async () => {
    await database.db.execute(sql`create table job_probe (n int)`);
    const now = new Date('2027-01-01T00:00:00Z');
    const seen: Date[] = [];
    const job: Job<number> = {
      name: 'test.probe',
      everyMs: 1000,
      run: async ({ db, now: at }) => {
        seen.push(at);
        await db.execute(sql`insert into job_probe values (1)`);
        return 1;
      },
    };
    expect(await runJob(database.db, job, now)).toEqual({ ran: true, result: 1 });
    expect(seen).toEqual([now]);
    const failing: Job = {
      name: 'test.probe-failing',
      everyMs: 1000,
      run: async ({ db }) => {
        await db.execute(sql`insert into job_probe values (2)`);
        throw new Error('boom');
      },
    };
    await expect(runJob(database.db, failing)).rejects.toThrow('boom');
    const rows = (await database.db.execute(sql`select n from job_probe order by n`)) as unknown as { rows: { n: number }[] };
    expect(rows.rows).toEqual([{ n: 1 }]);
  });

  it.skipIf(process.env.LIANXIN_TEST_DB !== 'postgres')('skips the round while another connection holds the job’s lock (PostgreSQL)', async () => {
    let ran = false;
    const job: Job = { name: 'test.locked', everyMs: 1000, run: async () => (ran = true) };
    await database.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${JOBS_LOCK}, hashtext(${job.name}))`);
      // The pool hands runJob another connection: the lock is taken there.
      expect(await runJob(database.db, job)).toEqual({ ran: false });
    });
    expect(ran).toBe(false);
    expect(await runJob(database.db, job)).toEqual({ ran: true, result: true });
  });
});

describe('the scheduler', () => {
  it('repeats each job, logs failures without stopping, and stops cleanly', async () => {
    const log = recordingLog();
    let good = 0;
    let bad = 0;
    let releaseSlow: () => void = () => {};
    let slowStarted = false;
    let slowFinished = false;
    const scheduler = createJobScheduler({
      db: database.db,
      log,
      firstRunAfterMs: 0,
      jobs: [
        { name: 'test.good', everyMs: 10, run: async () => ++good },
        // Says it did nothing on even rounds: those are logged at debug.
        { name: 'test.quiet', everyMs: 10, run: async () => good, idle: (n: number) => n % 2 === 0 },
        {
          name: 'test.bad',
          everyMs: 10,
          run: async () => {
            bad++;
            throw new Error('always fails');
          },
        },
      ],
    });
    expect(scheduler.names).toEqual(['test.good', 'test.quiet', 'test.bad']);
    scheduler.start();
    scheduler.start();
    await until(() => good >= 3 && bad >= 3);
    await scheduler.stop();
    const after = { good, bad };
    await new Promise((r) => setTimeout(r, 60));
    expect({ good, bad }).toEqual(after);
    expect(log.lines.filter((l) => l.level === 'error').every((l) => l.obj.job === 'test.bad' && (l.obj.err as Error).message === 'always fails')).toBe(true);
    expect(log.lines.some((l) => l.level === 'info' && l.obj.job === 'test.good')).toBe(true);
    const quiet = log.lines.filter((l) => l.obj.job === 'test.quiet');
    expect(quiet.every((l) => (l.level === 'debug') === ((l.obj.result as number) % 2 === 0))).toBe(true);

    // stop() waits for a round in progress.
    const slow = createJobScheduler({
      db: database.db,
      log: recordingLog(),
      firstRunAfterMs: 0,
      jobs: [
        {
          name: 'test.slow',
          everyMs: 10,
          run: async () => {
            await new Promise<void>((resolve) => {
              releaseSlow = resolve;
              slowStarted = true;
            });
            slowFinished = true;
          },
        },
      ],
    });
    slow.start();
    await until(() => slowStarted);
    const stopping = slow.stop();
    setTimeout(() => releaseSlow(), 30);
    await stopping;
    expect(slowFinished).toBe(true);
  });

  it('refuses two jobs of one name', () => {
    const job: Job = { name: 'test.same', everyMs: 10, run: async () => null };
    expect(() => createJobScheduler({ db: database.db, log: recordingLog(), jobs: [job, job] })).toThrow('two jobs named test.same');
  });
});
