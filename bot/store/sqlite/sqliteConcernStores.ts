import { caseOfConcern, caseOfConcernStatus, registerProposalStatus, urgentConcern, urgentConcernStatus, type CaseOfConcern, type UrgentConcern } from '../../../shared/schemas/concerns';
import { trailEntry, type TrailEntry } from '../../../shared/schemas/trail';
import { urgentConcernStatusOf } from '../../../shared/concerns/concernLifecycle';
import type { CaseOfConcernStore, UrgentConcernStore } from '../storeInterface';
import { SqliteAppendLog } from './sqliteAppendLog';
import type { SqliteConnection } from './sqliteRecord';
import { SqliteVersionedTable } from './sqliteVersionedTable';

/**
 * Urgent concerns and the cases of concern register in SQLite (see the 'concerns' migration). As
 * with meeting proposals, trail entries go into the audits' trail table in the same transaction.
 */

function checkTrail(auditId: string | null, entries: readonly TrailEntry[]): void {
  for (const t of entries)
    if (t.auditId !== auditId) throw new Error(`Trail entry "${t.id}" belongs to audit "${t.auditId}", not "${auditId ?? '(none)'}"`);
}

export function sqliteUrgentConcernStore(conn: SqliteConnection): UrgentConcernStore {
  const table = new SqliteVersionedTable<UrgentConcern>(conn, {
    table: 'urgent_concerns',
    entity: 'UrgentConcern',
    schema: urgentConcern,
    columns: {
      audit_id: (c) => c.auditId,
      status: (c) => urgentConcernStatusOf(c),
      register_proposal: (c) => c.registerProposal?.status ?? null,
      raised_at: (c) => c.raisedAt,
    },
  });
  const trail = new SqliteAppendLog<TrailEntry>(conn, 'trail', 'Trail entry', trailEntry);
  return {
    get: async (id) => table.get(id),
    async create(concern, entries) {
      checkTrail(concern.auditId, entries);
      return conn.tx(() => {
        const existing = table.get(concern.id);
        if (existing) return { concern: existing, created: false };
        const stored = table.write(concern, null);
        for (const t of entries) trail.append(t);
        return { concern: stored, created: true };
      });
    },
    async update(concern, expectedETag, entries) {
      checkTrail(concern.auditId, entries);
      return conn.tx(() => {
        const stored = table.write(concern, expectedETag);
        for (const t of entries) trail.append(t);
        return stored;
      });
    },
    listByAudit: async (auditId) => table.listWhere('audit_id', auditId, 'raised_at, id'),
    listByStatus: async (status, page) => table.page('status', urgentConcernStatus.parse(status), ['raised_at', 'id'], page),
    listByRegisterProposal: async (status, page) => table.page('register_proposal', registerProposalStatus.parse(status), ['raised_at', 'id'], page),
  };
}

export function sqliteCaseOfConcernStore(conn: SqliteConnection): CaseOfConcernStore {
  const table = new SqliteVersionedTable<CaseOfConcern>(conn, {
    table: 'cases_of_concern',
    entity: 'CaseOfConcern',
    schema: caseOfConcern,
    columns: { case_id: (e) => e.caseId, team_id: (e) => e.teamId, status: (e) => e.status, raised_at: (e) => e.raisedAt },
  });
  const trail = new SqliteAppendLog<TrailEntry>(conn, 'trail', 'Trail entry', trailEntry);
  return {
    get: async (id) => table.get(id),
    async create(entry, entries) {
      checkTrail(entry.auditId, entries);
      return conn.tx(() => {
        const existing = table.get(entry.id);
        if (existing) return { entry: existing, created: false };
        const stored = table.write(entry, null);
        for (const t of entries) trail.append(t);
        return { entry: stored, created: true };
      });
    },
    async update(entry, expectedETag, entries) {
      checkTrail(entry.auditId, entries);
      return conn.tx(() => {
        const stored = table.write(entry, expectedETag);
        for (const t of entries) trail.append(t);
        return stored;
      });
    },
    listByCase: async (caseId) => table.listWhere('case_id', caseId, 'raised_at, id'),
    listByStatus: async (status, page) => table.page('status', caseOfConcernStatus.parse(status), ['raised_at', 'id'], page),
    listByTeam: async (teamId, page) => table.page('team_id', teamId, ['raised_at', 'id'], page),
  };
}
