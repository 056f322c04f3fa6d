import { eq } from 'drizzle-orm';
import type { Db } from '../../src/server/db/client.js';
import { bootstrap } from '../../src/server/bootstrap.js';
import { hashPassword } from '../../src/server/platform/accounts/passwords.js';
import { users } from '../../src/server/platform/accounts/schema.js';
import { createServices } from '../../src/server/services.js';

export const ADMIN = { username: 'admin', password: 'Admin2026pass' };

/** The state every test file starts from: a bootstrapped database whose admin has a known password. */
export async function prepareTemplate(db: Db) {
  await bootstrap(db, createServices(db));
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(ADMIN.password), mustChangePassword: false })
    .where(eq(users.username, ADMIN.username));
}
