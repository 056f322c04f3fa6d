import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { timestamp } from '../../http/schemas.js';
import { contentDisposition } from '../../http/downloads.js';
import { validationError } from '../errors.js';
import { extensionOf } from './content.js';
import { type AttachmentRow, MAX_ATTACHMENT_BYTES, type Upload } from './service.js';

/**
 * The HTTP side of attachments, for the routes of the modules that own them:
 * the upload's multipart parsing with its limits, the row as the API sends
 * it, and the download with headers that keep a file from acting as a page.
 */

/** An attachment as lists show it; `canDelete` is the owning module's answer for the actor. */
export const attachmentRow = z.object({
  id: z.number(),
  fileName: z.string(),
  contentType: z.string().describe('按文件内容识别的类型：image/jpeg、image/png、image/webp、application/pdf'),
  size: z.number().describe('字节数（照片已去除位置等元数据）'),
  image: z.boolean().describe('是图片：可按 ?inline=1 作缩略图显示'),
  purpose: z.string().nullable(),
  purposeLabel: z.string(),
  purposeId: z.number().nullable(),
  uploaderName: z.string(),
  uploadedAt: timestamp,
  canDelete: z.boolean(),
});
/** A record's attachments, what the actor may attach now (the owner's purposes) and the limits the page shows before the server decides. */
export const attachmentList = z.object({
  items: z.array(attachmentRow),
  canAttach: z.array(z.object({ purpose: z.string(), label: z.string() })).describe('您现在可以上传的附件类别；空为不能上传'),
  limits: z.object({
    maxBytes: z.number(),
    maxFiles: z.number(),
    types: z.array(z.object({ contentType: z.string(), extensions: z.array(z.string()) })),
  }),
});
export const attachmentDownloadQuery = z.object({ inline: z.enum(['1']).optional().describe('1：图片在页面中显示（缩略图）；其他文件总是下载') });

/** Register in the routes plugin that takes uploads: one file of at most 10 MB a request, names in UTF-8. */
export async function registerAttachmentUploads(app: FastifyInstance) {
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 5, parts: 6 }, defCharset: 'utf8' });
}

/** The form's field `file`, read into memory (10 MB at most), or a 400 naming `file`. */
export async function readUpload(request: FastifyRequest): Promise<Upload> {
  if (!request.isMultipart()) throw validationError([{ field: 'file', reason: '请以 multipart/form-data 方式上传文件' }]);
  let upload: Upload | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== 'file' || upload) {
        part.file.resume();
        continue;
      }
      upload = { fileName: part.filename ?? '', bytes: await part.toBuffer() };
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw validationError([{ field: 'file', reason: `文件超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB，请压缩后再上传` }]);
    if (code === 'FST_FILES_LIMIT') throw validationError([{ field: 'file', reason: '一次上传一个文件' }]);
    throw error;
  }
  if (!upload) throw validationError([{ field: 'file', reason: '请选择要上传的文件' }]);
  return upload;
}

/**
 * Send an attachment as a download (images may be shown inline, for thumbnails): the type detected at
 * upload, `nosniff`, a CSP that lets nothing run even if a browser opened it as a page, never cached.
 */
export function sendAttachment(request: FastifyRequest, reply: FastifyReply, row: AttachmentRow, bytes: Buffer, inline: boolean) {
  const etag = `"${row.sha256}"`;
  const disposition = inline && row.contentType.startsWith('image/') ? 'inline' : 'attachment';
  void reply
    .header('content-type', row.contentType)
    .header('content-disposition', contentDisposition(row.fileName, `attachment-${row.id}.${extensionOf(row.fileName) ?? 'bin'}`, disposition))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .header('etag', etag);
  if (request.headers['if-none-match'] === etag) return reply.status(304).send();
  return reply.send(bytes);
}
