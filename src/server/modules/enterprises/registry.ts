import { and, asc, count, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { maskMobile, parseCreditCode, parseMobile } from '../../platform/cn-ids.js';
import { conflict, type FieldIssue, validationError } from '../../platform/errors.js';
import type { OrgService } from '../../platform/org-tree/service.js';
import { canAt, requireAt, requirePaths } from '../../platform/scope.js';
import { buildSearchDocument, searchQuery, searchVector } from '../../platform/search-tokens.js';
import { statesWith } from '../../platform/workflow/engine.js';
import type { EnterpriseRow, Records } from './records.js';
import { enterprises, riskSignals, SIGNAL_LEVELS, type SignalLevel } from './schema.js';
import { SIGNAL_STATES } from './workflow.js';

/**
 * The enterprises a union looks after: registering and correcting them, the
 * list, and what the mediation module needs of them (find by 统一社会信用代码,
 * ensure one exists).
 */

export interface EnterpriseInput {
  /** The town or joint union that looks after it. */
  orgId: number;
  name: string;
  creditCode: string;
  industry?: string | null;
  address?: string | null;
  employeeCount?: number | null;
  contactName?: string | null;
  contactPhone?: string | null;
  /** 已建会. */
  hasUnion: boolean;
}

export interface EnterpriseListQuery {
  orgId?: number;
  q?: string;
  hasUnion?: boolean;
  /** `name` (default), `employeeCount`, `openSignals`; a leading `-` for descending. */
  sort?: string;
  page: number;
  pageSize: number;
}

/** What another module knows of an enterprise: enough to name it as a party. */
export interface EnterpriseRef {
  id: number;
  tenantId: number;
  orgId: number;
  name: string;
  creditCode: string;
  hasUnion: boolean;
}

const OPEN_STATES = statesWith(SIGNAL_STATES, 'open');
const SEVERITY_LEVELS: Record<number, SignalLevel> = { 1: 'blue', 2: 'orange', 3: 'red' };

const refOf = (row: EnterpriseRow): EnterpriseRef => ({ id: row.id, tenantId: row.tenantId, orgId: row.orgId, name: row.name, creditCode: row.creditCode, hasUnion: row.hasUnion });
const documentOf = (name: string, creditCode: string) => searchVector(buildSearchDocument({ orgNames: [name], exact: [creditCode] })) as unknown as string;

/** A credit code as stored (half-width, upper case), or the field's error. */
export function creditCodeOf(raw: string): string {
  const parsed = parseCreditCode(raw);
  if (!parsed.ok) throw validationError([{ field: 'creditCode', reason: `统一社会信用代码${parsed.reason}` }]);
  return parsed.code;
}

/** The checked values of an enterprise's fields; every problem at once. */
function fieldsOf(input: Omit<EnterpriseInput, 'orgId'>) {
  const issues: FieldIssue[] = [];
  const parsed = parseCreditCode(input.creditCode);
  if (!parsed.ok) issues.push({ field: 'creditCode', reason: `统一社会信用代码${parsed.reason}` });
  let phone: string | null = null;
  if (input.contactPhone) {
    const mobile = parseMobile(input.contactPhone);
    if (mobile.ok) phone = mobile.mobile;
    else issues.push({ field: 'contactPhone', reason: '联系电话应为 11 位手机号' });
  }
  if (input.employeeCount != null && (!Number.isInteger(input.employeeCount) || input.employeeCount < 0)) issues.push({ field: 'employeeCount', reason: '职工人数应为不小于 0 的整数' });
  if (issues.length) throw validationError(issues);
  return {
    name: input.name.trim(),
    creditCode: parsed.ok ? parsed.code : '',
    industry: input.industry?.trim() || null,
    address: input.address?.trim() || null,
    employeeCount: input.employeeCount ?? null,
    contactName: input.contactName?.trim() || null,
    contactPhone: phone,
    hasUnion: input.hasUnion,
  };
}

export function createRegistry(ctx: { db: Db; orgs: Pick<OrgService, 'namesByIds'> }, parts: { records: Records }) {
  const { db, orgs } = ctx;
  const { records } = parts;

  /** The enterprise of the tenant with this code, whatever union looks after it. */
  async function byCode(tenantId: number, creditCode: string, tx: Db) {
    const [row] = await tx
      .select()
      .from(enterprises)
      .where(and(eq(enterprises.tenantId, tenantId), eq(enterprises.creditCode, creditCode)));
    return row;
  }

  async function refuseDuplicate(tenantId: number, creditCode: string, tx: Db, exceptId?: number) {
    const existing = await byCode(tenantId, creditCode, tx);
    if (existing && existing.id !== exceptId) throw validationError([{ field: 'creditCode', reason: '本县（市、区）已登记过该统一社会信用代码的企业' }]);
  }

  async function insert(actor: Actor, tx: Db, org: { id: number; tenantId: number; path: string }, values: ReturnType<typeof fieldsOf>, summary: string) {
    await refuseDuplicate(org.tenantId, values.creditCode, tx);
    const [row] = await tx
      .insert(enterprises)
      .values({ ...values, tenantId: org.tenantId, orgId: org.id, orgPath: org.path, search: documentOf(values.name, values.creditCode) })
      .returning();
    await recordAudit(tx, actor, { action: 'enterprise.create', entityType: 'enterprise', entityId: row.id, tenantId: row.tenantId, orgPath: row.orgPath, summary, after: values });
    return row;
  }

  /** The list's rows with their union's name and their open signals (how many, the most severe). */
  const listColumns = {
    id: enterprises.id,
    name: enterprises.name,
    creditCode: enterprises.creditCode,
    industry: enterprises.industry,
    employeeCount: enterprises.employeeCount,
    hasUnion: enterprises.hasUnion,
    orgId: enterprises.orgId,
    // Spelt out: drizzle writes selected columns unqualified, which inside the subquery would name the signal's own.
    openSignals: sql<number>`(select count(*)::int from ${riskSignals} s where s.tenant_id = enterprises.tenant_id and s.enterprise_id = enterprises.id and s.state in (${sql.join(
      OPEN_STATES.map((s) => sql`${s}`),
      sql`, `,
    )}))`,
    topSeverity: sql<number | null>`(select max(s.severity)::int from ${riskSignals} s where s.tenant_id = enterprises.tenant_id and s.enterprise_id = enterprises.id and s.state in (${sql.join(
      OPEN_STATES.map((s) => sql`${s}`),
      sql`, `,
    )}))`,
  };

  async function shown<R extends { orgId: number; topSeverity: number | null }>(rows: R[]) {
    const names = await orgs.namesByIds(rows.map((r) => r.orgId));
    return rows.map(({ topSeverity, ...r }) => {
      const topLevel = topSeverity ? SEVERITY_LEVELS[topSeverity] : null;
      return { ...r, orgName: names.get(r.orgId) ?? '', topLevel, topLevelLabel: topLevel ? SIGNAL_LEVELS[topLevel] : null };
    });
  }

  const SORTS: Record<string, SQL | ReturnType<typeof asc>> = {
    name: asc(enterprises.name),
    '-name': desc(enterprises.name),
    employeeCount: sql`${enterprises.employeeCount} asc nulls first`,
    '-employeeCount': sql`${enterprises.employeeCount} desc nulls last`,
    openSignals: sql`${listColumns.openSignals} asc`,
    '-openSignals': sql`${listColumns.openSignals} desc`,
  };

  return {
    byCode,

    async create(actor: Actor, input: EnterpriseInput) {
      return db.transaction(async (tx) => {
        const org = await records.responsibleUnion(actor, input.orgId, tx);
        const row = await insert(actor, tx, org, fieldsOf(input), `登记企业「${input.name.trim()}」`);
        return row.id;
      });
    },

    /** Correct an enterprise's facts, or hand it to another union (its signals follow). */
    async update(actor: Actor, id: number, input: EnterpriseInput & { version: number }) {
      return db.transaction(async (tx) => {
        const before = await records.findEnterprise(actor, id, tx, { lock: true });
        requireAt(actor, 'enterprises.manage', before.orgPath);
        if (before.version !== input.version) throw conflict('该企业信息已被他人修改，请刷新后再改', 'The enterprise was changed meanwhile');
        const values = fieldsOf(input);
        const org = input.orgId === before.orgId ? { id: before.orgId, path: before.orgPath } : await records.responsibleUnion(actor, input.orgId, tx);
        await refuseDuplicate(before.tenantId, values.creditCode, tx, before.id);
        const where = and(eq(enterprises.tenantId, before.tenantId), eq(enterprises.id, before.id));
        await tx
          .update(enterprises)
          .set({ ...values, orgId: org.id, orgPath: org.path, search: documentOf(values.name, values.creditCode), version: before.version + 1, updatedAt: new Date() })
          .where(where);
        if (org.id !== before.orgId) {
          await tx
            .update(riskSignals)
            .set({ orgId: org.id, orgPath: org.path })
            .where(and(eq(riskSignals.tenantId, before.tenantId), eq(riskSignals.enterpriseId, before.id)));
        }
        const { search: _s, createdAt: _c, updatedAt: _u, version: _v, tenantId: _t, id: _i, orgPath: _p, ...was } = before;
        await recordAudit(tx, actor, {
          action: 'enterprise.update',
          entityType: 'enterprise',
          entityId: id,
          tenantId: before.tenantId,
          orgPath: org.path,
          summary: `修改企业「${values.name}」的信息`,
          before: was,
          after: { ...values, orgId: org.id },
        });
        return id;
      });
    },

    /**
     * The mediation module's party: the enterprise of the actor's county with this code, or a new one
     * registered from the name and code under `orgId` (for staff to complete). A mediator may do this as
     * a case is opened: registering the party is part of opening it.
     */
    async ensure(actor: Actor, input: { orgId: number; name: string; creditCode: string }, tx: Db): Promise<EnterpriseRef> {
      const org = await records.responsibleUnion(actor, input.orgId, tx, 'enterprises.read');
      const creditCode = creditCodeOf(input.creditCode);
      const existing = await byCode(org.tenantId, creditCode, tx);
      if (existing) return refOf(existing);
      if (!input.name.trim()) throw validationError([{ field: 'name', reason: '请填写企业名称' }]);
      const row = await insert(actor, tx, org, fieldsOf({ name: input.name, creditCode, hasUnion: false }), `登记企业「${input.name.trim()}」（调解案件当事方）`);
      return refOf(row);
    },

    /** The enterprise of a county with this code, for an actor who reads enterprises there; null when none is registered. */
    async findByCreditCode(actor: Actor, query: { tenantId: number; creditCode: string }, tx: Db = db): Promise<EnterpriseRef | null> {
      if (!requirePaths(actor, 'enterprises.read').some((path) => actor.grants.some((g) => g.orgPath === path && g.tenantId === query.tenantId))) return null;
      const parsed = parseCreditCode(query.creditCode);
      if (!parsed.ok) return null;
      const row = await byCode(query.tenantId, parsed.code, tx);
      return row ? refOf(row) : null;
    },

    /** A page of the enterprises the actor may see, by name unless sorted otherwise. */
    async list(actor: Actor, query: EnterpriseListQuery) {
      const filters: SQL[] = [await records.scope(actor, 'enterprises.read', enterprises)];
      if (query.orgId) filters.push(await records.subtreeOf(query.orgId, enterprises.orgPath));
      if (query.hasUnion !== undefined) filters.push(eq(enterprises.hasUnion, query.hasUnion));
      if (query.q) {
        const tsquery = searchQuery(query.q);
        if (!tsquery) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
        filters.push(sql`${enterprises.search} @@ to_tsquery('simple', ${tsquery})`);
      }
      const where = and(...filters);
      const order = SORTS[query.sort ?? 'name'] ?? SORTS.name;
      const [rows, [{ total }]] = await Promise.all([
        db
          .select(listColumns)
          .from(enterprises)
          .where(where)
          .orderBy(order, asc(enterprises.id))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        db.select({ total: count() }).from(enterprises).where(where),
      ]);
      return { items: await shown(rows), total, page: query.page, pageSize: query.pageSize };
    },

    /** One enterprise as the actor may see it: the phone in full only for those who manage it. */
    async view(actor: Actor, id: number) {
      const row = await records.findEnterprise(actor, id);
      const canManage = canAt(actor, 'enterprises.manage', row.orgPath);
      const names = await orgs.namesByIds([row.orgId]);
      return {
        id: row.id,
        tenantId: row.tenantId,
        orgId: row.orgId,
        orgName: names.get(row.orgId) ?? '',
        name: row.name,
        creditCode: row.creditCode,
        industry: row.industry,
        address: row.address,
        employeeCount: row.employeeCount,
        contactName: row.contactName,
        contactPhone: row.contactPhone && (canManage ? row.contactPhone : maskMobile(row.contactPhone)),
        hasUnion: row.hasUnion,
        version: row.version,
        canManage,
        updatedAt: row.updatedAt,
      };
    },
  };
}

export type Registry = ReturnType<typeof createRegistry>;
