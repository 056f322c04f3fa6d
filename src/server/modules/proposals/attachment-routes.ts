import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../http/auth.js';
import { idParam, noContent } from '../../http/schemas.js';
import { attachmentDownloadQuery, attachmentList, attachmentRow, readUpload, registerAttachmentUploads, sendAttachment } from '../../platform/attachments/http.js';
import { ATTACHMENT_PURPOSES, type AttachmentPurpose } from './attachments.js';
import type { ProposalService } from './service.js';

/** Which of a proposal's purposes a file is for (the list and rows are the platform's: attachments/http.ts). */
export const attachmentUploadQuery = z.object({
  purpose: z
    .enum(Object.keys(ATTACHMENT_PURPOSES) as [AttachmentPurpose, ...AttachmentPurpose[]], '请选择附件类别')
    .optional()
    .describe('material 提案材料（提案人）；progress 办理进展材料、answer 答复材料（承办单位）。不填为您可以上传的第一类'),
  progressId: z.coerce.number().int().positive().optional().describe('办理进展材料所属的那条办理进展'),
});
const attachmentParams = z.object({ id: z.coerce.number().int().positive(), attachmentId: z.coerce.number().int().positive() });

export async function proposalAttachmentRoutes(app: FastifyInstance, deps: { proposals: ProposalService }) {
  const { proposals } = deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['提案 proposals'];
  await registerAttachmentUploads(app);

  r.get('/api/proposals/:id/attachments', {
    schema: { tags, summary: '提案附件 Attachments of a proposal', params: idParam, response: { 200: attachmentList } },
    handler: async (request) => proposals.attachments(requireActor(request), request.params.id),
  });

  r.post('/api/proposals/:id/attachments', {
    schema: {
      tags,
      summary: '上传提案附件 Attach a file',
      description: 'multipart/form-data，字段 file：JPG、PNG、WebP 图片或 PDF，不超过 10 MB，每件提案最多 10 个。类型按文件内容识别；照片的位置等元数据在保存前去除。',
      consumes: ['multipart/form-data'],
      params: idParam,
      querystring: attachmentUploadQuery,
      response: { 201: attachmentRow },
    },
    handler: async (request, reply) => {
      const actor = requireActor(request);
      // Asked before the upload is read: a stranger's 10 MB is never taken in.
      await proposals.mayAttach(actor, request.params.id, request.query);
      const upload = await readUpload(request);
      return reply.status(201).send(await proposals.attach(actor, request.params.id, upload, request.query));
    },
  });

  r.get('/api/proposals/:id/attachments/:attachmentId', {
    schema: { tags, summary: '下载提案附件 Download an attachment', params: attachmentParams, querystring: attachmentDownloadQuery },
    handler: async (request, reply) => {
      const { row, bytes } = await proposals.attachment(requireActor(request), request.params.id, request.params.attachmentId);
      return sendAttachment(request, reply, row, bytes, request.query.inline === '1');
    },
  });

  r.delete('/api/proposals/:id/attachments/:attachmentId', {
    schema: { tags, summary: '删除提案附件（上传人） Delete an attachment', params: attachmentParams, response: { 204: noContent } },
    handler: async (request, reply) => {
      await proposals.removeAttachment(requireActor(request), request.params.id, request.params.attachmentId);
      return reply.status(204).send(null);
    },
  });
}
