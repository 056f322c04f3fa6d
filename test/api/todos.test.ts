import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestClient } from '../support/app.js';
import { newPerson, pinghuDemo, submitApplication } from '../support/members.js';

/**
 * 待办 (issue 14): what waits for each staff member in their scope, from every module, each with the page
 * that lists it; it goes when the work is done, and those who cannot act see none of it.
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
