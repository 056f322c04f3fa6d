import { count, sql } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { loadDivisions } from './platform/org-tree/divisions.js';
import { buildSearchDocument, searchVector } from './platform/search-tokens.js';
import { type OrgType, orgs } from './platform/org-tree/schema.js';
import { type RootInput, UNNAMED_ROOT } from './platform/setup/service.js';
import { generateOneTimePassword, hashPassword } from './platform/accounts/passwords.js';
import { roleGrants, users } from './platform/accounts/schema.js';
import { recordAudit } from './platform/audit/audit.js';
import { systemActor } from './platform/actor.js';
import type { Services } from './services.js';

export interface BootstrapOptions {
  /**
   * The root of the tree, named without the setup page (the demo, the tests' template, an operator's
   * LIANXIN_ROOT_ORG_* variables). Without it a fresh installation asks its first administrator.
   */
  root?: RootInput;
  adminUsername?: string;
}

/**
 * Everything a fresh database needs before the first request: reference data
 * (divisions, the official calendar), the root of the org tree — a placeholder
 * the first administrator names on the setup page, unless `root` names it —
 * and, on the very first start, an administrator with a one-time password.
 */
export async function bootstrap(db: Db, services: Services, options: BootstrapOptions = {}): Promise<{ adminUsername?: string; oneTimePassword?: string }> {
  await loadDivisions(db);
  await services.calendar.loadOfficialDays();
  const [{ n: orgCount }] = await db.select({ n: count() }).from(orgs);
  if (orgCount === 0) {
    // The administrator's account needs an org: a placeholder, named by setup (platform/setup/service.ts).
    const [type, name]: [OrgType, string] = ['national', UNNAMED_ROOT];
    await db.execute(sql`
      insert into orgs (id, tenant_id, parent_id, path, depth, name, type, search)
      overriding system value
      select id, id, null, id::text::ltree, 0, ${name}, ${type}, ${searchVector(buildSearchDocument({ orgNames: [name] }))}
      from (select nextval('orgs_id_seq') as id) s`);
  }
  if (options.root && (await services.setup.status()).pending) await services.setup.nameRoot(systemActor(await services.rootOrg()), options.root);
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
