import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, gte, ilike, inArray, lte, not, or, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { maskResidentId, parseCreditCode, parseMobile, parseResidentId } from '../../platform/cn-ids.js';
import { AppError, conflict, notFound, validationError, type FieldIssue } from '../../platform/errors.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import { canAt, requireAt, requirePaths, scopeFilter, subtreeRange } from '../../platform/scope.js';
import { searchQuery, searchVector } from '../../platform/search-tokens.js';
import type { NestedFire, WorkflowEngine } from '../../platform/workflow/engine.js';
import type { OrgRow, OrgService } from '../orgs/service.js';
import { type OrgType } from '../../platform/org-tree/schema.js';
import {
  EMPLOYMENT_FORMS,
  type EmploymentForm,
  joinApplications,
  MEMBERSHIP_SOURCES,
  MEMBERSHIP_STATUSES,
  type MembershipSource,
  type MembershipStatus,
  memberships,
  NEW_FORMS,
  persons,
  transfers,
} from './schema.js';
import { memberSinceFor } from './member-since.js';
import { disclosePerson, phoneFor, searchesByWholePhone } from './disclosure.js';
import { JOINING_REFUSED, memberSearchDocument, oldEnoughOn, PERSON_NAME, WHOLE_PHONE_TOKEN } from './person-fields.js';
import { joinPrivacyNotice, PRIVACY_NOTICE_VERSION } from './privacy-notice.js';
import {
  JOIN_STATES,
  JOINED_ELSEWHERE,
  joinedElsewhere,
  type JoinedElsewhere,
  joinWorkflow,
  type JoinRecord,
  lastSignOfLife,
  MEMBERSHIP_STATES,
  membershipWorkflow,
  type MembershipRecord,
  OPEN_STATUSES,
  sixMonthsBefore,
  TRANSFER_STATES,
  transferWorkflow,
  type TransferRecord,
} from './workflow.js';

/** Unions a person can be a member of directly (towns and counties hold no members of their own). */
export const MEMBER_HOLDING_TYPES: readonly OrgType[] = ['grassroots', 'joint', 'platform'];
/**
 * Registry lists count and page through at most this many rows: an exact
 * count over a county's million members, or an OFFSET deep into them, would
 * read them all (Elasticsearch's `max_result_window` is the same idea). The
 * export reaches every row.
 */
export const LIST_WINDOW = 10_000;
/**
 * A search counts and pages through fewer: a lone surname or a pinyin syllable
 * matches a tenth of a county, and each counted match is a row to read.
 */
export const SEARCH_WINDOW = 1_000;
/**
 * A search matching at most this many rows reads them all from the search
 * index and sorts them (fewMatchesPage); one matching more walks the sort
 * index, where a page of matches comes soon. Near 4,500 (√(20 × 10^6)) the two
 * cost the same for a first page in a county of a million.
 */
const FEW_MATCHES = 5_000;

export interface Employment {
  employmentForm: EmploymentForm;
  employerName?: string | null;
  employerCreditCode?: string | null;
  platformName?: string | null;
}

export interface JoinInput extends Employment {
  orgId: number;
  name: string;
  residentId: string;
  phone: string;
  /** Agreed to the notice as a whole (privacy-notice.ts). */
  consent: boolean;
  /** Separately agreed to the processing of the resident ID (PIPL art. 29). */
  sensitiveConsent: boolean;
  /** The version of the notice the page showed. */
  consentVersion: string;
}

/** 随入随录: a person who joined at the union's desk, entered by staff from the paper form. */
export interface AddMemberInput extends Employment {
  orgId: number;
  name: string;
  residentId: string;
  phone: string;
  /** The union's date of approval; today when not given. */
  joinedOn?: string;
  /** Staff confirm the person signed the form's consent to the join notice, the resident ID's separate consent included. */
  consentOnPaper: true;
}

export interface MemberListQuery {
  q?: string;
  orgId?: number;
  status?: MembershipStatus;
  employmentForm?: EmploymentForm;
  newFormsOnly?: boolean;
  /** Part of the employer's or the platform's name. */
  employer?: string;
  joinedFrom?: string;
  joinedTo?: string;
  sort?: 'joinedOn' | '-joinedOn' | 'name' | '-name';
  page: number;
  pageSize: number;
}

const trackingCode = () => randomBytes(12).toString('base64url');

/** A worker without an account, acting on their own application or transfer through its tracking link (phone pages). */
const linkHolder = (username: 'applicant' | 'member', displayName: string, code: string, ip?: string): Actor => ({
  userId: null,
  username,
  displayName,
  grants: [],
  homeOrgId: null,
  ip,
  trackingCode: code,
});

/** Only the employment fields of a row: spreading the whole row would give a new membership the row's id. */
const employmentOf = (row: Employment): Employment => ({
  employmentForm: row.employmentForm,
  employerName: row.employerName,
  employerCreditCode: row.employerCreditCode,
  platformName: row.platformName,
});

/** The membership a closed application's applicant holds instead (see joinedMemberships). */
interface JoinedMembership {
  source: MembershipSource;
  orgId: number;
  orgName: string;
  orgPath: string;
  cardNo: string;
}

/** Opening a membership for someone who holds one already (MemberService.openMembership). */
class AlreadyMember extends AppError {
  constructor() {
    super('CONFLICT', '此人已是工会会员，一人同一时间只能在一个工会；如更换了单位，请办理会员接转', 'This person already holds an open membership; transfer it instead');
  }
}

export interface MemberServiceDeps {
  db: Db;
  orgs: Pick<OrgService, 'byId' | 'namesByIds' | 'tenantIdsWithin'>;
  workflow: WorkflowEngine;
  notifications: Pick<NotificationService, 'notify'>;
  cipher: PersonalDataCipher;
  today: () => string;
}

export function createMemberService(deps: MemberServiceDeps) {
  const { db, cipher, workflow, today } = deps;

  // ——— the workflows, with what their transitions do (workflow.ts names each effect) ———

  const membershipFlow = membershipWorkflow(today, {
    end: ({ tx, record, to }) => endMembership(tx, record, MEMBERSHIP_STATES[to].label),
    async transferOut({ tx, record, input }) {
      const target = await deps.orgs.byId(input.toOrgId, tx);
      await endMembership(tx, record, `转至 ${target?.name ?? '其他工会'}`);
    },
  });

  const joinFlow = joinWorkflow({
    async openMembership({ tx, actor, record, system, fire }) {
      const [application] = await tx.select().from(joinApplications).where(and(eq(joinApplications.tenantId, record.tenantId), eq(joinApplications.id, record.id)));
      const org = await memberHoldingUnion(application.orgId, 'orgId', tx);
      const id = parseResidentId(cipher.decrypt(application.idCipher));
      if (!id.ok) throw validationError([{ field: 'residentId', reason: id.reason }]);
      const membership = await openMembership(
        tx,
        actor,
        {
          org,
          idHash: application.personHash,
          idCipher: application.idCipher,
          idMasked: application.idMasked,
          name: application.name,
          sex: id.sex,
          birthDate: id.birthDate,
          phone: application.phone,
          employment: employmentOf(application),
          source: 'online',
          approving: { tenantId: application.tenantId, id: application.id },
        },
        fire,
      );
      await tx
        .update(joinApplications)
        .set({ membershipId: membership.id, autoApproved: system })
        .where(and(eq(joinApplications.tenantId, record.tenantId), eq(joinApplications.id, record.id)));
    },
    async keepReason({ tx, record, input }) {
      await tx
        .update(joinApplications)
        .set({ decisionReason: input.reason })
        .where(and(eq(joinApplications.tenantId, record.tenantId), eq(joinApplications.id, record.id)));
    },
  });

  const transferFlow = transferWorkflow({
    async move({ tx, actor, record, fire }) {
      const [transfer] = await tx.select().from(transfers).where(and(eq(transfers.tenantId, record.tenantId), eq(transfers.id, record.id)));
      const [old] = await tx.select().from(memberships).where(and(eq(memberships.tenantId, transfer.tenantId), eq(memberships.id, transfer.membershipId)));
      if (!old || !OPEN_STATUSES.includes(old.status)) throw conflict('原会籍已终止，接转无法完成', 'The source membership is closed');
      const target = await memberHoldingUnion(transfer.toOrgId, 'toOrgId', tx);
      // The old membership first (its own transition, caused by this one), then the new one.
      await fire(membershipFlow, membershipRecord(old), 'transfer_out', { transferId: transfer.id, toOrgId: target.id });
      const [person] = await tx.select().from(persons).where(eq(persons.idHash, old.personHash));
      const employment = (transfer.employment as Employment | null) ?? old;
      const created = await openMembership(
        tx,
        actor,
        {
          org: target,
          idHash: old.personHash,
          idCipher: person.idCipher,
          idMasked: old.idMasked,
          name: old.name,
          sex: old.sex,
          birthDate: old.birthDate,
          phone: old.phone,
          employment: employmentOf(employment),
          source: 'transfer',
          replacing: { tenantId: old.tenantId, id: old.id },
        },
        fire,
      );
      await tx.update(transfers).set({ newMembershipId: created.id }).where(and(eq(transfers.tenantId, transfer.tenantId), eq(transfers.id, transfer.id)));
    },
  });

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

  /** Fire a consequence outside any transition's effect (a staff entry closing applications): the system's doing. */
  const systemFire =
    (tx: Db, actor: Actor): NestedFire =>
    (definition, record, action, input) =>
      workflow.fire(tx, definition, actor, record, action, input, { system: true });

  // ——— validation shared by joining, staff entry and transfers ———

  function checkPerson(input: { name: string; residentId: string; phone?: string | null }, issues: FieldIssue[]) {
    const name = input.name.trim().replace(/\s+/g, '');
    if (!PERSON_NAME.test(name)) issues.push({ field: 'name', reason: '请填写真实姓名（2–30 个汉字或字母）' });
    const id = parseResidentId(input.residentId);
    if (!id.ok) issues.push({ field: 'residentId', reason: id.reason });
    else if (!oldEnoughOn(id.birthDate, today())) issues.push({ field: 'residentId', reason: JOINING_REFUSED.tooYoung });
    let phone: string | null = null;
    if (input.phone) {
      const parsed = parseMobile(input.phone);
      if (!parsed.ok) issues.push({ field: 'phone', reason: parsed.reason });
      else phone = parsed.mobile;
    }
    return { name, id: id.ok ? id : null, phone };
  }

  function checkEmployment(input: Employment, issues: FieldIssue[]): Employment {
    let employerCreditCode = input.employerCreditCode?.trim() || null;
    if (employerCreditCode) {
      const parsed = parseCreditCode(employerCreditCode);
      if (!parsed.ok) issues.push({ field: 'employerCreditCode', reason: parsed.reason });
      else employerCreditCode = parsed.code;
    }
    const isNewForm = NEW_FORMS.includes(input.employmentForm);
    if (input.employmentForm === 'standard' && !input.employerName?.trim()) issues.push({ field: 'employerName', reason: '请填写工作单位' });
    if (isNewForm && !input.platformName?.trim() && !input.employerName?.trim()) issues.push({ field: 'platformName', reason: '请填写所在平台或单位' });
    return {
      employmentForm: input.employmentForm,
      employerName: input.employerName?.trim() || null,
      employerCreditCode,
      platformName: input.platformName?.trim() || null,
    };
  }

  /** What joining asks of a person, on the join page and at the union's desk alike. */
  function checkJoiner(input: Employment & { name: string; residentId: string; phone: string }, issues: FieldIssue[]) {
    const person = checkPerson(input, issues);
    // Only when none was typed: a malformed number already has its own reason.
    if (!input.phone) issues.push({ field: 'phone', reason: '请填写手机号' });
    return { person, employment: checkEmployment(input, issues) };
  }

  function requireMemberHolding(org: OrgRow | undefined, field: string) {
    if (!org || !org.active) throw validationError([{ field, reason: '工会不存在或已撤销' }]);
    if (!MEMBER_HOLDING_TYPES.includes(org.type)) throw validationError([{ field, reason: '请选择基层工会、联合工会或平台工会' }]);
    return org;
  }

  async function memberHoldingUnion(orgId: number, field = 'orgId', tx: Db = db) {
    return requireMemberHolding(await deps.orgs.byId(orgId, tx), field);
  }

  /** A member-holding union where the actor manages members; one outside the actor's scope is 404, as any record there. */
  async function managedUnion(actor: Actor, orgId: number, tx: Db) {
    const org = await deps.orgs.byId(orgId, tx);
    if (!org || !canAt(actor, 'members.manage', org.path)) throw notFound('工会', 'union');
    return requireMemberHolding(org, 'orgId');
  }

  const searchDocument = memberSearchDocument;

  const membershipRecord = (m: typeof memberships.$inferSelect): MembershipRecord => ({
    id: m.id,
    tenantId: m.tenantId,
    state: m.status,
    orgPath: m.orgPath,
    personHash: m.personHash,
    lastDuesOn: m.lastDuesOn,
    lastActivityOn: m.lastActivityOn,
    joinedOn: m.joinedOn,
  });

  /**
   * Open a membership and point the person at it, in the caller's transaction.
   * The person row is the lock: the update only succeeds while the person holds
   * no open membership, so two concurrent joins cannot both win (DESIGN §2).
   * Every path to a membership comes here (approval, staff entry, transfer; the
   * roster import does the same in SQL), so here the person's pending
   * applications close too.
   */
  async function openMembership(
    tx: Db,
    actor: Actor,
    input: {
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
    },
    /** How the person's pending applications are closed: as consequences of the transition opening it, if one does. */
    fire: NestedFire = systemFire(tx, actor),
  ) {
    await tx
      .insert(persons)
      .values({ idHash: input.idHash, idCipher: input.idCipher, idMasked: input.idMasked, name: input.name, sex: input.sex, birthDate: input.birthDate, phone: input.phone })
      .onConflictDoNothing();
    const [person] = await tx.select().from(persons).where(eq(persons.idHash, input.idHash)).for('update');
    const holdsOther = person.openMembershipId != null && !(input.replacing && person.openMembershipId === input.replacing.id && person.openMembershipTenantId === input.replacing.tenantId);
    if (holdsOther) throw alreadyMember();
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
    // The card number embeds the id, so take it from the sequence first.
    const [{ id }] = await queryRows<{ id: number }>(tx, sql`select nextval('memberships_id_seq')::int as id`);
    const cardNo = `${input.org.tenantId}-${String(id).padStart(9, '0')}`;
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
        search: searchVector(searchDocument({ ...input, ...input.employment, cardNo })) as unknown as string,
      })
      .returning();
    await tx
      .update(persons)
      .set({ openMembershipTenantId: membership.tenantId, openMembershipId: membership.id, memberSince, name: input.name, phone: input.phone ?? person.phone, updatedAt: new Date() })
      .where(eq(persons.idHash, input.idHash));
    await workflow.start(tx, membershipFlow, actor, membershipRecord(membership), { source: input.source, orgId: input.org.id });
    await closePendingApplications(tx, membership, fire, input.approving);
    return membership;
  }

  /**
   * A member has nothing left to apply for: the person's pending applications (but the one being approved)
   * close through the engine, so the progress page says they are a member and nobody approves them again.
   * Locked first, after the person row (the order every join takes): one the applicant cancels meanwhile
   * is skipped.
   */
  async function closePendingApplications(tx: Db, membership: typeof memberships.$inferSelect, fire: NestedFire, approving?: { tenantId: number; id: number }) {
    const pending = await tx
      .select()
      .from(joinApplications)
      .where(
        and(
          eq(joinApplications.personHash, membership.personHash),
          eq(joinApplications.state, 'pending'),
          approving && not(and(eq(joinApplications.tenantId, approving.tenantId), eq(joinApplications.id, approving.id))!),
        ),
      )
      .for('update');
    const joined: JoinedElsewhere = { reason: JOINED_ELSEWHERE.reason, source: membership.source, orgId: membership.orgId, tenantId: membership.tenantId, membershipId: membership.id };
    // A system transition: the applications may lie outside the actor's scope (another county).
    for (const application of pending) await fire(joinFlow, applicationRecord(application), JOINED_ELSEWHERE.action, joined);
  }

  const alreadyMember = () => new AlreadyMember();

  /**
   * The public join form's one answer for "this person cannot apply here now" (a member already, here or
   * elsewhere, or an application pending): whoever typed an ID number learns neither whether nor where its
   * holder is a member (DESIGN §3.1), only what to do next.
   */
  const cannotApplyOnline = () =>
    new AppError(
      'CONFLICT',
      '此身份证号的入会申请暂时无法在线受理。如您已提交过申请，请通过提交后保存的查询链接查看进度；如您已是工会会员并更换了单位，请申请会员接转（须核对登记的手机号），会龄连续计算；其他情况请联系工会。',
      'This application cannot be taken online; see your saved tracking link, request a transfer, or ask the union',
      [{ field: 'residentId', reason: 'CANNOT_APPLY_ONLINE' }],
    );

  /** A staff entry of someone who is a member already: where, if the actor may see it, and the way forward. */
  async function alreadyMemberConflict(actor: Actor, current: typeof memberships.$inferSelect, org: OrgRow, tx: Db) {
    let message: string;
    let messageEn: string;
    if (current.orgId === org.id) {
      message = `此人已是「${org.name}」的会员（${MEMBERSHIP_STATUSES[current.status]}，会员证号 ${current.cardNo}），无需重复登记`;
      messageEn = 'Already a member of this union';
    } else {
      const where = canAt(actor, 'members.read', current.orgPath) ? `「${(await orgNames([current.orgId], tx)).get(current.orgId)}」` : '其他工会';
      message = `此人已是${where}的会员，一人同一时间只能在一个工会。如已到本单位工作，请办理会员接转，会龄连续计算`;
      messageEn = 'Already a member of another union; transfer the membership instead';
    }
    return new AppError('CONFLICT', message, messageEn, [{ field: 'residentId', reason: message }]);
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
      .where(and(eq(memberships.id, id), await memberScope(actor, tx)));
    if (!membership) throw notFound('会员', 'member');
    return membership;
  }

  const applicationRecord = (a: typeof joinApplications.$inferSelect): JoinRecord => ({ id: a.id, tenantId: a.tenantId, state: a.state, orgPath: a.orgPath, trackingCode: a.trackingCode });

  const transferRecord = (t: typeof transfers.$inferSelect): TransferRecord => ({
    id: t.id,
    tenantId: t.tenantId,
    state: t.state,
    orgPath: t.fromOrgPath,
    fromOrgPath: t.fromOrgPath,
    toOrgPath: t.toOrgPath,
    trackingCode: t.trackingCode,
    requestedBy: t.requestedBy,
  });

  /**
   * Where the applicants of closed applications became members: the membership each closing entry names,
   * with its union (name, and path for the viewer's scope) and card number; by application id.
   */
  async function joinedMemberships(closings: { applicationId: number; payload: unknown }[], tx: Db = db) {
    const named = closings.flatMap(({ applicationId, payload }) => {
      const parsed = joinedElsewhere.safeParse(payload);
      return parsed.success ? [{ applicationId, ...parsed.data }] : [];
    });
    if (named.length === 0) return new Map<number, JoinedMembership>();
    const rows = await tx
      .select({ tenantId: memberships.tenantId, id: memberships.id, orgId: memberships.orgId, orgPath: memberships.orgPath, cardNo: memberships.cardNo })
      .from(memberships)
      .where(or(...named.map((j) => and(eq(memberships.tenantId, j.tenantId), eq(memberships.id, j.membershipId)))));
    const names = await orgNames(rows.map((r) => r.orgId), tx);
    const byKey = new Map(rows.map((r) => [`${r.tenantId}:${r.id}`, r]));
    return new Map(
      named.flatMap((j): [number, JoinedMembership][] => {
        const m = byKey.get(`${j.tenantId}:${j.membershipId}`);
        return m ? [[j.applicationId, { source: j.source, orgId: m.orgId, orgName: names.get(m.orgId) ?? '', orgPath: m.orgPath, cardNo: m.cardNo }]] : [];
      }),
    );
  }

  /**
   * A timeline as the phone pages show it to whoever holds the tracking link: each entry's reason, nothing
   * else of its payload (which names unions and records by id: a closing names the membership elsewhere).
   */
  const publicTimeline = (entries: Awaited<ReturnType<typeof workflow.timeline>>) =>
    entries.map((entry) => {
      const reason = (entry.payload as { reason?: unknown } | null)?.reason;
      return { ...entry, payload: typeof reason === 'string' ? { reason } : null };
    });

  /** A closed application's reason: which way the person joined, and the union where the reader may see it. */
  const joinedElsewhereReason = (joined: JoinedMembership, namesUnion: boolean) =>
    `${JOINED_ELSEWHERE.reason}（${MEMBERSHIP_SOURCES[joined.source]}，${namesUnion ? `「${joined.orgName}」` : '其他工会'}）`;

  /**
   * The consent to the join notice behind a membership, and the way it was given: online on the
   * application, on the paper form at the desk (staff entry), carried over by transfers from the membership
   * they started from. A roster import records none: the signed forms stay in the union's files.
   */
  async function consentOf(membership: typeof memberships.$inferSelect, personTransfers: (typeof transfers.$inferSelect)[], tx: Db = db) {
    let origin = membership;
    // Back along the completed transfers that opened each membership (a chain, so at most one per step).
    for (let steps = 0; origin.source === 'transfer' && steps < personTransfers.length; steps++) {
      const from = personTransfers.find((t) => t.state === 'completed' && t.toTenantId === origin.tenantId && t.newMembershipId === origin.id);
      if (!from) break;
      const [previous] = await tx
        .select()
        .from(memberships)
        .where(and(eq(memberships.tenantId, from.tenantId), eq(memberships.id, from.membershipId)));
      if (!previous) break;
      origin = previous;
    }
    let given: { version: string; at: Date } | null = null;
    if (origin.source === 'staff' && origin.consentVersion && origin.consentAt) given = { version: origin.consentVersion, at: origin.consentAt };
    if (origin.source === 'online') {
      const [application] = await tx
        .select({ version: joinApplications.consentVersion, at: joinApplications.consentAt })
        .from(joinApplications)
        .where(and(eq(joinApplications.tenantId, origin.tenantId), eq(joinApplications.membershipId, origin.id), eq(joinApplications.state, 'approved')));
      given = application ?? null;
    }
    return {
      via: origin.source,
      viaLabel: MEMBERSHIP_SOURCES[origin.source],
      version: given?.version ?? null,
      at: given?.at ?? null,
      viaTransfer: origin !== membership,
    };
  }

  // ——— views ———

  const listColumns = {
    id: memberships.id,
    tenantId: memberships.tenantId,
    name: memberships.name,
    idMasked: memberships.idMasked,
    sex: memberships.sex,
    birthDate: memberships.birthDate,
    phone: memberships.phone,
    cardNo: memberships.cardNo,
    status: memberships.status,
    orgId: memberships.orgId,
    employmentForm: memberships.employmentForm,
    employerName: memberships.employerName,
    platformName: memberships.platformName,
    joinedOn: memberships.joinedOn,
    memberSince: memberships.memberSince,
    endedOn: memberships.endedOn,
    orgPath: memberships.orgPath,
  };

  // One query per page, not one per union shown.
  const orgNames = (ids: number[], tx: Db = db) => deps.orgs.namesByIds(ids, tx);

  /** A membership as the actor may see it (disclosure.ts), with its labels and its union's name. */
  const shown = <T extends { status: MembershipStatus; employmentForm: EmploymentForm; orgId: number; birthDate: string; phone: string | null; orgPath: string }>(
    actor: Actor,
    row: T,
    names: Map<number, string>,
  ) => ({
    ...disclosePerson(actor, today(), row),
    statusLabel: MEMBERSHIP_STATUSES[row.status],
    employmentFormLabel: EMPLOYMENT_FORMS[row.employmentForm],
    orgName: names.get(row.orgId) ?? '',
  });

  /**
   * The actor's members.read scope as conditions on the list's indexes, which
   * all lead with the tenant (on Citus, the shard) and carry the union's path.
   * A grant below a county is its tenant and its subtree's path range. A grant
   * at an org that is its own tenant (a county, or above) needs no path: the
   * rows of the tenants within its subtree are exactly its subtree's, since
   * every union's rows belong to its county and subtrees never move across
   * counties (orgs service).
   */
  async function memberScope(actor: Actor, tx: Db = db): Promise<SQL> {
    const parts = await Promise.all(
      requirePaths(actor, 'members.read').map(async (path) => {
        const grant = actor.grants.find((g) => g.orgPath === path)!;
        if (grant.orgId !== grant.tenantId) return and(eq(memberships.tenantId, grant.tenantId), subtreeRange(memberships.orgPath, path))!;
        const tenants = await deps.orgs.tenantIdsWithin(path, tx);
        return tenants.length ? inArray(memberships.tenantId, tenants) : sql`false`;
      }),
    );
    return parts.length === 1 ? parts[0] : sql`(${sql.join(parts, sql` or `)})`;
  }

  /** The list's WHERE: the scope (memberScope), then the filters. Null when nothing can match. */
  function listFilters(actor: Actor, query: Omit<MemberListQuery, 'page' | 'pageSize' | 'sort'>, scope: SQL, orgPath?: string): SQL[] | null {
    const filters: SQL[] = [scope];
    if (orgPath) filters.push(subtreeRange(memberships.orgPath, orgPath));
    if (query.q) {
      const byPhone = searchesByWholePhone(actor);
      const tsquery = searchQuery(query.q, { alternatives: (word) => (byPhone && /^\d+$/.test(word) ? [`${WHOLE_PHONE_TOKEN}${word}`] : []) });
      if (!tsquery) return null;
      filters.push(sql`${memberships.search} @@ to_tsquery('simple', ${tsquery})`);
    }
    if (query.status) filters.push(eq(memberships.status, query.status));
    if (query.employmentForm) filters.push(eq(memberships.employmentForm, query.employmentForm));
    if (query.newFormsOnly) filters.push(inArray(memberships.employmentForm, [...NEW_FORMS]));
    if (query.employer) {
      // Not in the search index (see memberSearchDocument): a scan of the rows the other filters leave.
      const pattern = `%${query.employer.replace(/[\\%_]/g, '\\$&')}%`;
      filters.push(or(ilike(memberships.employerName, pattern), ilike(memberships.platformName, pattern))!);
    }
    if (query.joinedFrom) filters.push(gte(memberships.joinedOn, query.joinedFrom));
    if (query.joinedTo) filters.push(lte(memberships.joinedOn, query.joinedTo));
    return filters;
  }

  const ORDER = {
    joinedOn: [asc(memberships.joinedOn), asc(memberships.id)],
    '-joinedOn': [desc(memberships.joinedOn), desc(memberships.id)],
    name: [asc(memberships.name), asc(memberships.id)],
    '-name': [desc(memberships.name), desc(memberships.id)],
  } as const;

  /** The WHERE of the registry list (scope and filters), shared by the list and the export; null when nothing can match. */
  async function listWhere(actor: Actor, query: Omit<MemberListQuery, 'page' | 'pageSize' | 'sort'>) {
    const [scope, org] = await Promise.all([memberScope(actor), query.orgId ? deps.orgs.byId(query.orgId) : undefined]);
    if (query.orgId && !org) throw validationError([{ field: 'orgId', reason: '组织不存在' }]);
    const filters = listFilters(actor, query, scope, org?.path);
    return filters ? and(...filters)! : null;
  }

  /**
   * One page in the list's order. The keys come first, from the sort's index
   * (index-only when the filters are among its columns: scope, status, form,
   * dates), then only the page's rows are read, by primary key.
   */
  async function listPage(where: SQL, order: readonly SQL[], page: { page: number; pageSize: number }) {
    const keys = db
      .select({ tenantId: memberships.tenantId, id: memberships.id })
      .from(memberships)
      .where(where)
      .orderBy(...order)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .as('page_keys');
    return db
      .select({ ...listColumns, lastDuesOn: memberships.lastDuesOn, lastActivityOn: memberships.lastActivityOn })
      .from(memberships)
      .innerJoin(keys, and(eq(memberships.tenantId, keys.tenantId), eq(memberships.id, keys.id)))
      .orderBy(...order);
  }

  /**
   * A page of a search with few matches (FEW_MATCHES at most): all of them from the search index,
   * sorted, then the page's rows by key. A materialized CTE, so the planner
   * cannot turn it into a walk of the sort index checking each row, which the
   * estimate of a rare term (an ID's last digits, a full name) can tempt it into.
   */
  async function fewMatchesPage(where: SQL, sort: keyof typeof ORDER, page: { page: number; pageSize: number }) {
    const order = { joinedOn: sql`joined_on, id`, '-joinedOn': sql`joined_on desc, id desc`, name: sql`name, id`, '-name': sql`name desc, id desc` }[sort];
    const keys = await queryRows<{ tenant_id: number | string; id: number | string }>(
      db,
      sql`with matches as materialized (select ${memberships.tenantId}, ${memberships.id}, ${memberships.joinedOn}, ${memberships.name} from ${memberships} where ${where})
          select tenant_id, id from matches order by ${order} limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}`,
    );
    if (keys.length === 0) return [];
    const rows = await db
      .select({ ...listColumns, lastDuesOn: memberships.lastDuesOn, lastActivityOn: memberships.lastActivityOn })
      .from(memberships)
      .where(and(inArray(memberships.tenantId, [...new Set(keys.map((k) => Number(k.tenant_id)))]), inArray(memberships.id, keys.map((k) => Number(k.id)))));
    const byKey = new Map(rows.map((r) => [`${r.tenantId}-${r.id}`, r]));
    return keys.flatMap((k) => byKey.get(`${k.tenant_id}-${k.id}`) ?? []);
  }

  /**
   * How many rows match, counted up to `window` + 1 (or `upTo` + 1, when the
   * caller wants to know more than it shows): an exact count of a county's
   * million members reads them all, where this stops early. Beyond the window
   * the page says "10,000+" (`totalCapped`).
   */
  async function cappedCount(where: SQL, window: number, upTo = window) {
    const [{ n }] = await db.select({ n: count() }).from(db.select({ one: sql`1` }).from(memberships).where(where).limit(upTo + 1).as('capped'));
    return { total: Math.min(n, window), totalCapped: n > window, matches: n };
  }

  /** A page beyond the window is refused: its OFFSET would walk the whole list; filters or the export reach further. */
  function checkWindow(page: { page: number; pageSize: number }, window: number) {
    if ((page.page - 1) * page.pageSize >= window) {
      throw validationError([{ field: 'page', reason: `列表只能翻阅前 ${window.toLocaleString('en-US')} 条，请用筛选条件缩小范围，或导出 Excel 查看全部` }]);
    }
  }

  /** Rows after `last` in the list's order (keyset), so an export pages without OFFSET. */
  const after = (sort: keyof typeof ORDER, last: { joinedOn: string; name: string; id: number }) => {
    const key = sort.endsWith('joinedOn') ? sql`(${memberships.joinedOn}, ${memberships.id})` : sql`(${memberships.name}, ${memberships.id})`;
    const value = sort.endsWith('joinedOn') ? sql`(${last.joinedOn}::date, ${last.id}::bigint)` : sql`(${last.name}::varchar, ${last.id}::bigint)`;
    return sort.startsWith('-') ? sql`${key} < ${value}` : sql`${key} > ${value}`;
  };

  return {
    membershipWorkflow: membershipFlow,
    joinWorkflow: joinFlow,
    transferWorkflow: transferFlow,

    // ——— public: the phone pages ———

    /** What the join page shows about a union; 404 for unions that take no members. */
    async publicUnion(orgId: number) {
      const org = await deps.orgs.byId(orgId);
      if (!org || !org.active || !MEMBER_HOLDING_TYPES.includes(org.type)) throw notFound('工会', 'union');
      // The unions above it (path = ids from the root), nearest first: they share the registry, and the notice names them.
      const above = org.path.split('.').map(Number).filter((id) => id !== org.id);
      const names = await orgNames(above);
      const superiors = above.reverse().map((id) => names.get(id)).filter((n): n is string => Boolean(n));
      const privacyNotice = joinPrivacyNotice({ name: org.name, phone: org.phone, address: org.address, superiors });
      return { id: org.id, name: org.name, type: org.type, consentVersion: privacyNotice.version, privacyNotice };
    },

    /** Joint and platform unions near a gig worker (same county tenant), for workers without an employer union. */
    async suggestUnions(orgId: number) {
      const org = await deps.orgs.byId(orgId);
      if (!org) throw notFound('工会', 'union');
      const rows = (await db.execute(sql`
        select id, name, type from orgs
        where tenant_id = ${org.tenantId} and active and type in ('joint', 'platform')
        order by (type = 'platform') desc, name limit 20`)) as unknown as { rows: { id: number; name: string; type: OrgType }[] };
      return rows.rows.map((r) => ({ ...r, id: Number(r.id) }));
    },

    /**
     * Active member-holding unions whose name matches (name, pinyin, initials),
     * for the public transfer page: names only, the ten shallowest, each with its
     * parent's name to tell same-named unions apart.
     */
    async findUnions(q: string) {
      const tsquery = searchQuery(q);
      if (!tsquery) return [];
      const rows = (await db.execute(sql`
        select o.id, o.name, o.type, p.name as parent_name from orgs o left join orgs p on p.id = o.parent_id
        where o.active and o.type in (${sql.join(MEMBER_HOLDING_TYPES.map((t) => sql`${t}`), sql`, `)}) and o.search @@ to_tsquery('simple', ${tsquery})
        order by o.depth, o.name, o.id limit 10`)) as unknown as { rows: { id: number; name: string; type: OrgType; parent_name: string | null }[] };
      return rows.rows.map((r) => ({ id: Number(r.id), name: r.name, type: r.type, parentName: r.parent_name }));
    },

    /** 一键入会. A person already in a union is told so and offered a transfer instead. */
    async apply(input: JoinInput, info: { ip?: string }) {
      const issues: FieldIssue[] = [];
      const { person, employment } = checkJoiner(input, issues);
      if (!input.consent) issues.push({ field: 'consent', reason: '须阅读并同意个人信息处理规则后才能提交' });
      if (!input.sensitiveConsent) issues.push({ field: 'sensitiveConsent', reason: '须单独同意处理身份证号后才能在线提交；不同意的，可到工会当面办理入会' });
      if (issues.length) throw validationError(issues);
      // What was agreed to is what the page showed: a notice changed since must be read (and agreed to) again.
      if (input.consentVersion !== PRIVACY_NOTICE_VERSION) {
        throw new AppError('CONFLICT', '个人信息处理规则已更新，请阅读新版本并重新勾选同意后再提交', 'The privacy notice has changed; read and agree to the new version', [
          { field: 'consentVersion', reason: 'NOTICE_CHANGED' },
        ]);
      }
      const id = person.id!;
      const idHash = cipher.hashResidentId(id.id);
      return db.transaction(async (tx) => {
        const org = await memberHoldingUnion(input.orgId, 'orgId', tx);
        const current = await currentMembershipOf(idHash, tx);
        const [pending] = current
          ? []
          : await tx
              .select({ id: joinApplications.id })
              .from(joinApplications)
              .where(and(eq(joinApplications.tenantId, org.tenantId), eq(joinApplications.personHash, idHash), eq(joinApplications.state, 'pending')));
        if (current || pending) throw cannotApplyOnline();
        const [application] = await tx
          .insert(joinApplications)
          .values({
            tenantId: org.tenantId,
            orgId: org.id,
            orgPath: org.path,
            state: 'pending',
            trackingCode: trackingCode(),
            personHash: idHash,
            idCipher: cipher.encrypt(id.id),
            idMasked: maskResidentId(id.id),
            name: person.name,
            phone: person.phone!,
            ...employment,
            consentVersion: PRIVACY_NOTICE_VERSION,
            consentAt: new Date(),
            ip: info.ip ?? null,
          })
          .returning();
        const applicant = linkHolder('applicant', person.name, application.trackingCode, info.ip);
        await workflow.start(tx, joinFlow, applicant, applicationRecord(application), { orgId: org.id, employmentForm: employment.employmentForm });
        if (org.autoApproveJoins) {
          // The union chose to approve every application: the system approves as the union's staff, at that union only.
          const system: Actor = {
            ...applicant,
            displayName: '系统（自动批准）',
            trackingCode: undefined,
            grants: [{ id: 0, role: 'union_staff', orgId: org.id, orgName: org.name, orgPath: org.path, tenantId: org.tenantId }],
          };
          await workflow.fire(tx, joinFlow, system, applicationRecord(application), 'approve', undefined, { system: true });
        }
        return { trackingCode: application.trackingCode, tenantId: application.tenantId };
      });
    },

    async applicationByTracking(tenantId: number, code: string) {
      const [application] = await db
        .select()
        .from(joinApplications)
        .where(and(eq(joinApplications.tenantId, tenantId), eq(joinApplications.trackingCode, code)));
      if (!application) throw notFound('入会申请', 'application');
      const org = await deps.orgs.byId(application.orgId);
      const membership = application.membershipId
        ? (await db.select({ cardNo: memberships.cardNo }).from(memberships).where(and(eq(memberships.tenantId, tenantId), eq(memberships.id, application.membershipId))))[0]
        : undefined;
      const timeline = await workflow.timeline(db, joinFlow, tenantId, application.id);
      const closing = timeline.filter((e) => e.action === JOINED_ELSEWHERE.action).at(-1);
      const joined = closing && (await joinedMemberships([{ applicationId: application.id, payload: closing.payload }])).get(application.id);
      // Whoever holds the link typed the ID number, which does not prove it theirs: a membership at the union
      // applied to is named with its card, one elsewhere is not (DESIGN §3.1: anonymous answers never say where).
      const joinedHere = joined?.orgId === application.orgId;
      return {
        state: application.state,
        stateLabel: JOIN_STATES[application.state].label,
        orgName: org?.name ?? '',
        name: application.name,
        decisionReason: joined ? joinedElsewhereReason(joined, joinedHere) : application.decisionReason,
        cardNo: (joined ? (joinedHere ? joined.cardNo : null) : membership?.cardNo) ?? null,
        timeline: publicTimeline(timeline),
        // What the link's holder may do, as the workflow says it (the applicant's relation).
        canCancel: workflow.allowedActions(joinFlow, linkHolder('applicant', application.name, code), applicationRecord(application)).some((a) => a.action === 'cancel'),
      };
    },

    async cancelApplication(tenantId: number, code: string, info: { ip?: string }) {
      await db.transaction(async (tx) => {
        const [application] = await tx
          .select()
          .from(joinApplications)
          .where(and(eq(joinApplications.tenantId, tenantId), eq(joinApplications.trackingCode, code)));
        if (!application) throw notFound('入会申请', 'application');
        const applicant = linkHolder('applicant', application.name, code, info.ip);
        await workflow.fire(tx, joinFlow, applicant, applicationRecord(application), 'cancel', undefined);
      });
    },

    // ——— staff: applications ———

    async listApplications(actor: Actor, query: { state?: JoinRecord['state']; page: number; pageSize: number }) {
      const filters: SQL[] = [scopeFilter(joinApplications.orgPath, requirePaths(actor, 'members.read'))];
      if (query.state) filters.push(eq(joinApplications.state, query.state));
      const where = and(...filters);
      const [rows, [{ total }]] = await Promise.all([
        db
          .select()
          .from(joinApplications)
          .where(where)
          .orderBy(desc(joinApplications.createdAt), desc(joinApplications.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ total: count() }).from(joinApplications).where(where),
      ]);
      const names = await orgNames(rows.map((r) => r.orgId));
      const closings = await workflow.latestEntries(db, joinFlow, rows, JOINED_ELSEWHERE.action);
      const joined = await joinedMemberships(closings.map((c) => ({ applicationId: c.recordId, payload: c.payload })));
      const reasonOf = (a: (typeof rows)[number]) => {
        const j = joined.get(a.id);
        return j ? joinedElsewhereReason(j, canAt(actor, 'members.read', j.orgPath)) : a.decisionReason;
      };
      return {
        items: rows.map((a) => ({
          id: a.id,
          state: a.state,
          stateLabel: JOIN_STATES[a.state].label,
          name: a.name,
          idMasked: a.idMasked,
          phone: phoneFor(actor, a.orgPath, a.phone)!,
          orgId: a.orgId,
          orgName: names.get(a.orgId) ?? '',
          employmentForm: a.employmentForm,
          employmentFormLabel: EMPLOYMENT_FORMS[a.employmentForm],
          employerName: a.employerName,
          platformName: a.platformName,
          decisionReason: reasonOf(a),
          createdAt: a.createdAt,
          allowedActions: workflow.allowedActions(joinFlow, actor, applicationRecord(a)),
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async actOnApplication(actor: Actor, id: number, action: string, input: unknown) {
      const find = async (tx: Db) => {
        const [application] = await tx
          .select()
          .from(joinApplications)
          .where(and(eq(joinApplications.id, id), scopeFilter(joinApplications.orgPath, requirePaths(actor, 'members.read'))));
        if (!application) throw notFound('入会申请', 'application');
        return application;
      };
      try {
        await db.transaction(async (tx) => workflow.fire(tx, joinFlow, actor, applicationRecord(await find(tx)), action, input));
      } catch (error) {
        if (!(error instanceof AlreadyMember && action === 'approve')) throw error;
        // The applicant became a member by a path that did not see this application (it was written while that
        // path's transaction ran): close it now, as that path would have, rather than leave it to be refused again.
        const joined = await db.transaction(async (tx) => {
          const application = await find(tx);
          // The person first, as every path to a membership locks it.
          const [person] = await tx.select().from(persons).where(eq(persons.idHash, application.personHash)).for('update');
          if (!person?.openMembershipId || !person.openMembershipTenantId) return null;
          const [membership] = await tx
            .select()
            .from(memberships)
            .where(and(eq(memberships.tenantId, person.openMembershipTenantId), eq(memberships.id, person.openMembershipId)));
          await closePendingApplications(tx, membership, systemFire(tx, actor));
          return { orgName: canAt(actor, 'members.read', membership.orgPath) ? (await orgNames([membership.orgId], tx)).get(membership.orgId) : null };
        });
        if (!joined) throw error;
        throw conflict(
          `此人已通过其他途径入会${joined.orgName ? `（「${joined.orgName}」）` : ''}，本申请已关闭（${JOINED_ELSEWHERE.reason}），无需审批`,
          'The applicant is already a member by another path; the application was closed',
        );
      }
    },

    // ——— staff: the registry ———

    /**
     * 随入随录: staff enter someone who joined at the union's desk with the
     * paper form. The join page's checks, then the opening of an approved
     * application; the consent is the person's signature, which staff confirm.
     */
    async addMember(actor: Actor, input: AddMemberInput) {
      requirePaths(actor, 'members.manage');
      const issues: FieldIssue[] = [];
      const { person, employment } = checkJoiner(input, issues);
      const joinedOn = input.joinedOn ?? today();
      if (joinedOn > today()) issues.push({ field: 'joinedOn', reason: '入会日期不能晚于今天' });
      // Under 16 today is the ID's issue already.
      else if (person.id && !issues.some((i) => i.field === 'residentId') && !oldEnoughOn(person.id.birthDate, joinedOn)) {
        issues.push({ field: 'joinedOn', reason: JOINING_REFUSED.joinedBeforeMinAge });
      }
      if (issues.length) throw validationError(issues);
      const id = person.id!;
      const idHash = cipher.hashResidentId(id.id);
      return db.transaction(async (tx) => {
        const org = await managedUnion(actor, input.orgId, tx);
        const current = await currentMembershipOf(idHash, tx);
        if (current) throw await alreadyMemberConflict(actor, current, org, tx);
        const membership = await openMembership(tx, actor, {
          org,
          idHash,
          idCipher: cipher.encrypt(id.id),
          idMasked: maskResidentId(id.id),
          name: person.name,
          sex: id.sex,
          birthDate: id.birthDate,
          phone: person.phone,
          employment,
          source: 'staff',
          joinedOn,
          consent: { version: PRIVACY_NOTICE_VERSION, at: new Date() },
        });
        await recordAudit(tx, actor, {
          action: 'membership.create',
          entityType: 'membership',
          entityId: membership.id,
          tenantId: membership.tenantId,
          orgPath: membership.orgPath,
          summary: `登记会员「${membership.name}」加入「${org.name}」（会员证号 ${membership.cardNo}，入会日期 ${membership.joinedOn}；本人已在纸质入会申请书上签字同意个人信息处理规则）`,
          after: { orgId: org.id, cardNo: membership.cardNo, joinedOn: membership.joinedOn, memberSince: membership.memberSince, source: membership.source, consentVersion: membership.consentVersion },
        });
        return { id: membership.id, tenantId: membership.tenantId, cardNo: membership.cardNo };
      });
    },

    /**
     * A page of the registry; `total` is exact up to LIST_WINDOW (SEARCH_WINDOW
     * for a search), beyond it capped (`totalCapped`).
     */
    async list(actor: Actor, query: MemberListQuery) {
      const window = query.q ? SEARCH_WINDOW : LIST_WINDOW;
      checkWindow(query, window);
      const where = await listWhere(actor, query);
      if (!where) return { items: [], total: 0, totalCapped: false, page: query.page, pageSize: query.pageSize };
      const sort = query.sort ?? '-joinedOn';
      let rows: Awaited<ReturnType<typeof listPage>>;
      let counted: Awaited<ReturnType<typeof cappedCount>>;
      if (query.q) {
        // The count first, a little beyond the window: it says whether the matches are few enough to read whole,
        // or so many that walking the sort index meets a page of them soon. The planner cannot tell: a prefix's
        // matches are estimated from the statistics of whole lexemes.
        counted = await cappedCount(where, window, FEW_MATCHES);
        rows = counted.matches <= FEW_MATCHES ? await fewMatchesPage(where, sort, query) : await listPage(where, ORDER[sort], query);
      } else {
        [rows, counted] = await Promise.all([listPage(where, ORDER[sort], query), cappedCount(where, window)]);
      }
      const names = await orgNames(rows.map((r) => r.orgId));
      return {
        items: rows.map(({ lastDuesOn: _dues, lastActivityOn: _activity, ...r }) => shown(actor, r, names)),
        total: counted.total,
        totalCapped: counted.totalCapped,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** How many rows the list would show in all, with the same filters (for the export's audit row). */
    async count(actor: Actor, query: Omit<MemberListQuery, 'page' | 'pageSize' | 'sort'>) {
      const where = await listWhere(actor, query);
      if (!where) return 0;
      const [{ total }] = await db.select({ total: count() }).from(memberships).where(where);
      return total;
    },

    /** Every row of the list with these filters, in its order, one page at a time (keyset paging: never all in memory). */
    async *pages(actor: Actor, query: Omit<MemberListQuery, 'page' | 'pageSize'>, pageSize = 2000) {
      const where = await listWhere(actor, query);
      if (!where) return;
      const sort = query.sort ?? '-joinedOn';
      let last: { joinedOn: string; name: string; id: number } | null = null;
      for (;;) {
        const rows = await db
          .select(listColumns)
          .from(memberships)
          .where(last ? and(where, after(sort, last)) : where)
          .orderBy(...ORDER[sort])
          .limit(pageSize);
        if (rows.length === 0) return;
        const names = await orgNames(rows.map((r) => r.orgId));
        yield rows.map((r) => shown(actor, r, names));
        if (rows.length < pageSize) return;
        last = rows[rows.length - 1];
      }
    },

    async detail(actor: Actor, id: number) {
      const membership = await findMembership(actor, id);
      const readable = (orgPath: string) => canAt(actor, 'members.read', orgPath);
      const [history, personTransfers, others] = await Promise.all([
        workflow.timeline(db, membershipFlow, membership.tenantId, membership.id),
        db
          .select()
          .from(transfers)
          .where(eq(transfers.personHash, membership.personHash))
          .orderBy(desc(transfers.createdAt)),
        db
          .select(listColumns)
          .from(memberships)
          .where(and(eq(memberships.personHash, membership.personHash), sql`${memberships.id} <> ${membership.id}`))
          .orderBy(desc(memberships.joinedOn)),
      ]);
      // The person's memberships and transfers elsewhere are not sent at all: 会龄 (memberSince) carries their
      // years, and a transfer out names the union it went to on the membership it closed (endReason).
      const otherMemberships = others.filter((m) => readable(m.orgPath));
      const transferRows = personTransfers.filter((t) => readable(t.fromOrgPath) || readable(t.toOrgPath));
      const names = await orgNames([membership.orgId, ...otherMemberships.map((m) => m.orgId), ...transferRows.flatMap((t) => [t.fromOrgId, t.toOrgId])]);
      return {
        ...shown(actor, membership, names),
        employerCreditCode: membership.employerCreditCode,
        endReason: membership.endReason,
        lastDuesOn: membership.lastDuesOn,
        lastActivityOn: membership.lastActivityOn,
        source: membership.source,
        consent: await consentOf(membership, personTransfers),
        version: membership.version,
        canRevealId: canAt(actor, 'members.reveal_id', membership.orgPath),
        allowedActions: workflow.allowedActions(membershipFlow, actor, membershipRecord(membership)),
        history,
        previousMemberships: otherMemberships.map((m) => shown(actor, m, names)),
        transfers: transferRows.map((t) => ({
          id: t.id,
          state: t.state,
          stateLabel: TRANSFER_STATES[t.state].label,
          fromOrgName: names.get(t.fromOrgId) ?? '',
          toOrgName: names.get(t.toOrgId) ?? '',
          createdAt: t.createdAt,
        })),
      };
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

    async act(actor: Actor, id: number, action: string, input: unknown) {
      await db.transaction(async (tx) => workflow.fire(tx, membershipFlow, actor, membershipRecord(await findMembership(actor, id, tx)), action, input));
    },

    /** Members with no dues and no participation for six months: staff confirm each; nothing happens by itself. */
    async deemedWithdrawalCandidates(actor: Actor, query: { orgId?: number; page: number; pageSize: number }) {
      const cutoff = sixMonthsBefore(today());
      let orgPath: string | undefined;
      if (query.orgId) orgPath = (await deps.orgs.byId(query.orgId))?.path ?? '0';
      checkWindow(query, LIST_WINDOW);
      const filters = listFilters(actor, { status: 'active' }, await memberScope(actor), orgPath);
      if (!filters) return { items: [], total: 0, totalCapped: false, cutoff, page: query.page, pageSize: query.pageSize };
      filters.push(sql`greatest(${memberships.joinedOn}, coalesce(${memberships.lastDuesOn}, ${memberships.joinedOn}), coalesce(${memberships.lastActivityOn}, ${memberships.joinedOn})) <= ${cutoff}`);
      const where = and(...filters)!;
      const [rows, counted] = await Promise.all([listPage(where, [asc(memberships.joinedOn), asc(memberships.id)], query), cappedCount(where, LIST_WINDOW)]);
      const names = await orgNames(rows.map((r) => r.orgId));
      return { items: rows.map((r) => ({ ...shown(actor, r, names), lastSignOfLife: lastSignOfLife(r) })), total: counted.total, totalCapped: counted.totalCapped, cutoff, page: query.page, pageSize: query.pageSize };
    },

    // ——— transfers ———

    /**
     * Ask to move a membership to another union: by the member (identified by
     * ID number and phone on the phone page) or by staff of either union.
     */
    async requestTransfer(actor: Actor | null, input: { membershipId?: number; residentId?: string; phone?: string; toOrgId: number; reason?: string; employment?: Employment }, info: { ip?: string }) {
      return db.transaction(async (tx) => {
        let membership: typeof memberships.$inferSelect | null;
        let requestedBy: 'member' | 'source' | 'target';
        if (actor && input.membershipId) {
          membership = await findMembership(actor, input.membershipId, tx);
          requireAt(actor, 'members.manage', membership.orgPath);
          requestedBy = 'source';
        } else if (actor) {
          // The receiving union knows the newcomer by ID number.
          const id = parseResidentId(input.residentId ?? '');
          if (!id.ok) throw validationError([{ field: 'residentId', reason: id.reason }]);
          membership = await currentMembershipOf(cipher.hashResidentId(id.id), tx);
          if (!membership) throw notFound('在册会籍（此人目前不是工会会员，请办理入会）', 'open membership');
          requestedBy = 'target';
        } else {
          const id = parseResidentId(input.residentId ?? '');
          if (!id.ok) throw validationError([{ field: 'residentId', reason: id.reason }]);
          membership = await currentMembershipOf(cipher.hashResidentId(id.id), tx);
          const phone = parseMobile(input.phone ?? '');
          // One answer for "no such member" and "wrong phone": the page must not confirm who is a member.
          if (!membership || !phone.ok || membership.phone !== phone.mobile) throw notFound('会员信息（身份证号与手机号不匹配）', 'membership');
          requestedBy = 'member';
        }
        if (!OPEN_STATUSES.includes(membership.status)) throw conflict('该会籍已终止，不能接转', 'The membership is closed');
        const target = await memberHoldingUnion(input.toOrgId, 'toOrgId', tx);
        if (target.id === membership.orgId) throw validationError([{ field: 'toOrgId', reason: '转入工会与当前所在工会相同' }]);
        if (actor && requestedBy === 'target') requireAt(actor, 'members.manage', target.path);
        const issues: FieldIssue[] = [];
        const employment = input.employment ? checkEmployment(input.employment, issues) : null;
        if (issues.length) throw validationError(issues);
        const [open] = await tx
          .select({ id: transfers.id })
          .from(transfers)
          .where(and(eq(transfers.tenantId, membership.tenantId), eq(transfers.membershipId, membership.id), inArray(transfers.state, ['requested', 'source_confirmed'])));
        if (open) throw conflict('已有一份办理中的接转申请', 'A transfer is already in progress');
        const [transfer] = await tx
          .insert(transfers)
          .values({
            tenantId: membership.tenantId,
            membershipId: membership.id,
            personHash: membership.personHash,
            name: membership.name,
            idMasked: membership.idMasked,
            fromOrgId: membership.orgId,
            fromOrgPath: membership.orgPath,
            toOrgId: target.id,
            toOrgPath: target.path,
            toTenantId: target.tenantId,
            state: 'requested',
            requestedBy,
            trackingCode: trackingCode(),
            reason: input.reason?.trim() || null,
            employment,
          })
          .returning();
        const requester = actor ?? linkHolder('member', membership.name, transfer.trackingCode, info.ip);
        await workflow.start(tx, transferFlow, requester, transferRecord(transfer), { toOrgId: target.id, reason: transfer.reason });
        return { id: transfer.id, tenantId: transfer.tenantId, trackingCode: transfer.trackingCode };
      });
    },

    async listTransfers(actor: Actor, query: { direction?: 'in' | 'out'; state?: TransferRecord['state']; page: number; pageSize: number }) {
      const paths = requirePaths(actor, 'members.read');
      const side =
        query.direction === 'in'
          ? scopeFilter(transfers.toOrgPath, paths)
          : query.direction === 'out'
            ? scopeFilter(transfers.fromOrgPath, paths)
            : sql`(${scopeFilter(transfers.fromOrgPath, paths)} or ${scopeFilter(transfers.toOrgPath, paths)})`;
      const filters: SQL[] = [side];
      if (query.state) filters.push(eq(transfers.state, query.state));
      const where = and(...filters);
      const [rows, [{ total }]] = await Promise.all([
        db.select().from(transfers).where(where).orderBy(desc(transfers.createdAt), desc(transfers.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
        db.select({ total: count() }).from(transfers).where(where),
      ]);
      const names = await orgNames(rows.flatMap((t) => [t.fromOrgId, t.toOrgId]));
      return {
        items: rows.map((t) => ({
          id: t.id,
          state: t.state,
          stateLabel: TRANSFER_STATES[t.state].label,
          name: t.name,
          idMasked: t.idMasked,
          membershipId: t.membershipId,
          fromOrgName: names.get(t.fromOrgId) ?? '',
          toOrgName: names.get(t.toOrgId) ?? '',
          requestedBy: t.requestedBy,
          reason: t.reason,
          createdAt: t.createdAt,
          allowedActions: workflow.allowedActions(transferFlow, actor, transferRecord(t)),
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** Fire a transfer action; `accept` closes the old membership and opens the new one in the same transaction. */
    async actOnTransfer(actor: Actor, id: number, action: string, input: unknown) {
      await db.transaction(async (tx) => {
        const paths = requirePaths(actor, 'members.read');
        const [transfer] = await tx
          .select()
          .from(transfers)
          .where(and(eq(transfers.id, id), sql`(${scopeFilter(transfers.fromOrgPath, paths)} or ${scopeFilter(transfers.toOrgPath, paths)})`));
        if (!transfer) throw notFound('接转申请', 'transfer');
        await workflow.fire(tx, transferFlow, actor, transferRecord(transfer), action, input);
      });
    },

    async transferByTracking(tenantId: number, code: string) {
      const [transfer] = await db.select().from(transfers).where(and(eq(transfers.tenantId, tenantId), eq(transfers.trackingCode, code)));
      if (!transfer) throw notFound('接转申请', 'transfer');
      const names = await orgNames([transfer.fromOrgId, transfer.toOrgId]);
      return {
        state: transfer.state,
        stateLabel: TRANSFER_STATES[transfer.state].label,
        name: transfer.name,
        fromOrgName: names.get(transfer.fromOrgId) ?? '',
        toOrgName: names.get(transfer.toOrgId) ?? '',
        timeline: publicTimeline(await workflow.timeline(db, transferFlow, tenantId, transfer.id)),
        canCancel: workflow.allowedActions(transferFlow, linkHolder('member', transfer.name, code), transferRecord(transfer)).some((a) => a.action === 'cancel'),
      };
    },

    async cancelTransferByTracking(tenantId: number, code: string, info: { ip?: string }) {
      await db.transaction(async (tx) => {
        const [transfer] = await tx.select().from(transfers).where(and(eq(transfers.tenantId, tenantId), eq(transfers.trackingCode, code)));
        if (!transfer) throw notFound('接转申请', 'transfer');
        const member = linkHolder('member', transfer.name, code, info.ip);
        await workflow.fire(tx, transferFlow, member, transferRecord(transfer), 'cancel', undefined);
      });
    },
  };

}

export type MemberService = ReturnType<typeof createMemberService>;
