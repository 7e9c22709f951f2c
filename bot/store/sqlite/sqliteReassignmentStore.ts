import { reassignmentRequest, type ReassignmentRequest } from '../../../shared/schemas/reassignments';
import { NotFoundError, type ReassignmentStore } from '../storeInterface';
import { keysetPage } from './sqliteKeyset';
import { decodeDoc, type DocRow, type SqliteConnection } from './sqliteRecord';

const ENTITY = 'ReassignmentRequest';

/** Requests to reassign an audit, in SQLite (see the 'reassignment requests' migration). */
export function sqliteReassignmentStore(conn: SqliteConnection): ReassignmentStore {
  const decode = (row: DocRow): ReassignmentRequest => decodeDoc(reassignmentRequest, ENTITY, row);
  const getSync = (id: string): ReassignmentRequest | null => {
    const row = conn.stmt('SELECT id, doc FROM reassignment_requests WHERE id = ?').get(id) as DocRow | undefined;
    return row ? decode(row) : null;
  };
  const write = (r: ReassignmentRequest, insert: boolean): void => {
    const sql = insert
      ? 'INSERT INTO reassignment_requests (audit_id, status, created_at, doc, id) VALUES (?, ?, ?, ?, ?)'
      : 'UPDATE reassignment_requests SET audit_id = ?, status = ?, created_at = ?, doc = ? WHERE id = ?';
    conn.stmt(sql).run(r.auditId, r.status, r.createdAt, JSON.stringify(r), r.id);
  };
  return {
    get: async (id) => getSync(id),
    async createOpen(request) {
      const valid = reassignmentRequest.parse(request);
      return conn.tx(() => {
        const open = conn
          .stmt("SELECT id, doc FROM reassignment_requests WHERE audit_id = ? AND status = 'open' ORDER BY id LIMIT 1")
          .get(valid.auditId) as DocRow | undefined;
        if (open) return { request: decode(open), created: false };
        // The id is derived from the audit id and the request's number, so a replay lands on the same row.
        const existing = getSync(valid.id);
        if (existing) return { request: existing, created: false };
        write(valid, true);
        return { request: valid, created: true };
      });
    },
    async countByAudit(auditId) {
      const row = conn.stmt('SELECT COUNT(*) AS n FROM reassignment_requests WHERE audit_id = ?').get(auditId) as { n: number };
      return row.n;
    },
    listByStatus: async (status, page) =>
      keysetPage<DocRow & { created_at: string }, ReassignmentRequest>(
        conn,
        {
          select: 'SELECT id, doc, created_at FROM reassignment_requests',
          filter: 'status = ?',
          filterValue: reassignmentRequest.shape.status.parse(status),
          keys: [
            { expr: 'created_at', alias: 'created_at', type: 'string' },
            { expr: 'id', alias: 'id', type: 'string' },
          ],
        },
        page,
        decode,
      ),
    async resolve(id, resolvedById, resolvedAt, outcome = { outcome: 'dealtWith' }) {
      return conn.tx(() => {
        const current = getSync(id);
        if (!current) throw new NotFoundError(ENTITY, id);
        if (current.status === 'resolved') return current;
        const resolved = reassignmentRequest.parse({ ...current, status: 'resolved', resolvedAt, resolvedById, ...outcome });
        write(resolved, false);
        return resolved;
      });
    },
  };
}
