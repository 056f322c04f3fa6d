import { count, sql } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { loadDivisions } from './platform/org-tree/divisions.js';
import { buildSearchDocument, searchVector } from './platform/search-tokens.js';
import { type OrgType, orgs, TENANT_ORG_TYPES } from './platform/org-tree/schema.js';
import { generateOneTimePassword, hashPassword } from './platform/accounts/passwords.js';
import { roleGrants, users } from './platform/accounts/schema.js';
import { recordAudit } from './platform/audit/audit.js';
import { systemActor } from './platform/actor.js';
import type { Services } from './services.js';

export interface BootstrapOptions {
  rootOrgName?: string;
  rootOrgType?: OrgType;
  adminUsername?: string;
}

/**
 * Everything a fresh database needs before the first request: reference data
 * (divisions, the official calendar), the root of the org tree and, on the
 * very first start, an administrator with a one-time password.
 */
export async function bootstrap(db: Db, services: Services, options: BootstrapOptions = {}): Promise<{ adminUsername?: string; oneTimePassword?: string }> {
  await loadDivisions(db);
  await services.calendar.loadOfficialDays();
  const [{ n: orgCount }] = await db.select({ n: count() }).from(orgs);
  if (orgCount === 0) {
    const type = options.rootOrgType ?? 'national';
    if (!TENANT_ORG_TYPES.includes(type)) throw new Error(`the root org must be one of ${TENANT_ORG_TYPES.join(', ')}`);
    const name = options.rootOrgName ?? '中华全国总工会';
    await db.execute(sql`
      insert into orgs (id, tenant_id, parent_id, path, depth, name, type, search)
      overriding system value
      select id, id, null, id::text::ltree, 0, ${name}, ${type}, ${searchVector(buildSearchDocument({ orgNames: [name] }))}
      from (select nextval('orgs_id_seq') as id) s`);
  }
  const [{ n: userCount }] = await db.select({ n: count() }).from(users);
  if (userCount > 0) return {};
  const root = await services.rootOrg();
  const adminUsername = options.adminUsername ?? 'admin';
  const oneTimePassword = generateOneTimePassword();
  await db.transaction(async (tx) => {
    const [admin] = await tx
      .insert(users)
      .values({ username: adminUsername, displayName: '系统管理员', homeOrgId: root.id, passwordHash: await hashPassword(oneTimePassword), mustChangePassword: true })
      .returning();
    await tx.insert(roleGrants).values({ userId: admin.id, orgId: root.id, role: 'admin' });
    await recordAudit(tx, systemActor(root), {
      action: 'user.create',
      entityType: 'user',
      entityId: admin.id,
      tenantId: root.tenantId,
      orgPath: root.path,
      summary: `首次启动：创建系统管理员「${adminUsername}」`,
    });
  });
  return { adminUsername, oneTimePassword };
}
