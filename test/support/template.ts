import { eq } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.js';
import { bootstrap } from '../../src/server/bootstrap.js';
import { DEMO_ROOT } from '../../src/server/demo/load.js';
import { hashPassword } from '../../src/server/platform/accounts/passwords.js';
import { users } from '../../src/server/platform/accounts/schema.js';
import { createServices } from '../../src/server/services.js';

export const ADMIN = { username: 'admin', password: 'Admin2026pass' };
/** Key material for resident IDs in tests (production reads LIANXIN_SECRET). */
export const TEST_SECRET = 'lianxin-test-secret-0123456789abcdef';

/** The state every test file starts from: a bootstrapped database whose admin has a known password. */
export async function prepareTemplate(db: Db) {
  // Named as the demo names it, so tests start past the setup page (test/browser/setup.test.ts unnames it).
  await bootstrap(db, createServices(db, { secret: TEST_SECRET }), { root: DEMO_ROOT });
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(ADMIN.password), mustChangePassword: false })
    .where(eq(users.username, ADMIN.username));
}
