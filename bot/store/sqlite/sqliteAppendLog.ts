import type { z } from 'zod';
import { DuplicateError, type Page, type PageRequest } from '../storeInterface';
import { keysetPage } from './sqliteKeyset';
import { decodeDoc, isUniqueViolation, type DocRow, type SqliteConnection } from './sqliteRecord';

/** An append-only table of entries about an audit, read back in the order written. */
export class SqliteAppendLog<T extends { id: string; auditId: string }> {
  constructor(
    private readonly conn: SqliteConnection,
    private readonly table: string,
    private readonly entity: string,
    private readonly schema: z.ZodType<T>,
  ) {}

  /** Synchronous, so it can join a caller's transaction. */
  append(input: T): void {
    const entry = this.schema.parse(input);
    try {
      this.conn.stmt(`INSERT INTO ${this.table} (id, audit_id, doc) VALUES (?, ?, ?)`).run(entry.id, entry.auditId, JSON.stringify(entry));
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateError(this.entity, 'id', entry.id);
      throw err;
    }
  }

  listByAudit(auditId: string, request?: PageRequest): Page<T> {
    return keysetPage<DocRow & { seq: number }, T>(
      this.conn,
      {
        select: `SELECT seq, id, doc FROM ${this.table}`,
        filter: 'audit_id = ?',
        filterValue: auditId,
        keys: [{ expr: 'seq', alias: 'seq', type: 'number' }],
      },
      request,
      (r) => decodeDoc(this.schema, this.entity, r),
    );
  }
}
