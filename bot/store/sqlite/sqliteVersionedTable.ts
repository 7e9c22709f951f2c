import type { z } from 'zod';
import { ConflictError, DuplicateError, NotFoundError, type Page, type PageRequest, type WithETag } from '../storeInterface';
import { keysetPage } from './sqliteKeyset';
import { decodeVersioned, isUniqueViolation, versionFromETag, withoutETag, type SqliteConnection, type VersionedRow } from './sqliteRecord';

export interface VersionedTableSpec<T extends { id: string }> {
  table: string;
  /** How the record is named in errors, e.g. "Audit". */
  entity: string;
  schema: z.ZodType<T>;
  /** The indexable columns (besides id, version, doc), each with how to read it from a record. */
  columns: Readonly<Record<string, (record: T) => string | null>>;
  /** Unique columns other than id, with how to name them in a DuplicateError. */
  unique?: readonly { column: string; key: string; value: (record: T) => string | null }[];
  /** Keeps side tables in step, inside the write's transaction. */
  afterWrite?: (record: T) => void;
}

/**
 * A table of versioned JSON records: create when no etag is given, otherwise
 * `UPDATE ... WHERE id = ? AND version = ?`. Methods are synchronous so callers can compose them
 * inside one transaction; the stores wrap them in promises.
 */
export class SqliteVersionedTable<T extends { id: string }> {
  private readonly columnNames: string[];

  constructor(
    private readonly conn: SqliteConnection,
    private readonly spec: VersionedTableSpec<T>,
  ) {
    // Column names come from the spec (constants), never from records.
    this.columnNames = Object.keys(spec.columns);
  }

  get entity(): string {
    return this.spec.entity;
  }

  get(id: string): WithETag<T> | null {
    return this.getBy('id', id);
  }

  getBy(column: string, value: string): WithETag<T> | null {
    const row = this.conn.stmt(`SELECT id, version, doc FROM ${this.spec.table} WHERE ${column} = ?`).get(value) as
      | VersionedRow
      | undefined;
    return row ? this.decode(row) : null;
  }

  /** Unpaged, for small lists only. `orderBy` is a constant SQL fragment. */
  listWhere(column: string | null, value: string | null, orderBy: string): WithETag<T>[] {
    const where = column ? ` WHERE ${column} = ?` : '';
    const stmt = this.conn.stmt(`SELECT id, version, doc FROM ${this.spec.table}${where} ORDER BY ${orderBy}`);
    const rows = (column ? stmt.all(value) : stmt.all()) as VersionedRow[];
    return rows.map((r) => this.decode(r));
  }

  /** Keyset page over `column = value`, ordered by `orderColumns` (the last must be `id`). */
  page(column: string, value: string, orderColumns: readonly string[], request?: PageRequest): Page<WithETag<T>> {
    return this.keyset(`${column} = ?`, value, orderColumns, request);
  }

  /** Keyset page over `from <= column < before`, ordered by `orderColumns` (the last must be `id`). */
  pageRange(column: string, range: { from: string; before: string }, orderColumns: readonly string[], request?: PageRequest): Page<WithETag<T>> {
    return this.keyset(`${column} >= ? AND ${column} < ?`, [range.from, range.before], orderColumns, request);
  }

  private keyset(filter: string, filterValue: string | readonly string[], orderColumns: readonly string[], request?: PageRequest): Page<WithETag<T>> {
    return keysetPage<VersionedRow, WithETag<T>>(
      this.conn,
      {
        select: `SELECT id, version, doc${orderColumns
          .filter((c) => c !== 'id')
          .map((c) => `, ${c}`)
          .join('')} FROM ${this.spec.table}`,
        filter,
        filterValue,
        keys: orderColumns.map((c) => ({ expr: c, alias: c, type: 'string' as const })),
      },
      request,
      (r) => this.decode(r),
    );
  }

  /** Creates (expectedETag null) or conditionally updates; returns the stored record with its new etag. */
  write(input: T, expectedETag: string | null): WithETag<T> {
    const record = this.spec.schema.parse(withoutETag(input));
    const doc = JSON.stringify(record);
    const values = this.columnNames.map((c) => this.spec.columns[c]?.(record) ?? null);
    return this.conn.tx(() => {
      this.checkUnique(record);
      let version: number;
      if (expectedETag === null) {
        if (this.exists(record.id)) throw new DuplicateError(this.spec.entity, 'id', record.id);
        version = 1;
        try {
          this.conn
            .stmt(
              `INSERT INTO ${this.spec.table} (id, version, ${this.columnNames.join(', ')}, doc) VALUES (?, 1, ${this.columnNames
                .map(() => '?')
                .join(', ')}, ?)`,
            )
            .run(record.id, ...values, doc);
        } catch (err) {
          // The checks above name the key; this is the backstop.
          if (isUniqueViolation(err)) throw new DuplicateError(this.spec.entity, 'id', record.id);
          throw err;
        }
      } else {
        const expected = versionFromETag(expectedETag);
        const changed =
          expected === null
            ? 0
            : this.conn
                .stmt(
                  `UPDATE ${this.spec.table} SET version = version + 1, ${this.columnNames
                    .map((c) => `${c} = ?`)
                    .join(', ')}, doc = ? WHERE id = ? AND version = ?`,
                )
                .run(...values, doc, record.id, expected).changes;
        if (changed === 0) {
          if (!this.exists(record.id)) throw new NotFoundError(this.spec.entity, record.id);
          throw new ConflictError(this.spec.entity, record.id);
        }
        version = (expected ?? 0) + 1;
      }
      this.spec.afterWrite?.(record);
      return { ...record, etag: String(version) };
    });
  }

  /** Conditional delete: NotFoundError if absent, ConflictError if the etag is stale. */
  remove(id: string, expectedETag: string): void {
    const expected = versionFromETag(expectedETag);
    this.conn.tx(() => {
      const changed = expected === null ? 0 : this.conn.stmt(`DELETE FROM ${this.spec.table} WHERE id = ? AND version = ?`).run(id, expected).changes;
      if (changed > 0) return;
      if (!this.exists(id)) throw new NotFoundError(this.spec.entity, id);
      throw new ConflictError(this.spec.entity, id);
    });
  }

  private exists(id: string): boolean {
    return this.conn.stmt(`SELECT 1 FROM ${this.spec.table} WHERE id = ?`).get(id) !== undefined;
  }

  private checkUnique(record: T): void {
    for (const u of this.spec.unique ?? []) {
      const value = u.value(record);
      if (value === null) continue;
      const taken = this.conn.stmt(`SELECT 1 FROM ${this.spec.table} WHERE ${u.column} = ? AND id <> ?`).get(value, record.id);
      if (taken !== undefined) throw new DuplicateError(this.spec.entity, u.key, value);
    }
  }

  private decode(row: VersionedRow): WithETag<T> {
    return decodeVersioned(this.spec.schema, this.spec.entity, row);
  }
}
