import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../../http/auth.js';
import { idParam, nullableTimestamp, pageOf, pageQuery, timestamp } from '../../../http/schemas.js';
import { textProblem } from '../../../http/input-guard.js';
import { sendXlsx } from '../../../http/xlsx-download.js';
import { validationError } from '../../../platform/errors.js';
import { IMPORT_STATES, type ImportState, ROW_OUTCOMES, type RowOutcome } from './schema.js';
import { linesGone } from '../retention.js';
import { MAX_FILE_BYTES, type MemberImportService, SYNC_FILE_BYTES } from './service.js';

const outcome = z.enum(Object.keys(ROW_OUTCOMES) as [RowOutcome, ...RowOutcome[]]);
const state = z.enum(Object.keys(IMPORT_STATES) as [ImportState, ...ImportState[]]);
const counts = z.object({ total: z.number(), new: z.number(), transfer_needed: z.number(), already_member_here: z.number(), duplicate_in_file: z.number(), rejected: z.number() });
/** The API's shapes of the roster import, typed by the web from these (`z.input`). */
export const importSummary = z.object({
  id: z.number(),
  tenantId: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  fileName: z.string(),
  format: z.enum(['xlsx', 'csv']),
  state,
  stateLabel: z.string(),
  headerLine: z.number().nullable(),
  columns: z.object({ recognised: z.array(z.string()), ignored: z.array(z.string()) }),
  counts,
  rowsRead: z.number(),
  bytesRead: z.number(),
  bytesTotal: z.number(),
  percent: z.number().nullable().describe('读取进度（csv 按字节；xlsx 读取中为 null，以 rowsRead 为准）'),
  createdByName: z.string().nullable(),
  createdAt: timestamp,
  committedAt: nullableTimestamp,
  linesKeptUntil: nullableTimestamp.describe('逐行明细保存至（之后由保存期限任务删除；未确认的预览届时作废）'),
  linesPurgedAt: nullableTimestamp.describe('逐行明细已删除的时间：之后逐行结果与导入结果下载答 410'),
  error: z.string().nullable(),
});
export const importRow = z.object({
  line: z.number(),
  outcome,
  outcomeLabel: z.string(),
  reason: z.string().nullable(),
  name: z.string().nullable(),
  idMasked: z.string().nullable(),
  phone: z.string().nullable(),
  employmentForm: z.string().nullable(),
  employmentFormLabel: z.string().nullable(),
  employerName: z.string().nullable(),
  platformName: z.string().nullable(),
  joinedOn: z.string().nullable(),
  currentOrgName: z.string().nullable().describe('此人现所在工会：在您管辖范围内的显示名称，范围外的显示“其他工会”'),
});

/** As member_imports.file_name holds it. */
const MAX_FILE_NAME = 255;

export async function memberImportRoutes(app: FastifyInstance, deps: { imports: MemberImportService }) {
  const { imports } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['会员导入导出 member import/export'];

  // Rosters stream to disk; one file per request, names in UTF-8.
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 10, parts: 12 }, defCharset: 'utf8' });
  app.addHook('onClose', async () => imports.drain());

  r.post('/api/member-imports', {
    schema: {
      tags,
      summary: '上传会员花名册（xlsx/csv） Upload a roster',
      description:
        'multipart/form-data：字段 orgId（导入到哪个基层/联合/平台工会）与 file（.xlsx 或 .csv，不超过 50 MB）。' +
        '表头可在前 10 行内，列名为中文、顺序不限。小文件读完才返回（201，state=ready）；大文件读到表头即返回（202，state=uploaded），页面轮询 GET /api/member-imports/{id} 看进度。',
      consumes: ['multipart/form-data'],
      response: { 201: importSummary, 202: importSummary },
    },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      if (!request.isMultipart()) throw validationError([{ field: 'file', reason: '请以 multipart/form-data 方式上传花名册文件' }]);
      let orgId: number | null = null;
      let fileName = '';
      let path: string | null = null;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || path) {
              part.file.resume();
              continue;
            }
            path = join(tmpdir(), `lianxin-import-${randomUUID()}`);
            fileName = part.filename ?? '';
            // On disk, never in memory: a roster may be tens of megabytes.
            await pipeline(part.file, createWriteStream(path));
          } else if (part.fieldname === 'orgId') {
            orgId = Number(part.value);
          }
        }
      } catch (error) {
        if (path) await rm(path, { force: true });
        const code = (error as { code?: string }).code;
        if (code === 'FST_REQ_FILE_TOO_LARGE') throw validationError([{ field: 'file', reason: `文件超过 ${MAX_FILE_BYTES / 1024 / 1024} MB，请拆分后分批导入` }]);
        if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') throw validationError([{ field: 'file', reason: '一次只能上传一个花名册文件' }]);
        throw error;
      }
      try {
        if (!path) throw validationError([{ field: 'file', reason: '请选择要上传的花名册文件（.xlsx 或 .csv）' }]);
        // The file name is text the input guard never sees (it is inside the multipart body).
        if (fileName.length > MAX_FILE_NAME) throw validationError([{ field: 'file', reason: `文件名过长（最多 ${MAX_FILE_NAME} 个字符），请改短后重新上传` }]);
        const nameProblem = textProblem(fileName);
        if (nameProblem) throw validationError([{ field: 'file', reason: `文件名${nameProblem}` }]);
        if (!orgId || !Number.isSafeInteger(orgId) || orgId <= 0) throw validationError([{ field: 'orgId', reason: '请选择导入到哪个工会' }]);
      } catch (error) {
        if (path) await rm(path, { force: true });
        throw error;
      }
      const { size } = await stat(path);
      const result = await imports.upload(actor, { orgId, fileName, path, temporary: true, wait: size <= SYNC_FILE_BYTES });
      return reply.status(result.state === 'uploaded' ? 202 : 201).send(result);
    },
  });

  r.get('/api/member-imports', {
    schema: {
      tags,
      summary: '导入记录 Imports',
      querystring: z.object({ orgId: z.coerce.number().int().positive().optional(), ...pageQuery }),
      response: { 200: pageOf(importSummary) },
    },
    handler: async (request) => imports.list(requireActor(request), request.query),
  });

  r.get('/api/member-imports/:id', {
    schema: { tags, summary: '导入预览：各类行数与读取进度 Preview counts and progress', params: idParam, response: { 200: importSummary } },
    handler: async (request) => imports.get(requireActor(request), request.params.id),
  });

  r.get('/api/member-imports/:id/rows', {
    schema: {
      tags,
      summary: '导入预览逐行结果 Preview lines',
      params: idParam,
      querystring: z.object({ outcome: outcome.optional(), ...pageQuery }),
      response: { 200: pageOf(importRow) },
    },
    handler: async (request) => imports.rows(requireActor(request), request.params.id, request.query),
  });

  r.post('/api/member-imports/:id/commit', {
    schema: {
      tags,
      summary: '确认导入（全部成功或全部不导入） Commit the preview, all or nothing',
      params: idParam,
      response: { 200: importSummary },
    },
    handler: async (request) => imports.commit(requireActor(request), request.params.id),
  });

  r.get('/api/member-imports/:id/report.xlsx', {
    schema: { tags, summary: '下载导入结果（xlsx，逐行结果与原因） Download the report', params: idParam },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      const imp = await imports.get(actor, request.params.id);
      // Refused before the download starts: once streaming, an error could only cut the file short.
      if (imp.linesPurgedAt) throw linesGone(imp);
      const base = imp.fileName.replace(/\.(xlsx|csv)$/i, '');
      return sendXlsx(request, reply, `${base}-导入结果.xlsx`, `import-${imp.id}-report.xlsx`, (out) => imports.writeReport(actor, imp.id, out));
    },
  });
}
