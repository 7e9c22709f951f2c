import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { Dispatcher } from '../../../bot/delivery/dispatcher';
import { openSqliteDatabase } from '../../../bot/store/sqlite/openSqliteStore';
import { sqliteOutboxStore } from '../../../bot/store/sqlite/sqliteOutboxStore';
import { SqliteConnection } from '../../../bot/store/sqlite/sqliteRecord';
import { startConnectorSimulator, type ConnectorSimulator } from './connectorSimulator';
import { fetchSend, notificationIdOf } from './fetchSend';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(path.join(os.tmpdir(), 'practice-audit-kill-'));
let sim: ConnectorSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('a dispatcher process killed with SIGKILL mid-round loses nothing; duplicates stay within the in-flight window', async () => {
  sim = await startConnectorSimulator({ seed: 3 });
  const file = path.join(dir, 'outbox.db');
  const db = openSqliteDatabase(file);
  const outbox = sqliteOutboxStore(new SqliteConnection(db));
  const total = 100;
  const maxInFlight = 10;
  for (let i = 0; i < total; i++) {
    await outbox.enqueue({ id: `n-${i}`, conversationKey: `conv-${i}`, recipientId: `staff-${i}`, kind: 'k', payload: { i }, priority: 'routine' });
  }

  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'dispatcherProcess.ts'), file, sim.url, String(maxInFlight)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));

  // Kill it once a good part of the round has gone out, while calls are in flight.
  const end = Date.now() + 15_000;
  while (sim.stats.accepted < 30 && Date.now() < end && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
  expect(sim.stats.accepted, stderr).toBeGreaterThanOrEqual(30);
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const deliveredBeforeRestart = sim.stats.accepted;
  expect(deliveredBeforeRestart).toBeLessThan(total);

  // Restart in this process: count what was in flight, then finish the round.
  const inFlightAtCrash = await outbox.resetSending();
  expect(inFlightAtCrash).toBeLessThanOrEqual(maxInFlight);
  const d = new Dispatcher({ outbox, send: fetchSend(sim.url, 2_000), maxInFlight, idleMs: 20 });
  d.start();
  const until = Date.now() + 15_000;
  for (;;) {
    const c = await outbox.countByStatus();
    if (c.queued === 0 && c.sending === 0) break;
    if (Date.now() > until) throw new Error(`not settled: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  await d.stop();
  db.close();

  const counts = sim.sendsBy(notificationIdOf);
  expect(counts.size).toBe(total); // nothing lost
  const duplicates = [...counts.values()].reduce((sum, c) => sum + (c - 1), 0);
  expect(duplicates).toBeLessThanOrEqual(inFlightAtCrash);
}, 40_000);
