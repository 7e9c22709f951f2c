import { afterEach, describe, expect, it } from 'vitest';
import { startConnectorSimulator, type ConnectorSimulator, type SimulatorOptions } from './connectorSimulator';

let sim: ConnectorSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

async function start(options: SimulatorOptions = {}): Promise<ConnectorSimulator> {
  sim = await startConnectorSimulator(options);
  return sim;
}

async function post(s: ConnectorSimulator, conversationId: string, body: unknown = { type: 'message' }) {
  const res = await fetch(`${s.url}/v3/conversations/${encodeURIComponent(conversationId)}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json().catch(() => null)) as unknown };
}

describe('Bot Connector simulator', () => {
  it('accepts a send, returns an id, and records it; an update to that id is accepted', async () => {
    const s = await start();
    const r = await post(s, 'a:conv-1', { type: 'message', text: 'hello' });
    expect(r.status).toBe(201);
    const id = (r.body as { id: string }).id;
    expect(id).toMatch(/^1:sim-/);
    const put = await fetch(`${s.url}/v3/conversations/a%3Aconv-1/activities/${encodeURIComponent(id)}`, {
      method: 'PUT',
      body: JSON.stringify({ type: 'message', text: 'changed' }),
    });
    expect(put.status).toBe(200);
    const missing = await fetch(`${s.url}/v3/conversations/a%3Aconv-1/activities/nope`, { method: 'PUT', body: '{}' });
    expect(missing.status).toBe(404);
    expect(s.activities.map((a) => [a.kind, a.conversationId])).toEqual([
      ['send', 'a:conv-1'],
      ['update', 'a:conv-1'],
    ]);
  });

  it('enforces the per-conversation windows: the 8th call in a second is throttled with Retry-After', async () => {
    let t = 1_000_000;
    const s = await start({ now: () => t });
    for (let i = 0; i < 7; i++) expect((await post(s, 'c1')).status).toBe(201);
    const r = await post(s, 'c1');
    expect(r.status).toBe(429);
    expect(r.retryAfter).toBe('1');
    expect(r.body).toEqual({ error: { code: 'Throttled', message: 'Too many requests.' } });
    // Another conversation is unaffected.
    expect((await post(s, 'c2')).status).toBe(201);
    // After a second: the 8th fits the 2 s window, the 9th does not.
    t += 1_000;
    expect((await post(s, 'c1')).status).toBe(201);
    expect((await post(s, 'c1')).status).toBe(429);
    t += 1_000;
    expect((await post(s, 'c1')).status).toBe(201);
  });

  it('enforces the 60 per 30 s window with a multi-second Retry-After', async () => {
    let t = 5_000_000;
    const s = await start({ now: () => t });
    for (let i = 0; i < 60; i++) {
      expect((await post(s, 'c1')).status).toBe(201);
      t += 400; // 2.5 per second: under the 1 s and 2 s windows
    }
    const r = await post(s, 'c1');
    expect(r.status).toBe(429);
    // The first call was 24 s ago: it leaves the 30 s window in 6 s.
    expect(Number(r.retryAfter)).toBe(6);
  });

  it('enforces the global app limit across conversations (token bucket)', async () => {
    let t = 9_000_000;
    const s = await start({ now: () => t, appRps: 50 });
    let ok = 0;
    for (let i = 0; i < 60; i++) if ((await post(s, `conv-${i}`)).status === 201) ok += 1;
    expect(ok).toBe(50);
    expect(s.stats.throttled).toBe(10);
    t += 100; // refills 5 tokens
    let more = 0;
    for (let i = 60; i < 70; i++) if ((await post(s, `conv-${i}`)).status === 201) more += 1;
    expect(more).toBe(5);
  });

  it('injects faults for the next N calls, per conversation, with the documented bodies', async () => {
    const s = await start();
    s.inject({ conversationId: 'blocked', effect: { kind: 'forbidden', code: 'ConversationBlockedByUser' }, count: 2 });
    s.inject({ effect: { kind: 'serverError', status: 503 }, count: 1 });
    expect(await post(s, 'blocked')).toMatchObject({ status: 403, body: { error: { code: 'ConversationBlockedByUser' } } });
    expect((await post(s, 'other')).status).toBe(503);
    expect((await post(s, 'other')).status).toBe(201);
    expect((await post(s, 'blocked')).status).toBe(403);
    expect((await post(s, 'blocked')).status).toBe(201);
    s.inject({ effect: { kind: 'conversationNotFound' }, count: 1 });
    expect(await post(s, 'x')).toMatchObject({ status: 404, body: { error: { code: 'ConversationNotFound' } } });
    s.inject({ effect: { kind: 'preconditionFailed' }, count: 1 });
    expect((await post(s, 'x')).status).toBe(412);
    expect(s.stats).toEqual({ accepted: 2, throttled: 0, faulted: 5 });
  });

  it('injects faults with a seeded probability: same seed, same pattern', async () => {
    const pattern = async (seed: number) => {
      const s = await startConnectorSimulator({ seed, appRps: 1000 });
      try {
        s.inject({ effect: { kind: 'serverError', status: 502 }, probability: 0.5 });
        const out: number[] = [];
        for (let i = 0; i < 20; i++) out.push((await post(s, `c-${i}`)).status);
        return out;
      } finally {
        await s.close();
      }
    };
    const a = await pattern(7);
    expect(await pattern(7)).toEqual(a);
    expect(a.filter((x) => x === 502).length).toBeGreaterThan(3);
    expect(a.filter((x) => x === 201).length).toBeGreaterThan(3);
  });

  it('hangs a call past the client timeout and does not record it', async () => {
    const s = await start();
    s.inject({ effect: { kind: 'hang' }, count: 1 });
    const err = await fetch(`${s.url}/v3/conversations/c/activities`, {
      method: 'POST',
      body: '{}',
      signal: AbortSignal.timeout(150),
    }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('TimeoutError');
    expect((await post(s, 'c')).status).toBe(201);
    expect(s.activities).toHaveLength(1);
  });
});
