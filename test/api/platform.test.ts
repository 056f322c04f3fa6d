import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, type TestApp, type TestClient } from '../support/app.js';

let t: TestApp;
let admin: TestClient;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login(ADMIN.username, ADMIN.password);
});
afterAll(() => t.close());

describe('health and API documentation', () => {
  it('answers health with the database kind', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', db: t.database.kind });
  });

  it('serves the OpenAPI document and the browsable UI', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/orgs', '/api/orgs/{id}/move', '/api/audit']));
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('sends security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});

describe('errors are JSON with a clear message, never a 500', () => {
  const expectError = (response: { statusCode: number; json(): any }, status: number, code: string) => {
    expect(response.statusCode).toBe(status);
    const body = response.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(body.error.messageEn).toMatch(/[A-Za-z]/);
    return body.error;
  };

  it('malformed JSON', async () => {
    const response = await admin.request({ method: 'POST', url: '/api/orgs', headers: { 'content-type': 'application/json' }, payload: '{"parentId": 1,' });
    expectError(response, 400, 'VALIDATION');
  });

  it('wrong types name the field', async () => {
    const error = expectError(await admin.post('/api/orgs', { parentId: 'one', name: 5, type: 'town' }), 400, 'VALIDATION');
    expect(error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['parentId', 'name']));
  });

  it('oversized bodies', async () => {
    const response = await admin.post('/api/orgs', { parentId: 1, name: 'x'.repeat(2 * 1024 * 1024), type: 'province' });
    expectError(response, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('unsupported content types', async () => {
    const response = await admin.request({ method: 'POST', url: '/api/orgs', headers: { 'content-type': 'text/xml' }, payload: '<org/>' });
    expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('unknown routes', async () => {
    expectError(await admin.get('/api/no-such-thing'), 404, 'NOT_FOUND');
    expectError(await admin.request({ method: 'DELETE', url: '/api/orgs' }), 404, 'NOT_FOUND');
  });

  it('ids that do not exist or are malformed', async () => {
    expectError(await admin.get('/api/orgs/999999'), 404, 'NOT_FOUND');
    expectError(await admin.get('/api/orgs/abc'), 400, 'VALIDATION');
    expectError(await admin.get('/api/orgs/99999999999999999999999'), 400, 'VALIDATION');
  });

  it('impossible dates', async () => {
    expectError(await admin.get('/api/calendar/add-working-days?from=2025-02-30&n=3'), 400, 'VALIDATION');
    expectError(await admin.get('/api/audit?from=yesterday'), 400, 'VALIDATION');
  });

  it('requests without a session', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/orgs' }), 401, 'UNAUTHENTICATED');
  });
});
