import { PassThrough, type Writable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 5987's attr-chars: encodeURIComponent leaves these five as they are. */
const encodeAttrValue = (text: string) => encodeURIComponent(text).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A Content-Disposition with a Chinese file name that every browser reads (RFC 6266 filename*), and an ASCII fallback. */
export const contentDisposition = (fileName: string, fallback: string, disposition: 'attachment' | 'inline' = 'attachment') =>
  `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeAttrValue(fileName)}`;

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
