/**
 * Scale data for benchmarks: `node --import tsx bench/generate.ts --orgs 100000`
 * fills the configured database (LIANXIN_DATA_DIR or DATABASE_URL) with a
 * province of the given size: cities → counties → towns → grassroots unions,
 * inserted in bulk with real paths, tenants and search documents.
 *
 * `--members N` instead loads the Pinghu demo and N members into its unions
 * (bench/members.ts): persons, memberships with real encrypted IDs and search
 * documents, their timelines, in set-based batches.
 *
 * `--proposals N` instead loads the Pinghu demo and N proposals into its
 * county (bench/proposals.ts): representatives, texts and search documents,
 * states over the years, co-signers, handlers and deadlines, set-based.
 *
 * `--mediation N` instead loads the Pinghu demo with its enterprises and 连心舱, a studio at the county's
 * union and each town's, and N labour-dispute cases across them (bench/mediation.ts), set-based.
 *
 * `--roster N --out roster.xlsx` instead writes a union's member roster of N
 * lines to import (bench/roster.ts; `--clean` for one without damaged lines,
 * `--shared-strings` for text in a shared-string table, as Excel saves it).
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { bootstrap } from '../src/server/bootstrap.js';
import { loadConfig, resolveSecret } from '../src/server/config.js';
import { type Db, queryRows } from '../src/server/db/client.js';
import { openDatabase } from '../src/server/db/open.js';
import type { OrgType } from '../src/server/platform/org-tree/schema.js';
import { createPersonalDataCipher } from '../src/server/platform/personal-data.js';
import { buildSearchDocument, searchVector } from '../src/server/platform/search-tokens.js';
import { beijingToday } from '../src/server/platform/beijing-time.js';
import { createServices, type Services } from '../src/server/services.js';
import { generateMediation } from './mediation.js';
import { generateMembers } from './members.js';
import { generateProposals } from './proposals.js';
import { writeRoster } from './roster.js';
import { SURNAMES } from '../src/server/demo/people.js';

const INDUSTRIES = ['精密机械', '服饰', '物流', '食品', '光电科技', '纸业', '汽车零部件', '电子', '新材料', '快递', '餐饮', '建材'];

interface NewOrg {
  id: number;
  tenantId: number;
  parentId: number;
  path: string;
  depth: number;
  name: string;
  type: OrgType;
}

async function takeIds(db: Db, n: number): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(db, sql`select nextval('orgs_id_seq')::int as id from generate_series(1, ${n})`);
  return rows.map((r) => r.id);
}

async function insertOrgs(db: Db, batch: NewOrg[]) {
  for (let i = 0; i < batch.length; i += 1000) {
    const rows = batch.slice(i, i + 1000);
    await db.execute(sql`
      insert into orgs (id, tenant_id, parent_id, path, depth, name, type, search) overriding system value values
      ${sql.join(
        rows.map((o) => sql`(${o.id}, ${o.tenantId}, ${o.parentId}, ${o.path}::ltree, ${o.depth}, ${o.name}, ${o.type}, ${searchVector(buildSearchDocument({ orgNames: [o.name] }))})`),
        sql`, `,
      )}`);
  }
}

export async function generateOrgs(db: Db, services: Services, total: number, log: (line: string) => void = () => {}) {
  const root = await services.rootOrg();
  const [province] = await takeIds(db, 1);
  await insertOrgs(db, [{ id: province, tenantId: province, parentId: root.id, path: `${root.path}.${province}`, depth: 1, name: `规模测试省总工会${province}`, type: 'province' }]);
  const level = async (parents: NewOrg[] | { id: number; path: string; depth: number; tenantId: number }[], perParent: number, type: OrgType, name: (i: number, parent: { id: number }) => string) => {
    const ids = await takeIds(db, parents.length * perParent);
    const created: NewOrg[] = [];
    parents.forEach((parent, p) => {
      for (let i = 0; i < perParent; i++) {
        const id = ids[p * perParent + i];
        const ownTenant = type === 'city' || type === 'county';
        created.push({ id, tenantId: ownTenant ? id : parent.tenantId, parentId: parent.id, path: `${parent.path}.${id}`, depth: parent.depth + 1, name: name(i, parent), type });
      }
    });
    await insertOrgs(db, created);
    return created;
  };
  const provinceNode = { id: province, path: `${root.path}.${province}`, depth: 1, tenantId: province };
  const cities = await level([provinceNode], 10, 'city', (i) => `第${i + 1}市总工会`);
  const counties = await level(cities, 10, 'county', (i, p) => `${p.id}市第${i + 1}县总工会`);
  const towns = await level(counties, 10, 'town', (i, p) => `${p.id}县第${i + 1}镇总工会`);
  const remaining = Math.max(0, total - 1 - cities.length - counties.length - towns.length);
  const perTown = Math.ceil(remaining / towns.length);
  let made = 0;
  for (let t = 0; t < towns.length && made < remaining; t += 50) {
    const group = towns.slice(t, t + 50);
    const n = Math.min(perTown, Math.ceil((remaining - made) / group.length));
    await level(group, n, 'grassroots', (i) => {
      const k = made + i;
      return `${SURNAMES[k % SURNAMES.length]}氏${INDUSTRIES[k % INDUSTRIES.length]}有限公司${k}号工会`;
    });
    made += n * group.length;
    log(`orgs ${1 + cities.length + counties.length + towns.length + made}`);
  }
  // Fresh statistics, as autovacuum would give a real database after a bulk load.
  await db.execute(sql`analyze orgs`);
  return { provinceId: province };
}

if (import.meta.url === `file://${process.argv[1]}` && process.argv.includes('--roster')) {
  // A roster xlsx to import (no database needed): --roster 1000000 --out roster.xlsx
  const { values } = parseArgs({ options: { roster: { type: 'string' }, out: { type: 'string', default: 'roster.xlsx' }, clean: { type: 'boolean', default: false }, 'shared-strings': { type: 'boolean', default: false } } });
  const expected = await writeRoster(values.out, Number(values.roster), { messy: !values.clean, sharedStrings: values['shared-strings'] });
  console.log(JSON.stringify({ out: values.out, ...expected }));
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { orgs: { type: 'string', default: '10000' }, members: { type: 'string' }, proposals: { type: 'string' }, mediation: { type: 'string' } } });
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const secret = resolveSecret(config);
    const services = createServices(database.db, { secret });
    const first = await bootstrap(database.db, services);
    if (first.oneTimePassword) console.log(`admin one-time password: ${first.oneTimePassword}`);
    if (values.members) {
      // The server's own secret, so the IDs decrypt there.
      await generateMembers(database.db, services, createPersonalDataCipher(secret), Number(values.members), { kind: database.kind, today: beijingToday(), log: console.log });
    } else if (values.proposals) {
      await generateProposals(database.db, services, Number(values.proposals), { kind: database.kind, today: beijingToday(), log: console.log });
    } else if (values.mediation) {
      await generateMediation(database.db, services, Number(values.mediation), { kind: database.kind, today: beijingToday(), log: console.log });
    } else {
      await generateOrgs(database.db, services, Number(values.orgs), console.log);
    }
  } finally {
    await database.close();
  }
}
