import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/server/platform/audit/schema.js';
import { computeResidentIdCheckChar } from '../../src/server/platform/cn-ids.js';
import type { TestApp, TestClient } from '../support/app.js';
import { joinMember, newPerson, type Person, pinghuDemo, residentIdOf } from '../support/members.js';

/**
 * Nothing a role may see rebuilds a masked value (DESIGN §3.1; findings 1, 4
 * and 7 of issue 10). The probe that found it: the list gave leaders
 * `330482********0002` beside `1972-12-26`, which is the whole number.
 */

const TODAY = '2026-11-24';
let t: TestApp;
let ids: Record<string, number>;
let danghu: TestClient;
let zhongdai: TestClient;
let pinghu: TestClient;
let leader: TestClient;
let supervisor: TestClient;
const people: Person[] = [];

/** Every resident ID consistent with what a row shows: a mask, an age, and the county the union lies in. */
function candidatesFor(row: { idMasked: string; age: number }, division = '330482') {
  const found: string[] = [];
  const [head, tail] = [row.idMasked.slice(0, row.idMasked.indexOf('*')), row.idMasked.slice(-4)];
  if (!division.startsWith(head)) return found;
  const birthYear = Number(TODAY.slice(0, 4)) - row.age;
  for (const year of [birthYear - 1, birthYear]) {
    for (let day = new Date(Date.UTC(year, 0, 1)); day.getUTCFullYear() === year; day.setUTCDate(day.getUTCDate() + 1)) {
      const first17 = `${division}${day.toISOString().slice(0, 10).replaceAll('-', '')}${tail.slice(0, 3)}`;
      if (computeResidentIdCheckChar(first17) === tail[3]) found.push(first17 + tail[3]);
    }
  }
  return found;
}

beforeAll(async () => {
  ({ t, ids, danghu, zhongdai, pinghu, leader, supervisor } = await pinghuDemo(() => TODAY));
  for (const [name, birth] of [
    ['闻秀英', '19721226'],
    ['闻建华', '19850704'],
    ['闻晓东', '19990101'],
  ] as const) {
    const person = newPerson(name, birth);
    people.push(person);
    await joinMember(t, danghu, person, ids.jiada);
  }
});
afterAll(() => t?.close());

type Row = { name: string; idMasked: string; age: number; phone: string | null; birthDate?: string; orgId: number };
const listed = async (client: TestClient, query = '') => {
  const response = await client.get(`/api/members?orgId=${ids.jiada}&pageSize=200${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().items as Row[]).filter((row) => people.some((p) => p.name === row.name));
};

describe('the registry list and detail', () => {
  it('show the ID masked to its province and last four, the age instead of the birth date, to every role', async () => {
    for (const client of [leader, supervisor, danghu, pinghu]) {
      const rows = await listed(client);
      expect(rows).toHaveLength(3);
      for (const row of rows) {
        const person = people.find((p) => p.name === row.name)!;
        expect(row.idMasked).toBe(`33${'*'.repeat(12)}${person.residentId.slice(-4)}`);
        expect(row).not.toHaveProperty('birthDate');
        expect(JSON.stringify(row)).not.toContain(person.residentId.slice(6, 14));
        // What is left to guess from: two years of days, in the right county, that pass the check character.
        const candidates = candidatesFor(row);
        expect(candidates).toContain(person.residentId);
        expect(candidates.length).toBeGreaterThan(40);
      }
    }
    expect((await listed(leader)).find((r) => r.name === '闻秀英')).toMatchObject({ age: 53 });
  });

  it('show whole phone numbers to staff who contact members, masked ones to leaders and supervisors', async () => {
    for (const client of [danghu, pinghu]) {
      for (const row of await listed(client)) expect(row.phone).toBe(people.find((p) => p.name === row.name)!.phone);
    }
    for (const client of [leader, supervisor]) {
      for (const row of await listed(client)) {
        const phone = people.find((p) => p.name === row.name)!.phone;
        expect(row.phone).toBe(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
      }
    }
  });

  it('find a member by a whole phone number only for roles that see whole numbers', async () => {
    const [first] = people;
    expect((await listed(danghu, `&q=${first.phone}`)).map((r) => r.name)).toEqual([first.name]);
    expect((await listed(danghu, `&q=${first.phone.slice(0, 7)}`)).map((r) => r.name)).toContain(first.name);
    // A leader tries the number, and prefixes of it: nothing, or the mask would be undone digit by digit.
    expect(await listed(leader, `&q=${first.phone}`)).toEqual([]);
    expect(await listed(leader, `&q=${first.phone.slice(0, 5)}`)).toEqual([]);
    // The last four, which every mask shows, still find them.
    expect((await listed(leader, `&q=${first.phone.slice(-4)}`)).map((r) => r.name)).toEqual([first.name]);
  });

  it('detail shows the age, and the whole ID only through the audited reveal', async () => {
    const [row] = (await (await leader.get(`/api/members?orgId=${ids.jiada}&q=闻秀英`)).json()).items as (Row & { id: number })[];
    const detail = (await leader.get(`/api/members/${row.id}`)).json();
    expect(detail).toMatchObject({ age: 53, canRevealId: false });
    expect(detail).not.toHaveProperty('birthDate');
    expect(JSON.stringify(detail)).not.toContain('19721226');
    expect((await leader.post(`/api/members/${row.id}/reveal-id`)).statusCode).toBe(403);
    expect((await danghu.post(`/api/members/${row.id}/reveal-id`)).json()).toEqual({ residentId: people[0].residentId });
  });

  it('the xlsx export follows the same rule: no birth date, phones masked for leaders', async () => {
    const response = await leader.get(`/api/members/export.xlsx?orgId=${ids.jiada}`);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).not.toContain('出生日期');
    const cells: string[] = [];
    sheet.eachRow((r) => (r.values as unknown[]).forEach((v) => cells.push(String(v))));
    for (const person of people) {
      expect(cells.join('|')).not.toContain(person.residentId.slice(6, 14));
      expect(cells).not.toContain(person.phone);
      expect(cells).toContain(`${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`);
    }
    const row = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(row[header.indexOf('年龄')]).toEqual(expect.any(Number));
  });
});

describe('another union’s membership of the same person (finding 4)', () => {
  it('is not sent at all, only the transfer out with its date', async () => {
    const mover = newPerson('闻一鸣');
    const { membershipId: oldId } = await joinMember(t, danghu, mover, ids.jiada);
    const asked = await danghu.post('/api/transfers', { membershipId: oldId, toOrgId: ids.hengli, employment: { employmentForm: 'standard', employerName: '平湖恒力精密机械有限公司' } });
    expect(asked.statusCode, asked.body).toBe(201);
    expect((await danghu.post(`/api/transfers/${asked.json().id}/actions`, { action: 'confirm' })).statusCode).toBe(204);
    expect((await zhongdai.post(`/api/transfers/${asked.json().id}/actions`, { action: 'accept' })).statusCode).toBe(204);
    const moved = (await zhongdai.get(`/api/members?q=闻一鸣`)).json().items[0] as { id: number; cardNo: string };
    expect((await danghu.get(`/api/members/${moved.id}`)).statusCode).toBe(404);

    const old = await danghu.get(`/api/members/${oldId}`);
    const body = old.json();
    expect(body).toMatchObject({ status: 'transferred', endedOn: TODAY, previousMemberships: [] });
    expect(body.transfers).toEqual([expect.objectContaining({ state: 'completed' })]);
    expect(old.body).not.toContain(moved.cardNo);
    expect(old.body).not.toContain('"id":' + moved.id + ',');
  });
});

describe('the audit log (finding 7)', () => {
  it('keeps an export’s whole-ID or phone filter masked, so leaders reading the log see no number', async () => {
    const [person] = people;
    for (const q of [person.residentId, person.phone]) expect((await danghu.get(`/api/members/export.xlsx?q=${q}`)).statusCode).toBe(200);
    const rows = await t.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'member.export'), eq(auditLog.actorName, '当湖街道工会 干事')));
    const kept = JSON.stringify(rows);
    expect(kept).not.toContain(person.residentId);
    expect(kept).not.toContain(person.phone);
    expect(kept).toContain(`33${'*'.repeat(12)}${person.residentId.slice(-4)}`);
    expect(kept).toContain(`${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`);

    const log = await leader.get('/api/audit?pageSize=200');
    expect(log.statusCode).toBe(200);
    expect(log.body).not.toContain(person.residentId);
    expect(log.body).not.toContain(person.phone);
    // A number the search could not even use (another person's) is masked all the same.
    const stranger = residentIdOf('19600101', 777);
    await danghu.get(`/api/members/export.xlsx?q=${stranger}`);
    expect((await leader.get('/api/audit?pageSize=200')).body).not.toContain(stranger);
  });
});
