import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { CorruptRecordError, type WithETag } from '../storeInterface';

/** A prepared-statement cache over one connection; SQL strings here are constants, never input. */
export class SqliteConnection {
  private readonly statements = new Map<string, Database.Statement>();
  constructor(readonly db: Database.Database) {}

  stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** Runs `fn` in one transaction (a savepoint when nested); all or nothing. */
  tx<R>(fn: () => R): R {
    return this.db.transaction(fn).immediate();
  }
}

export interface DocRow {
  id: string;
  doc: string;
}

export interface VersionedRow extends DocRow {
  version: number;
}

/** Parses a stored doc against its schema; a row that no longer fits fails loudly, naming the record. */
export function decodeDoc<T>(schema: z.ZodType<T>, entity: string, row: DocRow): T {
  let raw: unknown;
  try {
    raw = JSON.parse(row.doc);
  } catch {
    throw new CorruptRecordError(entity, row.id, 'the stored JSON does not parse');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    // Paths and messages only: zod's messages do not repeat the stored values, which may be about a child.
    const detail = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
      .join('; ');
    throw new CorruptRecordError(entity, row.id, detail);
  }
  const value = parsed.data;
  if (typeof value === 'object' && value !== null && 'id' in value && value.id !== row.id) {
    throw new CorruptRecordError(entity, row.id, 'the stored record carries a different id');
  }
  return value;
}

export function decodeVersioned<T>(schema: z.ZodType<T>, entity: string, row: VersionedRow): WithETag<T> {
  return { ...decodeDoc(schema, entity, row), etag: String(row.version) };
}

/** Drops an `etag` property a caller may pass back, so strict schemas still accept the record. */
export function withoutETag<T extends object>(input: T): Omit<T, 'etag'> {
  if (!('etag' in input)) return input;
  const { etag: _etag, ...rest } = input as T & { etag: unknown };
  return rest;
}

/** Etags are the row version as a decimal string; anything else can never match. */
export function versionFromETag(etag: string): number | null {
  return /^[1-9]\d{0,14}$/.test(etag) ? Number(etag) : null;
}

export function isUniqueViolation(err: unknown): boolean {
  return (
    err instanceof Error &&
    'code' in err &&
    (err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}
