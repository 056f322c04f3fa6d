import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transfers } from '../../src/server/modules/members/schema.js';
import { users } from '../../src/server/platform/accounts/schema.js';
import { createAccount, type TestApp, type TestClient } from '../support/app.js';
import { expectError, hashOf, joinMember, newPerson, type Person, pinghuDemo, rowCounts } from '../support/members.js';

/**
 * The transfer request's Idempotency-Key, as the join form's: the phone keeps a
 * request filled offline and sends it again until an answer comes, so a resend
 * with the same key returns the first transfer — never a second one, nor "a
 * transfer is in progress" — also when the sends race. A key stays with its
 * person and target union. Both ways of asking: the public page (ID number and
 * phone) and the signed-in worker's 我的会籍.
 */

const today = '2026-12-06';
let t: TestApp;
let ids: Record<string, number>;
let admin: TestClient;
let danghu: TestClient;

let serial = 0;
const newKey = () => `transfer-key-${String(++serial).padStart(8, '0')}-abc`;

const publicSend = (person: Person, toOrgId: number, key?: string) =>
  t.app.inject({ method: 'POST', url: '/api/public/transfers', payload: { residentId: person.residentId, phone: person.phone, toOrgId }, headers: key ? { 'idempotency-key': key } : {} });
const mySend = (client: TestClient, toOrgId: number, key: string) =>
  client.request({ method: 'POST', url: '/api/my/transfers', payload: { toOrgId }, headers: { 'idempotency-key': key } });
const transfersOf = async (person: Person) => t.database.db.select({ id: transfers.id }).from(transfers).where(eq(transfers.personHash, hashOf(person.residentId)));

async function memberOfJiada(name: string) {
  const person = newPerson(name, '19880612');
  await joinMember(t, danghu, person, ids.jiada);
  return person;
}

beforeAll(async () => {
  ({ t, ids, admin, danghu } = await pinghuDemo(() => today));
});
afterAll(() => t.close());

describe('Idempotency-Key on POST /api/public/transfers', () => {
  it('a resend with the same key returns the same transfer; nothing else is written', async () => {
    const person = await memberOfJiada('贺思远');
    const key = newKey();
    const first = await publicSend(person, ids.hengli, key);
    expect(first.statusCode, first.body).toBe(201);
    const before = await rowCounts(t);
    const again = await publicSend(person, ids.hengli, key);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await rowCounts(t)).toEqual(before);
    const [stored] = await t.database.db.select().from(transfers).where(eq(transfers.id, first.json().id));
    expect(stored.idempotencyKey).toBe(key);
  });

  it('without the key a second send is refused as in progress, as before', async () => {
    const person = await memberOfJiada('贺思源');
    expect((await publicSend(person, ids.hengli)).statusCode).toBe(201);
    expectError(await publicSend(person, ids.hengli), 409, 'CONFLICT');
    expect(await transfersOf(person)).toHaveLength(1);
  });

  it('sends racing with one key make one transfer, and every answer names it', async () => {
    const person = await memberOfJiada('贺思雨');
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 4 }, () => publicSend(person, ids.hengli, key)));
    for (const answer of answers) expect(answer.statusCode, answer.body).toBe(201);
    expect(new Set(answers.map((a) => a.json().trackingCode)).size).toBe(1);
    expect(await transfersOf(person)).toHaveLength(1);
  });

  it('after the transfer completed, a resend still returns it rather than "the same union" or "no open membership"', async () => {
    const person = await memberOfJiada('贺思聪');
    const key = newKey();
    const first = await publicSend(person, ids.hengli, key);
    expect(first.statusCode, first.body).toBe(201);
    for (const action of ['confirm', 'accept']) expect((await admin.post(`/api/transfers/${first.json().id}/actions`, { action })).statusCode).toBe(204);
    const before = await rowCounts(t);
    const again = await publicSend(person, ids.hengli, key);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await rowCounts(t)).toEqual(before);
  });

  it('a key used for another union or another person is refused, nothing written', async () => {
    const person = await memberOfJiada('贺思琪');
    const key = newKey();
    expect((await publicSend(person, ids.hengli, key)).statusCode).toBe(201);
    const before = await rowCounts(t);
    const elsewhere = expectError(await publicSend(person, ids.meiyi, key), 409, 'CONFLICT');
    expect(elsewhere.fields).toEqual([{ field: 'idempotencyKey', reason: 'KEY_REUSED' }]);
    expect(elsewhere.message).toContain('提交标识已用于另一份申请');
    const other = await memberOfJiada('贺思齐');
    const before2 = await rowCounts(t);
    expect(before2.transfers).toBe(before.transfers);
    expect(expectError(await publicSend(other, ids.hengli, key), 409, 'CONFLICT').fields).toEqual([{ field: 'idempotencyKey', reason: 'KEY_REUSED' }]);
    expect(await rowCounts(t)).toEqual(before2);
  });

  it('a malformed key is refused with a Chinese reason', async () => {
    const person = await memberOfJiada('贺思哲');
    expect(JSON.stringify(expectError(await publicSend(person, ids.hengli, 'short'), 400, 'VALIDATION'))).toContain('提交标识');
    expect(await transfersOf(person)).toHaveLength(0);
  });
});

describe('Idempotency-Key on POST /api/my/transfers', () => {
  it('the signed-in worker’s resend returns the first transfer, racing or not; another union with the key is refused', async () => {
    const person = await memberOfJiada('贺思敏');
    const { client, user } = await createAccount(t, admin, { username: 'worker_hesimin', displayName: '贺思敏', homeOrgId: ids.jiada, grants: [{ role: 'worker', orgId: ids.jiada }] });
    await t.database.db.update(users).set({ personHash: hashOf(person.residentId) }).where(eq(users.id, user.id));
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 3 }, () => mySend(client, ids.hengli, key)));
    for (const answer of answers) expect(answer.statusCode, answer.body).toBe(201);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
    const again = await mySend(client, ids.hengli, key);
    expect(again.json()).toEqual(answers[0].json());
    expect(await transfersOf(person)).toHaveLength(1);
    expect(expectError(await mySend(client, ids.meiyi, key), 409, 'CONFLICT').fields).toEqual([{ field: 'idempotencyKey', reason: 'KEY_REUSED' }]);
  });
});
