import { and, asc, count, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit.js';
import { parseCreditCode } from '../cn-ids.js';
import { type Db, queryRows } from '../../db/client.js';
import { AppError, conflict, notFound, validationError } from '../errors.js';
import { anyRolePaths, canAt, isWithin, requireAt, scopeFilter, scopePaths } from '../scope.js';
import { buildSearchDocument, searchQuery, searchVector } from '../search-tokens.js';
import type { SubtreeMovedHook } from './paths.js';
import { divisions, ORG_TYPES, type OrgType, orgs, TENANT_ORG_TYPES, TENANT_ORG_TYPES_SQL } from './schema.js';

export type OrgRow = typeof orgs.$inferSelect;

/** Which org types may sit directly under which: the shape of the union tree (DESIGN §2). */
const ALLOWED_CHILDREN: Record<OrgType, readonly OrgType[]> = {
  national: ['province', 'industry_federation', 'platform'],
  province: ['city', 'industry_federation', 'joint', 'platform'],
  city: ['county', 'industry_federation', 'joint', 'platform', 'grassroots'],
  county: ['town', 'joint', 'industry_federation', 'platform', 'grassroots'],
  town: ['grassroots', 'joint'],
  joint: ['grassroots'],
  industry_federation: ['grassroots', 'joint'],
  platform: ['grassroots'],
  grassroots: [],
};

export interface OrgInput {
  name: string;
  type: OrgType;
  divisionCode?: string | null;
  creditCode?: string | null;
  foundedOn?: string | null;
  chairName?: string | null;
  phone?: string | null;
  address?: string | null;
  sortOrder?: number;
  autoApproveJoins?: boolean;
}

export type OrgAction = 'edit' | 'create_child' | 'move' | 'deactivate' | 'reactivate';

export type { SubtreeMovedHook } from './paths.js';

export function createOrgService(deps: { db: Db; subtreeMovedHooks?: SubtreeMovedHook[] }) {
  const { db } = deps;
  const hooks = deps.subtreeMovedHooks ?? [];

  const nodeColumns = {
    id: orgs.id,
    parentId: orgs.parentId,
    name: orgs.name,
    type: orgs.type,
    path: orgs.path,
    depth: orgs.depth,
    active: orgs.active,
    divisionCode: orgs.divisionCode,
    divisionName: divisions.fullName,
    creditCode: orgs.creditCode,
    foundedOn: orgs.foundedOn,
    chairName: orgs.chairName,
    hasChildren: sql<boolean>`exists (select 1 from ${orgs} c where c.parent_id = ${orgs.id})`.mapWith(Boolean),
  };

  const withLabel = <T extends { type: OrgType }>(row: T) => ({ ...row, typeLabel: ORG_TYPES[row.type] });

  /** Visible = within any of the actor's role paths; otherwise 404, never a hint that it exists. */
  async function findVisible(actor: Actor, id: number, tx: Db = db): Promise<OrgRow> {
    const [row] = await tx
      .select()
      .from(orgs)
      .where(and(eq(orgs.id, id), scopeFilter(orgs.path, anyRolePaths(actor))));
    if (!row) throw notFound('组织', 'organisation');
    return row;
  }

  /** The parent of a visible org. Not scope-checked: detail shows every ancestor anyway; callers check the permission (403, not 404). */
  async function parentOf(org: OrgRow, tx: Db): Promise<OrgRow> {
    const [row] = await tx.select().from(orgs).where(eq(orgs.id, org.parentId!));
    return row!;
  }

  async function ancestorsOf(path: string, tx: Db = db) {
    const ids = path.split('.').slice(0, -1).map(Number);
    if (ids.length === 0) return [];
    const rows = await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, ids));
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)!).filter(Boolean);
  }

  function allowedActions(actor: Actor, org: OrgRow, hasParent: boolean): OrgAction[] {
    if (!canAt(actor, 'orgs.manage', org.path)) return [];
    const actions: OrgAction[] = ['edit'];
    if (org.active && ALLOWED_CHILDREN[org.type].length > 0) actions.push('create_child');
    // Moving or closing the org one's own role sits on would cut the actor off from it.
    const managesParent = hasParent && canAt(actor, 'orgs.manage', org.path.split('.').slice(0, -1).join('.'));
    if (managesParent) actions.push('move', org.active ? 'deactivate' : 'reactivate');
    return actions;
  }

  async function detail(actor: Actor, id: number, tx: Db = db) {
    const org = await findVisible(actor, id, tx);
    const [node] = await tx.select(nodeColumns).from(orgs).leftJoin(divisions, eq(divisions.code, orgs.divisionCode)).where(eq(orgs.id, id));
    const [{ childCount }] = await tx.select({ childCount: count() }).from(orgs).where(eq(orgs.parentId, id));
    return {
      ...withLabel(node!),
      ancestors: await ancestorsOf(org.path, tx),
      phone: org.phone,
      address: org.address,
      sortOrder: org.sortOrder,
      autoApproveJoins: org.autoApproveJoins,
      tenantId: org.tenantId,
      version: org.version,
      childCount,
      allowedActions: allowedActions(actor, org, org.parentId != null),
    };
  }

  async function validateInput(input: Partial<OrgInput>, tx: Db) {
    const issues: { field: string; reason: string }[] = [];
    if (input.name !== undefined && input.name.trim().length < 2) issues.push({ field: 'name', reason: '名称至少 2 个字' });
    if (input.divisionCode) {
      const [division] = await tx.select({ code: divisions.code }).from(divisions).where(eq(divisions.code, input.divisionCode));
      if (!division) issues.push({ field: 'divisionCode', reason: '不是有效的行政区划代码（GB/T 2260）' });
    }
    let creditCode = input.creditCode;
    if (creditCode) {
      const parsed = parseCreditCode(creditCode);
      if (!parsed.ok) issues.push({ field: 'creditCode', reason: parsed.reason });
      else if (!parsed.isTradeUnion) issues.push({ field: 'creditCode', reason: '工会的统一社会信用代码应以 81 开头' });
      else creditCode = parsed.code;
    }
    if (issues.length) throw validationError(issues);
    return { ...input, name: input.name?.trim(), creditCode };
  }

  function checkPlacement(parentType: OrgType, childType: OrgType) {
    if (!ALLOWED_CHILDREN[parentType].includes(childType)) {
      throw validationError([
        { field: 'type', reason: `${ORG_TYPES[parentType]}下不能直接设立${ORG_TYPES[childType]}` },
      ]);
    }
  }

  const tenantFor = (parent: OrgRow, type: OrgType, ownId: number) =>
    TENANT_ORG_TYPES.includes(type) ? ownId : parent.tenantId;

  const auditEntry = (org: OrgRow) => ({ entityType: 'org', entityId: org.id, tenantId: org.tenantId, orgPath: org.path });

  const snapshot = (org: OrgRow) => {
    const { search: _search, createdAt: _c, updatedAt: _u, ...rest } = org;
    return rest;
  };

  function checkVersion(org: OrgRow, version: number) {
    if (org.version !== version) throw conflict('该组织已被他人修改，请刷新后重试', 'The organisation was changed by someone else; reload and retry');
  }

  return {
    detail,

    /** Children of one org, or the roots of the actor's scope. */
    async children(actor: Actor, parentId?: number) {
      const roots = anyRolePaths(actor);
      if (roots.length === 0) return [];
      const where: SQL | undefined =
        parentId === undefined
          ? sql`${orgs.path} in (${sql.join(
              roots.map((p) => sql`${p}::ltree`),
              sql`, `,
            )})`
          : and(eq(orgs.parentId, (await findVisible(actor, parentId)).id));
      const rows = await db
        .select(nodeColumns)
        .from(orgs)
        .leftJoin(divisions, eq(divisions.code, orgs.divisionCode))
        .where(where)
        .orderBy(asc(orgs.sortOrder), asc(orgs.id));
      return rows.map(withLabel);
    },

    async search(actor: Actor, params: { q?: string; type?: OrgType; active?: boolean; page: number; pageSize: number }) {
      const filters: SQL[] = [scopeFilter(orgs.path, anyRolePaths(actor))];
      const tsquery = params.q ? searchQuery(params.q) : null;
      if (params.q && !tsquery) return { items: [], total: 0, page: params.page, pageSize: params.pageSize };
      if (tsquery) filters.push(sql`${orgs.search} @@ to_tsquery('simple', ${tsquery})`);
      if (params.type) filters.push(eq(orgs.type, params.type));
      if (params.active !== undefined) filters.push(eq(orgs.active, params.active));
      const where = and(...filters);
      const [rows, [{ total }]] = await Promise.all([
        db
          .select(nodeColumns)
          .from(orgs)
          .leftJoin(divisions, eq(divisions.code, orgs.divisionCode))
          .where(where)
          .orderBy(asc(orgs.depth), asc(orgs.sortOrder), asc(orgs.id))
          .limit(params.pageSize)
          .offset((params.page - 1) * params.pageSize),
        db.select({ total: count() }).from(orgs).where(where),
      ]);
      // One lookup for all ancestors of the page, not one per row.
      const ancestorIds = [...new Set(rows.flatMap((r) => r.path.split('.').slice(0, -1).map(Number)))];
      const names = ancestorIds.length
        ? new Map((await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, ancestorIds))).map((r) => [r.id, r.name]))
        : new Map<number, string>();
      const items = rows.map((r) => ({
        ...withLabel(r),
        ancestors: r.path
          .split('.')
          .slice(0, -1)
          .map((id) => ({ id: Number(id), name: names.get(Number(id)) ?? '' })),
      }));
      return { items, total, page: params.page, pageSize: params.pageSize };
    },

    async create(actor: Actor, input: OrgInput & { parentId: number }) {
      return db.transaction(async (tx) => {
        const parent = await findVisible(actor, input.parentId, tx);
        requireAt(actor, 'orgs.manage', parent.path);
        if (!parent.active) throw conflict('上级组织已撤销，不能在其下新建组织', 'The parent organisation is deactivated');
        checkPlacement(parent.type, input.type);
        const clean = await validateInput(input, tx);
        // The id is part of the path, so take it from the sequence first.
        const [{ nextId }] = await queryRows<{ nextId: number }>(tx, sql`select nextval('orgs_id_seq')::int as "nextId"`);
        const [org] = await tx
          .insert(orgs)
          .overridingSystemValue()
          .values({
            id: nextId,
            parentId: parent.id,
            tenantId: tenantFor(parent, input.type, nextId),
            path: `${parent.path}.${nextId}`,
            depth: parent.depth + 1,
            name: clean.name!,
            type: input.type,
            divisionCode: clean.divisionCode ?? null,
            creditCode: clean.creditCode ?? null,
            foundedOn: clean.foundedOn ?? null,
            chairName: clean.chairName ?? null,
            phone: clean.phone ?? null,
            address: clean.address ?? null,
            sortOrder: clean.sortOrder ?? 0,
            autoApproveJoins: clean.autoApproveJoins ?? false,
            search: searchVector(buildSearchDocument({ orgNames: [clean.name!], exact: [clean.creditCode, clean.divisionCode] })) as unknown as string,
          })
          .returning();
        await recordAudit(tx, actor, {
          action: 'org.create',
          ...auditEntry(org),
          summary: `在「${parent.name}」下新建${ORG_TYPES[org.type]}「${org.name}」`,
          after: snapshot(org),
        });
        return detail(actor, org.id, tx);
      });
    },

    async update(actor: Actor, id: number, patch: Partial<OrgInput> & { version: number }) {
      return db.transaction(async (tx) => {
        const org = await findVisible(actor, id, tx);
        requireAt(actor, 'orgs.manage', org.path);
        checkVersion(org, patch.version);
        if (patch.type && patch.type !== org.type) {
          if (TENANT_ORG_TYPES.includes(patch.type) !== TENANT_ORG_TYPES.includes(org.type)) {
            throw conflict('不能在县级以上工会与基层类型之间直接转换（会改变数据归属）', 'Changing between tenant and non-tenant org types is not allowed');
          }
          if (org.parentId) checkPlacement((await parentOf(org, tx)).type, patch.type);
          const childTypes = await tx.selectDistinct({ type: orgs.type }).from(orgs).where(eq(orgs.parentId, id));
          for (const child of childTypes) checkPlacement(patch.type, child.type);
        }
        const { version: _version, ...changes } = patch;
        const fields = await validateInput(changes, tx);
        const name = fields.name ?? org.name;
        const creditCode = fields.creditCode === undefined ? org.creditCode : fields.creditCode;
        const divisionCode = fields.divisionCode === undefined ? org.divisionCode : fields.divisionCode;
        const [updated] = await tx
          .update(orgs)
          .set({
            ...fields,
            search: searchVector(buildSearchDocument({ orgNames: [name], exact: [creditCode, divisionCode] })) as unknown as string,
            version: org.version + 1,
            updatedAt: new Date(),
          })
          .where(and(eq(orgs.id, id), eq(orgs.version, patch.version)))
          .returning();
        if (!updated) checkVersion({ ...org, version: -1 }, patch.version);
        await recordAudit(tx, actor, {
          action: 'org.update',
          ...auditEntry(updated),
          summary: `修改组织「${updated.name}」`,
          before: snapshot(org),
          after: snapshot(updated),
        });
        return detail(actor, id, tx);
      });
    },

    /** Move a whole subtree under a new parent; every copied path is rewritten in the same transaction. */
    async move(actor: Actor, id: number, newParentId: number, version: number) {
      return db.transaction(async (tx) => {
        const org = await findVisible(actor, id, tx);
        if (!org.parentId) throw conflict('根组织不能迁移', 'The root organisation cannot be moved');
        const oldParent = await parentOf(org, tx);
        requireAt(actor, 'orgs.manage', oldParent.path);
        const newParent = await findVisible(actor, newParentId, tx);
        requireAt(actor, 'orgs.manage', newParent.path);
        checkVersion(org, version);
        if (isWithin(newParent.path, org.path)) {
          throw validationError([{ field: 'newParentId', reason: '不能迁移到自身或其下级组织之下' }]);
        }
        if (newParent.id === org.parentId) throw validationError([{ field: 'newParentId', reason: '已在该上级组织之下' }]);
        if (!newParent.active) throw conflict('目标上级组织已撤销', 'The new parent is deactivated');
        checkPlacement(newParent.type, org.type);
        const newTenantId = tenantFor(newParent, org.type, org.id);
        if (newTenantId !== org.tenantId) {
          throw new AppError(
            'CONFLICT',
            '不能跨县级工会迁移组织：其会员与业务数据归属原县级工会，请通过会员接转办理',
            'Moving across county-level federations is not supported; transfer members instead',
          );
        }
        const oldPath = org.path;
        const newPath = `${newParent.path}.${org.id}`;
        // subpath(path, nlevel(old) - 1) starts at the moved org's own label: subpath(old, nlevel(old)) is an error.
        await tx.execute(sql`
          update orgs set
            path = ${newParent.path}::ltree || subpath(path, nlevel(${oldPath}::ltree) - 1),
            depth = nlevel(${newParent.path}::ltree || subpath(path, nlevel(${oldPath}::ltree) - 1)) - 1,
            updated_at = now()
          where path <@ ${oldPath}::ltree`);
        const [moved] = await tx
          .update(orgs)
          .set({ parentId: newParent.id, version: org.version + 1 })
          .where(eq(orgs.id, org.id))
          .returning();
        for (const hook of hooks) await hook(tx, { oldPath, newPath });
        await recordAudit(tx, actor, {
          action: 'org.move',
          ...auditEntry(moved),
          summary: `将「${org.name}」从「${oldParent.name}」迁移到「${newParent.name}」`,
          before: { parentId: oldParent.id, path: oldPath },
          after: { parentId: newParent.id, path: newPath },
        });
        return detail(actor, id, tx);
      });
    },

    async setActive(actor: Actor, id: number, active: boolean, version: number) {
      return db.transaction(async (tx) => {
        const org = await findVisible(actor, id, tx);
        if (!org.parentId) throw conflict('根组织不能撤销', 'The root organisation cannot be deactivated');
        const parent = await parentOf(org, tx);
        requireAt(actor, 'orgs.manage', parent.path);
        checkVersion(org, version);
        if (org.active === active) throw conflict(active ? '该组织未撤销' : '该组织已撤销', active ? 'Already active' : 'Already deactivated');
        if (!active) {
          const [{ n }] = await tx.select({ n: count() }).from(orgs).where(and(eq(orgs.parentId, id), eq(orgs.active, true)));
          if (n > 0) throw conflict(`请先撤销或迁移其下 ${n} 个下级组织`, `Deactivate or move its ${n} active child organisations first`);
        } else if (!parent.active) {
          throw conflict('上级组织已撤销，请先恢复上级组织', 'Reactivate the parent first');
        }
        const [updated] = await tx.update(orgs).set({ active, version: org.version + 1, updatedAt: new Date() }).where(eq(orgs.id, id)).returning();
        await recordAudit(tx, actor, {
          action: active ? 'org.reactivate' : 'org.deactivate',
          ...auditEntry(updated),
          summary: `${active ? '恢复' : '撤销'}组织「${org.name}」`,
          before: { active: org.active },
          after: { active },
        });
        return detail(actor, id, tx);
      });
    },

    async divisions(params: { parentCode?: string; q?: string }) {
      const q = params.q?.trim();
      const where = q
        ? /^\d{2,6}$/.test(q)
          ? sql`${divisions.code} like ${`${q}%`}`
          : sql`${divisions.fullName} like ${`%${q.replace(/[%_\\]/g, '')}%`}`
        : params.parentCode
          ? eq(divisions.parentCode, params.parentCode)
          : eq(divisions.level, 1);
      return db.select().from(divisions).where(where).orderBy(asc(divisions.code)).limit(100);
    },

    /** For services and start-up: an org by id without scope (callers check scope themselves). */
    async byId(id: number, tx: Db = db) {
      const [row] = await tx.select().from(orgs).where(eq(orgs.id, id));
      return row;
    },

    /** Names of many orgs in one query, for list pages that show each row's union. */
    async namesByIds(ids: number[], tx: Db = db): Promise<Map<number, string>> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const rows = await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, unique));
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    /** Paths the actor may manage orgs at, for other services' checks. */
    managePaths: (actor: Actor) => scopePaths(actor, 'orgs.manage'),

    /** For services (reports): the direct children of an org, without scope (callers check scope themselves). */
    async childrenOf(id: number, tx: Db = db) {
      return tx.select().from(orgs).where(eq(orgs.parentId, id)).orderBy(asc(orgs.sortOrder), asc(orgs.id));
    },

    /** The tenants owning any org of the subtree at `path`, so tenant tables can be read by (tenant_id, …) index ranges. */
    async tenantIdsWithin(path: string, tx: Db = db) {
      // The org's own tenant, and every org below it that is its own tenant: any other org of the subtree
      // belongs to its nearest tenant org, which is one of those. Read from the small partial index of
      // tenant orgs, not by visiting the whole subtree (a county's thousands of unions, a province's 10^5).
      const orgId = Number(path.slice(path.lastIndexOf('.') + 1));
      const rows = await queryRows<{ tenant_id: number }>(
        tx,
        sql`select tenant_id from orgs where id = ${orgId}
            union
            select id from orgs where type in ${TENANT_ORG_TYPES_SQL} and path <@ ${path}::ltree and path <> ${path}::ltree`,
      );
      return rows.map((r) => Number(r.tenant_id));
    },

    /**
     * 建会: active orgs of `types` founded (founded_on) within [from, to] in the
     * subtree at `rootPath`, counted per branch: the path of the root's child
     * the union sits under (the root's own path for its direct unions).
     */
    async foundedByBranch(rootPath: string, range: { from: string; to: string }, types: readonly OrgType[], tx: Db = db) {
      const depth = rootPath.split('.').length;
      // A literal, not a parameter: the grouped expression must be the selected one.
      const branch = sql<string>`subpath(${orgs.path}, 0, ${sql.raw(String(depth + 1))})::text`;
      return tx
        .select({ branch, n: count() })
        .from(orgs)
        .where(
          and(
            sql`${orgs.path} <@ ${rootPath}::ltree`,
            inArray(orgs.type, [...types]),
            eq(orgs.active, true),
            sql`${orgs.foundedOn} between ${range.from} and ${range.to}`,
          ),
        )
        .groupBy(branch);
    },
  };
}

export type OrgService = ReturnType<typeof createOrgService>;
