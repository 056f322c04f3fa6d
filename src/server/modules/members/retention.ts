/**
 * How long the members module keeps personal data — the one place that says
 * it (PIPL art. 19: no longer than the purpose needs). The join page's notice
 * (privacy-notice.ts), the retention job below and docs/operations.md read or
 * repeat these numbers.
 */
import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import type { Job, JobContext } from '../../platform/jobs.js';
import { resetInterruptedCommit } from './import/commit-lock.js';
import { type ImportState, lineRowId, memberImports } from './import/schema.js';
import { beijingDate } from '../../platform/beijing-time.js';

export const RETENTION = {
  /**
   * Staged roster lines (name, encrypted ID, phone, employer… of every line)
   * of a committed or failed import, in days after it was committed or failed.
   * Long enough to download the per-line report and follow up the rejected
   * and transfer-needed lines; the import's counts stay for good.
   */
  importLinesDays: 30,
  /** A preview never committed is discarded this many days after its upload (its lines deleted, the import marked failed). */
  uncommittedPreviewDays: 7,
  /**
   * After a membership ends (退会、视为自动退会、开除) or an application is not
   * approved or withdrawn: years its personal data is kept before it is
   * deleted or anonymised — the general three-year limitation period for
   * claims (民法典 第一百八十八条) within which the union may have to show
   * the record. Not purged automatically yet: see docs/operations.md.
   */
  endedMembershipYears: 3,
} as const;

const DAY_MS = 86_400_000;
const plusDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY_MS);

const PREVIEW_STATES: ImportState[] = ['uploaded', 'ready'];

/** The message a discarded preview keeps as its error. */
export const DISCARDED_PREVIEW = `预览上传后 ${RETENTION.uncommittedPreviewDays} 天内未确认导入，已作废，逐行明细已删除；如需导入请重新上传花名册`;

type ImportRow = typeof memberImports.$inferSelect;

/** Until when an import's staged lines are kept (null once purged), and when they were purged: for the import's summary. */
export function lineRetention(row: Pick<ImportRow, 'state' | 'createdAt' | 'updatedAt' | 'committedAt' | 'linesPurgedAt'>) {
  let keptUntil: Date | null;
  if (row.linesPurgedAt) keptUntil = null;
  else if (row.state === 'committed') keptUntil = plusDays(row.committedAt ?? row.updatedAt, RETENTION.importLinesDays);
  else if (row.state === 'failed') keptUntil = plusDays(row.updatedAt, RETENTION.importLinesDays);
  else keptUntil = plusDays(row.createdAt, RETENTION.uncommittedPreviewDays);
  return { linesKeptUntil: keptUntil, linesPurgedAt: row.linesPurgedAt };
}

/** 410 for the per-line preview or report of an import whose lines the retention job deleted. */
export function linesGone(row: Pick<ImportRow, 'fileName' | 'state' | 'linesPurgedAt'>) {
  const when = row.linesPurgedAt ? `，已于 ${beijingDate(row.linesPurgedAt)} 删除` : '';
  const message =
    row.state === 'committed'
      ? `「${row.fileName}」的逐行导入结果已超过保存期限（导入后 ${RETENTION.importLinesDays} 天）${when}；导入汇总仍保留在导入记录中，导入的会员可在会员名单中查看`
      : `「${row.fileName}」的逐行明细已超过保存期限${when}；如需导入请重新上传花名册`;
  return new AppError('GONE', message, 'The per-line results of this import have expired and were deleted; the summary is kept');
}

/** Who the retention job's audit rows name. */
const RETENTION_ACTOR: Actor = { userId: null, username: 'system', displayName: '系统（保存期限）', grants: [], homeOrgId: null };

export interface PurgeResult {
  /** Commits cut off by a stopped process, put back to previews (`ready`) before the rules below. */
  settled: number;
  /** Previews discarded (never committed). */
  discarded: number;
  /** Committed or failed imports whose lines were deleted. */
  expired: number;
  /** Staged lines deleted. */
  lines: number;
}

/**
 * Delete the staged lines that are past their retention as of `now`: of
 * previews never committed (the import becomes failed, saying why), and of
 * committed or failed imports. The import rows stay, marked `lines_purged_at`;
 * each purge is one audit row in the import's union. At most `limit` imports
 * per call; the next round takes the rest.
 */
export async function purgeImportLines(db: Db, now: Date, limit = 50): Promise<PurgeResult> {
  const previewCutoff = plusDays(now, -RETENTION.uncommittedPreviewDays);
  const linesCutoff = plusDays(now, -RETENTION.importLinesDays);
  const result: PurgeResult = { settled: 0, discarded: 0, expired: 0, lines: 0 };

  // A commit cut off by a stopped process leaves its import `committing` until someone opens it. Those old
  // enough for a preview's rule are settled first (unless a live commit holds the lock), so the rule takes them.
  const stuck = await db
    .select({ tenantId: memberImports.tenantId, id: memberImports.id })
    .from(memberImports)
    .where(and(eq(memberImports.state, 'committing'), isNull(memberImports.linesPurgedAt), lt(memberImports.createdAt, previewCutoff)))
    .orderBy(asc(memberImports.createdAt))
    .limit(limit);
  for (const imp of stuck) if (await resetInterruptedCommit(db, imp)) result.settled++;

  const due = await db
    .select()
    .from(memberImports)
    .where(
      and(
        isNull(memberImports.linesPurgedAt),
        or(
          and(inArray(memberImports.state, PREVIEW_STATES), lt(memberImports.createdAt, previewCutoff)),
          and(eq(memberImports.state, 'committed'), lt(memberImports.committedAt, linesCutoff)),
          and(eq(memberImports.state, 'failed'), lt(memberImports.updatedAt, linesCutoff)),
        ),
      ),
    )
    .orderBy(asc(memberImports.createdAt))
    .limit(limit);

  for (const imp of due) {
    const discard = PREVIEW_STATES.includes(imp.state);
    // Conditional on the state read: a commit that claimed the preview meanwhile wins, and this one is skipped.
    const marked = await db
      .update(memberImports)
      .set(discard ? { state: 'failed', error: DISCARDED_PREVIEW, linesPurgedAt: now, updatedAt: now } : { linesPurgedAt: now })
      .where(and(eq(memberImports.tenantId, imp.tenantId), eq(memberImports.id, imp.id), eq(memberImports.state, imp.state), isNull(memberImports.linesPurgedAt)))
      .returning({ id: memberImports.id });
    if (marked.length === 0) continue;
    // The lines are a range of the (tenant_id, id) key: id = import × 2^24 + line.
    const [{ n }] = await queryRows<{ n: number }>(
      db,
      sql`with gone as (delete from member_import_rows where tenant_id = ${imp.tenantId} and id >= ${lineRowId(imp.id, 0)} and id < ${lineRowId(imp.id + 1, 0)} returning 1)
          select count(*)::int as n from gone`,
    );
    const lines = Number(n);
    result.lines += lines;
    if (discard) result.discarded++;
    else result.expired++;
    await recordAudit(db, RETENTION_ACTOR, {
      action: discard ? 'member_import.discard' : 'member_import.purge_lines',
      entityType: 'member_import',
      entityId: imp.id,
      tenantId: imp.tenantId,
      orgPath: imp.orgPath,
      summary: discard
        ? `花名册「${imp.fileName}」的预览上传后 ${RETENTION.uncommittedPreviewDays} 天内未确认导入，已作废并删除逐行明细 ${lines} 行`
        : `花名册「${imp.fileName}」的逐行明细已满保存期限（${RETENTION.importLinesDays} 天），删除 ${lines} 行；导入汇总保留`,
      after: { importId: imp.id, state: discard ? 'failed' : imp.state, linesDeleted: lines },
    });
  }
  return result;
}

/** The roster import's staging retention, hourly. */
export const importLinesRetentionJob: Job<PurgeResult> = {
  name: 'members.import-lines-retention',
  everyMs: 60 * 60_000,
  run: ({ db, now }: JobContext) => purgeImportLines(db, now),
};
