import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../bot/store/sqlite/openSqliteStore';
import { sqliteConversationStore } from '../../bot/store/sqlite/sqliteConversationStore';
import { SqliteConnection } from '../../bot/store/sqlite/sqliteRecord';
import { buildConversationRef as ref, runConversationStoreContract } from './conversationContract';

const dir = mkdtempSync(path.join(os.tmpdir(), 'practice-audit-conversations-'));
let fileNo = 0;
const opened: { close(): void }[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function open(file = path.join(dir, `c-${++fileNo}.db`)) {
  const db = openSqliteDatabase(file);
  opened.push(db);
  return { file, store: sqliteConversationStore(new SqliteConnection(db)) };
}

runConversationStoreContract('SQLite file', async () => open().store);

describe('SQLite conversation store only', () => {
  it('survives a reopen of the file', async () => {
    const first = open();
    await first.store.put(ref());
    opened.splice(0).forEach((db) => db.close());
    const second = open(first.file);
    expect(await second.store.getByTeamsUserId('29:user-1')).toEqual(ref());
  });
});
