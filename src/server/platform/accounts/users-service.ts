import { and, asc, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { orgs } from '../org-tree/schema.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit.js';
import { conflict, eachAlone, notFound, validationError } from '../errors.js';
import { requireAt, requirePaths, scopeFilter, scopePaths } from '../scope.js';
import { parseMobile } from '../cn-ids.js';
import { generateOneTimePassword, hashPassword } from './passwords.js';
import { type Role, ROLES } from './roles.js';
import { accountKeyOf, clearAccountThrottle } from './login-throttle.js';
import { loginThrottles, roleGrants, sessions, users } from './schema.js';

export interface NewUser {
  username: string;
  displayName: string;
  homeOrgId: number;
  phone?: string | null;
  grants: { role: Role; orgId: number }[];
}

/**
 * Administration of staff accounts. A user is visible to an admin whose scope
 * covers the user's home org; each grant given must lie in the admin's scope too.
 */
export function createUserService(deps: { db: Db }) {
  const { db } = deps;

  const readPaths = (actor: Actor) => requirePaths(actor, 'users.read');

  async function orgInScope(actor: Actor, orgId: number, field: string, tx: Db) {
    const [org] = await tx.select().from(orgs).where(and(eq(orgs.id, orgId), scopeFilter(orgs.path, scopePaths(actor, 'users.manage'))));
    if (!org) throw validationError([{ field, reason: '组织不存在或不在您的管理范围内' }]);
    if (!org.active) throw validationError([{ field, reason: '该组织已撤销' }]);
    return org;
  }

  async function load(actor: Actor, id: number, tx: Db = db) {
    const [row] = await tx
      .select({ user: users, homeOrgName: orgs.name, homePath: orgs.path, tenantId: orgs.tenantId })
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.homeOrgId))
      .where(and(eq(users.id, id), scopeFilter(orgs.path, readPaths(actor))));
    if (!row) throw notFound('用户', 'user');
    return row;
  }

  async function view(ids: number[], tx: Db = db) {
    if (ids.length === 0) return [];
    const [rows, grants] = await Promise.all([
      tx
        .select({
          id: users.id,
          username: users.username,
          displayName: users.displayName,
          phone: users.phone,
          active: users.active,
          homeOrgId: users.homeOrgId,
          homeOrgName: orgs.name,
          blockedUntil: loginThrottles.blockedUntil,
          lastLoginAt: users.lastLoginAt,
          mustChangePassword: users.mustChangePassword,
          version: users.version,
        })
        .from(users)
        .innerJoin(orgs, eq(orgs.id, users.homeOrgId))
        .leftJoin(loginThrottles, eq(loginThrottles.key, accountKeyOf(users.username)))
        .where(inArray(users.id, ids)),
      tx
        .select({ id: roleGrants.id, userId: roleGrants.userId, role: roleGrants.role, orgId: roleGrants.orgId, orgName: orgs.name })
        .from(roleGrants)
        .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
        .where(inArray(roleGrants.userId, ids))
        .orderBy(asc(roleGrants.id)),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids
      .map((id) => byId.get(id))
      .filter((r) => r !== undefined)
      .map(({ blockedUntil, ...r }) => ({
        ...r,
        // Sign-in is delayed after repeated wrong passwords (login-throttle.ts); shown as locked until then.
        lockedUntil: blockedUntil && blockedUntil > new Date() ? blockedUntil : null,
        grants: grants.filter((g) => g.userId === r.id).map(({ userId: _u, ...g }) => ({ ...g, roleLabel: ROLES[g.role] })),
      }));
  }

  async function viewOne(id: number, tx: Db = db) {
    const [user] = await view([id], tx);
    return user!;
  }

  async function audit(tx: Db, actor: Actor, target: Awaited<ReturnType<typeof load>>, action: string, summary: string, before?: unknown, after?: unknown) {
    await recordAudit(tx, actor, {
      action,
      entityType: 'user',
      entityId: target.user.id,
      tenantId: target.tenantId,
      orgPath: target.homePath,
      summary,
      before,
      after,
    });
  }

  /** Nobody locks themselves out: an administrator's own account is disabled by another administrator. */
  function refuseOwnDisable(actor: Actor, id: number, active: boolean | undefined) {
    if (active === false && id === actor.userId) throw conflict('不能停用自己的账号', 'You cannot disable your own account');
  }

  /** A disabled account's sessions end with it (the session cache's epoch moves with `users.active`: auth_epoch triggers). */
  async function endSessionsIfDisabled(tx: Db, id: number, active: boolean | undefined) {
    if (active === false) await tx.delete(sessions).where(eq(sessions.userId, id));
  }

  function checkPhone(phone: string | null | undefined) {
    if (!phone) return null;
    const parsed = parseMobile(phone);
    if (!parsed.ok) throw validationError([{ field: 'phone', reason: parsed.reason }]);
    return parsed.mobile;
  }

  return {
    viewOne,

    /**
     * Accounts found by name to link to a record (a mediator to a studio's team), for staff who may not
     * administer accounts: the name, the username and the roles held, nothing else (no phone, no logins).
     */
    async pick(actor: Actor, q: string) {
      const like = `%${q.replace(/[%_\\]/g, '\\$&')}%`;
      const found = await db
        .select({ id: users.id, username: users.username, displayName: users.displayName })
        .from(users)
        .innerJoin(orgs, eq(orgs.id, users.homeOrgId))
        .where(and(scopeFilter(orgs.path, requirePaths(actor, 'users.pick')), eq(users.active, true), sql`(${users.username} ilike ${like} or ${users.displayName} like ${like})`))
        .orderBy(asc(users.displayName), asc(users.id))
        .limit(20);
      const grants = found.length === 0 ? [] : await db.select({ userId: roleGrants.userId, role: roleGrants.role }).from(roleGrants).where(inArray(roleGrants.userId, found.map((u) => u.id)));
      return found.map((u) => ({ ...u, roles: [...new Set(grants.filter((g) => g.userId === u.id).map((g) => g.role))] }));
    },

    async list(actor: Actor, params: { q?: string; orgId?: number; active?: boolean; page: number; pageSize: number }) {
      const filters: SQL[] = [scopeFilter(orgs.path, readPaths(actor))];
      if (params.q) {
        // Escape LIKE's wildcards (backslash is its default escape): usernames contain '_'.
        const like = `%${params.q.replace(/[%_\\]/g, '\\$&')}%`;
        filters.push(sql`(${users.username} ilike ${like} or ${users.displayName} like ${like} or ${users.phone} like ${like})`);
      }
      if (params.orgId) {
        const [org] = await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, params.orgId));
        filters.push(org ? sql`${orgs.path} <@ ${org.path}::ltree` : sql`false`);
      }
      if (params.active !== undefined) filters.push(eq(users.active, params.active));
      const where = and(...filters);
      const [ids, [{ total }]] = await Promise.all([
        db
          .select({ id: users.id })
          .from(users)
          .innerJoin(orgs, eq(orgs.id, users.homeOrgId))
          .where(where)
          .orderBy(asc(users.id))
          .limit(params.pageSize)
          .offset((params.page - 1) * params.pageSize),
        db.select({ total: count() }).from(users).innerJoin(orgs, eq(orgs.id, users.homeOrgId)).where(where),
      ]);
      return { items: await view(ids.map((r) => r.id)), total, page: params.page, pageSize: params.pageSize };
    },

    async get(actor: Actor, id: number) {
      await load(actor, id);
      return viewOne(id);
    },

    /** Create an account with a one-time password that must be changed at first sign-in. */
    async create(actor: Actor, input: NewUser) {
      requirePaths(actor, 'users.manage');
      const username = input.username.trim();
      if (!/^[A-Za-z0-9_.-]{3,50}$/.test(username)) {
        throw validationError([{ field: 'username', reason: '用户名为 3–50 位字母、数字、下划线、点或连字符' }]);
      }
      const phone = checkPhone(input.phone);
      const oneTimePassword = generateOneTimePassword();
      const passwordHash = await hashPassword(oneTimePassword);
      const user = await db.transaction(async (tx) => {
        const home = await orgInScope(actor, input.homeOrgId, 'homeOrgId', tx);
        const [taken] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`);
        if (taken) throw validationError([{ field: 'username', reason: '用户名已被使用' }]);
        const [created] = await tx
          .insert(users)
          .values({ username, displayName: input.displayName.trim(), homeOrgId: home.id, phone, passwordHash, mustChangePassword: true })
          .returning();
        for (const [i, grant] of input.grants.entries()) {
          await orgInScope(actor, grant.orgId, `grants.${i}.orgId`, tx);
          await tx.insert(roleGrants).values({ userId: created.id, orgId: grant.orgId, role: grant.role }).onConflictDoNothing();
        }
        const view = await viewOne(created.id, tx);
        await recordAudit(tx, actor, {
          action: 'user.create',
          entityType: 'user',
          entityId: created.id,
          tenantId: home.tenantId,
          orgPath: home.path,
          summary: `新建用户「${username}」（${created.displayName}）`,
          after: view,
        });
        return view;
      });
      return { user, oneTimePassword };
    },

    async update(actor: Actor, id: number, patch: { version: number; displayName?: string; phone?: string | null; active?: boolean; homeOrgId?: number }) {
      return db.transaction(async (tx) => {
        const target = await load(actor, id, tx);
        requireAt(actor, 'users.manage', target.homePath);
        if (target.user.version !== patch.version) throw conflict('该用户已被他人修改，请刷新后重试', 'The user was changed by someone else; reload and retry');
        refuseOwnDisable(actor, id, patch.active);
        if (patch.homeOrgId !== undefined) await orgInScope(actor, patch.homeOrgId, 'homeOrgId', tx);
        const before = await viewOne(id, tx);
        // Conditional on the version read: of two edits landing together, the second is refused, not merged.
        const [changed] = await tx
          .update(users)
          .set({
            ...(patch.displayName !== undefined ? { displayName: patch.displayName.trim() } : {}),
            ...(patch.phone !== undefined ? { phone: checkPhone(patch.phone) } : {}),
            ...(patch.active !== undefined ? { active: patch.active } : {}),
            ...(patch.homeOrgId !== undefined ? { homeOrgId: patch.homeOrgId } : {}),
            version: target.user.version + 1,
            updatedAt: new Date(),
          })
          .where(and(eq(users.id, id), eq(users.version, patch.version)))
          .returning({ id: users.id });
        if (!changed) throw conflict('该用户已被他人修改，请刷新后重试', 'The user was changed by someone else; reload and retry');
        await endSessionsIfDisabled(tx, id, patch.active);
        const after = await viewOne(id, tx);
        await audit(tx, actor, target, 'user.update', `修改用户「${target.user.username}」`, before, after);
        return after;
      });
    },

    /**
     * 批量启用/停用: each account alone, a result per account (eachAlone). Refused with a reason: one's own
     * account (disabling), an account already so, one outside the actor's scope.
     */
    async setActive(actor: Actor, ids: readonly number[], active: boolean) {
      requirePaths(actor, 'users.manage');
      return eachAlone(ids, (id) =>
        db.transaction(async (tx) => {
          const target = await load(actor, id, tx);
          requireAt(actor, 'users.manage', target.homePath);
          refuseOwnDisable(actor, id, active);
          if (target.user.active === active) throw conflict(`该账号已是${active ? '启用' : '停用'}状态`, `The account is already ${active ? 'enabled' : 'disabled'}`);
          // Conditional on the state read, so two administrators acting at once change it once.
          const [changed] = await tx
            .update(users)
            .set({ active, version: target.user.version + 1, updatedAt: new Date() })
            .where(and(eq(users.id, id), eq(users.version, target.user.version)))
            .returning({ id: users.id });
          if (!changed) throw conflict('该用户已被他人修改，请刷新后重试', 'The user was changed by someone else; reload and retry');
          await endSessionsIfDisabled(tx, id, active);
          const verb = active ? '启用' : '停用';
          await audit(tx, actor, target, active ? 'user.enable' : 'user.disable', `${verb}用户「${target.user.username}」`, { active: !active }, { active });
        }),
      );
    },

    async resetPassword(actor: Actor, id: number) {
      const oneTimePassword = generateOneTimePassword();
      const passwordHash = await hashPassword(oneTimePassword);
      await db.transaction(async (tx) => {
        const target = await load(actor, id, tx);
        requireAt(actor, 'users.manage', target.homePath);
        await tx.update(users).set({ passwordHash, mustChangePassword: true, updatedAt: new Date() }).where(eq(users.id, id));
        await clearAccountThrottle(tx, target.user.username);
        await tx.delete(sessions).where(eq(sessions.userId, id));
        await audit(tx, actor, target, 'user.reset_password', `重置用户「${target.user.username}」的密码`);
      });
      return { oneTimePassword };
    },

    async unlock(actor: Actor, id: number) {
      return db.transaction(async (tx) => {
        const target = await load(actor, id, tx);
        requireAt(actor, 'users.manage', target.homePath);
        await clearAccountThrottle(tx, target.user.username);
        await audit(tx, actor, target, 'user.unlock', `解锁用户「${target.user.username}」`);
        return viewOne(id, tx);
      });
    },

    async addGrant(actor: Actor, id: number, grant: { role: Role; orgId: number }) {
      return db.transaction(async (tx) => {
        const target = await load(actor, id, tx);
        requireAt(actor, 'users.manage', target.homePath);
        const org = await orgInScope(actor, grant.orgId, 'orgId', tx);
        const [added] = await tx.insert(roleGrants).values({ userId: id, orgId: org.id, role: grant.role }).onConflictDoNothing().returning();
        if (!added) throw conflict('该用户在此组织已有这个角色', 'The user already holds this role there');
        await audit(tx, actor, target, 'user.grant', `授予用户「${target.user.username}」在「${org.name}」的角色「${ROLES[grant.role]}」`, undefined, grant);
        return viewOne(id, tx);
      });
    },

    async removeGrant(actor: Actor, id: number, grantId: number) {
      return db.transaction(async (tx) => {
        const target = await load(actor, id, tx);
        requireAt(actor, 'users.manage', target.homePath);
        const [grant] = await tx
          .select({ grant: roleGrants, orgName: orgs.name, orgPath: orgs.path })
          .from(roleGrants)
          .innerJoin(orgs, eq(orgs.id, roleGrants.orgId))
          .where(and(eq(roleGrants.id, grantId), eq(roleGrants.userId, id)));
        if (!grant) throw notFound('角色授权', 'grant');
        requireAt(actor, 'users.manage', grant.orgPath);
        if (id === actor.userId && grant.grant.role === 'admin') throw conflict('不能撤销自己的管理员角色', 'You cannot remove your own admin role');
        await tx.delete(roleGrants).where(eq(roleGrants.id, grantId));
        await audit(tx, actor, target, 'user.revoke', `撤销用户「${target.user.username}」在「${grant.orgName}」的角色「${ROLES[grant.grant.role]}」`, grant.grant, undefined);
        return viewOne(id, tx);
      });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
