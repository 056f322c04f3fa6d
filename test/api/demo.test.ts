import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORKPLACES, loadDemoActivity } from '../../src/server/demo/activity.js';
import { loadDemoAttachments } from '../../src/server/demo/attachments.js';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/load.js';
import { loadDemoProposals } from '../../src/server/demo/proposals.js';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';

/**
 * `npm run demo` is the product's shop window: every page a demo account
 * opens shows what a county office would have. Loaded through the services,
 * so what the pages read is what the product wrote.
 */

const TODAY = '2026-12-06';
let t: TestApp;
let orgIds: Record<string, number>;
const as: Record<string, TestClient> = {};
const expectedMembers = Object.values(DEMO_WORKPLACES).reduce((sum, w) => sum + w.members, 0);

beforeAll(async () => {
  t = await createTestApp({ today: () => TODAY });
  orgIds = await loadDemo(t.database.db, t.services);
  await loadDemoActivity(t.services, orgIds, { today: TODAY });
  await loadDemoProposals(t.database.db, t.services, orgIds);
  await loadDemoAttachments(t.database.db, t.services, orgIds);
  for (const username of ['pinghu_staff', 'danghu_staff', 'zhongdai_staff', 'pinghu_leader', 'pinghu_supervisor', 'pinghu_admin', 'fan_haizhu', 'rsj_handler', 'chen_jie']) {
    as[username] = await t.login(username, DEMO_PASSWORD);
  }
}, 300_000);
afterAll(() => t?.close());

const json = async (client: TestClient, url: string) => {
  const response = await client.get(url);
  expect(response.statusCode, `${url}: ${response.body}`).toBe(200);
  return response.json();
};

describe('the demo county', () => {
  it('holds members in every union, 陈杰 among the riders', async () => {
    const all = await json(as.pinghu_staff, '/api/members?pageSize=100');
    // Every member added is on the county's roll (one transferred out and back in counts once per membership).
    expect(all.total).toBeGreaterThanOrEqual(expectedMembers);
    const riders = await json(as.danghu_staff, '/api/members?q=陈杰');
    expect(riders.items.map((m: { name: string; orgName: string; employmentFormLabel: string }) => [m.name, m.orgName, m.employmentFormLabel])).toContainEqual([
      '陈杰',
      '平湖市外卖配送当湖站点工会',
      '外卖配送员',
    ]);
    const statuses = new Set((await json(as.pinghu_staff, '/api/members?pageSize=100&status=retained')).items.map((m: { statusLabel: string }) => m.statusLabel));
    expect([...statuses]).toEqual(['保留会籍']);
  });

  it('has applications waiting at the rider station, one approved and one refused', async () => {
    // Three riders and a factory worker under 当湖; a courier under the county's new-forms union.
    expect((await json(as.danghu_staff, '/api/join-applications?state=pending')).total).toBe(4);
    expect((await json(as.pinghu_staff, '/api/join-applications?state=pending')).total).toBe(5);
    expect((await json(as.danghu_staff, '/api/join-applications?state=approved')).total).toBe(1);
    expect((await json(as.danghu_staff, '/api/join-applications?state=rejected')).total).toBe(1);
  });

  it('has transfers at each step, seen by the unions on both sides', async () => {
    const states = (await json(as.pinghu_staff, '/api/transfers')).items.map((x: { state: string }) => x.state).sort();
    expect(states).toEqual(['completed', 'requested', 'source_confirmed']);
    // 钟埭 sees the transfers leaving its unions; 当湖 the ones arriving.
    expect((await json(as.zhongdai_staff, '/api/transfers?direction=out')).total).toBe(2);
    expect((await json(as.danghu_staff, '/api/transfers?direction=in')).total).toBe(2);
  });

  it("gives the county's reports figures: targets, this year's new members, two bulletins", async () => {
    const org = orgIds.pinghu;
    const targets = await json(as.pinghu_leader, `/api/member-reports/targets?orgId=${org}&year=2026`);
    expect(targets.items.length).toBeGreaterThan(5);
    expect(targets.items.every((i: { target: unknown }) => i.target !== null)).toBe(true);
    const weekly = await json(as.pinghu_leader, `/api/member-reports/weekly?orgId=${org}&date=${TODAY}`);
    expect(weekly.total.ytd.newMembers).toBeGreaterThan(20);
    const bulletins = await json(as.pinghu_supervisor, `/api/member-reports/bulletins?orgId=${org}`);
    expect(bulletins.items.map((b: { periodEnd: string }) => b.periodEnd).sort()).toEqual(['2026-11-15', '2026-11-30']);
    const composition = await json(as.pinghu_leader, `/api/member-reports/composition?orgId=${org}`);
    expect(composition.byForm.filter((f: { n: number }) => f.n > 0).length).toBeGreaterThanOrEqual(5);
  });

  it('leaves an audit trail the administrator can read', async () => {
    const audit = await json(as.pinghu_admin, '/api/audit?pageSize=10');
    expect(audit.total).toBeGreaterThan(100);
  });

  it('gives 云履职 work to the representative, the handler, the supervisor and the leader', async () => {
    const mine = await json(as.fan_haizhu, '/api/proposals?view=mine&pageSize=50');
    // Her eight submitted proposals and the draft she is still writing.
    expect(mine.total).toBe(9);
    const states = new Set(mine.items.map((p: { state: string }) => p.state));
    for (const state of ['draft', 'submitted', 'in_review', 'not_accepted', 'assigned', 'in_progress', 'answered', 'feedback', 'concluded']) expect(states).toContain(state);
    // 人社局's account acts for the county's handler units: what was assigned to them, nothing else.
    const handling = await json(as.rsj_handler, '/api/proposals?view=handling&pageSize=50');
    expect(handling.items.map((p: { state: string }) => p.state).sort()).toEqual(['answered', 'assigned', 'concluded', 'feedback', 'in_progress']);
    const answered = await json(as.pinghu_supervisor, '/api/proposals?state=answered');
    expect(answered.total).toBe(1);
    const station = (await json(as.pinghu_leader, `/api/proposals?q=${encodeURIComponent('大润发')}`)).items[0];
    const story = await json(as.pinghu_leader, `/api/proposals/${station.id}`);
    expect(story.state).toBe('concluded');
    expect(story.worker.name).toBe('陈杰');
    expect(story.ratings.map((r: { name: string }) => r.name).sort()).toEqual(['周晓梅', '范海珠', '陆建华', '陈杰'].sort());
    expect(story.progress.map((p: { percent: number }) => p.percent)).toEqual([40, 80]);
  });

  it('shows the station’s photo and answer letter to the representative, the rider and the handler', async () => {
    const station = (await json(as.fan_haizhu, `/api/proposals?q=${encodeURIComponent('大润发')}&view=mine`)).items[0];
    for (const username of ['fan_haizhu', 'chen_jie', 'rsj_handler', 'danghu_staff']) {
      const { items } = await json(as[username], `/api/proposals/${station.id}/attachments`);
      expect(items.map((a: { contentType: string; purposeLabel: string }) => [a.contentType, a.purposeLabel])).toEqual([
        ['image/png', '提案材料'],
        ['application/pdf', '答复材料'],
      ]);
    }
    const letter = await as.chen_jie.get(`/api/proposals/${station.id}/attachments/${(await json(as.chen_jie, `/api/proposals/${station.id}/attachments`)).items[1].id}`);
    expect(letter.statusCode).toBe(200);
    expect(letter.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // The draft she is writing has a photo she may still delete; the charging proposal a progress photo of the handler's.
    const draft = (await json(as.fan_haizhu, '/api/proposals?view=mine&state=draft')).items[0];
    expect((await json(as.fan_haizhu, `/api/proposals/${draft.id}/attachments`)).items.map((a: { canDelete: boolean }) => a.canDelete)).toEqual([true]);
    const charging = (await json(as.rsj_handler, `/api/proposals?view=handling&state=in_progress`)).items[0];
    expect((await json(as.rsj_handler, `/api/proposals/${charging.id}/attachments`)).items.map((a: { purposeLabel: string }) => a.purposeLabel)).toEqual(['办理进展材料']);
  });
});
