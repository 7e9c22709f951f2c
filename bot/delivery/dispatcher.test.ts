import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../store/sqlite/openSqliteStore';
import { sqliteOutboxStore } from '../store/sqlite/sqliteOutboxStore';
import { SqliteConnection } from '../store/sqlite/sqliteRecord';
import type { HttpResult } from './deliveryOutcome';
import { Dispatcher, type DispatcherOptions } from './dispatcher';
import type { OutboxNotification, OutboxStore } from './outboxStore';

// Scripted sends, no HTTP: the bookkeeping of one round. Delivery over real HTTP is tested in
// test/simulators/botConnector against the connector simulator.
let outbox: OutboxStore;
let close: () => void;
beforeEach(() => {
  const db = openSqliteDatabase(':memory:');
  outbox = sqliteOutboxStore(new SqliteConnection(db));
  close = () => db.close();
});
afterEach(() => close());

const ok = (id: string): HttpResult => ({ kind: 'response', status: 201, body: { id }, retryAfter: null });

async function add(id: string, conversationKey = `conv-${id}`, priority: 'urgent' | 'routine' = 'routine') {
  await outbox.enqueue({ id, conversationKey, recipientId: 'staff-1', kind: 'k', payload: { id }, priority });
}

function make(send: DispatcherOptions['send'], options: Partial<DispatcherOptions> = {}) {
  return new Dispatcher({ outbox, send, random: () => 0.5, backoff: { baseMs: 100, capMs: 1_000 }, ...options });
}

describe('Dispatcher.runOnce', () => {
  it('records each outcome and tallies the round', async () => {
    for (const id of ['a', 'b', 'c', 'd', 'e']) await add(id);
    const script: Record<string, HttpResult> = {
      a: ok('1:a'),
      b: { kind: 'response', status: 429, body: null, retryAfter: '2' },
      c: { kind: 'timeout' },
      d: { kind: 'response', status: 403, body: { error: { code: 'BotDisabledByAdmin' } }, retryAfter: null },
      e: { kind: 'response', status: 400, body: { error: { code: 'BadArgument' } }, retryAfter: null },
    };
    const before = Date.now();
    const d = make(async (n) => script[n.id] as HttpResult);
    expect(await d.runOnce()).toEqual({ claimed: 5, sent: 1, retried: 2, deferred: 0, failed: 1, undeliverable: 1 });
    const get = async (id: string) => (await outbox.get(id)) as OutboxNotification;
    expect(await get('a')).toMatchObject({ status: 'sent', activityId: '1:a' });
    // 429: not before Retry-After (2 s), plus jitter of at most baseMs.
    const b = await get('b');
    expect(b).toMatchObject({ status: 'queued', attempts: 1, lastError: '429' });
    expect(Date.parse(b.nextAttemptAt) - before).toBeGreaterThanOrEqual(2_000);
    expect(Date.parse(b.nextAttemptAt) - before).toBeLessThan(2_000 + 100 + 1_000);
    expect(await get('c')).toMatchObject({ status: 'queued', lastError: 'timed out' });
    expect(await get('d')).toMatchObject({ status: 'undeliverable', undeliverableReason: 'disabled' });
    expect(await get('e')).toMatchObject({ status: 'failed', lastError: '400 BadArgument' });
  });

  it('treats a send that throws as a network error and retries it', async () => {
    await add('a');
    const d = make(async () => {
      throw new Error('ECONNREFUSED');
    });
    expect(await d.runOnce()).toMatchObject({ retried: 1 });
    expect(await outbox.get('a')).toMatchObject({ status: 'queued', lastError: 'network: ECONNREFUSED' });
  });

  it('sends urgent ones first', async () => {
    await add('routine-1');
    await add('urgent-1', undefined, 'urgent');
    const order: string[] = [];
    const d = make(async (n) => {
      order.push(n.id);
      return ok(n.id);
    });
    await d.runOnce();
    expect(order).toEqual(['urgent-1', 'routine-1']);
  });

  it('puts back, without counting an attempt, what the limiter would hold too long', async () => {
    for (let i = 0; i < 9; i++) await add(`n-${i}`, 'one-chat');
    const sent: string[] = [];
    const d = make(
      async (n) => {
        sent.push(n.id);
        return ok(n.id);
      },
      { maxHoldMs: 100 },
    );
    const round = await d.runOnce();
    // 7 per second per conversation: the rest wait about a second, longer than the hold.
    expect(round).toMatchObject({ claimed: 9, sent: 7, deferred: 2 });
    const queued = (await outbox.listByStatus('queued')).items;
    expect(queued).toHaveLength(2);
    expect(queued.every((n) => n.attempts === 0 && Date.parse(n.nextAttemptAt) > Date.now())).toBe(true);
  });

  it('fails after maxAttempts calls', async () => {
    await add('a');
    const d = make(async () => ({ kind: 'response', status: 502, body: null, retryAfter: null }), { maxAttempts: 2, backoff: { baseMs: 0, capMs: 0 } });
    expect(await d.runOnce()).toMatchObject({ retried: 1 });
    expect(await d.runOnce()).toMatchObject({ failed: 1 });
    expect(await outbox.get('a')).toMatchObject({ status: 'failed', attempts: 2 });
  });
});
