import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import type { Database } from '../../src/server/db/client.js';
import { chooseEncoding, registerCompression } from '../../src/server/http/compress.js';
import { isPrivateAddress } from '../../src/server/platform/public-url.js';
import { ADMIN, openTestDatabase, TEST_SECRET } from '../support/app.js';

/**
 * How the server sends the web app and the API: the phone paths get the phone
 * app's HTML and the rest the console's; the build's precompressed .br/.gz
 * when the browser takes them; hashed assets immutable for a year and the
 * HTML, the service worker and the manifest revalidated; API JSON compressed
 * on the fly. And the public base URL the QR codes use, with its warning.
 */

let app: FastifyInstance;
let database: Database;
let webDir: string;

const ASSET = 'assets/phone-Ab12Cd34.js';
const assetText = `console.log(${JSON.stringify('连心'.repeat(800))});`;

beforeAll(async () => {
  webDir = mkdtempSync(join(tmpdir(), 'lianxin-web-'));
  mkdirSync(join(webDir, 'assets'));
  mkdirSync(join(webDir, 'phone'));
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(webDir, 'phone/phone.html'), '<!doctype html><title>phone</title>');
  writeFileSync(join(webDir, 'phone/phone.html.br'), brotliCompressSync('<!doctype html><title>phone</title>'));
  writeFileSync(join(webDir, ASSET), assetText);
  writeFileSync(join(webDir, `${ASSET}.br`), brotliCompressSync(assetText));
  writeFileSync(join(webDir, `${ASSET}.gz`), gzipSync(assetText));
  writeFileSync(join(webDir, 'sw.js'), '// worker');
  database = await openTestDatabase();
  ({ app } = await buildApp({ trustProxy: false, secureCookies: false, webDir, logLevel: 'silent', secret: TEST_SECRET }, database));
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
  rmSync(webDir, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) => app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('the web app', () => {
  it('phone paths get phone.html, other pages index.html, both never cached', async () => {
    for (const path of ['/join/5', '/join/status/1/abc', '/transfer?to=3', '/me']) {
      const response = await get(path);
      expect(response.statusCode, path).toBe(200);
      expect(response.body, path).toContain('<title>phone</title>');
      expect(response.headers['cache-control'], path).toBe('no-cache');
    }
    for (const path of ['/', '/login', '/members', '/joined', '/mediation/cases']) {
      const response = await get(path);
      expect(response.body, path).toContain('<title>console</title>');
      expect(response.headers['cache-control'], path).toBe('no-cache');
    }
  });

  it('sends the precompressed file the browser takes, brotli first, and says it varies on that', async () => {
    const br = await get(`/${ASSET}`, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(assetText);
    const gz = await get(`/${ASSET}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(assetText);
    const plain = await get(`/${ASSET}`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(assetText);
    // The phone's HTML for a client-side route, compressed too.
    const html = await get('/join/5', 'br');
    expect(html.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(html.rawPayload).toString()).toContain('<title>phone</title>');
  });

  it('hashed assets are immutable for a year; the service worker is revalidated', async () => {
    expect((await get(`/${ASSET}`, 'br')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get('/sw.js')).headers['cache-control']).toBe('no-cache');
  });

  it('an unknown asset is a 404, not the HTML', async () => {
    expect((await get('/api/nothing-here')).statusCode).toBe(404);
  });
});

describe('API answers', () => {
  it('large JSON is compressed as the request accepts, small JSON and refusals are not', async () => {
    const br = await get('/api/openapi.json', 'gzip, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    const doc = JSON.parse(brotliDecompressSync(br.rawPayload).toString()) as { openapi: string };
    expect(doc.openapi).toMatch(/^3\./);
    expect(br.rawPayload.length).toBeLessThan(JSON.stringify(doc).length / 4);

    const gz = await get('/api/openapi.json', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(doc);

    const refused = await get('/api/openapi.json', 'br;q=0, gzip;q=0');
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.json()).toEqual(doc);

    const small = await get('/api/health', 'br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toMatchObject({ status: 'ok' });
  });

  it('a page-sized answer (compressed in its own turn) and a large one (in the thread pool) both decode to what was sent', async () => {
    const server = Fastify();
    registerCompression(server);
    server.get('/rows', async (request) => ({ items: Array.from({ length: Number((request.query as { n: string }).n) }, (_, i) => ({ id: i, name: `会员${i}`, union: '平湖嘉达光电科技有限公司工会' })) }));
    try {
      for (const n of [150, 3000]) {
        const sent = await server.inject({ method: 'GET', url: `/rows?n=${n}` });
        const size = sent.rawPayload.length;
        expect(size, String(n)).toBeGreaterThan(n === 150 ? 1024 : 64 * 1024);
        if (n === 150) expect(size).toBeLessThan(64 * 1024);
        for (const [accept, decode] of [
          ['br', brotliDecompressSync],
          ['gzip', gunzipSync],
        ] as const) {
          const response = await server.inject({ method: 'GET', url: `/rows?n=${n}`, headers: { 'accept-encoding': accept } });
          expect(response.headers['content-encoding'], `${n} ${accept}`).toBe(accept);
          expect(JSON.parse(decode(response.rawPayload).toString()), `${n} ${accept}`).toEqual(sent.json());
          expect(response.rawPayload.length).toBeLessThan(size / 3);
        }
      }
    } finally {
      await server.close();
    }
  });

  it('reads Accept-Encoding as written', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip;q=1.0, br;q=0')).toBe('gzip');
    expect(chooseEncoding('identity')).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
  });
});

describe('the public base URL', () => {
  afterEach(() => {
    delete process.env.LIANXIN_PUBLIC_URL;
  });

  const session = async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: ADMIN.username, password: ADMIN.password } });
    expect(login.statusCode, login.body).toBe(200);
    return { cookies: { lx_session: login.cookies.find((c) => c.name === 'lx_session')!.value }, csrfToken: login.json().csrfToken as string };
  };
  const signedIn = async () => {
    const { cookies } = await session();
    return (host: string) => app.inject({ method: 'GET', url: '/api/public-url', headers: { host }, cookies });
  };

  it('without LIANXIN_PUBLIC_URL, the address the browser used, flagged when a phone could not reach it', async () => {
    const ask = await signedIn();
    expect((await ask('localhost:3000')).json()).toEqual({ url: 'http://localhost:3000', configured: false, private: true });
    expect((await ask('192.168.1.20:3000')).json()).toMatchObject({ private: true });
    expect((await ask('lianxin.pinghu.gov.cn')).json()).toEqual({ url: 'http://lianxin.pinghu.gov.cn', configured: false, private: false });
  });

  it('with LIANXIN_PUBLIC_URL, that address whatever the browser used', async () => {
    process.env.LIANXIN_PUBLIC_URL = 'https://lianxin.example.org/';
    const ask = await signedIn();
    expect((await ask('localhost:3000')).json()).toEqual({ url: 'https://lianxin.example.org', configured: true, private: false });
  });

  it('set by an administrator on 参数设置, that address before LIANXIN_PUBLIC_URL and the browser’s; reset, the environment’s again', async () => {
    process.env.LIANXIN_PUBLIC_URL = 'http://192.168.1.20:3000';
    const { cookies, csrfToken } = await session();
    const ask = await signedIn();
    expect((await ask('localhost:3000')).json()).toEqual({ url: 'http://192.168.1.20:3000', configured: true, private: true });
    const change = (payload: Record<string, unknown>) =>
      app.inject({ method: 'PUT', url: '/api/settings/platform.publicBaseUrl', payload, cookies, headers: { 'x-csrf-token': csrfToken } });
    const refused = await change({ value: 'lianxin.pinghu.gov.cn', version: 0 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([{ field: 'value', reason: '请填写以 http:// 或 https:// 开头的网址，末尾不带 /' }]);
    const saved = await change({ value: 'https://lianxin.pinghu.gov.cn', version: 0 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await ask('localhost:3000')).json()).toEqual({ url: 'https://lianxin.pinghu.gov.cn', configured: true, private: false });
    delete process.env.LIANXIN_PUBLIC_URL;
    expect((await ask('10.0.0.5')).json()).toEqual({ url: 'https://lianxin.pinghu.gov.cn', configured: true, private: false });
    expect((await change({ reset: true, version: 1 })).statusCode).toBe(200);
    expect((await ask('10.0.0.5')).json()).toEqual({ url: 'http://10.0.0.5', configured: false, private: true });
  });

  it('is for signed-in staff only', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/public-url' })).statusCode).toBe(401);
  });

  it('knows loopback, private, link-local and intranet names', () => {
    for (const url of ['http://localhost:3930', 'http://127.0.0.1', 'http://10.1.2.3', 'http://172.20.0.1', 'http://192.168.0.8', 'http://169.254.1.1', 'http://[::1]:3000', 'http://[fd00::1]', 'http://lianxin.local', 'http://intranet', 'http://100.64.0.1']) {
      expect(isPrivateAddress(url), url).toBe(true);
    }
    for (const url of ['https://lianxin.example.org', 'http://8.8.8.8', 'http://172.32.0.1', 'https://gh.pinghu.gov.cn:8443']) {
      expect(isPrivateAddress(url), url).toBe(false);
    }
  });
});
