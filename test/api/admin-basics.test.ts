import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/load.js';
import { DEFAULT_CARD_NUMBER_FORMAT } from '../../src/server/modules/members/card-number.js';
import { cardNumberFormatSetting } from '../../src/server/modules/members/settings.js';
import { declaredPermissions } from '../../src/server/platform/accounts/roles.js';
import { permissionLabel } from '../../src/server/platform/labels/registry.js';
import { ADMIN, createTestApp, type TestApp, type TestClient } from '../support/app.js';

/**
 * The administration basics of issue 15: user management for administrators only, the roles page,
 * settings (参数设置), dictionaries (字典), notices (通知公告) with read receipts, and the operation and
 * login logs in Chinese with their exports.
 */

let t: TestApp;
let ids: Record<string, number>;
let admin: TestClient;
let pinghuAdmin: TestClient;
let pinghuStaff: TestClient;
let danghuStaff: TestClient;
let zhongdaiStaff: TestClient;

const CHROME_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

const ok = async <T = any>(response: Promise<{ statusCode: number; body: string; json(): any }>, status = 200): Promise<T> => {
  const r = await response;
  expect(r.statusCode, r.body).toBe(status);
  return status === 204 ? (undefined as T) : r.json();
};
const fields = (body: string) => (JSON.parse(body) as { error: { fields?: { field: string }[] } }).error.fields?.map((f) => f.field);

async function readSheet(payload: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return { name: sheet.name, rows };
}

beforeAll(async () => {
  t = await createTestApp({ today: () => '2026-12-07' });
  ids = await loadDemo(t.database.db, t.services);
  admin = await t.login(ADMIN.username, ADMIN.password);
  pinghuAdmin = await t.login('pinghu_admin', DEMO_PASSWORD);
  pinghuStaff = await t.login('pinghu_staff', DEMO_PASSWORD);
  danghuStaff = await t.login('danghu_staff', DEMO_PASSWORD);
  zhongdaiStaff = await t.login('zhongdai_staff', DEMO_PASSWORD);
});
afterAll(() => t.close());

describe('user management is the administrators\' only', () => {
  it('refuses the account list and a user to union staff (组织部), leaders and supervisors', async () => {
    for (const client of [pinghuStaff, await t.login('pinghu_leader', DEMO_PASSWORD), await t.login('pinghu_supervisor', DEMO_PASSWORD)]) {
      expect((await client.get('/api/users')).statusCode).toBe(403);
      expect((await client.get(`/api/users/1`)).statusCode).toBe(403);
      expect((await client.get('/api/roles/overview')).statusCode).toBe(403);
    }
    expect((await ok<{ total: number }>(pinghuAdmin.get('/api/users'))).total).toBeGreaterThan(5);
  });

  it('lets staff find an account by name to link it, with its roles and nothing else', async () => {
    const { items } = await ok<{ items: Record<string, unknown>[] }>(pinghuStaff.get(`/api/users/pick?q=${encodeURIComponent('领航员')}`));
    expect(items).toEqual([{ id: expect.any(Number), username: 'lianxin_mediator', displayName: '连心舱 领航员', roles: ['mediator'] }]);
    // Staff of a town find no one outside their subtree.
    expect((await ok<{ items: unknown[] }>(danghuStaff.get('/api/users/pick?q=pinghu'))).items).toEqual([]);
    expect((await (await t.login('pinghu_leader', DEMO_PASSWORD)).get('/api/users/pick?q=pinghu')).statusCode).toBe(403);
  });
});

describe('roles and permissions (角色权限)', () => {
  it('gives every permission of every module a Chinese label', () => {
    const missing = declaredPermissions().filter((p) => permissionLabel(p) === p);
    expect(missing).toEqual([]);
  });

  it('shows each role, what it may do and how many hold it; who holds it where, by org', async () => {
    const { items } = await ok<{ items: { role: string; label: string; permissions: { code: string; label: string }[]; holders: number }[] }>(pinghuAdmin.get('/api/roles/overview'));
    expect(items.map((r) => r.role)).toEqual(['worker', 'representative', 'union_staff', 'handler', 'mediator', 'supervisor', 'leader', 'admin']);
    const staff = items.find((r) => r.role === 'union_staff')!;
    expect(staff.label).toBe('工会工作人员');
    expect(staff.permissions).toContainEqual({ code: 'members.read', label: '查看会员名册、入会申请与接转' });
    expect(staff.permissions.map((p) => p.code)).not.toContain('users.read');
    expect(staff.holders).toBe(3);
    const grants = await ok<{ items: { orgName: string; username: string }[]; total: number }>(pinghuAdmin.get('/api/roles/union_staff/grants?pageSize=2'));
    expect(grants.total).toBe(3);
    expect(grants.items).toHaveLength(2);
    expect(grants.items[0]).toMatchObject({ orgName: '平湖市总工会', username: 'pinghu_staff' });
  });
});

describe('settings (参数设置)', () => {
  type Setting = { key: string; value: unknown; defaultValue: unknown; isDefault: boolean; version: number; editable: boolean };
  const setting = async (client: TestClient, key: string) => (await ok<{ items: Setting[] }>(client.get('/api/settings'))).items.find((s) => s.key === key)!;

  it('lists the registered settings with their defaults', async () => {
    const format = await setting(admin, 'members.cardNumberFormat');
    expect(format).toMatchObject({ value: DEFAULT_CARD_NUMBER_FORMAT, isDefault: true, version: 0, editable: true });
    const url = await setting(admin, 'platform.publicBaseUrl');
    expect(url.value).toMatch(/^https?:\/\/[^/]+.*[^/]$/);
    expect((await pinghuStaff.get('/api/settings')).statusCode).toBe(403);
  });

  it('refuses a bad value naming the field, saves a good one, refuses a stale version', async () => {
    const bad = await admin.put('/api/settings/members.cardNumberFormat', { value: '{year}{name}', version: 0 });
    expect(bad.statusCode).toBe(400);
    expect([...new Set(fields(bad.body))]).toEqual(['value']);
    const noSerial = await admin.put('/api/settings/members.cardNumberFormat', { value: 'PH{year}', version: 0 });
    expect(noSerial.statusCode).toBe(400);
    expect(noSerial.body).toContain('流水号');
    const saved = await ok<Setting>(admin.put('/api/settings/members.cardNumberFormat', { value: 'PH-{year}{serial:7}', version: 0 }));
    expect(saved).toMatchObject({ value: 'PH-{year}{serial:7}', isDefault: false, version: 1 });
    expect(await t.services.settings.get(cardNumberFormatSetting)).toBe('PH-{year}{serial:7}');
    expect((await admin.put('/api/settings/members.cardNumberFormat', { value: '{year}{serial:6}', version: 0 })).statusCode).toBe(409);
    expect((await admin.put('/api/settings/platform.publicBaseUrl', { value: 'https://lianxin.pinghu.gov.cn/', version: 0 })).statusCode).toBe(400);
    expect((await admin.put('/api/settings/platform.publicBaseUrl', { value: 'ftp://lianxin.pinghu.gov.cn', version: 0 })).statusCode).toBe(400);
    const url = await ok<Setting>(admin.put('/api/settings/platform.publicBaseUrl', { value: 'https://lianxin.pinghu.gov.cn', version: 0 }));
    expect(url.value).toBe('https://lianxin.pinghu.gov.cn');
    expect((await admin.put('/api/settings/no.such', { value: 1, version: 0 })).statusCode).toBe(404);
  });

  it('lets an administrator below the root look but not change (the values hold for the whole instance)', async () => {
    expect((await setting(pinghuAdmin, 'members.cardNumberFormat')).editable).toBe(false);
    expect((await pinghuAdmin.put('/api/settings/members.cardNumberFormat', { value: '{year}{serial:6}', version: 1 })).statusCode).toBe(403);
  });

  it('goes back to the default', async () => {
    expect((await setting(admin, 'members.cardNumberFormat')).version).toBe(1);
    const reset = await ok<Setting>(admin.put('/api/settings/members.cardNumberFormat', { reset: true, version: 1 }));
    expect(reset).toMatchObject({ value: DEFAULT_CARD_NUMBER_FORMAT, isDefault: true, version: 0 });
    expect(await t.services.settings.get(cardNumberFormatSetting)).toBe(DEFAULT_CARD_NUMBER_FORMAT);
  });
});

describe('dictionaries (字典)', () => {
  type Entry = { code: string; label: string; sortOrder: number; enabled: boolean; builtIn: boolean; version: number };
  type Dictionary = { name: string; fixedCodes: boolean; editable: boolean; entries: Entry[] };
  const dictionary = async (name: string) => (await ok<{ items: Dictionary[] }>(admin.get('/api/dictionaries'))).items.find((d) => d.name === name)!;
  const meta = async () => (await ok<{ employmentForms: { code: string; label: string; enabled: boolean }[] }>(pinghuStaff.get('/api/members/meta'))).employmentForms;

  it('lists the declared dictionaries with their shipped entries', async () => {
    const forms = await dictionary('employment_form');
    expect(forms).toMatchObject({ fixedCodes: true, editable: true });
    expect(forms.entries.map((e) => e.code)).toEqual(['standard', 'flexible', 'truck_driver', 'ride_hailing_driver', 'courier', 'delivery_rider']);
    expect((await dictionary('industry')).entries).toHaveLength(20);
    expect((await pinghuStaff.get('/api/dictionaries')).statusCode).toBe(403);
  });

  it('gives the members module its employment forms\' words and order; the codes stay', async () => {
    const courier = (await dictionary('employment_form')).entries.find((e) => e.code === 'courier')!;
    await ok(admin.patch('/api/dictionaries/employment_form/entries/courier', { label: '快递员（含快递小哥）', sortOrder: 1, version: courier.version }));
    const flexible = (await dictionary('employment_form')).entries.find((e) => e.code === 'flexible')!;
    await ok(admin.patch('/api/dictionaries/employment_form/entries/flexible', { enabled: false, version: flexible.version }));
    const forms = await meta();
    expect(forms[0]).toEqual({ code: 'courier', label: '快递员（含快递小哥）', enabled: true });
    expect(forms.find((f) => f.code === 'flexible')!.enabled).toBe(false);
    // A stale version is refused and changes nothing.
    const stale = await admin.patch('/api/dictionaries/employment_form/entries/courier', { label: '别的', version: courier.version });
    expect(stale.statusCode).toBe(409);
    expect((await meta())[0].label).toBe('快递员（含快递小哥）');
  });

  it('adds entries to open dictionaries only, and only at the root', async () => {
    const fixed = await admin.post('/api/dictionaries/employment_form/entries', { code: 'farmer', label: '农民工' });
    expect(fixed.statusCode).toBe(400);
    expect(fields(fixed.body)).toEqual(['code']);
    const added = await ok<Entry>(admin.post('/api/dictionaries/industry/entries', { code: 'c_textile', label: '纺织业' }), 201);
    expect(added).toMatchObject({ code: 'c_textile', builtIn: false, enabled: true });
    expect((await admin.post('/api/dictionaries/industry/entries', { code: 'c_textile', label: '重复' })).statusCode).toBe(400);
    expect((await pinghuAdmin.post('/api/dictionaries/industry/entries', { code: 'c_food', label: '食品制造' })).statusCode).toBe(403);
    expect((await admin.patch('/api/dictionaries/industry/entries/nope', { label: 'x', version: 0 })).statusCode).toBe(404);
  });
});

describe('notices (通知公告)', () => {
  type Notice = { id: number; title: string; read: boolean; recipients: number | null; readers: number | null };
  let fromCounty: Notice;
  let fromTown: Notice;

  beforeAll(async () => {
    fromCounty = await ok(pinghuStaff.post('/api/notices', { orgId: ids.pinghu, title: '关于开展2027年“春送岗位”活动的通知', body: '各镇（街道）总工会：请于1月10日前报送岗位信息。' }), 201);
    fromTown = await ok(danghuStaff.post('/api/notices', { orgId: ids.danghu, title: '当湖街道工会12月例会通知', body: '12月10日下午2点在街道总工会三楼会议室。' }), 201);
  });

  it('reaches the union staff of the unions below, unread, and counts on the home page\'s to-dos', async () => {
    const inbox = await ok<{ items: Notice[] }>(zhongdaiStaff.get('/api/notices?box=inbox'));
    expect(inbox.items.map((n) => [n.title, n.read])).toEqual([[fromCounty.title, false]]);
    const todos = await ok<{ items: { key: string; count: number }[] }>(zhongdaiStaff.get('/api/todos'));
    expect(todos.items.find((i) => i.key === 'notices.unread')?.count).toBe(1);
  });

  it('a union receives only the notices of the unions above it', async () => {
    // 钟埭 is 当湖's sibling: the town's notice is not theirs, not even by id.
    expect((await zhongdaiStaff.get(`/api/notices/${fromTown.id}`)).statusCode).toBe(404);
    // 当湖 receives the county's notice, not its own.
    expect((await ok<{ items: Notice[] }>(danghuStaff.get('/api/notices'))).items.map((n) => n.title)).toEqual([fromCounty.title]);
    // The county's staff wrote the county's notice and sit above 当湖: neither is in their inbox…
    const countyInbox = await ok<{ items: Notice[] }>(pinghuStaff.get('/api/notices'));
    expect(countyInbox.items).toEqual([]);
    // …both are among those published in their scope, with their receipts.
    const sent = await ok<{ items: Notice[] }>(pinghuStaff.get('/api/notices?box=sent'));
    expect(sent.items.map((n) => n.title).sort()).toEqual([fromCounty.title, fromTown.title].sort());
    expect((await pinghuStaff.get(`/api/notices/${fromTown.id}/receipts`)).statusCode).toBe(200);
    expect((await zhongdaiStaff.get(`/api/notices/${fromCounty.id}/receipts`)).statusCode).toBe(404);
    // Publishing above one's own union is refused, naming the field.
    const above = await danghuStaff.post('/api/notices', { orgId: ids.pinghu, title: '越级', body: '越级发布' });
    expect(above.statusCode).toBe(400);
    expect(fields(above.body)).toEqual(['orgId']);
    const empty = await danghuStaff.post('/api/notices', { orgId: ids.danghu, title: ' ', body: '' });
    expect(fields(empty.body)?.sort()).toEqual(['body', 'title']);
  });

  it('waits for its publish date', async () => {
    const later = await ok<Notice>(pinghuStaff.post('/api/notices', { orgId: ids.pinghu, title: '元旦放假安排', body: '1月1日放假一天。', publishOn: '2026-12-28' }), 201);
    expect((await zhongdaiStaff.get(`/api/notices/${later.id}`)).statusCode).toBe(404);
    expect((await ok<{ items: Notice[] }>(zhongdaiStaff.get('/api/notices'))).items.map((n) => n.id)).not.toContain(later.id);
    expect((await pinghuStaff.post('/api/notices', { orgId: ids.pinghu, title: '补发', body: '昨天的', publishOn: '2026-12-06' })).statusCode).toBe(400);
  });

  it('records a read once and shows the receipts union by union', async () => {
    await ok(zhongdaiStaff.post(`/api/notices/${fromCounty.id}/read`), 204);
    await ok(zhongdaiStaff.post(`/api/notices/${fromCounty.id}/read`), 204);
    expect((await ok<Notice>(zhongdaiStaff.get(`/api/notices/${fromCounty.id}`))).read).toBe(true);
    const todos = await ok<{ items: { key: string }[] }>(zhongdaiStaff.get('/api/todos'));
    expect(todos.items.map((i) => i.key)).not.toContain('notices.unread');
    // The publisher opening its own notice leaves no receipt: its staff are not recipients.
    await ok(pinghuStaff.post(`/api/notices/${fromCounty.id}/read`), 204);
    const receipts = await ok<{ items: { orgName: string; read: { displayName: string }[]; unread: { displayName: string }[] }[]; recipients: number; readers: number }>(
      pinghuStaff.get(`/api/notices/${fromCounty.id}/receipts`),
    );
    expect(receipts).toMatchObject({ recipients: 2, readers: 1 });
    // The unions below the county; PostgreSQL's collation may sort siblings differently: compared by union.
    expect(Object.fromEntries(receipts.items.map((u) => [u.orgName, [u.read.map((r) => r.displayName), u.unread.map((r) => r.displayName)]]))).toEqual({
      当湖街道总工会: [[], ['当湖街道工会 干事']],
      钟埭街道总工会: [['钟埭街道工会 干事'], []],
    });
    const sent = await ok<{ items: Notice[] }>(pinghuStaff.get('/api/notices?box=sent'));
    expect(sent.items.find((n) => n.id === fromCounty.id)).toMatchObject({ recipients: 2, readers: 1 });
  });
});

describe('the operation log in Chinese', () => {
  type Entry = { action: string; actionLabel: string; entityType: string; entityLabel: string; entityId: string | null; entityName: string | null; client: string };

  it('names actions, object types and objects in Chinese', async () => {
    const published = await ok<{ items: Entry[] }>(pinghuAdmin.get('/api/audit?action=notice.publish'));
    expect(published.items.length).toBe(3);
    expect(published.items.find((e) => e.entityName === '关于开展2027年“春送岗位”活动的通知')).toMatchObject({ actionLabel: '发布通知公告', entityLabel: '通知公告' });
    const created = await admin.request({ method: 'POST', url: '/api/users', payload: { username: 'xindai_staff', displayName: '新埭镇工会 干事', homeOrgId: ids.xindai }, headers: { 'user-agent': CHROME_WINDOWS } });
    expect(created.statusCode, created.body).toBe(201);
    const [entry] = (await ok<{ items: Entry[] }>(admin.get('/api/audit?action=user.create'))).items;
    expect(entry).toMatchObject({ actionLabel: '新建用户', entityLabel: '用户', entityName: '新埭镇工会 干事', client: 'Chrome 131 · Windows 10/11' });
  });

  it('offers every action and object type as a choice, workflow transitions included', async () => {
    const meta = await ok<{ actions: { code: string; label: string }[]; entityTypes: { code: string; label: string }[] }>(admin.get('/api/audit/meta'));
    expect(meta.actions).toContainEqual({ code: 'user.change_password', label: '修改密码' });
    expect(meta.actions.find((a) => a.code === 'join_application.approve')?.label).toMatch(/·批准/);
    expect(meta.entityTypes).toContainEqual({ code: 'membership', label: expect.any(String) });
    expect(meta.actions.every((a) => /[\u4e00-\u9fff]/.test(a.label))).toBe(true);
  });
});

describe('log exports (.xlsx)', () => {
  it('exports the operation log as filtered, in Chinese, and logs the export', async () => {
    const response = await pinghuAdmin.get('/api/audit/export.xlsx?action=notice.publish');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toContain("filename*=UTF-8''%E6%93%8D%E4%BD%9C%E6%97%A5%E5%BF%97");
    const { name, rows } = await readSheet(response.rawPayload);
    expect(name).toBe('操作日志');
    expect(rows[0]).toEqual(['时间', '操作人', '操作', '对象类型', '对象', '摘要', 'IP', '浏览器与系统']);
    expect(rows.slice(1).map((r) => r[2])).toEqual(['发布通知公告', '发布通知公告', '发布通知公告']);
    expect(rows.slice(1).map((r) => r[4])).toContain('当湖街道工会12月例会通知');
    const logged = await ok<{ items: { actionLabel: string; summary: string }[] }>(pinghuAdmin.get('/api/audit?action=audit.export'));
    expect(logged.items[0]).toMatchObject({ actionLabel: '导出操作日志', summary: '导出操作日志 3 条' });
    expect((await pinghuStaff.get('/api/audit/export.xlsx')).statusCode).toBe(403);
  });

  it('exports the login log as filtered, with browser and system', async () => {
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zhongdai_staff', password: DEMO_PASSWORD }, headers: { 'user-agent': CHROME_WINDOWS } });
    expect(signIn.statusCode).toBe(200);
    await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'zhongdai_staff', password: 'wrong-password-1' }, headers: { 'user-agent': CHROME_WINDOWS } });
    const list = await ok<{ items: { client: string; success: boolean }[]; total: number }>(pinghuAdmin.get('/api/login-log?username=zhongdai_staff'));
    expect(list.items[0]).toMatchObject({ client: 'Chrome 131 · Windows 10/11', success: false });
    const response = await pinghuAdmin.get('/api/login-log/export.xlsx?username=zhongdai_staff');
    expect(response.statusCode, response.body).toBe(200);
    const { rows } = await readSheet(response.rawPayload);
    expect(rows[0]).toEqual(['时间', '用户名', '结果', '失败原因', 'IP', '浏览器与系统']);
    expect(rows).toHaveLength(list.total + 1);
    expect(rows.slice(1).every((r) => r[1] === 'zhongdai_staff')).toBe(true);
    expect(rows[1]).toMatchObject({ 2: '失败', 5: 'Chrome 131 · Windows 10/11' });
    const failed = await pinghuAdmin.get('/api/login-log/export.xlsx?username=zhongdai_staff&success=false');
    expect((await readSheet(failed.rawPayload)).rows).toHaveLength(2);
  });
});
