import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberCardTokens } from '../../src/server/modules/members/member-card.js';
import { users } from '../../src/server/platform/accounts/schema.js';
import { auditLog } from '../../src/server/platform/audit/schema.js';
import { createAccount, TEST_SECRET, type TestApp, type TestClient } from '../support/app.js';
import { forgetMinute, lastCode } from '../support/sms.js';
import { createSecondCounty, expectError, hashOf, HENGLI, JIADA, joinMember, membershipRow, newPerson, type Person, pinghuDemo, transferRow } from '../support/members.js';

/**
 * 我的会籍: a worker's account that belongs to a person reads that person's
 * membership and nothing else, shows a signed short-lived e-card that staff
 * verify, asks for a transfer and updates their employment on the phone.
 */

let today = '2026-12-06';
let t: TestApp;
let ids: Record<string, number>;
let admin: TestClient;
let danghu: TestClient;
let nanhu: Awaited<ReturnType<typeof createSecondCounty>>;

let serial = 0;
/** A member of 嘉达 with a worker account that belongs to them. */
async function memberWithAccount(name: string, joinedOn = today) {
  const saved = today;
  today = joinedOn;
  const person: Person = newPerson(name, '19920417');
  const { membershipId } = await joinMember(t, danghu, person, ids.jiada);
  today = saved;
  const username = `worker_${++serial}`;
  const { client, user } = await createAccount(t, admin, { username, displayName: name, homeOrgId: ids.jiada, grants: [{ role: 'worker', orgId: ids.jiada }] });
  await t.database.db.update(users).set({ personHash: hashOf(person.residentId) }).where(eq(users.id, user.id));
  return { person, membershipId, client, username };
}

const mine = async (client: TestClient) => {
  const response = await client.get('/api/my/membership');
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const cardOf = async (client: TestClient) => {
  const response = await client.get('/api/my/membership/card');
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { token: string; expiresAt: string };
};
const verify = async (client: TestClient, token: string) => {
  const response = await client.post('/api/members/card/verify', { token });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

beforeAll(async () => {
  ({ t, ids, admin, danghu } = await pinghuDemo(() => today));
  nanhu = await createSecondCounty(t, admin, ids.jiaxing);
});
afterAll(() => t.close());

describe('我的会籍', () => {
  it('shows the worker their membership, 会龄 and history, and what they may do', async () => {
    const { client, membershipId } = await memberWithAccount('陈嘉杰', '2021-07-28');
    const body = await mine(client);
    expect(body.name).toBe('陈嘉杰');
    expect(body.membership).toMatchObject({ id: membershipId, status: 'active', statusLabel: '正常', tone: 'good', orgName: JIADA, memberSince: '2021-07-28', years: 5 });
    expect(body.membership.cardNo).toBe((await membershipRow(t, membershipId)).cardNo);
    expect(body.membership.history.map((e: { action: string }) => e.action)).toEqual(['create']);
    // Their own step only: the union's 修改会员信息, 退会 and the rest stay the union's.
    expect(body.membership.allowedActions.map((a: { action: string }) => a.action)).toEqual(['update_own_employment']);
    expect(body.applications).toEqual([expect.objectContaining({ orgName: JIADA, state: 'approved', stateLabel: '已批准' })]);
    expect(body.transfers).toEqual([]);
  });

  it('is nobody’s for an account that belongs to no person, staff included, and says so in words of its own', async () => {
    const { client } = await createAccount(t, admin, { username: 'unlinked_worker', displayName: '未关联', homeOrgId: ids.jiada, grants: [{ role: 'worker', orgId: ids.jiada }] });
    const unlinked = '您的账号尚未关联会员身份，请携带身份证到所在工会核实后关联';
    // Not the template of a record out of reach (「…不存在或不在您的管理范围内」): there is nothing to reach.
    expect(expectError(await client.get('/api/my/membership'), 404, 'NOT_FOUND').message).toBe(unlinked);
    expect(expectError(await client.get('/api/my/membership/card'), 404, 'NOT_FOUND').message).toBe(unlinked);
    expect(expectError(await danghu.get('/api/my/membership'), 404, 'NOT_FOUND').message).toBe(unlinked);
  });

  it('never reads or moves another worker’s membership', async () => {
    const a = await memberWithAccount('甘雨桐');
    const b = await memberWithAccount('甘雨松');
    expect((await mine(a.client)).membership.id).toBe(a.membershipId);
    expect((await mine(b.client)).membership.id).toBe(b.membershipId);
    // The staff routes are not theirs: a worker holds no members.read.
    const other = await a.client.get(`/api/members/${b.membershipId}`);
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain('甘雨松');
    const asked = await b.client.post('/api/my/transfers', { toOrgId: ids.hengli });
    expect(asked.statusCode, asked.body).toBe(201);
    expectError(await a.client.post(`/api/my/transfers/${asked.json().id}/actions`, { action: 'cancel' }), 404, 'NOT_FOUND');
    expect((await transferRow(t, asked.json().id)).state).toBe('requested');
    expectError(await a.client.post(`/api/members/${b.membershipId}/actions`, { action: 'update_details', input: { employerName: '别人的单位' } }), 403, 'FORBIDDEN');
  });
});

describe('the worker asks for a transfer on the phone', () => {
  it('goes to the source union as any member request does; the worker may withdraw it', async () => {
    const { client, membershipId } = await memberWithAccount('程晓东');
    expectError(await client.post('/api/my/transfers', { toOrgId: ids.jiada }), 400, 'VALIDATION');
    const response = await client.post('/api/my/transfers', {
      toOrgId: ids.hengli,
      reason: '换到恒力精密上班',
      employment: { employmentForm: 'standard', employerName: '平湖恒力精密机械有限公司' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json();
    expect(await transferRow(t, id)).toMatchObject({ membershipId, requestedBy: 'member', state: 'requested', fromOrgId: ids.jiada, toOrgId: ids.hengli });
    expectError(await client.post('/api/my/transfers', { toOrgId: ids.hengli }), 409, 'CONFLICT');

    // The union sees it as today: in its list, to confirm or refuse.
    const list = await danghu.get('/api/transfers?direction=out&state=requested&pageSize=200');
    const row = list.json().items.find((x: { id: number }) => x.id === id);
    expect(row).toMatchObject({ name: '程晓东', requestedBy: 'member', fromOrgName: JIADA, toOrgName: HENGLI, reason: '换到恒力精密上班' });
    expect(row.allowedActions.map((a: { action: string }) => a.action).sort()).toEqual(['confirm', 'refuse_out']);

    const shown = (await mine(client)).transfers[0];
    expect(shown).toMatchObject({ id, state: 'requested', stateLabel: '待转出单位确认', fromOrgName: JIADA, toOrgName: HENGLI });
    expect(shown.allowedActions.map((a: { action: string }) => a.action)).toEqual(['cancel']);
    expect(shown.timeline).toEqual([expect.objectContaining({ action: 'create', actorName: '程晓东' })]);

    expect((await client.post(`/api/my/transfers/${id}/actions`, { action: 'cancel' })).statusCode).toBe(204);
    expect((await transferRow(t, id)).state).toBe('cancelled');
  });
});

describe('the account follows the membership', () => {
  it('once a transfer to another county completes, the worker’s account is the new union’s and 我的会籍 still shows the membership', async () => {
    const { client, username } = await memberWithAccount('蒋立新');
    const asked = await client.post('/api/my/transfers', { toOrgId: nanhu.unionId, reason: '到南湖工作' });
    expect(asked.statusCode, asked.body).toBe(201);
    const { id } = asked.json();
    // Not before it completes: a request, or a confirmation by the source, moves nothing.
    expect((await danghu.post(`/api/transfers/${id}/actions`, { action: 'confirm' })).statusCode).toBe(204);
    expect((await client.get('/api/auth/me')).json().user).toMatchObject({ homeOrgId: ids.jiada, grants: [expect.objectContaining({ role: 'worker', orgId: ids.jiada })] });
    expect((await nanhu.staff.post(`/api/transfers/${id}/actions`, { action: 'accept' })).statusCode).toBe(204);

    // The same session, read afresh: the account's union and its worker role are the new county's union.
    const me = (await client.get('/api/auth/me')).json().user;
    expect(me).toMatchObject({ username, homeOrgId: nanhu.unionId, homeOrgName: '嘉兴南湖科创电子有限公司工会' });
    expect(me.grants).toEqual([expect.objectContaining({ role: 'worker', orgId: nanhu.unionId })]);
    const body = await mine(client);
    expect(body.membership).toMatchObject({ status: 'active', orgId: nanhu.unionId, orgName: '嘉兴南湖科创电子有限公司工会' });
    expect(body.transfers[0]).toMatchObject({ id, state: 'completed' });
    expect((await client.get('/api/my/membership/card')).statusCode).toBe(200);
    // The move is in the audit log of the new county, under the staff who accepted it.
    const audit = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.update'), eq(auditLog.entityId, String(me.id))));
    expect(audit).toEqual([expect.objectContaining({ tenantId: nanhu.countyId, actorName: '南湖区总工会 干事', summary: '会员接转完成，「蒋立新」的职工账号随会籍转至嘉兴南湖科创电子有限公司工会' })]);
  });

  it('leaves a member without an account alone, and a staff member who is a member keeps their desk', async () => {
    const person = newPerson('褚文博', '19870309');
    await joinMember(t, danghu, person, ids.jiada);
    const { client, user } = await createAccount(t, admin, {
      username: 'staff_member_chu',
      displayName: '褚文博',
      homeOrgId: ids.danghu,
      grants: [
        { role: 'union_staff', orgId: ids.danghu },
        { role: 'worker', orgId: ids.jiada },
      ],
    });
    await t.database.db.update(users).set({ personHash: hashOf(person.residentId) }).where(eq(users.id, user.id));
    const asked = await client.post('/api/my/transfers', { toOrgId: ids.hengli });
    expect(asked.statusCode, asked.body).toBe(201);
    expect((await danghu.post(`/api/transfers/${asked.json().id}/actions`, { action: 'confirm' })).statusCode).toBe(204);
    expect((await admin.post(`/api/transfers/${asked.json().id}/actions`, { action: 'accept' })).statusCode).toBe(204);
    const me = (await client.get('/api/auth/me')).json().user;
    expect(me.homeOrgId).toBe(ids.danghu);
    expect(me.grants.map((g: { role: string; orgId: number }) => [g.role, g.orgId])).toEqual(expect.arrayContaining([['union_staff', ids.danghu], ['worker', ids.hengli]]));

    const noAccount = newPerson('褚文涛', '19870310');
    const { membershipId } = await joinMember(t, danghu, noAccount, ids.jiada);
    const moved = await danghu.post('/api/transfers', { membershipId, toOrgId: ids.hengli });
    expect(moved.statusCode, moved.body).toBe(201);
    expect((await danghu.post(`/api/transfers/${moved.json().id}/actions`, { action: 'confirm' })).statusCode).toBe(204);
    expect((await admin.post(`/api/transfers/${moved.json().id}/actions`, { action: 'accept' })).statusCode).toBe(204);
    expect((await transferRow(t, moved.json().id)).state).toBe('completed');
  });
});

describe('the worker updates their employment', () => {
  it('writes the record, and the union reads the change in the history', async () => {
    const { client, membershipId } = await memberWithAccount('邹明辉');
    const bad = expectError(await client.post('/api/my/membership/actions', { action: 'update_own_employment', input: { employmentForm: 'standard', employerName: '' } }), 400, 'VALIDATION');
    expect(bad.fields?.map((f) => f.field)).toContain('employerName');
    const done = await client.post('/api/my/membership/actions', {
      action: 'update_own_employment',
      input: { employmentForm: 'delivery_rider', platformName: '美团', note: '辞职后改跑外卖' },
    });
    expect(done.statusCode, done.body).toBe(204);
    expect(await membershipRow(t, membershipId)).toMatchObject({ employmentForm: 'delivery_rider', platformName: '美团' });

    const detail = (await danghu.get(`/api/members/${membershipId}`)).json();
    expect(detail.history.at(-1)).toMatchObject({ action: 'update_own_employment', actionLabel: '本人更新就业信息', actorName: '邹明辉' });
    expect(detail.history.at(-1).payload).toMatchObject({ employmentForm: 'delivery_rider', platformName: '美团', note: '辞职后改跑外卖' });
    // Nor may they do the union's steps on their own record.
    for (const action of ['update_details', 'withdraw', 'retain']) {
      expectError(await client.post('/api/my/membership/actions', { action, input: {} }), 403, 'FORBIDDEN');
    }
  });
});

describe('the worker changes their phone number', () => {
  const NEW_NUMBER = '13957310418';

  it('proves the new number by a code; the record, the next sign-in and the history take it', async () => {
    const { client, person, membershipId, username } = await memberWithAccount('严晓峰');
    // The number on record and one another member's record holds are refused before any code is sent.
    expect(expectError(await client.post('/api/my/phone/code', { phone: person.phone }), 400, 'VALIDATION').fields).toEqual([{ field: 'phone', reason: '这就是您现在登记的手机号' }]);
    const other = newPerson('祁佳慧');
    await joinMember(t, danghu, other, ids.jiada);
    expect(expectError(await client.post('/api/my/phone/code', { phone: other.phone }), 400, 'VALIDATION').fields![0].reason).toMatch(/不能使用/);
    expect(await lastCode(t, other.phone)).toBeUndefined();

    const sent = await client.post('/api/my/phone/code', { phone: NEW_NUMBER });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toEqual({ resendAfterSeconds: 60 });
    const code = (await lastCode(t, NEW_NUMBER))!;
    expect(code).toMatch(/^\d{6}$/);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    expect(expectError(await client.post('/api/my/phone', { phone: NEW_NUMBER, code: wrong }), 400, 'VALIDATION').fields![0].field).toBe('code');
    expect((await membershipRow(t, membershipId)).phone).toBe(person.phone);

    const changed = await client.post('/api/my/phone', { phone: NEW_NUMBER, code });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await membershipRow(t, membershipId)).phone).toBe(NEW_NUMBER);
    const detail = (await danghu.get(`/api/members/${membershipId}`)).json();
    expect(detail.history.at(-1)).toMatchObject({ action: 'update_own_phone', actionLabel: '本人更换手机号（短信验证）', actorName: '严晓峰', payload: { phone: NEW_NUMBER } });
    // A code works once.
    expectError(await client.post('/api/my/phone', { phone: NEW_NUMBER, code }), 400, 'VALIDATION');

    // The worker now signs in with the new number; the old one signs nobody in.
    await t.app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { phone: person.phone }, remoteAddress: '10.8.0.1' });
    expect(await lastCode(t, person.phone)).toBeUndefined();
    await forgetMinute(t);
    await t.app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { phone: NEW_NUMBER }, remoteAddress: '10.8.0.2' });
    const signedIn = await t.app.inject({ method: 'POST', url: '/api/auth/sms-login', payload: { phone: NEW_NUMBER, code: (await lastCode(t, NEW_NUMBER))! } });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    // The same account as before the change (it follows the number), not a second one.
    expect(signedIn.json().user).toMatchObject({ displayName: '严晓峰', username });
  });

  it('cannot be fired as an action without the code', async () => {
    const { client } = await memberWithAccount('甘雨桐');
    expectError(await client.post('/api/my/membership/actions', { action: 'update_own_phone', input: { phone: '13957310419' } }), 403, 'FORBIDDEN');
  });
});

describe('电子会员证', () => {
  it('is verified by staff: validity, masked name, union and 会龄, nothing else', async () => {
    const { client } = await memberWithAccount('欧阳晓娜', '2019-03-01');
    const card = await cardOf(client);
    expect(card.token).toMatch(/^\d+\.\d+\.\d+\.[A-Za-z0-9_-]{22}$/);
    const expiresIn = Date.parse(card.expiresAt) - Date.now();
    expect(expiresIn).toBeGreaterThan(4 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(5 * 60_000);

    const checked = await verify(danghu, card.token);
    expect(checked).toEqual({ valid: true, name: '欧**娜', orgName: JIADA, years: 7, expiresAt: card.expiresAt });
    // Another county's staff: a member is one union's member everywhere (一次入会).
    expect(await verify(nanhu.staff, card.token)).toMatchObject({ valid: true, name: '欧**娜', orgName: JIADA });
    // Workers do not scan cards.
    expectError(await client.post('/api/members/card/verify', { token: card.token }), 403, 'FORBIDDEN');
  });

  it('refuses forged, altered, foreign and expired tokens with their reasons', async () => {
    const { client, membershipId } = await memberWithAccount('莫小川');
    const { token } = await cardOf(client);
    const [tenant, membership, expires, signature] = token.split('.');
    const refused = async (candidate: string, reason: string, words: RegExp) => {
      const answer = await verify(danghu, candidate);
      expect(answer).toMatchObject({ valid: false, reason });
      expect(answer.message).toMatch(words);
      expect(JSON.stringify(answer)).not.toContain('莫小川');
    };
    const flipped = (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    await refused(`${tenant}.${membership}.${expires}.${flipped}`, 'forged', /不是本系统签发或已被篡改/);
    // The last character's spare bits changed: the same bytes decoded, still not the token that was issued.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(signature.at(-1)!);
    const spareBitsChanged = signature.slice(0, -1) + alphabet[last ^ 1];
    expect(Buffer.from(spareBitsChanged, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
    await refused(`${tenant}.${membership}.${expires}.${spareBitsChanged}`, 'forged', /篡改/);
    await refused(`${tenant}.${membershipId - 1}.${expires}.${signature}`, 'forged', /篡改/);
    await refused(`${tenant}.${membership}.${Number(expires) + 3600}.${signature}`, 'forged', /篡改/);
    // The same membership id in another county's tenant: the signature covers the tenant.
    await refused(`${nanhu.countyId}.${membership}.${expires}.${signature}`, 'forged', /篡改/);
    // Signed by another installation (another secret).
    const foreign = memberCardTokens(`${TEST_SECRET}-other-installation`).issue({ tenantId: Number(tenant), id: membershipId }).token;
    await refused(foreign, 'forged', /篡改/);
    await refused('https://example.com/join/9', 'malformed', /不是连心电子会员证/);
    // Genuine, but issued six minutes ago.
    const stale = memberCardTokens(TEST_SECRET).issue({ tenantId: Number(tenant), id: membershipId }, new Date(Date.now() - 6 * 60_000)).token;
    await refused(stale, 'expired', /已过期/);
  });

  it('stops being valid when the membership ends, and is not issued without one', async () => {
    const { client, membershipId } = await memberWithAccount('巴瑞宁');
    const { token } = await cardOf(client);
    expect((await danghu.post(`/api/members/${membershipId}/actions`, { action: 'withdraw', input: { requestedOn: today } })).statusCode).toBe(204);
    expect(await verify(danghu, token)).toMatchObject({ valid: false, reason: 'ended' });
    expectError(await client.get('/api/my/membership/card'), 409, 'CONFLICT');
    const after = await mine(client);
    expect(after.membership).toBeNull();
    expect(after.previousMemberships).toEqual([expect.objectContaining({ id: membershipId, status: 'withdrawn', statusLabel: '退会', orgName: JIADA })]);
  });
});
