import { eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit.js';
import { conflict, validationError } from '../errors.js';
import { requireAt } from '../scope.js';
import { buildSearchDocument, searchVector } from '../search-tokens.js';
import { divisions, ORG_TYPES, type OrgType, orgs } from '../org-tree/schema.js';
import { installation } from './schema.js';

/**
 * What the root of a tree may be, and the division level it stands for: a county federation names a
 * county (GB/T 2260 level 3), a city one a city, a province one a province; the national one none.
 */
export const ROOT_TYPES = { county: 3, city: 2, province: 1, national: null } as const satisfies Partial<Record<OrgType, number | null>>;
export type RootType = keyof typeof ROOT_TYPES;

/** The placeholder root a fresh installation starts with, until its first administrator names it. */
export const UNNAMED_ROOT = '（待设置的根组织）';

export interface RootInput {
  name: string;
  type: RootType;
  /** Required for every type but national. */
  divisionCode?: string | null;
}

/**
 * First-run setup: on a fresh installation the first administrator names the root of the org tree — the
 * federation the installation serves, with its division code — before anything else. The root is written
 * once as a placeholder at first start (the administrator's account needs an org); naming it is allowed
 * while the installation says it is unnamed and nothing hangs below it yet.
 */
export function createSetupService(deps: { db: Db; rootChanged: () => void }) {
  const { db } = deps;

  async function root(tx: Db = db) {
    const [row] = await tx
      .select({ id: orgs.id, name: orgs.name, type: orgs.type, divisionCode: orgs.divisionCode, path: orgs.path, tenantId: orgs.tenantId })
      .from(orgs)
      .where(isNull(orgs.parentId))
      .orderBy(orgs.id)
      .limit(1);
    return row;
  }

  async function pending(tx: Db = db) {
    const [row] = await tx.select({ at: installation.rootNamedAt }).from(installation);
    return !row?.at;
  }

  /** The division a root of `type` names, checked against GB/T 2260; refusals name the field. */
  async function checkDivision(tx: Db, input: RootInput) {
    const level = ROOT_TYPES[input.type];
    if (level === null) return null;
    if (!input.divisionCode) throw validationError([{ field: 'divisionCode', reason: '请选择行政区划' }]);
    const [division] = await tx.select().from(divisions).where(eq(divisions.code, input.divisionCode));
    if (!division) throw validationError([{ field: 'divisionCode', reason: '行政区划代码不存在' }]);
    if (division.level !== level) throw validationError([{ field: 'divisionCode', reason: `${ORG_TYPES[input.type]}须对应${['', '省级', '市级', '县级'][level]}行政区划` }]);
    return division.code;
  }

  return {
    async status() {
      const [isPending, r] = await Promise.all([pending(), root()]);
      return { pending: isPending, root: r ? { id: r.id, name: r.name, type: r.type, divisionCode: r.divisionCode } : null };
    },

    /**
     * Name the root (the setup page, or start-up and the demo programmatically, as the system). Refused once
     * named or when anything hangs below it: the tree's types would no longer fit a changed root.
     */
    async nameRoot(actor: Actor, input: RootInput) {
      return db.transaction(async (tx) => {
        const [locked] = await tx.select().from(installation).for('update');
        if (locked?.rootNamedAt) throw conflict('根组织已设置，请在组织管理中修改名称', 'The root is already named');
        const current = await root(tx);
        requireAt(actor, 'orgs.manage', current.path);
        const name = input.name.trim();
        if (!name) throw validationError([{ field: 'name', reason: '请填写组织名称' }]);
        const [child] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.parentId, current.id)).limit(1);
        if (child) throw conflict('根组织下已有组织，不能再更改根组织的类型', 'The root already has children');
        const divisionCode = await checkDivision(tx, input);
        await tx
          .update(orgs)
          .set({ name, type: input.type, divisionCode, search: searchVector(buildSearchDocument({ orgNames: [name], exact: [divisionCode] })) as unknown as string, version: sql`${orgs.version} + 1`, updatedAt: new Date() })
          .where(eq(orgs.id, current.id));
        await tx.insert(installation).values({ id: 1, rootNamedAt: new Date() }).onConflictDoUpdate({ target: installation.id, set: { rootNamedAt: new Date() } });
        await recordAudit(tx, actor, {
          action: 'org.name_root',
          entityType: 'org',
          entityId: current.id,
          tenantId: current.tenantId,
          orgPath: current.path,
          summary: `首次设置：根组织为「${name}」（${ORG_TYPES[input.type]}${divisionCode ? `，行政区划 ${divisionCode}` : ''}）`,
          before: { name: current.name, type: current.type },
          after: { name, type: input.type, divisionCode },
        });
        deps.rootChanged();
        return { id: current.id, name, type: input.type, divisionCode };
      });
    },
  };
}

export type SetupService = ReturnType<typeof createSetupService>;
