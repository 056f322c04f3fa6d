import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApp, type TestApp, type TestClient } from '../support/app.js';

/** Pages read a workflow's states from the server (labels, tones, flags): no page spells a state. */
let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.login(ADMIN.username, ADMIN.password);
});
afterAll(() => t?.close());

describe('GET /api/workflows/:workflow', () => {
  it("gives each module's workflow its states in order, with tones and flags", async () => {
    const response = await admin.get('/api/workflows/membership');
    expect(response.statusCode, response.body).toBe(200);
    const { label, states } = response.json();
    expect(label).toBe('会籍');
    expect(states.map((s: { state: string }) => s.state)).toEqual(['active', 'retained', 'withdrawn', 'deemed_withdrawn', 'expelled', 'transferred']);
    const byState = Object.fromEntries(states.map((s: { state: string }) => [s.state, s]));
    expect(byState.active).toMatchObject({ label: '正常', tone: 'good', open: true, terminal: false, flags: ['continuing'] });
    expect(byState.expelled).toMatchObject({ tone: 'refused', terminal: true, flags: [] });
    // A terminal state without a declared tone is shown as ended; a transfer carries 会龄 on.
    expect(byState.withdrawn.tone).toBe('ended');
    expect(byState.transferred).toMatchObject({ tone: 'moved', flags: ['continuing'] });

    const joins = (await admin.get('/api/workflows/join_application')).json();
    // A state without a tone that is not terminal is waiting for someone.
    expect(joins.states.find((s: { state: string }) => s.state === 'pending')).toMatchObject({ tone: 'waiting', needsAttention: true });
    expect((await admin.get('/api/workflows/transfer')).json().states).toHaveLength(5);
  });

  it('is 404 for an unknown workflow and 401 without a session', async () => {
    const unknown = await admin.get('/api/workflows/nothing');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    expect((await t.app.inject({ method: 'GET', url: '/api/workflows/membership' })).statusCode).toBe(401);
  });
});
