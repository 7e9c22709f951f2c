import { audit as auditSchema, type Audit } from '../../../shared/schemas/audits';
import { monthDateRange } from '../../../shared/reports/reportMonths';
import { childCase, type ChildCase } from '../../../shared/schemas/cases';
import { jobRole, service as serviceSchema, staffMember, team as teamSchema, type Service, type StaffMember, type Team } from '../../../shared/schemas/staff';
import { accessLogEntry, trailEntry, type AccessLogEntry } from '../../../shared/schemas/trail';
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
import { isOk, toGraphError, type GraphClient } from './graphClient';
import { LISTS, roleColumn } from './listMigrations';
import { SpList, SpRecordList } from './spRecordList';
import { nextSeq, SpTrailedList, TRAILED_SELECT } from './spTrailedList';

/** The reference-data and audit stores on SharePoint lists (openSharePointStore adds the rest of `Store`). */
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

/** A list of the site by its display name; throws naming the list if provisioning has not made it. */
export type SiteLists = (name: string) => SpList;

/** Resolves the lists provisioning made (one request). */
export async function siteLists(client: GraphClient, siteId: string): Promise<SiteLists> {
  const ids = new Map<string, string>();
  for await (const page of client.pages<{ id: string; displayName: string }>(`/sites/${encodeURIComponent(siteId)}/lists?$select=id,displayName`)) {
    for (const l of page) ids.set(l.displayName.toLowerCase(), l.id);
  }
  return (name: string) => {
    const id = ids.get(name.toLowerCase());
    if (!id) throw new Error(`SharePoint list "${name}" is missing: run npm run provision`);
    return new SpList(client, siteId, id);
  };
}

/** Resolves the lists provisioning made (one request) and builds the stores on them. */
export async function openSharePointStores(client: GraphClient, siteId: string): Promise<SharePointStores> {
  return referenceAndAuditStores(client, await siteLists(client, siteId));
}

/** Staff, services, teams, cases, audits, trail and access log on the site's lists. */
export function referenceAndAuditStores(client: GraphClient, list: SiteLists): SharePointStores {

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

/** Audits and their trail: the audit is written with its trail entries in one $batch (see SpTrailedList). */
function auditAndTrail(client: GraphClient, auditItems: SpList, trailItems: SpList): { audits: AuditStore; trail: TrailStore } {
  const table = new SpRecordList<Audit>(
    auditItems,
    {
      entity: 'Audit',
      schema: auditSchema,
      keys: { AuditorId: (a) => a.auditorId, CaseId: (a) => a.caseId, TeamId: (a) => a.caseSnapshot.teamId, DueKey: (a) => `${a.dueDate}|${a.id}` },
    },
    TRAILED_SELECT,
  );
  const trailed = new SpTrailedList<Audit>(client, table, trailItems, (a) => a.id);

  const page = (column: string, value: string, request?: PageRequest): Promise<Page<WithETag<Audit>>> => trailed.page(column, value, 'DueKey', request);

  const audits: AuditStore = {
    get: (id) => trailed.get(id),
    create: (a, entries) => trailed.write(a, null, entries),
    update: (a, etag, entries) => trailed.write(a, etag, entries),
    listByAuditor: (auditorId, p) => page('AuditorId', auditorId, p),
    listByCase: (caseId, p) => page('CaseId', caseId, p),
    listByTeam: (teamId, p) => page('TeamId', teamId, p),
    // DueKey is `dueDate|id`: every key of the month sorts from its 1st up to the next month's 1st.
    listDueInMonth: async (month, p) => {
      const { first, nextFirst } = monthDateRange(month);
      return trailed.pageRange('DueKey', { from: first, before: nextFirst }, 'DueKey', p);
    },
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
