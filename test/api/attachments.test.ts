import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { greyJpeg, simplePdf, stationPhoto } from '../../src/server/demo/files.js';
import { DEMO_PASSWORD } from '../../src/server/demo/load.js';
import { auditLog } from '../../src/server/platform/audit/schema.js';
import { attachmentContents } from '../../src/server/platform/attachments/schema.js';
import { createAccount, type TestApp, type TestClient } from '../support/app.js';
import { expectError, pinghuDemo } from '../support/members.js';
import { multipartBody } from '../support/roster.js';

/**
 * 提案附件 (the platform's attachments as proposals use them): 范海珠 attaches
 * a photo of the riders' corner at 大润发 to her draft — its GPS position
 * removed —, 人社局 attaches its answer letter while handling; files are
 * checked by their bytes, limited in size and number, sent with headers that
 * keep them from acting as pages, and seen only by those who see the proposal.
 */

let t: TestApp;
let ids: Record<string, number>;
let fan: TestClient;
let rsj: TestClient;
let danghuStaff: TestClient;
let zhongdaiStaff: TestClient;
let pinghuStaff: TestClient;
let supervisor: TestClient;
let lu: TestClient;
let zhou: TestClient;
let jtj: TestClient;
let rsjUnit: number;
let jtjUnit: number;

type Row = { id: number; fileName: string; contentType: string; size: number; image: boolean; purpose: string | null; purposeLabel: string; uploaderName: string; canDelete: boolean };
type List = { items: Row[]; canAttach: { purpose: string; label: string }[]; limits: { maxBytes: number; maxFiles: number } };

/** An EXIF segment holding a GPS block, as a phone writes one (latitude seconds 12.34 = 1234/100). */
function gpsExif() {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4 + 2 + 12 + 4 + 24);
  tiff.write('MM\0\x2a\0\0\0\x08', 0, 'latin1');
  tiff.writeUInt16BE(1, 8);
  tiff.writeUInt16BE(0x8825, 10); // GPS IFD pointer
  tiff.writeUInt16BE(4, 12);
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt32BE(26, 18);
  tiff.writeUInt16BE(1, 26);
  tiff.writeUInt16BE(0x0002, 28); // latitude
  tiff.writeUInt16BE(5, 30);
  tiff.writeUInt32BE(3, 32);
  tiff.writeUInt32BE(44, 36);
  [30, 1, 42, 1, 1234, 100].forEach((n, i) => tiff.writeUInt32BE(n, 44 + i * 4));
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  return Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
}

async function upload(client: TestClient, proposalId: number, name: string, content: Buffer, query = ''): Promise<LightMyRequestResponse> {
  const { payload, contentType } = await multipartBody({}, { name, content, type: 'image/jpeg' });
  return client.request({ method: 'POST', url: `/api/proposals/${proposalId}/attachments${query}`, payload, headers: { 'content-type': contentType } });
}
async function uploaded(client: TestClient, proposalId: number, name: string, content: Buffer, query = '') {
  const response = await upload(client, proposalId, name, content, query);
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Row;
}
async function list(client: TestClient, proposalId: number) {
  const response = await client.get(`/api/proposals/${proposalId}/attachments`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as List;
}
const fileError = (response: LightMyRequestResponse) => {
  const error = expectError(response, 400, 'VALIDATION');
  expect(error.fields?.[0]?.field).toBe('file');
  return error.fields![0].reason as string;
};

async function act(client: TestClient, id: number, action: string, input?: unknown) {
  const response = await client.post(`/api/proposals/${id}/actions`, { action, ...(input === undefined ? {} : { input }) });
  expect(response.statusCode, `${action}: ${response.body}`).toBe(204);
}
async function draft(title = '在大润发超市周边增设一个职工驿站') {
  const response = await fan.post('/api/proposals', {
    title,
    field: 'new_forms',
    reasons: '大润发超市周边外卖订单集中，骑手午间和雨天没有歇脚、喝水、给电动车充电的地方，最近的驿站骑行要十五分钟。',
    suggestions: '请市总工会协调超市和街道，在超市周边选址新建一个职工驿站。',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id as number;
}
/** Drafted, submitted, co-signed, accepted, assigned to a unit and started by its account. */
async function handling(unit: number, handler: TestClient) {
  const id = await draft('督促企业落实快递员夏季高温津贴');
  await act(fan, id, 'submit');
  for (const rep of [lu, zhou]) expect((await rep.post(`/api/proposals/${id}/cosign`)).statusCode).toBe(204);
  await act(danghuStaff, id, 'start_review');
  await act(danghuStaff, id, 'accept');
  await act(pinghuStaff, id, 'assign', { leadHandlerId: unit });
  await act(handler, id, 'start');
  return id;
}

beforeAll(async () => {
  const demo = await pinghuDemo(() => '2025-09-22');
  ({ t, ids, pinghu: pinghuStaff, supervisor } = demo);
  danghuStaff = demo.danghu;
  zhongdaiStaff = demo.zhongdai;
  [fan, rsj] = await Promise.all(['fan_haizhu', 'rsj_handler'].map((u) => t.login(u, DEMO_PASSWORD)));
  const account = async (username: string, displayName: string, orgId: number, role: string) =>
    (await createAccount(t, demo.admin, { username, displayName, homeOrgId: orgId, grants: [{ role, orgId }] })).client;
  lu = await account('lu_haiyan', '陆海燕', ids.danghu, 'representative');
  zhou = await account('zhou_jianming', '周建明', ids.danghu, 'representative');
  jtj = await t.login('jtj_handler', DEMO_PASSWORD);
  const users = (await demo.admin.get('/api/users?pageSize=200')).json().items as { id: number; username: string }[];
  const unit = async (name: string, username: string) => {
    const created = await pinghuStaff.post('/api/handler-units', { orgId: ids.pinghu, name, kind: 'government' });
    expect(created.statusCode, created.body).toBe(201);
    const userId = users.find((u) => u.username === username)!.id;
    expect((await pinghuStaff.post(`/api/handler-units/${created.json().id}/accounts`, { userId })).statusCode).toBe(200);
    return created.json().id as number;
  };
  rsjUnit = await unit('平湖市人力资源和社会保障局', 'rsj_handler');
  jtjUnit = await unit('平湖市交通运输局', 'jtj_handler');
}, 120_000);
afterAll(() => t.close());

describe('the submitter’s photo', () => {
  let proposalId: number;
  let photo: Row;
  const original = greyJpeg(2, [gpsExif()]);

  beforeAll(async () => {
    proposalId = await draft();
  });

  it('is stored without its GPS position, listed with its name, size, type and uploader', async () => {
    const before = await list(fan, proposalId);
    expect(before.items).toEqual([]);
    expect(before.canAttach.map((p) => p.purpose)).toEqual(['material']);
    expect(before.limits).toMatchObject({ maxBytes: 10 * 1024 * 1024, maxFiles: 10 });

    photo = await uploaded(fan, proposalId, '大润发门口骑手歇脚处.jpg', original);
    expect(photo).toMatchObject({ fileName: '大润发门口骑手歇脚处.jpg', contentType: 'image/jpeg', image: true, purpose: 'material', purposeLabel: '提案材料', uploaderName: '范海珠', canDelete: true });
    expect(photo.size).toBe(greyJpeg(2).length);

    const [stored] = await t.database.db.select().from(attachmentContents).where(eq(attachmentContents.id, photo.id));
    expect(stored.bytes.equals(greyJpeg(2))).toBe(true);
    expect(stored.bytes.includes(Buffer.from([0x88, 0x25]))).toBe(false);
    expect((await list(fan, proposalId)).items.map((a) => a.fileName)).toEqual(['大润发门口骑手歇脚处.jpg']);

    const [audit] = await t.database.db
      .select({ summary: auditLog.summary })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'attachment.create'), eq(auditLog.entityId, String(photo.id))));
    expect(audit.summary).toBe('上传附件「大润发门口骑手歇脚处.jpg」（提案「在大润发超市周边增设一个职工驿站」）');
  });

  it('downloads with the detected type, as an attachment with its Chinese name, sandboxed, uncached, tagged by its hash', async () => {
    const response = await fan.get(`/api/proposals/${proposalId}/attachments/${photo.id}`);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(greyJpeg(2))).toBe(true);
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="attachment-${photo.id}.jpg"; filename*=UTF-8''${encodeURIComponent('大润发门口骑手歇脚处.jpg')}`);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(response.headers['cache-control']).toBe('private, no-store');
    const etag = `"${createHash('sha256').update(greyJpeg(2)).digest('hex')}"`;
    expect(response.headers.etag).toBe(etag);

    const thumbnail = await fan.get(`/api/proposals/${proposalId}/attachments/${photo.id}?inline=1`);
    expect(thumbnail.headers['content-disposition']).toMatch(/^inline; /);
    const unchanged = await fan.request({ method: 'GET', url: `/api/proposals/${proposalId}/attachments/${photo.id}`, headers: { 'if-none-match': etag } });
    expect(unchanged.statusCode).toBe(304);
  });

  it('a PDF is always a download, even asked inline', async () => {
    const pdf = await uploaded(fan, proposalId, '骑手联名信', simplePdf('骑手联名信', ['我们希望在大润发周边建一个驿站。']));
    expect(pdf).toMatchObject({ fileName: '骑手联名信.pdf', contentType: 'application/pdf', image: false });
    const response = await fan.get(`/api/proposals/${proposalId}/attachments/${pdf.id}?inline=1`);
    expect(response.headers['content-disposition']).toMatch(/^attachment; /);
    expect(response.headers['content-type']).toBe('application/pdf');
  });

  it('refuses files by what their bytes are, whatever they are called, naming the field', async () => {
    expect(fileError(await upload(fan, proposalId, '驿站.jpg', Buffer.concat([Buffer.from('MZ\x90\0\x03\0\0\0\x04\0', 'latin1'), Buffer.alloc(200)])))).toMatch(/只能上传.*按文件内容识别/);
    expect(fileError(await upload(fan, proposalId, '驿站.png', Buffer.from('<!doctype html><script>fetch("/api/auth/me")</script>')))).toMatch(/只能上传/);
    expect(fileError(await upload(fan, proposalId, '驿站.jpg', stationPhoto()))).toBe('文件内容是PNG 图片，与扩展名 .jpg 不符，请检查是否选错了文件');
    expect(fileError(await upload(fan, proposalId, '答复.pdf', Buffer.from('%PDF-1.4\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF', 'latin1')))).toMatch(/脚本/);
    expect(fileError(await upload(fan, proposalId, '坏图.jpg', greyJpeg(2).subarray(0, 30)))).toBe('图片文件已损坏，无法读取');
    expect(fileError(await upload(fan, proposalId, '空.png', Buffer.alloc(0)))).toMatch(/空/);
  });

  it('refuses a file over 10 MB and a request without a file', async () => {
    const big = Buffer.concat([greyJpeg(1).subarray(0, 20), Buffer.alloc(10 * 1024 * 1024)]);
    expect(fileError(await upload(fan, proposalId, '大图.jpg', big))).toMatch(/10 MB/);
    const { payload, contentType } = await multipartBody({ note: '没有文件' });
    fileError(await fan.request({ method: 'POST', url: `/api/proposals/${proposalId}/attachments`, payload, headers: { 'content-type': contentType } }));
    fileError(await fan.post(`/api/proposals/${proposalId}/attachments`, { file: 'x' }));
    expect((await list(fan, proposalId)).items).toHaveLength(2);
  });

  it('takes at most 10 files a proposal', async () => {
    for (let i = (await list(fan, proposalId)).items.length; i < 10; i++) await uploaded(fan, proposalId, `现场照片${i}.png`, stationPhoto());
    expect(fileError(await upload(fan, proposalId, '第十一张.png', stationPhoto()))).toMatch(/最多 10 个/);
  });

  it('is seen by nobody else while a draft, then by those who see the proposal, and never out of scope', async () => {
    expectError(await danghuStaff.get(`/api/proposals/${proposalId}/attachments`), 404, 'NOT_FOUND');
    expectError(await danghuStaff.get(`/api/proposals/${proposalId}/attachments/${photo.id}`), 404, 'NOT_FOUND');
    await act(fan, proposalId, 'submit');
    expect((await list(danghuStaff, proposalId)).items).toHaveLength(10);
    expect((await danghuStaff.get(`/api/proposals/${proposalId}/attachments/${photo.id}`)).statusCode).toBe(200);
    // 钟埭's staff and a handler unit it was never given to: the proposal and its files are not there for them.
    for (const stranger of [zhongdaiStaff, jtj]) {
      expectError(await stranger.get(`/api/proposals/${proposalId}/attachments`), 404, 'NOT_FOUND');
      expectError(await stranger.get(`/api/proposals/${proposalId}/attachments/${photo.id}`), 404, 'NOT_FOUND');
      expectError(await upload(stranger, proposalId, '照片.jpg', greyJpeg()), 404, 'NOT_FOUND');
      expectError(await stranger.delete(`/api/proposals/${proposalId}/attachments/${photo.id}`), 404, 'NOT_FOUND');
    }
    // Seeing is not attaching: the union's staff may not add files to a representative's proposal.
    expect((await list(danghuStaff, proposalId)).canAttach).toEqual([]);
    expectError(await upload(danghuStaff, proposalId, '照片.jpg', greyJpeg()), 403, 'FORBIDDEN');
  });

  it('is deleted by its uploader while the proposal is editable, audited; by nobody else', async () => {
    const rows = (await list(fan, proposalId)).items;
    expect(rows.every((r) => r.canDelete)).toBe(true);
    expect((await list(lu, proposalId)).items.every((r) => !r.canDelete)).toBe(true);
    expectError(await danghuStaff.delete(`/api/proposals/${proposalId}/attachments/${photo.id}`), 403, 'FORBIDDEN');

    expect((await fan.delete(`/api/proposals/${proposalId}/attachments/${rows[9].id}`)).statusCode).toBe(204);
    expectError(await fan.get(`/api/proposals/${proposalId}/attachments/${rows[9].id}`), 404, 'NOT_FOUND');
    expect(await t.database.db.select().from(attachmentContents).where(eq(attachmentContents.id, rows[9].id))).toEqual([]);
    const [audit] = await t.database.db.select({ summary: auditLog.summary }).from(auditLog).where(and(eq(auditLog.action, 'attachment.delete'), eq(auditLog.entityId, String(rows[9].id))));
    expect(audit.summary).toMatch(/^删除附件「现场照片9\.png」/);

    // Once the review group has it, the material stands as it was submitted.
    for (const rep of [lu, zhou]) expect((await rep.post(`/api/proposals/${proposalId}/cosign`)).statusCode).toBe(204);
    await act(danghuStaff, proposalId, 'start_review');
    expect((await list(fan, proposalId)).canAttach).toEqual([]);
    expectError(await fan.delete(`/api/proposals/${proposalId}/attachments/${photo.id}`), 403, 'FORBIDDEN');
    expectError(await upload(fan, proposalId, '补充.jpg', greyJpeg()), 403, 'FORBIDDEN');
  });
});

describe('the handler’s files', () => {
  let proposalId: number;

  beforeAll(async () => {
    proposalId = await handling(rsjUnit, rsj);
  });

  it('人社局 attaches its answer letter and a progress photo while handling', async () => {
    expect((await list(rsj, proposalId)).canAttach.map((p) => p.purpose)).toEqual(['progress', 'answer']);
    await act(rsj, proposalId, 'post_progress', { percent: 30, text: '已会同市场监管部门对 12 家快递网点开展高温津贴专项检查。' });
    const progressId = (await (await rsj.get(`/api/proposals/${proposalId}`)).json()).progress[0].id as number;
    const photo = await uploaded(rsj, proposalId, '检查现场.png', stationPhoto(), `?purpose=progress&progressId=${progressId}`);
    expect(photo).toMatchObject({ purpose: 'progress', purposeLabel: '办理进展材料' });
    const letter = await uploaded(rsj, proposalId, '答复函.pdf', simplePdf('关于督促企业落实快递员夏季高温津贴的答复', ['已对 12 家网点开展专项检查，责令 3 家补发津贴。']), '?purpose=answer');
    expect(letter).toMatchObject({ purpose: 'answer', purposeLabel: '答复材料', uploaderName: '人社局 劳动关系科' });

    expectError(await upload(rsj, proposalId, '照片.png', stationPhoto(), '?purpose=progress&progressId=999999'), 400, 'VALIDATION');
    expectError(await upload(rsj, proposalId, '照片.png', stationPhoto(), '?purpose=material'), 403, 'FORBIDDEN');
    // The submitter sees them, but attaches nothing while the unit handles it.
    expect((await list(fan, proposalId)).items.map((a) => [a.fileName, a.canDelete])).toEqual([
      ['检查现场.png', false],
      ['答复函.pdf', false],
    ]);
    expectError(await upload(fan, proposalId, '照片.jpg', greyJpeg()), 403, 'FORBIDDEN');
  });

  it('a handler unit’s account sees nothing of another unit’s proposal', async () => {
    const other = await handling(jtjUnit, jtj);
    const file = await uploaded(jtj, other, '现场.png', stationPhoto());
    expectError(await rsj.get(`/api/proposals/${other}/attachments`), 404, 'NOT_FOUND');
    expectError(await rsj.get(`/api/proposals/${other}/attachments/${file.id}`), 404, 'NOT_FOUND');
    // Nor through a proposal it does see: the file belongs to another.
    expectError(await rsj.get(`/api/proposals/${proposalId}/attachments/${file.id}`), 404, 'NOT_FOUND');
  });

  it('after the answer, the files stay and can no longer be deleted', async () => {
    await act(rsj, proposalId, 'answer', { category: 'A', answer: '已对 12 家网点开展专项检查，责令 3 家补发高温津贴，并在驿站张贴标准和投诉电话。' });
    const { items, canAttach } = await list(rsj, proposalId);
    expect(canAttach).toEqual([]);
    expect(items.map((a) => a.canDelete)).toEqual([false, false]);
    expectError(await rsj.delete(`/api/proposals/${proposalId}/attachments/${items[1].id}`), 403, 'FORBIDDEN');
    expect((await supervisor.get(`/api/proposals/${proposalId}/attachments/${items[1].id}`)).statusCode).toBe(200);
  });
});
