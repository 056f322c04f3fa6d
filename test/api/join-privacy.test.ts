import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/load.js';
import { PRIVACY_NOTICE_VERSION } from '../../src/server/modules/members/privacy-notice.js';
import { RETENTION } from '../../src/server/modules/members/retention.js';
import { ADMIN, createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { applicationByCode, applyToJoin, deskEntryBody, expectError, joinBody, joinMember, membershipRow, membershipsOf, newPerson, type Person, rowCounts, submitApplication, transferRow } from '../support/members.js';
import { rosterCsv, uploadRoster } from '../support/roster.js';

/**
 * The one-click join page's personal-information notice (PIPL arts. 17, 28–30):
 * served with the union, naming it and the unions above it; the separate
 * consent for the resident ID; the version agreed to is recorded with the
 * application, and a stale one is refused. The member's record shows which
 * version was agreed to, when and how (online, on paper at the desk), also
 * after a transfer; a roster import records none.
 */

let t: TestApp;
let ids: Record<string, number>;

const unionPage = async (orgId: number) => {
  const response = await t.app.inject({ method: 'GET', url: `/api/public/unions/${orgId}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    consentVersion: string;
    privacyNotice: { version: string; title: string; sections: { heading: string; paragraphs: string[] }[]; consentLabel: string; sensitiveConsentLabel: string };
  };
};

beforeAll(async () => {
  t = await createTestApp({ today: () => '2026-11-24' });
  ids = await loadDemo(t.database.db, t.services);
});
afterAll(() => t.close());

describe('the notice', () => {
  it('names the handler, what is collected and why, the ID as sensitive, who sees it, how long, the rights and the way in person', async () => {
    const { consentVersion, privacyNotice: notice } = await unionPage(ids.jiada);
    expect(consentVersion).toBe(PRIVACY_NOTICE_VERSION);
    expect(notice.version).toBe(PRIVACY_NOTICE_VERSION);
    expect(notice.title).toBe('入会个人信息处理规则');
    expect(notice.sections.map((s) => s.heading)).toEqual(['谁处理您的信息', '收集哪些信息', '用来做什么', '身份证号是敏感个人信息', '谁能看到', '保存多久', '您的权利', '不同意会怎样']);
    const text = (heading: string) => notice.sections.find((s) => s.heading === heading)!.paragraphs.join('\n');

    // The handler by name, and the unions above it, nearest first.
    expect(text('谁处理您的信息')).toContain('「平湖嘉达光电科技有限公司工会」');
    expect(text('谁能看到')).toContain('当湖街道总工会、平湖市总工会、嘉兴市总工会、浙江省总工会');
    for (const item of ['姓名', '身份证号', '手机号', '就业形态', '外卖配送员', '工作单位或所在平台']) expect(text('收集哪些信息')).toContain(item);
    for (const purpose of ['会员身份核验', '会籍管理', '接转', '维护您的权益']) expect(text('用来做什么')).toContain(purpose);
    for (const measure of ['单独同意', '必要性', '加密', '33************123X', '审计日志']) expect(text('身份证号是敏感个人信息')).toContain(measure);
    expect(text('保存多久')).toContain(`保存 ${RETENTION.endedMembershipYears} 年`);
    for (const right of ['查阅、复制', '更正、补充', '删除', '撤回同意', '解释']) expect(text('您的权利')).toContain(right);
    expect(text('不同意会怎样')).toContain('当面办理入会');
    expect(notice.sensitiveConsentLabel).toContain('单独同意「平湖嘉达光电科技有限公司工会」');
    expect(notice.sensitiveConsentLabel).toContain('身份证号');
  });

  it('gives the union’s phone and address as the way to reach it, once the union has them', async () => {
    expect((await unionPage(ids.meiyi)).privacyNotice.sections[0].paragraphs[0]).toContain('请到本工会当面提出');
    const admin = await t.login(ADMIN.username, ADMIN.password);
    const org = (await admin.get(`/api/orgs/${ids.meiyi}`)).json() as { version: number };
    const patched = await admin.patch(`/api/orgs/${ids.meiyi}`, { version: org.version, phone: '0573-85123456', address: '平湖市当湖街道新华北路 1 号' });
    expect(patched.statusCode, patched.body).toBe(200);
    const notice = (await unionPage(ids.meiyi)).privacyNotice;
    expect(notice.sections[0].paragraphs[0]).toContain('电话 0573-85123456，地址 平湖市当湖街道新华北路 1 号');
    expect(notice.sections.find((s) => s.heading === '您的权利')!.paragraphs.join('')).toContain('电话 0573-85123456');
  });
});

describe('consent on the application', () => {
  it('records the version agreed to and when', async () => {
    const before = Date.now();
    const { tenantId, trackingCode } = await submitApplication(t, newPerson('葛晓雯'), ids.jiada);
    const stored = await applicationByCode(t, tenantId, trackingCode);
    expect(stored.consentVersion).toBe(PRIVACY_NOTICE_VERSION);
    expect(stored.consentAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('without the separate consent for the ID number: refused on that field, nothing written', async () => {
    const before = await rowCounts(t);
    const error = expectError(await applyToJoin(t, joinBody(newPerson('葛晓云'), ids.jiada, { sensitiveConsent: false })), 400, 'VALIDATION');
    expect(error.fields).toEqual([{ field: 'sensitiveConsent', reason: expect.stringContaining('当面办理') }]);
    const { sensitiveConsent: _omit, ...without } = joinBody(newPerson('葛晓霞'), ids.jiada);
    expect(expectError(await applyToJoin(t, without), 400, 'VALIDATION').fields?.map((f) => f.field)).toEqual(['sensitiveConsent']);
    expect(await rowCounts(t)).toEqual(before);
  });

  it('against a notice version the page no longer shows: 409, read it again; nothing written', async () => {
    const before = await rowCounts(t);
    const error = expectError(await applyToJoin(t, joinBody(newPerson('葛晓岚'), ids.jiada, { consentVersion: '2026-11' })), 409, 'CONFLICT');
    expect(error.message).toContain('个人信息处理规则已更新');
    expect(error.fields).toEqual([{ field: 'consentVersion', reason: 'NOTICE_CHANGED' }]);
    const { consentVersion: _omit, ...without } = joinBody(newPerson('葛晓峰'), ids.jiada);
    expectError(await applyToJoin(t, without), 400, 'VALIDATION');
    expect(await rowCounts(t)).toEqual(before);
  });
});


describe('the consent shown with the member (GET /api/members/:id)', () => {
  let danghu: TestClient;
  let zhongdai: TestClient;

  beforeAll(async () => {
    [danghu, zhongdai] = await Promise.all(['danghu_staff', 'zhongdai_staff'].map((u) => t.login(u, DEMO_PASSWORD)));
  });

  const consentOf = async (client: TestClient, membershipId: number) => {
    const response = await client.get(`/api/members/${membershipId}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().consent;
  };

  /** Move a membership from 嘉达 (当湖) to 恒力 (钟埭); returns the new membership's id. */
  async function transferToHengli(membershipId: number) {
    const requested = await danghu.post('/api/transfers', { membershipId, toOrgId: ids.hengli });
    expect(requested.statusCode, requested.body).toBe(201);
    const { id } = requested.json() as { id: number };
    expect((await danghu.post(`/api/transfers/${id}/actions`, { action: 'confirm' })).statusCode).toBe(204);
    expect((await zhongdai.post(`/api/transfers/${id}/actions`, { action: 'accept' })).statusCode).toBe(204);
    return (await transferRow(t, id)).newMembershipId!;
  }

  async function imported(people: Person[]) {
    const uploaded = await uploadRoster(danghu, ids.jiada, '嘉达花名册.csv', rosterCsv(people));
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const committed = await danghu.post(`/api/member-imports/${uploaded.json().id}/commit`);
    expect(committed.statusCode, committed.body).toBe(200);
    return Promise.all(people.map(async (p) => (await membershipsOf(t, p.residentId))[0].id));
  }

  it('an online application: the version ticked on the join page, when it was submitted', async () => {
    const { membershipId, tenantId, trackingCode } = await joinMember(t, danghu, newPerson('葛文娟'), ids.jiada);
    const application = await applicationByCode(t, tenantId, trackingCode);
    expect(await consentOf(danghu, membershipId)).toEqual({
      via: 'online',
      viaLabel: '线上申请',
      version: PRIVACY_NOTICE_VERSION,
      at: application.consentAt.toISOString(),
      viaTransfer: false,
    });
  });

  it('a staff entry at the desk: the version signed on the paper form, when staff confirmed it', async () => {
    const p = newPerson('葛文秀');
    const response = await danghu.post('/api/members', deskEntryBody(p, ids.jiada));
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json() as { id: number };
    expect(await consentOf(danghu, id)).toEqual({ via: 'staff', viaLabel: '窗口登记', version: PRIVACY_NOTICE_VERSION, at: (await membershipRow(t, id)).consentAt!.toISOString(), viaTransfer: false });
  });

  it('a roster import: none recorded, saying so', async () => {
    const [id] = await imported([newPerson('葛文静')]);
    expect(await consentOf(danghu, id)).toEqual({ via: 'import', viaLabel: '花名册导入', version: null, at: null, viaTransfer: false });
  });

  it('after a transfer: the consent given where the membership began', async () => {
    const online = await joinMember(t, danghu, newPerson('葛文华'), ids.jiada);
    const application = await applicationByCode(t, online.tenantId, online.trackingCode);
    const moved = await transferToHengli(online.membershipId);
    expect(await consentOf(zhongdai, moved)).toEqual({ via: 'online', viaLabel: '线上申请', version: PRIVACY_NOTICE_VERSION, at: application.consentAt.toISOString(), viaTransfer: true });

    const [fromImport] = await imported([newPerson('葛文英')]);
    expect(await consentOf(zhongdai, await transferToHengli(fromImport))).toEqual({ via: 'import', viaLabel: '花名册导入', version: null, at: null, viaTransfer: true });
  });
});
