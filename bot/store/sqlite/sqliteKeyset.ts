import { InvalidCursorError, pageLimit, type Page, type PageRequest } from '../storeInterface';
import type { SqliteConnection } from './sqliteRecord';

type KeyValue = string | number;

export interface KeysetQuery {
  /** `SELECT ... FROM ...` including every key alias. */
  select: string;
  /** The one selective condition, its `?`s bound to `filterValue` (a list, in order, for a range). */
  filter: string;
  filterValue: string | readonly string[];
  /** Sort key, most significant first; the last must be unique (id or seq). */
  keys: readonly { expr: string; alias: string; type: 'string' | 'number' }[];
}

/** The cursor is the last row's key, base64url-encoded JSON: opaque to callers, checked on the way in. */
export function encodeCursor(values: readonly KeyValue[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, types: readonly ('string' | 'number')[]): KeyValue[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(values) || values.length !== types.length) throw new InvalidCursorError();
  values.forEach((v, i) => {
    if (typeof v !== types[i]) throw new InvalidCursorError();
  });
  return values as KeyValue[];
}

/** Keyset paging: rows after the cursor's key, in key order; one extra row tells whether more follow. */
export function keysetPage<R extends object, T>(
  conn: SqliteConnection,
  q: KeysetQuery,
  request: PageRequest | undefined,
  map: (row: R) => T,
): Page<T> {
  const limit = pageLimit(request);
  const exprs = q.keys.map((k) => k.expr).join(', ');
  const params: KeyValue[] = typeof q.filterValue === 'string' ? [q.filterValue] : [...q.filterValue];
  let where = q.filter;
  if (request?.cursor) {
    const after = decodeCursor(
      request.cursor,
      q.keys.map((k) => k.type),
    );
    where += ` AND (${exprs}) > (${after.map(() => '?').join(', ')})`;
    params.push(...after);
  }
  const sql = `${q.select} WHERE ${where} ORDER BY ${exprs} LIMIT ?`;
  const rows = conn.stmt(sql).all(...params, limit + 1) as R[];
  const pageRows = rows.slice(0, limit);
  const last = pageRows[pageRows.length - 1];
  const next =
    rows.length > limit && last
      ? encodeCursor(
          q.keys.map((k) => {
            const v = (last as Record<string, unknown>)[k.alias];
            if (typeof v !== k.type) throw new Error(`Keyset column ${k.alias} has an unexpected type`);
            return v as KeyValue;
          }),
        )
      : null;
  return { items: pageRows.map(map), next };
}
