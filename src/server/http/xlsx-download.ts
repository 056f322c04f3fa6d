import { PassThrough, type Writable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { contentDisposition, XLSX_TYPE } from './downloads.js';

/**
 * Send an xlsx that `write` produces while it is being sent (never all in memory); a failure half-way
 * aborts the download rather than sending a broken file as complete.
 */
export function sendXlsx(request: FastifyRequest, reply: FastifyReply, fileName: string, fallback: string, write: (out: Writable) => Promise<unknown>) {
  const out = new PassThrough();
  write(out).catch((error: unknown) => {
    request.log.error({ err: error }, 'xlsx stream failed');
    out.destroy(error as Error);
  });
  return reply.header('content-type', XLSX_TYPE).header('content-disposition', contentDisposition(fileName, fallback)).header('cache-control', 'no-store').send(out);
}
