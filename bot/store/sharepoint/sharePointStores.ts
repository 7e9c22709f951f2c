import { audit as auditSchema, type Audit } from '../../../shared/schemas/audits';
import { childCase, type ChildCase } from '../../../shared/schemas/cases';
import { jobRole, service as serviceSchema, staffMember, team as teamSchema, type Service, type StaffMember, type Team } from '../../../shared/schemas/staff';
import { accessLogEntry, trailEntry, type AccessLogEntry, type TrailEntry } from '../../../shared/schemas/trail';
import { decodeDoc } from '../sqlite/sqliteRecord';
import {
  DuplicateError,
  type AccessLogStore,
  type AuditStore,
  type CaseStore,
  type Page,
  type PageRequest,
  type ServiceStore,
  type StaffStore,
  type TeamStore,
  type TrailStore,
  type WithETag,
} from '../storeInterface';
import { GraphOutcomeUnknownError, isOk, MAX_BATCH, toGraphError, type BatchItem, type GraphClient, type GraphResponse } from './graphClient';
import { LISTS, roleColumn } from './listMigrations';
import { decodeToken, SpList, SpRecordList, type SpItem, type Token } from './spRecordList';

/** The stores built on SharePoint lists so far (the rest of `Store` is still to come). */
export interface SharePointStores {
  staff: StaffStore;
  services: ServiceStore;
  teams: TeamStore;
  cases: CaseStore;
  audits: AuditStore;
  trail: TrailStore;
  accessLog: AccessLogStore;
}

const emailKey = (email: string) => email.trim().toLowerCase();
const byName = <T extends { id: string; name: string }>(a: T, b: T) => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/** A per-process monotonic key (ms + counter): trail and access-log rows sort in the order written. */
let lastMs = 0;
let counter = 0;
export function nextSeq(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else counter++;
  return `${String(lastMs).padStart(15, '0')}.${String(counter).padStart(6, '0')}`;
}

/** Resolves the lists provisioning made (one request) and builds the stores on them. */
export async function openSharePointStores(client: GraphClient, siteId: string): Promise<SharePointStores> {
  const ids = new Map<string, string>();
  for await (const page of client.pages<{ id: string; displayName: string }>(`/sites/${encodeURIComponent(siteId)}/lists?$select=id,displayName`)) {
    for (const l of page) ids.set(l.displayName.toLowerCase(), l.id);
  }
  const list = (name: string) => {
    const id = ids.get(name.toLowerCase());
    if (!id) throw new Error(`SharePoint list "${name}" is missing: run npm run provision`);
    return new SpList(client, siteId, id);
  };

  const staffList = new SpRecordList<StaffMember>(list(LISTS.staff), {
    entity: 'Staff member',
    schema: staffMember,
    keys: {
      EmailKey: (s) => emailKey(s.email),
      EntraObjectId: (s) => s.entraObjectId,
      TeamId: (s) => s.teamId,
      ...Object.fromEntries(jobRole.options.map((r) => [roleColumn(r), (s: StaffMember) => (s.jobRoles.includes(r) ? 'yes' : null)])),
    },
    unique: [
      { column: 'EmailKey', key: 'e-mail', value: (s) => emailKey(s.email), enforced: true },
      { column: 'EntraObjectId', key: 'Entra object id', value: (s) => s.entraObjectId, enforced: false },
    ],
  });
  const staff: StaffStore = {
    get: (id) => staffList.get(id),
    getByEmail: (email) => staffList.getBy('EmailKey', emailKey(email)),
    getByEntraObjectId: (oid) => staffList.getBy('EntraObjectId', oid),
    listByTeam: (teamId, page) => staffList.page('TeamId', teamId, 'RecordId', page),
    listByRole: (role, page) => staffList.page(roleColumn(role), 'yes', 'RecordId', page),
    put: (s, etag) => staffList.write(s, etag),
  };

  const serviceList = new SpRecordList<Service>(list(LISTS.services), { entity: 'Service', schema: serviceSchema, keys: {} });
  const services: ServiceStore = {
    get: (id) => serviceList.get(id),
    listAll: async () => (await serviceList.all()).sort(byName),
    put: (s, etag) => serviceList.write(s, etag),
  };

  const teamList = new SpRecordList<Team>(list(LISTS.teams), { entity: 'Team', schema: teamSchema, keys: { ServiceId: (t) => t.serviceId } });
  const teams: TeamStore = {
    get: (id) => teamList.get(id),
    listAll: async () => (await teamList.all()).sort(byName),
    listByService: async (serviceId) => (await teamList.all({ column: 'ServiceId', value: serviceId })).sort(byName),
    put: (t, etag) => teamList.write(t, etag),
  };

  const caseList = new SpRecordList<ChildCase>(list(LISTS.cases), {
    entity: 'Case',
    schema: childCase,
    keys: { CaseRefKey: (c) => c.caseRef.trim().toLowerCase(), TeamId: (c) => c.teamId },
    unique: [{ column: 'CaseRefKey', key: 'case reference', value: (c) => c.caseRef.trim().toLowerCase(), enforced: true }],
  });
  const cases: CaseStore = {
    get: (id) => caseList.get(id),
    getByRef: (ref) => caseList.getBy('CaseRefKey', ref.trim().toLowerCase()),
    listByTeam: (teamId, page) => caseList.page('TeamId', teamId, 'RecordId', page),
    put: (c, etag) => caseList.write(c, etag),
    delete: (id, etag) => caseList.remove(id, etag),
  };

  const { audits, trail } = auditAndTrail(client, list(LISTS.audits), list(LISTS.trail));
  const accessLog = accessLogStore(list(LISTS.accessLog));
  return { staff, services, teams, cases, audits, trail, accessLog };
}

interface PendingEntry {
  seq: string;
  entry: TrailEntry;
}

/**
 * Audits and their trail. An autosave is ONE $batch: the audit's conditional PATCH first, then the
 * trail rows, each depending on the one before (a fully sequential batch, as the batching doc
 * advises), so nothing of the trail is written unless the audit was, and a stale etag (412) fails
 * the rest with 424. The audit item also keeps the entries of its latest write (`PendingTrail`),
 * committed atomically with it. Recovery of a half-applied batch (audit written, some trail rows
 * throttled or lost): the inner 429s are retried; if rows are still missing the etag returned says
 * so, and the next write of that audit writes them again from `PendingTrail` (rows are idempotent:
 * their entry id is a unique column, so a repeat gets 409 and is taken as done). An etag from a
 * read is treated the same way, so a crash between the two halves loses nothing.
 */
function auditAndTrail(client: GraphClient, auditItems: SpList, trailItems: SpList): { audits: AuditStore; trail: TrailStore } {
  const table = new SpRecordList<Audit>(
    auditItems,
    {
      entity: 'Audit',
      schema: auditSchema,
      keys: { AuditorId: (a) => a.auditorId, CaseId: (a) => a.caseId, TeamId: (a) => a.caseSnapshot.teamId, DueKey: (a) => `${a.dueDate}|${a.id}` },
    },
    ['Version', 'PendingTrail'],
  );
  /**
   * What this process knows of each audit's latest write: its pending entries and whether their rows
   * are known to exist. Unknown (another process wrote it, or this one restarted) counts as not confirmed.
   */
  const seen = new Map<string, { version: number; pending: PendingEntry[]; confirmed: boolean }>();
  const remember = (auditId: string, version: number, pending: PendingEntry[], confirmed: boolean) => {
    const known = seen.get(auditId);
    if (!confirmed && known && known.version === version && known.confirmed) return;
    if (seen.size > 2000) seen.delete(seen.keys().next().value ?? '');
    seen.set(auditId, { version, pending, confirmed });
  };
  const readPending = (item: SpItem): PendingEntry[] => {
    const raw = item.fields['PendingTrail'];
    if (typeof raw !== 'string' || !raw) return [];
    const parsed = JSON.parse(raw) as { seq: string; entry: unknown }[];
    return parsed.map((p) => ({ seq: p.seq, entry: trailEntry.parse(p.entry) }));
  };
  const decode = (item: SpItem): WithETag<Audit> => {
    const a = table.decode(item);
    remember(a.id, Number(item.fields['Version'] ?? 0), readPending(item), false);
    return a;
  };

  const checkTrail = (a: Audit, entries: readonly TrailEntry[]) => {
    for (const t of entries) {
      if (t.auditId !== a.id) throw new Error(`Trail entry "${t.id}" belongs to audit "${t.auditId}", not "${a.id}"`);
      trailEntry.parse(t);
    }
  };

  const trailRow = (p: PendingEntry, id: string, dependsOn?: string): BatchItem => ({
    id,
    method: 'POST',
    url: trailItems.itemsPath,
    body: { fields: { Title: p.entry.id, RecordId: p.entry.id, AuditId: p.entry.auditId, Seq: p.seq, Doc: JSON.stringify(p.entry) } },
    ...(dependsOn ? { dependsOn: [dependsOn] } : {}),
  });
  /** 201, or 409 (the row exists: an earlier attempt wrote it). */
  const rowDone = (r: GraphResponse | undefined) => isOk(r) || r?.status === 409;

  /** Writes rows in sequential batches of 20; returns whether every row is now there. */
  const writeRows = async (rows: PendingEntry[]): Promise<boolean> => {
    let ok = true;
    for (let i = 0; i < rows.length; i += MAX_BATCH) {
      const chunk = rows.slice(i, i + MAX_BATCH);
      const items = chunk.map((p, n) => trailRow(p, `t${n}`, n > 0 ? `t${n - 1}` : undefined));
      try {
        const res = await client.batch(items);
        ok = ok && items.every((it) => rowDone(res.get(it.id)));
      } catch (err) {
        if (!(err instanceof GraphOutcomeUnknownError)) throw err;
        ok = false;
      }
    }
    return ok;
  };

  const pendingFor = async (token: Token | null): Promise<PendingEntry[]> => {
    if (!token) return [];
    const known = seen.get(token.recordId);
    if (known && known.version === token.version) return known.confirmed ? [] : known.pending;
    const item = await auditItems.getItem(token.itemId, ['Version', 'PendingTrail', 'RecordId']);
    return item && item.fields['RecordId'] === token.recordId ? readPending(item) : [];
  };

  const write = async (input: Audit, expectedETag: string | null, entries: TrailEntry[]): Promise<WithETag<Audit>> => {
    checkTrail(input, entries);
    const token = expectedETag === null ? null : decodeToken(expectedETag);
    const carried = await pendingFor(token && token.recordId === input.id ? token : null);
    const fresh = entries.map((entry) => ({ seq: nextSeq(), entry }));
    const pending = [...carried.filter((c) => !fresh.some((f) => f.entry.id === c.entry.id)), ...fresh];
    const version = (token?.version ?? 0) + 1;
    const { record, prepared } = table.prepare(input, expectedETag, { Version: version, PendingTrail: JSON.stringify(pending) });
    if (expectedETag !== null && !prepared.token) return table.settle(record, prepared, { status: 412, headers: {}, body: null });

    // The audit write and as many rows as fit go in one request; the rest follow once it is committed.
    const inFirst = pending.slice(0, MAX_BATCH - 1);
    const items: BatchItem[] = [prepared.request, ...inFirst.map((p, n) => trailRow(p, `t${n}`, n === 0 ? 'w' : `t${n - 1}`))];
    let res: Map<string, GraphResponse> | null = null;
    try {
      res = await client.batch(items);
    } catch (err) {
      if (!(err instanceof GraphOutcomeUnknownError)) throw err;
    }
    let rowsOk = res !== null && isOk(res.get('w')) && items.slice(1).every((it) => rowDone(res?.get(it.id)));
    const stored = await table.settle(record, prepared, res?.get('w'), (t) => ({ ...t, version }));
    // Committed. Finish the trail: the rows not in the first batch, or all again if the answer was lost or partly throttled.
    const rest = rowsOk ? pending.slice(inFirst.length) : pending;
    if (rest.length > 0) rowsOk = await writeRows(rest);
    remember(record.id, version, pending, rowsOk);
    return stored;
  };

  const page = async (column: string, value: string, request?: PageRequest): Promise<Page<WithETag<Audit>>> => {
    const p = await auditItems.page(column, value, 'DueKey', table.select, request);
    return { items: p.items.map(decode), next: p.next };
  };

  const audits: AuditStore = {
    get: async (id) => {
      const item = await auditItems.first('RecordId', id, table.select);
      return item ? decode(item) : null;
    },
    create: (a, entries) => write(a, null, entries),
    update: (a, etag, entries) => write(a, etag, entries),
    listByAuditor: (auditorId, p) => page('AuditorId', auditorId, p),
    listByCase: (caseId, p) => page('CaseId', caseId, p),
    listByTeam: (teamId, p) => page('TeamId', teamId, p),
  };

  const trail: TrailStore = {
    listByAudit: async (auditId, request) => {
      const p = await trailItems.page('AuditId', auditId, 'Seq', ['RecordId', 'Doc'], request);
      return { items: p.items.map((i) => decodeDoc(trailEntry, 'Trail entry', { id: String(i.fields['RecordId'] ?? ''), doc: String(i.fields['Doc'] ?? '') })), next: p.next };
    },
  };
  return { audits, trail };
}

function accessLogStore(items: SpList): AccessLogStore {
  return {
    append: async (input: AccessLogEntry) => {
      const entry = accessLogEntry.parse(input);
      const res = await items.client.send({
        method: 'POST',
        url: items.itemsPath,
        body: { fields: { Title: entry.id, RecordId: entry.id, AuditId: entry.auditId, Seq: nextSeq(), Doc: JSON.stringify(entry) } },
      });
      if (res.status === 409) throw new DuplicateError('Access log entry', 'id', entry.id);
      if (!isOk(res)) throw toGraphError(res);
    },
    listByAudit: async (auditId, request) => {
      const p = await items.page('AuditId', auditId, 'Seq', ['RecordId', 'Doc'], request);
      return { items: p.items.map((i) => decodeDoc(accessLogEntry, 'Access log entry', { id: String(i.fields['RecordId'] ?? ''), doc: String(i.fields['Doc'] ?? '') })), next: p.next };
    },
  };
}
