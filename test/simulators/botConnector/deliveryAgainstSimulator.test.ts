import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Dispatcher, type DispatcherOptions } from '../../../bot/delivery/dispatcher';
import type { NewNotification, OutboxStore } from '../../../bot/delivery/outboxStore';
import { openSqliteDatabase } from '../../../bot/store/sqlite/openSqliteStore';
import { sqliteOutboxStore } from '../../../bot/store/sqlite/sqliteOutboxStore';
import { SqliteConnection } from '../../../bot/store/sqlite/sqliteRecord';
import { createRandom } from '../../../shared/random/seededRandom';
import { startConnectorSimulator, type ConnectorSimulator, type SimulatorOptions } from './connectorSimulator';
import { fetchSend, notificationIdOf } from './fetchSend';

// Real HTTP on loopback, real time: backoff is shortened so the suite stays quick.
const FAST = { backoff: { baseMs: 20, capMs: 200 }, idleMs: 20 } satisfies Partial<DispatcherOptions>;

let sim: ConnectorSimulator;
let outbox: OutboxStore;
let closeDb: () => void;
const dispatchers: Dispatcher[] = [];

async function setUp(simOptions: SimulatorOptions = {}) {
  sim = await startConnectorSimulator({ seed: 11, ...simOptions });
}

beforeEach(() => {
  const db = openSqliteDatabase(':memory:');
  outbox = sqliteOutboxStore(new SqliteConnection(db));
  closeDb = () => db.close();
});

afterEach(async () => {
  for (const d of dispatchers.splice(0)) d.kill();
  await sim.close();
  closeDb();
});

function dispatcher(options: Partial<DispatcherOptions> = {}, send = fetchSend(sim.url, 2_000)): Dispatcher {
  const random = createRandom(5);
  const errors: unknown[] = [];
  const d = new Dispatcher({ outbox, send, random: () => random.next(), onError: (e) => errors.push(e), ...FAST, ...options });
  dispatchers.push(d);
  return d;
}

async function enqueue(count: number, conversation: (i: number) => string, prefix = 'n'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const n: NewNotification = {
      id: `${prefix}-${i}`,
      conversationKey: conversation(i),
      recipientId: `staff-${i}`,
      kind: 'auditAllocated',
      payload: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: `Card ${i}` }] },
      priority: i % 5 === 0 ? 'urgent' : 'routine',
    };
    ids.push((await outbox.enqueue(n)).id);
  }
  return ids;
}

/** Waits until nothing is queued or sending. */
async function settled(timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const c = await outbox.countByStatus();
    if (c.queued === 0 && c.sending === 0) return;
    if (Date.now() > end) throw new Error(`not settled: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function deliveries(): Map<string, number> {
  return sim.sendsBy(notificationIdOf);
}

describe('Dispatcher against the Bot Connector simulator', () => {
  it('delivers every notification exactly once in normal operation, recording activity ids', async () => {
    await setUp();
    const ids = await enqueue(30, (i) => `conv-${i % 10}`);
    const d = dispatcher();
    d.start();
    await settled();
    await d.stop();
    const counts = deliveries();
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    const sent = (await outbox.listByStatus('sent')).items;
    expect(sent).toHaveLength(30);
    expect(sent.every((n) => n.activityId?.startsWith('1:sim-'))).toBe(true);
    expect(sim.stats.throttled).toBe(0); // the client-side limiter kept under the caps
  });

  it('rides out a 429 storm on the global cap: nothing lost, nothing twice', async () => {
    await setUp({ appRps: 10, appBurst: 10 });
    const ids = await enqueue(40, (i) => `conv-${i}`);
    // The client limiter is set far above the service's cap, so the service throttles.
    const d = dispatcher({ ratePerSecond: 1000, maxAttempts: 20 });
    d.start();
    await settled();
    await d.stop();
    expect(sim.stats.throttled).toBeGreaterThan(10);
    const counts = deliveries();
    expect(counts.size).toBe(ids.length);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    expect((await outbox.countByStatus()).sent).toBe(40);
    expect(d.tally.retried).toBe(sim.stats.throttled);
  });

  it('rides out per-conversation throttling, honouring Retry-After', async () => {
    await setUp();
    await enqueue(12, () => 'one-chat');
    // No client-side conversation windows: the service's 7 per second applies.
    const d = dispatcher({ conversationWindows: [], maxAttempts: 20 });
    const started = Date.now();
    d.start();
    await settled();
    await d.stop();
    expect(sim.stats.throttled).toBeGreaterThan(0);
    expect(deliveries().size).toBe(12);
    expect([...deliveries().values()].every((c) => c === 1)).toBe(true);
    // 12 in one chat cannot go faster than the 8-per-2-s window allows.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    const times = sim.activities.map((a) => a.at);
    for (const t of times) expect(times.filter((x) => x > t - 1000 && x <= t).length).toBeLessThanOrEqual(7);
  });

  it('retries 412, 5xx and timeouts until delivered', async () => {
    await setUp();
    sim.inject({ effect: { kind: 'serverError', status: 502 }, count: 3 });
    sim.inject({ effect: { kind: 'serverError', status: 503 }, count: 2 });
    sim.inject({ effect: { kind: 'serverError', status: 504 }, count: 2 });
    sim.inject({ effect: { kind: 'preconditionFailed' }, count: 1 });
    sim.inject({ effect: { kind: 'hang' }, count: 2 });
    const ids = await enqueue(10, (i) => `conv-${i}`);
    const d = dispatcher({ maxAttempts: 10 }, fetchSend(sim.url, 500));
    d.start();
    await settled();
    await d.stop();
    expect(sim.stats.faulted).toBe(10);
    const counts = deliveries();
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
    const sent = (await outbox.listByStatus('sent')).items;
    expect(sent.reduce((sum, n) => sum + n.attempts, 0)).toBe(20); // 10 deliveries + 10 failed calls
  });

  it('marks the 403/404 kinds undeliverable with their reason, without retrying', async () => {
    await setUp();
    sim.inject({ conversationId: 'conv-0', effect: { kind: 'forbidden', code: 'ConversationBlockedByUser' } });
    sim.inject({ conversationId: 'conv-1', effect: { kind: 'forbidden', code: 'BotNotInConversationRoster' } });
    sim.inject({ conversationId: 'conv-2', effect: { kind: 'forbidden', code: 'BotDisabledByAdmin' } });
    sim.inject({ conversationId: 'conv-3', effect: { kind: 'conversationNotFound' } });
    await enqueue(5, (i) => `conv-${i}`);
    const d = dispatcher();
    d.start();
    await settled();
    await d.stop();
    const undeliverable = (await outbox.listByStatus('undeliverable')).items;
    expect(Object.fromEntries(undeliverable.map((n) => [n.conversationKey, n.undeliverableReason]))).toEqual({
      'conv-0': 'blocked',
      'conv-1': 'uninstalled',
      'conv-2': 'disabled',
      'conv-3': 'notFound',
    });
    expect(undeliverable.find((n) => n.conversationKey === 'conv-3')?.lastError).toBe('404 ConversationNotFound');
    expect(sim.stats.faulted).toBe(4); // one call each
    expect((await outbox.listByStatus('sent')).items.map((n) => n.conversationKey)).toEqual(['conv-4']);
  });

  it('gives up after the bound into failed, which can be retried', async () => {
    await setUp();
    sim.inject({ conversationId: 'down', effect: { kind: 'serverError', status: 503 } });
    await enqueue(1, () => 'down');
    const d = dispatcher({ maxAttempts: 3 });
    d.start();
    await settled();
    await d.stop();
    const [failed] = (await outbox.listByStatus('failed')).items;
    expect(failed).toMatchObject({ attempts: 3, status: 'failed' });
    expect(failed?.lastError).toMatch(/gave up after 3 attempts; last: 503/);
    expect(sim.stats.faulted).toBe(3);

    sim.clearFaults();
    await outbox.requeue('n-0');
    const again = dispatcher();
    expect(await again.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(deliveries().get('n-0')).toBe(1);
  });

  it('after a crash between send and markSent: nothing lost, duplicates within the in-flight window, counted', async () => {
    await setUp();
    const ids = await enqueue(60, (i) => `conv-${i}`);
    const maxInFlight = 8;
    const realSend = fetchSend(sim.url, 2_000);
    let calls = 0;
    let victim: Dispatcher | null = null;
    // The process dies right after its 20th call reaches the service, before the outcome is stored.
    const crashingSend: DispatcherOptions['send'] = async (n) => {
      const result = await realSend(n);
      if (++calls === 20) victim?.kill();
      return result;
    };
    victim = dispatcher({ maxInFlight }, crashingSend);
    victim.start();
    const end = Date.now() + 10_000;
    while (calls < 20 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    expect(calls).toBeGreaterThanOrEqual(20);
    await new Promise((r) => setTimeout(r, 200)); // let the dead process's last calls land

    // Restart: whatever was 'sending' goes back to the queue, counted.
    const inFlightAtCrash = await outbox.resetSending();
    expect(inFlightAtCrash).toBeGreaterThan(0);
    expect(inFlightAtCrash).toBeLessThanOrEqual(maxInFlight);
    const fresh = dispatcher({ maxInFlight });
    fresh.start();
    await settled();
    await fresh.stop();

    const counts = deliveries();
    expect([...counts.keys()].sort()).toEqual([...ids].sort()); // nothing lost
    const duplicates = [...counts.values()].reduce((sum, c) => sum + (c - 1), 0);
    expect(duplicates).toBeGreaterThanOrEqual(1); // the call that reached the service before the crash
    expect(duplicates).toBeLessThanOrEqual(inFlightAtCrash);
    expect((await outbox.countByStatus()).sent).toBe(60);
  });
});
