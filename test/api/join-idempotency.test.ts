import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/server/demo/load.js';
import { joinApplications } from '../../src/server/modules/members/schema.js';
import { ADMIN, createTestApp, type TestApp } from '../support/app.js';
import { applicationByCode, expectError, hashOf, joinBody, newPerson, type Person, rowCounts, setAutoApprove } from '../support/members.js';

/**
 * The join form's Idempotency-Key: the phone keeps an application filled
 * offline and sends it again until an answer comes, so a resend with the same
 * key returns the first application — never a second one, nor "an application
 * is pending" — also when the sends race, and also after the union approved it
 * at once. A key stays with its person and union.
 */

let t: TestApp;
let ids: Record<string, number>;

const send = (body: Record<string, unknown>, key?: string) =>
  t.app.inject({ method: 'POST', url: '/api/public/join', payload: body, headers: key ? { 'idempotency-key': key } : {} });

const applicationsOf = async (person: Person) =>
  (await t.database.db.select({ n: count() }).from(joinApplications).where(eq(joinApplications.personHash, hashOf(person.residentId))))[0].n;

let serial = 0;
const newKey = () => `phone-key-${String(++serial).padStart(8, '0')}-abcdef`;

beforeAll(async () => {
  t = await createTestApp({ today: () => '2026-11-24' });
  ids = await loadDemo(t.database.db, t.services);
});
afterAll(() => t.close());

describe('Idempotency-Key on POST /api/public/join', () => {
  it('a resend with the same key returns the same application; nothing else is written', async () => {
    const person = newPerson('任佳怡');
    const key = newKey();
    const first = await send(joinBody(person, ids.jiada), key);
    expect(first.statusCode, first.body).toBe(201);
    const before = await rowCounts(t);
    const again = await send(joinBody(person, ids.jiada), key);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await rowCounts(t)).toEqual(before);
    const stored = await applicationByCode(t, first.json().tenantId, first.json().trackingCode);
    expect(stored.idempotencyKey).toBe(key);
  });

  it('without the key a second send is refused as pending, as before', async () => {
    const person = newPerson('倪晓光');
    expect((await send(joinBody(person, ids.jiada))).statusCode).toBe(201);
    expectError(await send(joinBody(person, ids.jiada)), 409, 'CONFLICT');
    expect(await applicationsOf(person)).toBe(1);
  });

  it('sends racing with one key make one application, and every answer names it', async () => {
    const person = newPerson('卜玉梅');
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 4 }, () => send(joinBody(person, ids.jiada), key)));
    for (const answer of answers) expect(answer.statusCode, answer.body).toBe(201);
    expect(new Set(answers.map((a) => a.json().trackingCode)).size).toBe(1);
    expect(await applicationsOf(person)).toBe(1);
  });

  it('after the union approved it at once, a resend still returns it rather than "already a member"', async () => {
    const admin = await t.login(ADMIN.username, ADMIN.password);
    await setAutoApprove(admin, ids.meiyi, true);
    const person = newPerson('滕海燕');
    const key = newKey();
    const body = joinBody(person, ids.meiyi, { employerName: '平湖美衣服饰有限公司' });
    const first = await send(body, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await send(body, key);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(await applicationsOf(person)).toBe(1);
  });

  it('a key used for another person or union is refused, nothing written', async () => {
    const key = newKey();
    expect((await send(joinBody(newPerson('苗文静'), ids.jiada), key)).statusCode).toBe(201);
    const before = await rowCounts(t);
    const other = newPerson('詹国平');
    const error = expectError(await send(joinBody(other, ids.jiada), key), 409, 'CONFLICT');
    expect(error.fields).toEqual([{ field: 'idempotencyKey', reason: 'KEY_REUSED' }]);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('a malformed key is refused with a Chinese reason', async () => {
    const response = await send(joinBody(newPerson('车丽娟'), ids.jiada), 'short');
    const error = expectError(response, 400, 'VALIDATION');
    expect(JSON.stringify(error)).toContain('提交标识');
    expect(await applicationsOf(newPerson('车丽娟'))).toBe(0);
  });

  it('a refused first send (bad field) stores nothing, so the corrected resend with the same key goes through', async () => {
    const person = newPerson('鲁志刚');
    const key = newKey();
    expectError(await send(joinBody(person, ids.jiada, { consent: false }), key), 400, 'VALIDATION');
    const fixed = await send(joinBody(person, ids.jiada), key);
    expect(fixed.statusCode, fixed.body).toBe(201);
    expect(await applicationsOf(person)).toBe(1);
  });
});
