import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadDemo } from '../../src/server/demo/load.js';
import { lockCommit } from '../../src/server/modules/members/import/commit-lock.js';
import { lineRowId, memberImportRows, memberImports } from '../../src/server/modules/members/import/schema.js';
import { DISCARDED_PREVIEW, importLinesRetentionJob, purgeImportLines, RETENTION } from '../../src/server/modules/members/retention.js';
import { memberships } from '../../src/server/modules/members/schema.js';
import { auditLog } from '../../src/server/platform/audit/schema.js';
import { runJob } from '../../src/server/platform/jobs.js';
import { createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { expectCountsKept, expectError, newPerson } from '../support/members.js';
import { rosterCsv, uploadRoster } from '../support/roster.js';

/**
 * Retention of the roster import's staged lines (members/retention.ts): lines
 * of committed or failed imports go after RETENTION.importLinesDays, previews
 * never committed are discarded after RETENTION.uncommittedPreviewDays; the
 * import rows stay with their counts, the per-line preview and report answer
 * 410, fresh imports are untouched, every purge is audited. An import left
 * `committing` by a stopped process is settled back to a preview by the job
 * itself (nobody needs to open it), unless a live commit holds its lock.
 */

const DAY = 86_400_000;
let t: TestApp;
let ids: Record<string, number>;
let danghu: TestClient;

interface Summary {
  id: number;
  tenantId: number;
  state: string;
  error: string | null;
  counts: { total: number; new: number };
  committedAt: string | null;
  linesKeptUntil: string | null;
  linesPurgedAt: string | null;
}

async function upload(names: string[]) {
  const response = await uploadRoster(danghu, ids.jiada, '保存期限测试.csv', rosterCsv(names.map((name) => newPerson(name))));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Summary;
}
async function commit(id: number) {
  const response = await danghu.post(`/api/member-imports/${id}/commit`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Summary;
}
async function summary(id: number) {
  const response = await danghu.get(`/api/member-imports/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Summary;
}
async function linesOf(imp: { tenantId: number; id: number }) {
  const [{ n }] = await t.database.db
    .select({ n: count() })
    .from(memberImportRows)
    .where(and(eq(memberImportRows.tenantId, imp.tenantId), gte(memberImportRows.id, lineRowId(imp.id, 0)), lt(memberImportRows.id, lineRowId(imp.id + 1, 0))));
  return n;
}
/** The import's state as stored (opening it through the API would settle a cut-off commit). */
async function storedState(id: number) {
  const [row] = await t.database.db.select({ state: memberImports.state, error: memberImports.error }).from(memberImports).where(eq(memberImports.id, id));
  return row;
}
/** As a commit cut off by a stopped process leaves an import: claimed (committing), its transaction rolled back. */
async function cutOffCommit(id: number) {
  await t.database.db.update(memberImports).set({ state: 'committing' }).where(eq(memberImports.id, id));
}
/** Move an import's clock back by `days` (its upload, last change and commit), as if it had happened then. */
async function age(id: number, days: number) {
  const back = sql`interval '1 day' * ${days}`;
  await t.database.db.execute(
    sql`update member_imports set created_at = created_at - ${back}, updated_at = updated_at - ${back}, committed_at = committed_at - ${back} where id = ${id}`,
  );
}

beforeAll(async () => {
  t = await createTestApp({ today: () => '2026-11-24' });
  ids = await loadDemo(t.database.db, t.services);
  danghu = await t.login('danghu_staff', DEMO_PASSWORD);
});
afterAll(() => t.close());
afterEach(() => expectCountsKept(t));

describe('the retention job', () => {
  let old: Summary;
  let fresh: Summary;
  let stalePreview: Summary;
  let freshPreview: Summary;
  let oldFailed: Summary;

  beforeAll(async () => {
    old = await commit((await upload(['严家豪', '严家俊', '严家伟'])).id);
    fresh = await commit((await upload(['严立新', '严立国'])).id);
    stalePreview = await upload(['严晓明', '严晓亮']);
    freshPreview = await upload(['严晓春']);
    oldFailed = await upload(['严晓秋']);
    // A failure keeps its lines only when it happens mid-way; the job deletes whatever is left.
    await t.database.db.update(memberImports).set({ state: 'failed', error: '读取中断（测试）' }).where(eq(memberImports.id, oldFailed.id));
    await age(old.id, RETENTION.importLinesDays + 1);
    await age(stalePreview.id, RETENTION.uncommittedPreviewDays + 1);
    await age(oldFailed.id, RETENTION.importLinesDays + 1);
    for (const imp of [old, fresh, stalePreview, freshPreview, oldFailed]) expect(await linesOf(imp)).toBeGreaterThan(0);
  });

  it('tells in the summary until when the lines are kept', async () => {
    const committed = await summary(fresh.id);
    expect(committed.linesPurgedAt).toBeNull();
    expect(Date.parse(committed.linesKeptUntil!) - Date.parse(committed.committedAt!)).toBe(RETENTION.importLinesDays * DAY);
    const preview = await summary(freshPreview.id);
    expect(Date.parse(preview.linesKeptUntil!)).toBeGreaterThan(Date.now() + (RETENTION.uncommittedPreviewDays - 1) * DAY);
  });

  it('deletes what is due, keeps the import rows, and audits each purge', async () => {
    const membersBefore = await t.database.db.select({ n: count() }).from(memberships);
    const now = new Date();
    const outcome = await runJob(t.database.db, importLinesRetentionJob, now);
    expect(outcome).toEqual({ ran: true, result: { settled: 0, discarded: 1, expired: 2, lines: 3 + 2 + 1 } });

    for (const imp of [old, stalePreview, oldFailed]) expect(await linesOf(imp)).toBe(0);
    // The history stays: the committed import with its counts, the discarded preview as failed, saying why.
    const purged = await summary(old.id);
    expect(purged).toMatchObject({ state: 'committed', counts: old.counts, linesKeptUntil: null });
    expect(Date.parse(purged.linesPurgedAt!)).toBe(now.getTime());
    expect(await summary(stalePreview.id)).toMatchObject({ state: 'failed', error: DISCARDED_PREVIEW, counts: stalePreview.counts });
    expect(await summary(oldFailed.id)).toMatchObject({ state: 'failed', error: '读取中断（测试）' });
    // The members it imported are members as before.
    expect((await t.database.db.select({ n: count() }).from(memberships))[0].n).toBe(membersBefore[0].n);

    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entityType, 'member_import'));
    const purges = audit.filter((a) => a.action === 'member_import.purge_lines' || a.action === 'member_import.discard');
    expect(purges.map((a) => [a.action, Number(a.entityId)]).sort()).toEqual(
      [
        ['member_import.discard', stalePreview.id],
        ['member_import.purge_lines', old.id],
        ['member_import.purge_lines', oldFailed.id],
      ].sort(),
    );
    expect(purges.find((a) => Number(a.entityId) === old.id)).toMatchObject({ actorName: '系统（保存期限）', tenantId: old.tenantId });
    expect(purges.find((a) => Number(a.entityId) === old.id)!.summary).toContain('删除 3 行');
  });

  it('leaves fresh imports and previews alone', async () => {
    expect(await linesOf(fresh)).toBe(2);
    expect(await linesOf(freshPreview)).toBe(1);
    expect(await summary(fresh.id)).toMatchObject({ state: 'committed', linesPurgedAt: null });
    const report = await danghu.get(`/api/member-imports/${fresh.id}/report.xlsx`);
    expect(report.statusCode).toBe(200);
    expect((await danghu.get(`/api/member-imports/${fresh.id}/rows`)).json().items).toHaveLength(2);
    // The fresh preview can still be committed.
    expect(await commit(freshPreview.id)).toMatchObject({ state: 'committed' });
  });

  it('the expired report and lines answer 410 in Chinese; the discarded preview cannot be committed', async () => {
    const report = expectError(await danghu.get(`/api/member-imports/${old.id}/report.xlsx`), 410, 'GONE');
    expect(report.message).toContain(`已超过保存期限（导入后 ${RETENTION.importLinesDays} 天）`);
    expect(report.message).toContain('导入汇总仍保留');
    expectError(await danghu.get(`/api/member-imports/${old.id}/rows`), 410, 'GONE');
    expect(expectError(await danghu.get(`/api/member-imports/${stalePreview.id}/report.xlsx`), 410, 'GONE').message).toContain('请重新上传');
    expect(expectError(await danghu.post(`/api/member-imports/${stalePreview.id}/commit`), 409, 'CONFLICT').message).toContain('已失败');
    // Out of scope stays 404, expired or not.
    const zhongdai = await t.login('zhongdai_staff', DEMO_PASSWORD);
    expectError(await zhongdai.get(`/api/member-imports/${old.id}/report.xlsx`), 404, 'NOT_FOUND');
  });

  it('a second round finds nothing more; the next month takes the rest', async () => {
    expect(await purgeImportLines(t.database.db, new Date())).toEqual({ settled: 0, discarded: 0, expired: 0, lines: 0 });
    const later = new Date(Date.now() + (RETENTION.importLinesDays + 1) * DAY);
    expect(await purgeImportLines(t.database.db, later)).toEqual({ settled: 0, discarded: 0, expired: 2, lines: 3 });
    expect(await linesOf(fresh)).toBe(0);
  });
});

describe('imports a stopped process left committing', () => {
  it('are settled back to previews by the job, then discarded by the preview rule; a recent one is left to wait', async () => {
    const stuckOld = await upload(['甘文斌', '甘文杰']);
    const stuckRecent = await upload(['甘文涛']);
    for (const imp of [stuckOld, stuckRecent]) await cutOffCommit(imp.id);
    await age(stuckOld.id, RETENTION.uncommittedPreviewDays + 1);

    const now = new Date();
    expect(await runJob(t.database.db, importLinesRetentionJob, now)).toEqual({ ran: true, result: { settled: 1, discarded: 1, expired: 0, lines: 2 } });
    expect(await linesOf(stuckOld)).toBe(0);
    expect(await storedState(stuckOld.id)).toEqual({ state: 'failed', error: DISCARDED_PREVIEW });
    const discarded = await summary(stuckOld.id);
    expect(discarded).toMatchObject({ state: 'failed', counts: stuckOld.counts, linesKeptUntil: null });
    expect(Date.parse(discarded.linesPurgedAt!)).toBe(now.getTime());
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'member_import.discard'), eq(auditLog.entityId, String(stuckOld.id))));
    expect(audit).toMatchObject({ actorName: '系统（保存期限）', tenantId: stuckOld.tenantId });
    expect(audit.summary).toContain('删除逐行明细 2 行');
    expect(expectError(await danghu.post(`/api/member-imports/${stuckOld.id}/commit`), 409, 'CONFLICT').message).toContain('已失败');

    // Not yet due: left as it was (its lines too); opening it settles it as before, and it can be committed.
    expect(await storedState(stuckRecent.id)).toMatchObject({ state: 'committing' });
    expect(await linesOf(stuckRecent)).toBe(1);
    expect(await summary(stuckRecent.id)).toMatchObject({ state: 'ready' });
    expect(await commit(stuckRecent.id)).toMatchObject({ state: 'committed', counts: { new: 1 } });
  });

  it.skipIf(process.env.LIANXIN_TEST_DB !== 'postgres')('leaves one whose commit is still running (its lock held on another connection) to that commit (PostgreSQL)', async () => {
    const live = await upload(['甘文海']);
    await cutOffCommit(live.id);
    await age(live.id, RETENTION.uncommittedPreviewDays + 1);
    await t.database.db.transaction(async (tx) => {
      await lockCommit(tx, live.id);
      // The pool hands the job another connection: there the lock is taken.
      expect(await runJob(t.database.db, importLinesRetentionJob)).toEqual({ ran: true, result: { settled: 0, discarded: 0, expired: 0, lines: 0 } });
    });
    expect(await storedState(live.id)).toMatchObject({ state: 'committing' });
    expect(await linesOf(live)).toBe(1);
    // Once no commit holds it, the next round takes it.
    expect(await runJob(t.database.db, importLinesRetentionJob)).toEqual({ ran: true, result: { settled: 1, discarded: 1, expired: 0, lines: 1 } });
    expect(await linesOf(live)).toBe(0);
  });
});
