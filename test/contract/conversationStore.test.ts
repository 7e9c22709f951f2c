import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openSqliteDatabase } from '../../bot/store/sqlite/openSqliteStore';
import { sqliteConversationStore } from '../../bot/store/sqlite/sqliteConversationStore';
import { SqliteConnection } from '../../bot/store/sqlite/sqliteRecord';
import type { ConversationRef } from '../../bot/teams/conversationStore';

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

const ref = (over: Partial<ConversationRef> = {}): ConversationRef => ({
  userKey: 'oid-1',
  teamsUserId: '29:user-1',
  aadObjectId: 'oid-1',
  conversationId: 'a:personal-1',
  serviceUrl: 'http://localhost:5000/_connector',
  tenantId: 'tenant-1',
  botId: '28:bot',
  updatedAt: '2026-11-23T10:00:00.000Z',
  ...over,
});

describe('SQLite conversation store', () => {
  it('finds a saved reference by Entra object id and by Teams user id', async () => {
    const { store } = open();
    await store.put(ref());
    expect(await store.getByAad('oid-1')).toEqual(ref());
    expect(await store.getByTeamsUserId('29:user-1')).toEqual(ref());
    expect(await store.getByAad('oid-2')).toBeNull();
    expect(await store.getByTeamsUserId('29:user-2')).toBeNull();
  });

  it('replaces a person’s reference with the latest one', async () => {
    const { store } = open();
    await store.put(ref());
    await store.put(ref({ conversationId: 'a:personal-2', updatedAt: '2026-11-24T10:00:00.000Z' }));
    expect((await store.getByAad('oid-1'))?.conversationId).toBe('a:personal-2');
  });

  it('moves a person first seen without an Entra id to their Entra key, leaving one row', async () => {
    const { store } = open();
    await store.put(ref({ userKey: '29:user-1', aadObjectId: null, conversationId: 'a:old' }));
    expect(await store.getByAad('oid-1')).toBeNull();
    await store.put(ref({ conversationId: 'a:new' }));
    expect((await store.getByTeamsUserId('29:user-1'))?.conversationId).toBe('a:new');
    expect((await store.getByAad('oid-1'))?.userKey).toBe('oid-1');
  });

  it('keeps people apart', async () => {
    const { store } = open();
    await store.put(ref());
    await store.put(ref({ userKey: 'oid-2', aadObjectId: 'oid-2', teamsUserId: '29:user-2', conversationId: 'a:personal-9' }));
    expect((await store.getByAad('oid-1'))?.conversationId).toBe('a:personal-1');
    expect((await store.getByTeamsUserId('29:user-2'))?.conversationId).toBe('a:personal-9');
  });

  it('refuses an invalid reference and keeps what was there', async () => {
    const { store } = open();
    await store.put(ref());
    await expect(store.put(ref({ serviceUrl: 'not a url' }))).rejects.toThrow();
    expect(await store.getByAad('oid-1')).toEqual(ref());
  });

  it('survives a reopen of the file', async () => {
    const first = open();
    await first.store.put(ref());
    opened.splice(0).forEach((db) => db.close());
    const second = open(first.file);
    expect(await second.store.getByTeamsUserId('29:user-1')).toEqual(ref());
  });
});
