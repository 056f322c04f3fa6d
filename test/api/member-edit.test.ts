import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestClient } from '../support/app.js';
import { expectCountsKept, joinMember, newPerson, personRow, pinghuDemo } from '../support/members.js';

/**
 * 修改会员信息 (issue 15): the union corrects a member's record — a new phone, a mistyped name, a new
 * employer — through the membership workflow, checked as joining checks it, found by the new values at once,
 * and told in the history; a leader sees the changed phone masked there as everywhere.
 */

const TODAY = '2026-12-06';
let t: TestApp;
let ids: Record<string, number>;
let danghu: TestClient;
let zhongdai: TestClient;
let leader: TestClient;
let memberId: number;
const person = newPerson('闻小燕', '19880412');

const edit = (client: TestClient, input: Record<string, unknown>) => client.post(`/api/members/${memberId}/actions`, { action: 'update_details', input });
const detail = async (client: TestClient) => {
  const response = await client.get(`/api/members/${memberId}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const found = async (q: string) => (await danghu.get(`/api/members?q=${encodeURIComponent(q)}&orgId=${ids.jiada}`)).json().items.map((m: { id: number }) => m.id);

beforeAll(async () => {
  ({ t, ids, danghu, zhongdai, leader } = await pinghuDemo(() => TODAY));
  ({ membershipId: memberId } = await joinMember(t, danghu, person, ids.jiada));
});
afterAll(() => t?.close());
afterEach(() => expectCountsKept(t));

describe('修改会员信息', () => {
  it('is offered to the member’s union, with its form, and to nobody else', async () => {
    const own = await detail(danghu);
    const action = own.allowedActions.find((a: { action: string }) => a.action === 'update_details');
    expect(action).toMatchObject({ label: '修改会员信息' });
    expect(Object.keys(action.input.properties)).toEqual(['name', 'phone', 'employmentForm', 'employerName', 'employerCreditCode', 'platformName', 'note']);
    expect((await detail(leader)).allowedActions.map((a: { action: string }) => a.action)).not.toContain('update_details');
    expect((await zhongdai.post(`/api/members/${memberId}/actions`, { action: 'update_details', input: { phone: '13912345678' } })).statusCode).toBe(404);
    expect((await edit(leader, { phone: '13912345678' })).statusCode).toBe(403);
  });

  it('refuses bad values by field, and an edit that changes nothing, writing nothing', async () => {
    const bad = await edit(danghu, { name: '闻1', phone: '12345', employerCreditCode: '91330482MA2B3C4D5X' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((d: { field: string }) => d.field).sort()).toEqual(['employerCreditCode', 'name', 'phone']);
    // An employee keeps the employer the join form asks for.
    expect((await detail(danghu)).employmentForm).toBe('standard');
    const noEmployer = await edit(danghu, { employerName: ' ' });
    expect(noEmployer.statusCode).toBe(400);
    expect(noEmployer.json().error.fields).toEqual([{ field: 'employerName', reason: '请填写工作单位' }]);
    // A name is corrected with its reason: without one (blank counts as none) it is refused on the note.
    for (const note of [undefined, '  ']) {
      const unexplained = await edit(danghu, { name: '闻晓燕', note });
      expect(unexplained.statusCode).toBe(400);
      expect(unexplained.json().error.fields).toEqual([{ field: 'note', reason: '更正姓名须填写变更说明，写明原因（如：原登记姓名有误，以身份证为准）' }]);
    }
    const nothing = await edit(danghu, { name: person.name });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().error.fields).toEqual([{ field: 'name', reason: '没有修改任何信息' }]);
    const member = await detail(danghu);
    expect(member).toMatchObject({ name: person.name, phone: person.phone });
    expect(member.history.map((e: { action: string }) => e.action)).toEqual(['create']);
  });

  it('writes the new phone, name and employer; the search finds the new values and no longer the old', async () => {
    expect(await found(person.phone.slice(-4))).toContain(memberId);
    const changed = await edit(danghu, { name: '闻晓燕', phone: '139 1234 5678', employmentForm: 'delivery_rider', platformName: '美团', note: '本人更换手机号并转做外卖配送' });
    expect(changed.statusCode, changed.body).toBe(204);
    const member = await detail(danghu);
    expect(member).toMatchObject({ name: '闻晓燕', phone: '13912345678', employmentForm: 'delivery_rider', platformName: '美团', status: 'active' });
    expect(member.history.at(-1), JSON.stringify(member.history.at(-1))).toMatchObject({ action: 'update_details', from: 'active', to: 'active', actorName: '当湖街道工会 干事', payload: { name: '闻晓燕', phone: '13912345678', platformName: '美团' } });
    expect(await found('闻晓燕')).toContain(memberId);
    expect(await found('5678')).toContain(memberId);
    expect(await found(person.phone.slice(-4))).not.toContain(memberId);
    // The person row keeps the latest name and phone (an application resumed by phone finds it).
    expect(await personRow(t, person.residentId)).toMatchObject({ name: '闻晓燕', phone: '13912345678' });
  });

  it('shows a leader the changed phone masked in the history, as in the record', async () => {
    const member = await detail(leader);
    expect(member.phone).toMatch(/^139\*+5678$/);
    expect(member.history.at(-1).payload.phone).toBe(member.phone);
  });
});
