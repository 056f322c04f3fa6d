/**
 * A county federation with a million members, for the `members` bench:
 *
 *   node --import tsx bench/generate.ts --members 1000000
 *
 * loads the Pinghu demo (its towns, unions and accounts), adds grassroots
 * unions under its towns (one per ~400 members, sizes skewed the way real
 * unions are) and fills the member-holding unions with persons and
 * memberships exactly as the service leaves them: IDs encrypted and keyed by
 * the server's secret, the search document of `memberSearchDocument`, the
 * person pointing at its one open membership (and 会龄 while it is open), each membership's workflow
 * timeline (`create`, and the closing or retaining step where there is one).
 * Statuses, employment forms, join dates, dues and activity are spread the
 * way a real registry looks (mostly active; retained, withdrawn, deemed
 * withdrawn, a few expelled; gig workers in the platform and joint unions).
 *
 * Set-based: each batch of 20,000 is one INSERT … SELECT FROM unnest(arrays)
 * into persons, memberships and workflow_timeline, and the memberships
 * indexes are built once after the load (as a bulk load should).
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../src/server/db/client.js';
import { queryRows } from '../src/server/db/client.js';
import { DEMO_PASSWORD, loadDemo } from '../src/server/demo/load.js';
import { DEMO_WORKPLACES } from '../src/server/demo/activity.js';
import { employmentAt, personName, prng, type WorkplaceKind } from '../src/server/demo/people.js';
import { type EmploymentForm, MEMBERSHIP_STATUSES, type MembershipStatus } from '../src/server/modules/members/schema.js';
import { DEFAULT_CARD_NUMBER_FORMAT, formatCardNumber } from '../src/server/modules/members/card-number.js';
import { memberSearchDocument } from '../src/server/modules/members/person-fields.js';
import { hashPassword } from '../src/server/platform/accounts/passwords.js';
import { users } from '../src/server/platform/accounts/schema.js';
import { systemActor } from '../src/server/platform/actor.js';
import { maskResidentId, parseResidentId } from '../src/server/platform/cn-ids.js';
import type { PersonalDataCipher } from '../src/server/platform/personal-data.js';
import { buildSearchDocument, searchVector } from '../src/server/platform/search-tokens.js';
import type { Services } from '../src/server/services.js';
import { dropIndexesForLoad } from './bulk.js';

/** 平湖's GB/T 2260 code: the generated unions' division, and so their card numbers'. */
const COUNTY_DIVISION = '330482';
import { rosterResidentId } from './roster.js';

/** The union-level account the bench signs in as (union_staff at 平湖嘉达光电科技有限公司工会). */
export const BENCH_UNION_USER = 'jiada_staff';

const BATCH = 20_000;
/** Members per generated grassroots union, on average. */
const MEMBERS_PER_UNION = 400;

const BRAND_A = '恒嘉华新永金宏瑞鼎中天汇博隆东国长海南星明盛安信远';
const BRAND_B = '宝利腾丰泰盛远信通成兴光源和顺昌发宇辰峰隆鑫美正';
const INDUSTRIES = ['精密机械', '服饰', '物流', '食品', '光电科技', '纸业', '汽车零部件', '电子', '新材料', '箱包', '家具', '建材', '化纤', '印染', '五金'];
const TOWNS = ['danghu', 'zhongdai', 'caoqiao', 'xindai', 'xincang', 'zhapu', 'dushangang', 'guangchen', 'linda'];

type Kind = WorkplaceKind;

interface Union {
  id: number;
  tenantId: number;
  path: string;
  employer: string | null;
  kind: Kind;
  foundedOn: string;
}

/** The share of all members each demo union holds (the rest go to generated unions). */
const DEMO_SHARES: Record<string, number> = {
  jiada: 0.004,
  meiyi: 0.002,
  hengli: 0.003,
  caoqiao_textile: 0.003,
  xindai_food: 0.002,
  shuntong: 0.003,
  zhapu_port: 0.003,
  rider_station: 0.006,
  courier_union: 0.008,
  new_forms: 0.02,
  danghu_park: 0.002,
};
const DEMO_UNIONS = Object.entries(DEMO_WORKPLACES).map(([key, { kind, employer }]) => ({ key, kind, employer, share: DEMO_SHARES[key] }));

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

interface Row {
  id: number;
  tenantId: number;
  orgId: number;
  orgPath: string;
  idHash: string;
  idCipher: string;
  idMasked: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  phone: string | null;
  cardNo: string;
  status: MembershipStatus;
  form: EmploymentForm;
  employer: string | null;
  platform: string | null;
  joinedOn: string;
  endedOn: string | null;
  endReason: string | null;
  lastDuesOn: string | null;
  lastActivityOn: string | null;
  source: 'online' | 'staff' | 'import';
  doc: string;
  /** The step after `create` on the membership's timeline, if any. */
  step: { action: string; payload: unknown } | null;
}

async function insertBatch(db: Db, rows: Row[], actor: { userId: number; name: string }) {
  const col = <K extends keyof Row>(key: K) => sql.param(rows.map((r) => r[key]));
  const steps = rows.map((r) => (r.step ? JSON.stringify(r.step.payload) : null));
  await db.execute(sql`
    with u as (
      select * from unnest(${col('id')}::bigint[], ${col('tenantId')}::bigint[], ${col('orgId')}::bigint[], ${col('orgPath')}::text[], ${col('idHash')}::text[],
                           ${col('idCipher')}::text[], ${col('idMasked')}::text[], ${col('name')}::text[], ${col('sex')}::text[], ${col('birthDate')}::date[],
                           ${col('phone')}::text[], ${col('cardNo')}::text[], ${col('status')}::text[], ${col('form')}::text[], ${col('employer')}::text[],
                           ${col('platform')}::text[], ${col('joinedOn')}::date[], ${col('endedOn')}::date[], ${col('endReason')}::text[], ${col('lastDuesOn')}::date[],
                           ${col('lastActivityOn')}::date[], ${col('source')}::text[], ${col('doc')}::text[],
                           ${sql.param(rows.map((r) => r.step?.action ?? null))}::text[], ${sql.param(steps)}::text[])
        as u(id, tenant_id, org_id, org_path, id_hash, id_cipher, id_masked, name, sex, birth_date, phone, card_no, status, employment_form, employer_name,
             platform_name, joined_on, ended_on, end_reason, last_dues_on, last_activity_on, source, doc, step_action, step_payload)
    ),
    p as (
      insert into persons (id_hash, id_cipher, id_masked, name, sex, birth_date, phone, open_membership_tenant_id, open_membership_id, member_since)
      select decode(id_hash, 'hex'), decode(id_cipher, 'hex'), id_masked, name, sex, birth_date, phone,
             case when status in ('active', 'retained') then tenant_id end, case when status in ('active', 'retained') then id end,
             case when status in ('active', 'retained') then joined_on end -- 会龄 runs only while a membership is open
      from u
    ),
    m as (
      insert into memberships (tenant_id, id, person_hash, org_id, org_path, card_no, status, name, id_masked, sex, birth_date, phone, employment_form,
                               employer_name, platform_name, joined_on, member_since, ended_on, end_reason, last_dues_on, dues_from, last_activity_on, source, search,
                               version, created_at, updated_at)
      overriding system value
      select tenant_id, id, decode(id_hash, 'hex'), org_id, org_path::ltree, card_no, status, name, id_masked, sex, birth_date, phone, employment_form,
             employer_name, platform_name, joined_on, joined_on, ended_on, end_reason, last_dues_on,
             -- A member with dues on record has records since joining (the dues module's evidence, modules/members/evidence.ts).
             case when last_dues_on is not null then date_trunc('month', joined_on)::date end, last_activity_on, source, ${searchVector(sql`doc`)},
             case when step_action is null then 1 else 2 end, (joined_on + time '10:00' - interval '8 hours') at time zone 'UTC',
             (coalesce(ended_on, joined_on) + time '10:00' - interval '8 hours') at time zone 'UTC'
      from u
    )
    insert into workflow_timeline (tenant_id, workflow, record_id, seq, actor_user_id, actor_name, action, from_state, to_state, payload, at)
    select tenant_id, 'membership', id, 1, ${actor.userId}::bigint, ${actor.name}, 'create', null, 'active',
           jsonb_build_object('source', source, 'orgId', org_id), (joined_on + time '10:00' - interval '8 hours') at time zone 'UTC'
    from u
    union all
    select tenant_id, 'membership', id, 2, ${actor.userId}::bigint, ${actor.name}, step_action, 'active', status, step_payload::jsonb,
           (coalesce(ended_on, least(joined_on + 30, current_date)) + time '15:00' - interval '8 hours') at time zone 'UTC'
    from u where step_action is not null`);
}

/**
 * Load the demo and `total` members into it. The cipher must be the server's
 * (same LIANXIN_SECRET), or the IDs would not decrypt. `today` is the last join date.
 */
export async function generateMembers(
  db: Db,
  services: Services,
  cipher: PersonalDataCipher,
  total: number,
  options: { kind: 'pglite' | 'postgres'; today: string; log?: (line: string) => void },
) {
  const log = options.log ?? (() => {});
  const r = prng(20_261_124);
  const orgIds = await loadDemo(db, services);
  const root = await services.rootOrg();
  const pinghu = (await services.orgs.byId(orgIds.pinghu))!;

  // A union-level account beside the demo's county and town staff.
  const jiada = (await services.orgs.byId(orgIds.jiada))!;
  const { user } = await services.users.create(systemActor(root), {
    username: BENCH_UNION_USER,
    displayName: '平湖嘉达光电科技有限公司工会 干事',
    homeOrgId: jiada.id,
    grants: [{ role: 'union_staff', orgId: jiada.id }],
  });
  await db.update(users).set({ passwordHash: await hashPassword(DEMO_PASSWORD), mustChangePassword: false }).where(eq(users.id, user.id));
  const [staff] = await db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.username, 'pinghu_staff'));

  // Generated grassroots unions under the towns, in bulk (ids from the sequence first, so the path is written once).
  const unions: { union: Union; weight: number }[] = [];
  for (const d of DEMO_UNIONS) {
    const org = (await services.orgs.byId(orgIds[d.key]))!;
    unions.push({ union: { id: org.id, tenantId: org.tenantId, path: org.path, employer: d.employer, kind: d.kind, foundedOn: org.foundedOn ?? '2010-01-01' }, weight: d.share });
  }
  const demoShare = DEMO_UNIONS.reduce((s, d) => s + d.share, 0);
  const generated = Math.max(10, Math.round(total / MEMBERS_PER_UNION));
  const towns = await Promise.all(TOWNS.map(async (key) => (await services.orgs.byId(orgIds[key]))!));
  const ids = (await queryRows<{ id: number }>(db, sql`select nextval('orgs_id_seq')::int as id from generate_series(1, ${generated})`)).map((row) => Number(row.id));
  const sizes = ids.map(() => Math.exp(1.1 * Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r()))); // log-normal
  const sizeSum = sizes.reduce((a, b) => a + b, 0);
  const newOrgs = ids.map((id, i) => {
    const town = towns[i % towns.length];
    const employer = `平湖${BRAND_A[i % BRAND_A.length]}${BRAND_B[Math.floor(i / BRAND_A.length) % BRAND_B.length]}${INDUSTRIES[Math.floor(i / (BRAND_A.length * BRAND_B.length)) % INDUSTRIES.length]}有限公司`;
    const suffix = i >= BRAND_A.length * BRAND_B.length * INDUSTRIES.length ? `${Math.floor(i / (BRAND_A.length * BRAND_B.length * INDUSTRIES.length)) + 1}` : '';
    const foundedOn = isoDay(dayMs('2003-01-01') + Math.floor(r() * 20 * 365) * DAY);
    const union: Union = { id, tenantId: pinghu.tenantId, path: `${town.path}.${id}`, employer: employer.replace('有限公司', `${suffix}有限公司`), kind: i % 12 === 5 ? 'logistics' : 'factory', foundedOn };
    unions.push({ union, weight: ((1 - demoShare) * sizes[i]) / sizeSum });
    return { union, town };
  });
  for (let i = 0; i < newOrgs.length; i += 1000) {
    const chunk = newOrgs.slice(i, i + 1000);
    await db.execute(sql`
      insert into orgs (id, tenant_id, parent_id, path, depth, name, type, division_code, founded_on, search) overriding system value values
      ${sql.join(
        chunk.map(({ union, town }) => {
          const name = `${union.employer}工会`;
          return sql`(${union.id}, ${union.tenantId}, ${town.id}, ${union.path}::ltree, ${town.depth + 1}, ${name}, 'grassroots', ${COUNTY_DIVISION}, ${union.foundedOn}::date, ${searchVector(buildSearchDocument({ orgNames: [name], exact: [COUNTY_DIVISION] }))})`;
        }),
        sql`, `,
      )}`);
  }
  await db.execute(sql`analyze orgs`);
  log(`unions: ${DEMO_UNIONS.length} demo + ${generated} generated`);
  const parkEmployers = ['平湖嘉达光电科技有限公司', '平湖美衣服饰有限公司', '平湖当湖小微电子厂', '平湖兴达包装材料厂', '平湖丽景印刷厂'];

  // Cumulative weights for picking a union per member.
  const cumulative: number[] = [];
  let acc = 0;
  for (const u of unions) cumulative.push((acc += u.weight));
  const pickUnion = () => {
    const x = r() * acc;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return unions[lo].union;
  };

  // The memberships indexes are built once after the load (a bulk load's usual order).
  const rebuildIndexes = await dropIndexesForLoad(db, 'memberships');

  // The name's search tokens are cached, as the import does: names repeat.
  const nameDocs = new Map<string, string>();
  const cached = (cache: Map<string, string>, key: string, build: () => string) => {
    let doc = cache.get(key);
    if (doc === undefined) {
      if (cache.size > 300_000) cache.clear();
      doc = build();
      cache.set(key, doc);
    }
    return doc;
  };

  const today = dayMs(options.today);
  const started = performance.now();
  let inFlight: Promise<void> | null = null;
  for (let done = 0; done < total; done += BATCH) {
    const n = Math.min(BATCH, total - done);
    const membershipIds = (await queryRows<{ id: number }>(db, sql`select nextval('memberships_id_seq')::bigint as id from generate_series(1, ${n})`)).map((row) => Number(row.id));
    const rows: Row[] = [];
    for (let i = 0; i < n; i++) {
      const k = done + i;
      // Spread over the generator's whole range (a bijection mod 14 million), so ID tails are as varied as real ones.
      const residentId = rosterResidentId((k * 7919 + 12_345) % 14_000_000);
      const parsed = parseResidentId(residentId);
      if (!parsed.ok) throw new Error(`bad generated ID ${residentId}`);
      const union = pickUnion();
      const id = membershipIds[i];
      const name = personName(r);
      const idMasked = maskResidentId(residentId);
      const phone = r() < 0.97 ? `1${[3, 5, 7, 8, 9][Math.floor(r() * 5)]}${String(Math.floor(r() * 1e9)).padStart(9, '0')}` : null;
      const { form, employer, platform } = employmentAt(union.kind, union.employer, r, parkEmployers);
      // Joined once 18, after the union was founded; recent years more often (the new-form campaigns).
      const earliest = Math.max(dayMs(parsed.birthDate) + 18 * 365 * DAY, dayMs(union.foundedOn), dayMs('2006-01-01'));
      const span = Math.max(1, Math.floor((today - earliest) / DAY));
      const joined = earliest + Math.floor(span * (1 - r() ** 1.6)) * DAY;
      const joinedOn = isoDay(joined);
      const x = r();
      const status: MembershipStatus = x < 0.895 ? 'active' : x < 0.955 ? 'retained' : x < 0.985 ? 'withdrawn' : x < 0.999 ? 'deemed_withdrawn' : 'expelled';
      const closes = status !== 'active' && status !== 'retained';
      const endedOn = closes ? isoDay(joined + Math.floor(r() * Math.max(1, (today - joined) / DAY)) * DAY) : null;
      const sinceJoin = Math.max(1, (today - joined) / DAY);
      const lastDuesOn = status === 'active' ? isoDay(Math.max(joined, today - Math.floor(r() < 0.88 ? r() * 60 : r() * Math.min(sinceJoin, 900)) * DAY)) : null;
      const lastActivityOn = status === 'active' && r() < 0.5 ? isoDay(Math.max(joined, today - Math.floor(r() * Math.min(sinceJoin, 400)) * DAY)) : null;
      const source = union.kind === 'riders' || union.kind === 'couriers' || union.kind === 'gig' ? (r() < 0.7 ? 'online' : 'staff') : r() < 0.75 ? 'import' : r() < 0.5 ? 'staff' : 'online';
      const cardNo = formatCardNumber(DEFAULT_CARD_NUMBER_FORMAT, { division: COUNTY_DIVISION, joinedOn, id, tenantId: union.tenantId });
      // memberSearchDocument (members/person-fields.ts) in two parts, the name's cached: the same tokens, as one tsvector.
      const doc = `${cached(nameDocs, name, () => memberSearchDocument({ name, idMasked: '', phone: null }))} ${memberSearchDocument({ name: '', idMasked, phone, card: { cardNo, id } })}`;
      const step =
        status === 'retained'
          ? { action: 'retain', payload: { cause: r() < 0.7 ? 'retired' : 'laid_off' } }
          : status === 'withdrawn'
            ? { action: 'withdraw', payload: { requestedOn: endedOn } }
            : status === 'deemed_withdrawn'
              ? { action: 'confirm_deemed_withdrawal', payload: null }
              : status === 'expelled'
                ? { action: 'expel', payload: { decisionNo: `平工发〔${endedOn!.slice(0, 4)}〕${1 + Math.floor(r() * 40)}号`, decidedOn: endedOn, reason: '严重违反工会章程' } }
                : null;
      rows.push({
        id,
        tenantId: union.tenantId,
        orgId: union.id,
        orgPath: union.path,
        idHash: cipher.hashResidentId(residentId).toString('hex'),
        idCipher: cipher.encrypt(residentId).toString('hex'),
        idMasked,
        name,
        sex: parsed.sex,
        birthDate: parsed.birthDate,
        phone,
        cardNo,
        status,
        form,
        employer,
        platform,
        joinedOn,
        endedOn,
        endReason: closes ? MEMBERSHIP_STATUSES[status] : null,
        lastDuesOn,
        lastActivityOn,
        source,
        doc,
        step,
      });
    }
    // The next batch is built while this one is written.
    if (inFlight) await inFlight;
    inFlight = insertBatch(db, rows, { userId: staff.id, name: staff.name });
    inFlight.catch(() => {});
    if ((done / BATCH) % 5 === 4) log(`members ${done + n} (${Math.round((done + n) / ((performance.now() - started) / 1000))}/s)`);
  }
  if (inFlight) await inFlight;
  log(`members loaded in ${((performance.now() - started) / 1000).toFixed(0)} s; building indexes`);

  const indexStarted = performance.now();
  await rebuildIndexes(options.kind, ['persons', 'workflow_timeline']);
  log(`indexes and statistics in ${((performance.now() - indexStarted) / 1000).toFixed(0)} s`);
  return { orgIds, unions: unions.length };
}
