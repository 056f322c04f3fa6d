import { and, getTableColumns, inArray, isNotNull, lte } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import type { Job } from '../jobs.js';
import type { NewNotification } from '../notifications/service.js';
import { deadlineStatus, type StateDefinition, type WorkflowDefinition, type WorkflowRecord } from './engine.js';
import { workflowDeadlineNotices } from './schema.js';
import { beijingToday } from '../beijing-time.js';

/**
 * Reminders before a deadline and escalation after it. A workflow whose store
 * keeps the deadline (`store.dueOn`) is watched by its module: whom to remind
 * when a record is at risk, whom to tell when it is overdue. The job finds
 * those records and notifies through the notification centre, once per
 * record, deadline and kind: the notice is recorded under a unique key in the
 * same transaction, so a round that runs again — the next one, or another
 * instance's — sends nothing twice, while a new deadline is reminded anew.
 */
export interface DeadlineWatch<S extends string = string, R extends WorkflowRecord<S> = WorkflowRecord<S>> {
  definition: WorkflowDefinition<S, R>;
  /** The record of a row of the store's table. */
  record(row: Record<string, unknown>): R;
  /** Whom to remind that the deadline nears (the record is at risk). */
  remind(record: R, dueOn: string, tx: Db): Promise<NewNotification[]>;
  /** Whom to tell that the deadline has passed (escalation to those who supervise). */
  escalate(record: R, dueOn: string, tx: Db): Promise<NewNotification[]>;
}

/** At most this many records per workflow and round: a job is bounded, the next round takes the rest. */
const ROUND_LIMIT = 500;

export function deadlineNoticesJob(
  deps: { calendar: (tx: Db) => Promise<WorkingDayCalendar>; notify: (tx: Db, items: NewNotification[]) => Promise<void>; today?: () => string },
  watches: readonly DeadlineWatch<any, any>[],
): Job<{ reminded: number; escalated: number }> {
  return {
    // One job per watching module: named after the workflows it watches, so two modules' jobs never share a lock.
    name: `workflow.deadline-notices.${watches.map((w) => w.definition.id).join('+')}`,
    everyMs: 10 * 60_000,
    async run({ db }) {
      // On the run's own transaction: on PGlite another connection would wait for it.
      const calendar = await deps.calendar(db);
      const today = (deps.today ?? beijingToday)();
      let reminded = 0;
      let escalated = 0;
      for (const watch of watches) {
        const { store, states, id: workflow } = watch.definition;
        if (!store.dueOn) throw new Error(`workflow ${workflow} is watched for deadlines but its store keeps none (store.dueOn)`);
        const withDeadline = (Object.entries(states) as [string, StateDefinition][]).filter(([, state]) => state.deadline);
        if (withDeadline.length === 0) continue;
        // Nothing due later than the widest at-risk window can need a notice yet.
        const horizon = calendar.addWorkingDays(today, Math.max(...withDeadline.map(([, state]) => state.deadline!.atRiskWorkingDays ?? 2)));
        const dueKey = Object.entries(getTableColumns(store.table)).find(([, column]) => column === store.dueOn)![0];
        const rows = (await db
          .select()
          .from(store.table)
          .where(and(inArray(store.state, withDeadline.map(([state]) => state)), isNotNull(store.dueOn), lte(store.dueOn, horizon)))
          .limit(ROUND_LIMIT)) as Record<string, unknown>[];
        for (const row of rows) {
          const record = watch.record(row);
          const dueOn = String(row[dueKey]);
          const status = deadlineStatus(calendar, today, dueOn, states[record.state].deadline);
          if (status === 'on_track') continue;
          const kind = status === 'overdue' ? 'escalate' : 'remind';
          const [sent] = await db
            .insert(workflowDeadlineNotices)
            .values({ tenantId: record.tenantId, workflow, recordId: record.id, dueOn, kind })
            .onConflictDoNothing()
            .returning({ id: workflowDeadlineNotices.id });
          if (!sent) continue;
          await deps.notify(db, await watch[kind](record, dueOn, db));
          if (kind === 'remind') reminded++;
          else escalated++;
        }
      }
      return { reminded, escalated };
    },
  };
}
