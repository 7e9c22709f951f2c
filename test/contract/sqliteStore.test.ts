import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, migrations, type Migration } from '../../bot/store/sqlite/migrations';
import { openSqliteDatabase, openSqliteStore } from '../../bot/store/sqlite/openSqliteStore';
import { CorruptRecordError, DuplicateError, type Store } from '../../bot/store/storeInterface';
import type { TrailEntry } from '../../shared/schemas/trail';
import { buildAudit, buildStaff } from '../fixtures/builders';
import { runStoreContract } from './storeContract';

const dir = mkdtempSync(path.join(os.tmpdir(), 'practice-audit-store-'));
let fileNo = 0;
const freshFile = () => path.join(dir, `store-${++fileNo}.db`);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

runStoreContract('SQLite file', async () => openSqliteStore(freshFile()));
runStoreContract('SQLite in memory', async () => openSqliteStore(':memory:'));

const entry = (auditId: string, id: string): TrailEntry => ({
  id,
  auditId,
  at: '2026-11-23T10:00:00.000Z',
  actorId: 'staff-actor',
  kind: 'status',
  field: 'status',
  before: 'allocated',
  after: 'inProgress',
  textLengths: null,
});

describe('SQLite store only', () => {
  let file: string;
  let store: Store | null;
  beforeEach(() => {
    file = freshFile();
    store = null;
  });
  afterEach(async () => {
    await store?.close();
  });

  it('applies migrations once: reopening keeps the data and the schema version', async () => {
    store = openSqliteStore(file);
    const s = await store.staff.put(buildStaff(), null);
    await store.close();

    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(applyMigrations(raw)).toBe(0);
    raw.close();

    store = openSqliteStore(file);
    expect(await store.staff.get(s.id)).toEqual(s);
    await store.close();
    const again = new Database(file, { readonly: true });
    expect(again.pragma('user_version', { simple: true })).toBe(migrations.length);
    again.close();
  });

  it('turns on foreign keys and a busy timeout on each connection', () => {
    const db = openSqliteDatabase(file);
    try {
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
  });

  it('refuses a database from a newer build', () => {
    const raw = new Database(file);
    raw.pragma(`user_version = ${migrations.length + 1}`);
    raw.close();
    expect(() => openSqliteStore(file)).toThrow(/newer than this build/);
  });

  it('leaves nothing of a failed migration, and keeps the version', () => {
    const raw = new Database(file);
    try {
      const list: Migration[] = [
        { version: 1, name: 'one', sql: 'CREATE TABLE a (x TEXT);' },
        { version: 2, name: 'two', sql: 'CREATE TABLE b (x TEXT); INSERT INTO no_such_table VALUES (1);' },
      ];
      expect(() => applyMigrations(raw, list)).toThrow(/no_such_table/);
      expect(raw.pragma('user_version', { simple: true })).toBe(1);
      const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(['a']);
      expect(() => applyMigrations(raw, [list[1] as Migration])).toThrow(/expected 1/);
    } finally {
      raw.close();
    }
  });

  it('leaves nothing half-written when a trail insert fails inside an audit update', async () => {
    store = openSqliteStore(file);
    const a = buildAudit();
    const created = await store.audits.create(a, [entry(a.id, 'tr-1')]);
    // The second entry reuses an existing id: the unique index fails after the audit row was updated.
    const err = await store.audits
      .update({ ...a, status: 'inProgress' }, created.etag, [entry(a.id, 'tr-2'), entry(a.id, 'tr-1')])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DuplicateError);
    expect(await store.audits.get(a.id)).toEqual(created);
    expect((await store.trail.listByAudit(a.id)).items.map((t) => t.id)).toEqual(['tr-1']);
    // And the etag still works.
    const ok = await store.audits.update({ ...a, status: 'inProgress' }, created.etag, [entry(a.id, 'tr-2')]);
    expect(ok.status).toBe('inProgress');
  });

  it('keeps staff roles in step when a write fails part-way', async () => {
    store = openSqliteStore(file);
    await store.staff.put(buildStaff({ email: 'taken@council.example' }), null);
    const s = await store.staff.put(buildStaff({ jobRoles: ['qaLead'] }), null);
    await expect(store.staff.put({ ...s, jobRoles: ['teamManager'], email: 'taken@council.example' }, s.etag)).rejects.toBeInstanceOf(
      DuplicateError,
    );
    expect((await store.staff.listByRole('qaLead')).items.map((x) => x.id)).toEqual([s.id]);
    expect((await store.staff.listByRole('teamManager')).items).toEqual([]);
  });

  it('fails loudly, naming the record, when a stored row is corrupt', async () => {
    store = openSqliteStore(file);
    const a = await store.audits.create(buildAudit(), []);
    const s = await store.staff.put(buildStaff(), null);
    const raw = new Database(file);
    try {
      raw.prepare("UPDATE audits SET doc = json_set(doc, '$.status', 'lost') WHERE id = ?").run(a.id);
      raw.prepare("UPDATE staff SET doc = '{not json' WHERE id = ?").run(s.id);
    } finally {
      raw.close();
    }
    const auditErr = await store.audits.get(a.id).catch((e: unknown) => e);
    expect(auditErr).toBeInstanceOf(CorruptRecordError);
    expect((auditErr as Error).message).toContain(`Audit "${a.id}"`);
    expect((auditErr as Error).message).toContain('status');
    await expect(store.audits.listByAuditor(a.auditorId)).rejects.toBeInstanceOf(CorruptRecordError);
    await expect(store.staff.get(s.id)).rejects.toThrow(/does not parse/);
  });

  it('does not put a corrupt value into the error message', async () => {
    store = openSqliteStore(file);
    const a = await store.audits.create(buildAudit(), []);
    const raw = new Database(file);
    raw.prepare("UPDATE audits SET doc = json_set(doc, '$.form.caseProfile', 12345678) WHERE id = ?").run(a.id);
    raw.close();
    const err = await store.audits.get(a.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorruptRecordError);
    expect((err as Error).message).toContain('form.caseProfile');
    expect((err as Error).message).not.toContain('12345678');
  });

  it('sees writes made through another connection to the same file', async () => {
    store = openSqliteStore(file);
    const other = openSqliteStore(file);
    try {
      const s = await other.staff.put(buildStaff(), null);
      expect(await store.staff.get(s.id)).toEqual(s);
      const updated = await store.staff.put({ ...s, away: true }, s.etag);
      await expect(other.staff.put({ ...s, active: false }, s.etag)).rejects.toThrow(/changed by someone else/);
      expect(await other.staff.get(s.id)).toEqual(updated);
    } finally {
      await other.close();
    }
  });
});
