import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Role } from '../accounts/roles.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit.js';
import type { WorkingDayCalendar } from '../calendar/working-days.js';
import { AppError, forbidden, validationError } from '../errors.js';
import type { NewNotification } from '../notifications/service.js';
import { isWithin } from '../scope.js';
import { workflowTimeline } from './schema.js';

/** What the engine needs of any record it moves. */
export interface WorkflowRecord<S extends string = string> {
  id: number;
  tenantId: number;
  state: S;
  /** Path of the record's org: roles reach it from that org or any ancestor. */
  orgPath: string;
}

export interface StateDefinition {
  label: string;
  terminal?: boolean;
  /** Entering this state starts a deadline of this many working days (Chinese calendar). */
  deadlineWorkingDays?: number;
}

export interface TransitionContext<R, I> {
  actor: Actor;
  record: R;
  input: I;
}

export interface TransitionDefinition<S extends string, R, I = unknown> {
  action: string;
  label: string;
  from: readonly S[];
  to: S;
  /** Roles that may fire it when held at the record's org or above. */
  roles?: readonly Role[];
  /** Fired only by services as a consequence of another change (a membership closed by a transfer); never offered. */
  system?: boolean;
  /** Where the roles must reach, when not the record's own org (a transfer's target union accepts). */
  at?: (record: R) => string;
  /** Relations of the actor to the record that may fire it (e.g. `applicant`); see `relationsOf`. */
  relations?: readonly string[];
  /** Business condition; returns the reason in Chinese when the action is not possible now. */
  guard?: (ctx: Omit<TransitionContext<R, unknown>, 'input'>) => string | null;
  /** Input the action requires (a reason, a rating…), validated before anything changes. */
  input?: z.ZodType<I>;
  notify?: (ctx: TransitionContext<R, I> & { to: S }) => NewNotification[];
}

export interface WorkflowDefinition<S extends string, R extends WorkflowRecord<S>> {
  id: string;
  label: string;
  states: Record<S, StateDefinition>;
  transitions: readonly TransitionDefinition<S, R, any>[];
  /** The actor's relations to a record, such as being its applicant. */
  relationsOf?: (actor: Actor, record: R) => readonly string[];
}

export interface AllowedAction {
  action: string;
  label: string;
  to: string;
  needsInput: boolean;
}

export interface EngineDeps {
  calendar: () => Promise<WorkingDayCalendar>;
  notify: (tx: Db, items: NewNotification[]) => Promise<void>;
  /** Today's business date in Asia/Shanghai, overridable in tests. */
  today?: () => string;
}

export const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Declares a workflow with its types checked; the definition is plain data. */
export const defineWorkflow = <S extends string, R extends WorkflowRecord<S>>(definition: WorkflowDefinition<S, R>) => definition;

/**
 * The one engine that runs every workflow (STYLE: workflow as data). It
 * validates, authorises, moves the state, writes the timeline entry, the audit
 * row and notifications, all in the caller's transaction, and tells the UI
 * which actions an actor may take on a record.
 */
export function createWorkflowEngine(deps: EngineDeps) {
  const today = deps.today ?? shanghaiToday;

  function authorised<S extends string, R extends WorkflowRecord<S>>(
    definition: WorkflowDefinition<S, R>,
    transition: TransitionDefinition<S, R>,
    actor: Actor,
    record: R,
  ): boolean {
    const orgPath = transition.at?.(record) ?? record.orgPath;
    const byRole = transition.roles?.some((role) => actor.grants.some((g) => g.role === role && isWithin(orgPath, g.orgPath)));
    if (byRole) return true;
    if (!transition.relations?.length || !definition.relationsOf) return false;
    const relations = definition.relationsOf(actor, record);
    return transition.relations.some((r) => relations.includes(r));
  }

  function allowedActions<S extends string, R extends WorkflowRecord<S>>(definition: WorkflowDefinition<S, R>, actor: Actor, record: R): AllowedAction[] {
    return definition.transitions
      .filter((t) => !t.system && t.from.includes(record.state) && authorised(definition, t, actor, record) && !t.guard?.({ actor, record }))
      .map((t) => ({ action: t.action, label: t.label, to: t.to, needsInput: Boolean(t.input) }));
  }

  async function deadlineFor(state: StateDefinition): Promise<string | null> {
    if (!state.deadlineWorkingDays) return null;
    return (await deps.calendar()).addWorkingDays(today(), state.deadlineWorkingDays);
  }

  /**
   * Fire `action` on `record`. `persist` writes the new state (and the
   * deadline, if the new state has one) and must return false when the row
   * no longer is in the state read, so concurrent actors cannot both win.
   */
  async function fire<S extends string, R extends WorkflowRecord<S>>(
    tx: Db,
    definition: WorkflowDefinition<S, R>,
    actor: Actor,
    record: R,
    action: string,
    rawInput: unknown,
    persist: (change: { from: S; to: S; dueOn: string | null }) => Promise<boolean>,
    options: { summary?: string; note?: string; /** the caller is a service firing a system transition */ system?: boolean } = {},
  ): Promise<{ from: S; to: S; dueOn: string | null }> {
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
    const dueOn = await deadlineFor(definition.states[to]);
    if (!(await persist({ from, to, dueOn }))) {
      throw new AppError('CONFLICT', '该记录已被他人处理，请刷新后查看', 'The record was changed meanwhile; reload it');
    }
    await tx.insert(workflowTimeline).values({
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
    });
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
    const notifications = transition.notify?.({ actor, record, input, to }) ?? [];
    await deps.notify(tx, notifications);
    return { from, to, dueOn };
  }

  /** Open a record's timeline with its first entry (the record was just created in `initial`). */
  async function start<S extends string, R extends WorkflowRecord<S>>(tx: Db, definition: WorkflowDefinition<S, R>, actor: Actor, record: R, payload?: unknown) {
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
      payload: payload ?? null,
    });
  }

  async function timeline(tx: Db, definition: { id: string; states: Record<string, StateDefinition> }, tenantId: number, recordId: number) {
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
      from: r.fromState,
      to: r.toState,
      toLabel: definition.states[r.toState]?.label ?? r.toState,
      note: r.note,
      payload: r.payload,
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

  return { allowedActions, fire, start, timeline, latestEntries };
}

export type WorkflowEngine = ReturnType<typeof createWorkflowEngine>;
