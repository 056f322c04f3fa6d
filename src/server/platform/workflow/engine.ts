import { and, asc, eq, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { type Db, queryRows } from '../../db/client.js';
import type { Permission } from '../accounts/roles.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { AppError, type BulkResult, eachAlone, forbidden, validationError } from '../errors.js';
import type { NewNotification } from '../notifications/service.js';
import { canAt } from '../scope.js';
import { workflowTimeline } from './schema.js';
import { beijingToday } from '../beijing-time.js';

/** What the engine needs of any record it moves. */
export interface WorkflowRecord<S extends string = string> {
  id: number;
  tenantId: number;
  state: S;
  /** Path of the record's org: permissions reach it from that org or any ancestor. */
  orgPath: string;
}

/**
 * How a page shows a state, by what it means for the person concerned:
 * good (in force, done), waiting (someone must act), caution (in force with a
 * reservation), ended (closed in the ordinary way), refused (refused or ended
 * against the person), moved (carried on elsewhere).
 */
export const STATE_TONES = ['good', 'waiting', 'caution', 'ended', 'refused', 'moved'] as const;
export type StateTone = (typeof STATE_TONES)[number];

/**
 * A state and its flags: services and pages read the flags, never the state
 * names (STYLE: "a state's meaning is a flag").
 */
export interface StateDefinition {
  label: string;
  /** How pages show it; by default `ended` for a terminal state, `waiting` for any other. */
  tone?: StateTone;
  /** No transition leaves it. */
  terminal?: boolean;
  /** The record counts as active (an open membership, a case in progress). */
  open?: boolean;
  /** Someone must act on it: lists and to-do lists show it. */
  needsAttention?: boolean;
  /** Flags of the module's own. */
  flags?: readonly string[];
  /** Entering this state starts a deadline (a transition may set its own instead). */
  deadline?: DeadlineRule;
}

/**
 * A deadline, counted from the day it starts: in working days on the China
 * calendar (holidays and 调休 included), or in calendar days as the law counts
 * periods (WorkingDayCalendar.endOfPeriod: the first day not counted, a last
 * day that is a rest day moved to the next working day).
 */
export type CountedDeadline = { workingDays: number } | { calendarDays: number };
/**
 * A counted deadline, or `running`: the deadline an earlier step started goes
 * on through this state (a proposal's handling time runs while it is assigned,
 * in progress and sent back).
 */
export type DeadlineRule = (CountedDeadline | { running: true }) & {
  /** From this many working days before it the record is at risk, and its reminder goes out (default 2). */
  atRiskWorkingDays?: number;
};

export type DeadlineStatus = 'on_track' | 'at_risk' | 'overdue';
export const DEADLINE_STATUSES: Record<DeadlineStatus, string> = { on_track: '正常', at_risk: '即将到期', overdue: '已逾期' };
const DEFAULT_AT_RISK_WORKING_DAYS = 2;

/** A deadline's state on `today`: overdue after its day, at risk within `atRiskWorkingDays` working days of it. */
export function deadlineStatus(calendar: WorkingDayCalendar, today: string, dueOn: string, rule?: DeadlineRule): DeadlineStatus {
  if (today > dueOn) return 'overdue';
  return calendar.workingDaysBetween(today, dueOn) <= (rule?.atRiskWorkingDays ?? DEFAULT_AT_RISK_WORKING_DAYS) ? 'at_risk' : 'on_track';
}

/** The day a deadline started on `start` falls due. */
export function dueDate(calendar: WorkingDayCalendar, start: string, rule: CountedDeadline): string {
  return 'workingDays' in rule ? calendar.addWorkingDays(start, rule.workingDays) : calendar.endOfPeriod(start, rule.calendarDays);
}

/** Where a workflow's records keep their state: the engine writes it, so no service does. */
export interface WorkflowStore {
  /** A tenant table: primary key (tenant_id, id). */
  table: PgTable;
  state: AnyPgColumn;
  /** Bumped with every transition (optimistic concurrency of edits). */
  version?: AnyPgColumn;
  /** Set to the time of every transition. */
  updatedAt?: AnyPgColumn;
  /** The deadline of the state entered (StateDefinition.deadline), or null. */
  dueOn?: AnyPgColumn;
  /** The org path each row keeps (set-based transitions audit each record where it belongs). */
  orgPath?: AnyPgColumn;
}

/** Where a transition fired by an effect came from: the entry of the transition whose effect fired it. */
export interface Cause {
  workflow: string;
  tenantId: number;
  recordId: number;
  seq: number;
}

export interface TransitionContext<R, I> {
  actor: Actor;
  record: R;
  input: I;
}

/** Fire a transition of any workflow as the system's consequence of another change (system transitions included). */
export type NestedFire = <S2 extends string, R2 extends WorkflowRecord<S2>>(definition: WorkflowDefinition<S2, R2>, record: R2, action: string, input?: unknown) => Promise<FireResult<S2>>;

/** What an effect gets: the transaction, the change just written, and a way to fire further transitions as caused by it. */
export interface EffectContext<S extends string, R, I> extends TransitionContext<R, I> {
  tx: Db;
  from: S;
  to: S;
  dueOn: string | null;
  /** The transition was fired by a service (an auto-approval, a consequence), not by a user's request. */
  system: boolean;
  /** Fire a transition as a consequence of this one: recorded with this one's entry as its cause. */
  fire: NestedFire;
}

/** What a transition does besides moving the state (services give them to their workflow factories). */
export type Effect<S extends string, R, I = unknown> = (ctx: EffectContext<S, R, I>) => Promise<void>;

export interface TransitionDefinition<S extends string, R, I = unknown> {
  action: string;
  label: string;
  from: readonly S[];
  to: S;
  /** The permission that lets an actor fire it, held at the record's org (or `at`) or above. */
  permission?: Permission;
  /** Fired only by services as a consequence of another change (a membership closed by a transfer); never offered. */
  system?: boolean;
  /** Where the permission must reach, when not the record's own org (a transfer's target union accepts). */
  at?: (record: R) => string;
  /** Relations of the actor to the record that may fire it (e.g. `applicant`); see `relationsOf`. */
  relations?: readonly string[];
  /** Business condition; returns the reason in Chinese when the action is not possible now. */
  guard?: (ctx: Omit<TransitionContext<R, unknown>, 'input'>) => string | null;
  /** Input the action requires (a reason, a rating…), validated before anything changes; its JSON Schema goes to the UI. */
  input?: z.ZodType<I>;
  /** Ends something against someone's wish or for good: the UI asks for confirmation first. */
  destructive?: boolean;
  /** What the UI says before the action is taken (its consequences). */
  warning?: string;
  /** The deadline this transition starts, instead of the one of the state it enters. */
  deadline?: DeadlineRule;
  /** What the transition does besides moving the state, run in the same transaction right after the state is written. */
  effect?: (ctx: EffectContext<S, R, I>) => Promise<void>;
  notify?: (ctx: TransitionContext<R, I> & { to: S }) => NewNotification[];
}

export interface WorkflowDefinition<S extends string, R extends WorkflowRecord<S>> {
  id: string;
  label: string;
  /** What the first timeline entry (the record's creation) says, e.g. 提交入会申请. */
  createdLabel: string;
  states: Record<S, StateDefinition>;
  transitions: readonly TransitionDefinition<S, R, any>[];
  store: WorkflowStore;
  /** The actor's relations to a record, such as being its applicant. */
  relationsOf?: (actor: Actor, record: R) => readonly string[];
}

/** An action an actor may take now, with what the UI needs to offer it (STYLE: the UI never re-derives it). */
export interface AllowedAction {
  action: string;
  label: string;
  to: string;
  /** Ask before firing it. */
  destructive: boolean;
  warning: string | null;
  /** The input form as JSON Schema (titles, required fields, enums with labels), or null when it takes none. */
  input: Record<string, unknown> | null;
}

export interface FireResult<S extends string> {
  from: S;
  to: S;
  dueOn: string | null;
}


export interface EngineDeps {
  /** The calendar, read on `tx` when given (a transition's transaction: see CalendarService.calendar). */
  calendar: (tx?: Db) => Promise<WorkingDayCalendar>;
  notify: (tx: Db, items: NewNotification[]) => Promise<void>;
  /** Today's business date in Asia/Shanghai, overridable in tests. */
  today?: () => string;
  /** The instant timeline entries and records are stamped with (platform/clock.ts). */
  now?: () => Date;
}

/** What pages need of a workflow: its name and states. */
export interface WorkflowStates {
  id: string;
  label: string;
  states: Record<string, StateDefinition>;
  /** Their labels name the workflow's audit actions in the operation log. */
  transitions?: readonly { action: string; label: string }[];
}

export const toneOf = (state: StateDefinition | undefined): StateTone => state?.tone ?? (state?.terminal ? 'ended' : 'waiting');

/**
 * One record's state as a page that follows it shows it: its label, its tone, and whether it is settled
 * (terminal: nothing more will happen, so the page stops asking).
 */
export const stateOf = <S extends string>(states: Record<S, StateDefinition>, state: S) => ({
  stateLabel: states[state].label,
  stateTone: toneOf(states[state]),
  settled: states[state].terminal ?? false,
});

/** A workflow's states as pages read them (`GET /api/workflows/:workflow`): labels, tones and flags, in declaration order. */
export const describeStates = (definition: { states: Record<string, StateDefinition> }) =>
  Object.entries(definition.states).map(([state, s]) => ({
    state,
    label: s.label,
    tone: toneOf(s),
    terminal: s.terminal ?? false,
    open: s.open ?? false,
    needsAttention: s.needsAttention ?? false,
    flags: [...(s.flags ?? [])],
  }));

/** The states that carry a flag, e.g. the open states of a workflow. */
export const statesWith = <S extends string>(states: Record<S, StateDefinition>, flag: 'terminal' | 'open' | 'needsAttention' | (string & {})): S[] =>
  (Object.keys(states) as S[]).filter((s) => {
    const state: StateDefinition = states[s];
    const builtIn: Record<string, boolean | undefined> = { terminal: state.terminal, open: state.open, needsAttention: state.needsAttention };
    return flag in builtIn ? Boolean(builtIn[flag]) : Boolean(state.flags?.includes(flag));
  });

/** A transition's input as JSON Schema, once per schema. */
const inputSchemas = new WeakMap<z.ZodType, Record<string, unknown>>();
function inputSchema(schema: z.ZodType): Record<string, unknown> {
  let json = inputSchemas.get(schema);
  if (!json) {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    delete json.$schema;
    inputSchemas.set(schema, json);
  }
  return json;
}

/** Declares a workflow with its types checked; the definition is plain data. */
export const defineWorkflow = <S extends string, R extends WorkflowRecord<S>>(definition: WorkflowDefinition<S, R>) => definition;

/**
 * The one engine that runs every workflow (STYLE: workflow as data). It
 * validates, authorises, moves the state, writes the timeline entry, the audit
 * row and notifications, all in the caller's transaction, and tells the UI
 * which actions an actor may take on a record.
 */
export function createWorkflowEngine(deps: EngineDeps) {
  const today = deps.today ?? beijingToday;
  const now = deps.now ?? (() => new Date());
  /** The instant as a statement's parameter. */
  const nowParam = () => sql`${now().toISOString()}::timestamptz`;

  function authorised<S extends string, R extends WorkflowRecord<S>>(
    definition: WorkflowDefinition<S, R>,
    transition: TransitionDefinition<S, R>,
    actor: Actor,
    record: R,
  ): boolean {
    if (transition.permission && canAt(actor, transition.permission, transition.at?.(record) ?? record.orgPath)) return true;
    if (!transition.relations?.length || !definition.relationsOf) return false;
    const relations = definition.relationsOf(actor, record);
    return transition.relations.some((r) => relations.includes(r));
  }

  function allowedActions<S extends string, R extends WorkflowRecord<S>>(definition: WorkflowDefinition<S, R>, actor: Actor, record: R): AllowedAction[] {
    return definition.transitions
      .filter((t) => !t.system && t.from.includes(record.state) && authorised(definition, t, actor, record) && !t.guard?.({ actor, record }))
      .map((t) => ({
        action: t.action,
        label: t.label,
        to: t.to,
        destructive: Boolean(t.destructive),
        warning: t.warning ?? null,
        input: t.input ? inputSchema(t.input) : null,
      }));
  }

  /** The due date a transition writes: a new one, none (null), or the running one kept (undefined). */
  async function deadlineFor(tx: Db, rule: DeadlineRule | undefined): Promise<string | null | undefined> {
    if (!rule) return null;
    return 'running' in rule ? undefined : dueDate(await deps.calendar(tx), today(), rule);
  }

  /**
   * How a workflow's records stand against their deadlines today, for a list
   * of them: one calendar read, then a function of each record's state and
   * due date (null when it has none).
   */
  async function deadlines<S extends string>(definition: { states: Record<S, StateDefinition> }) {
    const [calendar, day] = [await deps.calendar(), today()];
    return (record: { state: S; dueOn: string | null }) =>
      record.dueOn ? { dueOn: record.dueOn, status: deadlineStatus(calendar, day, record.dueOn, definition.states[record.state].deadline) } : null;
  }

  /**
   * Move the row from `from` to `to` (and its version, time and deadline); null when it is no longer in
   * `from`, else the due date it now has (the running one when the change keeps it).
   */
  async function writeState(tx: Db, store: WorkflowStore, record: WorkflowRecord, change: { from: string; to: string; dueOn: string | null | undefined }) {
    const column = (c: AnyPgColumn) => sql.identifier(c.name);
    const sets = [sql`${column(store.state)} = ${change.to}`];
    if (store.version) sets.push(sql`${column(store.version)} = ${column(store.version)} + 1`);
    if (store.updatedAt) sets.push(sql`${column(store.updatedAt)} = ${nowParam()}`);
    if (store.dueOn && change.dueOn !== undefined) sets.push(sql`${column(store.dueOn)} = ${change.dueOn}`);
    const rows = await queryRows<{ due_on: string | null }>(
      tx,
      sql`update ${store.table} set ${sql.join(sets, sql`, `)}
          where tenant_id = ${record.tenantId} and id = ${record.id} and ${column(store.state)} = ${change.from}
          returning ${store.dueOn ? sql`${column(store.dueOn)}::text` : sql`null::text`} as due_on`,
    );
    return rows.length === 1 ? { dueOn: rows[0].due_on } : null;
  }

  /**
   * Fire `action` on `record`: check the transition, the actor and the input,
   * write the new state (only if the row is still in the state read, so
   * concurrent actors cannot both win), append the timeline entry and the
   * audit row, run the transition's effect, and notify — all in `tx`.
   */
  async function fire<S extends string, R extends WorkflowRecord<S>>(
    tx: Db,
    definition: WorkflowDefinition<S, R>,
    actor: Actor,
    record: R,
    action: string,
    rawInput: unknown,
    options: { summary?: string; note?: string; /** the caller is a service firing a system transition */ system?: boolean; cause?: Cause } = {},
  ): Promise<FireResult<S>> {
    const candidates = definition.transitions.filter((t) => t.action === action);
    if (candidates.length === 0) throw validationError([{ field: 'action', reason: '未知操作' }]);
    const transition = candidates.find((t) => t.from.includes(record.state));
    const stateLabel = definition.states[record.state].label;
    if (!transition) {
      throw new AppError('INVALID_TRANSITION', `当前状态「${stateLabel}」不能执行「${candidates[0].label}」`, `Action ${action} is not possible in state ${record.state}`);
    }
    if (transition.system ? !options.system : !authorised(definition, transition, actor, record)) throw forbidden();
    const blocked = transition.guard?.({ actor, record });
    if (blocked) throw new AppError('INVALID_TRANSITION', blocked, `Action ${action} is blocked by a rule`);
    let input: unknown = rawInput;
    if (transition.input) {
      const parsed = transition.input.safeParse(rawInput ?? {});
      if (!parsed.success) {
        throw validationError(parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'input', reason: i.message })));
      }
      input = parsed.data;
    }
    const from = record.state;
    const to = transition.to;
    const written = await writeState(tx, definition.store, record, { from, to, dueOn: await deadlineFor(tx, transition.deadline ?? definition.states[to].deadline) });
    if (!written) throw new AppError('CONFLICT', '该记录已被他人处理，请刷新后查看', 'The record was changed meanwhile; reload it');
    const { dueOn } = written;
    const [entry] = await tx
      .insert(workflowTimeline)
      .values({
        tenantId: record.tenantId,
        workflow: definition.id,
        recordId: record.id,
        seq: sql`coalesce((select max(seq) from ${workflowTimeline} where tenant_id = ${record.tenantId} and workflow = ${definition.id} and record_id = ${record.id}), 0) + 1`,
        actorUserId: actor.userId,
        actorName: actor.displayName,
        action,
        fromState: from,
        toState: to,
        note: options.note ?? null,
        payload: input === undefined ? null : input,
        cause: options.cause ?? null,
        at: now(),
      })
      .returning({ seq: workflowTimeline.seq });
    await recordAudit(tx, actor, {
      action: `${definition.id}.${action}`,
      entityType: definition.id,
      entityId: record.id,
      tenantId: record.tenantId,
      orgPath: record.orgPath,
      summary: options.summary ?? `${definition.label}：${transition.label}（${stateLabel} → ${definition.states[to].label}）`,
      before: { state: from },
      after: { state: to, dueOn, input },
    });
    if (transition.effect) {
      const cause: Cause = { workflow: definition.id, tenantId: record.tenantId, recordId: record.id, seq: entry.seq };
      await transition.effect({
        tx,
        actor,
        record,
        input,
        from,
        to,
        dueOn,
        system: Boolean(options.system),
        // A consequence is the system's doing on the actor's behalf: it may lie beyond the actor's own reach.
        fire: (nested, nestedRecord, nestedAction, nestedInput) => fire(tx, nested, actor, nestedRecord, nestedAction, nestedInput, { system: true, cause }),
      });
    }
    const notifications = transition.notify?.({ actor, record, input, to }) ?? [];
    await deps.notify(tx, notifications);
    return { from, to, dueOn };
  }

  /**
   * Set-based: fire a system transition on every record `source` selects — a
   * query returning `tenant_id`, `id` and `payload` (jsonb: each record's
   * input) of the store's rows — in one statement however many records: the
   * state, a timeline entry and an audit row for each. For what the system
   * does to many records at once (a roster import closing applications). A
   * selected record no longer in a `from` state is left alone; the count of
   * those moved comes back. A transition with an effect, a guard, a deadline or
   * notifications needs them per record: fire it one by one.
   */
  async function fireMany<S extends string, R extends WorkflowRecord<S>>(tx: Db, definition: WorkflowDefinition<S, R>, actor: Actor, action: string, source: SQL) {
    const transition = definition.transitions.find((t) => t.action === action);
    const { store } = definition;
    if (!transition?.system || transition.effect || transition.guard || transition.notify || transition.deadline || definition.states[transition.to].deadline || !store.orgPath) {
      throw new Error(`${definition.id}.${action} cannot be fired set-based (a system transition without effect, guard, deadline or notifications, on a store with orgPath)`);
    }
    const column = (c: AnyPgColumn) => sql.identifier(c.name);
    const sets = [sql`${column(store.state)} = ${transition.to}`];
    if (store.version) sets.push(sql`${column(store.version)} = t.${column(store.version)} + 1`);
    if (store.updatedAt) sets.push(sql`${column(store.updatedAt)} = ${nowParam()}`);
    if (store.dueOn) sets.push(sql`${column(store.dueOn)} = null`);
    const summary = `${definition.label}：${transition.label}`;
    const [{ moved }] = await queryRows<{ moved: number }>(
      tx,
      sql`
      with chosen as (${source}),
      before as (
        select r.tenant_id, r.id, r.${column(store.state)} as from_state, r.${column(store.orgPath)} as org_path, c.payload
        from ${store.table} r join chosen c on c.tenant_id = r.tenant_id and c.id = r.id
        where r.${column(store.state)} in (${sql.join(transition.from.map((f) => sql`${f}`), sql`, `)})
        for update of r
      ),
      moved as (
        update ${store.table} t set ${sql.join(sets, sql`, `)}
        from before b where t.tenant_id = b.tenant_id and t.id = b.id and t.${column(store.state)} = b.from_state
        returning b.tenant_id, b.id, b.from_state, b.org_path, b.payload
      ),
      timeline as (
        insert into workflow_timeline (tenant_id, workflow, record_id, seq, actor_user_id, actor_name, action, from_state, to_state, payload, at)
        select m.tenant_id, ${definition.id}, m.id,
               coalesce((select max(w.seq) from workflow_timeline w where w.tenant_id = m.tenant_id and w.workflow = ${definition.id} and w.record_id = m.id), 0) + 1,
               ${actor.userId}::bigint, ${actor.displayName.slice(0, 50)}, ${action}, m.from_state, ${transition.to}, m.payload, ${nowParam()}
        from moved m
        returning 1
      ),
      audit as (
        insert into audit_log (tenant_id, actor_user_id, actor_name, ip, user_agent, action, entity_type, entity_id, org_path, summary, before, after)
        select m.tenant_id, ${actor.userId}::bigint, ${actor.displayName.slice(0, 50)}::varchar, ${actor.ip ?? null}::varchar, ${actor.userAgent?.slice(0, 500) ?? null}::text,
               ${`${definition.id}.${action}`}, ${definition.id}, m.id::text, m.org_path::ltree, ${summary},
               jsonb_build_object('state', m.from_state), jsonb_build_object('state', ${transition.to}::text, 'dueOn', null, 'input', m.payload)
        from moved m
        returning 1
      )
      select (select count(*) from timeline)::int as moved, (select count(*) from audit)::int as audited`,
    );
    return Number(moved);
  }

  /**
   * The first timeline entries of records created set-based, as an INSERT to
   * run inside the creating statement (a `with` of it): `created` names a
   * relation of that statement with `tenant_id` and `id` of records created in
   * `initial`. The roster import opens its memberships this way.
   */
  function startedMany<S extends string, R extends WorkflowRecord<S>>(definition: WorkflowDefinition<S, R>, actor: Actor, created: SQL, initial: S, payload: unknown): SQL {
    return sql`
      insert into workflow_timeline (tenant_id, workflow, record_id, seq, actor_user_id, actor_name, action, from_state, to_state, payload, at)
      select c.tenant_id, ${definition.id}, c.id, 1, ${actor.userId}::bigint, ${actor.displayName.slice(0, 50)}, 'create', null, ${initial}, ${JSON.stringify(payload)}::jsonb, ${nowParam()}
      from ${created} c
      returning 1`;
  }

  /**
   * Bulk (批量): fire `action` on each record of `ids` through `fireOne`, the module's own single-record path
   * (its scope lookup, its transaction, `fire`, the effects), each alone with a result per record (eachAlone).
   * An action the workflow does not offer to people is refused for the whole request.
   */
  async function fireEach(
    definition: { transitions: readonly Pick<TransitionDefinition<string, never>, 'action' | 'system'>[] },
    action: string,
    ids: readonly number[],
    fireOne: (id: number) => Promise<unknown>,
  ): Promise<BulkResult[]> {
    if (!definition.transitions.some((t) => t.action === action && !t.system)) throw validationError([{ field: 'action', reason: '未知操作' }]);
    return eachAlone(ids, fireOne);
  }

  /**
   * Open a record's timeline with its first entry (the record was just created in its first state) and start
   * that state's deadline, as a transition into it would: counted from `options.startedOn` (the day the matter
   * was received; default today), unless `options.dueOn` gives the day outright (a court's own deadline). The
   * due date is written to the store's `dueOn` and kept in the entry's payload; it comes back (null: none).
   */
  async function start<S extends string, R extends WorkflowRecord<S>>(
    tx: Db,
    definition: WorkflowDefinition<S, R>,
    actor: Actor,
    record: R,
    payload?: Record<string, unknown>,
    options: { startedOn?: string; dueOn?: string | null } = {},
  ): Promise<{ dueOn: string | null }> {
    const rule = definition.states[record.state].deadline;
    const counted = rule && !('running' in rule) ? rule : undefined;
    const dueOn = options.dueOn ?? (counted ? dueDate(await deps.calendar(tx), options.startedOn ?? today(), counted) : null);
    const { store } = definition;
    if (dueOn && store.dueOn) {
      await tx.execute(sql`update ${store.table} set ${sql.identifier(store.dueOn.name)} = ${dueOn} where tenant_id = ${record.tenantId} and id = ${record.id}`);
    }
    await tx.insert(workflowTimeline).values({
      tenantId: record.tenantId,
      workflow: definition.id,
      recordId: record.id,
      seq: 1,
      actorUserId: actor.userId,
      actorName: actor.displayName,
      action: 'create',
      fromState: null,
      toState: record.state,
      payload: dueOn ? { ...payload, dueOn } : (payload ?? null),
      at: now(),
    });
    return { dueOn };
  }

  /** A record's history, oldest first; each entry says what happened in the words of its transition. */
  async function timeline(tx: Db, definition: Pick<WorkflowDefinition<any, any>, 'id' | 'states' | 'transitions' | 'createdLabel'>, tenantId: number, recordId: number) {
    const actionLabels = new Map<string, string>([['create', definition.createdLabel], ...definition.transitions.map((t): [string, string] => [t.action, t.label])]);
    const rows = await tx
      .select()
      .from(workflowTimeline)
      .where(and(eq(workflowTimeline.tenantId, tenantId), eq(workflowTimeline.workflow, definition.id), eq(workflowTimeline.recordId, recordId)))
      .orderBy(asc(workflowTimeline.seq));
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actorName: r.actorName,
      action: r.action,
      actionLabel: actionLabels.get(r.action) ?? r.action,
      from: r.fromState,
      to: r.toState,
      toLabel: definition.states[r.toState]?.label ?? r.toState,
      toTone: toneOf(definition.states[r.toState]),
      note: r.note,
      payload: r.payload,
      cause: r.cause as Cause | null,
    }));
  }

  /**
   * The latest entry of `action` on each of `records`, in one query: what a list shows of how its rows came
   * to their state. Records without one are absent.
   */
  async function latestEntries(tx: Db, definition: { id: string }, records: readonly { tenantId: number; id: number }[], action: string) {
    if (records.length === 0) return [];
    const rows = await tx
      .select({ tenantId: workflowTimeline.tenantId, recordId: workflowTimeline.recordId, seq: workflowTimeline.seq, at: workflowTimeline.at, payload: workflowTimeline.payload })
      .from(workflowTimeline)
      .where(
        and(
          eq(workflowTimeline.workflow, definition.id),
          eq(workflowTimeline.action, action),
          or(...records.map((r) => and(eq(workflowTimeline.tenantId, r.tenantId), eq(workflowTimeline.recordId, r.id)))),
        ),
      )
      .orderBy(asc(workflowTimeline.seq));
    const latest = new Map(rows.map((r) => [`${r.tenantId}:${r.recordId}`, r]));
    return [...latest.values()];
  }

  return { allowedActions, fire, fireMany, fireEach, start, startedMany, timeline, latestEntries, deadlines };
}

export type WorkflowEngine = ReturnType<typeof createWorkflowEngine>;
