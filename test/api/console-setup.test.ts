import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/db/client.js';
import { cardNumberFormatFromEnv, cardNumberFormatIssue, cardNumberSql, DEFAULT_CARD_NUMBER_FORMAT, divisionOfSql, formatCardNumber } from '../../src/server/modules/members/card-number.js';
import { memberships } from '../../src/server/modules/members/schema.js';
import { installation } from '../../src/server/platform/setup/schema.js';
import { ADMIN, createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { deskEntryBody, errorOf, expectError, joinMember, membershipRow, newPerson, pinghuDemo } from '../support/members.js';

/** First-run setup (naming the root of the tree) and 会员证号 in their configurable format. */

describe('first-run setup', () => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login(ADMIN.username, ADMIN.password);
  });
  afterAll(() => t?.close());

  it('names the root once, as a county with its division, and refuses what does not fit', async () => {
    // The tests' template is named programmatically, as the demo is: no setup page.
    expect((await admin.get('/api/setup')).json()).toMatchObject({ pending: false, root: { name: '中华全国总工会', type: 'national' } });
    await t.database.db.update(installation).set({ rootNamedAt: null });
    expect((await admin.get('/api/setup')).json().pending).toBe(true);

    expectError(await admin.post('/api/setup/root', { name: '平湖市总工会', type: 'county' }), 400, 'VALIDATION');
    const wrongLevel = await admin.post('/api/setup/root', { name: '平湖市总工会', type: 'county', divisionCode: '330400' });
    expectError(wrongLevel, 400, 'VALIDATION');
    expect(wrongLevel.json().error.fields).toEqual([{ field: 'divisionCode', reason: '县级工会须对应县级行政区划' }]);
    expectError(await admin.post('/api/setup/root', { name: '平湖市总工会', type: 'county', divisionCode: '339999' }), 400, 'VALIDATION');

    const named = await admin.post('/api/setup/root', { name: '平湖市总工会', type: 'county', divisionCode: '330482' });
    expect(named.statusCode, named.body).toBe(200);
    expect((await admin.get('/api/setup')).json()).toMatchObject({ pending: false, root: { name: '平湖市总工会', type: 'county', divisionCode: '330482' } });
    const root = (await admin.get(`/api/orgs/${named.json().id}`)).json();
    expect(root).toMatchObject({ name: '平湖市总工会', type: 'county', divisionCode: '330482' });
    expectError(await admin.post('/api/setup/root', { name: '嘉兴市总工会', type: 'city', divisionCode: '330400' }), 409, 'CONFLICT');
    const audit = (await admin.get('/api/audit?pageSize=50')).json().items as { action: string; summary: string }[];
    expect(audit.find((a) => a.action === 'org.name_root')?.summary).toBe('首次设置：根组织为「平湖市总工会」（县级工会，行政区划 330482）');
  });

  it('refuses to retype a root that already has orgs below it', async () => {
    const child = await admin.post('/api/orgs', { parentId: (await admin.get('/api/setup')).json().root.id, name: '当湖街道总工会', type: 'town', divisionCode: '330482' });
    expect(child.statusCode, child.body).toBe(201);
    await t.database.db.update(installation).set({ rootNamedAt: null });
    expectError(await admin.post('/api/setup/root', { name: '浙江省总工会', type: 'province', divisionCode: '330000' }), 409, 'CONFLICT');
  });
});

describe('会员证号', () => {
  let t: TestApp;
  let ids: Record<string, number>;
  let danghu: TestClient;
  let admin: TestClient;
  beforeAll(async () => {
    ({ t, ids, danghu, admin } = await pinghuDemo(() => '2026-11-24'));
  });
  afterAll(() => t?.close());

  const enter = async (name: string, joinedOn?: string) => {
    const response = await danghu.post('/api/members', deskEntryBody(newPerson(name), ids.jiada, joinedOn ? { joinedOn } : {}));
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: number; tenantId: number; cardNo: string };
  };
  const found = async (q: string) => ((await danghu.get(`/api/members?q=${encodeURIComponent(q)}`)).json().items as { id: number }[]).map((m) => m.id);

  it('reads by default: the county’s division code, the year of joining, a 7-digit serial; found by the number or the serial', async () => {
    const m = await enter('钱卡一', '2025-03-01');
    expect(m.cardNo).toBe(`3304822025${String(m.id).padStart(7, '0')}`);
    expect(m.cardNo).toBe(formatCardNumber(DEFAULT_CARD_NUMBER_FORMAT, { division: '330482', joinedOn: '2025-03-01', id: m.id, tenantId: m.tenantId }));
    expect(await found(m.cardNo)).toEqual([m.id]);
    expect(await found(String(m.id))).toContain(m.id);
  });

  it('follows the format an administrator sets on 参数设置, and refuses one that would repeat naming the field and reason', async () => {
    expect(cardNumberFormatIssue('{division}{year}')).toMatch(/流水号/);
    expect(cardNumberFormatIssue('PH-{year}-{serial:6}')).toBeNull();
    expect(cardNumberFormatIssue('{division}{month}{serial}')).toMatch(/只能使用/);
    // Numbers must fit the column, ids counted at their widest (10 digits): 3 + 6 + 1 + 4 + 1 + 20 is too long, 3 + 4 + 1 + 10 + 1 + 10 is not.
    expect(cardNumberFormatIssue('PH-{division}-{year}-{serial:20}')).toBe('按此格式证号最长可达 35 位，不能超过 32 位');
    expect(cardNumberFormatIssue('PH-{year}-{tenant}-{serial}')).toBeNull();
    // The environment's format is only the setting's default: a bad one stops the server at start-up (main.ts).
    expect(() => cardNumberFormatFromEnv({ LIANXIN_CARD_NUMBER_FORMAT: '{year}' })).toThrow(/LIANXIN_CARD_NUMBER_FORMAT/);
    expect(cardNumberFormatFromEnv({ LIANXIN_CARD_NUMBER_FORMAT: ' PH{serial} ' })).toBe('PH{serial}');
    expect(cardNumberFormatFromEnv({})).toBe(DEFAULT_CARD_NUMBER_FORMAT);

    const listed = (await admin.get('/api/settings')).json().items.find((s: { key: string }) => s.key === 'members.cardNumberFormat');
    expect(listed).toMatchObject({ value: DEFAULT_CARD_NUMBER_FORMAT, defaultValue: DEFAULT_CARD_NUMBER_FORMAT, isDefault: true });
    const repeating = await admin.put('/api/settings/members.cardNumberFormat', { value: '{division}{year}', version: 0 });
    expectError(repeating, 400, 'VALIDATION');
    expect(errorOf(repeating).fields).toEqual([{ field: 'value', reason: cardNumberFormatIssue('{division}{year}') }]);
    for (const format of ['{division}{month}{serial}', 'PH-{division}-{year}-{serial:20}']) {
      expect(errorOf(await admin.put('/api/settings/members.cardNumberFormat', { value: format, version: 0 })).fields).toEqual([{ field: 'value', reason: cardNumberFormatIssue(format) }]);
    }

    const saved = await admin.put('/api/settings/members.cardNumberFormat', { value: 'PH-{year}-{tenant}-{serial:6}', version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    // The next member approved, and the next one entered at the desk, carry a number in the new format.
    const approved = await joinMember(t, danghu, newPerson('钱卡二'), ids.jiada);
    const row = await membershipRow(t, approved.membershipId);
    expect(row.cardNo).toBe(`PH-2026-${row.tenantId}-${String(row.id).padStart(6, '0')}`);
    expect(await found(row.cardNo)).toEqual([row.id]);
    const entered = await enter('钱卡四');
    expect(entered.cardNo).toBe(`PH-2026-${entered.tenantId}-${String(entered.id).padStart(6, '0')}`);
    // Back to the default for the tests that follow.
    expect((await admin.put('/api/settings/members.cardNumberFormat', { reset: true, version: 1 })).statusCode).toBe(200);
    expect((await enter('钱卡五')).cardNo).toMatch(/^3304822026\d{7}$/);

    // The SQL that the roster import writes with agrees with the TypeScript one, whatever the format.
    for (const format of [DEFAULT_CARD_NUMBER_FORMAT, 'PH-{year}-{tenant}-{serial:6}', '{serial}']) {
      const [row] = await queryRows<{ card: string }>(
        t.database.db,
        sql`select ${cardNumberSql(format, { division: divisionOfSql(sql`(select path from orgs where id = ${ids.jiada})`), joinedOn: sql`'2024-06-30'::date`, id: sql`42::bigint`, tenantId: sql`${ids.pinghu}::bigint` })} as card`,
      );
      expect(row.card).toBe(formatCardNumber(format, { division: '330482', joinedOn: '2024-06-30', id: 42, tenantId: ids.pinghu }));
    }
  });

  it('the migration converts a number of the old form, and its search tokens with it', async () => {
    const m = await enter('钱卡三', '2019-05-20');
    const old = `${m.tenantId}-${String(m.id).padStart(9, '0')}`;
    await t.database.db.execute(sql`update memberships set card_no = ${old},
      search = ts_delete(search, array[${m.cardNo}, ${String(m.id)}]) || array_to_tsvector(array[${old.replace('-', '')}, ${old.split('-')[1]}])
      where tenant_id = ${m.tenantId} and id = ${m.id}`);
    expect(await found(old.split('-')[1])).toEqual([m.id]);
    const migration = readFileSync('migrations/0031_console_setup_card_numbers.sql', 'utf8');
    await t.database.db.execute(sql.raw(migration.slice(migration.lastIndexOf('--> statement-breakpoint') + '--> statement-breakpoint'.length)));
    const [row] = await t.database.db.select({ cardNo: memberships.cardNo }).from(memberships).where(and(eq(memberships.tenantId, m.tenantId), eq(memberships.id, m.id)));
    expect(row.cardNo).toBe(m.cardNo);
    expect(await found(m.cardNo)).toEqual([m.id]);
    expect(await found(old.split('-')[1])).toEqual([]);
  });
});
