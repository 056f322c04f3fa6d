import type { LightMyRequestResponse } from 'fastify';
import type { TestClient } from './app.js';

/** Helpers for roster uploads (member-import tests and the scope walk's fixtures). */

/** A multipart/form-data body, as a browser's FormData sends it. */
export async function multipartBody(fields: Record<string, string>, file?: { name: string; content: Buffer | string; type?: string }) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  if (file) form.append('file', new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const encoded = new Response(form);
  return { payload: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! };
}

/** POST /api/member-imports with the file and the union. */
export async function uploadRoster(client: TestClient, orgId: number | string, fileName: string, content: Buffer | string): Promise<LightMyRequestResponse> {
  const { payload, contentType } = await multipartBody({ orgId: String(orgId) }, { name: fileName, content });
  return client.request({ method: 'POST', url: '/api/member-imports', payload, headers: { 'content-type': contentType } });
}

/** A csv roster: header 姓名,身份证号,手机号 and one line per person. */
export const rosterCsv = (people: { name: string; residentId: string; phone?: string }[]) =>
  ['姓名,身份证号,手机号', ...people.map((p) => `${p.name},${p.residentId},${p.phone ?? ''}`)].join('\r\n') + '\r\n';
