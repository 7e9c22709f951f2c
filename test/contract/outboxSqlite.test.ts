import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../bot/store/sqlite/openSqliteStore';
import { sqliteOutboxStore } from '../../bot/store/sqlite/sqliteOutboxStore';
import { SqliteConnection } from '../../bot/store/sqlite/sqliteRecord';
import { CorruptRecordError } from '../../bot/store/storeInterface';
import { runOutboxContract } from './outboxContract';

const dir = mkdtempSync(path.join(os.tmpdir(), 'practice-audit-outbox-'));
let fileNo = 0;
const freshFile = () => path.join(dir, `outbox-${++fileNo}.db`);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function openOutbox(filename: string, clock?: () => Date) {
  const db = openSqliteDatabase(filename);
  return { db, outbox: sqliteOutboxStore(new SqliteConnection(db), clock), close: async () => void (db.open && db.close()) };
}

runOutboxContract('SQLite file', async (clock) => openOutbox(freshFile(), clock));
runOutboxContract('SQLite in memory', async (clock) => openOutbox(':memory:', clock));

describe('SQLite outbox only', () => {
  it('keeps queued and sending notifications across a reopen (a crash loses nothing written)', async () => {
    const file = freshFile();
    const first = openOutbox(file);
    for (let i = 0; i < 3; i++) {
      await first.outbox.enqueue({ id: `n-${i}`, conversationKey: 'c', recipientId: 's', kind: 'k', payload: { i }, priority: 'routine' });
    }
    await first.outbox.claimDue(new Date(), 2);
    first.db.close(); // no orderly shutdown
    const second = openOutbox(file);
    try {
      expect(await second.outbox.resetSending()).toBe(2);
      expect((await second.outbox.countByStatus()).queued).toBe(3);
    } finally {
      await second.close();
    }
  });

  it('fails loudly on a corrupt stored notification', async () => {
    const o = openOutbox(':memory:');
    try {
      await o.outbox.enqueue({ id: 'n-1', conversationKey: 'c', recipientId: 's', kind: 'k', payload: {}, priority: 'urgent' });
      o.db.prepare("UPDATE outbox SET doc = json_set(doc, '$.status', 'lost') WHERE id = 'n-1'").run();
      await expect(o.outbox.get('n-1')).rejects.toBeInstanceOf(CorruptRecordError);
    } finally {
      await o.close();
    }
  });
});
