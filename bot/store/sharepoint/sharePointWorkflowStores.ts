import { isDeepStrictEqual } from 'node:util';
import { urgentConcernStatusOf } from '../../../shared/concerns/concernLifecycle';
import { auditAction, type AuditAction } from '../../../shared/schemas/actions';
import { caseOfConcern, caseOfConcernStatus, registerProposalStatus, urgentConcern, urgentConcernStatus, type CaseOfConcern, type UrgentConcern } from '../../../shared/schemas/concerns';
import { exemptionRequest, exemptionStatus, type ExemptionRequest } from '../../../shared/schemas/exemptions';
import { meetingProposal, type MeetingProposal } from '../../../shared/schemas/meetingProposals';
import { reassignmentRequest, type ReassignmentRequest } from '../../../shared/schemas/reassignments';
import { auditRound, roundStatus, type AuditRound } from '../../../shared/schemas/rounds';
import { withoutETag } from '../sqlite/sqliteRecord';
import {
  ConflictError,
  DuplicateError,
  NotFoundError,
  type ActionStore,
  type CaseOfConcernStore,
  type ExemptionStore,
  type MeetingProposalStore,
  type ReassignmentStore,
  type RoundStore,
  type UrgentConcernStore,
  type WithETag,
} from '../storeInterface';
import type { GraphClient } from './graphClient';
import { LISTS } from './listMigrations';
import type { SiteLists } from './sharePointStores';
import { SpRecordList, type SpList } from './spRecordList';
import { SpTrailedList, TRAILED_SELECT } from './spTrailedList';

/**
 * The work stores on SharePoint lists: actions, rounds, reassignment and exemption requests,
 * meeting proposals, urgent concerns and the cases of concern register. Each list's queries filter
 * on one indexed column and order by one indexed sortable key (`date|id`), as the audits do.
 * Writes that SQLite makes in one transaction with trail rows (action steps, proposals, concerns)
 * are one $batch with the record first and its trail rows depending on it (SpTrailedList).
 * Creates that must be idempotent by id rely on the unique RecordId column (enforceUniqueValues,
 * https://learn.microsoft.com/graph/api/resources/columndefinition): a POST under a used id is
 * refused with 409 (SpRecordList.settle), and the stored record is read and returned.
 */

export interface WorkflowStores {
  actions: ActionStore;
  rounds: RoundStore;
  reassignments: ReassignmentStore;
  exemptions: ExemptionStore;
  meetings: MeetingProposalStore;
  concerns: UrgentConcernStore;
  casesOfConcern: CaseOfConcernStore;
}

const bare = <T extends object>(r: WithETag<T>): T => {
  const { etag: _etag, ...rest } = r;
  return rest as unknown as T;
};

/** By a date-time (or date) field, then id: the order SQLite gives with `ORDER BY x, id`. */
const by =
  <T extends { id: string }>(key: (r: T) => string) =>
  (a: T, b: T): number => {
    const x = key(a);
    const y = key(b);
    return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };

export function workflowStores(client: GraphClient, list: SiteLists): WorkflowStores {
  const trail = list(LISTS.trail);
  return {
    actions: actionStore(client, list, trail),
    rounds: roundStore(list),
    reassignments: reassignmentStore(list),
    exemptions: exemptionStore(list),
    meetings: meetingStore(client, list, trail),
    concerns: concernStore(client, list, trail),
    casesOfConcern: caseOfConcernStore(client, list, trail),
  };
}

function actionStore(client: GraphClient, list: SiteLists, trail: SpList): ActionStore {
  const table = new SpRecordList<AuditAction>(
    list(LISTS.actions),
    {
      entity: 'Action',
      schema: auditAction,
      keys: { AuditId: (a) => a.auditId, CaseId: (a) => a.caseId, OwnerId: (a) => a.ownerId, TeamId: (a) => a.teamId, DueKey: (a) => `${a.dueDate}|${a.id}` },
    },
    TRAILED_SELECT,
  );
  const trailed = new SpTrailedList<AuditAction>(client, table, trail, (a) => a.auditId);
  return {
    get: (id) => trailed.get(id),
    // Idempotent so a retried submission does not fail on the actions it already created.
    create: async (input) => {
      const action = auditAction.parse(withoutETag(input));
      const { record, created } = await trailed.createOnce(action, []);
      if (created || isDeepStrictEqual(bare(record), action)) return record;
      throw new DuplicateError('Action', 'id', action.id);
    },
    update: (action, expectedETag, entries = []) => trailed.write(action, expectedETag, entries),
    // At most 50 per audit: one query, sorted here.
    listByAudit: async (auditId) => (await trailed.all({ column: 'AuditId', value: auditId })).sort(by((a) => a.dueDate)),
    listByCase: (caseId, page) => trailed.page('CaseId', caseId, 'DueKey', page),
    listByOwner: (ownerId, page) => trailed.page('OwnerId', ownerId, 'DueKey', page),
    listByTeam: (teamId, page) => trailed.page('TeamId', teamId, 'DueKey', page),
  };
}

function roundStore(list: SiteLists): RoundStore {
  const table = new SpRecordList<AuditRound>(list(LISTS.rounds), { entity: 'Round', schema: auditRound, keys: { Month: (r) => r.month, Status: (r) => r.status } });
  return {
    get: (id) => table.get(id),
    listByMonth: (month, page) => table.page('Month', month, 'RecordId', page),
    listByStatus: (status, page) => table.page('Status', roundStatus.parse(status), 'RecordId', page),
    put: (r, expectedETag) => table.write(r, expectedETag),
  };
}

function exemptionStore(list: SiteLists): ExemptionStore {
  const table = new SpRecordList<ExemptionRequest>(list(LISTS.exemptions), {
    entity: 'ExemptionRequest',
    schema: exemptionRequest,
    keys: { AuditorId: (r) => r.auditorId, Status: (r) => r.status, CreatedKey: (r) => `${r.createdAt}|${r.id}` },
  });
  return {
    get: (id) => table.get(id),
    create: (r) => table.write(r, null),
    update: (r, expectedETag) => table.write(r, expectedETag),
    listByAuditor: (auditorId, page) => table.page('AuditorId', auditorId, 'CreatedKey', page),
    listByStatus: (status, page) => table.page('Status', exemptionStatus.parse(status), 'CreatedKey', page),
  };
}

const RESOLVE_ATTEMPTS = 5;

/**
 * Reassignment requests. "One open request per audit" is enforced by SharePoint: `OpenKey` is the
 * audit id while a request is open (a unique column, so a second open one gets 409) and
 * `auditId#id` once resolved (always a value, so uniqueness never depends on how blanks are treated).
 */
function reassignmentStore(list: SiteLists): ReassignmentStore {
  const table = new SpRecordList<ReassignmentRequest>(list(LISTS.reassignments), {
    entity: 'ReassignmentRequest',
    schema: reassignmentRequest,
    keys: {
      AuditId: (r) => r.auditId,
      Status: (r) => r.status,
      CreatedKey: (r) => `${r.createdAt}|${r.id}`,
      OpenKey: (r) => (r.status === 'open' ? r.auditId : `${r.auditId}#${r.id}`),
    },
    unique: [{ column: 'OpenKey', key: 'open request for audit', value: (r) => (r.status === 'open' ? r.auditId : `${r.auditId}#${r.id}`), enforced: true }],
  });
  const get = async (id: string): Promise<ReassignmentRequest | null> => {
    const r = await table.get(id);
    return r ? bare(r) : null;
  };
  const openFor = async (auditId: string): Promise<ReassignmentRequest | null> => {
    const r = await table.getBy('OpenKey', auditId);
    return r ? bare(r) : null;
  };
  return {
    get,
    async createOpen(request) {
      const valid = reassignmentRequest.parse(request);
      if (valid.status !== 'open') {
        const open = await openFor(valid.auditId);
        if (open) return { request: open, created: false };
      }
      try {
        return { request: bare(await table.write(valid, null)), created: true };
      } catch (err) {
        if (!(err instanceof DuplicateError)) throw err;
        // The audit has an open request, or this id (derived from the audit and the request's number) was used: a replay.
        const existing = (await openFor(valid.auditId)) ?? (await get(valid.id));
        if (!existing) throw err;
        return { request: existing, created: false };
      }
    },
    async countByAudit(auditId) {
      return (await table.list.all(['RecordId'], { column: 'AuditId', value: auditId })).length;
    },
    listByStatus: async (status, page) => {
      const p = await table.page('Status', reassignmentRequest.shape.status.parse(status), 'CreatedKey', page);
      return { items: p.items.map(bare), next: p.next };
    },
    async resolve(id, resolvedById, resolvedAt, outcome = { outcome: 'dealtWith' }) {
      for (let attempt = 1; ; attempt++) {
        const current = await table.get(id);
        if (!current) throw new NotFoundError('ReassignmentRequest', id);
        if (current.status === 'resolved') return bare(current);
        const resolved = reassignmentRequest.parse({ ...bare(current), status: 'resolved', resolvedAt, resolvedById, ...outcome });
        try {
          return bare(await table.write(resolved, current.etag));
        } catch (err) {
          // Someone else changed it in between (most likely resolved it): read again.
          if (!(err instanceof ConflictError) || attempt >= RESOLVE_ATTEMPTS) throw err;
        }
      }
    },
  };
}

function meetingStore(client: GraphClient, list: SiteLists, trail: SpList): MeetingProposalStore {
  const table = new SpRecordList<MeetingProposal>(
    list(LISTS.meetings),
    { entity: 'MeetingProposal', schema: meetingProposal, keys: { AuditId: (p) => p.auditId, CreatedKey: (p) => `${p.createdAt}|${p.id}` } },
    TRAILED_SELECT,
  );
  const trailed = new SpTrailedList<MeetingProposal>(client, table, trail, (p) => p.auditId);
  return {
    get: (id) => trailed.get(id),
    async create(proposal, entries) {
      const { record, created } = await trailed.createOnce(proposal, entries);
      return { proposal: record, created };
    },
    update: (proposal, expectedETag, entries) => trailed.write(proposal, expectedETag, entries),
    listByAudit: async (auditId) => (await trailed.all({ column: 'AuditId', value: auditId })).sort(by((p) => p.createdAt)),
  };
}

function concernStore(client: GraphClient, list: SiteLists, trail: SpList): UrgentConcernStore {
  const table = new SpRecordList<UrgentConcern>(
    list(LISTS.concerns),
    {
      entity: 'UrgentConcern',
      schema: urgentConcern,
      keys: {
        AuditId: (c) => c.auditId,
        Status: (c) => urgentConcernStatusOf(c),
        RegisterProposal: (c) => c.registerProposal?.status ?? null,
        RaisedKey: (c) => `${c.raisedAt}|${c.id}`,
      },
    },
    TRAILED_SELECT,
  );
  const trailed = new SpTrailedList<UrgentConcern>(client, table, trail, (c) => c.auditId);
  return {
    get: (id) => trailed.get(id),
    async create(concern, entries) {
      const { record, created } = await trailed.createOnce(concern, entries);
      return { concern: record, created };
    },
    update: (concern, expectedETag, entries) => trailed.write(concern, expectedETag, entries),
    listByAudit: async (auditId) => (await trailed.all({ column: 'AuditId', value: auditId })).sort(by((c) => c.raisedAt)),
    listByStatus: (status, page) => trailed.page('Status', urgentConcernStatus.parse(status), 'RaisedKey', page),
    listByRegisterProposal: (status, page) => trailed.page('RegisterProposal', registerProposalStatus.parse(status), 'RaisedKey', page),
  };
}

function caseOfConcernStore(client: GraphClient, list: SiteLists, trail: SpList): CaseOfConcernStore {
  const table = new SpRecordList<CaseOfConcern>(
    list(LISTS.casesOfConcern),
    {
      entity: 'CaseOfConcern',
      schema: caseOfConcern,
      keys: { CaseId: (e) => e.caseId, TeamId: (e) => e.teamId, Status: (e) => e.status, RaisedKey: (e) => `${e.raisedAt}|${e.id}` },
    },
    TRAILED_SELECT,
  );
  const trailed = new SpTrailedList<CaseOfConcern>(client, table, trail, (e) => e.auditId);
  return {
    get: (id) => trailed.get(id),
    async create(entry, entries) {
      const { record, created } = await trailed.createOnce(entry, entries);
      return { entry: record, created };
    },
    update: (entry, expectedETag, entries) => trailed.write(entry, expectedETag, entries),
    listByCase: async (caseId) => (await trailed.all({ column: 'CaseId', value: caseId })).sort(by((e) => e.raisedAt)),
    listByStatus: (status, page) => trailed.page('Status', caseOfConcernStatus.parse(status), 'RaisedKey', page),
    listByTeam: (teamId, page) => trailed.page('TeamId', teamId, 'RaisedKey', page),
  };
}
