import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type RunningApp } from '../../bot/app';
import { loadConfig } from '../../bot/config/appConfig';

/** Two instances of the service on one data folder: only the job lease holder runs the dispatcher. */

let dataDir: string;
let first: RunningApp;
let second: RunningApp;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'pa-lease-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', DEMO_DATA: 'off' });
  const options = { reminders: false, actionNudges: false, concernEscalations: false };
  first = await createApp(config, options);
  second = await createApp(config, options);
});
afterAll(async () => {
  await second?.close();
  await first?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the job lease in local mode', () => {
  it('delivers through the first instance only; the second holds back', async () => {
    await first.store.outbox.enqueue({ id: 'ntf-lease-1', conversationKey: 'staff:nobody', recipientId: 'nobody', kind: 'allocation', payload: { card: { type: 'AdaptiveCard', version: '1.5', body: [] } }, priority: 'routine' });
    for (let i = 0; i < 40 && (await first.store.outbox.get('ntf-lease-1'))?.status === 'queued'; i++) await sleep(100);
    // Nobody of that id: undeliverable, and handled by the lease holder.
    expect((await first.store.outbox.get('ntf-lease-1'))?.status).toBe('undeliverable');
    expect(first.dispatcher?.tally.claimed).toBe(1);
    expect(second.dispatcher?.tally.claimed).toBe(0);
  });
});
