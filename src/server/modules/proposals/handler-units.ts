import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { rolesCarrying } from '../../platform/accounts/roles.js';
import { roleGrants, users } from '../../platform/accounts/schema.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { conflict, notFound, validationError } from '../../platform/errors.js';
import { orgs as orgTable } from '../../platform/org-tree/schema.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { canAt, requireAt, scopePaths, withinOrAbove } from '../../platform/scope.js';
import { HANDLER_KINDS, type HandlerKind, handlerUnitAccounts, handlerUnits } from './schema.js';

/**
 * 承办单位: the departments and offices proposals are assigned to, registered
 * by a union (`proposals.handlers`), and the accounts that act for them. A
 * unit registered at a union may handle the proposals of that union and of
 * every union below it, so a town's staff also see (but do not manage) the
 * units of their county.
 */

export interface HandlerUnitInput {
  orgId: number;
  name: string;
  kind: HandlerKind;
  contact?: string | null;
}

type UnitRow = typeof handlerUnits.$inferSelect;

/** The roles that act for a handler unit (`handler`). */
const handlerRoles = () => rolesCarrying('proposals.handle');

export function createHandlerUnits(ctx: { db: Db; orgs: Pick<OrgService, 'byId' | 'namesByIds'> }) {
  const { db, orgs } = ctx;

  /** The units the actor may see: those serving the subtree where it registers or assigns (scope.ts). */
  const unitScope = (actor: Actor) => withinOrAbove(actor, ['proposals.handlers', 'proposals.assign'], handlerUnits);

  /** A unit the actor may see (404 otherwise) and manage (403 otherwise). */
  async function managedUnit(actor: Actor, id: number, tx: Db) {
    const [unit] = await tx
      .select()
      .from(handlerUnits)
      .where(and(eq(handlerUnits.id, id), unitScope(actor)));
    if (!unit) throw notFound('承办单位', 'handler unit');
    requireAt(actor, 'proposals.handlers', unit.orgPath);
    return unit;
  }

  /** Units as the list shows them; accounts only of those the actor manages. */
  async function shown(actor: Actor, units: UnitRow[], tx: Db = db) {
    const managed = units.filter((u) => canAt(actor, 'proposals.handlers', u.orgPath));
    const names = await orgs.namesByIds(units.map((u) => u.orgId), tx);
    const accounts =
      managed.length === 0
        ? []
        : await tx
            .select({ tenantId: handlerUnitAccounts.tenantId, unitId: handlerUnitAccounts.unitId, userId: users.id, username: users.username, displayName: users.displayName })
            .from(handlerUnitAccounts)
            .innerJoin(users, eq(users.id, handlerUnitAccounts.userId))
            .where(or(...managed.map((u) => and(eq(handlerUnitAccounts.tenantId, u.tenantId), eq(handlerUnitAccounts.unitId, u.id)))))
            .orderBy(asc(handlerUnitAccounts.id));
    return units.map((u) => ({
      id: u.id,
      orgId: u.orgId,
      orgName: names.get(u.orgId) ?? '',
      name: u.name,
      kind: u.kind,
      kindLabel: HANDLER_KINDS[u.kind],
      contact: u.contact,
      canManage: managed.includes(u),
      accounts: accounts.filter((a) => a.tenantId === u.tenantId && a.unitId === u.id).map(({ userId, username, displayName }) => ({ userId, username, displayName })),
    }));
  }

  /** One registration of a name per union: the unique index would only say 数据重复. */
  async function checkNameFree(unit: { tenantId: number; orgId: number; name: string; id?: number }, tx: Db) {
    const [same] = await tx
      .select({ id: handlerUnits.id })
      .from(handlerUnits)
      .where(and(eq(handlerUnits.tenantId, unit.tenantId), eq(handlerUnits.orgId, unit.orgId), eq(handlerUnits.name, unit.name)));
    if (same && same.id !== unit.id) throw conflict(`本工会已登记名为「${unit.name}」的承办单位`, 'A handler unit of this name is registered here already');
  }

  const audit = (tx: Db, actor: Actor, unit: UnitRow, action: string, summary: string, after?: unknown) =>
    recordAudit(tx, actor, { action: `handler_unit.${action}`, entityType: 'handler_unit', entityId: unit.id, tenantId: unit.tenantId, orgPath: unit.orgPath, summary, after });

  /** The account to add, which must hold the handler role at an org of the unit's county within the actor's scope. */
  async function handlerAccount(actor: Actor, unit: UnitRow, userId: number, tx: Db) {
    const [user] = await tx.select({ id: users.id, displayName: users.displayName, active: users.active }).from(users).where(eq(users.id, userId));
    const grants = user
      ? await tx
          .select({ role: roleGrants.role, path: orgTable.path, tenantId: orgTable.tenantId })
          .from(roleGrants)
          .innerJoin(orgTable, eq(orgTable.id, roleGrants.orgId))
          .where(and(eq(roleGrants.userId, userId), eq(orgTable.active, true)))
      : [];
    const reachable = grants.filter((g) => g.tenantId === unit.tenantId && canAt(actor, 'proposals.handlers', g.path));
    if (!user || !user.active || reachable.length === 0) throw validationError([{ field: 'userId', reason: '账号不存在或不在您的管理范围内' }]);
    if (!reachable.some((g) => handlerRoles().includes(g.role))) {
      throw validationError([{ field: 'userId', reason: `「${user.displayName}」没有「承办单位」角色，请先在账号管理中授予` }]);
    }
    return user;
  }

  return {
    /** Units the actor may see; with `usableFor`, only those that may handle a proposal at that org path in that county. */
    async list(actor: Actor, usableFor?: { tenantId: number; orgPath: string }) {
      const filters = [unitScope(actor)];
      if (usableFor) filters.push(eq(handlerUnits.tenantId, usableFor.tenantId), sql`${handlerUnits.orgPath} @> ${usableFor.orgPath}::ltree`);
      const units = await db
        .select()
        .from(handlerUnits)
        .where(and(...filters))
        .orderBy(asc(handlerUnits.orgPath), asc(handlerUnits.name), asc(handlerUnits.id));
      return { items: await shown(actor, units) };
    },

    async create(actor: Actor, input: HandlerUnitInput) {
      return db.transaction(async (tx) => {
        const org = await orgs.byId(input.orgId, tx);
        if (!org || !canAt(actor, 'proposals.handlers', org.path)) throw notFound('工会', 'union');
        if (!org.active) throw validationError([{ field: 'orgId', reason: '该工会已撤销' }]);
        await checkNameFree({ tenantId: org.tenantId, orgId: org.id, name: input.name }, tx);
        const [unit] = await tx
          .insert(handlerUnits)
          .values({ tenantId: org.tenantId, orgId: org.id, orgPath: org.path, name: input.name, kind: input.kind, contact: input.contact ?? null })
          .returning();
        await audit(tx, actor, unit, 'create', `登记承办单位「${unit.name}」（${HANDLER_KINDS[unit.kind]}，${org.name}）`, { name: unit.name, kind: unit.kind, contact: unit.contact });
        return (await shown(actor, [unit], tx))[0];
      });
    },

    async update(actor: Actor, id: number, changes: Partial<Omit<HandlerUnitInput, 'orgId'>>) {
      return db.transaction(async (tx) => {
        const unit = await managedUnit(actor, id, tx);
        if (changes.name !== undefined) await checkNameFree({ ...unit, name: changes.name }, tx);
        const [updated] = await tx
          .update(handlerUnits)
          .set({ ...changes, updatedAt: new Date() })
          .where(and(eq(handlerUnits.tenantId, unit.tenantId), eq(handlerUnits.id, unit.id)))
          .returning();
        await recordAudit(tx, actor, {
          action: 'handler_unit.update',
          entityType: 'handler_unit',
          entityId: unit.id,
          tenantId: unit.tenantId,
          orgPath: unit.orgPath,
          summary: `修改承办单位「${updated.name}」`,
          before: { name: unit.name, kind: unit.kind, contact: unit.contact },
          after: { name: updated.name, kind: updated.kind, contact: updated.contact },
        });
        return (await shown(actor, [updated], tx))[0];
      });
    },

    async addAccount(actor: Actor, id: number, userId: number) {
      return db.transaction(async (tx) => {
        const unit = await managedUnit(actor, id, tx);
        const user = await handlerAccount(actor, unit, userId, tx);
        const [added] = await tx.insert(handlerUnitAccounts).values({ tenantId: unit.tenantId, unitId: unit.id, userId }).onConflictDoNothing().returning();
        if (!added) throw conflict(`「${user.displayName}」已是本单位的承办账号`, 'The account acts for this unit already');
        await audit(tx, actor, unit, 'add_account', `承办单位「${unit.name}」添加承办账号「${user.displayName}」`, { userId });
        return (await shown(actor, [unit], tx))[0];
      });
    },

    async removeAccount(actor: Actor, id: number, userId: number) {
      await db.transaction(async (tx) => {
        const unit = await managedUnit(actor, id, tx);
        const [removed] = await tx
          .delete(handlerUnitAccounts)
          .where(and(eq(handlerUnitAccounts.tenantId, unit.tenantId), eq(handlerUnitAccounts.unitId, unit.id), eq(handlerUnitAccounts.userId, userId)))
          .returning();
        if (!removed) throw notFound('本单位的承办账号', 'account of this unit');
        await audit(tx, actor, unit, 'remove_account', `承办单位「${unit.name}」移除承办账号（用户 ${userId}）`, { userId });
      });
    },

    /** The units an account acts for (none unless it holds the handler role somewhere). */
    async unitsOf(actor: Actor, tx: Db = db) {
      if (actor.userId === null || scopePaths(actor, 'proposals.handle').length === 0) return [];
      return tx.select({ tenantId: handlerUnitAccounts.tenantId, id: handlerUnitAccounts.unitId }).from(handlerUnitAccounts).where(eq(handlerUnitAccounts.userId, actor.userId));
    },

    /** The active accounts of these units that still hold the handler role: who handles, who is notified. */
    async accountsOf(tenantId: number, unitIds: readonly number[], tx: Db = db) {
      if (unitIds.length === 0) return [];
      const rows = await tx
        .selectDistinct({ userId: handlerUnitAccounts.userId })
        .from(handlerUnitAccounts)
        .innerJoin(users, eq(users.id, handlerUnitAccounts.userId))
        .where(
          and(
            eq(handlerUnitAccounts.tenantId, tenantId),
            inArray(handlerUnitAccounts.unitId, [...unitIds]),
            eq(users.active, true),
            sql`exists (select 1 from ${roleGrants} g where g.user_id = ${handlerUnitAccounts.userId} and g.role in (${sql.join(handlerRoles().map((r) => sql`${r}`), sql`, `)}))`,
          ),
        );
      return rows.map((r) => r.userId);
    },

    /** Units of a county by id (any of them; callers decide what may be named). */
    async byIds(tenantId: number, ids: readonly number[], tx: Db = db) {
      if (ids.length === 0) return [];
      return tx
        .select()
        .from(handlerUnits)
        .where(and(eq(handlerUnits.tenantId, tenantId), inArray(handlerUnits.id, [...ids])));
    },
  };
}

export type HandlerUnits = ReturnType<typeof createHandlerUnits>;
