import { monthDateRange } from '../../../shared/reports/reportMonths';
import { audit as auditSchema, type Audit } from '../../../shared/schemas/audits';
import { trailEntry, type TrailEntry } from '../../../shared/schemas/trail';
import type { AuditStore, TrailStore } from '../storeInterface';
import { SqliteAppendLog } from './sqliteAppendLog';
import type { SqliteConnection } from './sqliteRecord';
import { SqliteVersionedTable } from './sqliteVersionedTable';

const BY_DUE = ['due_date', 'id'] as const;

/** Audits and their trail share one connection, so an audit and its trail entries commit together. */
export function sqliteAuditAndTrailStores(conn: SqliteConnection): { audits: AuditStore; trail: TrailStore } {
  const table = new SqliteVersionedTable<Audit>(conn, {
    table: 'audits',
    entity: 'Audit',
    schema: auditSchema,
    columns: {
      auditor_id: (a) => a.auditorId,
      case_id: (a) => a.caseId,
      team_id: (a) => a.caseSnapshot.teamId,
      due_date: (a) => a.dueDate,
    },
  });
  const log = new SqliteAppendLog<TrailEntry>(conn, 'trail', 'Trail entry', trailEntry);

  const checkTrail = (a: Audit, trail: readonly TrailEntry[]) => {
    for (const t of trail) {
      if (t.auditId !== a.id) throw new Error(`Trail entry "${t.id}" belongs to audit "${t.auditId}", not "${a.id}"`);
    }
  };

  const audits: AuditStore = {
    get: async (id) => table.get(id),
    create: async (a, trail) => {
      checkTrail(a, trail);
      return conn.tx(() => {
        const stored = table.write(a, null);
        for (const t of trail) log.append(t);
        return stored;
      });
    },
    update: async (a, expectedETag, trail) => {
      checkTrail(a, trail);
      return conn.tx(() => {
        const stored = table.write(a, expectedETag);
        for (const t of trail) log.append(t);
        return stored;
      });
    },
    listByAuditor: async (auditorId, page) => table.page('auditor_id', auditorId, BY_DUE, page),
    listByCase: async (caseId, page) => table.page('case_id', caseId, BY_DUE, page),
    listByTeam: async (teamId, page) => table.page('team_id', teamId, BY_DUE, page),
    listDueInMonth: async (month, page) => {
      const { first, nextFirst } = monthDateRange(month);
      return table.pageRange('due_date', { from: first, before: nextFirst }, BY_DUE, page);
    },
  };

  const trail: TrailStore = {
    listByAudit: async (auditId, page) => log.listByAudit(auditId, page),
  };

  return { audits, trail };
}
