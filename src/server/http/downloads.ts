import type { FastifyReply } from 'fastify';

/** Downloads of generated files: their types and the headers that name them safely. */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** RFC 5987's attr-chars: encodeURIComponent leaves these five as they are. */
const encodeAttrValue = (text: string) => encodeURIComponent(text).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** A Content-Disposition with a Chinese file name that every browser reads (RFC 6266 / 5987 filename*), and an ASCII fallback. */
export const contentDisposition = (fileName: string, fallback: string, disposition: 'attachment' | 'inline' = 'attachment') =>
  `${disposition}; filename="${fallback}"; filename*=UTF-8''${encodeAttrValue(fileName)}`;

/** A file made in memory, under its Chinese name (the ASCII fallback keeps what it can), never cached by a shared proxy. */
export function sendFile(reply: FastifyReply, body: Buffer, type: string, fileName: string) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply.header('content-type', type).header('content-disposition', contentDisposition(fileName, ascii)).header('cache-control', 'private, no-store').send(body);
}
