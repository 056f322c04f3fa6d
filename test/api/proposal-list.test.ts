import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { PROPOSAL_COUNT_WINDOW } from '../../src/server/modules/proposals/queries.js';
import type { TestApp, TestClient } from '../support/app.js';
import { pinghuDemo } from '../support/members.js';

/**
 * The proposals list at a county's scale (docs/scaling.md, "Proposals at 100,000"): the total is counted
 * up to a window and reported as capped beyond it; under the window, and for a filter, it is exact.
 */

let t: TestApp;
let pinghuStaff: TestClient;
let fan: TestClient;

beforeAll(async () => {
  const demo = await pinghuDemo(() => '2025-09-22');
  ({ t, pinghu: pinghuStaff } = demo);
  fan = await t.login('fan_haizhu', DEMO_PASSWORD);
  const created = await fan.post('/api/proposals', {
    title: '在大润发超市周边增设一个职工驿站',
    field: 'new_forms',
    reasons: '大润发超市周边外卖订单集中，骑手午间和雨天没有歇脚、喝水、给电动车充电的地方。',
    suggestions: '请市总工会协调超市和街道，在超市周边选址新建一个职工驿站。',
  });
  expect(created.statusCode).toBe(201);
  const { id } = created.json() as { id: number };
  // Years of submitted proposals like it, written at once (the service would take minutes); ten are about wages.
  await t.database.db.execute(sql`
    insert into proposals (tenant_id, serial_no, org_id, org_path, state, title, field, reasons, suggestions, submitter_user_id, submitter_name, search)
    select tenant_id, '2024-' || lpad(n::text, 4, '0'), org_id, org_path, 'submitted', title, case when n <= 10 then 'wages' else field end,
           reasons, suggestions, submitter_user_id, submitter_name, search
    from proposals, generate_series(1, ${PROPOSAL_COUNT_WINDOW + 5}) n where id = ${id}`);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('the count window', () => {
  it('counts up to the window and says more match', async () => {
    const page = (await pinghuStaff.get('/api/proposals')).json() as { items: unknown[]; total: number; totalCapped: boolean };
    expect(page).toMatchObject({ total: PROPOSAL_COUNT_WINDOW, totalCapped: true });
    expect(page.items).toHaveLength(20);
  });

  it('is exact under the window', async () => {
    expect((await pinghuStaff.get('/api/proposals?field=wages')).json()).toMatchObject({ total: 10, totalCapped: false });
    // The draft is 范海珠's alone: the county's staff do not count it.
    expect((await pinghuStaff.get('/api/proposals?state=draft')).json()).toMatchObject({ total: 0, totalCapped: false });
    expect((await fan.get('/api/proposals?view=mine&state=draft')).json()).toMatchObject({ total: 1, totalCapped: false });
  });
});
