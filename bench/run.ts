/**
 * `npm run bench [suite…]`: prints figures, asserts nothing. Suites:
 *   startup  cold and warm start to the first healthy answer (PGlite, PostgreSQL)
 *   auth     GET /api/auth/me throughput and p99 (PGlite, PostgreSQL), beside a bare Fastify hello in the
 *            same run with the same client (16 in flight) and its share of it
 *   orgs     org search and tree children p99 in a province of BENCH_ORGS (100,000) unions
 *   import   roster import of a BENCH_IMPORT_ROWS-line (1,000,000) xlsx from bench/generate:
 *            rows/s end to end (read, validate, preview, commit) and peak RSS, in a process of its own
 *            that opens a database already holding the Pinghu demo (loaded first, in another process),
 *            beside exceljs's bare streaming read of the file; and the search index's merge the commit
 *            leaves to the background
 *   members  GET /api/members p50, p99 and throughput in a county of BENCH_MEMBERS (1,000,000) members
 *            (bench/members.ts: the Pinghu demo, one more union per 400 members, real encrypted IDs and
 *            search documents), 4 requests in flight, each case warmed up first: the first page of the
 *            county's, a town's and a union's staff (pinghu_staff, danghu_staff, jiada_staff); search by
 *            Chinese name, full pinyin, initials, last 4 of the ID and phone (terms taken from the data);
 *            broad searches (a lone surname, one pinyin syllable, two initials: a search box mid-typing);
 *            filters (employment form, new forms, status, a year of joining, a town, combined); pages 100
 *            and 500 (the last the count window allows); the other sorts; the generator's members/s; beside
 *            them a bare Fastify on the same client, each case's p50 also as a ratio to the bare one
 *   proposals the list, searches, similar-proposal check (p95) and detail in a county of BENCH_PROPOSALS
 *            (100,000) proposals (bench/proposals.ts: the Pinghu demo, 200 representatives, texts from
 *            vocabularies with real search documents, years of states, co-signers, handlers, deadlines), as
 *            the county's and a town's staff, 范海珠 (view=mine) and 人社局 (view=handling); beside them in the
 *            same run the members list's first page and a bare Fastify (bench/bare-server.ts), each case's
 *            p50 also as a ratio to the bare one
 *   mediation the case list (the county's first page, a state filter, searches, a town's staff, the 当湖 studio's
 *            mediator) and the statistics (this year, all years, a town) in a county of BENCH_MEDIATION (100,000)
 *            cases (bench/mediation.ts: the demo's 连心舱 and a studio per town, parties, claims, agreements,
 *            ratings), beside a bare Fastify on the same client, each case's p50 also as a ratio to the bare one
 *   phone    the workers' phone pages (bench/phone.ts): compressed JS and CSS of /join and /me, and time to
 *            usable in Chromium on slow 4G with a 4× slower CPU (target < 3 s), beside the console's /login
 * PostgreSQL figures need BENCH_DATABASE_URL (or TEST_DATABASE_URL) pointing at a server;
 * BENCH_TARGETS=postgres (or pglite) measures one of the two only. BENCH_KEEP_DB=1 keeps a generated
 * PostgreSQL database; BENCH_REUSE_DB=<its name> measures a county suite on it again without generating.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { nameTokens } from '../src/server/platform/search-tokens.js';
import { createServerDatabase, load, removeDir, report, startBareServer, startServer, tempDir } from './lib.js';
import { BENCH_UNION_USER } from './members.js';
import { phoneBench } from './phone.js';

const serverUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const DEMO_PASSWORD = 'Lianxin2026';
/** A server deployment must bring its own secret; the bench uses a throwaway one. */
const BENCH_SECRET = 'lianxin-bench-secret-0123456789abcdef';

interface Target {
  label: 'pglite' | 'postgres';
  env: () => Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }>;
}

const allTargets: Target[] = [
  {
    label: 'pglite',
    env: async () => {
      const dir = tempDir('pglite');
      return { env: { LIANXIN_DATA_DIR: dir }, cleanup: async () => removeDir(dir) };
    },
  },
  ...(serverUrl
    ? [
        {
          label: 'postgres' as const,
          env: async () => {
            const database = await createServerDatabase(serverUrl, 'pg');
            return { env: { DATABASE_URL: database.url, LIANXIN_SECRET: BENCH_SECRET }, cleanup: () => database.drop() };
          },
        },
      ]
    : []),
];

/** A kept bench database on the server, left as it is afterwards. */
function reusedDatabase(server: string, name: string) {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return { env: { DATABASE_URL: url.toString(), LIANXIN_SECRET: BENCH_SECRET }, cleanup: async () => {} };
}

async function startup(target: Target) {
  const { env, cleanup } = await target.env();
  try {
    const cold = await startServer(env);
    await cold.stop();
    const warm = await startServer(env);
    await warm.stop();
    report('startup', `cold_start_${target.label}`, Math.round(cold.msToHealthy), 'ms');
    report('startup', `warm_start_${target.label}`, Math.round(warm.msToHealthy), 'ms');
  } finally {
    await cleanup();
  }
}

async function auth(target: Target) {
  const { env, cleanup } = await target.env();
  try {
    const { execFileSync } = await import('node:child_process');
    // The demo accounts give a realistic user with grants; loaded before the server takes the data folder.
    execFileSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'demo'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const server = await startServer(env);
    const bare = await startBareServer();
    try {
      const { cookie } = await signIn(server.url, 'danghu_staff', DEMO_PASSWORD);
      const get = (url: string, headers: Record<string, string>) => async () => {
        const response = await fetch(url, { headers });
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        await response.arrayBuffer();
      };
      const me = get(`${server.url}/api/auth/me`, { cookie });
      const hello = get(`${bare.url}/api/health`, {});
      // Warmed up, then measured with the same client: the bare Fastify's hello is the floor (issue 16).
      await load(hello, { concurrency: 8, seconds: 2 });
      await load(me, { concurrency: 8, seconds: 2 });
      const floor = await load(hello, { concurrency: 16, seconds: 8 });
      const result = await load(me, { concurrency: 16, seconds: 8 });
      report('auth', `bare_hello_throughput_${target.label}`, Math.round(floor.perSecond), 'req/s');
      report('auth', `me_throughput_${target.label}`, Math.round(result.perSecond), 'req/s');
      report('auth', `me_share_of_bare_${target.label}`, Math.round((100 * result.perSecond) / floor.perSecond), '% (target >= 40)');
      report('auth', `me_p50_${target.label}`, result.p50, 'ms');
      report('auth', `me_p99_${target.label}`, result.p99, 'ms');
    } finally {
      await Promise.all([server.stop(), bare.stop()]);
    }
  } finally {
    await cleanup();
  }
}

/** Load scale data into the target's database before the server takes it (PGlite is single-process). */
async function withScaleData(env: Record<string, string>, args: string[]) {
  const { execFileSync } = await import('node:child_process');
  const started = performance.now();
  const output = execFileSync(process.execPath, ['--import', 'tsx', 'bench/generate.ts', ...args], {
    // The target's own secret (PGlite: the data folder's), so the server decrypts what the generator encrypted.
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { ms: performance.now() - started, output };
}

async function signIn(url: string, username: string, password: string) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { user: { mustChangePassword: boolean } };
  return { cookie: response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; '), mustChangePassword: body.user.mustChangePassword };
}

async function orgs(target: Target) {
  const size = Number(process.env.BENCH_ORGS ?? 100_000);
  const { env, cleanup } = await target.env();
  try {
    const { ms, output } = await withScaleData(env, ['--orgs', String(size)]);
    report('orgs', `generate_${target.label}`, Math.round(size / (ms / 1000)), 'orgs/s');
    const server = await startServer(env);
    try {
      const password = /one-time password: (\S+)/.exec(output)?.[1];
      if (!password) throw new Error(`no admin password in:\n${output}`);
      const { cookie } = await signIn(server.url, 'admin', password);
      const csrf = ((await (await fetch(`${server.url}/api/auth/me`, { headers: { cookie } })).json()) as { csrfToken: string }).csrfToken;
      const changed = await fetch(`${server.url}/api/auth/password`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ currentPassword: password, newPassword: 'Bench2026pass' }),
      });
      if (!changed.ok) throw new Error(`password change failed: ${changed.status}`);
      const queries = ['精密', 'wuliu', '张氏', '第3县', 'zsjm', '有限公司12'];
      let i = 0;
      const get = (path: () => string) => async () => {
        const response = await fetch(`${server.url}${path()}`, { headers: { cookie } });
        if (!response.ok) throw new Error(`${response.status}`);
        await response.arrayBuffer();
      };
      const search = get(() => `/api/orgs?q=${encodeURIComponent(queries[i++ % queries.length])}&pageSize=20`);
      await load(search, { concurrency: 4, seconds: 2 });
      const result = await load(search, { concurrency: 8, seconds: 6 });
      report('orgs', `search_p99_${target.label}`, result.p99, 'ms');
      report('orgs', `search_throughput_${target.label}`, Math.round(result.perSecond), 'req/s');
      const children = await load(get(() => '/api/orgs/children'), { concurrency: 8, seconds: 4 });
      report('orgs', `children_p99_${target.label}`, children.p99, 'ms');
    } finally {
      await server.stop();
    }
  } finally {
    await cleanup();
  }
}

async function fetchJson<T>(url: string, cookie: string, path: string): Promise<T> {
  const response = await fetch(`${url}${path}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A case of a list bench: its name, whose session, and the paths it cycles through. */
type Case = [name: string, cookie: string, paths: string[]];

/**
 * Each case warmed up first (the pages it reads), then 4 requests in flight for 4 s:
 * p50, p99 (and p95 where asked) and throughput, as `<suite>.<case>_<figure>_<target>`.
 */
async function runCases(suite: string, label: string, url: string, cases: Case[], options: { withP95?: string[] } = {}) {
  const results = new Map<string, Awaited<ReturnType<typeof load>>>();
  for (const [name, cookie, paths] of cases) {
    if (paths.length === 0) throw new Error(`no requests for ${name}`);
    let i = 0;
    const request = async () => {
      const response = await fetch(`${url}${paths[i++ % paths.length]}`, { headers: { cookie } });
      if (!response.ok) throw new Error(`${name}: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };
    await load(request, { concurrency: 4, seconds: 1 });
    const result = await load(request, { concurrency: 4, seconds: 4 });
    report(suite, `${name}_p50_${label}`, result.p50, 'ms');
    if (options.withP95?.includes(name)) report(suite, `${name}_p95_${label}`, result.p95, 'ms');
    report(suite, `${name}_p99_${label}`, result.p99, 'ms');
    report(suite, `${name}_throughput_${label}`, Math.round(result.perSecond), 'req/s');
    results.set(name, result);
  }
  return results;
}

/** The registry at scale: what the list page asks for, by the staff of a county, a town and a union. */
async function members(target: Target) {
  await besideBare(target, 'members', Number(process.env.BENCH_MEMBERS ?? 1_000_000), 'members/s', async (url) => {
    const [county, town, union] = await Promise.all(['pinghu_staff', 'danghu_staff', BENCH_UNION_USER].map((u) => signIn(url, u, DEMO_PASSWORD)));
    const getJson = <T>(cookie: string, path: string) => fetchJson<T>(url, cookie, path);
    type Row = { name: string; idMasked: string; phone: string | null };
    // Search terms from the data: people a page of the county's list shows.
    const sample = (await getJson<{ items: Row[] }>(county.cookie, '/api/members?sort=name&page=7&pageSize=200')).items.filter((_, i) => i % 10 === 3);
    const names = sample.map((r) => r.name);
    const pinyins = names.map((n) => nameTokens(n)[0]);
    const initials = names.map((n) => nameTokens(n)[1]);
    const idTails = sample.map((r) => r.idMasked.slice(-4));
    const phones = sample.flatMap((r) => (r.phone ? [r.phone] : []));
    // Past the union's first page of names where it has one (at BENCH_MEMBERS=20000 the union holds some 80 members).
    const unionPage = async (page: number) => (await getJson<{ items: Row[] }>(union.cookie, `/api/members?sort=name&page=${page}&pageSize=100`)).items;
    const unionRows = (await unionPage(2)).length > 3 ? await unionPage(2) : await unionPage(1);
    const unionNames = unionRows.filter((_, i) => i % 10 === 3).map((r) => r.name);
    const [root] = (await getJson<{ items: { id: number }[] }>(county.cookie, '/api/orgs/children')).items;
    const towns = (await getJson<{ items: { id: number; type: string }[] }>(county.cookie, `/api/orgs/children?parentId=${root.id}`)).items.filter((o) => o.type === 'town').map((o) => o.id);
    const thisYear = Number(new Date().toISOString().slice(0, 4));

    const broadTerms = ['王', '李', 'zhang', 'li', 'wj', 'zx'];
    const cases: Case[] = [
      ['county_first_page', county.cookie, ['/api/members']],
      ['town_first_page', town.cookie, ['/api/members']],
      ['union_first_page', union.cookie, ['/api/members']],
      ['search_name', county.cookie, names.map((q) => `/api/members?q=${encodeURIComponent(q)}`)],
      ['search_pinyin', county.cookie, pinyins.map((q) => `/api/members?q=${q}`)],
      ['search_initials', county.cookie, initials.map((q) => `/api/members?q=${q}`)],
      ['search_id_last4', county.cookie, idTails.map((q) => `/api/members?q=${q}`)],
      ['search_phone', county.cookie, phones.map((q) => `/api/members?q=${q}`)],
      ['union_search_name', union.cookie, unionNames.map((q) => `/api/members?q=${encodeURIComponent(q)}`)],
      // What a search box sees while someone types: a lone surname, one pinyin syllable, two initials (a tenth to a hundredth of everyone).
      // Its page answers without the count; the page's `共 1,000+ 条` follows from /api/members/count.
      ['search_broad', county.cookie, broadTerms.map((q) => `/api/members?q=${encodeURIComponent(q)}`)],
      ['search_broad_count', county.cookie, broadTerms.map((q) => `/api/members/count?q=${encodeURIComponent(q)}`)],
      ['filter_form', county.cookie, ['courier', 'delivery_rider', 'truck_driver', 'ride_hailing_driver', 'flexible'].map((f) => `/api/members?employmentForm=${f}`)],
      ['filter_new_forms', county.cookie, ['/api/members?newFormsOnly=true']],
      ['filter_status', county.cookie, ['retained', 'withdrawn', 'deemed_withdrawn', 'expelled'].map((s) => `/api/members?status=${s}`)],
      ['filter_joined_year', county.cookie, [1, 2, 3, 5, 8].map((ago) => `/api/members?joinedFrom=${thisYear - ago}-01-01&joinedTo=${thisYear - ago}-12-31`)],
      ['filter_town', county.cookie, towns.map((id) => `/api/members?orgId=${id}`)],
      ['filter_combined', county.cookie, towns.map((id) => `/api/members?orgId=${id}&status=retained&employmentForm=standard`)],
      ['page_100', county.cookie, ['/api/members?page=100']],
      ['page_500', county.cookie, ['/api/members?page=500']],
      ['sort_name', county.cookie, ['/api/members?sort=name', '/api/members?sort=-name']],
      ['sort_joined_asc', county.cookie, ['/api/members?sort=joinedOn']],
      ['sort_name_page_100', county.cookie, ['/api/members?sort=name&page=100']],
    ];
    return cases;
  });
}

/**
 * A suite at a county's scale: `--<suite> size` generated into the target, then the server and a bare
 * Fastify (bench/bare-server.ts) on the same client; `cases` says what to measure on the server at `url`,
 * each case's p50 also as a ratio to the bare one.
 */
async function besideBare(target: Target, suite: string, size: number, unit: string, cases: (url: string) => Promise<Case[]>, options: { withP95?: string[] } = {}) {
  // BENCH_REUSE_DB: a database a county suite generated earlier (kept by BENCH_KEEP_DB), measured again as it is.
  const reuse = target.label === 'postgres' && serverUrl ? process.env.BENCH_REUSE_DB : undefined;
  const { env, cleanup } = reuse ? reusedDatabase(serverUrl!, reuse) : await target.env();
  try {
    if (!reuse) {
      const { ms } = await withScaleData(env, [`--${suite}`, String(size)]);
      report(suite, `generate_${target.label}`, Math.round(size / (ms / 1000)), unit);
    }
    const server = await startServer(env);
    const bare = await startBareServer();
    try {
      const measured = await cases(server.url);
      const floor = (await runCases(suite, target.label, bare.url, [['bare_fastify', '', ['/api/health']]])).get('bare_fastify')!;
      const results = await runCases(suite, target.label, server.url, measured, options);
      for (const [name, result] of results) report(suite, `${name}_p50_vs_bare_${target.label}`, result.p50 / floor.p50, 'x');
    } finally {
      await Promise.all([server.stop(), bare.stop()]);
    }
  } finally {
    await cleanup();
  }
}

/** What a representative types into a new proposal (20–60 characters), for the similar-proposal check. */
const DRAFT_TEXTS = [
  '建议在高铁新城增设户外劳动者驿站，解决快递员午间休息和饮水难的问题',
  '乍浦港区装卸工夏季高温作业，企业未按规定发放高温津贴',
  '部分外卖骑手电动车在楼道充电，存在火灾隐患，希望建设集中充电柜',
  '小微企业园食堂午餐价格偏高，希望推出职工平价套餐',
  '年底前建筑工地拖欠农民工工资，讨薪困难，请开通绿色通道',
  '夜班职工下班没有公交车，只能骑电动车回家，路上不安全',
];

/**
 * 提案 at a county's scale (BENCH_PROPOSALS, 100,000): the list as the county's staff, a town's staff, a
 * representative and a handler read it, searches, the similar-proposal check and the detail; beside them,
 * on the same server and client, the members list's first page (the demo's members) and a bare Fastify.
 */
async function proposals(target: Target) {
  await besideBare(target, 'proposals', Number(process.env.BENCH_PROPOSALS ?? 100_000), 'proposals/s', async (url) => {
    const [county, town, representative, handler] = await Promise.all(['pinghu_staff', 'danghu_staff', 'fan_haizhu', 'rsj_handler'].map((u) => signIn(url, u, DEMO_PASSWORD)));
    const list = (query: Record<string, string>[]) => query.map((q) => `/api/proposals?${new URLSearchParams(q)}`);
    const detailIds = (await fetchJson<{ items: { id: number }[] }>(url, county.cookie, '/api/proposals?page=10&pageSize=100')).items.map((p) => p.id);
    const similar = DRAFT_TEXTS.map((q) => `/api/proposals/similar?${new URLSearchParams({ q })}`);
    const cases: Case[] = [
      ['county_first_page', county.cookie, ['/api/proposals']],
      ['county_page_50', county.cookie, ['/api/proposals?page=50']],
      ['filter_state', county.cookie, list(['in_progress', 'submitted', 'concluded', 'not_accepted', 'feedback'].map((state) => ({ state })))],
      ['filter_field', county.cookie, list(['wages', 'safety', 'welfare', 'new_forms', 'democracy', 'skills', 'other'].map((field) => ({ field })))],
      ['filter_overdue', county.cookie, ['/api/proposals?deadline=overdue']],
      ['search_common', county.cookie, list(['驿站', '高温', '工资'].map((q) => ({ q })))],
      ['search_two_terms', county.cookie, list(['骑手 充电', '拖欠 工资', '乍浦镇 驿站'].map((q) => ({ q })))],
      ['town_first_page', town.cookie, ['/api/proposals']],
      ['representative_mine', representative.cookie, ['/api/proposals?view=mine']],
      ['handler_handling', handler.cookie, ['/api/proposals?view=handling']],
      // The check as the county's staff type (everything in sight) and as a representative (what is theirs).
      ['similar_county', county.cookie, similar],
      ['similar_representative', representative.cookie, similar],
      ['detail', county.cookie, detailIds.map((id) => `/api/proposals/${id}`)],
      // Beside the members list's: its first page for the same account, on the same server.
      ['members_first_page', county.cookie, ['/api/members']],
    ];
    return cases;
  }, { withP95: ['similar_county', 'similar_representative'] });
}

/**
 * 调解案件 at a county's scale (BENCH_MEDIATION, 100,000): the list as the county's staff, a town's staff and a
 * studio's mediator read it (first page, a state, searches), and the statistics of the county and a town,
 * this year and all years; beside them, on the same server and client, a bare Fastify.
 */
async function mediation(target: Target) {
  await besideBare(target, 'mediation', Number(process.env.BENCH_MEDIATION ?? 100_000), 'cases/s', async (url) => {
    const [county, town, mediator] = await Promise.all(['pinghu_staff', 'danghu_staff', 'lianxin_mediator'].map((u) => signIn(url, u, DEMO_PASSWORD)));
    const list = (query: Record<string, string>[]) => query.map((q) => `/api/mediation/cases?${new URLSearchParams(q)}`);
    const [root] = (await fetchJson<{ items: { id: number }[] }>(url, county.cookie, '/api/orgs/children')).items;
    const towns = (await fetchJson<{ items: { id: number; type: string }[] }>(url, county.cookie, `/api/orgs/children?parentId=${root.id}`)).items.filter((o) => o.type === 'town').map((o) => o.id);
    const firstYear = '2019-01-01';
    const cases: Case[] = [
      ['county_first_page', county.cookie, ['/api/mediation/cases']],
      ['filter_state', county.cookie, list(['identify', 'mediate', 'agreed', 'closed', 'referred'].map((state) => ({ state })))],
      ['filter_overdue', county.cookie, list([{ standing: 'overdue' }, { standing: 'at_risk' }])],
      ['search', county.cookie, list(['工资', '骑手 工伤', '加班费', '民诉前调'].map((q) => ({ q })))],
      ['town_first_page', town.cookie, ['/api/mediation/cases']],
      ['mediator_first_page', mediator.cookie, ['/api/mediation/cases', ...list([{ state: 'mediate' }, { sort: 'due' }])]],
      ['statistics_year', county.cookie, ['/api/mediation/statistics']],
      ['statistics_all_years', county.cookie, [`/api/mediation/statistics?from=${firstYear}`]],
      ['statistics_town', county.cookie, towns.map((id) => `/api/mediation/statistics?orgId=${id}&from=${firstYear}`)],
    ];
    return cases;
  });
}

/** The roster is written once and imported into each target; `bareRowsPerSecond`: exceljs's streaming read of it alone. */
let roster: { path: string; rows: number; bareRowsPerSecond: number } | undefined;

/** The floor under the import: exceljs's streaming reader walking every row of the file, nothing else (issue 16). */
async function bareRead(path: string) {
  const { default: ExcelJS } = await import('exceljs');
  const started = performance.now();
  let rows = 0;
  for await (const worksheet of new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', worksheets: 'emit' })) {
    for await (const row of worksheet) if (row.values) rows++;
  }
  return rows / ((performance.now() - started) / 1000);
}

async function importRoster(target: Target) {
  const { execFileSync } = await import('node:child_process');
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
  if (!roster) {
    const dir = tempDir('roster');
    process.on('exit', () => removeDir(dir));
    const path = join(dir, `roster-${rows}.xlsx`);
    const started = performance.now();
    execFileSync(process.execPath, ['--import', 'tsx', 'bench/generate.ts', '--roster', String(rows), '--out', path], { stdio: 'ignore' });
    report('import', 'generate_xlsx', Math.round(rows / ((performance.now() - started) / 1000)), 'rows/s');
    report('import', 'xlsx_size', Number((statSync(path).size / 1024 / 1024).toFixed(1)), 'MiB');
    const bareRowsPerSecond = await bareRead(path);
    report('import', 'bare_read_rows_per_second', Math.round(bareRowsPerSecond), 'rows/s');
    roster = { path, rows, bareRowsPerSecond };
  }
  const { env, cleanup } = await target.env();
  try {
    // The demo first, in a process of its own: the import's process then opens a database that exists, as a server does.
    execFileSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts', 'demo'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    // The import runs in a child of its own: its peak RSS is the import's, not this script's.
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'bench/import.ts', '--file', roster.path], {
      env: { ...process.env, LIANXIN_SECRET: process.env.LIANXIN_SECRET ?? BENCH_SECRET, LOG_LEVEL: 'silent', ...env },
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
    const result = JSON.parse(output.trim().split('\n').at(-1)!) as { rows: number; counts: { new: number }; previewMs: number; commitMs: number; totalMs: number; mergeMs: number; maxRssKiB: number; peakPhase: string };
    if (result.counts.new < result.rows * 0.9) throw new Error(`import committed only ${result.counts.new} of ${result.rows} rows: ${output}`);
    const rowsPerSecond = result.rows / (result.totalMs / 1000);
    report('import', `rows_per_second_${target.label}`, Math.round(rowsPerSecond), 'rows/s');
    report('import', `share_of_bare_read_${target.label}`, Math.round((100 * rowsPerSecond) / roster.bareRowsPerSecond), `% (target >= ${target.label === 'postgres' ? 60 : 25})`);
    report('import', `preview_rows_per_second_${target.label}`, Math.round(result.rows / (result.previewMs / 1000)), 'rows/s');
    report('import', `commit_rows_per_second_${target.label}`, Math.round(result.counts.new / (result.commitMs / 1000)), 'rows/s');
    report('import', `seconds_${target.label}`, Number((result.totalMs / 1000).toFixed(1)), 's');
    // After the commit has answered: the search index's merge, in the background (not in the figures above).
    report('import', `search_merge_after_commit_${target.label}`, Number((result.mergeMs / 1000).toFixed(1)), 's');
    report('import', `peak_rss_${target.label}`, Math.round(result.maxRssKiB / 1024), 'MiB');
  } finally {
    await cleanup();
  }
}

/** The phone pages in Chromium (bench/phone.ts); the database does not change what a page downloads: the first target only. */
async function phone(target: Target) {
  if (target !== targets[0]) return;
  const { env, cleanup } = await target.env();
  try {
    await phoneBench(env);
  } finally {
    await cleanup();
  }
}

/** BENCH_TARGETS=postgres (or pglite) runs one database only. */
const targets = allTargets.filter((t) => !process.env.BENCH_TARGETS || process.env.BENCH_TARGETS.split(',').includes(t.label));

const suites: Record<string, (target: Target) => Promise<void>> = { startup, auth, orgs, members, proposals, mediation, import: importRoster, phone };
const chosen = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(suites);
if (!serverUrl) console.log('(BENCH_DATABASE_URL / TEST_DATABASE_URL not set: PostgreSQL figures skipped)');
for (const name of chosen) {
  const suite = suites[name];
  if (!suite) {
    console.error(`unknown suite ${name}; known: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }
  for (const target of targets) await suite(target);
}
