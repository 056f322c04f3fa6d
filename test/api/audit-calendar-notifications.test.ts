import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_USERS, loadDemo } from '../../src/server/demo/load.js';
import { auditLog } from '../../src/server/platform/audit/schema.js';
import { ADMIN, createTestApp, type TestApp, type TestClient } from '../support/app.js';

/**
 * The operation log, the login log and online sessions (who did what, from
 * where), the working-day calendar, and the in-app notification centre.
 */

let t: TestApp;
let ids: Record<string, number>;
let admin: TestClient;
let pinghuAdmin: TestClient;

const USER_AGENT = 'LianxinAuditTest/1.0 (X11; Linux x86_64)';
const ADMIN_IP = '203.0.113.9';

type AuditRow = { id: number; at: string; actorName: string | null; ip: string | null; userAgent: string | null; action: string; entityType: string; entityId: string | null; summary: string; before: any; after: any };
type LoginRow = { id: number; at: string; username: string; ip: string | null; userAgent: string | null; success: boolean; reason: string | null };
type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

const get = async <T>(client: TestClient, url: string): Promise<T> => {
  const response = await client.get(url);
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json();
};

/** The calendar date of an instant in China. */
const chinaDate = (instant: string | Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(instant));
const shiftDate = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const userIdOf = async (username: string) => ((await admin.get(`/api/users?q=${username}`)).json().items as { id: number; username: string }[]).find((u) => u.username === username)!.id;

/** Sign in straight through the route, from a given address and browser. */
const attempt = (username: string, password: string, ip = '127.0.0.1', userAgent = 'lightMyRequest') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip, headers: { 'user-agent': userAgent } });

beforeAll(async () => {
  t = await createTestApp();
  ids = await loadDemo(t.database.db, t.services);
  admin = await t.login(ADMIN.username, ADMIN.password);
  pinghuAdmin = await t.login('pinghu_admin', DEMO_PASSWORD);
});
afterAll(() => t.close());

describe('operation log (audit)', () => {
  let created: { id: number };

  beforeAll(async () => {
    const response = await admin.request({
      method: 'POST',
      url: '/api/orgs',
      payload: { parentId: ids.xincang, name: '新仓镇审计测试甲公司工会', type: 'grassroots' },
      headers: { 'user-agent': USER_AGENT },
      remoteAddress: ADMIN_IP,
    });
    expect(response.statusCode, response.body).toBe(201);
    created = response.json();
    const patched = await admin.request({ method: 'PATCH', url: `/api/orgs/${created.id}`, payload: { version: 1, chairName: '审计员' }, headers: { 'user-agent': USER_AGENT }, remoteAddress: ADMIN_IP });
    expect(patched.statusCode, patched.body).toBe(200);

    // Rows at the edges of 2025-03-15 in China (UTC+8), to pin down inclusive day filters.
    const row = (at: string, label: string) => ({ tenantId: 1, at: new Date(at), actorName: '测试', action: 'test.boundary', entityType: 'test', entityId: label, orgPath: '1', summary: `日期边界测试 ${label}` });
    await t.database.db.insert(auditLog).values([
      row('2025-03-14T23:59:59.999+08:00', 'before'),
      row('2025-03-15T00:00:00.000+08:00', 'first'),
      row('2025-03-15T23:59:59.999+08:00', 'last'),
      row('2025-03-16T00:00:00.000+08:00', 'after'),
    ]);
  });

  it('rows carry the actor, the IP address and the browser, with before and after', async () => {
    const { items } = await get<Page<AuditRow>>(admin, `/api/audit?entityType=org&entityId=${created.id}`);
    expect(items.map((r) => r.action)).toEqual(['org.update', 'org.create']);
    for (const row of items) expect(row).toMatchObject({ actorName: '系统管理员', ip: ADMIN_IP, userAgent: USER_AGENT, entityType: 'org', entityId: String(created.id) });
    expect(items[1].summary).toBe('在「新仓镇总工会」下新建基层工会「新仓镇审计测试甲公司工会」');
    expect(items[1].after).toMatchObject({ name: '新仓镇审计测试甲公司工会', parentId: ids.xincang });
    expect(items[0].before).toMatchObject({ chairName: null });
    expect(items[0].after).toMatchObject({ chairName: '审计员' });
    expect(Date.now() - Date.parse(items[0].at)).toBeLessThan(10 * 60_000);
  });

  it('q matches any fragment of the summary, taken literally', async () => {
    const { items, total } = await get<Page<AuditRow>>(admin, `/api/audit?q=${encodeURIComponent('审计测试甲')}`);
    expect(total).toBe(2);
    expect(items.every((r) => r.summary.includes('审计测试甲'))).toBe(true);
    // Usernames carry underscores, which must not act as wildcards (or vanish).
    const byUsername = await get<Page<AuditRow>>(admin, '/api/audit?q=pinghu_leader');
    expect(byUsername.items.map((r) => r.action)).toEqual(['user.create']);
    expect(byUsername.items[0].summary).toContain('「pinghu_leader」');
    expect((await get<Page<AuditRow>>(admin, '/api/audit?q=pinghu%25leader')).total).toBe(0);
  });

  it('filters by action and by entity type', async () => {
    const updates = await get<Page<AuditRow>>(admin, '/api/audit?action=org.update&pageSize=200');
    expect(updates.items.length).toBeGreaterThan(0);
    expect(updates.items.every((r) => r.action === 'org.update')).toBe(true);
    expect(updates.items.map((r) => r.entityId)).toContain(String(created.id));
    const userRows = await get<Page<AuditRow>>(admin, '/api/audit?entityType=user&pageSize=200');
    expect(userRows.items.every((r) => r.entityType === 'user')).toBe(true);
    // The bootstrap admin and the demo's accounts.
    expect(userRows.items.filter((r) => r.action === 'user.create')).toHaveLength(1 + DEMO_USERS.length);
    expect((await get<Page<AuditRow>>(admin, '/api/audit?action=no.such.action')).total).toBe(0);
  });

  it('from and to are whole days in China, both inclusive', async () => {
    const labels = async (query: string) =>
      (await get<Page<AuditRow>>(admin, `/api/audit?action=test.boundary&${query}`)).items.map((r) => r.entityId).sort();
    expect(await labels('from=2025-03-15&to=2025-03-15')).toEqual(['first', 'last']);
    expect(await labels('from=2025-03-15')).toEqual(['after', 'first', 'last']);
    expect(await labels('to=2025-03-15')).toEqual(['before', 'first', 'last']);
    expect(await labels('from=2025-03-14&to=2025-03-16')).toEqual(['after', 'before', 'first', 'last']);
    expect(await labels('from=2025-03-16&to=2025-03-15')).toEqual([]);

    // Today's rows: found with today as both ends, not with yesterday as the end.
    const [latest] = (await get<Page<AuditRow>>(admin, `/api/audit?entityType=org&entityId=${created.id}`)).items;
    const today = chinaDate(latest.at);
    expect((await get<Page<AuditRow>>(admin, `/api/audit?entityId=${created.id}&from=${today}&to=${today}`)).total).toBe(2);
    expect((await get<Page<AuditRow>>(admin, `/api/audit?entityId=${created.id}&to=${shiftDate(today, -1)}`)).total).toBe(0);
    expect((await get<Page<AuditRow>>(admin, `/api/audit?entityId=${created.id}&from=${shiftDate(today, 1)}`)).total).toBe(0);
  });

  it('paginates newest first with a total', async () => {
    const all = await get<Page<AuditRow>>(admin, '/api/audit?action=test.boundary');
    expect(all.items.map((r) => r.entityId)).toEqual(['after', 'last', 'first', 'before']);
    const page1 = await get<Page<AuditRow>>(admin, '/api/audit?action=test.boundary&pageSize=3&page=1');
    const page2 = await get<Page<AuditRow>>(admin, '/api/audit?action=test.boundary&pageSize=3&page=2');
    expect(page1).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(page2).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect([...page1.items, ...page2.items].map((r) => r.id)).toEqual(all.items.map((r) => r.id));
  });

  it('an admin of 平湖 reads 平湖’s rows; a leader reads them too; union staff may not', async () => {
    expect((await get<Page<AuditRow>>(pinghuAdmin, `/api/audit?entityId=${created.id}`)).total).toBe(2);
    expect((await get<Page<AuditRow>>(pinghuAdmin, '/api/audit?action=test.boundary')).total).toBe(0);
    const leader = await t.login('pinghu_leader', DEMO_PASSWORD);
    expect((await get<Page<AuditRow>>(leader, `/api/audit?entityId=${created.id}`)).total).toBe(2);
    const staff = await t.login('pinghu_staff', DEMO_PASSWORD);
    expect((await staff.get('/api/audit')).statusCode).toBe(403);
  });
});

describe('login log', () => {
  beforeAll(async () => {
    expect((await attempt('pinghu_staff', 'NotThePassword1', '198.51.100.7', 'LoginProbe/2.0')).statusCode).toBe(401);
    expect((await attempt('pinghu_staff', DEMO_PASSWORD, '198.51.100.7', 'LoginProbe/2.0')).statusCode).toBe(200);
    expect((await attempt('nobody_here', 'Whatever2026', '198.51.100.8')).statusCode).toBe(401);
    expect((await attempt('admin', 'NotThePassword1', '198.51.100.9')).statusCode).toBe(401);
    const rsj = await userIdOf('rsj_handler');
    const { version } = (await admin.get(`/api/users/${rsj}`)).json();
    expect((await admin.patch(`/api/users/${rsj}`, { version, active: false })).statusCode).toBe(200);
    expect((await attempt('rsj_handler', DEMO_PASSWORD, '198.51.100.7')).statusCode).toBe(403);
  });

  it('records successes and failures with the reason, the address and the browser', async () => {
    const { items } = await get<Page<LoginRow>>(admin, '/api/login-log?username=pinghu_staff&ip=198.51.100.7');
    expect(items.map((r) => [r.success, r.reason])).toEqual([
      [true, null],
      [false, '密码错误'],
    ]);
    expect(items.every((r) => r.userAgent === 'LoginProbe/2.0' && r.username === 'pinghu_staff')).toBe(true);
    expect((await get<Page<LoginRow>>(admin, '/api/login-log?username=rsj_handler&success=false')).items.map((r) => r.reason)).toEqual(['账号已停用']);
    expect((await get<Page<LoginRow>>(admin, '/api/login-log?username=admin&success=false')).items.map((r) => r.reason)).toEqual(['密码错误']);
  });

  it('the root admin also sees attempts on usernames that do not exist', async () => {
    const { items } = await get<Page<LoginRow>>(admin, '/api/login-log?username=nobody_here');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ success: false, reason: '用户不存在', ip: '198.51.100.8' });
  });

  it('filters by outcome, address and day', async () => {
    const failures = await get<Page<LoginRow>>(admin, '/api/login-log?success=false&pageSize=200');
    expect(failures.items.every((r) => !r.success)).toBe(true);
    expect(failures.total).toBe(4);
    const fromAddress = await get<Page<LoginRow>>(admin, '/api/login-log?ip=198.51.100.7');
    expect(fromAddress.items.map((r) => r.username).sort()).toEqual(['pinghu_staff', 'pinghu_staff', 'rsj_handler']);
    const today = chinaDate(fromAddress.items[0].at);
    expect((await get<Page<LoginRow>>(admin, `/api/login-log?ip=198.51.100.7&from=${today}&to=${today}`)).total).toBe(3);
    expect((await get<Page<LoginRow>>(admin, `/api/login-log?ip=198.51.100.7&to=${shiftDate(today, -1)}`)).total).toBe(0);
  });

  it('is scoped: an admin of 平湖 sees 平湖 users’ attempts, not the root admin’s nor unknown names', async () => {
    expect((await get<Page<LoginRow>>(pinghuAdmin, '/api/login-log?username=pinghu_staff')).total).toBeGreaterThanOrEqual(2);
    expect((await get<Page<LoginRow>>(pinghuAdmin, '/api/login-log?username=admin')).total).toBe(0);
    expect((await get<Page<LoginRow>>(pinghuAdmin, '/api/login-log?username=nobody_here')).total).toBe(0);
    const everything = await get<Page<LoginRow>>(pinghuAdmin, '/api/login-log?pageSize=200');
    expect(everything.items.map((r) => r.username)).not.toContain('admin');
    expect(everything.items.map((r) => r.username)).toContain('pinghu_admin');
    expect((await (await t.login('danghu_staff', DEMO_PASSWORD)).get('/api/login-log')).statusCode).toBe(403);
  });
});

describe('online sessions', () => {
  type Session = { id: string; userId: number; username: string; ip: string | null; userAgent: string | null; current: boolean };
  let zhongdai: TestClient;
  let danghuAdmin: TestClient;

  beforeAll(async () => {
    zhongdai = await t.login('zhongdai_staff', DEMO_PASSWORD);
    const created = await admin.post('/api/users', { username: 'danghu_admin', displayName: '当湖街道工会 管理员', homeOrgId: ids.danghu, grants: [{ role: 'admin', orgId: ids.danghu }] });
    expect(created.statusCode, created.body).toBe(201);
    const oneTimePassword = created.json().oneTimePassword as string;
    danghuAdmin = await t.login('danghu_admin', oneTimePassword);
    expect((await danghuAdmin.post('/api/auth/password', { currentPassword: oneTimePassword, newPassword: 'Danghu2026admin' })).statusCode).toBe(204);
  });

  const sessionsOf = async (client: TestClient) => (await get<{ items: Session[] }>(client, '/api/sessions')).items;

  it('lists sessions in scope, marking the caller’s own', async () => {
    const all = await sessionsOf(admin);
    const own = all.filter((s) => s.current);
    expect(own).toHaveLength(1);
    expect(own[0].username).toBe('admin');
    const zhongdaiSession = all.find((s) => s.username === 'zhongdai_staff')!;
    expect(zhongdaiSession).toMatchObject({ current: false, ip: '127.0.0.1' });
    expect(zhongdaiSession.id).toMatch(/^[0-9a-f]{16}$/);

    const pinghu = await sessionsOf(pinghuAdmin);
    expect(pinghu.map((s) => s.username)).toEqual(expect.arrayContaining(['zhongdai_staff', 'pinghu_admin', 'danghu_admin']));
    expect(pinghu.map((s) => s.username)).not.toContain('admin');
    const danghu = await sessionsOf(danghuAdmin);
    expect(danghu.map((s) => s.username)).not.toContain('zhongdai_staff');
  });

  it('an admin of a sibling town cannot end the session: 404', async () => {
    const target = (await sessionsOf(admin)).find((s) => s.username === 'zhongdai_staff')!;
    const response = await danghuAdmin.delete(`/api/sessions/${target.id}`);
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
    expect((await zhongdai.get('/api/auth/me')).statusCode).toBe(200);
    expect((await (await t.login('danghu_staff', DEMO_PASSWORD)).delete(`/api/sessions/${target.id}`)).statusCode).toBe(403);
  });

  it('an admin in scope ends it: that client gets 401 and the end is audited', async () => {
    const target = (await sessionsOf(pinghuAdmin)).find((s) => s.username === 'zhongdai_staff')!;
    const response = await pinghuAdmin.delete(`/api/sessions/${target.id}`);
    expect(response.statusCode, response.body).toBe(204);
    const after = await zhongdai.get('/api/auth/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
    expect((await sessionsOf(pinghuAdmin)).map((s) => s.id)).not.toContain(target.id);
    expect((await pinghuAdmin.delete(`/api/sessions/${target.id}`)).statusCode).toBe(404);
    const { items } = await get<Page<AuditRow>>(admin, `/api/audit?action=session.end&entityId=${await userIdOf('zhongdai_staff')}`);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ actorName: '平湖市总工会 管理员', entityType: 'user' });
    expect(items[0].summary).toContain('zhongdai_staff');
  });

  it('a malformed session id is a validation error', async () => {
    expect((await admin.delete('/api/sessions/xyz')).statusCode).toBe(400);
    expect((await admin.delete('/api/sessions/0123456789abcdef0')).statusCode).toBe(400);
  });
});

describe('working-day calendar', () => {
  type Day = { date: string; kind: 'holiday' | 'workday'; name: string; source: 'official' | 'admin' };
  const yearOf = async (year: number) => (await get<{ items: Day[] }>(admin, `/api/calendar?year=${year}`)).items;
  const addWorkingDays = async (from: string, n: number) => (await get<{ date: string }>(admin, `/api/calendar/add-working-days?from=${from}&n=${n}`)).date;

  it('lists a year’s official holidays and make-up workdays', async () => {
    const days = await yearOf(2025);
    expect(days).toContainEqual({ date: '2025-10-01', kind: 'holiday', name: '国庆节', source: 'official' });
    expect(days).toContainEqual({ date: '2025-09-28', kind: 'workday', name: '国庆节', source: 'official' });
    expect(days).toContainEqual({ date: '2025-01-01', kind: 'holiday', name: '元旦', source: 'official' });
    expect(days.every((d) => d.date.startsWith('2025-'))).toBe(true);
    expect(days.map((d) => d.date)).toEqual([...days.map((d) => d.date)].sort());
    // 国庆 and 中秋 (10-06) together: eight days off, made up on Sunday 09-28 and Saturday 10-11.
    const golden = days.filter((d) => d.date >= '2025-09-27' && d.date <= '2025-10-12');
    expect(golden.map((d) => `${d.date} ${d.kind} ${d.name}`)).toEqual([
      '2025-09-28 workday 国庆节',
      '2025-10-01 holiday 国庆节',
      '2025-10-02 holiday 国庆节',
      '2025-10-03 holiday 国庆节',
      '2025-10-04 holiday 国庆节',
      '2025-10-05 holiday 国庆节',
      '2025-10-06 holiday 中秋',
      '2025-10-07 holiday 国庆节',
      '2025-10-08 holiday 国庆节',
      '2025-10-11 workday 国庆节',
    ]);
  });

  it('counts working days across holidays and make-up workdays', async () => {
    // 10-01…10-08 are 国庆 holidays; Thursday 10-09 is the first working day after 09-30.
    expect(await addWorkingDays('2025-09-30', 1)).toBe('2025-10-09');
    // Sunday 09-28 is a make-up working day.
    expect(await addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
    expect(await addWorkingDays('2025-10-01', 0)).toBe('2025-10-09');
    expect(await addWorkingDays('2025-10-09', -1)).toBe('2025-09-30');
    // Wednesday 12-31 is an ordinary working day.
    expect(await addWorkingDays('2025-12-30', 1)).toBe('2025-12-31');
  });

  it('an admin at the root makes 2025-12-31 a holiday, which moves deadlines; DELETE reverts', async () => {
    const put = await admin.put('/api/calendar/2025-12-31', { kind: 'holiday', name: '元旦调休' });
    expect(put.statusCode, put.body).toBe(204);
    expect(await yearOf(2025)).toContainEqual({ date: '2025-12-31', kind: 'holiday', name: '元旦调休', source: 'admin' });
    // 2026-01-01…03 (Thu–Sat) are the official 元旦 holidays and Sunday 2026-01-04 is
    // their make-up working day (chinese-days: workdays["2026-01-04"] = 元旦), so the
    // first working day after 12-30 is Sunday 01-04, not Monday 01-05.
    const official2026 = await yearOf(2026);
    expect(official2026.filter((d) => d.date <= '2026-01-05')).toEqual([
      { date: '2026-01-01', kind: 'holiday', name: '元旦', source: 'official' },
      { date: '2026-01-02', kind: 'holiday', name: '元旦', source: 'official' },
      { date: '2026-01-03', kind: 'holiday', name: '元旦', source: 'official' },
      { date: '2026-01-04', kind: 'workday', name: '元旦', source: 'official' },
    ]);
    expect(await addWorkingDays('2025-12-30', 1)).toBe('2026-01-04');
    expect(await addWorkingDays('2025-12-30', 2)).toBe('2026-01-05');

    const [row] = (await get<Page<AuditRow>>(admin, '/api/audit?action=calendar.update&entityId=2025-12-31')).items;
    expect(row).toMatchObject({ entityType: 'calendar_day', before: null, after: { date: '2025-12-31', kind: 'holiday', name: '元旦调休', source: 'admin' } });

    expect((await admin.delete('/api/calendar/2025-12-31')).statusCode).toBe(204);
    expect((await yearOf(2025)).map((d) => d.date)).not.toContain('2025-12-31');
    expect(await addWorkingDays('2025-12-30', 1)).toBe('2025-12-31');
    expect((await admin.delete('/api/calendar/2025-12-31')).statusCode).toBe(404);
  });

  it('reverting a corrected official day restores the official entry', async () => {
    expect((await admin.put('/api/calendar/2025-10-08', { kind: 'holiday', name: '国庆节（延长）' })).statusCode).toBe(204);
    expect(await yearOf(2025)).toContainEqual({ date: '2025-10-08', kind: 'holiday', name: '国庆节（延长）', source: 'admin' });
    expect((await admin.delete('/api/calendar/2025-10-08')).statusCode).toBe(204);
    expect(await yearOf(2025)).toContainEqual({ date: '2025-10-08', kind: 'holiday', name: '国庆节', source: 'official' });
  });

  it('a make-up workday goes on a weekend only', async () => {
    const weekday = await admin.put('/api/calendar/2025-12-31', { kind: 'workday', name: '调休上班' });
    expect(weekday.statusCode).toBe(400);
    expect(weekday.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['kind']);
    expect((await admin.put('/api/calendar/2025-12-27', { kind: 'workday', name: '调休上班' })).statusCode).toBe(204);
    expect(await addWorkingDays('2025-12-26', 1)).toBe('2025-12-27');
    expect((await admin.delete('/api/calendar/2025-12-27')).statusCode).toBe(204);
    expect(await addWorkingDays('2025-12-26', 1)).toBe('2025-12-29');
    expect((await admin.put('/api/calendar/2025-02-30', { kind: 'holiday', name: '不存在的日子' })).statusCode).toBe(400);
  });

  it('only the admin at the root may edit the national calendar', async () => {
    const response = await pinghuAdmin.put('/api/calendar/2025-12-31', { kind: 'holiday', name: '平湖自定假日' });
    expect(response.statusCode).toBe(403);
    expect((await pinghuAdmin.delete('/api/calendar/2025-10-01')).statusCode).toBe(403);
    expect((await yearOf(2025)).map((d) => d.date)).not.toContain('2025-12-31');
    // Reading is for everyone signed in.
    expect((await get<{ items: Day[] }>(pinghuAdmin, '/api/calendar?year=2025')).items.length).toBeGreaterThan(20);
  });
});

describe('notifications', () => {
  type Note = { id: number; kind: string; kindLabel: string; title: string; body: string | null; link: string | null; readAt: string | null };
  type NotePage = { items: Note[]; total: number; unread: number; page: number; pageSize: number };
  let danghu: TestClient;
  let zhongdai: TestClient;

  beforeAll(async () => {
    danghu = await t.login('danghu_staff', DEMO_PASSWORD);
    zhongdai = await t.login('zhongdai_staff', DEMO_PASSWORD);
    const danghuId = await userIdOf('danghu_staff');
    const zhongdaiId = await userIdOf('zhongdai_staff');
    await t.services.notifications.notify(t.database.db, [
      { userId: danghuId, kind: 'member', title: '入会申请待审核：陈杰', body: '平湖市外卖配送当湖站点工会', link: `/orgs?id=${ids.rider_station}` },
      { userId: danghuId, kind: 'direct-line', title: '职工诉求待回复' },
      { userId: danghuId, kind: 'proposal', title: '提案即将到期：高铁新城增设户外劳动者驿站', body: '请于 10 月 31 日前办理答复' },
    ]);
    await t.services.notifications.notify(t.database.db, [{ userId: zhongdaiId, kind: 'mediation', title: '钟埭街道的待办' }]);
  });

  const unread = async (client: TestClient) => (await get<{ unread: number }>(client, '/api/notifications/unread-count')).unread;

  it('counts and lists one’s own notifications, newest first', async () => {
    expect(await unread(danghu)).toBe(3);
    expect(await unread(zhongdai)).toBe(1);
    const page = await get<NotePage>(danghu, '/api/notifications');
    expect(page).toMatchObject({ total: 3, unread: 3, page: 1 });
    expect(page.items.map((n) => n.title)).toEqual(['提案即将到期：高铁新城增设户外劳动者驿站', '职工诉求待回复', '入会申请待审核：陈杰']);
    // Each kind in the words its module declared, not its code.
    expect(page.items.map((n) => n.kindLabel)).toEqual(['提案', '零距离诉求', '会员']);
    expect(page.items[2]).toMatchObject({ kind: 'member', body: '平湖市外卖配送当湖站点工会', link: `/orgs?id=${ids.rider_station}`, readAt: null });
    const paged = await get<NotePage>(danghu, '/api/notifications?pageSize=2&page=2');
    expect(paged).toMatchObject({ total: 3, pageSize: 2, page: 2 });
    expect(paged.items.map((n) => n.title)).toEqual(['入会申请待审核：陈杰']);
  });

  it('refuses a kind no module declared, writing nothing', async () => {
    const danghuId = await userIdOf('danghu_staff');
    await expect(
      t.services.notifications.notify(t.database.db, [
        { userId: danghuId, kind: 'member', title: '不应写入' },
        { userId: danghuId, kind: 'task', title: '没有声明的类别' },
      ]),
    ).rejects.toThrow(/task/);
    expect(await unread(danghu)).toBe(3);
  });

  it('marks one read; unreadOnly then leaves it out', async () => {
    const { items } = await get<NotePage>(danghu, '/api/notifications');
    const target = items[1];
    expect((await danghu.post(`/api/notifications/${target.id}/read`)).statusCode).toBe(204);
    expect(await unread(danghu)).toBe(2);
    const unreadOnly = await get<NotePage>(danghu, '/api/notifications?unreadOnly=true');
    expect(unreadOnly).toMatchObject({ total: 2, unread: 2 });
    expect(unreadOnly.items.map((n) => n.id)).not.toContain(target.id);
    const all = await get<NotePage>(danghu, '/api/notifications');
    expect(all.total).toBe(3);
    expect(all.items.find((n) => n.id === target.id)!.readAt).not.toBeNull();
  });

  it('another user cannot mark them: 404, and nothing changes', async () => {
    const { items } = await get<NotePage>(danghu, '/api/notifications?unreadOnly=true');
    for (const note of items) {
      const response = await zhongdai.post(`/api/notifications/${note.id}/read`);
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('NOT_FOUND');
    }
    expect((await zhongdai.post('/api/notifications/987654321/read')).statusCode).toBe(404);
    expect((await zhongdai.post('/api/notifications/read-all')).statusCode).toBe(204);
    expect(await unread(danghu)).toBe(2);
    expect(await unread(zhongdai)).toBe(0);
  });

  it('read-all clears one’s own unread notifications only', async () => {
    const danghuId = await userIdOf('danghu_staff');
    const zhongdaiId = await userIdOf('zhongdai_staff');
    await t.services.notifications.notify(t.database.db, [{ userId: zhongdaiId, kind: 'mediation', title: '钟埭街道的第二件待办' }]);
    expect((await danghu.post('/api/notifications/read-all')).statusCode).toBe(204);
    expect(await unread(danghu)).toBe(0);
    expect((await get<NotePage>(danghu, '/api/notifications?unreadOnly=true')).total).toBe(0);
    expect((await get<NotePage>(danghu, '/api/notifications')).items.every((n) => n.readAt !== null)).toBe(true);
    expect(await unread(zhongdai)).toBe(1);
    expect(danghuId).not.toBe(zhongdaiId);
  });
});
