import { PassThrough, type Writable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` with a Chinese file name that every browser reads (RFC 6266 filename*), and an ASCII fallback. */
const attachment = (fileName: string, fallback: string) => `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

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
  return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(fileName, fallback)).header('cache-control', 'no-store').send(out);
}
