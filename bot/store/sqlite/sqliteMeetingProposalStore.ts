import { meetingProposal, type MeetingProposal } from '../../../shared/schemas/meetingProposals';
import { trailEntry, type TrailEntry } from '../../../shared/schemas/trail';
import type { MeetingProposalStore } from '../storeInterface';
import { SqliteAppendLog } from './sqliteAppendLog';
import type { SqliteConnection } from './sqliteRecord';
import { SqliteVersionedTable } from './sqliteVersionedTable';

/**
 * Meeting proposals in SQLite (see the 'meeting proposals' migration). Their trail entries go into
 * the audits' trail table in the same transaction, so a proposal is never recorded without them.
 */
export function sqliteMeetingProposalStore(conn: SqliteConnection): MeetingProposalStore {
  const table = new SqliteVersionedTable<MeetingProposal>(conn, {
    table: 'meeting_proposals',
    entity: 'MeetingProposal',
    schema: meetingProposal,
    columns: { audit_id: (p) => p.auditId, created_at: (p) => p.createdAt },
  });
  const trail = new SqliteAppendLog<TrailEntry>(conn, 'trail', 'Trail entry', trailEntry);

  const checkTrail = (p: MeetingProposal, entries: readonly TrailEntry[]) => {
    for (const t of entries) if (t.auditId !== p.auditId) throw new Error(`Trail entry "${t.id}" belongs to audit "${t.auditId}", not "${p.auditId}"`);
  };

  return {
    get: async (id) => table.get(id),
    async create(proposal, entries) {
      checkTrail(proposal, entries);
      return conn.tx(() => {
        const existing = table.get(proposal.id);
        if (existing) return { proposal: existing, created: false };
        const stored = table.write(proposal, null);
        for (const t of entries) trail.append(t);
        return { proposal: stored, created: true };
      });
    },
    async update(proposal, expectedETag, entries) {
      checkTrail(proposal, entries);
      return conn.tx(() => {
        const stored = table.write(proposal, expectedETag);
        for (const t of entries) trail.append(t);
        return stored;
      });
    },
    listByAudit: async (auditId) => table.listWhere('audit_id', auditId, 'created_at, id'),
  };
}
