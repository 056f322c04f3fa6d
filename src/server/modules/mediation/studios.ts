import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { rolesCarrying } from '../../platform/accounts/roles.js';
import { roleGrants, users } from '../../platform/accounts/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { maskMobile, parseMobile } from '../../platform/cn-ids.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { orgs as orgTable } from '../../platform/org-tree/schema.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { canAt, scopePaths, tenantScope } from '../../platform/scope.js';
import { mediationStudios, STUDIO_ROLES, type StudioRole, studioMembers } from './schema.js';

/**
 * 连心舱 studios and their teams. A studio is seen by whoever reads mediation
 * in its union's subtree and by the members of its team; it is kept by whoever
 * manages mediation there. A member with an account who holds the mediator
 * role mediates the studio's cases (`membership`), whichever org the role is
 * held at: a cabin chief of the 当湖 studio may sit at the park's union.
 */

export interface StudioInput {
  orgId: number;
  name: string;
  address?: string | null;
  phone?: string | null;
  massIncidentWorkers?: number;
}
export type StudioChanges = Partial<Omit<StudioInput, 'orgId'>> & { active?: boolean; version: number };

export interface MemberInput {
  role: StudioRole;
  name: string;
  phone?: string | null;
  userId?: number | null;
  lawFirm?: string | null;
}
export type MemberChanges = Partial<MemberInput> & { active?: boolean; version: number };

export type StudioRow = typeof mediationStudios.$inferSelect;
type MemberRow = typeof studioMembers.$inferSelect;

const stale = () => conflict('该记录已被他人修改，请刷新后重试', 'The record changed meanwhile; reload and retry');

/** A team member's phone: a mobile, checked and kept in its plain 11 digits. */
function memberPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const parsed = parseMobile(phone);
  if (!parsed.ok) throw validationError([{ field: 'phone', reason: parsed.reason }]);
  return parsed.mobile;
}

/** A lawyer's firm is asked of lawyers only: anyone else's is dropped rather than kept unseen. */
function lawFirmOf(role: StudioRole, lawFirm: string | null | undefined): string | null {
  if (role !== 'lawyer') return null;
  if (!lawFirm) throw validationError([{ field: 'lawFirm', reason: '驻点律师请填写所在律师事务所' }]);
  return lawFirm;
}

export function createStudios(ctx: { db: Db; orgs: Pick<OrgService, 'byId' | 'namesByIds' | 'tenantIdsWithin'> }) {
  const { db, orgs } = ctx;

  /** The studios where the account sits on the team (active seats only). */
  async function seatsOf(actor: Actor, tx: Db = db) {
    if (actor.userId === null || scopePaths(actor, 'mediation.handle').length === 0) return [];
    return tx
      .select({ tenantId: studioMembers.tenantId, studioId: studioMembers.studioId, memberId: studioMembers.id, role: studioMembers.role, name: studioMembers.name })
      .from(studioMembers)
      .where(and(eq(studioMembers.userId, actor.userId), eq(studioMembers.active, true)));
  }

  /**
   * The one visibility rule for studios and everything in them, as conditions on a table carrying the
   * studio's tenant, its id and its org path copy: the actor's `mediation.read` subtree, or a studio whose
   * team the actor sits on. False for an actor with neither (lists then show nothing).
   */
  async function visibleStudios(actor: Actor, columns: { tenantId: AnyPgColumn; studioId: AnyPgColumn; orgPath: AnyPgColumn }, tx: Db = db): Promise<SQL> {
    const parts: SQL[] = [];
    if (scopePaths(actor, 'mediation.read').length > 0) parts.push(await tenantScope(actor, 'mediation.read', columns, (path) => orgs.tenantIdsWithin(path, tx)));
    for (const seat of await seatsOf(actor, tx)) parts.push(and(eq(columns.tenantId, seat.tenantId), eq(columns.studioId, seat.studioId))!);
    return parts.length ? or(...parts)! : sql`false`;
  }

  /** A studio the actor may see, or 404. */
  async function findStudio(actor: Actor, studioId: number, tx: Db = db, options: { lock?: boolean } = {}): Promise<StudioRow> {
    const query = tx
      .select()
      .from(mediationStudios)
      .where(and(eq(mediationStudios.id, studioId), await visibleStudios(actor, { tenantId: mediationStudios.tenantId, studioId: mediationStudios.id, orgPath: mediationStudios.orgPath }, tx)));
    const [studio] = options.lock ? await query.for('update') : await query;
    if (!studio) throw notFound('调解工作室', 'studio');
    return studio;
  }

  /** A studio the actor keeps: 404 when unseen, 403 when seen but not kept. */
  async function managedStudio(actor: Actor, studioId: number, tx: Db) {
    const studio = await findStudio(actor, studioId, tx, { lock: true });
    if (!canAt(actor, 'mediation.manage', studio.orgPath)) throw notFound('调解工作室', 'studio');
    return studio;
  }

  /** Is the actor on the studio's team, and in which role (null when not, or without an account). */
  async function membership(actor: Actor, studioId: number, tx: Db = db) {
    const seat = (await seatsOf(actor, tx)).find((s) => s.studioId === studioId);
    return seat ? { memberId: seat.memberId, role: seat.role, roleLabel: STUDIO_ROLES[seat.role], name: seat.name } : null;
  }

  /** The active team of a studio, by role then name. */
  async function teamOf(studio: Pick<StudioRow, 'tenantId' | 'id'>, tx: Db = db, options: { includeInactive?: boolean } = {}) {
    return tx
      .select()
      .from(studioMembers)
      .where(and(eq(studioMembers.tenantId, studio.tenantId), eq(studioMembers.studioId, studio.id), options.includeInactive ? undefined : eq(studioMembers.active, true)))
      .orderBy(sql`array_position(array[${sql.join(Object.keys(STUDIO_ROLES).map((r) => sql`${r}`), sql`, `)}]::varchar[], ${studioMembers.role})`, asc(studioMembers.name), asc(studioMembers.id));
  }

  /** A member as pages show them: the phone in full to those who keep the team and to its members, else masked. */
  const shownMember = (member: MemberRow, fullPhones: boolean) => ({
    id: member.id,
    role: member.role,
    roleLabel: STUDIO_ROLES[member.role],
    name: member.name,
    phone: member.phone && (fullPhones ? member.phone : maskMobile(member.phone)),
    userId: member.userId,
    lawFirm: member.lawFirm,
    active: member.active,
    version: member.version,
  });

  async function shownStudios(actor: Actor, studios: StudioRow[], tx: Db = db) {
    const names = await orgs.namesByIds([...new Set(studios.map((s) => s.orgId))], tx);
    const seats = await seatsOf(actor, tx);
    const members = studios.length
      ? await tx
          .select()
          .from(studioMembers)
          .where(or(...studios.map((s) => and(eq(studioMembers.tenantId, s.tenantId), eq(studioMembers.studioId, s.id)))))
      : [];
    const roleOrder = Object.keys(STUDIO_ROLES);
    return studios.map((s) => {
      const canManage = canAt(actor, 'mediation.manage', s.orgPath);
      const seat = seats.find((m) => m.tenantId === s.tenantId && m.studioId === s.id);
      const team = members
        .filter((m) => m.tenantId === s.tenantId && m.studioId === s.id && (canManage || m.active))
        .sort((a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, 'zh-CN') || a.id - b.id);
      return {
        id: s.id,
        orgId: s.orgId,
        orgName: names.get(s.orgId) ?? '',
        name: s.name,
        address: s.address,
        phone: s.phone,
        active: s.active,
        massIncidentWorkers: s.massIncidentWorkers,
        version: s.version,
        canManage,
        myRole: seat ? seat.role : null,
        counts: Object.fromEntries(roleOrder.map((role) => [role, team.filter((m) => m.active && m.role === role).length])) as Record<StudioRole, number>,
        members: team.map((m) => shownMember(m, canManage || seat !== undefined)),
      };
    });
  }

  /** One studio per name at a union: the unique index would only say 数据重复. */
  async function checkNameFree(studio: { tenantId: number; orgId: number; name: string; id?: number }, tx: Db) {
    const [same] = await tx
      .select({ id: mediationStudios.id })
      .from(mediationStudios)
      .where(and(eq(mediationStudios.tenantId, studio.tenantId), eq(mediationStudios.orgId, studio.orgId), eq(mediationStudios.name, studio.name)));
    if (same && same.id !== studio.id) throw conflict(`本工会已有名为「${studio.name}」的调解工作室`, 'A studio of this name exists here already');
  }

  /** The account a member acts through: active, holding the mediator role in the studio's county, not seated twice. */
  async function mediatorAccount(studio: StudioRow, userId: number, exceptMemberId: number | null, tx: Db) {
    const [user] = await tx.select({ id: users.id, displayName: users.displayName, active: users.active }).from(users).where(eq(users.id, userId));
    if (!user || !user.active) throw validationError([{ field: 'userId', reason: '账号不存在或已停用' }]);
    const [grant] = await tx
      .select({ orgId: roleGrants.orgId })
      .from(roleGrants)
      .innerJoin(orgTable, eq(orgTable.id, roleGrants.orgId))
      .where(and(eq(roleGrants.userId, userId), inArray(roleGrants.role, [...rolesCarrying('mediation.handle')]), eq(orgTable.tenantId, studio.tenantId), eq(orgTable.active, true)));
    if (!grant) throw validationError([{ field: 'userId', reason: `「${user.displayName}」在本县（市、区）没有「调解员」角色，请先在账号管理中授予` }]);
    const [seated] = await tx
      .select({ id: studioMembers.id })
      .from(studioMembers)
      .where(and(eq(studioMembers.tenantId, studio.tenantId), eq(studioMembers.studioId, studio.id), eq(studioMembers.userId, userId)));
    if (seated && seated.id !== exceptMemberId) throw conflict(`「${user.displayName}」的账号已在本工作室团队中`, 'The account is on this team already');
    return user;
  }

  const audit = (tx: Db, actor: Actor, studio: StudioRow, action: string, summary: string, change: { before?: unknown; after?: unknown } = {}) =>
    recordAudit(tx, actor, { action: `mediation.${action}`, entityType: 'mediation_studio', entityId: studio.id, tenantId: studio.tenantId, orgPath: studio.orgPath, summary, ...change });

  async function updateMember(actor: Actor, studioId: number, memberId: number, changes: MemberChanges) {
    return db.transaction(async (tx) => {
      const studio = await managedStudio(actor, studioId, tx);
      const [member] = await tx
        .select()
        .from(studioMembers)
        .where(and(eq(studioMembers.tenantId, studio.tenantId), eq(studioMembers.studioId, studio.id), eq(studioMembers.id, memberId)));
      if (!member) throw notFound('团队成员', 'team member');
      if (member.version !== changes.version) throw stale();
      const role = changes.role ?? member.role;
      const userId = changes.userId === undefined ? member.userId : changes.userId;
      if (userId !== null && userId !== member.userId) await mediatorAccount(studio, userId, member.id, tx);
      const values = {
        role,
        name: changes.name ?? member.name,
        phone: changes.phone === undefined ? member.phone : memberPhone(changes.phone),
        userId,
        lawFirm: lawFirmOf(role, changes.lawFirm === undefined ? member.lawFirm : changes.lawFirm),
        active: changes.active ?? member.active,
      };
      const [updated] = await tx
        .update(studioMembers)
        .set({ ...values, version: member.version + 1, updatedAt: new Date() })
        .where(and(eq(studioMembers.tenantId, member.tenantId), eq(studioMembers.id, member.id), eq(studioMembers.version, member.version)))
        .returning();
      if (!updated) throw stale();
      const verb = member.active && !updated.active ? '停用' : !member.active && updated.active ? '恢复' : '修改';
      await audit(tx, actor, studio, 'member_update', `${verb}「${studio.name}」团队成员 ${updated.name}（${STUDIO_ROLES[updated.role]}）`, {
        before: { role: member.role, name: member.name, phone: member.phone, userId: member.userId, lawFirm: member.lawFirm, active: member.active },
        after: values,
      });
      return (await shownStudios(actor, [studio], tx))[0];
    });
  }

  return {
    visibleStudios,
    findStudio,
    membership,
    teamOf,

    /** Studios the actor may see (their teams with them): those of the subtree, and those whose team the actor is on. */
    async list(actor: Actor, query: { orgId?: number; includeInactive?: boolean } = {}) {
      const filters = [await visibleStudios(actor, { tenantId: mediationStudios.tenantId, studioId: mediationStudios.id, orgPath: mediationStudios.orgPath })];
      if (query.orgId) filters.push(eq(mediationStudios.orgId, query.orgId));
      if (!query.includeInactive) filters.push(eq(mediationStudios.active, true));
      const studios = await db
        .select()
        .from(mediationStudios)
        .where(and(...filters))
        .orderBy(asc(mediationStudios.orgPath), asc(mediationStudios.name), asc(mediationStudios.id));
      return { items: await shownStudios(actor, studios) };
    },

    async detail(actor: Actor, studioId: number) {
      return (await shownStudios(actor, [await findStudio(actor, studioId)]))[0];
    },

    async createStudio(actor: Actor, input: StudioInput) {
      return db.transaction(async (tx) => {
        const org = await orgs.byId(input.orgId, tx);
        if (!org || !canAt(actor, 'mediation.manage', org.path)) throw notFound('工会', 'union');
        if (!org.active) throw validationError([{ field: 'orgId', reason: '该工会已撤销' }]);
        await checkNameFree({ tenantId: org.tenantId, orgId: org.id, name: input.name }, tx);
        const [studio] = await tx
          .insert(mediationStudios)
          .values({ tenantId: org.tenantId, orgId: org.id, orgPath: org.path, name: input.name, address: input.address ?? null, phone: input.phone ?? null, massIncidentWorkers: input.massIncidentWorkers })
          .returning();
        await audit(tx, actor, studio, 'studio_create', `设立调解工作室「${studio.name}」（${org.name}）`, { after: { name: studio.name, address: studio.address, phone: studio.phone } });
        return (await shownStudios(actor, [studio], tx))[0];
      });
    },

    async updateStudio(actor: Actor, studioId: number, changes: StudioChanges) {
      return db.transaction(async (tx) => {
        const studio = await managedStudio(actor, studioId, tx);
        if (studio.version !== changes.version) throw stale();
        const { version: _version, ...fields } = changes;
        if (fields.name !== undefined) await checkNameFree({ ...studio, name: fields.name }, tx);
        const [updated] = await tx
          .update(mediationStudios)
          .set({ ...fields, version: studio.version + 1, updatedAt: new Date() })
          .where(and(eq(mediationStudios.tenantId, studio.tenantId), eq(mediationStudios.id, studio.id)))
          .returning();
        await audit(tx, actor, updated, 'studio_update', `修改调解工作室「${updated.name}」`, {
          before: { name: studio.name, address: studio.address, phone: studio.phone, active: studio.active, massIncidentWorkers: studio.massIncidentWorkers },
          after: { name: updated.name, address: updated.address, phone: updated.phone, active: updated.active, massIncidentWorkers: updated.massIncidentWorkers },
        });
        return (await shownStudios(actor, [updated], tx))[0];
      });
    },

    async addMember(actor: Actor, studioId: number, input: MemberInput) {
      return db.transaction(async (tx) => {
        const studio = await managedStudio(actor, studioId, tx);
        if (input.userId) await mediatorAccount(studio, input.userId, null, tx);
        const values = { role: input.role, name: input.name, phone: memberPhone(input.phone), userId: input.userId ?? null, lawFirm: lawFirmOf(input.role, input.lawFirm) };
        const [member] = await tx
          .insert(studioMembers)
          .values({ tenantId: studio.tenantId, studioId: studio.id, ...values })
          .returning();
        await audit(tx, actor, studio, 'member_add', `「${studio.name}」团队增加${STUDIO_ROLES[member.role]} ${member.name}`, { after: values });
        return (await shownStudios(actor, [studio], tx))[0];
      });
    },

    updateMember,

    /** 停用: the member leaves the team (kept for the cases they handled); an account seat stops mediating. */
    deactivateMember: (actor: Actor, studioId: number, memberId: number, version: number) => updateMember(actor, studioId, memberId, { active: false, version }),

    /** The active studios that serve an org's workers: those of the org and of the unions above it, nearest first. */
    async studiosServing(org: { tenantId: number; path: string }, tx: Db = db) {
      return tx
        .select()
        .from(mediationStudios)
        .where(and(eq(mediationStudios.tenantId, org.tenantId), eq(mediationStudios.active, true), sql`${mediationStudios.orgPath} @> ${org.path}::ltree`))
        .orderBy(sql`nlevel(${mediationStudios.orgPath}) desc`, asc(mediationStudios.name), asc(mediationStudios.id));
    },

    /** The studio's active team, for an actor who may see the studio. */
    async membersOf(actor: Actor, studioId: number, tx: Db = db) {
      const studio = await findStudio(actor, studioId, tx);
      return teamOf(studio, tx);
    },
  };
}

export type Studios = ReturnType<typeof createStudios>;
