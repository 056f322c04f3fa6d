import { createHash } from 'node:crypto';
import { and, asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../actor.js';
import { recordAudit } from '../audit/audit.js';
import { notFound, validationError } from '../errors.js';
import { ATTACHMENT_TYPES, BrokenImageError, detectType, extensionOf, pdfActiveContent, sanitizeFileName, withoutMetadata } from './content.js';
import { attachmentContents, attachments } from './schema.js';

/**
 * 附件 as a platform facility: the checks every upload gets (size, count,
 * type from the bytes, metadata removed, a safe name), storage, reading and
 * deleting. Who may attach, see or delete is the owning module's to decide:
 * it finds the owner record as the actor may see it (out of sight is 404)
 * and hands it here, with the transaction that holds it.
 */

/** Per file, after which the upload is refused. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** Per owner record. */
export const MAX_ATTACHMENTS_PER_OWNER = 10;

/** The record files are attached to, as its module found it for the actor. */
export interface AttachmentOwner {
  kind: string;
  id: number;
  tenantId: number;
  orgPath: string;
  /** How the audit log names it: 提案「…」. */
  label: string;
}

export interface Upload {
  fileName: string;
  bytes: Uint8Array;
}

export type AttachmentRow = typeof attachments.$inferSelect;

/** The owner's rows, on the index that leads the owner's list. */
const ofOwner = (owner: AttachmentOwner) => and(eq(attachments.tenantId, owner.tenantId), eq(attachments.ownerKind, owner.kind), eq(attachments.ownerId, owner.id));

const ALLOWED = Object.values(ATTACHMENT_TYPES)
  .map((t) => t.label)
  .join('、');
const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const fileIssue = (reason: string) => validationError([{ field: 'file', reason }]);

/**
 * The file as it will be stored, or a 400 naming `file`: one of the allowed
 * types by its bytes, the name's extension agreeing with them, an image whose
 * structure can be walked, a PDF that runs nothing.
 */
export function checkedUpload(upload: Upload) {
  if (upload.bytes.length === 0) throw fileIssue('文件是空的，请重新选择');
  if (upload.bytes.length > MAX_ATTACHMENT_BYTES) throw fileIssue(`文件超过 ${megabytes(MAX_ATTACHMENT_BYTES)}，请压缩后再上传`);
  const type = detectType(upload.bytes);
  if (!type) throw fileIssue(`只能上传 ${ALLOWED}（按文件内容识别，改扩展名无效）`);
  const spec = ATTACHMENT_TYPES[type];
  const extension = extensionOf(upload.fileName.trim());
  if (extension && !(spec.extensions as readonly string[]).includes(extension)) {
    throw fileIssue(`文件内容是${spec.label}，与扩展名 .${extension} 不符，请检查是否选错了文件`);
  }
  if (type === 'pdf' && pdfActiveContent(upload.bytes).length > 0) throw fileIssue('PDF 文件含有脚本或嵌入内容，不能上传；请另存为普通 PDF 后再上传');
  let bytes: Uint8Array;
  try {
    bytes = withoutMetadata(type, upload.bytes);
  } catch (error) {
    if (error instanceof BrokenImageError) throw fileIssue('图片文件已损坏，无法读取');
    throw error;
  }
  return { type, contentType: spec.contentType, fileName: sanitizeFileName(upload.fileName, type), bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export function createAttachmentService(deps: { db: Db; now?: () => Date }) {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());

  /** The owner's attachments, oldest first, without their bytes. */
  const list = (owner: AttachmentOwner, tx: Db = db) => tx.select().from(attachments).where(ofOwner(owner)).orderBy(asc(attachments.createdAt), asc(attachments.id));

  async function find(owner: AttachmentOwner, id: number, tx: Db = db): Promise<AttachmentRow> {
    const [row] = await tx
      .select()
      .from(attachments)
      .where(and(ofOwner(owner), eq(attachments.id, id)));
    if (!row) throw notFound('附件', 'attachment');
    return row;
  }

  return {
    list,
    find,

    /** An attachment as the API sends it (http.ts `attachmentRow`); what it documents and whether the actor may delete it are the owner's words. */
    shown: (row: AttachmentRow, purposeLabel: string, canDelete: boolean) => ({
      id: row.id,
      fileName: row.fileName,
      contentType: row.contentType,
      size: row.size,
      image: row.contentType.startsWith('image/'),
      purpose: row.purpose,
      purposeLabel,
      purposeId: row.purposeId,
      uploaderName: row.uploaderName,
      uploadedAt: row.createdAt,
      canDelete,
    }),

    /**
     * Store a file for the owner in the caller's transaction. The caller holds the owner's row locked
     * (`select … for update`), so two uploads at once count one after the other.
     */
    async store(tx: Db, actor: Actor, owner: AttachmentOwner, upload: Upload, about: { purpose?: string | null; purposeId?: number | null } = {}) {
      const file = checkedUpload(upload);
      const [{ n }] = await tx.select({ n: count() }).from(attachments).where(ofOwner(owner));
      if (n >= MAX_ATTACHMENTS_PER_OWNER) throw fileIssue(`每件最多 ${MAX_ATTACHMENTS_PER_OWNER} 个附件，请先删除不需要的附件`);
      const [row] = await tx
        .insert(attachments)
        .values({
          tenantId: owner.tenantId,
          ownerKind: owner.kind,
          ownerId: owner.id,
          purpose: about.purpose ?? null,
          purposeId: about.purposeId ?? null,
          fileName: file.fileName,
          contentType: file.contentType,
          size: file.bytes.length,
          sha256: file.sha256,
          uploadedBy: actor.userId!,
          uploaderName: actor.displayName,
          orgPath: owner.orgPath,
          createdAt: now(),
        })
        .returning();
      await tx.insert(attachmentContents).values({ tenantId: row.tenantId, id: row.id, bytes: Buffer.from(file.bytes) });
      await recordAudit(tx, actor, {
        action: 'attachment.create',
        entityType: 'attachment',
        entityId: row.id,
        tenantId: row.tenantId,
        orgPath: row.orgPath,
        summary: `上传附件「${row.fileName}」（${owner.label}）`,
        after: { ownerKind: owner.kind, ownerId: owner.id, purpose: row.purpose, fileName: row.fileName, contentType: row.contentType, size: row.size, sha256: row.sha256 },
      });
      return row;
    },

    /** An attachment of the owner with its bytes, or 404. */
    async content(owner: AttachmentOwner, id: number) {
      const row = await find(owner, id);
      const [content] = await db
        .select({ bytes: attachmentContents.bytes })
        .from(attachmentContents)
        .where(and(eq(attachmentContents.tenantId, row.tenantId), eq(attachmentContents.id, row.id)));
      if (!content) throw notFound('附件', 'attachment');
      return { row, bytes: content.bytes };
    },

    /** Delete an attachment (the caller has decided that the actor may), its bytes with it. */
    async remove(tx: Db, actor: Actor, owner: AttachmentOwner, row: AttachmentRow) {
      await tx.delete(attachments).where(and(eq(attachments.tenantId, row.tenantId), eq(attachments.id, row.id)));
      await recordAudit(tx, actor, {
        action: 'attachment.delete',
        entityType: 'attachment',
        entityId: row.id,
        tenantId: row.tenantId,
        orgPath: row.orgPath,
        summary: `删除附件「${row.fileName}」（${owner.label}）`,
        before: { ownerKind: owner.kind, ownerId: owner.id, purpose: row.purpose, fileName: row.fileName, contentType: row.contentType, size: row.size, sha256: row.sha256 },
      });
    },
  };
}

export type AttachmentService = ReturnType<typeof createAttachmentService>;
