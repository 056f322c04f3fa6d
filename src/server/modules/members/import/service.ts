/**
 * Roster import (花名册导入): upload → preview → commit → report.
 *
 * Upload reads the file row by row (read-roster.ts), validates each line,
 * keeps the resident ID only as the persons table does (keyed hash, cipher,
 * masked) and writes the lines to `member_import_rows` in batches, updating
 * the import's progress as it goes. Classification is set-based SQL over the
 * staged lines: duplicates within the file, people already in this union,
 * people in another union (they must be transferred: never moved by an
 * import), former members whose line dates the joining before their last
 * membership ended (refused, as the desk refuses it), new members. Commit
 * turns the `new` lines into persons and memberships with INSERT … SELECT in
 * one transaction, after locking the persons and checking that none joined a
 * union, nor ended a membership after their line's joining date, since the
 * preview: all of the preview or nothing (DESIGN §6). The same rules as
 * memberships.ts openMembership hold: the person row points at the one open
 * membership, card numbers come from the membership id, 会龄 follows
 * member-since.ts (a former member who withdrew or was expelled starts anew),
 * each membership's timeline starts with a `create` entry, the person's
 * pending join applications close.
 */
import { open, rm, stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { and, asc, count, desc, eq, gt, gte, lt, type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { type Db, queryRows, unnestRows } from '../../../db/client.js';
import type { Actor } from '../../../platform/actor.js';
import { recordAudit } from '../../../platform/audit/audit.js';
import { beijingDateTime } from '../../../platform/beijing-time.js';
import { AppError, conflict, notFound, validationError } from '../../../platform/errors.js';
import type { PersonalDataCipher } from '../../../platform/personal-data.js';
import { canAt, requirePaths, tenantScope } from '../../../platform/scope.js';
import { searchVector } from '../../../platform/search-tokens.js';
import type { SettingService } from '../../../platform/settings/service.js';
import { startTsWorker } from '../../../platform/ts-worker.js';
import { pathCopies } from '../../../platform/org-tree/paths.js';
import type { OrgService } from '../../../platform/org-tree/service.js';
import { EMPLOYMENT_FORMS } from '../schema.js';
import { cardNoSearchTokensSql, cardNumberSql, divisionOfSql } from '../card-number.js';
import { memberSinceSql } from '../member-since.js';
import { JOINING_REFUSED } from '../person-fields.js';
import { lineRetention, linesGone } from '../retention.js';
import { cardNumberFormatSetting } from '../settings.js';
import type { WorkflowEngine } from '../../../platform/workflow/engine.js';
import type { MemberService } from '../service.js';
import { MEMBER_HOLDING_TYPES } from '../unions.js';
import { JOINED_ELSEWHERE } from '../workflow.js';
import { lockCommit, resetInterruptedCommit } from './commit-lock.js';
import { cleanText, detectFormat, HEADER_SEARCH_ROWS, openTableFile, type RawRow, TableFileError, type TableFormat } from '../../../platform/table-file.js';
import { FIELD_LABELS, findHeader, ROSTER_FILE, type RosterField, type RosterHeader } from './read-roster.js';
import { type StagedBatch, type StagedLine, stageBatches } from './stage-lines.js';
import type { StageWorkerData, StageWorkerMessage } from './stage-worker.js';
import { type ImportCounts, IMPORT_STATES, type ImportState, lineRowId, memberImportRows, memberImports, ROW_OUTCOMES, type RowOutcome } from './schema.js';

/** Upload limit (the multipart limit of the import's routes). */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** Files up to this size are read within the upload request; larger ones in the background while the page polls. */
export const SYNC_FILE_BYTES = 2 * 1024 * 1024;
/** A reading import whose progress has not moved for this long was cut off (the process stopped). */
const STALE_READING_MS = 3 * 60_000;
/** The search index's pending list may grow this large within a commit (gin_pending_list_limit's maximum is just under 2 GB). */
const SEARCH_PENDING_LIMIT = '1GB';
/** Lines named in a conflict message. */
const LINES_NAMED = 20;
/** What a stale preview's message says of a line whose person became a member meanwhile. */
const JOINED_SINCE_PREVIEW = '在预览之后已成为工会会员';
/**
 * The staging worker's heap, bounded: unbounded, V8 lets its garbage grow
 * before collecting (some 50 MiB more at the peak of a million-line import on
 * PGlite, whose process holds the database too). What the worker keeps is
 * small: its modules, a cache of names' tokens, a few batches; an Excel
 * file's shared-string table lives outside the heap (xlsx-reader's SharedStrings).
 */
const STAGE_WORKER_LIMITS = { maxOldGenerationSizeMb: 128 };

const OUTCOMES = Object.keys(ROW_OUTCOMES) as RowOutcome[];
const emptyCounts = (): ImportCounts => ({ total: 0, new: 0, transfer_needed: 0, already_member_here: 0, duplicate_in_file: 0, rejected: 0 });

/** The staged lines of an import, as a range of the (tenant_id, id) key (id = import × 2^24 + line). */
const linesOf = (imp: { tenantId: number; id: number }, alias = 'r') =>
  sql`${sql.raw(alias)}.tenant_id = ${imp.tenantId} and ${sql.raw(alias)}.id >= ${lineRowId(imp.id, 0)} and ${sql.raw(alias)}.id < ${lineRowId(imp.id + 1, 0)}`;
const linesWhere = (imp: { tenantId: number; id: number }) =>
  and(eq(memberImportRows.tenantId, imp.tenantId), gte(memberImportRows.id, lineRowId(imp.id, 0)), lt(memberImportRows.id, lineRowId(imp.id + 1, 0)))!;

/**
 * The end date of a person's latest membership (null if there is none, or it
 * is open): a line's 入会日期 may not lie before it, the rule of
 * memberships.ts openMembership, which reads the same row.
 */
const previousEndSql = (personHash: SQL) =>
  sql`(select previous.ended_on from memberships previous where previous.person_hash = ${personHash} order by previous.id desc limit 1)`;
/** The refusal of a line whose 入会日期 lies before `previousEnd`, in the desk's words. */
const reachesBackSql = (previousEnd: SQL) => sql`format(${JOINING_REFUSED.joinedBeforePreviousEnd}::text, to_char(${previousEnd}, 'YYYY-MM-DD'))`;

/** A moved subtree takes its imports along: their path copies are the scope filter (DESIGN §2). */
/** Keeps the copied union path of imports right when a subtree moves. */
export const memberImportsSubtreeMoved = pathCopies(memberImports.orgPath);

export interface ImportServiceDeps {
  db: Db;
  orgs: Pick<OrgService, 'byId' | 'tenantIdsWithin'>;
  members: Pick<MemberService, 'membershipWorkflow' | 'joinWorkflow'>;
  /** Memberships open, and applications close, through the engine, set-based. */
  workflow: Pick<WorkflowEngine, 'fireMany' | 'startedMany'>;
  /** 参数设置: the card-number format. */
  settings: Pick<SettingService, 'get'>;
  cipher: PersonalDataCipher;
  today: () => string;
  /** Largest file taken (default MAX_FILE_BYTES, the upload route's limit; the in-process bench lifts it). */
  maxFileBytes?: number;
  /** The key material of `cipher`, for the worker thread that validates big files. */
  secret: string;
  /** Files from this size on are validated in a worker thread (default SYNC_FILE_BYTES). */
  workerFromBytes?: number;
}

export interface UploadInput {
  orgId: number;
  fileName: string;
  /** The uploaded file on disk. */
  path: string;
  /** Remove `path` when done with it (the route's temporary file). */
  temporary?: boolean;
  /** Read the whole file before returning (else only up to the header, the rest in the background). */
  wait: boolean;
}

type ImportRow = typeof memberImports.$inferSelect;
type RosterSource = Awaited<ReturnType<typeof openTableFile>>;
/** A batch of staged lines, with how much of the file had been read when it was made (progress). */
type SourcedBatch = StagedBatch & { bytesRead: number };

export function createMemberImportService(deps: ImportServiceDeps) {
  const { db, cipher, today } = deps;
  /** Imports being read in the background by this process (awaited on shutdown). */
  const jobs = new Set<Promise<void>>();
  /** Ids of imports this process is reading now. */
  const running = new Set<number>();

  const fileError = (error: TableFileError) => new AppError('VALIDATION', error.message, error.messageEn, [{ field: 'file', reason: error.message }]);

  async function unionFor(actor: Actor, orgId: number) {
    requirePaths(actor, 'members.manage');
    const org = await deps.orgs.byId(orgId);
    if (!org || !canAt(actor, 'members.manage', org.path)) throw notFound('工会', 'union');
    if (!org.active) throw validationError([{ field: 'orgId', reason: '该工会已撤销，不能导入会员' }]);
    if (!MEMBER_HOLDING_TYPES.includes(org.type)) throw validationError([{ field: 'orgId', reason: '请选择基层工会、联合工会或平台工会（镇街和县级工会不直接管理会员）' }]);
    return org;
  }

  /** The actor's members.manage scope over imports (scope.ts tenantScope: the tenant, then the union's path). */
  const importScope = (actor: Actor, tx: Db = db) => tenantScope(actor, 'members.manage', memberImports, (path) => deps.orgs.tenantIdsWithin(path, tx));

  /** An import within the actor's members.manage scope, else 404; a reading or committing import cut off by a stopped process is settled first. */
  async function findImport(actor: Actor, id: number, tx: Db = db): Promise<ImportRow> {
    const [row] = await tx
      .select()
      .from(memberImports)
      .where(and(eq(memberImports.id, id), await importScope(actor, tx)));
    if (!row) throw notFound('导入记录', 'import');
    return settleStale(row);
  }

  async function settleStale(row: ImportRow): Promise<ImportRow> {
    if (row.state === 'uploaded' && !running.has(row.id) && Date.now() - row.updatedAt.getTime() > STALE_READING_MS) {
      await failImport(row, '读取中断（服务曾经重启），请重新上传花名册', true);
      return { ...row, state: 'failed', error: '读取中断（服务曾经重启），请重新上传花名册' };
    }
    if (row.state === 'committing') {
      // A committing import whose transaction holds no lock was cut off: its transaction rolled back.
      const reset = await resetInterruptedCommit(db, row);
      // Reset, or the commit ended between the read and the lock: either way read it again.
      return reset ? { ...row, state: 'ready' } : ((await reload(row)) ?? row);
    }
    return row;
  }

  async function failImport(row: Pick<ImportRow, 'tenantId' | 'id'>, message: string, keep: boolean) {
    await db.delete(memberImportRows).where(linesWhere(row));
    if (keep) {
      await db.update(memberImports).set({ state: 'failed', error: message, updatedAt: new Date() }).where(and(eq(memberImports.tenantId, row.tenantId), eq(memberImports.id, row.id)));
    } else {
      await db.delete(memberImports).where(and(eq(memberImports.tenantId, row.tenantId), eq(memberImports.id, row.id)));
    }
  }

  /** Work this process goes on with after answering: `drain` waits for it; its failure is the work's own to record. */
  function inBackground(job: Promise<unknown>) {
    const tracked: Promise<void> = job.then(
      () => void jobs.delete(tracked),
      () => void jobs.delete(tracked),
    );
    jobs.add(tracked);
  }

  /**
   * Merge the search index's pending list, where a commit left its members' entries, in the background.
   * Until it is done searches read the list too, a little slower; other writers do not wait for it, since a
   * merge under way makes theirs skip. Should it fail, nothing is lost: the list is merged by the next
   * VACUUM (autovacuum on a server) or by the insert that finds it past the default limit.
   */
  function settleSearchIndex() {
    inBackground(db.execute(sql`select gin_clean_pending_list('memberships_search_gin'::regclass)`));
  }

  // ——— reading ———

  async function readHead(path: string) {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(8192);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  /** One INSERT per batch: each column one array parameter (unnestRows). */
  async function insertLines(imp: Pick<ImportRow, 'tenantId' | 'id'>, lines: StagedLine[]) {
    const text = (key: keyof StagedLine): [string, (l: StagedLine) => unknown] => ['text', (l) => l[key]];
    await db.execute(sql`
      insert into member_import_rows (tenant_id, id, import_id, line, outcome, reason, id_hash, id_cipher, id_masked, name, sex, birth_date, phone,
                                      employment_form, employer_name, employer_credit_code, platform_name, joined_on, search_doc)
      select ${imp.tenantId}, ${lineRowId(imp.id, 0)}::bigint + u.line, ${imp.id}, u.line, u.outcome, u.reason, decode(u.id_hash, 'hex'), decode(u.id_cipher, 'hex'), u.id_masked, u.name, u.sex,
             u.birth_date, u.phone, u.employment_form, u.employer_name, u.employer_credit_code, u.platform_name, u.joined_on, u.search_doc
      from ${unnestRows(lines, {
        line: ['int', (l) => l.line],
        outcome: text('outcome'),
        reason: text('reason'),
        id_hash: text('idHash'),
        id_cipher: text('idCipher'),
        id_masked: text('idMasked'),
        name: text('name'),
        sex: text('sex'),
        birth_date: ['date', (l) => l.birthDate],
        phone: text('phone'),
        employment_form: text('employmentForm'),
        employer_name: text('employerName'),
        employer_credit_code: text('employerCreditCode'),
        platform_name: text('platformName'),
        joined_on: ['date', (l) => l.joinedOn],
        search_doc: text('searchDoc'),
      })}`);
  }

  /** Batches validated in this thread. */
  async function* localBatches(source: RosterSource, header: RosterHeader): AsyncGenerator<SourcedBatch> {
    for await (const batch of stageBatches(source.rows, header, cipher, today())) yield { ...batch, bytesRead: source.bytesRead() };
  }

  /** Batches validated in a worker thread (stage-worker.ts), which reads the file again from the start. */
  async function* workerBatches(data: StageWorkerData): AsyncGenerator<SourcedBatch> {
    const worker = startTsWorker(new URL('./stage-worker.ts', import.meta.url), data, STAGE_WORKER_LIMITS);
    const messages: StageWorkerMessage[] = [];
    let failure: Error | null = null;
    let exited = false;
    let wake: (() => void) | null = null;
    worker.on('message', (message: StageWorkerMessage) => (messages.push(message), wake?.()));
    worker.on('error', (error) => ((failure = error), wake?.()));
    worker.on('exit', () => ((exited = true), wake?.()));
    try {
      for (;;) {
        while (messages.length === 0 && !failure && !exited) await new Promise<void>((resolve) => (wake = resolve));
        const message = messages.shift();
        if (!message) throw failure ?? new Error('the staging worker stopped without finishing');
        if (message.kind === 'done') return;
        if (message.kind === 'error') throw message.roster ? new TableFileError(message.message, message.messageEn) : new Error(message.message);
        yield { ...message.batch, bytesRead: message.bytesRead };
        worker.postMessage('ack');
      }
    } finally {
      await worker.terminate();
    }
  }

  /**
   * Write the validated batches into staging; the next batch is validated
   * while the previous one is being written. Returns the lines read.
   */
  async function stageAll(imp: ImportRow, batches: AsyncIterable<SourcedBatch>) {
    let inFlight: Promise<void> | null = null;
    let read = 0;
    for await (const batch of batches) {
      if (inFlight) await inFlight;
      read = batch.read;
      inFlight = insertLines(imp, batch.lines).then(async () => {
        await db
          .update(memberImports)
          .set({ rowsRead: batch.read, bytesRead: batch.bytesRead, updatedAt: new Date() })
          .where(and(eq(memberImports.tenantId, imp.tenantId), eq(memberImports.id, imp.id)));
      });
      // Awaited before the next batch or at the end; this only keeps an early failure from counting as unhandled.
      inFlight.catch(() => {});
    }
    if (inFlight) await inFlight;
    return read;
  }

  /** Set-based classification of the staged lines; returns the counts. */
  async function classify(imp: Pick<ImportRow, 'tenantId' | 'id' | 'orgId'>, tx: Db = db): Promise<ImportCounts> {
    const mine = linesOf(imp);
    // The same person twice in the file: the first line stands, the others point at it. (Joined on the
    // key: a freshly loaded table has no statistics, and a join on anything else may go quadratic.)
    await tx.execute(sql`
      update member_import_rows r
      set outcome = 'duplicate_in_file', reason = '与第 ' || d.first_line || ' 行是同一人（身份证号相同），只按第 ' || d.first_line || ' 行导入'
      from (select id, line, first_value(line) over (partition by id_hash order by line) as first_line
            from member_import_rows r where ${mine} and r.outcome = 'new') d
      where r.tenant_id = ${imp.tenantId} and r.id = d.id and d.line <> d.first_line`);
    // People who already hold an open membership: here, or elsewhere (a transfer, never an import, moves them).
    await tx.execute(sql`
      update member_import_rows r
      set outcome = case when m.org_id = ${imp.orgId} then 'already_member_here' else 'transfer_needed' end,
          reason = case when m.org_id = ${imp.orgId} then '已是本工会会员，无需导入'
                        else '已是其他工会的会员，一人同一时间只能在一个工会；请办理会员接转' end,
          current_org_id = m.org_id
      from persons p join memberships m on m.tenant_id = p.open_membership_tenant_id and m.id = p.open_membership_id
      where ${mine} and r.outcome = 'new' and p.id_hash = r.id_hash`);
    // Former members whose line dates the joining before their last membership ended.
    await tx.execute(sql`
      update member_import_rows r
      set outcome = 'rejected', reason = ${reachesBackSql(sql`b.previous_end`)}
      from (select r.id, ${previousEndSql(sql`p.id_hash`)} as previous_end
            from member_import_rows r join persons p on p.id_hash = r.id_hash where ${mine} and r.outcome = 'new') b
      where r.tenant_id = ${imp.tenantId} and r.id = b.id and r.joined_on < b.previous_end`);
    const rows = await queryRows<{ outcome: RowOutcome; n: number }>(tx, sql`select outcome, count(*)::int as n from member_import_rows r where ${mine} group by outcome`);
    const counts = emptyCounts();
    for (const { outcome, n } of rows) {
      counts[outcome] = Number(n);
      counts.total += Number(n);
    }
    return counts;
  }

  /** After the header: stage, classify, and mark the import ready (or failed, with nothing staged left behind). */
  async function finishReading(imp: ImportRow, header: RosterHeader, batches: AsyncIterable<SourcedBatch>, source: RosterSource, keepFailed: boolean, cleanup: () => Promise<void>) {
    running.add(imp.id);
    try {
      const read = await stageAll(imp, batches);
      if (read === 0) throw new TableFileError(`表头（第 ${header.line} 行）下面没有任何数据行`, `No data rows below the header on line ${header.line}`);
      // Fresh statistics for the planner, as autovacuum would give them later: classification and commit join these lines.
      if (read >= 10_000) await db.execute(sql`analyze member_import_rows`);
      const counts = await classify(imp);
      await db
        .update(memberImports)
        .set({ state: 'ready', counts, rowsRead: read, bytesRead: imp.bytesTotal, updatedAt: new Date() })
        .where(and(eq(memberImports.tenantId, imp.tenantId), eq(memberImports.id, imp.id)));
    } catch (error) {
      const message = error instanceof TableFileError ? error.message : '读取花名册时出错，请稍后重试；如持续出现请联系管理员';
      await failImport(imp, message, keepFailed).catch(() => {});
      throw error;
    } finally {
      running.delete(imp.id);
      source.close();
      await cleanup();
    }
  }

  function toSummary(row: ImportRow, orgName?: string) {
    return {
      id: row.id,
      tenantId: row.tenantId,
      orgId: row.orgId,
      orgName: orgName ?? '',
      fileName: row.fileName,
      format: row.format,
      state: row.state,
      stateLabel: IMPORT_STATES[row.state],
      headerLine: row.headerLine,
      columns: row.columns ?? { recognised: [], ignored: [] },
      counts: row.counts ?? emptyCounts(),
      rowsRead: row.rowsRead,
      bytesRead: row.bytesRead,
      bytesTotal: row.bytesTotal,
      /**
       * 0–100: the share of the file read (of an xlsx, of its worksheet), 100 once read.
       */
      percent: row.state !== 'uploaded' ? 100 : Math.min(99, Math.floor((100 * row.bytesRead) / Math.max(1, row.bytesTotal))),
      createdByName: row.createdByName,
      createdAt: row.createdAt,
      committedAt: row.committedAt,
      ...lineRetention(row),
      error: row.error,
    };
  }

  async function summaryOf(row: ImportRow) {
    return toSummary(row, (await deps.orgs.byId(row.orgId))?.name);
  }

  async function reload(row: Pick<ImportRow, 'tenantId' | 'id'>) {
    const [fresh] = await db
      .select()
      .from(memberImports)
      .where(and(eq(memberImports.tenantId, row.tenantId), eq(memberImports.id, row.id)));
    return fresh;
  }

  /** What the preview and the report say of a union outside the actor's scope. */
  const OUTSIDE_UNION = '其他工会';

  /** Lines with their org names, for the preview and the report; names of unions outside the actor's scope are not shown. */
  async function orgNamesFor(actor: Actor, ids: (number | null)[]) {
    const unique = [...new Set(ids.filter((i): i is number => i != null))];
    const orgs = await Promise.all(unique.map((i) => deps.orgs.byId(i)));
    return new Map(orgs.filter((o) => o !== undefined).map((o) => [o.id, canAt(actor, 'members.read', o.path) ? o.name : null]));
  }

  const rowColumns = {
    line: memberImportRows.line,
    outcome: memberImportRows.outcome,
    reason: memberImportRows.reason,
    name: memberImportRows.name,
    idMasked: memberImportRows.idMasked,
    phone: memberImportRows.phone,
    employmentForm: memberImportRows.employmentForm,
    employerName: memberImportRows.employerName,
    platformName: memberImportRows.platformName,
    joinedOn: memberImportRows.joinedOn,
    currentOrgId: memberImportRows.currentOrgId,
  };

  return {
    /**
     * Take an uploaded file: check the union and the file, find the header,
     * then read every line into the preview (before returning when `wait`,
     * else in the background while the page polls `get`).
     */
    async upload(actor: Actor, input: UploadInput) {
      const cleanup = async () => {
        if (input.temporary) await rm(input.path, { force: true });
      };
      let handedOver = false;
      try {
        const org = await unionFor(actor, input.orgId);
        const size = (await stat(input.path)).size;
        const limit = deps.maxFileBytes ?? MAX_FILE_BYTES;
        if (size > limit) throw validationError([{ field: 'file', reason: `文件超过 ${Math.round(limit / 1024 / 1024)} MB，请拆分后分批导入` }]);
        let format: TableFormat;
        try {
          format = detectFormat(await readHead(input.path), ROSTER_FILE);
        } catch (error) {
          if (error instanceof TableFileError) throw fileError(error);
          throw error;
        }
        // The header is among the first rows (a title and notes may sit above it); blank rows do not count.
        const first: RawRow[] = [];
        let header: RosterHeader;
        const source = await openTableFile(input.path, format, size).catch((error: unknown) => {
          throw error instanceof TableFileError ? fileError(error) : error;
        });
        const iterator = source.rows[Symbol.asyncIterator]();
        try {
          while (first.length < HEADER_SEARCH_ROWS) {
            const next = await iterator.next();
            if (next.done) break;
            if (next.value.cells.some((c) => cleanText(c) !== '')) first.push(next.value);
          }
          header = findHeader(first);
        } catch (error) {
          source.close();
          await iterator.return?.(undefined).catch(() => {});
          if (error instanceof TableFileError) throw fileError(error);
          throw error;
        }
        const afterHeader = first.filter((r) => r.line > header.line);
        const rest: AsyncIterable<RawRow> = {
          async *[Symbol.asyncIterator]() {
            yield* afterHeader;
            for (;;) {
              const next = await iterator.next();
              if (next.done) return;
              yield next.value;
            }
          },
        };
        const recognised = (Object.keys(header.columns) as RosterField[]).map((f) => FIELD_LABELS[f]);
        const [created] = await db
          .insert(memberImports)
          .values({
            tenantId: org.tenantId,
            orgId: org.id,
            orgPath: org.path,
            fileName: input.fileName.slice(0, 255) || `花名册.${format}`,
            format,
            state: 'uploaded',
            headerLine: header.line,
            columns: { recognised, ignored: header.ignored.slice(0, 50) },
            bytesTotal: size,
            createdBy: actor.userId,
            createdByName: actor.displayName.slice(0, 50),
          })
          .returning();
        handedOver = true;
        // A big file is validated in a worker thread, which reads it again (the rows read here so far were only the head).
        const inWorker = size >= (deps.workerFromBytes ?? SYNC_FILE_BYTES);
        if (inWorker) source.close();
        const batches = inWorker
          ? workerBatches({ path: input.path, format, size, header, secret: deps.secret, today: today() })
          : localBatches({ ...source, rows: rest }, header);
        const job = finishReading(created, header, batches, source, !input.wait, cleanup);
        if (input.wait) {
          try {
            await job;
          } catch (error) {
            if (error instanceof TableFileError) throw fileError(error);
            throw error;
          }
          return summaryOf(await reload(created));
        }
        // A failure is recorded on the import by finishReading; the page polls for it.
        inBackground(job);
        return summaryOf(created);
      } finally {
        if (!handedOver) await cleanup();
      }
    },

    /** Imports of the unions in the actor's scope, newest first. */
    async list(actor: Actor, query: { orgId?: number; page: number; pageSize: number }) {
      const filters: SQL[] = [await importScope(actor)];
      if (query.orgId) filters.push(eq(memberImports.orgId, query.orgId));
      const where = and(...filters);
      const [rows, [{ total }]] = await Promise.all([
        db.select().from(memberImports).where(where).orderBy(desc(memberImports.createdAt), desc(memberImports.id)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
        db.select({ total: count() }).from(memberImports).where(where),
      ]);
      const names = await orgNamesFor(actor, rows.map((r) => r.orgId));
      return { items: rows.map((r) => toSummary(r, names.get(r.orgId) ?? '')), total, page: query.page, pageSize: query.pageSize };
    },

    /** The preview's counts and the reading progress. */
    async get(actor: Actor, id: number) {
      return summaryOf(await findImport(actor, id));
    },

    /** Lines of the preview, optionally of one outcome, in file order. */
    async rows(actor: Actor, id: number, query: { outcome?: RowOutcome; page: number; pageSize: number }) {
      const imp = await findImport(actor, id);
      if (imp.linesPurgedAt) throw linesGone(imp);
      const filters = [linesWhere(imp)];
      if (query.outcome) filters.push(eq(memberImportRows.outcome, query.outcome));
      const rows = await db
        .select(rowColumns)
        .from(memberImportRows)
        .where(and(...filters))
        .orderBy(asc(memberImportRows.id))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize);
      const counts = imp.counts ?? emptyCounts();
      const names = await orgNamesFor(actor, rows.map((r) => r.currentOrgId));
      return {
        // The union a line's person belongs to leaves only as a name the actor may see (its id would name it
        // through the public join page): else "another union", with the way forward in the line's reason.
        items: rows.map(({ currentOrgId, ...r }) => ({
          ...r,
          outcomeLabel: ROW_OUTCOMES[r.outcome],
          employmentFormLabel: r.employmentForm ? EMPLOYMENT_FORMS[r.employmentForm] : null,
          currentOrgName: currentOrgId ? (names.get(currentOrgId) ?? OUTSIDE_UNION) : null,
        })),
        total: query.outcome ? counts[query.outcome] : counts.total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /**
     * Commit the preview: every `new` line becomes a person (if new) and an
     * active membership of the union, in one transaction, or nothing does.
     */
    async commit(actor: Actor, id: number) {
      const imp = await findImport(actor, id);
      const refuse: Partial<Record<ImportState, [string, string]>> = {
        uploaded: ['花名册还在读取中，请等读取完成后再提交', 'The roster is still being read'],
        committing: ['该花名册正在提交中', 'The import is being committed'],
        committed: ['该花名册已经导入，不能重复提交', 'The import was committed already'],
        failed: ['该次导入已失败，请重新上传花名册', 'The import failed; upload again'],
      };
      const claimed = await db
        .update(memberImports)
        .set({ state: 'committing', error: null, updatedAt: new Date() })
        .where(and(eq(memberImports.tenantId, imp.tenantId), eq(memberImports.id, imp.id), eq(memberImports.state, 'ready')))
        .returning({ id: memberImports.id });
      if (claimed.length === 0) {
        const state = (await reload(imp)).state;
        const [message, messageEn] = refuse[state] ?? refuse.committing!;
        throw conflict(message, messageEn);
      }
      const counts = imp.counts ?? emptyCounts();
      try {
        await db.transaction(async (tx) => {
          await lockCommit(tx, imp.id);
          // The search index takes the new members' entries into its pending list (appended, ~1 µs a row)
          // instead of merging each into its tree (~20 µs, a fifth of the commit): searches read the list as
          // well, so nothing is missing; settleSearchIndex merges it once this transaction is done.
          await tx.execute(sql`set local gin_pending_list_limit = ${sql.raw(`'${SEARCH_PENDING_LIMIT}'`)}`);
          // Between the claim and the lock, an import looks cut off (committing, lock free): someone opening it, or the
          // retention job, may have put it back to ready (or discarded it) meanwhile. Then this commit is not the one.
          const [{ state }] = await tx
            .select({ state: memberImports.state })
            .from(memberImports)
            .where(and(eq(memberImports.tenantId, imp.tenantId), eq(memberImports.id, imp.id)));
          if (state !== 'committing') {
            const [message, messageEn] = refuse[state] ?? ['该花名册的状态已变化，请刷新后重新提交', 'The import changed meanwhile; reload it'];
            throw conflict(message, messageEn);
          }
          const org = await deps.orgs.byId(imp.orgId, tx);
          if (!org || !org.active || !MEMBER_HOLDING_TYPES.includes(org.type)) throw conflict('该工会已撤销或不再直接管理会员，不能导入', 'The union no longer takes members');
          const mine = sql`${linesOf(imp)} and r.outcome = 'new'`;
          // The card numbers' format (参数设置) and division, read once for the whole import (card-number.ts).
          const format = await deps.settings.get(cardNumberFormatSetting, tx);
          const [{ division }] = await queryRows<{ division: string }>(tx, sql`select ${divisionOfSql(sql`${org.path}::ltree`)} as division`);

          // One statement: membership ids from the sequence; each person inserted, or (if the row exists: a former
          // member, or someone who appeared since the preview) locked and updated only while it holds no open
          // membership; memberships, their first timeline entries. The upsert's WHERE is the lock-and-recheck.
          const [result] = await queryRows<{ expected: number; reaching_back: number; pointed: number; inserted: number; timeline: number }>(
            tx,
            sql`
            with src as materialized (
              -- Narrow (the wide columns are read by key below), so a million lines spill little. 会龄 by the rule of
              -- member-since.ts, and the end of the last membership (a membership ended since the preview voids the commit),
              -- looked up only for people seen before; if the person changes meanwhile, the upsert below refuses it anyway.
              select nextval('memberships_id_seq') as mid, r.id as rid, r.joined_on,
                     case when p0.id_hash is null then r.joined_on else ${memberSinceSql(sql`r.id_hash`, sql`r.joined_on`)} end as member_since,
                     case when p0.id_hash is not null then r.joined_on < ${previousEndSql(sql`r.id_hash`)} end as reaches_back
              from member_import_rows r left join persons p0 on p0.id_hash = r.id_hash
              where ${mine}
            ),
            pointed as (
              insert into persons as p (id_hash, id_cipher, id_masked, name, sex, birth_date, phone, open_membership_tenant_id, open_membership_id, member_since)
              select r.id_hash, r.id_cipher, r.id_masked, r.name, r.sex, r.birth_date, r.phone, ${org.tenantId}, s.mid, s.member_since
              from src s join member_import_rows r on r.tenant_id = ${imp.tenantId} and r.id = s.rid
              on conflict (id_hash) do update
                set open_membership_tenant_id = excluded.open_membership_tenant_id, open_membership_id = excluded.open_membership_id,
                    member_since = excluded.member_since, name = excluded.name, phone = coalesce(excluded.phone, p.phone), updated_at = now()
                where p.open_membership_id is null
              returning p.open_membership_id as mid
            ),
            ins as (
              insert into memberships (tenant_id, id, person_hash, org_id, org_path, card_no, status, name, id_masked, sex, birth_date, phone,
                                       employment_form, employer_name, employer_credit_code, platform_name, joined_on, member_since, source, search)
              overriding system value
              select ${org.tenantId}, s.mid, r.id_hash, ${org.id}, ${org.path}::ltree, s.card_no, 'active',
                     r.name, r.id_masked, r.sex, r.birth_date, r.phone, r.employment_form, r.employer_name, r.employer_credit_code, r.platform_name,
                     r.joined_on, s.member_since, 'import',
                     -- with the card number's tokens, as memberSearchDocument makes them
                     ${searchVector(sql`coalesce(r.search_doc, '') || ' ' || ${cardNoSearchTokensSql(sql`s.card_no`, sql`s.mid`)}`)}
              from (select src.*, ${cardNumberSql(format, { division: sql`${division}::text`, joinedOn: sql`src.joined_on`, id: sql`src.mid`, tenantId: sql`${org.tenantId}::bigint` })} as card_no from src) s
              join pointed pt on pt.mid = s.mid -- only people the upsert took: a refused one voids the commit below
              join member_import_rows r on r.tenant_id = ${imp.tenantId} and r.id = s.rid
              returning tenant_id, id
            ),
            timeline as (${deps.workflow.startedMany(deps.members.membershipWorkflow, actor, sql`ins`, 'active', { source: 'import', importId: imp.id, orgId: org.id })})
            select (select count(*) from src)::int as expected, (select count(*) from src where reaches_back)::int as reaching_back, (select count(*) from pointed)::int as pointed,
                   (select count(*) from ins)::int as inserted, (select count(*) from timeline)::int as timeline`,
          );
          if (Number(result.expected) !== counts.new) throw new Error(`import ${imp.id}: ${result.expected} new lines staged, preview promised ${counts.new}`);
          if (Number(result.pointed) < counts.new || Number(result.reaching_back) > 0) {
            // Someone in the preview holds an open membership now, or ended one after the line's 入会日期: the whole commit is void (rolled back below).
            throw new StalePreview();
          }
          if (Number(result.inserted) !== counts.new || Number(result.timeline) !== counts.new) {
            throw new Error(`import ${imp.id}: ${JSON.stringify(result)} written, preview promised ${counts.new}`);
          }

          // The people it made members have nothing left to apply for: their pending applications close, as
          // openMembership (memberships.ts) closes them on the other paths — the join workflow's JOINED_ELSEWHERE
          // transition, its timeline entry naming the membership. Driven from the (few) pending applications; the
          // memberships this commit opened are those created at now(), the time of its transaction.
          const closed = await deps.workflow.fireMany(
            tx,
            deps.members.joinWorkflow,
            actor,
            JOINED_ELSEWHERE.action,
            sql`select a.tenant_id, a.id,
                       jsonb_build_object('reason', ${JOINED_ELSEWHERE.reason}::text, 'source', 'import', 'orgId', m.org_id, 'tenantId', m.tenant_id, 'membershipId', m.id) as payload
                from join_applications a
                join persons p on p.id_hash = a.person_hash
                join memberships m on m.tenant_id = p.open_membership_tenant_id and m.id = p.open_membership_id
                where a.state = 'pending' and m.tenant_id = ${org.tenantId} and m.org_id = ${org.id} and m.source = 'import' and m.created_at = now()`,
          );
          const applicationsClosed = closed;

          await recordAudit(tx, actor, {
            action: 'member.import',
            entityType: 'member_import',
            entityId: imp.id,
            tenantId: imp.tenantId,
            orgPath: imp.orgPath,
            summary:
              `导入会员花名册「${imp.fileName}」到「${org.name}」：新增会员 ${counts.new} 人` +
              `（共 ${counts.total} 行；须办理接转 ${counts.transfer_needed}，已是本会会员 ${counts.already_member_here}，文件内重复 ${counts.duplicate_in_file}，有误未导入 ${counts.rejected}）` +
              (applicationsClosed ? `；其中 ${applicationsClosed} 人的待审核入会申请已关闭（${JOINED_ELSEWHERE.reason}）` : ''),
            after: { importId: imp.id, orgId: org.id, fileName: imp.fileName, counts, applicationsClosed },
          });
          await tx
            .update(memberImports)
            .set({ state: 'committed', committedAt: new Date(), updatedAt: new Date() })
            .where(and(eq(memberImports.tenantId, imp.tenantId), eq(memberImports.id, imp.id)));
        });
      } catch (error) {
        // Nothing was written. A stale preview is brought up to date, so what the page shows is again what a commit would do.
        let message = error instanceof AppError ? error.message : '提交失败，未导入任何人；请稍后重试';
        let recounted: ImportCounts | undefined;
        let changed: { line: number; reason: string }[] = [];
        if (error instanceof StalePreview) {
          // Which lines and why, as the database says now (the transaction is gone); then the preview is brought up to date.
          const found = await queryRows<{ line: number; total: number; joined: boolean; reaches_back: string }>(
            db,
            sql`select r.line, count(*) over ()::int as total, p.open_membership_id is not null as joined, ${reachesBackSql(sql`b.previous_end`)} as reaches_back
                from member_import_rows r join persons p on p.id_hash = r.id_hash cross join lateral (select ${previousEndSql(sql`p.id_hash`)} as previous_end) b
                where ${linesOf(imp)} and r.outcome = 'new' and (p.open_membership_id is not null or r.joined_on < b.previous_end)
                order by r.line limit ${LINES_NAMED}`,
          );
          changed = found.map((l) => ({ line: Number(l.line), reason: l.joined ? JOINED_SINCE_PREVIEW : l.reaches_back }));
          const total = Number(found[0]?.total ?? 0);
          const named = (joined: boolean) => found.filter((l) => l.joined === joined).map((l) => l.line).join('、');
          const [joined, reachingBack] = [named(true), named(false)];
          recounted = await classify(imp).catch(() => undefined);
          message =
            ([joined && `第 ${joined} 行的人员${JOINED_SINCE_PREVIEW}`, reachingBack && `第 ${reachingBack} 行的人员此前的会籍在预览之后终止，入会日期早于终止日期`].filter(Boolean).join('；') ||
              '部分人员的会籍在预览之后有变化') +
            (total > found.length ? `（共 ${total} 行）` : '') +
            '，本次未导入任何人；预览已按最新情况更新，请核对后重新提交';
        }
        await db
          .update(memberImports)
          .set({ state: 'ready', error: message, ...(recounted ? { counts: recounted } : {}), updatedAt: new Date() })
          .where(and(eq(memberImports.tenantId, imp.tenantId), eq(memberImports.id, imp.id), eq(memberImports.state, 'committing')));
        if (error instanceof StalePreview) {
          throw new AppError('CONFLICT', message, 'The memberships of some people changed after the preview; nothing was imported', changed.map(({ line, reason }) => ({ field: `line ${line}`, reason })));
        }
        throw error;
      }
      settleSearchIndex();
      return summaryOf(await reload(imp));
    },

    /** Every line's outcome and reason as an xlsx, written to `out` as it is read (never all in memory). */
    async writeReport(actor: Actor, id: number, out: Writable) {
      const imp = await findImport(actor, id);
      if (imp.linesPurgedAt) throw linesGone(imp);
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
      const summary = workbook.addWorksheet('汇总');
      const counts = imp.counts ?? emptyCounts();
      const org = await deps.orgs.byId(imp.orgId);
      summary.columns = [{ width: 18 }, { width: 40 }];
      const summaryRows: [string, string | number][] = [
        ['文件', imp.fileName],
        ['导入工会', org?.name ?? ''],
        ['状态', IMPORT_STATES[imp.state]],
        ['总行数', counts.total],
        ...OUTCOMES.map((o): [string, number] => [ROW_OUTCOMES[o], counts[o]]),
        ['上传人', imp.createdByName ?? ''],
        ['上传时间', beijingDateTime(imp.createdAt)],
        ['导入时间', imp.committedAt ? beijingDateTime(imp.committedAt) : ''],
      ];
      for (const row of summaryRows) summary.addRow(row).commit();
      summary.commit();
      const sheet = workbook.addWorksheet('逐行结果', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = [
        { header: '行号', width: 8 },
        { header: '结果', width: 14 },
        { header: '原因', width: 60 },
        { header: '姓名', width: 12 },
        { header: '身份证号（脱敏）', width: 22 },
        { header: '手机号', width: 14 },
        { header: '就业形态', width: 14 },
        { header: '工作单位', width: 30 },
        { header: '所在平台', width: 14 },
        { header: '入会日期', width: 12 },
        { header: '现所在工会', width: 30 },
      ];
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      let last = 0;
      for (;;) {
        const rows = await db
          .select(rowColumns)
          .from(memberImportRows)
          .where(and(linesWhere(imp), gt(memberImportRows.id, lineRowId(imp.id, last))))
          .orderBy(asc(memberImportRows.id))
          .limit(2000);
        if (rows.length === 0) break;
        const names = await orgNamesFor(actor, rows.map((r) => r.currentOrgId));
        for (const r of rows) {
          sheet
            .addRow([
              r.line,
              ROW_OUTCOMES[r.outcome],
              r.reason ?? '',
              r.name ?? '',
              r.idMasked ?? '',
              r.phone ?? '',
              r.employmentForm ? EMPLOYMENT_FORMS[r.employmentForm] : '',
              r.employerName ?? '',
              r.platformName ?? '',
              r.joinedOn ?? '',
              r.currentOrgId ? (names.get(r.currentOrgId) ?? OUTSIDE_UNION) : '',
            ])
            .commit();
        }
        last = rows[rows.length - 1].line;
        // Let the socket drain between pages.
        if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
      }
      sheet.commit();
      await workbook.commit();
      return imp;
    },

    /** Wait for background reading and index merges to finish (shutdown, tests). */
    async drain() {
      while (jobs.size > 0) await Promise.all([...jobs]);
    },
  };
}

/** Some `new` lines' people joined a union after the preview, or ended a membership after the line's 入会日期. */
class StalePreview extends Error {
  constructor() {
    super('stale preview');
  }
}

export type MemberImportService = ReturnType<typeof createMemberImportService>;
