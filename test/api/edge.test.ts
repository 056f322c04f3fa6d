import { connect } from 'node:net';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/server/demo/load.js';
import { registerErrorHandling } from '../../src/server/http/error-handler.js';
import { ADMIN, createTestApp, type TestApp, type TestClient } from '../support/app.js';
import { expectError, joinBody, newPerson } from '../support/members.js';
import { multipartBody, rosterCsv } from '../support/roster.js';

/**
 * DESIGN §5–§6 at the edge: bad input of any kind is a 400 naming the field,
 * never a 500; every error is in the project's shape and quotes nothing of
 * the request; API answers are not cached.
 */

let t: TestApp;
let admin: TestClient;
let ids: Record<string, number>;
let unionId: number;

beforeAll(async () => {
  t = await createTestApp();
  ids = await loadDemo(t.database.db, t.services);
  unionId = ids.jiada;
  admin = await t.login(ADMIN.username, ADMIN.password);
});
afterAll(() => t.close());

const fieldsOf = (response: { statusCode: number; body: string; json(): any }) => expectError(response, 400, 'VALIDATION').fields ?? [];

describe('control characters are refused at the edge, naming the field', () => {
  const CONTROL = '含有不允许的控制字符';

  it('NUL in the login form', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'ad\u0000min', password: 'x' } });
    expect(fieldsOf(response)).toEqual([{ field: 'username', reason: CONTROL }]);
  });

  it('NUL in the public join form', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/public/join', payload: joinBody(newPerson('林\u0000晓'), unionId) });
    expect(fieldsOf(response)).toEqual([{ field: 'name', reason: CONTROL }]);
  });

  it('NUL in a query string', async () => {
    expect(fieldsOf(await admin.get('/api/members?q=%00'))).toEqual([{ field: 'q', reason: CONTROL }]);
    expect(fieldsOf(await admin.get('/api/orgs?q=a%00b'))).toEqual([{ field: 'q', reason: CONTROL }]);
  });

  it('other C0 controls, DEL and lone surrogates; nested fields by their path', async () => {
    for (const bad of ['\u0001', '\u001b[31m', '\u007f', '\ud800', 'x\udc00']) {
      const response = await admin.post('/api/orgs', { parentId: unionId, name: `边界${bad}工会`, type: 'grassroots' });
      expect(fieldsOf(response), JSON.stringify(bad)).toEqual([{ field: 'name', reason: CONTROL }]);
    }
    const nested = await admin.post('/api/users', { username: 'edge_nested', displayName: '嵌套', homeOrgId: unionId, grants: [{ role: 'worker\u0000', orgId: unionId }] });
    expect(fieldsOf(nested)).toEqual([{ field: 'grants.0.role', reason: CONTROL }]);
  });

  it('a bad key is refused without being quoted', async () => {
    const response = await admin.post('/api/orgs', { parentId: unionId, name: '边界键工会', type: 'grassroots', ['x\u0000'.repeat(50)]: 1 });
    expect(fieldsOf(response)).toEqual([{ field: '请求体', reason: '字段名含有不允许的字符' }]);
  });

  it('a multipart file name, which no hook sees, is checked on its own: controls and length, on the file field', async () => {
    const upload = async (encodedName: string) => {
      const boundary = 'edge-boundary';
      const payload =
        `--${boundary}\r\nContent-Disposition: form-data; name="orgId"\r\n\r\n${unionId}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''${encodedName}\r\nContent-Type: text/csv\r\n\r\n${rosterCsv([newPerson('林晓')])}\r\n--${boundary}--\r\n`;
      return admin.request({ method: 'POST', url: '/api/member-imports', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    for (const name of ['a%00b.csv', 'bell%07.csv']) {
      expect(fieldsOf(await upload(name))).toEqual([{ field: 'file', reason: '文件名含有不允许的控制字符' }]);
    }
    expect(fieldsOf(await upload(`${'名'.repeat(300)}.csv`))).toEqual([{ field: 'file', reason: '文件名过长（最多 255 个字符），请改短后重新上传' }]);
    expect((await upload(encodeURIComponent('嘉达 花名册（2026）.csv'))).statusCode).toBe(201);
  });

  it('tab, line feed and carriage return pass', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'no\tsuch\r\nuser', password: 'x' } });
    expect(response.statusCode, response.body).toBe(401);
  });

  it('JSON nested 10,000 deep is refused, and the server stays up', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const response = await admin.request({ method: 'POST', url: '/api/orgs', headers: { 'content-type': 'application/json' }, payload: `{"name":${deep}}` });
    expect(fieldsOf(response)[0]).toMatchObject({ reason: expect.stringContaining('嵌套') });
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});

describe('impossible dates are a 400 naming the field', () => {
  it.each([
    ['/api/audit?from=9999-99-99', 'from'],
    ['/api/audit?to=2026-02-30', 'to'],
    ['/api/login-log?from=2026-13-01', 'from'],
    ['/api/login-log?to=2025-02-29', 'to'],
    ['/api/members?joinedFrom=2026-02-30', 'joinedFrom'],
    ['/api/calendar/add-working-days?from=2026-04-31&n=1', 'from'],
  ])('%s', async (url, field) => {
    expect(fieldsOf(await admin.get(url)).map((f: { field: string }) => f.field)).toEqual([field]);
  });

  it('in a body', async () => {
    const response = await admin.post('/api/orgs', { parentId: unionId, name: '日期测试工会', type: 'grassroots', foundedOn: '2026-02-30' });
    expect(fieldsOf(response).map((f: { field: string }) => f.field)).toEqual(['foundedOn']);
  });

  it('leap days that exist pass', async () => {
    expect((await admin.get('/api/audit?from=2024-02-29&to=2000-02-29')).statusCode).toBe(200);
  });
});

describe('a broken roster upload is a 400 naming the file field', () => {
  const upload = (payload: Buffer | string, contentType: string) =>
    admin.request({ method: 'POST', url: '/api/member-imports', payload, headers: { 'content-type': contentType } });

  it.each([
    ['no boundary', async () => upload((await multipartBody({ orgId: String(unionId) })).payload, 'multipart/form-data')],
    ['an empty boundary', async () => upload('--\r\n', 'multipart/form-data; boundary=')],
    ['a boundary of 300 characters', async () => upload('x', `multipart/form-data; boundary=${'b'.repeat(300)}`)],
    [
      'a field named after a prototype property',
      async () => {
        const form = await multipartBody({ constructor: '1' });
        return upload(form.payload, form.contentType);
      },
    ],
    ['a wrong boundary', async () => upload((await multipartBody({ orgId: String(unionId) }, { name: 'a.csv', content: '姓名\r\n' })).payload, 'multipart/form-data; boundary=----nothing-like-it')],
    [
      'a part cut short',
      async () => {
        const { payload, contentType } = await multipartBody({ orgId: String(unionId) }, { name: 'a.csv', content: '姓名,身份证号\r\n'.repeat(200) });
        return upload(payload.subarray(0, payload.length - 300), contentType);
      },
    ],
  ])('%s', async (_, send) => {
    const response = await send();
    expect(fieldsOf(response).map((f: { field: string }) => f.field)).toEqual(['file']);
  });
});

describe('every error is in our shape and quotes nothing of the request', () => {
  const expectQuotesNothing = (response: { body: string }, ...inputs: string[]) => {
    for (const input of inputs) expect(response.body).not.toContain(input);
  };

  it('an unknown route names the method only', async () => {
    const response = await admin.get('/api/no-such-thing-here?secret=abc');
    expect(expectError(response, 404, 'NOT_FOUND').message).toBe('接口不存在（GET）');
    expectQuotesNothing(response, 'no-such-thing-here', 'secret');
  });

  it('a path parameter longer than the router takes (was Fastify’s 414 quoting the URL)', async () => {
    const long = 'z'.repeat(500);
    const response = await admin.get(`/api/orgs/${long}`);
    expectError(response, 414, 'URI_TOO_LONG');
    expectQuotesNothing(response, long.slice(0, 20), '/api/orgs');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it.each(['/api/orgs/%zzsecret', '/api/%zzsecret'])('bad percent-encoding in the path: %s', async (url) => {
    const response = await admin.get(url);
    expectError(response, 400, 'VALIDATION');
    expectQuotesNothing(response, 'secret', '%zz');
  });

  it('a 4xx of a plugin the handler does not know gets a fixed text, not the plugin’s message', async () => {
    const bare = Fastify();
    registerErrorHandling(bare);
    bare.get('/plugin', async () => {
      throw Object.assign(new Error('Route GET:/plugin?secret=1 refused'), { statusCode: 405, code: 'FST_ERR_SOMETHING' });
    });
    const response = await bare.inject({ method: 'GET', url: '/plugin?secret=1' });
    expect(expectError(response, 400, 'VALIDATION').messageEn).toBe('The request is invalid');
    expectQuotesNothing(response, 'secret', '/plugin');
    await bare.close();
  });

  it('a refused JSON key does not quote the parser’s message', async () => {
    const response = await admin.request({ method: 'POST', url: '/api/orgs', headers: { 'content-type': 'application/json' }, payload: '{"__proto__":{"x":1}}' });
    expectError(response, 400, 'VALIDATION');
    expectQuotesNothing(response, '__proto__', 'prototype');
  });

  describe('over a real socket (what Node’s HTTP parser refuses before Fastify)', () => {
    let port: number;
    beforeAll(async () => {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = (t.app.server.address() as { port: number }).port;
    });

    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(request));
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
        socket.on('close', () => resolve(answer));
        socket.on('error', reject);
      });
    const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));

    it('a malformed request', async () => {
      const answer = await raw('GET /api/health HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n');
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(bodyOf(answer).error).toMatchObject({ code: 'VALIDATION', message: expect.any(String), messageEn: expect.any(String) });
    });

    it('a URL longer than the header limit', async () => {
      const answer = await raw(`GET /api/orgs?q=${'secret'.repeat(5000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1\.1 431 /);
      expect(bodyOf(answer).error.code).toBe('HEADERS_TOO_LARGE');
      expect(answer).not.toContain('secret');
    });
  });
});

describe('API answers are not cached', () => {
  it.each([
    ['a members list', () => admin.get('/api/members')],
    ['a login', () => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN })],
    ['an error', () => admin.get('/api/orgs/abc')],
    ['a 404', () => t.app.inject({ method: 'GET', url: '/api/nothing' })],
    ['an xlsx export', () => admin.get('/api/members/export.xlsx')],
    ['health', () => t.app.inject({ method: 'GET', url: '/api/health' })],
  ])('%s carries no-store', async (_, send) => {
    const response = await send();
    expect(response.statusCode, response.body.slice(0, 200)).toBeLessThan(500);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('the public API document may be cached', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.headers['cache-control']).toBeUndefined();
  });

  it('a route that chose its own policy keeps it', async () => {
    const response = await admin.get(`/api/member-reports/weekly/export.xlsx?orgId=${ids.pinghu}`);
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
  });
});
