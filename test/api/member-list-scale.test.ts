import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_UNION_USER, generateMembers } from '../../bench/members.js';
import { queryRows } from '../../src/server/db/client.js';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { LIST_WINDOW, SEARCH_WINDOW } from '../../src/server/modules/members/queries.js';
import { memberships, persons } from '../../src/server/modules/members/schema.js';
import { orgs } from '../../src/server/platform/org-tree/schema.js';
import { subtreeRange } from '../../src/server/platform/scope.js';
import { nameTokens, searchQuery } from '../../src/server/platform/search-tokens.js';
import { workflowTimeline } from '../../src/server/platform/workflow/schema.js';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { cipher, expectError } from '../support/members.js';

/**
 * The members list past its count window (LIST_WINDOW): the bench's generator
 * (bench/members.ts) fills the Pinghu demo with 12,000
 * members, so a county's list counts up to the window and says so
 * (`totalCapped`), while smaller scopes and filters count exactly; pages stop
 * at the window; the order of every page is the order of the whole list, on
 * whichever plan a page takes (keys from a sort index, or a search's matches
 * read whole). Timings are for `npm run bench members`, never asserted here.
 */

const today = '2026-11-24';
// Enough that the commonest surname (王, ~9 %) has more members than a search counts (SEARCH_WINDOW).
const MEMBERS = LIST_WINDOW + 2_000;
let t: TestApp;
let ids: Record<string, number>;
let county: TestClient;
let town: TestClient;
let union: TestClient;

type Page = { items: { id: number; name: string; joinedOn: string; status: string; employmentForm: string; orgId: number; idMasked: string; phone: string | null }[]; total: number | null; totalCapped: boolean; page: number; pageSize: number };

const list = async (client: TestClient, query: string) => {
  const response = await client.get(`/api/members?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Page;
};

/** The list's count apart from its page (GET /api/members/count), as a page of a broad search needs it. */
const countOf = async (client: TestClient, query: string) => {
  const response = await client.get(`/api/members/count?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { total: number; totalCapped: boolean };
};

const pathOf = async (id: number) => (await t.database.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, id)))[0].path;

/** Ids of the memberships matching `where`, in the list's default order (latest joined first), straight from the table. */
const expectedIds = async (where: ReturnType<typeof sql>, limit: number, order = sql`joined_on desc, id desc`) =>
  (await queryRows<{ id: number | string }>(t.database.db, sql`select id from memberships where ${where} order by ${order} limit ${limit}`)).map((r) => Number(r.id));

/** The register's default: current memberships only (issue 15); a status filter asks for others. */
const CURRENT = sql`status in ('active', 'retained')`;

const exactCount = async (where: ReturnType<typeof sql>) => Number((await queryRows<{ n: number | string }>(t.database.db, sql`select count(*) as n from memberships where ${where}`))[0].n);

beforeAll(async () => {
  t = await createTestApp({ today: () => today });
  ({ orgIds: ids } = await generateMembers(t.database.db, t.services, cipher, MEMBERS, { kind: t.database.kind, today }));
  [county, town, union] = await Promise.all(['pinghu_staff', 'danghu_staff', BENCH_UNION_USER].map((u) => t.login(u, DEMO_PASSWORD)));
}, 180_000);
afterAll(() => t?.close());

describe('the generator leaves the registry as the service would', () => {
  it('every open membership is its person’s one open membership; closed ones are not pointed at', async () => {
    const db = t.database.db;
    const [{ n }] = await db.select({ n: count() }).from(memberships);
    expect(n).toBe(MEMBERS);
    const [open] = await db.select({ n: count() }).from(memberships).where(inArray(memberships.status, ['active', 'retained']));
    const [pointed] = await db
      .select({ n: count() })
      .from(persons)
      .innerJoin(memberships, and(eq(memberships.tenantId, persons.openMembershipTenantId), eq(memberships.id, persons.openMembershipId)))
      .where(inArray(memberships.status, ['active', 'retained']));
    expect(pointed.n).toBe(open.n);
    const [closedPointed] = await db.select({ n: count() }).from(persons).where(sql`${persons.openMembershipId} is null and ${persons.memberSince} is not null`);
    expect(closedPointed.n).toBe(0);
    const [created] = await db.select({ n: count() }).from(workflowTimeline).where(and(eq(workflowTimeline.workflow, 'membership'), eq(workflowTimeline.action, 'create')));
    expect(created.n).toBe(MEMBERS);
  });

  it('IDs are encrypted with the server’s key: a reveal decrypts one, and its last digits find it', async () => {
    const [member] = (await list(union, 'pageSize=1')).items;
    const revealed = await union.post(`/api/members/${member.id}/reveal-id`);
    expect(revealed.statusCode, revealed.body).toBe(200);
    const { residentId } = revealed.json() as { residentId: string };
    expect(residentId).toMatch(/^\d{17}[\dX]$/);
    expect(member.idMasked.slice(-4)).toBe(residentId.slice(-4));
    const found = await list(union, `q=${residentId.slice(-4)}&pageSize=200`);
    expect(found.items.map((m) => m.id)).toContain(member.id);
  });
});

describe('capped totals', () => {
  it('a county counts up to the window and says there are more', async () => {
    const page = await list(county, '');
    expect(page).toMatchObject({ total: LIST_WINDOW, totalCapped: true, page: 1, pageSize: 20 });
    expect(await countOf(county, '')).toEqual({ total: LIST_WINDOW, totalCapped: true });
    expect(page.items.map((m) => m.id)).toEqual(await expectedIds(CURRENT, 20));
  });

  it('smaller scopes and filters count exactly', async () => {
    const danghu = await pathOf(ids.danghu);
    const jiada = await pathOf(ids.jiada);
    const cases: [TestClient, string, ReturnType<typeof sql>][] = [
      [town, '', sql`${CURRENT} and org_path <@ ${danghu}::ltree`],
      [union, '', sql`${CURRENT} and org_path <@ ${jiada}::ltree`],
      [county, 'status=retained', sql`status = 'retained'`],
      [county, 'employmentForm=courier', sql`${CURRENT} and employment_form = 'courier'`],
      [county, 'newFormsOnly=true', sql`${CURRENT} and employment_form in ('truck_driver', 'ride_hailing_driver', 'courier', 'delivery_rider')`],
      [county, `orgId=${ids.danghu}&status=active&employmentForm=standard`, sql`org_path <@ ${danghu}::ltree and status = 'active' and employment_form = 'standard'`],
      [county, 'joinedFrom=2024-01-01&joinedTo=2024-12-31', sql`${CURRENT} and joined_on between '2024-01-01' and '2024-12-31'`],
      [town, 'status=withdrawn', sql`org_path <@ ${danghu}::ltree and status = 'withdrawn'`],
    ];
    for (const [client, query, where] of cases) {
      const exact = await exactCount(where);
      expect(exact, query).toBeLessThan(LIST_WINDOW);
      const page = await list(client, `${query}&pageSize=50`);
      expect({ query, total: page.total, totalCapped: page.totalCapped }).toEqual({ query, total: exact, totalCapped: false });
      expect(await countOf(client, query), query).toEqual({ total: exact, totalCapped: false });
      expect(page.items.map((m) => m.id), query).toEqual(await expectedIds(where, 50));
    }
  });

  it('a search counts up to its smaller window', async () => {
    // Every card number here begins with 平湖's division code 330482 (as every ID number does): a search that matches everyone.
    const everyone = await list(county, 'q=330482');
    expect(everyone).toMatchObject({ total: SEARCH_WINDOW, totalCapped: true });
    expectError(await county.get(`/api/members?q=330482&page=${SEARCH_WINDOW / 20 + 1}`), 400, 'VALIDATION');
    expect((await list(county, `q=330482&page=${SEARCH_WINDOW / 20}`)).items).toHaveLength(20);
    const name = (await list(union, '')).items[0].name;
    const few = await list(union, `q=${encodeURIComponent(name)}&pageSize=200`);
    expect(few.totalCapped).toBe(false);
    expect(few.total).toBe(few.items.length);
    expect(await countOf(union, `q=${encodeURIComponent(name)}`)).toEqual({ total: few.items.length, totalCapped: false });
    expect(await countOf(county, 'q=330482')).toEqual({ total: SEARCH_WINDOW, totalCapped: true });
    expect(few.items.map((m) => m.name)).toContain(name);
  });

  it('the deemed-withdrawal list says whether its total is capped too', async () => {
    const response = await county.get('/api/members/deemed-withdrawal-candidates');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { total: number; totalCapped: boolean };
    expect(body.totalCapped).toBe(false);
    expect(body.total).toBeGreaterThan(0);
  });
});

describe('pages up to the window, in the order of the whole list', () => {
  it('the last page of the window is served; one beyond is refused with the reason', async () => {
    const last = await list(county, `page=${LIST_WINDOW / 20}`);
    expect(last.items).toHaveLength(20);
    expect(last.items.map((m) => m.id)).toEqual((await expectedIds(CURRENT, LIST_WINDOW)).slice(-20));
    const beyond = expectError(await county.get(`/api/members?page=${LIST_WINDOW / 20 + 1}`), 400, 'VALIDATION');
    expect(beyond.fields?.[0]).toMatchObject({ field: 'page' });
    expectError(await county.get(`/api/members?page=${LIST_WINDOW / 200 + 1}&pageSize=200`), 400, 'VALIDATION');
  });

  it('every sort, page by page, is the table’s order', async () => {
    const orders: [string, ReturnType<typeof sql>][] = [
      ['-joinedOn', sql`joined_on desc, id desc`],
      ['joinedOn', sql`joined_on, id`],
      ['name', sql`name, id`],
      ['-name', sql`name desc, id desc`],
    ];
    for (const [sort, order] of orders) {
      const pages = await Promise.all([1, 2, 3, 30].map((p) => list(county, `sort=${sort}&page=${p}&pageSize=100`)));
      const expected = await expectedIds(CURRENT, 3000, order);
      expect(pages.slice(0, 3).flatMap((p) => p.items.map((m) => m.id)), sort).toEqual(expected.slice(0, 300));
      expect(pages[3].items.map((m) => m.id), sort).toEqual(expected.slice(2900, 3000));
    }
  });

  it('a search’s pages are in order whether its matches are read whole or met walking the sort index', async () => {
    // A name and a surname (few matches: read whole and sorted), and 330482 (everyone: the sort index walked).
    const sample = (await list(county, 'sort=name&page=3')).items[0];
    for (const q of [sample.name, sample.name.slice(0, 1), '330482']) {
      const where = sql`${CURRENT} and search @@ to_tsquery('simple', ${searchQuery(q)})`;
      for (const [sort, order] of [
        ['-joinedOn', sql`joined_on desc, id desc`],
        ['name', sql`name, id`],
      ] as const) {
        const expected = await expectedIds(where, 60, order);
        const pages = await Promise.all([1, 2, 3].map((p) => list(county, `q=${encodeURIComponent(q)}&sort=${sort}&page=${p}`)));
        expect(pages.flatMap((p) => p.items.map((m) => m.id)), `${q} ${sort}`).toEqual(expected);
      }
    }
  });
});

describe('a search box mid-typing (a surname, a syllable, initials, three digits)', () => {
  it('walks the sort index for its page, answers a page met walking without its count, and counts apart as the table does, capped at the window, on every path the walk can take', async () => {
    const sample = (await list(county, 'sort=name&page=3')).items[0];
    const [pinyin, initials] = nameTokens(sample.name);
    // 330: every card number's prefix (dense: the page and the window's count both met walking); the surname, its
    // syllable and the initials (a page met in the short first walk or the longer one, or a term sparse in the
    // first walk handed to the GIN index at once; the count from the GIN index); page 30 of the surname (past
    // the walk's rows: the sort index walked on).
    for (const [q, pages] of [
      ['330', [1, 2, 50]],
      [sample.name.slice(0, 1), [1, 2, 30]],
      [pinyin.slice(0, 4), [1, 2]],
      [initials, [1, 2]],
    ] as const) {
      const where = sql`${CURRENT} and search @@ to_tsquery('simple', ${searchQuery(q)})`;
      const total = await exactCount(where);
      const counted = { total: Math.min(total, SEARCH_WINDOW), totalCapped: total > SEARCH_WINDOW };
      expect(await countOf(county, `q=${encodeURIComponent(q)}`), q).toEqual(counted);
      for (const [sort, order] of [
        ['-joinedOn', sql`joined_on desc, id desc`],
        ['name', sql`name, id`],
      ] as const) {
        const expected = await expectedIds(where, 1000, order);
        for (const p of pages) {
          const page = await list(county, `q=${encodeURIComponent(q)}&sort=${sort}&page=${p}`);
          expect(page.items.map((m) => m.id), `${q} ${sort} page ${p}`).toEqual(expected.slice((p - 1) * 20, p * 20));
          // A term sparse in the walk is counted on the page, as any search; one met walking leaves the count to GET /api/members/count.
          if (page.total !== null) expect({ total: page.total, totalCapped: page.totalCapped }, q).toEqual(counted);
        }
      }
    }
    // Everyone's card number begins 330: the page is met in the first rows walked, and comes without its count.
    expect((await list(county, 'q=330')).total).toBeNull();
    // A union's members are fewer than the first walk's rows: a term with less than a page of them is walked
    // to the last row and comes with its exact count; one with a page of them stops at the page, count apart.
    const jiada = sql`${CURRENT} and org_path <@ ${await pathOf(ids.jiada)}::ltree`;
    const inUnion = await exactCount(jiada);
    expect(inUnion).toBeLessThan(1000);
    const surname = sample.name.slice(0, 1);
    const surnamed = await exactCount(sql`${jiada} and search @@ to_tsquery('simple', ${searchQuery(surname)})`);
    expect(surnamed).toBeLessThan(20);
    expect(await list(union, `q=${encodeURIComponent(surname)}`)).toMatchObject({ total: surnamed, totalCapped: false });
    expect(await list(union, 'q=330')).toMatchObject({ total: null });
    expect(await countOf(union, 'q=330')).toEqual({ total: inUnion, totalCapped: false });
  });
  it('counts a lone surname of more than the window from the name index, and one of fewer exactly', async () => {
    const surnames = await queryRows<{ c: string; n: number | string }>(
      t.database.db,
      sql`select left(name, 1) as c, count(*) as n from memberships where ${CURRENT} group by 1 order by 2 desc, 1`,
    );
    const common = surnames[0];
    expect(Number(common.n)).toBeGreaterThan(SEARCH_WINDOW);
    const rare = surnames.find((s) => Number(s.n) > 20 && Number(s.n) < SEARCH_WINDOW / 2)!;
    for (const { c } of [common, rare]) {
      // Names holding the character past their first are matches too: the exact count is the document's.
      const total = await exactCount(sql`${CURRENT} and search @@ to_tsquery('simple', ${searchQuery(c)})`);
      expect(await countOf(county, `q=${encodeURIComponent(c)}`), c).toEqual({ total: Math.min(total, SEARCH_WINDOW), totalCapped: total > SEARCH_WINDOW });
    }
  });

  it('walks on from the first walk’s last row when that walk met a few matches', async () => {
    // Terms with 5–19 matches in the first 1,000 rows of the order: the first page lies past the first walk,
    // within the rows the walk may go on to, so the second walk starts where the first stopped.
    const names = (await list(county, 'pageSize=200')).items.map((m) => m.name);
    const terms = [...new Set(names.flatMap((name) => nameTokens(name).map((token) => token.slice(0, 2))))];
    for (const [sort, order] of [
      ['-joinedOn', sql`joined_on desc, id desc`],
      ['name', sql`name, id`],
    ] as const) {
      let tried = 0;
      for (const q of terms) {
        const where = sql`${CURRENT} and search @@ to_tsquery('simple', ${searchQuery(q)})`;
        const [{ n }] = await queryRows<{ n: number | string }>(
          t.database.db,
          sql`select count(*) as n from (select search from memberships where ${CURRENT} order by ${order} limit 1000) first where search @@ to_tsquery('simple', ${searchQuery(q)})`,
        );
        if (Number(n) < 5 || Number(n) >= 20) continue;
        const page = await list(county, `q=${q}&sort=${sort}`);
        expect(page.items.map((m) => m.id), `${q} ${sort}`).toEqual(await expectedIds(where, 20, order));
        if (++tried === 3) break;
      }
      expect(tried, sort).toBe(3);
    }
  });
});

describe('scope as an index range', () => {
  it('the range of a subtree holds exactly the paths under it (ids like 5, 50 and 500 side by side)', async () => {
    await t.database.db.execute(sql`
      create temporary table zz_paths as
      select ('1.' || a || case when b = 0 then '' else '.' || b end)::ltree as p from generate_series(1, 520, 7) a, generate_series(0, 60, 5) b
      union all select unnest(array['1.5', '1.50', '1.500', '1.5.5', '1.50.5', '1.6'])::ltree`);
    try {
      for (const root of ['1.5', '1.50', '1.8', '1.1', '1.519', '1.5.5', '1.50.5', '1']) {
        const inside = await queryRows<{ p: string }>(t.database.db, sql`select p::text as p from zz_paths where p <@ ${root}::ltree order by 1`);
        const ranged = await queryRows<{ p: string }>(t.database.db, sql`select p::text as p from zz_paths where ${subtreeRange(sql`p`, root)} order by 1`);
        expect(ranged, root).toEqual(inside);
      }
    } finally {
      await t.database.db.execute(sql`drop table zz_paths`);
    }
  });

  it('a town sees only its subtree, however its members are found', async () => {
    const danghu = await pathOf(ids.danghu);
    const inTown = new Set((await expectedIds(sql`org_path <@ ${danghu}::ltree`, 100_000)).map(Number));
    const other = (await expectedIds(sql`not (org_path <@ ${danghu}::ltree)`, 1))[0];
    const [outsider] = await t.database.db.select().from(memberships).where(eq(memberships.id, other));
    for (const query of ['', 'sort=name', `q=${encodeURIComponent(outsider.name)}`, `q=${encodeURIComponent(outsider.name.slice(0, 1))}`, 'status=retained', 'employmentForm=courier']) {
      const page = await list(town, `${query}&pageSize=200`);
      expect(page.items.every((m) => inTown.has(m.id)), query).toBe(true);
    }
    expectError(await town.get(`/api/members/${other}`), 404, 'NOT_FOUND');
  });
});
