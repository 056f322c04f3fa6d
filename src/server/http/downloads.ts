import type { FastifyReply } from 'fastify';

/** Downloads of generated files: their types and the headers that name them safely. */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** `attachment` with a Chinese file name that every browser reads (RFC 6266 / 5987 filename*), and an ASCII fallback. */
export const attachment = (fileName: string, fallback: string) => `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/** A file made in memory, under its Chinese name (the ASCII fallback keeps what it can), never cached by a shared proxy. */
export function sendFile(reply: FastifyReply, body: Buffer, type: string, fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply.header('content-type', type).header('content-disposition', attachment(fileName, ascii)).header('cache-control', 'private, no-store').send(body);
}
