import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/db/client.js';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/load.js';
import { computeCreditCodeCheckChar } from '../../src/server/platform/cn-ids.js';
import { ADMIN, createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { expectCountsKept } from '../support/members.js';

/**
 * The org tree (DESIGN §2): which org may sit under which, tenancy, editing
 * with versions, moving subtrees, closing and reopening, browsing and search.
 */

let t: TestApp;
let admin: TestClient;
let ids: Record<string, number>;

type Org = {
  id: number;
  parentId: number | null;
  name: string;
  type: string;
  typeLabel: string;
  path: string;
  depth: number;
  active: boolean;
  hasChildren: boolean;
  tenantId: number;
  version: number;
  childCount: number;
  creditCode: string | null;
  chairName: string | null;
  ancestors: { id: number; name: string }[];
  allowedActions: string[];
};

/** A valid 统一社会信用代码 (GB 32100) with the given 17-character body. */
const creditCode = (first17: string) => first17 + computeCreditCodeCheckChar(first17);
let creditSerial = 0;
/** A fresh, valid trade-union code: 8 (工会) 1 (基层工会) 330482 (平湖) + 9-character org code. */
const unionCreditCode = () => creditCode(`81330482MA${String(++creditSerial).padStart(7, '0')}`);

const org = async (client: TestClient, id: number): Promise<Org> => {
  const response = await client.get(`/api/orgs/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

const createOrg = async (client: TestClient, body: Record<string, unknown>): Promise<Org> => {
  const response = await client.post('/api/orgs', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
};

const fieldsOf = (response: { json(): any }) => (response.json().error.fields ?? []).map((f: { field: string }) => f.field);

const auditRows = async (query: string) => {
  const response = await admin.get(`/api/audit?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items as { action: string; entityId: string; summary: string; before: any; after: any }[];
};

beforeAll(async () => {
  t = await createTestApp();
  ids = await loadDemo(t.database.db, t.services);
  admin = await t.login(ADMIN.username, ADMIN.password);
});
afterAll(() => t.close());
afterEach(() => expectCountsKept(t));

describe('creating orgs: the shape of the union tree', () => {
  // Every parent type with every child type it may hold (DESIGN §2).
  const allowed: [string, string[]][] = [
    ['national', ['province', 'industry_federation', 'platform']],
    ['province', ['city', 'industry_federation', 'joint', 'platform']],
    ['city', ['county', 'industry_federation', 'joint', 'platform', 'grassroots']],
    ['county', ['town', 'joint', 'industry_federation', 'platform', 'grassroots']],
    ['town', ['grassroots', 'joint']],
    ['joint', ['grassroots']],
    ['industry_federation', ['grassroots', 'joint']],
    ['platform', ['grassroots']],
  ];

  it('creates every allowed child type under every parent type, one level deeper, with its own path', async () => {
    const parents: Record<string, number> = {
      national: 1,
      province: ids.zhejiang,
      city: ids.jiaxing,
      county: ids.pinghu,
      town: ids.xincang,
      joint: ids.new_forms,
    };
    parents.industry_federation = (await createOrg(admin, { parentId: ids.pinghu, name: '平湖市机械行业工会联合会', type: 'industry_federation' })).id;
    parents.platform = (await createOrg(admin, { parentId: ids.pinghu, name: '平湖市网约车平台工会', type: 'platform' })).id;

    for (const [parentType, childTypes] of allowed) {
      const parent = await org(admin, parents[parentType]);
      expect(parent.type).toBe(parentType);
      for (const type of childTypes) {
        const child = await createOrg(admin, { parentId: parent.id, name: `测试${parentType}下的${type}工会`, type });
        expect(child).toMatchObject({ parentId: parent.id, type, depth: parent.depth + 1, path: `${parent.path}.${child.id}`, active: true, version: 1 });
        expect(child.typeLabel).toMatch(/工会/);
        expect(child.ancestors.map((a) => a.id)).toEqual(parent.path.split('.').map(Number));
      }
    }
  });

  it('refuses a type that may not sit under the parent, naming the field `type`', async () => {
    for (const [parentId, type] of [
      [ids.danghu, 'province'], // a province under a town
      [ids.pinghu, 'city'],
      [ids.zhejiang, 'grassroots'],
      [ids.jiada, 'grassroots'], // a grassroots union holds no unions
      [1, 'county'],
    ] as const) {
      const response = await admin.post('/api/orgs', { parentId, name: '不该存在的工会', type });
      expect(response.statusCode, `${type} under ${parentId}`).toBe(400);
      expect(response.json().error.code).toBe('VALIDATION');
      expect(fieldsOf(response)).toEqual(['type']);
    }
  });

  it('checks the 统一社会信用代码: well formed, a trade union (81…), and unique', async () => {
    const base = { parentId: ids.xincang, type: 'grassroots' };

    const valid = unionCreditCode();
    const wrongCheckChar = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const wrongCheck = await admin.post('/api/orgs', { ...base, name: '新仓镇甲公司工会', creditCode: wrongCheckChar });
    expect(wrongCheck.statusCode).toBe(400);
    expect(fieldsOf(wrongCheck)).toEqual(['creditCode']);
    expect(wrongCheck.json().error.fields[0].reason).toBe('校验码错误');

    const tooShort = await admin.post('/api/orgs', { ...base, name: '新仓镇乙公司工会', creditCode: '8133048212345' });
    expect(tooShort.statusCode).toBe(400);
    expect(fieldsOf(tooShort)).toEqual(['creditCode']);

    // A valid code of a company (9 = 市场监管, 1 = 企业), not of a trade union.
    const company = await admin.post('/api/orgs', { ...base, name: '新仓镇丙公司工会', creditCode: creditCode('91330482MA2B3C4D5') });
    expect(company.statusCode).toBe(400);
    expect(fieldsOf(company)).toEqual(['creditCode']);
    expect(company.json().error.fields[0].reason).toContain('81');

    const code = unionCreditCode();
    const first = await createOrg(admin, { ...base, name: '新仓镇丁公司工会', creditCode: code });
    expect(first.creditCode).toBe(code);
    const duplicate = await admin.post('/api/orgs', { ...base, name: '新仓镇戊公司工会', creditCode: code });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.code).toBe('CONFLICT');
    // The same code typed in lower case is the same code.
    const disguised = await admin.post('/api/orgs', { ...base, name: '新仓镇己公司工会', creditCode: ` ${code.toLowerCase()} ` });
    expect(disguised.statusCode).toBe(409);
  });

  it('refuses an unknown administrative division code, naming `divisionCode`', async () => {
    const response = await admin.post('/api/orgs', { parentId: ids.pinghu, name: '不存在区划的镇工会', type: 'town', divisionCode: '339999' });
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response)).toEqual(['divisionCode']);
    const ok = await createOrg(admin, { parentId: ids.pinghu, name: '平湖经济技术开发区工会', type: 'town', divisionCode: '330482' });
    expect(ok).toMatchObject({ divisionCode: '330482', divisionName: '浙江省嘉兴市平湖市' });
  });

  it('leaves nothing behind when a create is refused', async () => {
    const search = await admin.get(`/api/orgs?q=${encodeURIComponent('不该存在')}`);
    expect(search.json().total).toBe(0);
    for (const name of ['新仓镇甲公司工会', '新仓镇乙公司工会', '新仓镇丙公司工会', '新仓镇戊公司工会', '新仓镇己公司工会', '不存在区划的镇工会']) {
      expect((await admin.get(`/api/orgs?q=${encodeURIComponent(name)}`)).json().total, name).toBe(0);
    }
  });

  it('does not create under a deactivated parent', async () => {
    const town = await createOrg(admin, { parentId: ids.pinghu, name: '待撤销镇工会', type: 'town' });
    expect((await admin.post(`/api/orgs/${town.id}/deactivate`, { version: town.version })).statusCode).toBe(200);
    const response = await admin.post('/api/orgs', { parentId: town.id, name: '撤销后新建的工会', type: 'grassroots' });
    expect(response.statusCode).toBe(409);
  });
});

describe('tenancy: a county-level federation owns its subtree', () => {
  it('a county and everything below it share tenant_id = the county id', async () => {
    for (const key of ['pinghu', 'danghu', 'danghu_park', 'jiada', 'meiyi', 'rider_station', 'zhongdai', 'shuntong', 'new_forms', 'courier_union']) {
      expect((await org(admin, ids[key])).tenantId, key).toBe(ids.pinghu);
    }
  });

  it('a city, a province and the root are each their own tenant', async () => {
    expect((await org(admin, ids.jiaxing)).tenantId).toBe(ids.jiaxing);
    expect((await org(admin, ids.zhejiang)).tenantId).toBe(ids.zhejiang);
    expect((await org(admin, 1)).tenantId).toBe(1);
  });

  it('a new county becomes a tenant; a union directly under a city belongs to the city', async () => {
    const nanhu = await createOrg(admin, { parentId: ids.jiaxing, name: '嘉兴市南湖区总工会', type: 'county', divisionCode: '330402' });
    expect(nanhu.tenantId).toBe(nanhu.id);
    const town = await createOrg(admin, { parentId: nanhu.id, name: '南湖区新兴街道总工会', type: 'town' });
    expect(town.tenantId).toBe(nanhu.id);
    const cityUnion = await createOrg(admin, { parentId: ids.jiaxing, name: '嘉兴市港区企业工会', type: 'grassroots' });
    expect(cityUnion.tenantId).toBe(ids.jiaxing);
  });

  it("the tenants within a subtree are those that own any of its orgs, read from the tenant orgs alone", async () => {
    const paths = await queryRows<{ path: string }>(t.database.db, sql`select path::text from orgs order by id`);
    expect(paths.length).toBeGreaterThan(20);
    for (const { path } of paths) {
      const owners = await queryRows<{ tenant_id: number }>(t.database.db, sql`select distinct tenant_id from orgs where path <@ ${path}::ltree`);
      const within = await t.services.orgs.tenantIdsWithin(path);
      expect([...within].sort((a, b) => a - b), path).toEqual(owners.map((o) => Number(o.tenant_id)).sort((a, b) => a - b));
    }
    // The root, a province and a city hold several tenants (the counties created above among them).
    expect((await t.services.orgs.tenantIdsWithin((await org(admin, ids.jiaxing)).path)).length).toBeGreaterThan(2);
  });
});

describe('editing an org with its version', () => {
  it('saves a change, bumps the version and audits before and after', async () => {
    const before = await org(admin, ids.hengli);
    const response = await admin.patch(`/api/orgs/${ids.hengli}`, { version: before.version, chairName: '王建国', phone: '0573-85123456' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ chairName: '王建国', phone: '0573-85123456', version: before.version + 1, name: before.name });

    const [row] = await auditRows(`action=org.update&entityId=${ids.hengli}`);
    expect(row.summary).toContain(before.name);
    expect(row.before).toMatchObject({ chairName: '王国强', version: before.version });
    expect(row.after).toMatchObject({ chairName: '王建国', version: before.version + 1 });
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const current = await org(admin, ids.hengli);
    const stale = await admin.patch(`/api/orgs/${ids.hengli}`, { version: current.version - 1, chairName: '覆盖者' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('CONFLICT');
    expect(await org(admin, ids.hengli)).toMatchObject({ chairName: current.chairName, version: current.version });
  });

  it('a renamed org is found by its new name and no longer by the old one', async () => {
    const current = await org(admin, ids.zhapu_port);
    await admin.patch(`/api/orgs/${ids.zhapu_port}`, { version: current.version, name: '平湖乍浦海港集团工会' });
    const found = (await admin.get(`/api/orgs?q=${encodeURIComponent('海港集团')}`)).json();
    expect(found.items.map((o: Org) => o.id)).toEqual([ids.zhapu_port]);
    expect((await admin.get(`/api/orgs?q=${encodeURIComponent('港口物流')}`)).json().total).toBe(0);
  });

  it('checks a type change against the parent and the children', async () => {
    const town = await org(admin, ids.danghu);
    // A town holding a joint union cannot become a joint union: a joint union holds only grassroots unions.
    const toJoint = await admin.patch(`/api/orgs/${ids.danghu}`, { version: town.version, type: 'joint' });
    expect(toJoint.statusCode).toBe(400);
    expect(fieldsOf(toJoint)).toEqual(['type']);
    // 乍浦镇 holds only a grassroots union, so it may become a joint union under the county.
    const zhapu = await org(admin, ids.zhapu);
    const ok = await admin.patch(`/api/orgs/${ids.zhapu}`, { version: zhapu.version, type: 'joint' });
    expect(ok.statusCode, ok.body).toBe(200);
    const back = await admin.patch(`/api/orgs/${ids.zhapu}`, { version: zhapu.version + 1, type: 'town' });
    expect(back.statusCode, back.body).toBe(200);
    // A county cannot turn into a town: that would change who owns its data.
    const pinghu = await org(admin, ids.pinghu);
    expect((await admin.patch(`/api/orgs/${ids.pinghu}`, { version: pinghu.version, type: 'town' })).statusCode).toBe(409);
  });
});

describe('browsing the tree: children of an org, roots of one’s scope', () => {
  it('without parentId lists the roots of the caller’s scope', async () => {
    expect((await admin.get('/api/orgs/children')).json().items.map((o: Org) => o.id)).toEqual([1]);
    const danghuStaff = await t.login('danghu_staff', DEMO_PASSWORD);
    expect((await danghuStaff.get('/api/orgs/children')).json().items.map((o: Org) => o.id)).toEqual([ids.danghu]);
    const leader = await t.login('pinghu_leader', DEMO_PASSWORD);
    expect((await leader.get('/api/orgs/children')).json().items.map((o: Org) => o.id)).toEqual([ids.pinghu]);
  });

  it('lists the children of an org with hasChildren flags', async () => {
    const { items } = (await admin.get(`/api/orgs/children?parentId=${ids.pinghu}`)).json() as { items: Org[] };
    const byId = new Map(items.map((o) => [o.id, o]));
    for (const key of ['danghu', 'zhongdai', 'caoqiao', 'xindai', 'xincang', 'zhapu', 'dushangang', 'guangchen', 'linda', 'new_forms']) {
      expect(byId.has(ids[key]), key).toBe(true);
    }
    expect(items.every((o) => o.parentId === ids.pinghu)).toBe(true);
    expect(byId.get(ids.danghu)!.hasChildren).toBe(true);
    expect(byId.get(ids.zhongdai)!.hasChildren).toBe(true);
    expect(byId.get(ids.dushangang)!.hasChildren).toBe(false);
    expect(byId.get(ids.linda)!.hasChildren).toBe(false);

    const leaves = (await admin.get(`/api/orgs/children?parentId=${ids.zhongdai}`)).json().items as Org[];
    expect(leaves.map((o) => o.id).sort()).toEqual([ids.shuntong, ids.hengli].sort());
    expect(leaves.every((o) => !o.hasChildren)).toBe(true);
  });

  it('answers 404 for a parent that does not exist', async () => {
    expect((await admin.get('/api/orgs/children?parentId=999999')).statusCode).toBe(404);
  });
});

describe('searching orgs', () => {
  const search = async (client: TestClient, query: string) => {
    const response = await client.get(`/api/orgs?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: (Org & { ancestors: { id: number; name: string }[] })[]; total: number; page: number; pageSize: number };
  };
  const danghuNamed = () => [ids.danghu, ids.danghu_park, ids.rider_station].sort((a, b) => a - b);

  it('finds by a Chinese fragment of the name', async () => {
    const result = await search(admin, `q=${encodeURIComponent('当湖')}`);
    expect(result.items.map((o) => o.id).sort((a, b) => a - b)).toEqual(danghuNamed());
    expect(result.items.every((o) => o.name.includes('当湖'))).toBe(true);
    expect(result.total).toBe(3);
  });

  it('finds by pinyin and by initials', async () => {
    expect((await search(admin, 'q=danghu')).items.map((o) => o.id).sort((a, b) => a - b)).toEqual(danghuNamed());
    // 当湖街道总工会 → dhjdzgh; 当湖街道小微企业园联合工会 → dhjd…
    const initials = await search(admin, 'q=dhjd');
    expect(initials.items.map((o) => o.id).sort((a, b) => a - b)).toEqual([ids.danghu, ids.danghu_park].sort((a, b) => a - b));
    const full = await search(admin, 'q=zhongdaijiedao');
    expect(full.items.map((o) => o.id)).toEqual([ids.zhongdai]);
  });

  it('finds by 统一社会信用代码, also typed in lower case', async () => {
    const jiada = await org(admin, ids.jiada);
    expect(jiada.creditCode).toMatch(/^81330482/);
    expect((await search(admin, `q=${jiada.creditCode}`)).items.map((o) => o.id)).toEqual([ids.jiada]);
    expect((await search(admin, `q=${jiada.creditCode!.toLowerCase()}`)).items.map((o) => o.id)).toEqual([ids.jiada]);
  });

  it('carries each result’s ancestors, root first', async () => {
    const { items } = await search(admin, `q=${encodeURIComponent('嘉达光电')}`);
    expect(items).toHaveLength(1);
    expect(items[0].ancestors.map((a) => a.name)).toEqual(['中华全国总工会', '浙江省总工会', '嘉兴市总工会', '平湖市总工会', '当湖街道总工会', '当湖街道小微企业园联合工会']);
    expect(items[0].ancestors.map((a) => a.id)).toEqual(items[0].path.split('.').slice(0, -1).map(Number));
  });

  it('paginates with a total that does not depend on the page', async () => {
    const all = await search(admin, `q=${encodeURIComponent('工会')}&pageSize=200`);
    expect(all.total).toBe(all.items.length);
    expect(all.total).toBeGreaterThan(20);
    const page1 = await search(admin, `q=${encodeURIComponent('工会')}&pageSize=5&page=1`);
    const page2 = await search(admin, `q=${encodeURIComponent('工会')}&pageSize=5&page=2`);
    expect(page1).toMatchObject({ total: all.total, page: 1, pageSize: 5 });
    expect(page2).toMatchObject({ total: all.total, page: 2, pageSize: 5 });
    expect(page1.items).toHaveLength(5);
    expect(page2.items).toHaveLength(5);
    expect([...page1.items, ...page2.items].map((o) => o.id)).toEqual(all.items.slice(0, 10).map((o) => o.id));
    const beyond = await search(admin, `q=${encodeURIComponent('工会')}&pageSize=5&page=1000`);
    expect(beyond).toMatchObject({ total: all.total, items: [] });
  });

  it('filters by type and finds nothing for a name that is not there', async () => {
    const towns = await search(admin, `type=town&q=${encodeURIComponent('钟埭')}`);
    expect(towns.items.map((o) => o.id)).toEqual([ids.zhongdai]);
    expect((await search(admin, `type=grassroots&q=${encodeURIComponent('钟埭')}`)).total).toBe(0);
    const inPinghu = await search(admin, 'type=town&pageSize=200');
    expect(inPinghu.items.every((o) => o.type === 'town')).toBe(true);
    expect(inPinghu.items.map((o) => o.id)).toEqual(expect.arrayContaining([ids.danghu, ids.zhongdai, ids.linda]));
    expect((await search(admin, `q=${encodeURIComponent('不存在的名字')}`)).total).toBe(0);
  });
});

describe('allowed actions follow the caller’s roles', () => {
  it('an admin at the root may do everything to a town', async () => {
    expect((await org(admin, ids.danghu)).allowedActions).toEqual(['edit', 'create_child', 'move', 'deactivate']);
    expect((await org(admin, ids.jiada)).allowedActions).toEqual(['edit', 'move', 'deactivate']);
    expect((await org(admin, 1)).allowedActions).toEqual(['edit', 'create_child']);
  });

  it('a leader reads but may do nothing', async () => {
    const leader = await t.login('pinghu_leader', DEMO_PASSWORD);
    for (const key of ['pinghu', 'danghu', 'jiada']) expect((await org(leader, ids[key])).allowedActions, key).toEqual([]);
    const danghu = await org(leader, ids.danghu);
    const response = await leader.patch(`/api/orgs/${ids.danghu}`, { version: danghu.version, chairName: '领导改的' });
    expect(response.statusCode).toBe(403);
    expect((await leader.post('/api/orgs', { parentId: ids.danghu, name: '领导建的工会', type: 'grassroots' })).statusCode).toBe(403);
  });

  it('a town’s union staff edits its own town but may not move or close it', async () => {
    const staff = await t.login('danghu_staff', DEMO_PASSWORD);
    const town = await org(staff, ids.danghu);
    expect(town.allowedActions).toEqual(['edit', 'create_child']);

    const edited = await staff.patch(`/api/orgs/${ids.danghu}`, { version: town.version, chairName: '范海珠', address: '平湖市当湖街道胜利路 1 号' });
    expect(edited.statusCode, edited.body).toBe(200);
    const afterEdit = edited.json() as Org;

    // Its role sits on the town: moving or closing it would cut the staff off from it. The town is visible, so 403.
    const move = await staff.post(`/api/orgs/${ids.danghu}/move`, { newParentId: ids.new_forms, version: afterEdit.version });
    expect(move.statusCode).toBe(403);
    const close = await staff.post(`/api/orgs/${ids.danghu}/deactivate`, { version: afterEdit.version });
    expect(close.statusCode).toBe(403);
    expect(await org(admin, ids.danghu)).toMatchObject({ parentId: ids.pinghu, active: true, version: afterEdit.version });
  });

  it('a town’s union staff may move and close a grassroots union below the town', async () => {
    const staff = await t.login('danghu_staff', DEMO_PASSWORD);
    const station = await org(staff, ids.rider_station);
    expect(station.allowedActions).toEqual(['edit', 'move', 'deactivate']);

    const closed = await staff.post(`/api/orgs/${ids.rider_station}/deactivate`, { version: station.version });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ active: false, allowedActions: ['edit', 'move', 'reactivate'] });
    const reopened = await staff.post(`/api/orgs/${ids.rider_station}/reactivate`, { version: closed.json().version });
    expect(reopened.statusCode, reopened.body).toBe(200);

    const moved = await staff.post(`/api/orgs/${ids.rider_station}/move`, { newParentId: ids.danghu_park, version: reopened.json().version });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ parentId: ids.danghu_park, depth: station.depth + 1 });
    const back = await staff.post(`/api/orgs/${ids.rider_station}/move`, { newParentId: ids.danghu, version: moved.json().version });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ parentId: ids.danghu, path: station.path, depth: station.depth });

    // Out of the town it cannot go: the staff cannot see the target.
    expect((await staff.post(`/api/orgs/${ids.rider_station}/move`, { newParentId: ids.zhongdai, version: back.json().version })).statusCode).toBe(404);
  });
});

describe('moving a subtree', () => {
  it('moves a grassroots union from 当湖 to 钟埭', async () => {
    const station = await org(admin, ids.rider_station);
    const zhongdai = await org(admin, ids.zhongdai);
    const response = await admin.post(`/api/orgs/${ids.rider_station}/move`, { newParentId: ids.zhongdai, version: station.version });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      parentId: ids.zhongdai,
      path: `${zhongdai.path}.${ids.rider_station}`,
      depth: zhongdai.depth + 1,
      tenantId: ids.pinghu,
      version: station.version + 1,
    });
    expect(response.json().ancestors.map((a: { id: number }) => a.id)).toEqual(zhongdai.path.split('.').map(Number));
  });

  it('rewrites the path and depth of every org of the moved subtree', async () => {
    const park = await org(admin, ids.danghu_park);
    const zhongdai = await org(admin, ids.zhongdai);
    expect(park.childCount).toBe(2);

    const moved = await admin.post(`/api/orgs/${ids.danghu_park}/move`, { newParentId: ids.zhongdai, version: park.version });
    expect(moved.statusCode, moved.body).toBe(200);
    const parkPath = `${zhongdai.path}.${ids.danghu_park}`;
    expect(moved.json()).toMatchObject({ parentId: ids.zhongdai, path: parkPath });
    for (const child of ['jiada', 'meiyi']) {
      const row = await org(admin, ids[child]);
      expect(row, child).toMatchObject({ parentId: ids.danghu_park, path: `${parkPath}.${ids[child]}`, depth: zhongdai.depth + 2 });
      expect(row.ancestors.map((a) => a.name)).toContain('钟埭街道总工会');
      expect(row.ancestors.map((a) => a.name)).not.toContain('当湖街道总工会');
    }
    expect((await admin.get(`/api/orgs/children?parentId=${ids.danghu}`)).json().items.map((o: Org) => o.id)).not.toContain(ids.danghu_park);
    expect((await admin.get(`/api/orgs/children?parentId=${ids.zhongdai}`)).json().items.map((o: Org) => o.id)).toContain(ids.danghu_park);

    // One level up, directly under the county: depths change too.
    const again = await admin.post(`/api/orgs/${ids.danghu_park}/move`, { newParentId: ids.pinghu, version: moved.json().version });
    expect(again.statusCode, again.body).toBe(200);
    const pinghu = await org(admin, ids.pinghu);
    expect(again.json()).toMatchObject({ path: `${pinghu.path}.${ids.danghu_park}`, depth: pinghu.depth + 1 });
    expect(await org(admin, ids.jiada)).toMatchObject({ path: `${pinghu.path}.${ids.danghu_park}.${ids.jiada}`, depth: pinghu.depth + 2 });

    // The staff of 钟埭 lost the subtree, the county still holds it.
    const zhongdaiStaff = await t.login('zhongdai_staff', DEMO_PASSWORD);
    expect((await zhongdaiStaff.get(`/api/orgs/${ids.jiada}`)).statusCode).toBe(404);
    expect((await zhongdaiStaff.get(`/api/orgs/${ids.rider_station}`)).statusCode).toBe(200);
  });

  it('records org.move with the old and new place', async () => {
    const rows = await auditRows(`action=org.move&entityId=${ids.danghu_park}`);
    expect(rows).toHaveLength(2);
    const first = rows[rows.length - 1];
    expect(first.before).toMatchObject({ parentId: ids.danghu });
    expect(first.after).toMatchObject({ parentId: ids.zhongdai });
    expect(first.before.path).toMatch(new RegExp(`\\.${ids.danghu}\\.${ids.danghu_park}$`));
    expect(first.after.path).toMatch(new RegExp(`\\.${ids.zhongdai}\\.${ids.danghu_park}$`));
    expect(first.summary).toContain('当湖街道总工会');
    expect(first.summary).toContain('钟埭街道总工会');
  });

  it('refuses to move an org under itself or its own descendant', async () => {
    const pinghu = await org(admin, ids.pinghu);
    for (const target of [ids.pinghu, ids.zhongdai, ids.jiada]) {
      const response = await admin.post(`/api/orgs/${ids.pinghu}/move`, { newParentId: target, version: pinghu.version });
      expect(response.statusCode, `under ${target}`).toBe(400);
      expect(fieldsOf(response)).toEqual(['newParentId']);
    }
    const park = await org(admin, ids.danghu_park);
    const response = await admin.post(`/api/orgs/${ids.danghu_park}/move`, { newParentId: ids.jiada, version: park.version });
    expect(response.statusCode).toBe(400);
    expect(await org(admin, ids.pinghu)).toMatchObject({ path: pinghu.path, version: pinghu.version });
  });

  it('refuses to move across county-level tenants with 409', async () => {
    const nanhu = await createOrg(admin, { parentId: ids.jiaxing, name: '嘉兴市秀洲区总工会', type: 'county', divisionCode: '330411' });
    const shuntong = await org(admin, ids.shuntong);
    const response = await admin.post(`/api/orgs/${ids.shuntong}/move`, { newParentId: nanhu.id, version: shuntong.version });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.code).toBe('CONFLICT');
    expect(await org(admin, ids.shuntong)).toMatchObject({ parentId: ids.zhongdai, path: shuntong.path, tenantId: ids.pinghu });
  });

  it('refuses a stale version, a placement the target may not hold, and a deactivated target', async () => {
    const shuntong = await org(admin, ids.shuntong);
    expect((await admin.post(`/api/orgs/${ids.shuntong}/move`, { newParentId: ids.caoqiao, version: shuntong.version - 1 })).statusCode).toBe(409);
    const town = await org(admin, ids.linda);
    const underGrassroots = await admin.post(`/api/orgs/${ids.linda}/move`, { newParentId: ids.shuntong, version: town.version });
    expect(underGrassroots.statusCode).toBe(400);
    expect(fieldsOf(underGrassroots)).toEqual(['type']);
    expect((await admin.post('/api/orgs/1/move', { newParentId: ids.pinghu, version: 1 })).statusCode).toBe(409);
  });
});

describe('deactivating and reactivating', () => {
  it('refuses to close an org that still has active children', async () => {
    const zhongdai = await org(admin, ids.zhongdai);
    const response = await admin.post(`/api/orgs/${ids.zhongdai}/deactivate`, { version: zhongdai.version });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toMatch(/\d+ 个下级组织/);
    expect((await org(admin, ids.zhongdai)).active).toBe(true);
  });

  it('closes a leaf, keeps it readable, and reopens it', async () => {
    const meiyi = await org(admin, ids.meiyi);
    const closed = await admin.post(`/api/orgs/${ids.meiyi}/deactivate`, { version: meiyi.version });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ active: false, version: meiyi.version + 1 });
    expect(closed.json().allowedActions).toContain('reactivate');
    expect((await admin.post(`/api/orgs/${ids.meiyi}/deactivate`, { version: meiyi.version + 1 })).statusCode).toBe(409);
    expect((await admin.get('/api/orgs?active=false&pageSize=200')).json().items.map((o: Org) => o.id)).toContain(ids.meiyi);

    const reopened = await admin.post(`/api/orgs/${ids.meiyi}/reactivate`, { version: meiyi.version + 1 });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ active: true, version: meiyi.version + 2 });
    expect((await auditRows(`entityId=${ids.meiyi}&entityType=org`)).map((r) => r.action).slice(0, 2)).toEqual(['org.reactivate', 'org.deactivate']);
  });

  it('closes a town once its children are closed, and reopens a child only after its parent', async () => {
    const children = (await admin.get(`/api/orgs/children?parentId=${ids.xindai}`)).json().items as Org[];
    expect(children.map((o) => o.id)).toEqual([ids.xindai_food]);
    const food = await org(admin, ids.xindai_food);
    expect((await admin.post(`/api/orgs/${ids.xindai_food}/deactivate`, { version: food.version })).statusCode).toBe(200);
    const town = await org(admin, ids.xindai);
    expect((await admin.post(`/api/orgs/${ids.xindai}/deactivate`, { version: town.version })).statusCode).toBe(200);
    const early = await admin.post(`/api/orgs/${ids.xindai_food}/reactivate`, { version: food.version + 1 });
    expect(early.statusCode).toBe(409);
    expect((await admin.post(`/api/orgs/${ids.xindai}/reactivate`, { version: town.version + 1 })).statusCode).toBe(200);
    expect((await admin.post(`/api/orgs/${ids.xindai_food}/reactivate`, { version: food.version + 1 })).statusCode).toBe(200);
  });

  it('never closes the root', async () => {
    const root = await org(admin, 1);
    expect((await admin.post('/api/orgs/1/deactivate', { version: root.version })).statusCode).toBe(409);
  });
});

describe('administrative divisions (GB/T 2260)', () => {
  it('finds 平湖市 by name with its full name', async () => {
    const response = await admin.get(`/api/divisions?q=${encodeURIComponent('平湖')}`);
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toContainEqual({ code: '330482', name: '平湖市', level: 3, parentCode: '330400', fullName: '浙江省嘉兴市平湖市' });
  });

  it('lists the counties of 嘉兴市 by parent code', async () => {
    const { items } = (await admin.get('/api/divisions?parentCode=330400')).json() as { items: { code: string; name: string; parentCode: string; level: number }[] };
    expect(items.map((d) => d.code)).toEqual(['330402', '330411', '330421', '330424', '330481', '330482', '330483']);
    expect(items.map((d) => d.name)).toEqual(['南湖区', '秀洲区', '嘉善县', '海盐县', '海宁市', '平湖市', '桐乡市']);
    expect(items.every((d) => d.parentCode === '330400' && d.level === 3)).toBe(true);
  });

  it('lists provinces without a filter and finds by code prefix', async () => {
    const provinces = (await admin.get('/api/divisions')).json().items as { code: string; level: number }[];
    expect(provinces.length).toBeGreaterThanOrEqual(31);
    expect(provinces.every((d) => d.level === 1)).toBe(true);
    expect((await admin.get('/api/divisions?q=3304')).json().items.map((d: { code: string }) => d.code)).toContain('330482');
  });
});
