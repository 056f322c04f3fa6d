import { and, asc, desc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import { type Db, gather } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit/audit.js';
import { addDays } from '../../../platform/beijing-time.js';
import type { CalendarService } from '../../../platform/calendar/service.js';
import type { DayInfo } from '../../../platform/calendar/working-days.js';
import { conflict, forbidden, notFound, validationError } from '../../../platform/errors.js';
import type { OrgService } from '../../../platform/org-tree/service.js';
import { canAt } from '../../../platform/scope.js';
import { STUDIO_ROLES, type StudioRole } from '../schema.js';
import type { MediationService } from '../service.js';
import { daysInMonth, describeRecurrence, fallsOn, isoWeekday, type Recurrence, recurrenceIssues } from './recurrence.js';
import {
  DUTY_EXCEPTION_KINDS,
  DUTY_SLOTS,
  type DutyExceptionKind,
  type DutyRecurrence,
  type DutySlot,
  mediationDutyExceptions,
  mediationDutyRules,
} from './schema.js';

/**
 * 值班排班: a studio's duty roster from recurring rules, the working-day
 * calendar and single-day exceptions (取消, 代班). Who is on duty on a day is
 * computed, never stored, so a change of rule or calendar shows at once.
 * Studios and teams come from the mediation service; whoever may see a
 * studio sees its roster, whoever manages mediation there keeps it.
 */

export interface DutyRuleInput {
  memberId: number;
  recurrence: DutyRecurrence;
  weekdays?: number[] | null;
  nth?: number | null;
  weekday?: number | null;
  monthDay?: number | null;
  slot: DutySlot;
  startTime?: string | null;
  endTime?: string | null;
  validFrom: string;
  validTo?: string | null;
  onRestDays?: boolean;
  note?: string | null;
}
export type DutyRuleChanges = Partial<DutyRuleInput> & { active?: boolean; version: number };
export interface DutyExceptionInput {
  ruleId: number;
  day: string;
  kind: DutyExceptionKind;
  substituteId?: number | null;
  reason: string;
}

type RuleRow = typeof mediationDutyRules.$inferSelect;
type ExceptionRow = typeof mediationDutyExceptions.$inferSelect;
type Studio = Awaited<ReturnType<MediationService['findStudio']>>;
type Member = Awaited<ReturnType<MediationService['teamOf']>>[number];

export interface DutyRosterDeps {
  db: Db;
  calendar: Pick<CalendarService, 'calendar'>;
  orgs: Pick<OrgService, 'byId'>;
  today: () => string;
  studios: Pick<MediationService, 'findStudio' | 'teamOf' | 'studiosServing'>;
}

const SLOT_ORDER = Object.keys(DUTY_SLOTS);
const ROLE_ORDER = Object.keys(STUDIO_ROLES);
const stale = () => conflict('该值班规则已被他人修改，请刷新后重试', 'The duty rule changed meanwhile; reload and retry');

/** The recurrence fields a rule keeps: only those its kind uses, the rest cleared. */
function recurrenceOf(input: Pick<DutyRuleInput, 'recurrence' | 'weekdays' | 'nth' | 'weekday' | 'monthDay'>): Recurrence {
  return {
    recurrence: input.recurrence,
    weekdays: input.recurrence === 'weekly' ? [...(input.weekdays ?? [])].sort((a, b) => a - b) : [],
    nth: input.recurrence === 'monthly_weekday' ? (input.nth ?? null) : null,
    weekday: input.recurrence === 'monthly_weekday' ? (input.weekday ?? null) : null,
    monthDay: input.recurrence === 'monthly_day' ? (input.monthDay ?? null) : null,
  };
}

/** A rule's stored values from what was asked, or the field errors that make it impossible. */
function ruleValues(input: DutyRuleInput) {
  const recurrence = recurrenceOf(input);
  const issues = recurrenceIssues(recurrence);
  const startTime = input.startTime || null;
  const endTime = input.endTime || null;
  if ((startTime === null) !== (endTime === null)) issues.push({ field: startTime ? 'endTime' : 'startTime', reason: '开始和结束时间请同时填写，或都不填' });
  else if (startTime && endTime && startTime >= endTime) issues.push({ field: 'endTime', reason: '结束时间应晚于开始时间' });
  const validTo = input.validTo || null;
  if (validTo && validTo < input.validFrom) issues.push({ field: 'validTo', reason: '有效期的结束日期不能早于开始日期' });
  if (issues.length) throw validationError(issues);
  return { memberId: input.memberId, ...recurrence, slot: input.slot, startTime, endTime, validFrom: input.validFrom, validTo, onRestDays: input.onRestDays ?? false, note: input.note || null };
}

/** A member of the studio's team who can be put on duty, or the field error saying why not. */
function dutyMember(team: Map<number, Member>, memberId: number, field: string) {
  const member = team.get(memberId);
  if (!member) throw validationError([{ field, reason: '不是本工作室团队的成员' }]);
  if (!member.active) throw validationError([{ field, reason: `「${member.name}」已停用，不能安排值班` }]);
  return member;
}

/** Two rules of one member and slot that would put them on duty twice on some day. */
function overlaps(a: ReturnType<typeof ruleValues>, b: RuleRow) {
  if (a.memberId !== b.memberId || a.slot !== b.slot || a.recurrence !== b.recurrence) return false;
  if ((a.validTo !== null && a.validTo < b.validFrom) || (b.validTo !== null && b.validTo < a.validFrom)) return false;
  if (a.recurrence === 'weekly') return a.weekdays.some((d) => b.weekdays.includes(d));
  return a.nth === b.nth && a.weekday === b.weekday && a.monthDay === b.monthDay;
}

const slotOf = (rule: RuleRow) => ({
  slot: rule.slot,
  slotLabel: DUTY_SLOTS[rule.slot],
  startTime: rule.startTime,
  endTime: rule.endTime,
});

function shownRule(rule: RuleRow, team: Map<number, Member>) {
  const member = team.get(rule.memberId)!;
  return {
    id: rule.id,
    memberId: rule.memberId,
    memberName: member.name,
    memberActive: member.active,
    role: member.role,
    roleLabel: STUDIO_ROLES[member.role],
    recurrence: rule.recurrence,
    weekdays: rule.weekdays,
    nth: rule.nth,
    weekday: rule.weekday,
    monthDay: rule.monthDay,
    description: describeRecurrence(rule),
    ...slotOf(rule),
    validFrom: rule.validFrom,
    validTo: rule.validTo,
    onRestDays: rule.onRestDays,
    note: rule.note,
    active: rule.active,
    version: rule.version,
  };
}

/** One member on duty on one day through one rule (possibly standing in for the rule's member, or cancelled). */
export interface DutyEntry {
  ruleId: number;
  memberId: number;
  name: string;
  role: StudioRole;
  roleLabel: string;
  userId: number | null;
  slot: DutySlot;
  slotLabel: string;
  startTime: string | null;
  endTime: string | null;
  /** 代班: the rule's member this one stands in for. */
  standsInFor: string | null;
  cancelled: boolean;
  exception: { id: number; kind: DutyExceptionKind; kindLabel: string; reason: string } | null;
}

export function createDutyRosters(deps: DutyRosterDeps) {
  const { db, studios, orgs } = deps;

  const teamMap = async (studio: Studio, tx: Db) => new Map((await studios.teamOf(studio, tx, { includeInactive: true })).map((m) => [m.id, m]));

  /** The studio, locked, for an actor who keeps its roster: 404 when unseen, 403 when seen but not kept. */
  async function managedStudio(actor: Actor, studioId: number, tx: Db) {
    const studio = await studios.findStudio(actor, studioId, tx, { lock: true });
    if (!canAt(actor, 'mediation.manage', studio.orgPath)) throw forbidden('只有管理本工作室的工会工作人员可以排班', 'Only the staff who keep this studio may change its roster');
    return studio;
  }

  /**
   * A studio whose duty the actor may see: one of the studios serving the actor's own union (a worker
   * sees who is on duty where they would turn for help), or one the actor sees as staff or as its team.
   */
  async function dutyStudio(actor: Actor, studioId: number, tx: Db) {
    const home = actor.homeOrgId ? await orgs.byId(actor.homeOrgId, tx) : undefined;
    const serving = home ? (await studios.studiosServing(home, tx)).find((s) => s.id === studioId) : undefined;
    return serving ?? studios.findStudio(actor, studioId, tx);
  }

  async function ruleOf(studio: Studio, ruleId: number, tx: Db) {
    const [rule] = await tx
      .select()
      .from(mediationDutyRules)
      .where(and(eq(mediationDutyRules.tenantId, studio.tenantId), eq(mediationDutyRules.studioId, studio.id), eq(mediationDutyRules.id, ruleId)));
    return rule;
  }

  /** The studio's active rules in force at some time between the two days. */
  async function rulesBetween(studio: Studio, from: string, to: string, tx: Db) {
    return tx
      .select()
      .from(mediationDutyRules)
      .where(
        and(
          eq(mediationDutyRules.tenantId, studio.tenantId),
          eq(mediationDutyRules.studioId, studio.id),
          eq(mediationDutyRules.active, true),
          lte(mediationDutyRules.validFrom, to),
          or(isNull(mediationDutyRules.validTo), gte(mediationDutyRules.validTo, from)),
        ),
      )
      .orderBy(asc(mediationDutyRules.id));
  }

  /** Is the rule on duty that day (in force, its recurrence, the calendar)? */
  const ruleFallsOn = (rule: RuleRow, info: DayInfo) => rule.validFrom <= info.date && (rule.validTo === null || info.date <= rule.validTo) && fallsOn(rule, info);

  /** The roster of each day from `from` to `to`: the calendar's verdict and who is on duty. */
  async function roster(studio: Studio, from: string, to: string, tx: Db) {
    const [rules, exceptions, team, calendar] = await gather(tx, [
      () => rulesBetween(studio, from, to, tx),
      () =>
        tx
          .select()
          .from(mediationDutyExceptions)
          .where(and(eq(mediationDutyExceptions.tenantId, studio.tenantId), eq(mediationDutyExceptions.studioId, studio.id), gte(mediationDutyExceptions.day, from), lte(mediationDutyExceptions.day, to))),
      () => teamMap(studio, tx),
      () => deps.calendar.calendar(tx),
    ]);
    const exceptionOf = new Map(exceptions.map((e) => [`${e.ruleId}:${e.day}`, e]));
    const days = [];
    for (let day = from; day <= to; day = addDays(day, 1)) {
      const info = calendar.dayInfo(day);
      const entries: DutyEntry[] = [];
      for (const rule of rules) {
        if (!ruleFallsOn(rule, info)) continue;
        const member = team.get(rule.memberId)!;
        const exception = exceptionOf.get(`${rule.id}:${day}`);
        const onDuty = exception?.kind === 'swap' ? team.get(exception.substituteId!)! : member;
        // A member who left the team is on nobody's roster; the rule waits for a new member or its end.
        if (!onDuty.active) continue;
        entries.push({
          ruleId: rule.id,
          memberId: onDuty.id,
          name: onDuty.name,
          role: onDuty.role,
          roleLabel: STUDIO_ROLES[onDuty.role],
          userId: onDuty.userId,
          ...slotOf(rule),
          standsInFor: exception?.kind === 'swap' ? member.name : null,
          cancelled: exception?.kind === 'cancel',
          exception: exception ? { id: exception.id, kind: exception.kind, kindLabel: DUTY_EXCEPTION_KINDS[exception.kind], reason: exception.reason } : null,
        });
      }
      entries.sort((a, b) => SLOT_ORDER.indexOf(a.slot) - SLOT_ORDER.indexOf(b.slot) || ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name, 'zh-CN'));
      days.push({ date: day, weekday: isoWeekday(day), working: info.working, kind: info.kind, holidayName: info.name ?? null, entries });
    }
    return days;
  }

  /** Today's duty of the studios serving an org, as workers see it: names, roles, slots and the studio's phone. */
  async function dutyAt(org: { tenantId: number; path: string }, tx: Db = db) {
    const day = deps.today();
    const serving = await studios.studiosServing(org, tx);
    const items = [];
    for (const studio of serving) {
      const [today] = await roster(studio, day, day, tx);
      items.push({
        id: studio.id,
        name: studio.name,
        address: studio.address,
        phone: studio.phone,
        holidayName: today.holidayName,
        entries: today.entries
          .filter((e) => !e.cancelled)
          .map((e) => ({ name: e.name, roleLabel: e.roleLabel, slotLabel: e.slotLabel, startTime: e.startTime, endTime: e.endTime, standsInFor: e.standsInFor })),
      });
    }
    return { day, items };
  }

  const audit = (tx: Db, actor: Actor, studio: Studio, action: string, summary: string, change: { before?: unknown; after?: unknown } = {}) =>
    recordAudit(tx, actor, { action: `mediation.${action}`, entityType: 'mediation_studio', entityId: studio.id, tenantId: studio.tenantId, orgPath: studio.orgPath, summary, ...change });

  /** No second rule that puts the same member on duty in the same slot on the same days. */
  async function checkNoOverlap(studio: Studio, values: ReturnType<typeof ruleValues>, exceptRuleId: number | null, team: Map<number, Member>, tx: Db) {
    const same = await tx
      .select()
      .from(mediationDutyRules)
      .where(and(eq(mediationDutyRules.tenantId, studio.tenantId), eq(mediationDutyRules.studioId, studio.id), eq(mediationDutyRules.memberId, values.memberId), eq(mediationDutyRules.active, true)));
    const clash = same.find((r) => r.id !== exceptRuleId && overlaps(values, r));
    if (clash) {
      const name = team.get(clash.memberId)!.name;
      throw validationError([
        { field: 'validFrom', reason: `与已有的值班规则重复：${name} ${describeRecurrence(clash)}${DUTY_SLOTS[clash.slot]}（${clash.validFrom} 起${clash.validTo ? `至 ${clash.validTo}` : ''}），请修改那条规则或错开有效期` },
      ]);
    }
  }

  function ruleSummary(rule: Pick<RuleRow, 'memberId' | 'slot'> & Recurrence, team: Map<number, Member>) {
    const member = team.get(rule.memberId)!;
    return `${STUDIO_ROLES[member.role]} ${member.name} ${describeRecurrence(rule)}${DUTY_SLOTS[rule.slot]}`;
  }

  return {
    /** The studio's duty rules, in force first; for whoever may see the studio. */
    async rules(actor: Actor, studioId: number) {
      const studio = await studios.findStudio(actor, studioId);
      const [rules, team] = await Promise.all([
        db
          .select()
          .from(mediationDutyRules)
          .where(and(eq(mediationDutyRules.tenantId, studio.tenantId), eq(mediationDutyRules.studioId, studio.id)))
          .orderBy(desc(mediationDutyRules.active), asc(mediationDutyRules.validFrom), asc(mediationDutyRules.id)),
        teamMap(studio, db),
      ]);
      return { canManage: canAt(actor, 'mediation.manage', studio.orgPath), items: rules.map((r) => shownRule(r, team)) };
    },

    async createRule(actor: Actor, studioId: number, input: DutyRuleInput) {
      return db.transaction(async (tx) => {
        const studio = await managedStudio(actor, studioId, tx);
        const team = await teamMap(studio, tx);
        const values = ruleValues(input);
        dutyMember(team, values.memberId, 'memberId');
        await checkNoOverlap(studio, values, null, team, tx);
        const [rule] = await tx
          .insert(mediationDutyRules)
          .values({ tenantId: studio.tenantId, studioId: studio.id, orgPath: studio.orgPath, ...values })
          .returning();
        await audit(tx, actor, studio, 'duty_rule_create', `「${studio.name}」排班：${ruleSummary(rule, team)}`, { after: values });
        return shownRule(rule, team);
      });
    },

    /** Change a rule, or end it (`active: false`, 停用): past days it covered are not kept, only the rule. */
    async updateRule(actor: Actor, studioId: number, ruleId: number, changes: DutyRuleChanges) {
      return db.transaction(async (tx) => {
        const studio = await managedStudio(actor, studioId, tx);
        const rule = await ruleOf(studio, ruleId, tx);
        if (!rule) throw notFound('值班规则', 'duty rule');
        if (rule.version !== changes.version) throw stale();
        const team = await teamMap(studio, tx);
        const { version: _version, active, ...fields } = changes;
        const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
        const values = ruleValues({ ...rule, ...defined });
        const nowActive = active ?? rule.active;
        if (nowActive && (values.memberId !== rule.memberId || !rule.active)) dutyMember(team, values.memberId, 'memberId');
        if (nowActive) await checkNoOverlap(studio, values, rule.id, team, tx);
        const [updated] = await tx
          .update(mediationDutyRules)
          .set({ ...values, active: nowActive, version: rule.version + 1, updatedAt: new Date() })
          .where(and(eq(mediationDutyRules.tenantId, rule.tenantId), eq(mediationDutyRules.id, rule.id), eq(mediationDutyRules.version, rule.version)))
          .returning();
        if (!updated) throw stale();
        const verb = rule.active && !updated.active ? '停用' : !rule.active && updated.active ? '恢复' : '修改';
        await audit(tx, actor, studio, 'duty_rule_update', `「${studio.name}」${verb}排班：${ruleSummary(updated, team)}`, { before: ruleValues(rule), after: { ...values, active: nowActive } });
        return shownRule(updated, team);
      });
    },

    /** 取消 one day of a rule, or give it to another member (代班), with the reason. */
    async addException(actor: Actor, studioId: number, input: DutyExceptionInput) {
      return db.transaction(async (tx) => {
        const studio = await managedStudio(actor, studioId, tx);
        const rule = await ruleOf(studio, input.ruleId, tx);
        if (!rule || !rule.active) throw validationError([{ field: 'ruleId', reason: '值班规则不存在或已停用' }]);
        const team = await teamMap(studio, tx);
        const calendar = await deps.calendar.calendar(tx);
        if (!ruleFallsOn(rule, calendar.dayInfo(input.day))) throw validationError([{ field: 'day', reason: `按这条规则 ${input.day} 本来就不值班` }]);
        let substituteId: number | null = null;
        if (input.kind === 'swap') {
          if (!input.substituteId) throw validationError([{ field: 'substituteId', reason: '代班请选择代班的成员' }]);
          if (input.substituteId === rule.memberId) throw validationError([{ field: 'substituteId', reason: '代班的成员不能是原值班人' }]);
          substituteId = dutyMember(team, input.substituteId, 'substituteId').id;
        }
        const [existing] = await tx
          .select({ id: mediationDutyExceptions.id })
          .from(mediationDutyExceptions)
          .where(and(eq(mediationDutyExceptions.tenantId, rule.tenantId), eq(mediationDutyExceptions.ruleId, rule.id), eq(mediationDutyExceptions.day, input.day)));
        if (existing) throw conflict(`${input.day} 这条排班已有调整，请先撤销原调整`, 'That day of the rule has an exception already');
        const values = { ruleId: rule.id, day: input.day, kind: input.kind, substituteId, reason: input.reason };
        const [exception] = await tx
          .insert(mediationDutyExceptions)
          .values({ tenantId: studio.tenantId, studioId: studio.id, orgPath: studio.orgPath, ...values, createdBy: actor.userId })
          .returning();
        const what = substituteId ? `由${team.get(substituteId)!.name}代班` : '取消';
        await audit(tx, actor, studio, 'duty_exception_add', `「${studio.name}」${input.day} ${ruleSummary(rule, team)}${what}：${input.reason}`, { after: values });
        return shownException(exception, team);
      });
    },

    /** 撤销 an exception: the rule's member is on duty that day again. */
    async removeException(actor: Actor, studioId: number, exceptionId: number) {
      return db.transaction(async (tx) => {
        const studio = await managedStudio(actor, studioId, tx);
        const [removed] = await tx
          .delete(mediationDutyExceptions)
          .where(and(eq(mediationDutyExceptions.tenantId, studio.tenantId), eq(mediationDutyExceptions.studioId, studio.id), eq(mediationDutyExceptions.id, exceptionId)))
          .returning();
        if (!removed) throw notFound('值班调整', 'duty exception');
        await audit(tx, actor, studio, 'duty_exception_remove', `「${studio.name}」撤销 ${removed.day} 的值班调整（${DUTY_EXCEPTION_KINDS[removed.kind]}：${removed.reason}）`, { before: removed });
      });
    },

    /** A month of the studio's roster ('YYYY-MM', this month by default): each day with the holiday and who is on duty. */
    async month(actor: Actor, studioId: number, month = deps.today().slice(0, 7)) {
      const studio = await studios.findStudio(actor, studioId);
      const first = `${month}-01`;
      const days = await roster(studio, first, `${month}-${String(daysInMonth(first)).padStart(2, '0')}`, db);
      return { month, today: deps.today(), canManage: canAt(actor, 'mediation.manage', studio.orgPath), days };
    },

    /**
     * Who is on duty at a studio on a day (today by default), cancelled days left out: the members with
     * their role, slot and account (`userId`, null for a member without one). For case intake, the
     * default mediator is the first entry with an account. Pass `tx` inside a transaction.
     */
    async onDuty(actor: Actor, studioId: number, day = deps.today(), tx: Db = db) {
      const studio = await dutyStudio(actor, studioId, tx);
      const [today] = await roster(studio, day, day, tx);
      return { ...today, entries: today.entries.filter((e) => !e.cancelled) };
    },

    /** Today's duty at the studios serving the actor's own union (the workers' 今日值班). */
    async dutyNearMe(actor: Actor) {
      const home = actor.homeOrgId ? await orgs.byId(actor.homeOrgId) : undefined;
      return home ? dutyAt(home) : { day: deps.today(), items: [] };
    },

    /** The same for a union's public page (a QR code on the wall): no account needed. */
    async publicDuty(orgId: number) {
      const org = await orgs.byId(orgId);
      if (!org || !org.active) throw notFound('工会', 'union');
      return dutyAt(org);
    },
  };
}

function shownException(exception: ExceptionRow, team: Map<number, Member>) {
  return {
    id: exception.id,
    ruleId: exception.ruleId,
    day: exception.day,
    kind: exception.kind,
    kindLabel: DUTY_EXCEPTION_KINDS[exception.kind],
    substituteId: exception.substituteId,
    substituteName: exception.substituteId ? team.get(exception.substituteId)!.name : null,
    reason: exception.reason,
  };
}

export type DutyRosters = ReturnType<typeof createDutyRosters>;
