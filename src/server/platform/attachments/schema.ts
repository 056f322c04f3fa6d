import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, primaryKey, timestamp, varchar } from 'drizzle-orm/pg-core';
import { bytea, id, identityId, ltree, tenantId } from '../../db/columns.js';
import { pathCopies } from '../org-tree/paths.js';

/**
 * 附件: a photo or PDF attached to a record of a module (its owner: a
 * proposal, later a mediation case), in the owner's tenant and with a copy of
 * its org path. The bytes live in `attachment_contents`, which lists never
 * read (docs/architecture.md, Attachments).
 */
export const attachments = pgTable(
  'attachments',
  {
    tenantId: tenantId(),
    id: identityId(),
    /** What it is attached to: the owning module's word (`proposal`) and the record's id. */
    ownerKind: varchar('owner_kind', { length: 32 }).notNull(),
    ownerId: id('owner_id').notNull(),
    /** What it documents within the record, in the owning module's words (`answer`, `progress`), and which part (a progress post). */
    purpose: varchar('purpose', { length: 32 }),
    purposeId: id('purpose_id'),
    fileName: varchar('file_name', { length: 100 }).notNull(),
    /** Detected from the bytes, never taken from the client. */
    contentType: varchar('content_type', { length: 64 }).notNull(),
    /** Bytes as stored (after metadata was removed). */
    size: integer('size').notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    uploadedBy: id('uploaded_by').notNull(),
    uploaderName: varchar('uploader_name', { length: 50 }).notNull(),
    orgPath: ltree('org_path').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index('attachments_owner_idx').on(t.tenantId, t.ownerKind, t.ownerId, t.createdAt),
    index('attachments_path_gist').using('gist', t.orgPath),
    check('attachments_size_check', sql`${t.size} > 0`),
  ],
);

/** The bytes of an attachment, apart, so that no list or detail query reads them by accident. */
export const attachmentContents = pgTable(
  'attachment_contents',
  {
    tenantId: tenantId(),
    /** The attachment's id. */
    id: id('id').notNull(),
    bytes: bytea('bytes').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), foreignKey({ columns: [t.tenantId, t.id], foreignColumns: [attachments.tenantId, attachments.id] }).onDelete('cascade')],
);

export const attachmentsSubtreeMoved = pathCopies(attachments.orgPath);
