import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/load.js';
import { ADMIN, createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { expectCountsKept, joinMember, newPerson } from '../support/members.js';

/** DESIGN §2: lists filter by their own copy of the org path, kept right when a subtree moves. */
describe('moving a union moves its members with it', () => {
  let t: TestApp;
  let ids: Record<string, number>;
  let admin: TestClient;
  let danghu: TestClient;
  let zhongdai: TestClient;

  beforeAll(async () => {
    t = await createTestApp();
    ids = await loadDemo(t.database.db, t.services);
    admin = await t.login(ADMIN.username, ADMIN.password);
    danghu = await t.login('danghu_staff', DEMO_PASSWORD);
    zhongdai = await t.login('zhongdai_staff', DEMO_PASSWORD);
  });
  afterAll(() => t.close());
  afterEach(() => expectCountsKept(t));

  it('rewrites the members’ path copies in the same transaction as the tree', async () => {
    const person = newPerson('沈建芳');
    await joinMember(t, danghu, person, ids.jiada);
    const before = await zhongdai.get(`/api/members?q=${encodeURIComponent('沈建芳')}`);
    expect(before.json().total).toBe(0);

    const park = (await admin.get(`/api/orgs/${ids.danghu_park}`)).json();
    const moved = await admin.post(`/api/orgs/${ids.danghu_park}/move`, { newParentId: ids.zhongdai, version: park.version });
    expect(moved.statusCode).toBe(200);

    const after = await zhongdai.get(`/api/members?q=${encodeURIComponent('沈建芳')}`);
    expect(after.json().items.map((m: { name: string }) => m.name)).toEqual(['沈建芳']);
    expect((await danghu.get(`/api/members?q=${encodeURIComponent('沈建芳')}`)).json().total).toBe(0);
    const applications = (await zhongdai.get('/api/join-applications?state=approved')).json();
    expect(applications.items.map((a: { name: string }) => a.name)).toContain('沈建芳');
  });
});
