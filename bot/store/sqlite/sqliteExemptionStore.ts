import { exemptionRequest, exemptionStatus, type ExemptionRequest } from '../../../shared/schemas/exemptions';
import type { ExemptionStore } from '../storeInterface';
import type { SqliteConnection } from './sqliteRecord';
import { SqliteVersionedTable } from './sqliteVersionedTable';

/** Requests to be excused from auditing, in SQLite (see the 'exemption requests' migration). */
export function sqliteExemptionStore(conn: SqliteConnection): ExemptionStore {
  const table = new SqliteVersionedTable<ExemptionRequest>(conn, {
    table: 'exemption_requests',
    entity: 'ExemptionRequest',
    schema: exemptionRequest,
    columns: { auditor_id: (r) => r.auditorId, status: (r) => r.status, created_at: (r) => r.createdAt },
  });
  return {
    get: async (id) => table.get(id),
    create: async (r) => table.write(r, null),
    update: async (r, expectedETag) => table.write(r, expectedETag),
    listByAuditor: async (auditorId, page) => table.page('auditor_id', auditorId, ['created_at', 'id'], page),
    listByStatus: async (status, page) => table.page('status', exemptionStatus.parse(status), ['created_at', 'id'], page),
  };
}
