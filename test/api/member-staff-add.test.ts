import { and, count, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PRIVACY_NOTICE_VERSION } from '../../src/server/modules/members/privacy-notice.js';
import { auditLog } from '../../src/server/platform/audit/schema.js';
import { computeResidentIdCheckChar } from '../../src/server/platform/cn-ids.js';
import type { TestApp, TestClient } from '../support/app.js';
import { cipher, createSecondCounty, deskEntryBody, expectCountsKept, expectError, JIADA, joinMember, membershipRow, membershipsOf, newPerson, type Person, personRow, pinghuDemo, rowCounts } from '../support/members.js';

/**
 * 随入随录: union staff enter a person who joined at the desk with the paper
 * form (POST /api/members). The join page's checks, the same opening of a
 * membership as an approved application (card number, 会龄, timeline, one open
 * membership per person, also under concurrency), an audit row, and the
 * scope: members.manage at the union, 404 outside it.
 */

let today = '2026-11-24';
let t: TestApp;
let ids: Record<string, number>;
let admin: TestClient;
let danghu: TestClient;
let zhongdai: TestClient;
let pinghu: TestClient;
let leader: TestClient;
let supervisor: TestClient;


const addMember = (client: TestClient, body: Record<string, unknown>) => client.post('/api/members', body);

/** Enter `p` as `client`; returns the new membership's id and card number. */
async function added(client: TestClient, p: Person, orgId: number, extra: Record<string, unknown> = {}) {
  const response = await addMember(client, deskEntryBody(p, orgId, extra));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; tenantId: number; cardNo: string };
}

const act = async (client: TestClient, id: number, action: string, input?: unknown) => {
  const response = await client.post(`/api/members/${id}/actions`, input === undefined ? { action } : { action, input });
  expect(response.statusCode, response.body).toBe(204);
};

const auditRows = () => t.database.db.select({ n: count() }).from(auditLog);

/** Everything a staff entry writes: nothing may change when it is refused. */
async function written() {
  const [[audit], rows] = await Promise.all([auditRows(), rowCounts(t)]);
  return { ...rows, audit: audit.n };
}

/** Refused with `status`/`code` and exactly these fields, and nothing written. */
async function refused(client: TestClient, body: Record<string, unknown>, status: number, code: string, fields: [string, string | RegExp][] = []) {
  const before = await written();
  const error = expectError(await addMember(client, body), status, code);
  if (fields.length) {
    expect(error.fields?.map((f) => f.field)).toEqual(fields.map(([field]) => field));
    fields.forEach(([, reason], i) => expect(error.fields![i].reason).toMatch(reason));
  }
  expect(await written()).toEqual(before);
  return error;
}

beforeAll(async () => {
  ({ t, ids, admin, danghu, zhongdai, pinghu, leader, supervisor } = await pinghuDemo(() => today));
});
afterAll(() => t.close());
afterEach(() => expectCountsKept(t));

describe('entering a member at the union’s desk', () => {
  beforeAll(() => {
    today = '2026-11-24';
  });

  it('opens an active membership from today, as an approval does, with the paper consent and an audit row', async () => {
    const p = newPerson('邵雅琴');
    const before = await written();
    const response = await addMember(danghu, deskEntryBody({ ...p, phone: `+86 ${p.phone}` }, ids.jiada));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.body).not.toContain(p.residentId);
    const { id, tenantId, cardNo } = response.json() as { id: number; tenantId: number; cardNo: string };
    expect(tenantId).toBe(ids.pinghu);
    expect(cardNo).toMatch(new RegExp(`^330482\\d{4}0*${id}$`));

    const row = await membershipRow(t, id);
    expect(row).toMatchObject({
      status: 'active',
      orgId: ids.jiada,
      source: 'staff',
      joinedOn: '2026-11-24',
      memberSince: '2026-11-24',
      phone: p.phone,
      employmentForm: 'standard',
      employerName: '平湖嘉达光电科技有限公司',
      consentVersion: PRIVACY_NOTICE_VERSION,
    });
    expect(row.consentAt).toBeInstanceOf(Date);
    const person = await personRow(t, p.residentId);
    expect(person).toMatchObject({ openMembershipId: id, openMembershipTenantId: ids.pinghu, memberSince: '2026-11-24', name: '邵雅琴', phone: p.phone });
    expect(cipher.decrypt(person.idCipher)).toBe(p.residentId);

    const detail = await danghu.get(`/api/members/${id}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ id, cardNo, source: 'staff', status: 'active', orgName: JIADA, idMasked: `33************${p.residentId.slice(-4)}`, previousMemberships: [] });
    // Which notice the person signed, and when staff confirmed it.
    expect(detail.json().consent).toEqual({ via: 'staff', viaLabel: '窗口登记', version: PRIVACY_NOTICE_VERSION, at: row.consentAt!.toISOString(), viaTransfer: false });
    expect(detail.json().history).toEqual([
      expect.objectContaining({ seq: 1, action: 'create', from: null, to: 'active', actorName: '当湖街道工会 干事', payload: { source: 'staff', orgId: ids.jiada } }),
    ]);
    // Found in the registry like any member, by the card number too.
    expect((await danghu.get(`/api/members?q=${cardNo}`)).json().items.map((m: { id: number }) => m.id)).toEqual([id]);

    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'membership.create'), eq(auditLog.entityId, String(id))));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entityType: 'membership', tenantId: ids.pinghu, actorName: '当湖街道工会 干事' });
    expect(audit[0].summary).toContain('邵雅琴');
    expect(audit[0].summary).toContain(cardNo);
    expect(audit[0].after).toMatchObject({ orgId: ids.jiada, cardNo, source: 'staff', consentVersion: PRIVACY_NOTICE_VERSION });
    expect(JSON.stringify(audit[0])).not.toContain(p.residentId);

    expect(await written()).toEqual({ ...before, memberships: before.memberships + 1, persons: before.persons + 1, timeline: before.timeline + 1, audit: before.audit + 1 });
  });

  it('takes the union’s date of approval, for a gig worker too; 会龄 counts from it', async () => {
    const p = newPerson('邵立群');
    const { id } = await added(pinghu, p, ids.rider_station, { employmentForm: 'delivery_rider', employerName: null, platformName: '美团', joinedOn: '2019-05-06' });
    expect(await membershipRow(t, id)).toMatchObject({ joinedOn: '2019-05-06', memberSince: '2019-05-06', employmentForm: 'delivery_rider', platformName: '美团', orgId: ids.rider_station });
    expect((await personRow(t, p.residentId)).memberSince).toBe('2019-05-06');
  });

  it('a former member who withdrew starts 会龄 anew, never before the old membership ended', async () => {
    const p = newPerson('邵国华');
    const { membershipId: first } = await joinMember(t, danghu, p, ids.jiada);
    today = '2027-01-15';
    await act(danghu, first, 'withdraw', { requestedOn: '2027-01-10' });
    today = '2027-06-01';
    await refused(danghu, deskEntryBody(p, ids.meiyi, { joinedOn: '2027-01-14' }), 400, 'VALIDATION', [['joinedOn', '入会日期不能早于此前会籍的终止日期（2027-01-15）']]);

    const { id } = await added(danghu, p, ids.meiyi, { joinedOn: '2027-05-20' });
    expect(await membershipRow(t, id)).toMatchObject({ joinedOn: '2027-05-20', memberSince: '2027-05-20', source: 'staff' });
    expect(await personRow(t, p.residentId)).toMatchObject({ openMembershipId: id, memberSince: '2027-05-20' });
    expect(await membershipRow(t, first)).toMatchObject({ status: 'withdrawn', memberSince: '2026-11-24' });
    const detail = (await danghu.get(`/api/members/${id}`)).json();
    expect(detail.previousMemberships.map((m: { id: number; status: string }) => [m.id, m.status])).toEqual([[first, 'withdrawn']]);
    today = '2026-11-24';
  });

  it('a retained member (保留会籍) keeps the membership and its 会龄: told so, here or at another union', async () => {
    const p = newPerson('邵国梁');
    const { membershipId } = await joinMember(t, danghu, p, ids.jiada);
    await act(danghu, membershipId, 'retain', { cause: 'laid_off' });
    const here = await refused(danghu, deskEntryBody(p, ids.jiada), 409, 'CONFLICT', [['residentId', /无需重复登记/]]);
    expect(here.message).toContain(`「${JIADA}」`);
    expect(here.message).toContain('保留会籍');
    const elsewhere = await refused(danghu, deskEntryBody(p, ids.meiyi), 409, 'CONFLICT', [['residentId', /接转/]]);
    expect(elsewhere.message).toContain(`「${JIADA}」`);
    expect(await membershipsOf(t, p.residentId)).toHaveLength(1);
    expect(await personRow(t, p.residentId)).toMatchObject({ openMembershipId: membershipId, memberSince: '2026-11-24' });
  });
});

describe('bad input is refused as on the join page, naming the field, and nothing is written', () => {
  beforeAll(() => {
    today = '2026-11-24';
  });

  it('an ID number with a wrong check character', async () => {
    const p = newPerson('邹文涛');
    const wrong = p.residentId.slice(0, 17) + (p.residentId[17] === '0' ? '1' : '0');
    const error = await refused(danghu, deskEntryBody({ ...p, residentId: wrong }, ids.jiada), 400, 'VALIDATION', [['residentId', '校验码错误']]);
    expect(error.message).toContain('residentId');
  });

  it('an ID number with an impossible birth date', async () => {
    const first17 = '33048219900230124';
    await refused(danghu, deskEntryBody({ ...newPerson('喻晓光'), residentId: first17 + computeResidentIdCheckChar(first17) }, ids.jiada), 400, 'VALIDATION', [['residentId', '出生日期不存在']]);
  });

  it('someone under 16 today; 16 exactly is old enough', async () => {
    // today is 2026-11-24: born 2010-11-25 turns 16 tomorrow.
    await refused(danghu, deskEntryBody(newPerson('柳小溪', '20101125'), ids.jiada), 400, 'VALIDATION', [['residentId', /未满 16 周岁/]]);
    await added(danghu, newPerson('柳小河', '20101124'), ids.jiada);
  });

  it('a joining date before the person turned 16, or after today, or no date at all', async () => {
    // Born 1990-03-15: 16 on 2006-03-15.
    const p = newPerson('邵雨桐', '19900315');
    await refused(danghu, deskEntryBody(p, ids.jiada, { joinedOn: '2006-03-14' }), 400, 'VALIDATION', [['joinedOn', '入会日期早于本人年满 16 周岁之日']]);
    await refused(danghu, deskEntryBody(p, ids.jiada, { joinedOn: '1980-01-01' }), 400, 'VALIDATION', [['joinedOn', /年满 16 周岁/]]);
    await refused(danghu, deskEntryBody(p, ids.jiada, { joinedOn: '2026-11-25' }), 400, 'VALIDATION', [['joinedOn', '入会日期不能晚于今天']]);
    for (const joinedOn of ['2026-02-30', '2026/01/01', '']) {
      await refused(danghu, deskEntryBody(p, ids.jiada, { joinedOn }), 400, 'VALIDATION', [['joinedOn', /应为有效日期（YYYY-MM-DD）/]]);
    }
    const { id } = await added(danghu, p, ids.jiada, { joinedOn: '2006-03-15' });
    expect(await membershipRow(t, id)).toMatchObject({ joinedOn: '2006-03-15', memberSince: '2006-03-15' });
  });

  it('an invalid or missing mobile number', async () => {
    for (const phone of ['1234567890', '12812345678', '139123456789', '']) {
      await refused(danghu, deskEntryBody({ ...newPerson('田志远'), phone }, ids.jiada), 400, 'VALIDATION', [['phone', phone ? '手机号格式不正确' : '请填写手机号']]);
    }
    const { phone: _omit, ...withoutPhone } = deskEntryBody(newPerson('田志高'), ids.jiada);
    await refused(danghu, withoutPhone, 400, 'VALIDATION', [['phone', /.+/]]);
  });

  it('without the staff’s confirmation of the signed consent', async () => {
    for (const consentOnPaper of [false, 'true', undefined]) {
      const error = await refused(danghu, deskEntryBody(newPerson('龚丽华'), ids.jiada, { consentOnPaper }), 400, 'VALIDATION', [['consentOnPaper', /纸质入会申请书上签字同意/]]);
      expect(error.message).toContain('consentOnPaper');
    }
  });

  it('employment details that do not fit the employment form', async () => {
    await refused(danghu, deskEntryBody(newPerson('汤文涛'), ids.jiada, { employerName: '' }), 400, 'VALIDATION', [['employerName', '请填写工作单位']]);
    await refused(danghu, deskEntryBody(newPerson('汤文海'), ids.rider_station, { employmentForm: 'delivery_rider', employerName: null }), 400, 'VALIDATION', [['platformName', '请填写所在平台或单位']]);
    await refused(danghu, deskEntryBody(newPerson('汤文江'), ids.jiada, { employmentForm: 'astronaut' }), 400, 'VALIDATION', [['employmentForm', /.+/]]);
  });

  it('several problems at once are all named', async () => {
    const p = newPerson('万家兴');
    await refused(danghu, deskEntryBody({ ...p, residentId: p.residentId.slice(0, 17) + (p.residentId[17] === '0' ? '1' : '0'), phone: '123' }, ids.jiada, { employerName: '' }), 400, 'VALIDATION', [
      ['residentId', '校验码错误'],
      ['phone', '手机号格式不正确'],
      ['employerName', '请填写工作单位'],
    ]);
  });

  it('a union that takes no members (a town, the county federation)', async () => {
    await refused(danghu, deskEntryBody(newPerson('石建平'), ids.danghu), 400, 'VALIDATION', [['orgId', '请选择基层工会、联合工会或平台工会']]);
    await refused(pinghu, deskEntryBody(newPerson('石建安'), ids.pinghu), 400, 'VALIDATION', [['orgId', '请选择基层工会、联合工会或平台工会']]);
  });
});

describe('who may enter members where', () => {
  beforeAll(() => {
    today = '2026-11-24';
  });

  it('needs members.manage: a leader or supervisor may read the registry but not enter anyone', async () => {
    await refused(leader, deskEntryBody(newPerson('许文静'), ids.jiada), 403, 'FORBIDDEN');
    await refused(supervisor, deskEntryBody(newPerson('许文清'), ids.jiada), 403, 'FORBIDDEN');
  });

  it('a union outside the actor’s subtree, or none, is 404; even for someone who is a member there', async () => {
    await refused(zhongdai, deskEntryBody(newPerson('许文涛'), ids.jiada), 404, 'NOT_FOUND');
    await refused(zhongdai, deskEntryBody(newPerson('许文海'), 999_999), 404, 'NOT_FOUND');
    const member = newPerson('许文强');
    await joinMember(t, danghu, member, ids.jiada);
    await refused(zhongdai, deskEntryBody(member, ids.jiada), 404, 'NOT_FOUND');
  });

  it('the county’s staff and an admin reach every union below', async () => {
    await added(pinghu, newPerson('许文杰'), ids.shuntong, { employerName: '平湖市顺通物流有限公司' });
    await added(admin, newPerson('许文博'), ids.courier_union, { employmentForm: 'courier', employerName: null, platformName: '顺丰速运' });
  });
});

describe('someone already a member', () => {
  beforeAll(() => {
    today = '2026-11-24';
  });

  it('of this union is told so, however the number is typed', async () => {
    const p = newPerson('卜海鹰');
    const { cardNo } = await added(danghu, p, ids.jiada);
    const error = await refused(danghu, deskEntryBody(p, ids.jiada), 409, 'CONFLICT', [['residentId', /无需重复登记/]]);
    expect(error.message).toBe(`此人已是「${JIADA}」的会员（正常，会员证号 ${cardNo}），无需重复登记`);
    const typed = `${p.residentId.slice(0, 6)} ${p.residentId.slice(6, 14)}\u3000${p.residentId.slice(14).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))}`;
    await refused(danghu, deskEntryBody({ ...p, residentId: typed }, ids.jiada), 409, 'CONFLICT', [['residentId', /无需重复登记/]]);
  });

  it('of another union the actor sees is told which, and offered a transfer', async () => {
    const p = newPerson('卜海帆');
    await joinMember(t, danghu, p, ids.jiada);
    const error = await refused(pinghu, deskEntryBody(p, ids.shuntong), 409, 'CONFLICT', [['residentId', /接转/]]);
    expect(error.message).toBe(`此人已是「${JIADA}」的会员，一人同一时间只能在一个工会。如已到本单位工作，请办理会员接转，会龄连续计算`);
  });

  it('of a union outside the actor’s scope is not told which', async () => {
    const p = newPerson('卜海舟');
    await joinMember(t, danghu, p, ids.jiada);
    const error = await refused(zhongdai, deskEntryBody(p, ids.shuntong), 409, 'CONFLICT', [['residentId', /接转/]]);
    expect(error.message).toContain('此人已是其他工会的会员');
    expect(error.message).not.toContain('嘉达');
  });
});

describe('concurrency: one open membership per person', () => {
  beforeAll(() => {
    today = '2026-11-24';
  });

  const openMemberships = async (p: Person) => (await membershipsOf(t, p.residentId)).filter((m) => m.status === 'active' || m.status === 'retained');

  it('the same form submitted twice at once makes one member', async () => {
    const p = newPerson('龙小川');
    const responses = await Promise.all([addMember(danghu, deskEntryBody(p, ids.jiada)), addMember(danghu, deskEntryBody(p, ids.jiada))]);
    expect(responses.map((r) => r.statusCode).sort(), responses.map((r) => r.body).join('\n')).toEqual([201, 409]);
    expectError(responses.find((r) => r.statusCode === 409)!, 409, 'CONFLICT');
    const open = await openMemberships(p);
    expect(open.map((m) => m.id)).toEqual([responses.find((r) => r.statusCode === 201)!.json().id]);
    expect(await membershipsOf(t, p.residentId)).toHaveLength(1);
    expect((await personRow(t, p.residentId)).openMembershipId).toBe(open[0].id);
  });

  it('two counties entering the same person at once: one membership', async () => {
    const nanhu = await createSecondCounty(t, admin, ids.jiaxing);
    for (const name of ['龙小山', '龙小峰']) {
      const p = newPerson(name);
      const responses = await Promise.all([
        addMember(danghu, deskEntryBody(p, ids.jiada)),
        addMember(nanhu.staff, deskEntryBody(p, nanhu.unionId, { employerName: '嘉兴南湖科创电子有限公司' })),
      ]);
      expect(responses.map((r) => r.statusCode).sort(), responses.map((r) => r.body).join('\n')).toEqual([201, 409]);
      expectError(responses.find((r) => r.statusCode === 409)!, 409, 'CONFLICT');
      const open = await openMemberships(p);
      expect(open).toHaveLength(1);
      expect(await membershipsOf(t, p.residentId)).toHaveLength(1);
      expect(await personRow(t, p.residentId)).toMatchObject({ openMembershipId: open[0].id, openMembershipTenantId: open[0].tenantId });
    }
  });
});
