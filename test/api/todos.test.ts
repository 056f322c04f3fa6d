import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestClient } from '../support/app.js';
import { joinMember, newPerson, pinghuDemo, submitApplication } from '../support/members.js';

/**
 * 待办 (issue 14): what waits for each staff member in their scope, from every module, each with the page
 * that lists it; it goes when the work is done, and those who cannot act see none of it. A new application
 * or transfer also rings the bell of the union that must act: its own staff, or the nearest union above with
 * staff, never the whole county.
 */

const TODAY = '2026-12-06';
let t: TestApp;
let ids: Record<string, number>;
let danghu: TestClient;
let zhongdai: TestClient;
let pinghu: TestClient;
let leader: TestClient;

const todos = async (client: TestClient) => {
  const response = await client.get('/api/todos');
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: { key: string; label: string; count: number; path: string }[]; total: number };
};
const countOf = async (client: TestClient, key: string) => (await todos(client)).items.find((todo) => todo.key === key)?.count ?? 0;

beforeAll(async () => {
  ({ t, ids, danghu, zhongdai, pinghu, leader } = await pinghuDemo(() => TODAY));
});
afterAll(() => t?.close());

describe('待办', () => {
  it('counts the applications waiting in each union’s scope, and the county’s above them', async () => {
    const before = { danghu: await countOf(danghu, 'members.applications'), pinghu: await countOf(pinghu, 'members.applications'), zhongdai: await countOf(zhongdai, 'members.applications') };
    const applied = await submitApplication(t, newPerson('邵雨晴', '19960518'), ids.jiada);
    expect(await countOf(danghu, 'members.applications')).toBe(before.danghu + 1);
    expect(await countOf(pinghu, 'members.applications')).toBe(before.pinghu + 1);
    expect(await countOf(zhongdai, 'members.applications')).toBe(before.zhongdai);
    const item = (await todos(danghu)).items.find((todo) => todo.key === 'members.applications')!;
    expect(item).toMatchObject({ label: '入会申请待审核', path: '/members/applications?state=pending' });

    // Decided, it is no longer waiting.
    expect((await danghu.post(`/api/join-applications/${applied.applicationId}/actions`, { action: 'approve' })).statusCode).toBe(204);
    expect(await countOf(danghu, 'members.applications')).toBe(before.danghu);
  });

  it('gives the total of what is listed and lists nothing at zero', async () => {
    const list = await todos(danghu);
    expect(list.total).toBe(list.items.reduce((sum, todo) => sum + todo.count, 0));
    expect(list.items.every((todo) => todo.count > 0)).toBe(true);
  });

  it('shows a leader, who decides none of these, no registry work', async () => {
    expect((await todos(leader)).items.filter((todo) => todo.key.startsWith('members.'))).toEqual([]);
  });

  it('is for signed-in users only', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/todos' })).statusCode).toBe(401);
  });
});

describe('the bell, when something new waits', () => {
  const notices = async (client: TestClient) => (await client.get('/api/notifications?pageSize=50')).json().items as { title: string; body: string | null; link: string | null }[];

  it('tells the nearest staff of a new application, not the county', async () => {
    const [danghuBefore, pinghuBefore] = [(await notices(danghu)).length, (await notices(pinghu)).length];
    await submitApplication(t, newPerson('邵晨阳', '19970203'), ids.jiada);
    const told = await notices(danghu);
    expect(told.length).toBe(danghuBefore + 1);
    expect(told[0]).toMatchObject({ title: '新的入会申请', link: '/members/applications?state=pending' });
    expect(told[0].body).toContain('邵晨阳 申请加入平湖嘉达光电科技有限公司工会');
    expect((await notices(pinghu)).length).toBe(pinghuBefore);
  });

  it('tells the source union of a member’s transfer request, then the receiving union once the source agrees', async () => {
    const person = newPerson('邵明远', '19890716');
    await joinMember(t, danghu, person, ids.jiada);
    const [danghuBefore, zhongdaiBefore] = [(await notices(danghu)).length, (await notices(zhongdai)).length];
    const requested = await t.app.inject({ method: 'POST', url: '/api/public/transfers', payload: { residentId: person.residentId, phone: person.phone, toOrgId: ids.shuntong, reason: '更换工作单位' } });
    expect(requested.statusCode, requested.body).toBe(201);
    const atSource = await notices(danghu);
    expect(atSource.length).toBe(danghuBefore + 1);
    expect(atSource[0]).toMatchObject({ title: '会员接转待确认转出', link: '/members/transfers?state=requested' });
    expect(atSource[0].body).toMatch(/^邵明远 由平湖嘉达光电科技有限公司工会转至平湖市顺通物流有限公司工会$/);
    expect((await notices(zhongdai)).length).toBe(zhongdaiBefore);

    const transfer = (await danghu.get('/api/transfers?state=requested')).json().items.find((x: { name: string }) => x.name === '邵明远');
    expect((await danghu.post(`/api/transfers/${transfer.id}/actions`, { action: 'confirm' })).statusCode).toBe(204);
    const atTarget = await notices(zhongdai);
    expect(atTarget.length).toBe(zhongdaiBefore + 1);
    expect(atTarget[0]).toMatchObject({ title: '会员接转待接收', link: '/members/transfers?state=source_confirmed' });
    // The one who agreed is not told of it.
    expect((await notices(danghu)).length).toBe(danghuBefore + 1);
  });
});
