import type { AuditAction } from '../../shared/schemas/actions';
import type { Audit } from '../../shared/schemas/audits';
import type { ChildCase } from '../../shared/schemas/cases';
import type { JobRole, Service, StaffMember, Team } from '../../shared/schemas/staff';
import type { AccessLogEntry, TrailEntry } from '../../shared/schemas/trail';
import type { AuditRound, RoundStatus } from '../../shared/schemas/rounds';
import type { ReassignmentRequest } from '../../shared/schemas/reassignments';
import type { MeetingProposal } from '../../shared/schemas/meetingProposals';
import type { ExemptionRequest } from '../../shared/schemas/exemptions';
import type { CaseOfConcern, CaseOfConcernStatus, RegisterProposalStatus, UrgentConcern, UrgentConcernStatus } from '../../shared/schemas/concerns';
import type { OutboxStore } from '../delivery/outboxStore';

/**
 * The storage contract. Written so it can later be implemented on SharePoint lists through Graph:
 * - every record carries an opaque etag and every update is conditional on it (If-Match);
 * - callers never rely on multi-item transactions (the one exception, audit + its trail, is the
 *   adapter's job: on SharePoint it must be emulated, e.g. trail rows tagged with the audit version
 *   they belong to and shown only once that version is committed);
 * - every list query filters on ONE indexable column and is paged with an opaque cursor
 *   (SQLite: the last key; SharePoint: Graph's skip token).
 *
 * Orders (stable, ties broken by id):
 * - staff listByTeam / listByRole, cases listByTeam: by id;
 * - services / teams listAll, teams listByService: by name (ignoring case), then id (small lists);
 * - audits listByAuditor / listByCase / listByTeam / listDueInMonth: by dueDate, then id;
 * - actions listByAudit / listByCase / listByOwner / listByTeam: by dueDate, then id;
 * - trail and access log listByAudit: in the order written (oldest first).
 *
 * Writes validate the record with its zod schema (a ZodError escapes for an invalid record) and
 * ignore any `etag` property on the record passed in: only the `expectedETag` argument counts.
 * Reads validate too: a stored record that no longer parses throws CorruptRecordError.
 */

export type WithETag<T> = T & { etag: string };

export const DEFAULT_PAGE_LIMIT = 100;
export const MAX_PAGE_LIMIT = 500;

export interface PageRequest {
  /** From the previous page's `next`; absent or null for the first page. */
  cursor?: string | null;
  /** Default 100; values outside 1..500 are clamped. */
  limit?: number;
}

/** The page size to use for a request: default 100, clamped to 1..500. */
export function pageLimit(page?: PageRequest): number {
  const limit = page?.limit;
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_PAGE_LIMIT;
  return Math.min(MAX_PAGE_LIMIT, Math.max(1, Math.floor(limit)));
}

export interface Page<T> {
  items: T[];
  /** Cursor for the next page; null when this is the last one. */
  next: string | null;
}

/** The record's etag no longer matches: someone else saved it first. */
export class ConflictError extends Error {
  override readonly name = 'ConflictError';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} "${id}" was changed by someone else; reload it and try again`);
  }
}

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} "${id}" was not found`);
  }
}

/** A unique key is already taken: the id on create, or e.g. an e-mail or a case reference. */
export class DuplicateError extends Error {
  override readonly name = 'DuplicateError';
  constructor(
    readonly entity: string,
    readonly key: string,
    readonly value: string,
  ) {
    super(`${entity} with ${key} "${value}" already exists`);
  }
}

/** A page cursor that this store did not issue (or that has been tampered with). */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('The page cursor is not valid; start again from the first page');
  }
}

/** A stored record no longer matches its schema; never silently repaired. */
export class CorruptRecordError extends Error {
  override readonly name = 'CorruptRecordError';
  constructor(
    readonly entity: string,
    readonly id: string,
    detail: string,
  ) {
    super(`Stored ${entity} "${id}" is corrupt: ${detail}`);
  }
}

export interface StaffStore {
  get(id: string): Promise<WithETag<StaffMember> | null>;
  /** Case-insensitive; e-mails are unique across staff. */
  getByEmail(email: string): Promise<WithETag<StaffMember> | null>;
  getByEntraObjectId(oid: string): Promise<WithETag<StaffMember> | null>;
  listByTeam(teamId: string, page?: PageRequest): Promise<Page<WithETag<StaffMember>>>;
  listByRole(role: JobRole, page?: PageRequest): Promise<Page<WithETag<StaffMember>>>;
  /** `expectedETag` null creates (DuplicateError if the id, e-mail or Entra id is taken). */
  put(staff: StaffMember, expectedETag: string | null): Promise<WithETag<StaffMember>>;
}

export interface ServiceStore {
  get(id: string): Promise<WithETag<Service> | null>;
  listAll(): Promise<WithETag<Service>[]>;
  put(service: Service, expectedETag: string | null): Promise<WithETag<Service>>;
}

export interface TeamStore {
  get(id: string): Promise<WithETag<Team> | null>;
  listAll(): Promise<WithETag<Team>[]>;
  listByService(serviceId: string): Promise<WithETag<Team>[]>;
  put(team: Team, expectedETag: string | null): Promise<WithETag<Team>>;
}

export interface CaseStore {
  get(id: string): Promise<WithETag<ChildCase> | null>;
  /** Case-insensitive; case references are unique. */
  getByRef(caseRef: string): Promise<WithETag<ChildCase> | null>;
  listByTeam(teamId: string, page?: PageRequest): Promise<Page<WithETag<ChildCase>>>;
  put(childCase: ChildCase, expectedETag: string | null): Promise<WithETag<ChildCase>>;
  /**
   * Removes the case record (data minimisation when a round closes; audits keep their snapshot).
   * Conditional like an update: ConflictError if stale, NotFoundError if already gone.
   */
  delete(id: string, expectedETag: string): Promise<void>;
}

export interface AuditStore {
  get(id: string): Promise<WithETag<Audit> | null>;
  /** Writes the audit and its trail together. DuplicateError if the id exists. */
  create(audit: Audit, trail: TrailEntry[]): Promise<WithETag<Audit>>;
  /** ConflictError if stale, NotFoundError if absent; audit and trail written together or not at all. */
  update(audit: Audit, expectedETag: string, trail: TrailEntry[]): Promise<WithETag<Audit>>;
  listByAuditor(auditorId: string, page?: PageRequest): Promise<Page<WithETag<Audit>>>;
  listByCase(caseId: string, page?: PageRequest): Promise<Page<WithETag<Audit>>>;
  /** Team = `audit.caseSnapshot.teamId` (the team at allocation). */
  listByTeam(teamId: string, page?: PageRequest): Promise<Page<WithETag<Audit>>>;
  /**
   * Audits due in one calendar month (`YYYY-MM`), for reports; RangeError for anything else. One
   * range query on the due date: on SharePoint it must select fewer than 5,000 items, so a council
   * must have fewer than 5,000 audits due in a month.
   */
  listDueInMonth(month: string, page?: PageRequest): Promise<Page<WithETag<Audit>>>;
}

export interface ActionStore {
  get(id: string): Promise<WithETag<AuditAction> | null>;
  /** Idempotent: the same id with the same content returns the stored action; different content → DuplicateError. */
  create(action: AuditAction): Promise<WithETag<AuditAction>>;
  /**
   * ConflictError if stale, NotFoundError if absent. `trail` (entries of the action's audit) is
   * written with the action, all or nothing, without touching the audit (an open form keeps its etag).
   */
  update(action: AuditAction, expectedETag: string, trail?: TrailEntry[]): Promise<WithETag<AuditAction>>;
  /** An audit has at most 50 actions, so this one is not paged. */
  listByAudit(auditId: string): Promise<WithETag<AuditAction>[]>;
  listByCase(caseId: string, page?: PageRequest): Promise<Page<WithETag<AuditAction>>>;
  listByOwner(ownerId: string, page?: PageRequest): Promise<Page<WithETag<AuditAction>>>;
  listByTeam(teamId: string, page?: PageRequest): Promise<Page<WithETag<AuditAction>>>;
}

/** Read side of the trail; entries are written only through AuditStore.create/update, MeetingProposalStore.create/update and ActionStore.update. */
export interface TrailStore {
  listByAudit(auditId: string, page?: PageRequest): Promise<Page<TrailEntry>>;
}

export interface AccessLogStore {
  /** Append-only; DuplicateError if the entry's id was used before. */
  append(entry: AccessLogEntry): Promise<void>;
  listByAudit(auditId: string, page?: PageRequest): Promise<Page<AccessLogEntry>>;
}

export interface RoundStore {
  get(id: string): Promise<WithETag<AuditRound> | null>;
  /** Rounds of one month (`YYYY-MM`), by id. */
  listByMonth(month: string, page?: PageRequest): Promise<Page<WithETag<AuditRound>>>;
  /** Rounds of one status, across months, by id. */
  listByStatus(status: RoundStatus, page?: PageRequest): Promise<Page<WithETag<AuditRound>>>;
  /** `expectedETag` null creates (DuplicateError if the id is taken); otherwise a conditional update. */
  put(round: AuditRound, expectedETag: string | null): Promise<WithETag<AuditRound>>;
}

/** How a request to reassign was resolved: dealt with, or the audit passed to another auditor. */
export type ReassignmentResolved = { outcome: 'dealtWith' } | { outcome: 'reassigned'; reassignedToId: string };

export interface ReassignmentStore {
  get(id: string): Promise<ReassignmentRequest | null>;
  /**
   * Records a request unless the audit already has an open one, in which case that one is returned
   * with `created: false` (so a double click or a replayed invoke records one request).
   */
  createOpen(request: ReassignmentRequest): Promise<{ request: ReassignmentRequest; created: boolean }>;
  /** How many requests (open or resolved) the audit has had: the next one's number is this + 1. */
  countByAudit(auditId: string): Promise<number>;
  /** Requests of one status, oldest first (ties by id). */
  listByStatus(status: ReassignmentRequest['status'], page?: PageRequest): Promise<Page<ReassignmentRequest>>;
  /**
   * Marks an open request resolved with its outcome (default: dealt with); NotFoundError if absent;
   * an already-resolved one is returned unchanged, whatever outcome is asked for.
   */
  resolve(id: string, resolvedById: string, resolvedAt: string, outcome?: ReassignmentResolved): Promise<ReassignmentRequest>;
}

/** Auditors' requests to be excused from auditing (see shared/exemptions). */
export interface ExemptionStore {
  get(id: string): Promise<WithETag<ExemptionRequest> | null>;
  /** DuplicateError if the id is taken. */
  create(request: ExemptionRequest): Promise<WithETag<ExemptionRequest>>;
  /** ConflictError if stale, NotFoundError if absent. */
  update(request: ExemptionRequest, expectedETag: string): Promise<WithETag<ExemptionRequest>>;
  /** One auditor's requests, oldest first (createdAt, then id). */
  listByAuditor(auditorId: string, page?: PageRequest): Promise<Page<WithETag<ExemptionRequest>>>;
  /** Requests of one status, oldest first (createdAt, then id). */
  listByStatus(status: ExemptionRequest['status'], page?: PageRequest): Promise<Page<WithETag<ExemptionRequest>>>;
}

/**
 * Meeting times proposed for collaborative audits. A proposal's trail entries are written with it,
 * in one write, so proposing or answering never touches the audit itself (an auditor's open form
 * keeps its etag). Trail entries must belong to the proposal's audit.
 */
export interface MeetingProposalStore {
  get(id: string): Promise<WithETag<MeetingProposal> | null>;
  /**
   * Idempotent by id: when the id exists the stored proposal is returned with `created: false`
   * and nothing is written (so a replayed invoke records one proposal and one trail entry).
   */
  create(proposal: MeetingProposal, trail: TrailEntry[]): Promise<{ proposal: WithETag<MeetingProposal>; created: boolean }>;
  /** ConflictError if stale, NotFoundError if absent; the proposal and its trail entries written together or not at all. */
  update(proposal: MeetingProposal, expectedETag: string, trail: TrailEntry[]): Promise<WithETag<MeetingProposal>>;
  /** One audit's proposals, oldest first (createdAt, then id). A handful per audit, so not paged. */
  listByAudit(auditId: string): Promise<WithETag<MeetingProposal>[]>;
}

/**
 * Urgent concerns (shared/concerns). Like meeting proposals, a concern's trail entries are written
 * with it in one write, so raising, acknowledging or escalating never touches the audit's etag.
 * Trail entries must belong to the concern's audit. Lists are oldest first (raisedAt, then id).
 */
export interface UrgentConcernStore {
  get(id: string): Promise<WithETag<UrgentConcern> | null>;
  /** Idempotent by id: when the id exists the stored concern is returned with `created: false` and nothing is written. */
  create(concern: UrgentConcern, trail: TrailEntry[]): Promise<{ concern: WithETag<UrgentConcern>; created: boolean }>;
  /** ConflictError if stale, NotFoundError if absent; the concern and its trail entries written together or not at all. */
  update(concern: UrgentConcern, expectedETag: string, trail: TrailEntry[]): Promise<WithETag<UrgentConcern>>;
  /** One audit's concerns: a handful at most, so not paged. */
  listByAudit(auditId: string): Promise<WithETag<UrgentConcern>[]>;
  /** Awaiting acknowledgement, or acknowledged. */
  listByStatus(status: UrgentConcernStatus, page?: PageRequest): Promise<Page<WithETag<UrgentConcern>>>;
  /** Concerns whose submission proposed a cases-of-concern entry, by what became of the proposal. */
  listByRegisterProposal(status: RegisterProposalStatus, page?: PageRequest): Promise<Page<WithETag<UrgentConcern>>>;
}

/**
 * The cases of concern register. Trail entries (only for an entry found by an audit, and belonging
 * to that audit) are written with the entry. Lists are oldest first (raisedAt, then id).
 */
export interface CaseOfConcernStore {
  get(id: string): Promise<WithETag<CaseOfConcern> | null>;
  /** Idempotent by id: when the id exists the stored entry is returned with `created: false` and nothing is written. */
  create(entry: CaseOfConcern, trail: TrailEntry[]): Promise<{ entry: WithETag<CaseOfConcern>; created: boolean }>;
  /** ConflictError if stale, NotFoundError if absent; entry and trail written together or not at all. */
  update(entry: CaseOfConcern, expectedETag: string, trail: TrailEntry[]): Promise<WithETag<CaseOfConcern>>;
  /** One case's entries: a handful at most, so not paged. */
  listByCase(caseId: string): Promise<WithETag<CaseOfConcern>[]>;
  listByStatus(status: CaseOfConcernStatus, page?: PageRequest): Promise<Page<WithETag<CaseOfConcern>>>;
  listByTeam(teamId: string, page?: PageRequest): Promise<Page<WithETag<CaseOfConcern>>>;
}

export interface Store {
  staff: StaffStore;
  services: ServiceStore;
  teams: TeamStore;
  cases: CaseStore;
  audits: AuditStore;
  actions: ActionStore;
  trail: TrailStore;
  accessLog: AccessLogStore;
  rounds: RoundStore;
  /** Notifications waiting for delivery to Teams; written alongside the change that causes them. */
  outbox: OutboxStore;
  /** Auditors' requests that the QA lead reassign an audit. */
  reassignments: ReassignmentStore;
  /** Auditors' requests to be excused from auditing for some months. */
  exemptions: ExemptionStore;
  /** Meeting times proposed by a collaborative audit's worker or team manager. */
  meetings: MeetingProposalStore;
  /** Urgent concerns: the written notice to the team manager and worker, acknowledged or escalated. */
  concerns: UrgentConcernStore;
  /** The cases of concern register. */
  casesOfConcern: CaseOfConcernStore;
  /** Reads are remote and metered (SharePoint): services may keep what they just wrote or read. */
  remote?: boolean;
  close(): Promise<void>;
}

/**
 * Every page of one selective list (one auditor's, team's, case's or month's records: a few
 * hundred at most), read in order.
 */
export async function allPages<T>(list: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await list({ cursor, limit: MAX_PAGE_LIMIT });
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out;
}
