import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { ATTACHMENT_TYPES } from '../../platform/attachments/content.js';
import { type AttachmentOwner, type AttachmentService, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_OWNER, type Upload } from '../../platform/attachments/service.js';
import { forbidden, validationError } from '../../platform/errors.js';
import { statesWith } from '../../platform/workflow/engine.js';
import type { ProposalRecords, ProposalRow } from './records.js';
import { proposalProgress } from './schema.js';
import { PROPOSAL_STATES } from './workflow.js';

/**
 * Photos and PDFs of a proposal (the platform's attachments, owner kind
 * `proposal`): the submitter attaches material while the proposal is
 * `editable`; a handler unit's account attaches to its progress reports and
 * its answer while the proposal is `handling`. Whoever sees the proposal sees
 * its files (records.ts `find`: out of sight is 404); the uploader deletes
 * their own while they could still attach it.
 */

/** What a file documents, who attaches it, and in which states (by the workflow's flags). */
export const ATTACHMENT_PURPOSES = {
  material: { label: '提案材料', by: 'submitter', flag: 'editable' },
  progress: { label: '办理进展材料', by: 'handler', flag: 'handling' },
  answer: { label: '答复材料', by: 'handler', flag: 'handling' },
} as const;
export type AttachmentPurpose = keyof typeof ATTACHMENT_PURPOSES;

const statesFor = (purpose: AttachmentPurpose) => statesWith(PROPOSAL_STATES, ATTACHMENT_PURPOSES[purpose].flag);

export const ownerOf = (row: ProposalRow): AttachmentOwner => ({ kind: 'proposal', id: row.id, tenantId: row.tenantId, orgPath: row.orgPath, label: `提案「${row.title}」` });

const purposeLabel = (purpose: string | null) => (purpose && Object.hasOwn(ATTACHMENT_PURPOSES, purpose) ? ATTACHMENT_PURPOSES[purpose as AttachmentPurpose].label : '附件');

export function createProposalAttachments(ctx: { db: Db; attachments: AttachmentService }, parts: { records: Pick<ProposalRecords, 'find' | 'recordOf'> }) {
  const { db, attachments } = ctx;
  const { find, recordOf } = parts.records;

  /** The purposes the actor may attach to now: as submitter while editable, as a handler while handling. */
  async function attachable(actor: Actor, row: ProposalRow, tx: Db = db): Promise<AttachmentPurpose[]> {
    const userId = actor.userId;
    if (userId === null) return [];
    const open = (Object.keys(ATTACHMENT_PURPOSES) as AttachmentPurpose[]).filter((purpose) => statesFor(purpose).includes(row.state));
    // Who handles it is read only when a handler's purpose is open.
    const isHandler = open.some((purpose) => ATTACHMENT_PURPOSES[purpose].by === 'handler') && (await recordOf(row, tx)).handlerUserIds.includes(userId);
    return open.filter((purpose) => (ATTACHMENT_PURPOSES[purpose].by === 'submitter' ? userId === row.submitterUserId : isHandler));
  }

  /** A progress post named by the upload must be one of this proposal's. */
  async function checkProgressPost(row: ProposalRow, progressId: number, tx: Db) {
    const [post] = await tx
      .select({ id: proposalProgress.id })
      .from(proposalProgress)
      .where(and(eq(proposalProgress.tenantId, row.tenantId), eq(proposalProgress.proposalId, row.id), eq(proposalProgress.id, progressId)));
    if (!post) throw validationError([{ field: 'progressId', reason: '找不到这条办理进展' }]);
  }

  /** The purpose asked for, or the first the actor may use (the submitter's material, a handler's progress); 403 when the actor may not. */
  async function purposeFor(actor: Actor, row: ProposalRow, asked: AttachmentPurpose | undefined, tx: Db) {
    const purposes = await attachable(actor, row, tx);
    const purpose = asked ?? purposes[0];
    if (!purpose || !purposes.includes(purpose)) {
      throw forbidden('现在不能为这件提案上传这类附件：提案人在草稿和征集附议时上传提案材料，承办单位在办理中上传办理材料', 'You may not attach such files to this proposal now');
    }
    return purpose;
  }

  return {
    /** The proposal's files, what the actor may attach now and the limits the page shows. */
    async list(actor: Actor, id: number) {
      const row = await find(actor, id);
      const [rows, purposes] = await Promise.all([attachments.list(ownerOf(row)), attachable(actor, row)]);
      return {
        items: rows.map((a) => attachments.shown(a, purposeLabel(a.purpose), a.uploadedBy === actor.userId && purposes.includes(a.purpose as AttachmentPurpose))),
        canAttach: purposes.map((purpose) => ({ purpose, label: ATTACHMENT_PURPOSES[purpose].label })),
        limits: { maxBytes: MAX_ATTACHMENT_BYTES, maxFiles: MAX_ATTACHMENTS_PER_OWNER, types: Object.values(ATTACHMENT_TYPES).map((t) => ({ contentType: t.contentType, extensions: [...t.extensions] })) },
      };
    },

    /** Whether the actor may attach (404, 403 otherwise): asked before an upload is read, and again with the file. */
    async mayAttach(actor: Actor, id: number, about: { purpose?: AttachmentPurpose }) {
      await purposeFor(actor, await find(actor, id), about.purpose, db);
    },

    /** Attach a file, for the purpose named or the first the actor may use. */
    async attach(actor: Actor, id: number, upload: Upload, about: { purpose?: AttachmentPurpose; progressId?: number }) {
      return db.transaction(async (tx) => {
        const row = await find(actor, id, tx, { lock: true });
        const purpose = await purposeFor(actor, row, about.purpose, tx);
        if (about.progressId !== undefined) {
          if (purpose !== 'progress') throw validationError([{ field: 'progressId', reason: '只有办理进展材料可以关联办理进展' }]);
          await checkProgressPost(row, about.progressId, tx);
        }
        const stored = await attachments.store(tx, actor, ownerOf(row), upload, { purpose, purposeId: about.progressId ?? null });
        return attachments.shown(stored, purposeLabel(stored.purpose), true);
      });
    },

    /** A file of a proposal the actor sees, with its bytes. */
    async content(actor: Actor, id: number, attachmentId: number) {
      return attachments.content(ownerOf(await find(actor, id)), attachmentId);
    },

    /** The uploader deletes their own file while they could still attach it. */
    async remove(actor: Actor, id: number, attachmentId: number) {
      await db.transaction(async (tx) => {
        const row = await find(actor, id, tx, { lock: true });
        const attachment = await attachments.find(ownerOf(row), attachmentId, tx);
        if (attachment.uploadedBy !== actor.userId) throw forbidden('只能删除自己上传的附件', 'Only the uploader may delete an attachment');
        if (!(await attachable(actor, row, tx)).includes(attachment.purpose as AttachmentPurpose)) throw forbidden('提案已进入下一环节，附件不能再删除', 'The attachment can no longer be deleted');
        await attachments.remove(tx, actor, ownerOf(row), attachment);
      });
    },
  };
}

export type ProposalAttachments = ReturnType<typeof createProposalAttachments>;
