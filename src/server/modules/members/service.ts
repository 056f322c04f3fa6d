import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { ageOn, maskResidentId, parseCreditCode, parseMobile, parseResidentId } from '../../platform/cn-ids.js';
import { AppError, conflict, notFound, validationError, type FieldIssue } from '../../platform/errors.js';
import type { NotificationService } from '../../platform/notifications/service.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import { canAt, requireAt, requirePaths, scopeFilter } from '../../platform/scope.js';
import { buildSearchDocument, searchQuery } from '../../platform/search-tokens.js';
import type { WorkflowEngine } from '../../platform/workflow/engine.js';
import type { OrgService } from '../orgs/service.js';
import { type OrgType } from '../orgs/schema.js';
import { EMPLOYMENT_FORMS, type EmploymentForm, joinApplications, MEMBERSHIP_STATUSES, type MembershipStatus, memberships, NEW_FORMS, OPEN_STATUSES, persons, transfers } from './schema.js';
import { joinWorkflow, type JoinRecord, lastSignOfLife, membershipWorkflow, type MembershipRecord, sixMonthsBefore, transferWorkflow, type TransferRecord } from './workflow.js';

/** Unions a person can be a member of directly (towns and counties hold no members of their own). */
export const MEMBER_HOLDING_TYPES: readonly OrgType[] = ['grassroots', 'joint', 'platform'];
/** Version of the personal-information notice the applicant consents to (PIPL art. 14, 29). */
export const CONSENT_VERSION = '2026-11';
/** The constitution's minimum age for joining (周岁). */
export const MIN_AGE = 16;
/** A real name after removing spaces: 2–30 Han characters or letters (with the middle dot of minority names). */
export const PERSON_NAME = /^[\p{Script=Han}·•A-Za-z]{2,30}$/u;

/** The search document of a membership; the roster import builds the same one. */
export const memberSearchDocument = (m: { name: string; idMasked: string; phone: string | null; cardNo: string; employerName?: string | null; platformName?: string | null }) =>
  buildSearchDocument({
    personNames: [m.name],
    texts: [m.employerName, m.platformName],
    // Last digits of the ID and the phone are what staff type to find someone.
    exact: [m.idMasked.slice(-4), m.idMasked.slice(-6), m.phone, m.phone?.slice(-4), m.cardNo],
  });

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
  consent: boolean;
}

export interface MemberListQuery {
  q?: string;
  orgId?: number;
  status?: MembershipStatus;
  employmentForm?: EmploymentForm;
  newFormsOnly?: boolean;
  joinedFrom?: string;
  joinedTo?: string;
  sort?: 'joinedOn' | '-joinedOn' | 'name' | '-name';
  page: number;
  pageSize: number;
}

const trackingCode = () => randomBytes(12).toString('base64url');

export interface MemberServiceDeps {
  db: Db;
  orgs: Pick<OrgService, 'byId' | 'namesByIds'>;
  workflow: WorkflowEngine;
  notifications: Pick<NotificationService, 'notify'>;
  cipher: PersonalDataCipher;
  today: () => string;
}

export function createMemberService(deps: MemberServiceDeps) {
  const { db, cipher, workflow, today } = deps;
  const membershipFlow = membershipWorkflow(today);

  // ——— validation shared by joining, staff entry and transfers ———

  function checkPerson(input: { name: string; residentId: string; phone?: string | null }, issues: FieldIssue[]) {
    const name = input.name.trim().replace(/\s+/g, '');
    if (!PERSON_NAME.test(name)) issues.push({ field: 'name', reason: '请填写真实姓名（2–30 个汉字或字母）' });
    const id = parseResidentId(input.residentId);
    if (!id.ok) issues.push({ field: 'residentId', reason: id.reason });
    else if (ageOn(id.birthDate, today()) < MIN_AGE) issues.push({ field: 'residentId', reason: `未满 ${MIN_AGE} 周岁，不能加入工会` });
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

  async function memberHoldingUnion(orgId: number, field = 'orgId', tx: Db = db) {
    const org = await deps.orgs.byId(orgId, tx);
    if (!org || !org.active) throw validationError([{ field, reason: '工会不存在或已撤销' }]);
    if (!MEMBER_HOLDING_TYPES.includes(org.type)) throw validationError([{ field, reason: '请选择基层工会、联合工会或平台工会' }]);
    return org;
  }

  const searchDocument = memberSearchDocument;

  const membershipRecord = (m: typeof memberships.$inferSelect): MembershipRecord => ({
    id: m.id,
    tenantId: m.tenantId,
    state: m.status,
    orgPath: m.orgPath,
    lastDuesOn: m.lastDuesOn,
    lastActivityOn: m.lastActivityOn,
    joinedOn: m.joinedOn,
  });

  /**
   * Open a membership and point the person at it, in the caller's transaction.
   * The person row is the lock: the update only succeeds while the person holds
   * no open membership, so two concurrent joins cannot both win (DESIGN §2).
   */
  async function openMembership(
    tx: Db,
    actor: Actor,
    input: { org: { id: number; tenantId: number; path: string }; idHash: Buffer; idCipher: Buffer; idMasked: string; name: string; sex: 'male' | 'female'; birthDate: string; phone: string | null; employment: Employment; source: 'online' | 'staff' | 'import' | 'transfer'; memberSince?: string; replacing?: { tenantId: number; id: number } },
  ) {
    await tx
      .insert(persons)
      .values({ idHash: input.idHash, idCipher: input.idCipher, idMasked: input.idMasked, name: input.name, sex: input.sex, birthDate: input.birthDate, phone: input.phone })
      .onConflictDoNothing();
    const [person] = await tx.select().from(persons).where(eq(persons.idHash, input.idHash)).for('update');
    const holdsOther = person.openMembershipId != null && !(input.replacing && person.openMembershipId === input.replacing.id && person.openMembershipTenantId === input.replacing.tenantId);
    if (holdsOther) throw alreadyMember();
    const joinedOn = today();
    // 会龄 counts from approval; only a transfer carries it over. Joining again after a membership ended starts afresh.
    const memberSince = input.memberSince ?? joinedOn;
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
        search: sql`to_tsvector('simple', ${searchDocument({ ...input, ...input.employment, cardNo })})` as unknown as string,
      })
      .returning();
    await tx
      .update(persons)
      .set({ openMembershipTenantId: membership.tenantId, openMembershipId: membership.id, memberSince, name: input.name, phone: input.phone ?? person.phone, updatedAt: new Date() })
      .where(eq(persons.idHash, input.idHash));
    await workflow.start(tx, membershipFlow, actor, membershipRecord(membership), { source: input.source, orgId: input.org.id });
    return membership;
  }

  const alreadyMember = () => new AppError('CONFLICT', '此人已是工会会员，一人同一时间只能在一个工会；如更换了单位，请办理会员接转', 'This person already holds an open membership; transfer it instead');

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
      .where(and(eq(memberships.id, id), scopeFilter(memberships.orgPath, requirePaths(actor, 'members.read'))));
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

  async function decideApplication(tx: Db, actor: Actor, application: typeof joinApplications.$inferSelect, action: string, input: unknown, options: { system?: boolean } = {}) {
    const record = applicationRecord(application);
    await workflow.fire(tx, joinWorkflow, actor, record, action, input, async ({ from, to }) => {
      // Opened only once the engine has checked state, role and input: approving twice is an invalid transition.
      let membershipId: number | null = null;
      if (to === 'approved') {
        const org = await memberHoldingUnion(application.orgId, 'orgId', tx);
        const id = parseResidentId(cipher.decrypt(application.idCipher));
        if (!id.ok) throw validationError([{ field: 'residentId', reason: id.reason }]);
        const membership = await openMembership(tx, actor, {
          org,
          idHash: application.personHash,
          idCipher: application.idCipher,
          idMasked: application.idMasked,
          name: application.name,
          sex: id.sex,
          birthDate: id.birthDate,
          phone: application.phone,
          // Only the employment fields: spreading the whole row would give the membership the application's id.
          employment: { employmentForm: application.employmentForm, employerName: application.employerName, employerCreditCode: application.employerCreditCode, platformName: application.platformName },
          source: 'online',
        });
        membershipId = membership.id;
      }
      const updated = await tx
        .update(joinApplications)
        .set({
          state: to,
          membershipId,
          decisionReason: (input as { reason?: string } | undefined)?.reason ?? null,
          autoApproved: Boolean(options.system),
          updatedAt: new Date(),
        })
        .where(and(eq(joinApplications.tenantId, application.tenantId), eq(joinApplications.id, application.id), eq(joinApplications.state, from)))
        .returning({ id: joinApplications.id });
      return updated.length === 1;
    });
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
  };

  // One query per page, not one per union shown.
  const orgNames = (ids: number[], tx: Db = db) => deps.orgs.namesByIds(ids, tx);

  const labelled = <T extends { status: MembershipStatus; employmentForm: EmploymentForm; orgId: number }>(row: T, names: Map<number, string>) => ({
    ...row,
    statusLabel: MEMBERSHIP_STATUSES[row.status],
    employmentFormLabel: EMPLOYMENT_FORMS[row.employmentForm],
    orgName: names.get(row.orgId) ?? '',
  });

  function listFilters(actor: Actor, query: Omit<MemberListQuery, 'page' | 'pageSize' | 'sort'>, orgPath?: string): SQL[] | null {
    const filters: SQL[] = [scopeFilter(memberships.orgPath, requirePaths(actor, 'members.read'))];
    if (orgPath) filters.push(sql`${memberships.orgPath} <@ ${orgPath}::ltree`);
    if (query.q) {
      const tsquery = searchQuery(query.q);
      if (!tsquery) return null;
      filters.push(sql`${memberships.search} @@ to_tsquery('simple', ${tsquery})`);
    }
    if (query.status) filters.push(eq(memberships.status, query.status));
    if (query.employmentForm) filters.push(eq(memberships.employmentForm, query.employmentForm));
    if (query.newFormsOnly) filters.push(inArray(memberships.employmentForm, [...NEW_FORMS]));
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
    let orgPath: string | undefined;
    if (query.orgId) {
      const org = await deps.orgs.byId(query.orgId);
      if (!org) throw validationError([{ field: 'orgId', reason: '组织不存在' }]);
      orgPath = org.path;
    }
    const filters = listFilters(actor, query, orgPath);
    return filters ? and(...filters)! : null;
  }

  /** Rows after `last` in the list's order (keyset), so an export pages without OFFSET. */
  const after = (sort: keyof typeof ORDER, last: { joinedOn: string; name: string; id: number }) => {
    const key = sort.endsWith('joinedOn') ? sql`(${memberships.joinedOn}, ${memberships.id})` : sql`(${memberships.name}, ${memberships.id})`;
    const value = sort.endsWith('joinedOn') ? sql`(${last.joinedOn}::date, ${last.id}::bigint)` : sql`(${last.name}::varchar, ${last.id}::bigint)`;
    return sort.startsWith('-') ? sql`${key} < ${value}` : sql`${key} > ${value}`;
  };

  return {
    membershipWorkflow: membershipFlow,

    // ——— public: the phone pages ———

    /** What the join page shows about a union; 404 for unions that take no members. */
    async publicUnion(orgId: number) {
      const org = await deps.orgs.byId(orgId);
      if (!org || !org.active || !MEMBER_HOLDING_TYPES.includes(org.type)) throw notFound('工会', 'union');
      return { id: org.id, name: org.name, type: org.type, consentVersion: CONSENT_VERSION };
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
      const person = checkPerson(input, issues);
      // Only when none was typed: a malformed number already has its own reason.
      if (!input.phone) issues.push({ field: 'phone', reason: '请填写手机号' });
      const employment = checkEmployment(input, issues);
      if (!input.consent) issues.push({ field: 'consent', reason: '须阅读并同意个人信息处理规则后才能提交' });
      if (issues.length) throw validationError(issues);
      const id = person.id!;
      const idHash = cipher.hashResidentId(id.id);
      return db.transaction(async (tx) => {
        const org = await memberHoldingUnion(input.orgId, 'orgId', tx);
        const current = await currentMembershipOf(idHash, tx);
        if (current) {
          const currentOrg = await deps.orgs.byId(current.orgId, tx);
          throw new AppError(
            'CONFLICT',
            current.orgId === org.id
              ? `您已是「${currentOrg?.name}」的会员，无需重复申请`
              : `您已是「${currentOrg?.name}」的会员。如已更换单位，请申请会员接转，会龄连续计算`,
            'Already a member; request a transfer instead',
            [{ field: 'residentId', reason: current.orgId === org.id ? 'ALREADY_MEMBER_HERE' : 'TRANSFER_INSTEAD' }],
          );
        }
        const [pending] = await tx
          .select({ id: joinApplications.id })
          .from(joinApplications)
          .where(and(eq(joinApplications.tenantId, org.tenantId), eq(joinApplications.personHash, idHash), eq(joinApplications.state, 'pending')));
        if (pending) throw conflict('您已有一份待审核的入会申请，请耐心等待工会审核', 'An application is already pending');
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
            consentVersion: CONSENT_VERSION,
            consentAt: new Date(),
            ip: info.ip ?? null,
          })
          .returning();
        const applicant: Actor = { userId: null, username: 'applicant', displayName: person.name, grants: [], homeOrgId: null, ip: info.ip, trackingCode: application.trackingCode };
        await workflow.start(tx, joinWorkflow, applicant, applicationRecord(application), { orgId: org.id, employmentForm: employment.employmentForm });
        if (org.autoApproveJoins) {
          // The union chose to approve every application: the system approves as the union's staff, at that union only.
          const system: Actor = {
            ...applicant,
            displayName: '系统（自动批准）',
            trackingCode: undefined,
            grants: [{ id: 0, role: 'union_staff', orgId: org.id, orgName: org.name, orgPath: org.path, tenantId: org.tenantId }],
          };
          await decideApplication(tx, system, application, 'approve', undefined, { system: true });
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
      return {
        state: application.state,
        stateLabel: joinWorkflow.states[application.state].label,
        orgName: org?.name ?? '',
        name: application.name,
        decisionReason: application.decisionReason,
        cardNo: membership?.cardNo ?? null,
        timeline: await workflow.timeline(db, joinWorkflow, tenantId, application.id),
        canCancel: application.state === 'pending',
      };
    },

    async cancelApplication(tenantId: number, code: string, info: { ip?: string }) {
      await db.transaction(async (tx) => {
        const [application] = await tx
          .select()
          .from(joinApplications)
          .where(and(eq(joinApplications.tenantId, tenantId), eq(joinApplications.trackingCode, code)));
        if (!application) throw notFound('入会申请', 'application');
        const applicant: Actor = { userId: null, username: 'applicant', displayName: application.name, grants: [], homeOrgId: null, ip: info.ip, trackingCode: code };
        await decideApplication(tx, applicant, application, 'cancel', undefined);
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
      return {
        items: rows.map((a) => ({
          id: a.id,
          state: a.state,
          stateLabel: joinWorkflow.states[a.state].label,
          name: a.name,
          idMasked: a.idMasked,
          phone: a.phone,
          orgId: a.orgId,
          orgName: names.get(a.orgId) ?? '',
          employmentForm: a.employmentForm,
          employmentFormLabel: EMPLOYMENT_FORMS[a.employmentForm],
          employerName: a.employerName,
          platformName: a.platformName,
          decisionReason: a.decisionReason,
          createdAt: a.createdAt,
          allowedActions: workflow.allowedActions(joinWorkflow, actor, applicationRecord(a)),
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    async actOnApplication(actor: Actor, id: number, action: string, input: unknown) {
      await db.transaction(async (tx) => {
        const [application] = await tx
          .select()
          .from(joinApplications)
          .where(and(eq(joinApplications.id, id), scopeFilter(joinApplications.orgPath, requirePaths(actor, 'members.read'))));
        if (!application) throw notFound('入会申请', 'application');
        await decideApplication(tx, actor, application, action, input);
      });
    },

    // ——— staff: the registry ———

    async list(actor: Actor, query: MemberListQuery) {
      const where = await listWhere(actor, query);
      if (!where) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
      const [rows, [{ total }]] = await Promise.all([
        db
          .select(listColumns)
          .from(memberships)
          .where(where)
          .orderBy(...ORDER[query.sort ?? '-joinedOn'])
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ total: count() }).from(memberships).where(where),
      ]);
      const names = await orgNames(rows.map((r) => r.orgId));
      return { items: rows.map((r) => labelled(r, names)), total, page: query.page, pageSize: query.pageSize };
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
        yield rows.map((r) => labelled(r, names));
        if (rows.length < pageSize) return;
        last = rows[rows.length - 1];
      }
    },

    async detail(actor: Actor, id: number) {
      const membership = await findMembership(actor, id);
      const names = await orgNames([membership.orgId]);
      const [history, transferRows, earlier] = await Promise.all([
        workflow.timeline(db, membershipFlow, membership.tenantId, membership.id),
        db
          .select()
          .from(transfers)
          .where(eq(transfers.personHash, membership.personHash))
          .orderBy(desc(transfers.createdAt)),
        // The person's other memberships, visible as far as the actor's scope reaches.
        db
          .select({ ...listColumns, orgPath: memberships.orgPath })
          .from(memberships)
          .where(and(eq(memberships.personHash, membership.personHash), sql`${memberships.id} <> ${membership.id}`))
          .orderBy(desc(memberships.joinedOn)),
      ]);
      const allNames = await orgNames([...earlier.map((m) => m.orgId), ...transferRows.flatMap((t) => [t.fromOrgId, t.toOrgId])]);
      return {
        ...labelled({ ...membership, ...{ status: membership.status } }, names),
        employerCreditCode: membership.employerCreditCode,
        endReason: membership.endReason,
        lastDuesOn: membership.lastDuesOn,
        lastActivityOn: membership.lastActivityOn,
        source: membership.source,
        version: membership.version,
        canRevealId: canAt(actor, 'members.reveal_id', membership.orgPath),
        allowedActions: workflow.allowedActions(membershipFlow, actor, membershipRecord(membership)),
        history,
        // The person's whole history counts for 会龄; details open only where the actor's scope reaches.
        previousMemberships: earlier.map(({ orgPath, ...m }) => ({ ...labelled(m, allNames), visible: canAt(actor, 'members.read', orgPath) })),
        transfers: transferRows.map((t) => ({
          id: t.id,
          state: t.state,
          stateLabel: transferWorkflow.states[t.state].label,
          fromOrgName: allNames.get(t.fromOrgId) ?? '',
          toOrgName: allNames.get(t.toOrgId) ?? '',
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
      await db.transaction(async (tx) => {
        const membership = await findMembership(actor, id, tx);
        await workflow.fire(tx, membershipFlow, actor, membershipRecord(membership), action, input, async ({ from, to }) => {
          const closes = !OPEN_STATUSES.includes(to);
          const updated = await tx
            .update(memberships)
            .set({
              status: to,
              endedOn: closes ? today() : null,
              endReason: closes ? MEMBERSHIP_STATUSES[to] : null,
              version: membership.version + 1,
              updatedAt: new Date(),
            })
            .where(and(eq(memberships.tenantId, membership.tenantId), eq(memberships.id, id), eq(memberships.status, from)))
            .returning({ id: memberships.id });
          if (updated.length !== 1) return false;
          if (closes) {
            await tx
              .update(persons)
              .set({ openMembershipTenantId: null, openMembershipId: null, updatedAt: new Date() })
              .where(and(eq(persons.idHash, membership.personHash), eq(persons.openMembershipId, id)));
          }
          return true;
        });
      });
    },

    /** Members with no dues and no participation for six months: staff confirm each; nothing happens by itself. */
    async deemedWithdrawalCandidates(actor: Actor, query: { orgId?: number; page: number; pageSize: number }) {
      const cutoff = sixMonthsBefore(today());
      let orgPath: string | undefined;
      if (query.orgId) orgPath = (await deps.orgs.byId(query.orgId))?.path ?? '0';
      const filters = listFilters(actor, { status: 'active' }, orgPath)!;
      filters.push(sql`greatest(${memberships.joinedOn}, coalesce(${memberships.lastDuesOn}, ${memberships.joinedOn}), coalesce(${memberships.lastActivityOn}, ${memberships.joinedOn})) <= ${cutoff}`);
      const where = and(...filters);
      const [rows, [{ total }]] = await Promise.all([
        db
          .select({ ...listColumns, lastDuesOn: memberships.lastDuesOn, lastActivityOn: memberships.lastActivityOn })
          .from(memberships)
          .where(where)
          .orderBy(asc(memberships.joinedOn), asc(memberships.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ total: count() }).from(memberships).where(where),
      ]);
      const names = await orgNames(rows.map((r) => r.orgId));
      return { items: rows.map((r) => ({ ...labelled(r, names), lastSignOfLife: lastSignOfLife(r) })), total, cutoff, page: query.page, pageSize: query.pageSize };
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
        const requester: Actor = actor ?? { userId: null, username: 'member', displayName: membership.name, grants: [], homeOrgId: null, ip: info.ip, trackingCode: transfer.trackingCode };
        await workflow.start(tx, transferWorkflow, requester, transferRecord(transfer), { toOrgId: target.id, reason: transfer.reason });
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
          stateLabel: transferWorkflow.states[t.state].label,
          name: t.name,
          idMasked: t.idMasked,
          membershipId: t.membershipId,
          fromOrgName: names.get(t.fromOrgId) ?? '',
          toOrgName: names.get(t.toOrgId) ?? '',
          requestedBy: t.requestedBy,
          reason: t.reason,
          createdAt: t.createdAt,
          allowedActions: workflow.allowedActions(transferWorkflow, actor, transferRecord(t)),
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
        await applyTransferAction(tx, actor, transfer, action, input);
      });
    },

    async transferByTracking(tenantId: number, code: string) {
      const [transfer] = await db.select().from(transfers).where(and(eq(transfers.tenantId, tenantId), eq(transfers.trackingCode, code)));
      if (!transfer) throw notFound('接转申请', 'transfer');
      const names = await orgNames([transfer.fromOrgId, transfer.toOrgId]);
      return {
        state: transfer.state,
        stateLabel: transferWorkflow.states[transfer.state].label,
        name: transfer.name,
        fromOrgName: names.get(transfer.fromOrgId) ?? '',
        toOrgName: names.get(transfer.toOrgId) ?? '',
        timeline: await workflow.timeline(db, transferWorkflow, tenantId, transfer.id),
        canCancel: transfer.state === 'requested' && transfer.requestedBy === 'member',
      };
    },

    async cancelTransferByTracking(tenantId: number, code: string, info: { ip?: string }) {
      await db.transaction(async (tx) => {
        const [transfer] = await tx.select().from(transfers).where(and(eq(transfers.tenantId, tenantId), eq(transfers.trackingCode, code)));
        if (!transfer) throw notFound('接转申请', 'transfer');
        const member: Actor = { userId: null, username: 'member', displayName: transfer.name, grants: [], homeOrgId: null, ip: info.ip, trackingCode: code };
        await applyTransferAction(tx, member, transfer, 'cancel', undefined);
      });
    },
  };

  async function applyTransferAction(tx: Db, actor: Actor, transfer: typeof transfers.$inferSelect, action: string, input: unknown) {
    // The move happens only once the engine has checked state, role and input: accepting twice is an invalid transition.
    await workflow.fire(tx, transferWorkflow, actor, transferRecord(transfer), action, input, async ({ from, to }) => {
      let newMembershipId: number | null = null;
      if (to === 'completed') {
        const [old] = await tx.select().from(memberships).where(and(eq(memberships.tenantId, transfer.tenantId), eq(memberships.id, transfer.membershipId)));
        if (!old || !OPEN_STATUSES.includes(old.status)) throw conflict('原会籍已终止，接转无法完成', 'The source membership is closed');
        const target = await memberHoldingUnion(transfer.toOrgId, 'toOrgId', tx);
        // Close the old membership first (a system transition on its own timeline), then open the new one.
        await workflow.fire(
          tx,
          membershipFlow,
          actor,
          membershipRecord(old),
          'transfer_out',
          { transferId: transfer.id, toOrgId: target.id },
          async (change) => {
            const updated = await tx
              .update(memberships)
              .set({ status: change.to, endedOn: today(), endReason: `转至 ${target.name}`, version: old.version + 1, updatedAt: new Date() })
              .where(and(eq(memberships.tenantId, old.tenantId), eq(memberships.id, old.id), eq(memberships.status, change.from)))
              .returning({ id: memberships.id });
            return updated.length === 1;
          },
          { system: true },
        );
        const [person] = await tx.select().from(persons).where(eq(persons.idHash, old.personHash));
        const employment = (transfer.employment as Employment | null) ?? old;
        const created = await openMembership(tx, actor, {
          org: target,
          idHash: old.personHash,
          idCipher: person.idCipher,
          idMasked: old.idMasked,
          name: old.name,
          sex: old.sex,
          birthDate: old.birthDate,
          phone: old.phone,
          employment: { employmentForm: employment.employmentForm, employerName: employment.employerName, employerCreditCode: employment.employerCreditCode, platformName: employment.platformName },
          source: 'transfer',
          memberSince: old.memberSince,
          replacing: { tenantId: old.tenantId, id: old.id },
        });
        newMembershipId = created.id;
      }
      const updated = await tx
        .update(transfers)
        .set({ state: to, newMembershipId, updatedAt: new Date() })
        .where(and(eq(transfers.tenantId, transfer.tenantId), eq(transfers.id, transfer.id), eq(transfers.state, from)))
        .returning({ id: transfers.id });
      return updated.length === 1;
    });
  }
}

export type MemberService = ReturnType<typeof createMemberService>;
