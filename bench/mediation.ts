/**
 * A county's years of labour-dispute cases, for the `mediation` bench:
 *
 *   node --import tsx bench/generate.ts --mediation 100000
 *
 * loads the whole Pinghu demo as `npm run demo` does (its enterprises and the 当湖 连心舱 among it:
 * lianxin_mediator sits on its team), opens a studio at the county's union and at each town's that has none
 * (each with a cabin chief and a lawyer), and fills the studios with cases as opening.ts leaves them: the
 * search document (subject, facts, enterprise, workers' names, credit code, court number), the 15-day
 * period or the court's deadline, parties and claims, agreements with amounts on those that reached one,
 * workers' ratings on the rateable, and the timeline's `create`.
 *
 * The spread is a county's: 当湖 (the street of the city centre) takes a third of the cases, the county's
 * own studio a fifth; walk-ins and complaints are half the sources, the court's a fifth; past years are
 * mostly closed, referred or failed, the last two months at every stage. Workers per case are mostly one
 * to three, a few dozen in a mass case.
 *
 * Set-based: each batch of 10,000 is one INSERT … SELECT FROM unnest(arrays) into the cases, their
 * workers and claims and the timeline; the cases' indexes are built once after the load (bench/bulk.ts).
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../src/server/db/client.js';
import { queryRows } from '../src/server/db/client.js';
import { loadFullDemo } from '../src/server/demo/index.js';
import { personName, prng } from '../src/server/demo/people.js';
import { actorOf } from '../src/server/demo/proposals.js';
import type { CaseSource, CaseState, ClaimType } from '../src/server/modules/mediation/schema.js';
import { computeCreditCodeCheckChar } from '../src/server/platform/cn-ids.js';
import { buildSearchDocument, searchVector } from '../src/server/platform/search-tokens.js';
import type { Services } from '../src/server/services.js';
import { dropIndexesForLoad } from './bulk.js';

const BATCH = 10_000;
const FIRST_YEAR = 2019;
const DAY = 86_400_000;
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const SOURCES: [CaseSource, number][] = [
  ['consultation', 0.28], ['complaint', 0.24], ['early_warning', 0.07], ['visit', 0.06], ['court_pre_filing', 0.16], ['court_post_filing', 0.05], ['arbitration', 0.14],
];
const PAST: [CaseState, number][] = [['closed', 0.42], ['confirmed', 0.04], ['referred', 0.16], ['withdrawn', 0.08], ['failed', 0.12], ['agreed', 0.13], ['confirmation_requested', 0.05]];
const RECENT: [CaseState, number][] = [
  ['identify', 0.14], ['visit', 0.14], ['consult', 0.14], ['mediate', 0.2], ['agreed', 0.12], ['confirmation_requested', 0.04], ['closed', 0.1], ['referred', 0.05], ['withdrawn', 0.02], ['failed', 0.05],
];
const MEDIATING: CaseState[] = ['identify', 'visit', 'consult', 'mediate'];
const AGREEMENT: CaseState[] = ['agreed', 'confirmation_requested', 'confirmed', 'closed'];
const RATEABLE: CaseState[] = [...AGREEMENT, 'referred', 'failed'];
const TERMINAL: CaseState[] = ['closed', 'referred', 'withdrawn', 'failed'];

const GROUPS = ['外卖骑手', '快递员', '网约车司机', '建筑工人', '纺织女工', '电子厂职工', '保安员', '家政服务员', '装卸工', '餐饮服务员', '货车司机', '一线职工'];
const CLAIMS: { type: ClaimType; subject: string; facts: string; amount: [number, number] }[] = [
  { type: 'wages', subject: '{g}追索拖欠的工资', facts: '{e}自{m}起未足额发放{g}工资，经多次催讨仍未支付，职工来到连心舱求助。', amount: [300_000, 3_000_000] },
  { type: 'social_insurance', subject: '{g}要求补缴社会保险', facts: '{e}入职后一直未为{g}缴纳社会保险，职工离职时要求补缴并赔偿损失。', amount: [500_000, 4_000_000] },
  { type: 'work_injury', subject: '{g}工伤待遇争议', facts: '{g}在{e}工作期间受伤，已认定工伤，双方对停工留薪期工资和伤残补助金有争议。', amount: [2_000_000, 20_000_000] },
  { type: 'contract_termination', subject: '{g}解除劳动合同争议', facts: '{e}以业绩不达标为由单方解除与{g}的劳动合同，职工认为违法解除，要求赔偿。', amount: [1_000_000, 8_000_000] },
  { type: 'overtime', subject: '{g}追索加班费', facts: '{g}在{e}长期每天工作十一小时以上，周末加班未安排补休也未支付加班费。', amount: [200_000, 2_500_000] },
  { type: 'economic_compensation', subject: '{g}要求支付经济补偿', facts: '{e}搬迁后{g}不愿随迁，双方协商解除劳动合同，但对经济补偿的计算基数有争议。', amount: [800_000, 6_000_000] },
];
const COMPANIES = ['精密机械', '服饰', '物流', '食品', '光电科技', '纸业', '汽车零部件', '电子', '新材料', '快递', '餐饮管理', '建材', '箱包', '配送服务', '家纺'];
const TOWNS = ['当湖', '钟埭', '曹桥', '新埭', '新仓', '乍浦', '独山港', '广陈', '林埭'];

/** A valid 统一社会信用代码 for the n-th enterprise (Pinghu, 91330482…). */
const creditCode = (n: number) => {
  const first17 = `91330482MA2D${String(n).padStart(5, '0')}`.slice(0, 17);
  return first17 + computeCreditCodeCheckChar(first17);
};

interface Studio {
  id: number;
  tenantId: number;
  orgId: number;
  orgPath: string;
  leadMemberId: number;
  leadUserId: number | null;
  share: number;
}

interface Row {
  id: number;
  tenantId: number;
  studioId: number;
  orgId: number;
  orgPath: string;
  state: CaseState;
  source: CaseSource;
  online: boolean;
  subject: string;
  facts: string;
  enterpriseName: string;
  creditCode: string | null;
  workerCount: number;
  claimedTotal: number;
  leadMemberId: number | null;
  leadUserId: number | null;
  receivedOn: string;
  dueOn: string | null;
  courtName: string | null;
  courtCaseNo: string | null;
  courtDueOn: string | null;
  agreedOn: string | null;
  agreedTotal: number | null;
  escalatedAt: string | null;
  concludedAt: string | null;
  createdAt: string;
  updatedAt: string;
  doc: string;
  workers: { name: string; isMember: boolean; rating: string | null }[];
  claims: { type: ClaimType; amount: number }[];
}

/** A case's summary as summaries.ts keeps it: amounts (or counts) added up by key, as jsonb. */
const tally = (entries: [string, number][]) => JSON.stringify(entries.reduce<Record<string, number>>((sums, [key, n]) => ({ ...sums, [key]: (sums[key] ?? 0) + n }), {}));

async function insertBatch(db: Db, rows: Row[]) {
  const col = <K extends keyof Row>(key: K) => sql.param(rows.map((r) => r[key]));
  const claimedByType = sql.param(rows.map((r) => tally(r.claims.map((c) => [c.type, c.amount]))));
  const ratingCounts = sql.param(rows.map((r) => tally(r.workers.flatMap((w): [string, number][] => (w.rating ? [[w.rating, 1]] : [])))));
  const workers = rows.flatMap((r) => r.workers.map((w) => ({ r, w })));
  const claims = rows.flatMap((r) => r.claims.map((c) => ({ r, c })));
  const wCol = (pick: (x: (typeof workers)[number]) => unknown) => sql.param(workers.map(pick));
  const cCol = (pick: (x: (typeof claims)[number]) => unknown) => sql.param(claims.map(pick));
  await db.execute(sql`
    with u as (
      select * from unnest(${col('id')}::bigint[], ${col('tenantId')}::bigint[], ${col('studioId')}::bigint[], ${col('orgId')}::bigint[], ${col('orgPath')}::text[],
                           ${col('state')}::text[], ${col('source')}::text[], ${col('online')}::boolean[], ${col('subject')}::text[], ${col('facts')}::text[],
                           ${col('enterpriseName')}::text[], ${col('creditCode')}::text[], ${col('workerCount')}::int[], ${col('claimedTotal')}::bigint[],
                           ${col('leadMemberId')}::bigint[], ${col('leadUserId')}::bigint[], ${col('receivedOn')}::date[], ${col('dueOn')}::date[],
                           ${col('courtName')}::text[], ${col('courtCaseNo')}::text[], ${col('courtDueOn')}::date[], ${col('agreedOn')}::date[], ${col('agreedTotal')}::bigint[],
                           ${col('escalatedAt')}::timestamptz[], ${col('concludedAt')}::timestamptz[], ${col('createdAt')}::timestamptz[], ${col('updatedAt')}::timestamptz[], ${col('doc')}::text[],
                           ${claimedByType}::jsonb[], ${ratingCounts}::jsonb[])
        as u(id, tenant_id, studio_id, org_id, org_path, state, source, online, subject, facts, enterprise_name, credit_code, worker_count, claimed_total,
             lead_member_id, lead_user_id, received_on, due_on, court_name, court_case_no, court_due_on, agreed_on, agreed_total, escalated_at, concluded_at,
             created_at, updated_at, doc, claimed_by_type, rating_counts)
    ),
    c as (
      insert into mediation_cases (tenant_id, id, studio_id, org_id, org_path, state, source, online, subject, facts, enterprise_name, enterprise_credit_code,
                                   worker_count, claimed_total, claimed_by_type, rating_counts, lead_member_id, lead_user_id, received_on, due_on, court_name, court_case_no, court_due_on,
                                   agreed_on, agreed_total, escalated_at, concluded_at, search, version, created_at, updated_at)
      overriding system value
      select tenant_id, id, studio_id, org_id, org_path::ltree, state, source, online, subject, facts, enterprise_name, credit_code, worker_count, claimed_total, claimed_by_type, rating_counts,
             lead_member_id, lead_user_id, received_on, due_on, court_name, court_case_no, court_due_on, agreed_on, agreed_total, escalated_at, concluded_at,
             ${searchVector(sql`doc`)}, 1, created_at, updated_at
      from u
    ),
    w as (
      insert into mediation_case_workers (tenant_id, case_id, name, is_member, rating, rated_at)
      select t, k, n, m, r, case when r is null then null else now() end
      from unnest(${wCol(({ r }) => r.tenantId)}::bigint[], ${wCol(({ r }) => r.id)}::bigint[], ${wCol(({ w }) => w.name)}::text[], ${wCol(({ w }) => w.isMember)}::boolean[],
                  ${wCol(({ w }) => w.rating)}::text[]) as x(t, k, n, m, r)
    ),
    cl as (
      insert into mediation_case_claims (tenant_id, case_id, type, amount)
      select * from unnest(${cCol(({ r }) => r.tenantId)}::bigint[], ${cCol(({ r }) => r.id)}::bigint[], ${cCol(({ c }) => c.type)}::text[], ${cCol(({ c }) => c.amount)}::bigint[])
    )
    insert into workflow_timeline (tenant_id, workflow, record_id, seq, actor_user_id, actor_name, action, from_state, to_state, payload, at)
    select tenant_id, 'mediation_case', id, 1, null, '连心舱', 'create', null, 'identify', jsonb_build_object('subject', subject, 'source', source, 'workers', worker_count, 'dueOn', due_on), created_at
    from u`);
}

/** Load the demo, its studios and `total` cases into the county. `today` is the last day anything happened. */
export async function generateMediation(db: Db, services: Services, total: number, options: { kind: 'pglite' | 'postgres'; today: string; log?: (line: string) => void }) {
  const log = options.log ?? (() => {});
  const r = prng(20_261_207);
  const pick = <T>(items: readonly T[]) => items[Math.floor(r() * items.length)];
  const between = ([lo, hi]: [number, number]) => Math.round((lo + r() * (hi - lo)) / 100) * 100;
  const weighted = <T>(shares: readonly [T, number][]) => {
    let x = r();
    for (const [value, share] of shares) if ((x -= share) < 0) return value;
    return shares[shares.length - 1][0];
  };

  const orgIds = await loadFullDemo(db, services);

  // A studio at the county's union and at each town's without one, each with a cabin chief and a lawyer.
  const staff = await actorOf(db, services, 'pinghu_staff');
  const pinghu = (await services.orgs.byId(orgIds.pinghu))!;
  const towns = await queryRows<{ id: number; name: string }>(db, sql`select id::int, name from orgs where parent_id = ${pinghu.id} and type = 'town' and active order by id`);
  const existing = (await services.mediation.studios(staff, {})).items;
  for (const org of [{ id: pinghu.id, name: pinghu.name }, ...towns]) {
    if (existing.some((s) => s.orgId === org.id)) continue;
    const studio = await services.mediation.createStudio(staff, { orgId: org.id, name: `${org.name.replace('总工会', '')}“连心舱”劳动争议调解工作室` });
    await services.mediation.addMember(staff, studio.id, { role: 'cabin_chief', name: personName(r) });
    await services.mediation.addMember(staff, studio.id, { role: 'lawyer', name: personName(r), lawFirm: '浙江平湖律师事务所' });
  }
  const studioRows = (await services.mediation.studios(staff, {})).items;
  const studios: Studio[] = studioRows.map((s) => {
    const lead = s.members.find((m) => m.userId !== null) ?? s.members[0];
    const share = s.orgId === orgIds.danghu ? 0.33 : s.orgId === pinghu.id ? 0.2 : 0.47 / (studioRows.length - 2);
    return { id: s.id, tenantId: pinghu.tenantId, orgId: s.orgId, orgPath: '', leadMemberId: lead.id, leadUserId: lead.userId, share };
  });
  const paths = new Map((await queryRows<{ id: number; path: string }>(db, sql`select id::int, org_path::text as path from mediation_studios`)).map((s) => [Number(s.id), s.path]));
  for (const s of studios) s.orgPath = paths.get(s.id)!;

  const enterprises = Array.from({ length: 3_000 }, (_, i) => ({ name: `平湖${pick(TOWNS)}${pick(COMPANIES)}${i + 1}号有限公司`, code: creditCode(i + 1) }));
  const today = dayMs(options.today);
  const start = dayMs(`${FIRST_YEAR}-01-01`);
  const at = (ms: number, hour: number) => new Date(ms + (hour - 8) * 3_600_000 + Math.floor(r() * 3_600_000)).toISOString();
  let courtSerial = 0;

  const rebuildIndexes = await dropIndexesForLoad(db, 'mediation_cases');
  const started = performance.now();
  let inFlight: Promise<void> | null = null;
  for (let done = 0; done < total; done += BATCH) {
    const n = Math.min(BATCH, total - done);
    const ids = (await queryRows<{ id: number }>(db, sql`select nextval('mediation_cases_id_seq')::bigint as id from generate_series(1, ${n})`)).map((row) => Number(row.id));
    const rows: Row[] = [];
    for (let i = 0; i < n; i++) {
      const received = start + Math.floor((today - start) * Math.sqrt(r()));
      const recent = today - received < 60 * DAY;
      const state = weighted(recent ? RECENT : PAST);
      const source = weighted(SOURCES);
      const studio = weighted(studios.map((s): [Studio, number] => [s, s.share]));
      const claim = pick(CLAIMS);
      const group = pick(GROUPS);
      const enterprise = pick(enterprises);
      const workerCount = r() < 0.02 ? 10 + Math.floor(r() * 40) : 1 + Math.floor(r() * r() * 4);
      const workers = Array.from({ length: workerCount }, () => ({ name: personName(r), isMember: r() < 0.6, rating: RATEABLE.includes(state) && r() < 0.3 ? weighted([['satisfied', 0.7], ['basically_satisfied', 0.22], ['unsatisfied', 0.08]]) : null }));
      const claims = [{ type: claim.type, amount: between(claim.amount) * Math.min(workerCount, 10) }, ...(r() < 0.3 ? [{ type: 'economic_compensation' as ClaimType, amount: between([300_000, 2_000_000]) }] : [])];
      const claimedTotal = claims.reduce((sum, c) => sum + c.amount, 0);
      const court = source === 'court_pre_filing' || source === 'court_post_filing';
      const year = isoDay(received).slice(0, 4);
      const courtCaseNo = court ? `（${year}）浙0482${source === 'court_pre_filing' ? '民诉前调' : '民初'}${++courtSerial}号` : null;
      const courtDueOn = court ? isoDay(received + 30 * DAY) : null;
      const dueOn = MEDIATING.includes(state) ? (courtDueOn ?? isoDay(received + 15 * DAY)) : null;
      const agreed = AGREEMENT.includes(state);
      const agreedOn = agreed ? Math.min(today, received + (3 + Math.floor(r() * 12)) * DAY) : null;
      const updated = Math.min(today, agreedOn ?? received + Math.floor(r() * (MEDIATING.includes(state) ? 10 : 30)) * DAY);
      const subject = `${workerCount} 名${claim.subject.replaceAll('{g}', group)}`;
      const facts = claim.facts.replaceAll('{g}', group).replaceAll('{e}', enterprise.name).replaceAll('{m}', `${1 + Math.floor(r() * 12)} 月`);
      const withCode = r() < 0.85;
      rows.push({
        id: ids[i],
        tenantId: studio.tenantId,
        studioId: studio.id,
        orgId: studio.orgId,
        orgPath: studio.orgPath,
        state,
        source,
        online: (source === 'consultation' || source === 'complaint') && r() < 0.3,
        subject,
        facts,
        enterpriseName: enterprise.name,
        creditCode: withCode ? enterprise.code : null,
        workerCount,
        claimedTotal,
        leadMemberId: state === 'identify' && r() < 0.3 ? null : studio.leadMemberId,
        leadUserId: state === 'identify' && r() < 0.3 ? null : studio.leadUserId,
        receivedOn: isoDay(received),
        dueOn,
        courtName: court ? '平湖市人民法院' : null,
        courtCaseNo,
        courtDueOn,
        agreedOn: agreedOn === null ? null : isoDay(agreedOn),
        agreedTotal: agreed ? Math.round((claimedTotal * (0.5 + r() * 0.5)) / 100) * 100 : null,
        escalatedAt: workerCount >= 10 ? at(received, 10) : null,
        concludedAt: TERMINAL.includes(state) ? at(updated, 16) : null,
        createdAt: at(received, 9),
        updatedAt: at(updated, 17),
        doc: buildSearchDocument({ texts: [subject, facts], orgNames: [enterprise.name], personNames: workers.map((w) => w.name), exact: [withCode ? enterprise.code : null, courtCaseNo] }),
        workers,
        claims,
      });
    }
    // The next batch is built while this one is written.
    if (inFlight) await inFlight;
    inFlight = insertBatch(db, rows);
    inFlight.catch(() => {});
    log(`mediation cases ${done + n} (${Math.round((done + n) / ((performance.now() - started) / 1000))}/s)`);
  }
  if (inFlight) await inFlight;
  await rebuildIndexes(options.kind, ['mediation_case_workers', 'mediation_case_claims', 'mediation_case_months', 'workflow_timeline']);
  log(`mediation cases loaded and indexed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  return { orgIds };
}
