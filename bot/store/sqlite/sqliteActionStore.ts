import { isDeepStrictEqual } from 'node:util';
import { auditAction, type AuditAction } from '../../../shared/schemas/actions';
import { trailEntry, type TrailEntry } from '../../../shared/schemas/trail';
import { DuplicateError, type ActionStore } from '../storeInterface';
import { withoutETag, type SqliteConnection } from './sqliteRecord';
import { SqliteVersionedTable } from './sqliteVersionedTable';
import { SqliteAppendLog } from './sqliteAppendLog';

const BY_DUE = ['due_date', 'id'] as const;

export function sqliteActionStore(conn: SqliteConnection): ActionStore {
  const table = new SqliteVersionedTable<AuditAction>(conn, {
    table: 'actions',
    entity: 'Action',
    schema: auditAction,
    columns: {
      audit_id: (a) => a.auditId,
      case_id: (a) => a.caseId,
      owner_id: (a) => a.ownerId,
      team_id: (a) => a.teamId,
      due_date: (a) => a.dueDate,
    },
  });
  // Action steps (done, approved, returned) go to their audit's trail in the action's transaction.
  const trail = new SqliteAppendLog<TrailEntry>(conn, 'trail', 'Trail entry', trailEntry);

  return {
    get: async (id) => table.get(id),
    // Idempotent so a retried submission does not fail on the actions it already created.
    create: async (input) => {
      const action = auditAction.parse(withoutETag(input));
      return conn.tx(() => {
        const existing = table.get(action.id);
        if (existing) {
          const { etag: _etag, ...stored } = existing;
          if (isDeepStrictEqual(stored, action)) return existing;
          throw new DuplicateError('Action', 'id', action.id);
        }
        return table.write(action, null);
      });
    },
    update: async (action, expectedETag, entries = []) => {
      for (const t of entries) if (t.auditId !== action.auditId) throw new Error(`Trail entry "${t.id}" belongs to audit "${t.auditId}", not "${action.auditId}"`);
      return conn.tx(() => {
        const stored = table.write(action, expectedETag);
        for (const t of entries) trail.append(t);
        return stored;
      });
    },
    listByAudit: async (auditId) => table.listWhere('audit_id', auditId, 'due_date, id'),
    listByCase: async (caseId, page) => table.page('case_id', caseId, BY_DUE, page),
    listByOwner: async (ownerId, page) => table.page('owner_id', ownerId, BY_DUE, page),
    listByTeam: async (teamId, page) => table.page('team_id', teamId, BY_DUE, page),
  };
}
