import { auditRound, type AuditRound } from '../../../shared/schemas/rounds';
import type { RoundStore } from '../storeInterface';
import type { SqliteConnection } from './sqliteRecord';
import { SqliteVersionedTable } from './sqliteVersionedTable';

export function sqliteRoundStore(conn: SqliteConnection): RoundStore {
  const table = new SqliteVersionedTable<AuditRound>(conn, {
    table: 'rounds',
    entity: 'Round',
    schema: auditRound,
    columns: { month: (r) => r.month },
  });
  return {
    get: async (id) => table.get(id),
    listByMonth: async (month, page) => table.page('month', month, ['id'], page),
    // The status is read from the record itself: rounds are few (tens a year), so no column or index is needed here.
    listByStatus: async (status, page) => table.page("json_extract(doc, '$.status')", status, ['id'], page),
    put: async (r, expectedETag) => table.write(r, expectedETag),
  };
}
