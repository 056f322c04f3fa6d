import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit.js';
import { forbidden, notFound, validationError } from '../errors.js';
import { scopePaths } from '../scope.js';
import { calendarDays } from './schema.js';
import { officialCalendarOverrides, WorkingDayCalendar } from './working-days.js';

/** Other instances pick up an admin's edit within this time. */
const CACHE_MS = 5 * 60_000;

/**
 * The working-day calendar as the product uses it: official data from the
 * chinese-days package, loaded into `calendar_days`, plus admins' corrections.
 */
export function createCalendarService(deps: { db: Db; rootOrg: () => Promise<{ tenantId: number; path: string }> }) {
  const { db } = deps;
  let cached: { calendar: WorkingDayCalendar; at: number } | null = null;

  /** The calendar is national: only an admin whose scope is the whole tree edits it. */
  function requireRootAdmin(actor: Actor) {
    if (!scopePaths(actor, 'calendar.manage').some((p) => !p.includes('.'))) {
      throw forbidden('只有最高级组织的系统管理员可以修改工作日历', 'Only the top-level administrator may edit the calendar');
    }
  }

  async function audit(tx: Db, actor: Actor, date: string, summary: string, before: unknown, after: unknown) {
    const root = await deps.rootOrg();
    await recordAudit(tx, actor, { action: 'calendar.update', entityType: 'calendar_day', entityId: date, tenantId: root.tenantId, orgPath: root.path, summary, before, after });
  }

  const official = () => new Map(officialCalendarOverrides().map((o) => [o.date, o]));

  return {
    /** Insert official days the table lacks; admins' rows are never overwritten. */
    async loadOfficialDays() {
      const rows = officialCalendarOverrides().map((o) => ({ ...o, source: 'official' as const }));
      for (let i = 0; i < rows.length; i += 500) {
        await db.insert(calendarDays).values(rows.slice(i, i + 500)).onConflictDoNothing();
      }
    },

    /**
     * The working-day calendar, cached for a few minutes. Inside a transaction, pass it: on PGlite the
     * transaction holds the one connection, and a read on another would wait for it for ever.
     */
    async calendar(tx: Db = db): Promise<WorkingDayCalendar> {
      if (cached && Date.now() - cached.at < CACHE_MS) return cached.calendar;
      const rows = await tx.select({ date: calendarDays.date, kind: calendarDays.kind, name: calendarDays.name }).from(calendarDays);
      cached = { calendar: new WorkingDayCalendar(rows), at: Date.now() };
      return cached.calendar;
    },

    async year(year: number) {
      return db
        .select({ date: calendarDays.date, kind: calendarDays.kind, name: calendarDays.name, source: calendarDays.source })
        .from(calendarDays)
        .where(and(gte(calendarDays.date, `${year}-01-01`), lt(calendarDays.date, `${year + 1}-01-01`)))
        .orderBy(asc(calendarDays.date));
    },

    async setDay(actor: Actor, date: string, kind: 'holiday' | 'workday', name: string) {
      requireRootAdmin(actor);
      const day = new WorkingDayCalendar([]).dayInfo(date);
      if (kind === 'workday' && day.kind === 'weekday') {
        throw validationError([{ field: 'kind', reason: '工作日本来就上班，调休上班日只能设在周末' }]);
      }
      await db.transaction(async (tx) => {
        const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.date, date));
        const values = { date, kind, name, source: 'admin' as const, updatedBy: actor.userId, updatedAt: new Date() };
        await tx.insert(calendarDays).values(values).onConflictDoUpdate({ target: calendarDays.date, set: values });
        await audit(tx, actor, date, `将 ${date} 设为${kind === 'holiday' ? '节假日' : '调休上班日'}（${name}）`, before ?? null, values);
      });
      cached = null;
    },

    /** Remove an admin's correction: the official entry, if any, comes back. */
    async resetDay(actor: Actor, date: string) {
      requireRootAdmin(actor);
      await db.transaction(async (tx) => {
        const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.date, date));
        if (!before) throw notFound('日历调整', 'calendar entry');
        const officialDay = official().get(date);
        if (officialDay) {
          await tx
            .update(calendarDays)
            .set({ ...officialDay, source: 'official', updatedBy: actor.userId, updatedAt: sql`now()` })
            .where(eq(calendarDays.date, date));
        } else {
          await tx.delete(calendarDays).where(eq(calendarDays.date, date));
        }
        await audit(tx, actor, date, `恢复 ${date} 为官方安排`, before, officialDay ?? null);
      });
      cached = null;
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
