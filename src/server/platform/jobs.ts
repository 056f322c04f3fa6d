/**
 * Background jobs run by the server process (DESIGN §4, background work).
 *
 * A job is a name, an interval and a function of `(db, now)`. Each run is one
 * transaction that first takes `pg_try_advisory_xact_lock(JOBS_LOCK,
 * hashtext(name))`: with several server processes on one PostgreSQL only one
 * runs a given job at a time, the others skip that round. A run commits or
 * rolls back as a whole (its audit rows with it), and the lock goes with the
 * transaction, so a process killed mid-run leaves neither half a change nor a
 * stuck lock. Jobs must therefore be idempotent and bounded: a later round
 * (here or in another process) picks up what is left.
 *
 * The scheduler is a timer per job (never overlapping itself within a
 * process, `unref`ed so it never keeps the process alive), started after the
 * server listens and stopped when the app closes, waiting for a running job.
 * A failing run is logged and the next round comes as usual. Tests call
 * `runJob` (or the job's own function) with the `now` they need.
 *
 * On PGlite a run's transaction holds the one connection: keep runs short.
 */
import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../db/client.js';

/** Advisory-lock namespace of background jobs (the roster import's commit lock is 7_401_338). */
export const JOBS_LOCK = 7_401_339;

export interface JobContext {
  /** The run's transaction, holding the job's lock. */
  db: Db;
  now: Date;
}

export interface Job<R = unknown> {
  /** Stable and unique: it keys the lock and the log lines, e.g. `members.import-lines-retention`. */
  name: string;
  /** Pause between the end of one round and the start of the next. */
  everyMs: number;
  run(context: JobContext): Promise<R>;
  /** A round that did nothing is logged at debug, not info (a job running every few seconds would fill the log). */
  idle?(result: R): boolean;
}

export type JobOutcome<R> = { ran: true; result: R } | { ran: false };

/** The part of a pino/fastify logger the scheduler uses. */
export interface JobLog {
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** One round of `job` as of `now`, unless another process is running it (then `{ ran: false }`). */
export async function runJob<R>(db: Db, job: Job<R>, now: Date = new Date()): Promise<JobOutcome<R>> {
  return db.transaction(async (tx) => {
    const [{ got }] = await queryRows<{ got: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${JOBS_LOCK}, hashtext(${job.name})) as got`);
    if (!got) return { ran: false } as const;
    return { ran: true, result: await job.run({ db: tx, now }) } as const;
  });
}

export interface JobSchedulerDeps {
  db: Db;
  jobs: readonly Job[];
  log: JobLog;
  /** Delay of each job's first round after `start` (default one minute: start-up and migrations first). */
  firstRunAfterMs?: number;
  clock?: () => Date;
}

export function createJobScheduler(deps: JobSchedulerDeps) {
  const { db, log } = deps;
  const clock = deps.clock ?? (() => new Date());
  const names = new Set<string>();
  for (const job of deps.jobs) {
    if (names.has(job.name)) throw new Error(`two jobs named ${job.name}`);
    names.add(job.name);
  }
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let state: 'idle' | 'started' | 'stopped' = 'idle';

  async function round(job: Job) {
    const startedAt = Date.now();
    try {
      const outcome = await runJob(db, job, clock());
      if (!outcome.ran) {
        log.debug({ job: job.name }, `job ${job.name} skipped: another process is running it`);
        return;
      }
      const line = { job: job.name, result: outcome.result, ms: Date.now() - startedAt };
      if (job.idle?.(outcome.result)) log.debug(line, `job ${job.name} done`);
      else log.info(line, `job ${job.name} done`);
    } catch (error) {
      log.error({ err: error, job: job.name }, `job ${job.name} failed`);
    }
  }

  function schedule(job: Job, delayMs: number) {
    if (state !== 'started') return;
    const timer = setTimeout(() => {
      timers.delete(job.name);
      const run: Promise<void> = round(job).finally(() => {
        running.delete(run);
        schedule(job, job.everyMs);
      });
      running.add(run);
    }, delayMs);
    timer.unref();
    timers.set(job.name, timer);
  }

  return {
    names: [...names],
    /** Schedule every job; a second call does nothing. */
    start() {
      if (state !== 'idle') return;
      state = 'started';
      for (const job of deps.jobs) schedule(job, deps.firstRunAfterMs ?? 60_000);
    },
    /** No new rounds; wait for the running ones. */
    async stop() {
      state = 'stopped';
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

export type JobScheduler = ReturnType<typeof createJobScheduler>;
