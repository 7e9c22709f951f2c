/**
 * Fan-out of 2,000 cards to the Bot Connector simulator enforcing Teams' 50 messages per second
 * per app (429s come only from exceeding that cap). Prints the achieved rate as a percentage of
 * the cap (target ≥ 90 %), then the same round with the dispatcher process killed with SIGKILL
 * half-way and restarted: lost (target 0) and duplicated (target ≤ the in-flight window).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Dispatcher } from '../../bot/delivery/dispatcher';
import type { OutboxStore } from '../../bot/delivery/outboxStore';
import { openSqliteDatabase } from '../../bot/store/sqlite/openSqliteStore';
import { sqliteOutboxStore } from '../../bot/store/sqlite/sqliteOutboxStore';
import { SqliteConnection } from '../../bot/store/sqlite/sqliteRecord';
import { startConnectorSimulator } from '../simulators/botConnector/connectorSimulator';
import { fetchSend, notificationIdOf } from '../simulators/botConnector/fetchSend';

const total = Number(process.env.CARDS ?? 2000);
const cap = 50;
const rate = Number(process.env.RATE ?? 48);
const maxInFlight = 20;
const dir = mkdtempSync(path.join(os.tmpdir(), 'practice-audit-fanout-'));

async function fill(outbox: OutboxStore) {
  for (let i = 0; i < total; i++)
    await outbox.enqueue({ id: `n-${i}`, conversationKey: `conv-${i}`, recipientId: `staff-${i}`, kind: 'auditAllocated', payload: { i }, priority: 'routine' });
}

async function settled(outbox: OutboxStore, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const c = await outbox.countByStatus();
    if (c.queued === 0 && c.sending === 0) return;
    if (Date.now() > end) throw new Error(`not settled: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function steadyRound() {
  const sim = await startConnectorSimulator({ appRps: cap, seed: 1 });
  const db = openSqliteDatabase(path.join(dir, 'steady.db'));
  const outbox = sqliteOutboxStore(new SqliteConnection(db));
  await fill(outbox);
  const d = new Dispatcher({ outbox, send: fetchSend(sim.url, 5_000), ratePerSecond: rate, maxInFlight, idleMs: 10 });
  const started = performance.now();
  d.start();
  await settled(outbox, 10 * 60_000);
  const seconds = (performance.now() - started) / 1000;
  await d.stop();
  const achieved = total / seconds;
  console.log(
    `fan-out of ${total} cards at a ${cap}/s cap (client rate ${rate}/s): ${seconds.toFixed(1)} s, ${achieved.toFixed(1)} cards/s = ${((achieved / cap) * 100).toFixed(1)} % of the cap (target ≥ 90 %); 429s: ${sim.stats.throttled}`,
  );
  db.close();
  await sim.close();
}

async function killedRound() {
  const sim = await startConnectorSimulator({ appRps: cap, seed: 2 });
  const file = path.join(dir, 'killed.db');
  const db = openSqliteDatabase(file);
  const outbox = sqliteOutboxStore(new SqliteConnection(db));
  await fill(outbox);
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/simulators/botConnector/dispatcherProcess.ts'), file, sim.url, String(maxInFlight), String(rate)], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.on('exit', resolve));
  while (sim.stats.accepted < total / 2) await new Promise((r) => setTimeout(r, 5));
  child.kill('SIGKILL');
  await exited;
  const inFlight = await outbox.resetSending();
  const d = new Dispatcher({ outbox, send: fetchSend(sim.url, 5_000), ratePerSecond: rate, maxInFlight, idleMs: 10 });
  d.start();
  await settled(outbox, 10 * 60_000);
  await d.stop();
  const sends = sim.sendsBy(notificationIdOf);
  let lost = 0;
  let duplicated = 0;
  for (let i = 0; i < total; i++) {
    const n = sends.get(`n-${i}`) ?? 0;
    if (n === 0) lost++;
    if (n > 1) duplicated += n - 1;
  }
  console.log(`same round, dispatcher killed with SIGKILL half-way and restarted: lost ${lost} (target 0), duplicated ${duplicated} (in flight at the kill: ${inFlight}; window ${maxInFlight})`);
  db.close();
  await sim.close();
}

try {
  await steadyRound();
  await killedRound();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
