import { loadConfig, resolveSecret } from './config.js';
import { buildApp } from './app.js';
import { bootstrap } from './bootstrap.js';
import { StartupError } from './db/client.js';
import { openDatabase } from './db/open.js';
import { type RootInput, type RootType, ROOT_TYPES } from './platform/setup/service.js';
import { createServices } from './services.js';
import { sql } from 'drizzle-orm';
import { users } from './platform/accounts/schema.js';
import { systemActor } from './platform/actor.js';
import { cardNumberFormatFromEnv } from './modules/members/card-number.js';
import { isPrivateAddress, publicBaseUrl, publicUrlIssue } from './platform/public-url.js';

const USAGE = `用法 usage: lianxin <command>
  start     启动服务 start the server (default)
  migrate   只执行数据库迁移 apply migrations and exit
  demo      写入平湖示例数据 load the Pinghu demo federation
  reset-password <username>  重置密码并打印一次性密码 (server stopped when on PGlite)`;

async function start() {
  const config = loadConfig();
  const secret = resolveSecret(config);
  const badPublicUrl = publicUrlIssue(process.env.LIANXIN_PUBLIC_URL);
  if (badPublicUrl) throw new StartupError(badPublicUrl);
  try {
    cardNumberFormatFromEnv(); // the card-number setting's default: a bad one stops here, not at the first card
  } catch (error) {
    throw new StartupError((error as Error).message);
  }
  const database = await openDatabase(config);
  const { app, services, jobs } = await buildApp({ ...config, secret }, database);
  const first = await bootstrap(database.db, services, { root: rootFromEnv(process.env) });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: shutting down`);
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  jobs.start();
  const url = `http://localhost:${config.port}`;
  const where = database.kind === 'pglite' ? `内置数据库 embedded PGlite in ${config.dataDir}` : 'PostgreSQL';
  console.log(`\n连心 Lianxin 已启动 is running: ${url}  (${where})`);
  console.log(`接口文档 API docs: ${url}/api/docs`);
  const publicUrl = (await publicBaseUrl(services.settings))?.url;
  if (!publicUrl || isPrivateAddress(publicUrl)) {
    console.log(`对外地址 Public URL: ${publicUrl ?? '未设置 not set'} — 入会二维码和消息链接须用职工手机能打开的地址，请在「参数设置」填写系统访问地址，或设置 LIANXIN_PUBLIC_URL (e.g. https://lianxin.example.org)`);
  }
  if (first.oneTimePassword) {
    console.log('\n首次启动，已创建系统管理员 First start: an administrator was created');
    console.log(`  用户名 username: ${first.adminUsername}`);
    console.log(`  一次性密码 one-time password: ${first.oneTimePassword}`);
    console.log('  首次登录须修改密码 It must be changed at first sign-in.');
    console.log('  登录后先设置根组织（本系统服务的总工会及其行政区划） Then name the root of the tree on the setup page.\n');
  }
}

/** An operator may name the root without the setup page: LIANXIN_ROOT_ORG_NAME, _TYPE (county|city|province|national) and _DIVISION. */
function rootFromEnv(env: NodeJS.ProcessEnv): RootInput | undefined {
  const name = env.LIANXIN_ROOT_ORG_NAME?.trim();
  if (!name) return undefined;
  const type = (env.LIANXIN_ROOT_ORG_TYPE ?? 'national') as RootType;
  if (!(type in ROOT_TYPES)) throw new StartupError(`LIANXIN_ROOT_ORG_TYPE 须为 ${Object.keys(ROOT_TYPES).join('、')} 之一`);
  return { name, type, divisionCode: env.LIANXIN_ROOT_ORG_DIVISION || null };
}

async function migrateOnly() {
  const database = await openDatabase(loadConfig());
  await database.close();
  console.log('数据库已是最新 Database is up to date');
}

async function demo() {
  const { DEMO_PASSWORD, DEMO_ROOT, DEMO_USERS, loadFullDemo } = await import('./demo/index.js');
  const config = loadConfig();
  const secret = resolveSecret(config);
  const database = await openDatabase(config);
  try {
    const services = createServices(database.db, { secret });
    const started = performance.now();
    const first = await bootstrap(database.db, services, { root: DEMO_ROOT });
    await loadFullDemo(database.db, services, { log: console.log });
    console.log(`\n示例数据已载入 The demo is loaded (${((performance.now() - started) / 1000).toFixed(0)} s).`);
    console.log('启动 Start: npm start, then open http://localhost:3000 and sign in 登录:');
    for (const user of DEMO_USERS) console.log(`  ${user.username.padEnd(18)} ${DEMO_PASSWORD}  ${user.displayName}（${user.roles.join(', ')}）`);
    if (first.oneTimePassword) console.log(`  ${(first.adminUsername ?? 'admin').padEnd(18)} ${first.oneTimePassword}  系统管理员（一次性密码，首次登录须修改 one-time, change it at first sign-in）`);
    else console.log('  admin              系统管理员：密码为首次启动时打印的一次性密码（忘记可用 node --import tsx src/server/main.ts reset-password admin 重置）');
  } finally {
    await database.close();
  }
}

/** For an operator locked out of every admin account: a new one-time password from the console. */
async function resetPassword() {
  const username = process.argv[3];
  if (!username) throw new StartupError(USAGE);
  const config = loadConfig();
  const secret = resolveSecret(config);
  const database = await openDatabase(config);
  try {
    const services = createServices(database.db, { secret });
    const root = await services.rootOrg();
    const [user] = await database.db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = lower(${username})`);
    if (!user) throw new StartupError(`用户不存在 No such user: ${username}`);
    const { oneTimePassword } = await services.users.resetPassword(systemActor(root), user.id);
    console.log(`用户 ${username} 的一次性密码 one-time password: ${oneTimePassword}`);
  } finally {
    await database.close();
  }
}

const commands: Record<string, () => Promise<void>> = { start, migrate: migrateOnly, demo, 'reset-password': resetPassword };
const command = process.argv[2] ?? 'start';
const run = commands[command];
if (!run) {
  console.error(USAGE);
  process.exit(2);
}
run().catch((error) => {
  if (error instanceof StartupError) {
    console.error(`\n${error.message}\n`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
