/**
 * 工资表导入: a payroll (xlsx or csv) for one union and month, the shape of
 * the roster import (members/import/) at a payroll's size: upload → preview →
 * commit. Upload reads the file (platform/table-file.ts), checks every line
 * and stages it with its issues (field and reason) in dues_import_lines; the
 * preview is those lines; the commit writes every line's record in one
 * transaction, and is refused while any line has an issue or any member left
 * the union since the preview: all of it or nothing.
 */
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type Db, unnestRows } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit/audit.js';
import { parseResidentId } from '../../platform/cn-ids.js';
import { AppError, conflict, notFound, validationError } from '../../platform/errors.js';
import type { PersonalDataCipher } from '../../platform/personal-data.js';
import { tenantScope } from '../../platform/scope.js';
import { cellValue, cleanText, detectFormat, findHeader, type HeaderSpec, isBlankRow, openTableFile, parseDateCell, type RawRow, TableFileError } from '../../platform/table-file.js';
import type { MemberForDues } from '../members/service.js';
import { beforeJoining, monthStart } from './rules.js';
import type { DuesCore, DuesDeps } from './service.js';
import { DUES_IMPORT_STATES, DUES_STATUSES, duesImportLines, duesImports, EXEMPTION_REASONS, type LineIssue } from './schema.js';

/** A payroll of a union is thousands of lines, not millions: read whole within the request. */
export const MAX_PAYROLL_LINES = 50_000;
const PAYROLL_FILE = '工资表';

type PayrollField = 'name' | 'residentId' | 'cardNo' | 'month' | 'wage';
const PAYROLL_HEADER: HeaderSpec<PayrollField> = {
  names: {
    name: ['姓名', '职工姓名', '会员姓名', '员工姓名'],
    residentId: ['身份证号', '身份证号码', '公民身份号码', '证件号码', '身份证'],
    cardNo: ['会员证号', '会员卡号', '会员编号'],
    month: ['月份', '工资月份', '所属月份', '发放月份'],
    wage: ['工资', '应发工资', '应发合计', '工资收入', '月工资', '工资总额', '应发金额'],
  },
  required: ['name', 'wage'],
  labels: { name: '姓名', residentId: '身份证号', cardNo: '会员证号', month: '月份', wage: '应发工资' },
  hint: '「姓名」「应发工资」两列，以及「身份证号」或「会员证号」',
};

/** A wage in yuan as fen: digits with at most two decimals, not negative, below 10 million yuan. */
export function wageFen(value: unknown): number | null {
  const v = cellValue(value);
  const text = typeof v === 'number' ? String(Math.round(v * 100) / 100) : cleanText(v).replace(/[,，¥￥元\s]/g, '');
  if (!/^\d{1,8}(\.\d{1,2})?$/.test(text)) return null;
  return Math.round(Number(text) * 100);
}

type LineAmount = Awaited<ReturnType<DuesCore['linesFor']>>[number];

interface ReadLine {
  line: number;
  name: string;
  idHash: Buffer | null;
  cardNo: string | null;
  month: string | null;
  wageFen: number | null;
  issues: LineIssue[];
}

export function createDuesImports(deps: DuesDeps & { cipher: PersonalDataCipher }, core: DuesCore) {
  const { db, orgs, members, today, cipher } = deps;

  /** Read and check each line as the file says it (who, which month, what wage); members are matched after. */
  function readLine(row: RawRow, header: ReturnType<typeof findHeader<PayrollField>>, defaultMonth: string): ReadLine {
    const cell = (field: PayrollField) => {
      const cols = header.columns[field] ?? [];
      return cols.map((c) => row.cells[c]).find((v) => cleanText(v) !== '');
    };
    const issues: LineIssue[] = [];
    const name = cleanText(cell('name')).replace(/\s+/g, '');
    if (!name) issues.push({ field: 'name', reason: '缺少姓名' });
    let idHash: Buffer | null = null;
    const idText = cleanText(cell('residentId')).replace(/^'/, '');
    if (idText) {
      const id = parseResidentId(idText);
      if (id.ok) idHash = cipher.hashResidentId(id.id);
      else issues.push({ field: 'residentId', reason: `身份证号${id.reason}` });
    }
    const cardNo = cleanText(cell('cardNo')) || null;
    if (!idText && !cardNo) issues.push({ field: 'residentId', reason: '缺少身份证号或会员证号' });
    let month: string | null = defaultMonth;
    const monthCell = cell('month');
    if (monthCell !== undefined) {
      const day = parseDateCell(monthCell);
      if (!day) {
        issues.push({ field: 'month', reason: '月份无法识别（应如 2026-05 或 2026年5月）' });
        month = null;
      } else if (monthStart(day) > today()) {
        issues.push({ field: 'month', reason: '不能导入未来月份的会费' });
        month = null;
      } else month = monthStart(day);
    }
    const wage = wageFen(cell('wage'));
    if (wage === null) issues.push({ field: 'wage', reason: cleanText(cell('wage')) ? '应发工资不是有效金额（元，最多两位小数）' : '缺少应发工资' });
    return { line: row.line, name, idHash, cardNo, month, wageFen: wage, issues };
  }

  async function readPayroll(bytes: Buffer, defaultMonth: string) {
    let format;
    try {
      format = detectFormat(bytes.subarray(0, 8192), PAYROLL_FILE);
    } catch (error) {
      if (error instanceof TableFileError) throw validationError([{ field: 'file', reason: error.message }]);
      throw error;
    }
    const path = join(tmpdir(), `lianxin-payroll-${randomUUID()}`);
    await writeFile(path, bytes);
    const lines: ReadLine[] = [];
    try {
      const source = await openTableFile(path, format, bytes.length);
      try {
        const head: RawRow[] = [];
        let header: ReturnType<typeof findHeader<PayrollField>> | null = null;
        for await (const row of source.rows) {
          if (!header) {
            head.push(row);
            if (head.length < 10) continue;
            header = findHeader(head, PAYROLL_HEADER);
            for (const early of head.filter((r) => r.line > header!.line && !isBlankRow(r))) lines.push(readLine(early, header, defaultMonth));
            continue;
          }
          if (isBlankRow(row)) continue;
          if (lines.length >= MAX_PAYROLL_LINES) throw new TableFileError(`工资表超过 ${MAX_PAYROLL_LINES} 行，请按工会拆分后分批导入`, 'Too many lines');
          lines.push(readLine(row, header, defaultMonth));
        }
        if (!header) {
          header = findHeader(head, PAYROLL_HEADER);
          for (const early of head.filter((r) => r.line > header!.line && !isBlankRow(r))) lines.push(readLine(early, header, defaultMonth));
        }
        if (lines.length === 0) throw new TableFileError(`表头（第 ${header.line} 行）下面没有任何数据行`, 'No data rows');
      } finally {
        source.close();
      }
    } catch (error) {
      if (error instanceof TableFileError) throw validationError([{ field: 'file', reason: error.message }]);
      throw error;
    } finally {
      await rm(path, { force: true });
    }
    return lines;
  }

  /** Match lines to the union's open members (by ID, else card number) and check what only the register knows. */
  async function matchLines(tx: Db, org: { tenantId: number; path: string }, lines: ReadLine[]) {
    const found = await members.openMembersIn(
      org,
      { idHashes: lines.flatMap((l) => (l.idHash ? [l.idHash] : [])), cardNos: lines.flatMap((l) => (l.cardNo ? [l.cardNo] : [])) },
      tx,
    );
    const byHash = new Map(found.map((m) => [m.personHash.toString('hex'), m]));
    const byCard = new Map(found.map((m) => [m.cardNo, m]));
    const seen = new Map<string, number>();
    return lines.map((l) => {
      const issues = [...l.issues];
      let member: MemberForDues | undefined;
      if (!issues.some((i) => i.field === 'residentId')) {
        member = l.idHash ? byHash.get(l.idHash.toString('hex')) : byCard.get(l.cardNo!);
        if (!member) issues.push({ field: l.idHash ? 'residentId' : 'cardNo', reason: '不是本工会的在册会员（已转出或退会的请先在会员名册中核对）' });
        else if (l.idHash && l.cardNo && member.cardNo !== l.cardNo) issues.push({ field: 'cardNo', reason: '会员证号与身份证号不是同一会员' });
        else if (l.name && member.name !== l.name) issues.push({ field: 'name', reason: `姓名与会员名册不符（名册为「${member.name}」）` });
        else if (l.month && beforeJoining(member, l.month)) issues.push({ field: 'month', reason: beforeJoining(member, l.month)! });
      }
      if (member && l.month && issues.length === 0) {
        const key = `${member.id}:${l.month}`;
        const first = seen.get(key);
        if (first) issues.push({ field: 'month', reason: `与第 ${first} 行是同一会员的同一月份` });
        else seen.set(key, l.line);
      }
      return { ...l, member: issues.length ? undefined : member, issues };
    });
  }

  async function findImport(actor: Actor, id: number, tx: Db = db) {
    const [imp] = await tx
      .select()
      .from(duesImports)
      .where(and(eq(duesImports.id, id), await tenantScope(actor, 'dues.read', duesImports, (path) => orgs.tenantIdsWithin(path, tx))));
    if (!imp) throw notFound('导入记录', 'import');
    return imp;
  }

  const summary = async (imp: typeof duesImports.$inferSelect, tx: Db = db) => ({
    id: imp.id,
    orgId: imp.orgId,
    orgName: (await orgs.namesByIds([imp.orgId], tx)).get(imp.orgId) ?? '',
    fileName: imp.fileName,
    month: imp.month,
    state: imp.state,
    stateLabel: DUES_IMPORT_STATES[imp.state],
    lines: imp.lines,
    rejected: imp.rejected,
    createdAt: imp.createdAt,
    committedAt: imp.committedAt,
  });

  return {
    async upload(actor: Actor, input: { orgId: number; month: string; fileName: string; bytes: Buffer }) {
      const month = monthStart(input.month);
      if (month > today()) throw validationError([{ field: 'month', reason: '不能导入未来月份的会费' }]);
      const org = await core.unionIn(actor, input.orgId, 'dues.manage');
      const read = await readPayroll(input.bytes, month);
      return db.transaction(async (tx) => {
        const checked = await matchLines(tx, org, read);
        const rejected = checked.filter((l) => l.issues.length).length;
        const [imp] = await tx
          .insert(duesImports)
          .values({ tenantId: org.tenantId, orgId: org.id, orgPath: org.path, fileName: input.fileName.slice(0, 200), month, state: 'ready', lines: checked.length, rejected, createdBy: actor.userId })
          .returning();
        // Amounts by the rule at each line's month; lines with issues are staged as read, for the preview.
        const byMonth = new Map<string, typeof checked>();
        for (const l of checked) {
          if (!l.member || !l.month) continue;
          const ofMonth = byMonth.get(l.month);
          if (ofMonth) ofMonth.push(l);
          else byMonth.set(l.month, [l]);
        }
        const amounts = new Map<number, LineAmount>();
        for (const [m, ls] of byMonth) {
          const computed = await core.linesFor(tx, org, m, ls.map((l) => ({ member: l.member!, wageFen: l.wageFen, paid: true })));
          ls.forEach((l, i) => amounts.set(l.line, computed[i]));
        }
        // Staged as the records are written (service.ts writeRecords): one array parameter per column (unnestRows).
        for (let i = 0; i < checked.length; i += 10_000) {
          const batch = checked.slice(i, i + 10_000);
          const amount = (l: (typeof checked)[number]) => amounts.get(l.line);
          await tx.execute(sql`
            insert into ${duesImportLines} (tenant_id, import_id, line, name, membership_id, card_no, org_id, org_path, month, wage_fen, amount_fen, status, exemption, issues)
            select ${org.tenantId}::bigint, ${imp.id}::bigint, u.line, u.name, u.membership_id, u.card_no, u.org_id, u.org_path::ltree, u.month, u.wage_fen, u.amount_fen,
                   u.status, u.exemption, u.issues::jsonb
            from ${unnestRows(batch, {
              line: ['int', (l) => l.line],
              name: ['text', (l) => l.name.slice(0, 50) || '（无姓名）'],
              membership_id: ['bigint', (l) => l.member?.id ?? null],
              card_no: ['text', (l) => l.member?.cardNo ?? l.cardNo?.slice(0, 32) ?? null],
              org_id: ['bigint', (l) => l.member?.orgId ?? null],
              org_path: ['text', (l) => l.member?.orgPath ?? null],
              month: ['date', (l) => l.month],
              wage_fen: ['int', (l) => l.wageFen],
              amount_fen: ['int', (l) => amount(l)?.amountFen ?? null],
              status: ['text', (l) => amount(l)?.status ?? null],
              exemption: ['text', (l) => amount(l)?.exemption ?? null],
              issues: ['text', (l) => JSON.stringify(l.issues)],
            })}`);
        }
        await recordAudit(tx, actor, {
          action: 'dues.import_upload',
          entityType: 'dues_import',
          entityId: imp.id,
          tenantId: org.tenantId,
          orgPath: org.path,
          summary: `上传工资表「${imp.fileName}」到「${org.name}」：${checked.length} 行，其中 ${rejected} 行有问题`,
        });
        return summary(imp, tx);
      });
    },

    async get(actor: Actor, id: number) {
      return summary(await findImport(actor, id));
    },

    async list(actor: Actor, query: { orgId?: number }) {
      const scope = await tenantScope(actor, 'dues.read', duesImports, (path) => orgs.tenantIdsWithin(path));
      const rows = await db
        .select()
        .from(duesImports)
        .where(and(scope, query.orgId ? eq(duesImports.orgId, query.orgId) : undefined))
        .orderBy(desc(duesImports.createdAt))
        .limit(20);
      return { items: await Promise.all(rows.map((r) => summary(r))) };
    },

    /** The preview: every line with its amount, or its issues (problemsOnly: the lines to fix). */
    async lines(actor: Actor, id: number, query: { problemsOnly?: boolean; page: number; pageSize: number }) {
      const imp = await findImport(actor, id);
      const where = and(
        eq(duesImportLines.tenantId, imp.tenantId),
        eq(duesImportLines.importId, imp.id),
        query.problemsOnly ? sql`jsonb_array_length(${duesImportLines.issues}) > 0` : undefined,
      );
      const [rows, [{ n }]] = await Promise.all([
        db.select().from(duesImportLines).where(where).orderBy(asc(duesImportLines.line)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
        db.select({ n: sql<number>`count(*)::int` }).from(duesImportLines).where(where),
      ]);
      return {
        items: rows.map((r) => ({
          line: r.line,
          name: r.name,
          cardNo: r.cardNo,
          month: r.month,
          wageFen: r.wageFen,
          amountFen: r.amountFen,
          status: r.status,
          statusLabel: r.status ? DUES_STATUSES[r.status] : null,
          exemptionLabel: r.exemption ? EXEMPTION_REASONS[r.exemption] : null,
          issues: r.issues,
        })),
        total: n,
        page: query.page,
        pageSize: query.pageSize,
      };
    },

    /** All of it or nothing: refused while a line has an issue, or a member left the union since the preview. */
    async commit(actor: Actor, id: number) {
      return db.transaction(async (tx) => {
        const imp = await findImport(actor, id, tx);
        const org = await core.unionIn(actor, imp.orgId, 'dues.manage', tx);
        // The row lock: two commits of one import queue, and the second finds it committed.
        await tx.select({ id: duesImports.id }).from(duesImports).where(and(eq(duesImports.tenantId, imp.tenantId), eq(duesImports.id, imp.id))).for('update');
        const [current] = await tx.select({ state: duesImports.state }).from(duesImports).where(and(eq(duesImports.tenantId, imp.tenantId), eq(duesImports.id, imp.id)));
        if (current.state !== 'ready') throw conflict('该工资表已导入，不能重复导入', 'This payroll was committed already');
        if (imp.rejected > 0) {
          throw new AppError('VALIDATION', `工资表有 ${imp.rejected} 行有问题，请改正后重新上传；导入要么全部成功，要么一行都不导入`, 'Some lines have issues; nothing was imported', [
            { field: 'lines', reason: `${imp.rejected} 行有问题` },
          ]);
        }
        const staged = await tx.select().from(duesImportLines).where(and(eq(duesImportLines.tenantId, imp.tenantId), eq(duesImportLines.importId, imp.id))).orderBy(asc(duesImportLines.line));
        const still = new Map((await members.openMembersIn(org, { ids: [...new Set(staged.map((l) => l.membershipId!))] }, tx)).map((m) => [m.id, m]));
        const gone = staged.filter((l) => !still.has(l.membershipId!));
        if (gone.length) {
          throw conflict(
            `预览之后有会员已不在本工会（第 ${gone
              .slice(0, 20)
              .map((l) => l.line)
              .join('、')} 行），请重新上传工资表`,
            'Members left the union since the preview',
          );
        }
        await core.writeRecords(
          tx,
          actor,
          staged.map((l) => ({ member: still.get(l.membershipId!)!, month: l.month!, wageFen: l.wageFen, amountFen: l.amountFen, status: l.status!, exemption: l.exemption })),
          'import',
          imp.id,
        );
        const [done] = await tx
          .update(duesImports)
          .set({ state: 'committed', committedAt: new Date(), updatedAt: new Date() })
          .where(and(eq(duesImports.tenantId, imp.tenantId), eq(duesImports.id, imp.id)))
          .returning();
        await recordAudit(tx, actor, {
          action: 'dues.import_commit',
          entityType: 'dues_import',
          entityId: imp.id,
          tenantId: imp.tenantId,
          orgPath: imp.orgPath,
          summary: `导入工资表「${imp.fileName}」到「${org.name}」：会费记录 ${staged.length} 条`,
        });
        return summary(done, tx);
      });
    },
  };
}

export type DuesImportService = ReturnType<typeof createDuesImports>;
