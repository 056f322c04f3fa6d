import { and, asc, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { parseMobile } from '../../platform/cn-ids.js';
import { AppError, type FieldIssue, notFound, validationError } from '../../platform/errors.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import { requireAt } from '../../platform/scope.js';
import type { SettingService } from '../../platform/settings/service.js';
import { searchVector } from '../../platform/search-tokens.js';
import type { NestedFire, WorkflowEngine } from '../../platform/workflow/engine.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { cardNumberSql, divisionOfSql } from './card-number.js';
import { memberSinceFor } from './member-since.js';
import { cardNumberFormatSetting } from './settings.js';
import { checkEmployment, type Employment, employmentOf, formIssues, JOINING_REFUSED, memberSearchDocument, PERSON_NAME } from './person-fields.js';
import { checkWindow, LIST_WINDOW, type ListEngine } from './queries.js';
import { type MembershipSource, memberships, persons } from './schema.js';
import { type DetailsInput, lastSignOfLife, MEMBERSHIP_STATES, membershipWorkflow, type MembershipRecord, sixMonthsBefore } from './workflow.js';

/**
 * Memberships: opening one (every way in comes here), ending one, finding one
 * in the actor's scope, and the membership workflow's actions on it.
 */

type MembershipRow = typeof memberships.$inferSelect;

/** Opening a membership for someone who holds one already (openMembership). */
export class AlreadyMember extends AppError {
  constructor() {
    super('CONFLICT', '此人已是工会会员，一人同一时间只能在一个工会；如更换了单位，请办理会员接转', 'This person already holds an open membership; transfer it instead');
  }
}

/** Fire a consequence outside any transition's effect (a staff entry closing applications): the system's doing. */
export const systemFire =
  (workflow: WorkflowEngine, tx: Db, actor: Actor): NestedFire =>
  (definition, record, action, input) =>
    workflow.fire(tx, definition, actor, record, action, input, { system: true });

export const membershipRecord = (m: MembershipRow): MembershipRecord => ({
  id: m.id,
  tenantId: m.tenantId,
  state: m.status,
  orgPath: m.orgPath,
  personHash: m.personHash,
  lastDuesOn: m.lastDuesOn,
  duesFrom: m.duesFrom,
  lastActivityOn: m.lastActivityOn,
  joinedOn: m.joinedOn,
});

/** Whom a membership opens for, where, and how (openMembership). */
export interface OpeningInput {
  org: { id: number; tenantId: number; path: string };
  idHash: Buffer;
  idCipher: Buffer;
  idMasked: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  phone: string | null;
  employment: Employment;
  source: MembershipSource;
  replacing?: { tenantId: number; id: number };
  /** The application being approved: its own decision ends it, the person's others close here. */
  approving?: { tenantId: number; id: number };
  /** The union's date of approval when it was not today (a staff entry from the paper form). */
  joinedOn?: string;
  /** Consent given on the paper form (staff entry); an online join keeps its own on the application. */
  consent?: { version: string; at: Date };
}

export interface MembershipHooks {
  /** A membership has opened, in `tx`: the person's pending applications close (applications.ts). */
  membershipOpened: (tx: Db, membership: MembershipRow, fire: NestedFire, approving?: { tenantId: number; id: number }) => Promise<void>;
}

export function createMemberships(
  ctx: { db: Db; orgs: Pick<OrgService, 'byId' | 'namesByIds'>; workflow: WorkflowEngine; cipher: PersonalDataCipher; today: () => string; settings: Pick<SettingService, 'get'> },
  lists: ListEngine,
  hooks: MembershipHooks,
) {
  const { db, orgs, workflow, cipher, today, settings } = ctx;

  const membershipFlow = membershipWorkflow(today, {
    end: ({ tx, record, to }) => endMembership(tx, record, MEMBERSHIP_STATES[to].label),
    updateDetails: ({ tx, record, input }) => updateDetails(tx, record, input),
    async transferOut({ tx, record, input }) {
      const target = await orgs.byId(input.toOrgId, tx);
      await endMembership(tx, record, `转至 ${target?.name ?? '其他工会'}`);
    },
  });

  /**
   * 修改会员信息: the fields given, checked as joining checks them (a real name, a mobile number, a credit code
   * that checks out, the employer or platform the employment form needs; a name correction with its reason in
   * the note), written with the search document; the person row keeps the latest name and phone. Nothing changed is refused, so the history has no empty edits.
   */
  async function updateDetails(tx: Db, record: MembershipRecord, input: DetailsInput) {
    const [row] = await tx.select().from(memberships).where(and(eq(memberships.tenantId, record.tenantId), eq(memberships.id, record.id)));
    const issues: FieldIssue[] = [];
    let name = row.name;
    if (input.name !== undefined) {
      name = input.name.replace(/\s+/g, '');
      if (!PERSON_NAME.test(name)) issues.push({ field: 'name', reason: '请填写真实姓名（2–30 个汉字或字母）' });
      // A name is corrected, not changed at will: the record says why (the history keeps it).
      else if (name !== row.name && !input.note) issues.push({ field: 'note', reason: '更正姓名须填写变更说明，写明原因（如：原登记姓名有误，以身份证为准）' });
    }
    let phone = row.phone;
    if (input.phone !== undefined) {
      const mobile = parseMobile(input.phone);
      if (mobile.ok) phone = mobile.mobile;
      else issues.push({ field: 'phone', reason: mobile.reason });
    }
    const employmentChanged = (['employmentForm', 'employerName', 'employerCreditCode', 'platformName'] as const).some((field) => input[field] !== undefined);
    const checked = checkEmployment({ ...employmentOf(row), ...input }, employmentChanged);
    issues.push(...formIssues(checked.issues));
    if (issues.length) throw validationError(issues);
    const next = { name, phone, ...checked.employment };
    if ((Object.keys(next) as (keyof typeof next)[]).every((field) => next[field] === row[field])) {
      throw validationError([{ field: 'name', reason: '没有修改任何信息' }]);
    }
    await tx
      .update(memberships)
      .set({ ...next, search: searchVector(memberSearchDocument({ name, idMasked: row.idMasked, phone, card: row })) as unknown as string })
      .where(and(eq(memberships.tenantId, record.tenantId), eq(memberships.id, record.id)));
    await tx.update(persons).set({ name, phone, updatedAt: new Date() }).where(eq(persons.idHash, row.personHash));
  }

  /** A membership ends today (withdrawn, deemed withdrawn, expelled, transferred out): the person holds none until the next opens. */
  async function endMembership(tx: Db, record: MembershipRecord, reason: string) {
    await tx
      .update(memberships)
      .set({ endedOn: today(), endReason: reason })
      .where(and(eq(memberships.tenantId, record.tenantId), eq(memberships.id, record.id)));
    // No 会龄 runs until the person joins again (anew), or the transfer opens the next membership (carried over).
    await tx
      .update(persons)
      .set({ openMembershipTenantId: null, openMembershipId: null, memberSince: null, updatedAt: new Date() })
      .where(and(eq(persons.idHash, record.personHash), eq(persons.openMembershipTenantId, record.tenantId), eq(persons.openMembershipId, record.id)));
  }

  /**
   * Open a membership and point the person at it, in the caller's transaction.
   * The person row is the lock: the update only succeeds while the person holds
   * no open membership, so two concurrent joins cannot both win (DESIGN §2).
   * Every path to a membership comes here (approval, staff entry, transfer; the
   * roster import does the same in SQL), so here the person's pending
   * applications close too (hooks.membershipOpened).
   */
  async function openMembership(
    tx: Db,
    actor: Actor,
    input: OpeningInput,
    /** How the person's pending applications are closed: as consequences of the transition opening it, if one does. */
    fire: NestedFire = systemFire(workflow, tx, actor),
  ) {
    await tx
      .insert(persons)
      .values({ idHash: input.idHash, idCipher: input.idCipher, idMasked: input.idMasked, name: input.name, sex: input.sex, birthDate: input.birthDate, phone: input.phone })
      .onConflictDoNothing();
    const [person] = await tx.select().from(persons).where(eq(persons.idHash, input.idHash)).for('update');
    const holdsOther = person.openMembershipId != null && !(input.replacing && person.openMembershipId === input.replacing.id && person.openMembershipTenantId === input.replacing.tenantId);
    if (holdsOther) throw new AlreadyMember();
    const joinedOn = input.joinedOn ?? today();
    // 会龄 (member-since.ts): read under the person's lock, so it is the latest membership — a transfer's, closed just now, carries over.
    const [previous] = await tx
      .select({ status: memberships.status, memberSince: memberships.memberSince, endedOn: memberships.endedOn })
      .from(memberships)
      .where(eq(memberships.personHash, input.idHash))
      .orderBy(desc(memberships.id))
      .limit(1);
    // Memberships follow one another: a back-dated joining cannot reach into the last one.
    if (previous?.endedOn && joinedOn < previous.endedOn) throw validationError([{ field: 'joinedOn', reason: JOINING_REFUSED.joinedBeforePreviousEnd.replace('%s', previous.endedOn) }]);
    const memberSince = memberSinceFor(previous, joinedOn);
    // The card number embeds the id, so take it from the sequence first, and write it as the format set in 参数设置 says (card-number.ts).
    const format = await settings.get(cardNumberFormatSetting, tx);
    const card = (id: SQL) => cardNumberSql(format, { division: divisionOfSql(sql`${input.org.path}::ltree`), joinedOn: sql`${joinedOn}::date`, id, tenantId: sql`${input.org.tenantId}::bigint` });
    const [{ id, card_no: cardNo }] = await queryRows<{ id: number; card_no: string }>(tx, sql`select id, ${card(sql`id`)} as card_no from (select nextval('memberships_id_seq')::int as id) s`);
    const [membership] = await tx
      .insert(memberships)
      .overridingSystemValue()
      .values({
        tenantId: input.org.tenantId,
        id,
        personHash: input.idHash,
        orgId: input.org.id,
        orgPath: input.org.path,
        cardNo,
        status: 'active',
        name: input.name,
        idMasked: input.idMasked,
        sex: input.sex,
        birthDate: input.birthDate,
        phone: input.phone,
        ...input.employment,
        joinedOn,
        memberSince,
        source: input.source,
        consentVersion: input.consent?.version ?? null,
        consentAt: input.consent?.at ?? null,
        search: searchVector(memberSearchDocument({ ...input, ...input.employment, card: { cardNo, id } })) as unknown as string,
      })
      .returning();
    await tx
      .update(persons)
      .set({ openMembershipTenantId: membership.tenantId, openMembershipId: membership.id, memberSince, name: input.name, phone: input.phone ?? person.phone, updatedAt: new Date() })
      .where(eq(persons.idHash, input.idHash));
    await workflow.start(tx, membershipFlow, actor, membershipRecord(membership), { source: input.source, orgId: input.org.id });
    await hooks.membershipOpened(tx, membership, fire, input.approving);
    return membership;
  }

  async function currentMembershipOf(idHash: Buffer, tx: Db = db) {
    const [person] = await tx.select().from(persons).where(eq(persons.idHash, idHash));
    if (!person?.openMembershipId) return null;
    const [membership] = await tx
      .select()
      .from(memberships)
      .where(and(eq(memberships.tenantId, person.openMembershipTenantId!), eq(memberships.id, person.openMembershipId)));
    return membership ?? null;
  }

  async function findMembership(actor: Actor, id: number, tx: Db = db) {
    const [membership] = await tx
      .select()
      .from(memberships)
      // The scope names the tenants, so this is a primary-key lookup, not a scan of the scope for the id.
      .where(and(eq(memberships.id, id), await lists.memberScope(actor, tx)));
    if (!membership) throw notFound('会员', 'member');
    return membership;
  }

  return {
    workflow: membershipFlow,
    record: membershipRecord,
    openMembership,
    currentMembershipOf,
    findMembership,

    async act(actor: Actor, id: number, action: string, input: unknown) {
      await db.transaction(async (tx) => workflow.fire(tx, membershipFlow, actor, membershipRecord(await findMembership(actor, id, tx)), action, input));
    },

    /** Viewing a full ID number is a separate, audited act (PIPL). */
    async revealResidentId(actor: Actor, id: number) {
      return db.transaction(async (tx) => {
        const membership = await findMembership(actor, id, tx);
        requireAt(actor, 'members.reveal_id', membership.orgPath);
        const [person] = await tx.select({ idCipher: persons.idCipher }).from(persons).where(eq(persons.idHash, membership.personHash));
        await recordAudit(tx, actor, {
          action: 'member.reveal_id',
          entityType: 'membership',
          entityId: membership.id,
          tenantId: membership.tenantId,
          orgPath: membership.orgPath,
          summary: `查看会员「${membership.name}」的完整身份证号`,
        });
        return { residentId: cipher.decrypt(person.idCipher) };
      });
    },

    /**
     * Members with six months of evidence and neither dues nor participation in them (notDeemedWithdrawn, as SQL):
     * staff confirm each; nothing happens by itself. Beside them, how many active members have no dues record at
     * all (无会费数据): they are never candidates, and the union should record their dues.
     */
    async deemedWithdrawalCandidates(actor: Actor, query: { orgId?: number; page: number; pageSize: number }) {
      const cutoff = sixMonthsBefore(today());
      let orgPath: string | undefined;
      if (query.orgId) orgPath = (await orgs.byId(query.orgId))?.path ?? '0';
      checkWindow(query, LIST_WINDOW);
      const filters = lists.listFilters(actor, { status: 'active' }, await lists.memberScope(actor), orgPath);
      if (!filters) return { items: [], total: 0, totalCapped: false, cutoff, noDuesData: 0, noDuesDataCapped: false, page: query.page, pageSize: query.pageSize };
      const where = and(
        ...filters,
        sql`${memberships.duesFrom} <= ${cutoff}`,
        sql`greatest(${memberships.joinedOn}, coalesce(${memberships.lastDuesOn}, ${memberships.joinedOn}), coalesce(${memberships.lastActivityOn}, ${memberships.joinedOn})) <= ${cutoff}`,
      )!;
      const [rows, counted, noData] = await Promise.all([
        lists.listPage(where, [asc(memberships.joinedOn), asc(memberships.id)], query),
        lists.cappedCount(where, LIST_WINDOW),
        lists.cappedCount(and(...filters, isNull(memberships.duesFrom))!, LIST_WINDOW),
      ]);
      const names = await orgs.namesByIds(rows.map((r) => r.orgId));
      return {
        items: rows.map((r) => ({ ...lists.shown(actor, r, names), lastSignOfLife: lastSignOfLife(r), lastDuesOn: r.lastDuesOn, lastActivityOn: r.lastActivityOn })),
        total: counted.total,
        totalCapped: counted.totalCapped,
        cutoff,
        noDuesData: noData.total,
        noDuesDataCapped: noData.totalCapped,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
  };
}

export type Memberships = ReturnType<typeof createMemberships>;
