import type { Audit } from '../../shared/schemas/audits';
import type { StaffMember } from '../../shared/schemas/staff';
import type { ReassignmentRequest } from '../../shared/schemas/reassignments';
import type { ReassignCandidate, ReassignCandidatesResponse, ReassignRequest, ReassignResponse } from '../../shared/api/reassignContracts';
import type { AuditTypeLabels } from '../../shared/cards/cardInputs';
import { auditorFit, type AllocationCase, type AuditorFit, type ConflictKind } from '../../shared/allocation/allocation';
import { mayBeReassigned, statusLabels } from '../../shared/lifecycle/auditLifecycle';
import { mayRunRounds } from '../../shared/access/roundAccess';
import { reassignmentTrail } from '../../shared/trail/reassignmentTrail';
import { AppError, invalidFields } from '../http/appError';
import { AUDITOR_ROLES } from '../http/routes/roundPlanningRoutes';
import { allPages, ConflictError, DuplicateError, type Store, type WithETag } from '../store/storeInterface';
import { allocationNotice, reassignedAllocationNoticeId } from '../delivery/allocationNotice';
import { auditPassedOnNotice, auditPassedOnNoticeId } from '../delivery/auditPassedOnNotice';
import type { NewNotification } from '../delivery/outboxStore';

export interface ReassignAuditDeps {
  store: Pick<Store, 'audits' | 'reassignments' | 'staff' | 'cases' | 'teams' | 'rounds' | 'outbox'>;
  clock: () => Date;
  newId: (prefix: string) => string;
  /** The "Open audit" link on the allocation card. */
  auditLink: (auditId: string) => string;
  labels: AuditTypeLabels;
}

type CaseTies = Pick<AllocationCase, 'teamId' | 'workerId' | 'pastTeamIds' | 'pastWorkerIds'>;

/** Conflict-free first, then those needing confirmation, then those barred. */
const fitRank = (f: AuditorFit) => (f.barred ? 2 : f.conflicts.length > 0 ? 1 : 0);

/**
 * The QA lead resolving an auditor's "can't do this" by passing the audit to someone else: the
 * same conflict rules as the monthly draw, one trail entry set per change, cards through the outbox.
 *
 * Order, and why a retry finishes the job without doing anything twice: audit (conditional on its
 * etag, with its trail) → the new auditor's card and the previous auditor's notice (ids derived from
 * the request) → request resolved. A retry finds the audit already with the chosen auditor and
 * writes only what is missing; once the request is resolved a retry with the same choice changes nothing.
 */
export class ReassignAudit {
  constructor(private readonly deps: ReassignAuditDeps) {}

  private static requireLead(user: StaffMember): void {
    if (!mayRunRounds(user)) throw new AppError('forbidden', 'Requests to reassign are dealt with by quality assurance leads and the principal social worker.');
  }

  private async load(requestId: string): Promise<{ request: ReassignmentRequest; audit: WithETag<Audit> }> {
    const request = await this.deps.store.reassignments.get(requestId);
    if (!request) throw new AppError('notFound', 'That request to reassign was not found.');
    const audit = await this.deps.store.audits.get(request.auditId);
    if (!audit) throw new AppError('conflict', 'The audit this request is about no longer exists.');
    return { request, audit };
  }

  private static requireReassignable(audit: Audit): void {
    if (!mayBeReassigned(audit.status))
      throw new AppError('transitionRefused', `This audit is ${statusLabels[audit.status].toLowerCase()}, so it can no longer be passed to another auditor. Mark the request as dealt with instead.`);
  }

  private static alreadyResolved(request: ReassignmentRequest): AppError {
    const how = request.outcome === 'reassigned' ? 'the audit has already been passed to another auditor' : 'it has already been marked as dealt with';
    return new AppError('conflict', `This request is resolved: ${how}. Reload the list.`);
  }

  /** The case's ties as the register holds them now; the allocation snapshot when the case has left the register. */
  private async caseTies(audit: Audit): Promise<{ ties: CaseTies; staffTeams: Record<string, string | null> }> {
    const c = await this.deps.store.cases.get(audit.caseId);
    const ties: CaseTies = c
      ? { teamId: c.teamId, workerId: c.workerId, pastTeamIds: c.pastTeamIds, pastWorkerIds: c.pastWorkerIds }
      : { teamId: audit.caseSnapshot.teamId, workerId: audit.caseSnapshot.workerId, pastTeamIds: [], pastWorkerIds: [] };
    const staffTeams: Record<string, string | null> = {};
    for (const id of new Set([...(ties.workerId ? [ties.workerId] : []), ...ties.pastWorkerIds])) {
      staffTeams[id] = (await this.deps.store.staff.get(id))?.teamId ?? null;
    }
    return { ties, staffTeams };
  }

  private async roundPool(audit: Audit): Promise<Set<string>> {
    const round = audit.roundId ? await this.deps.store.rounds.get(audit.roundId) : null;
    return new Set(round?.auditorIds ?? []);
  }

  private static canAudit(person: StaffMember, pool: Set<string>): boolean {
    return pool.has(person.id) || person.jobRoles.some((r) => AUDITOR_ROLES.includes(r));
  }

  /** Staff who could take the audit, each with how they stand to the case. */
  async candidates(user: StaffMember, requestId: string): Promise<ReassignCandidatesResponse> {
    ReassignAudit.requireLead(user);
    const { request, audit } = await this.load(requestId);
    if (request.status !== 'open') throw ReassignAudit.alreadyResolved(request);
    ReassignAudit.requireReassignable(audit);
    const { store } = this.deps;
    const pool = await this.roundPool(audit);
    const people = new Map<string, StaffMember>();
    for (const role of AUDITOR_ROLES) for (const s of await allPages((p) => store.staff.listByRole(role, p))) people.set(s.id, s);
    for (const id of pool) {
      const s = people.has(id) ? null : await store.staff.get(id);
      if (s) people.set(s.id, s);
    }
    const teamNames = new Map((await store.teams.listAll()).map((t) => [t.id, t.name]));
    const { ties, staffTeams } = await this.caseTies(audit);
    const ranked: { item: ReassignCandidate; rank: number }[] = [];
    for (const s of people.values()) {
      if (!s.active || s.id === request.auditorId || s.id === audit.auditorId) continue;
      const fit = auditorFit(ties, { id: s.id, teamId: s.teamId }, staffTeams);
      ranked.push({
        rank: fitRank(fit),
        item: {
          id: s.id,
          displayName: s.displayName,
          jobRoles: s.jobRoles,
          teamName: s.teamId === null ? null : (teamNames.get(s.teamId) ?? null),
          inRoundPool: pool.has(s.id),
          choosable: !fit.barred,
          conflicts: fit.barred ? [] : fit.conflicts,
          reason: fit.reason,
        },
      });
    }
    ranked.sort(
      (a, b) =>
        a.rank - b.rank ||
        Number(b.item.inRoundPool) - Number(a.item.inRoundPool) ||
        a.item.displayName.localeCompare(b.item.displayName, 'en-GB') ||
        a.item.id.localeCompare(b.item.id),
    );
    return {
      requestId: request.id,
      auditId: audit.id,
      caseRef: audit.caseSnapshot.caseRef,
      initials: audit.caseSnapshot.initials,
      auditEtag: audit.etag,
      started: audit.status !== 'allocated',
      items: ranked.map((r) => r.item),
    };
  }

  /** Passes the audit to `input.auditorId` and resolves the request as reassigned. */
  async reassign(user: StaffMember, requestId: string, input: ReassignRequest): Promise<ReassignResponse> {
    ReassignAudit.requireLead(user);
    const { store } = this.deps;
    const { request, audit } = await this.load(requestId);
    const target = input.auditorId;
    if (request.status !== 'open') {
      // A retry of the reassignment that resolved it: nothing more to do.
      if (request.outcome === 'reassigned' && request.reassignedToId === target && request.resolvedAt)
        return { requestId: request.id, auditId: audit.id, auditorId: target, outcome: 'reassigned', resolvedAt: request.resolvedAt, changed: false };
      throw ReassignAudit.alreadyResolved(request);
    }

    if (target === request.auditorId) throw invalidFields([{ field: 'body.auditorId', message: 'is the auditor who asked for the audit to be reassigned' }]);
    const person = await store.staff.get(target);
    if (!person || !person.active) throw invalidFields([{ field: 'body.auditorId', message: 'is not an active member of staff' }]);
    if (!ReassignAudit.canAudit(person, await this.roundPool(audit)))
      throw invalidFields([{ field: 'body.auditorId', message: "is not in the round's auditors and holds no job that audits case files" }]);

    let current = audit;
    // Already with the chosen auditor: an earlier try moved it and stopped before resolving the request.
    if (audit.auditorId !== target) {
      if (audit.auditorId !== request.auditorId) throw new AppError('conflict', 'The audit is no longer with the auditor who asked. Reload the list.');
      ReassignAudit.requireReassignable(audit);
      if (input.etag !== audit.etag)
        throw new AppError('conflict', 'The audit has changed since you opened this request. Open it again and choose again.', {
          fields: [{ field: 'body.etag', message: 'is not the audit’s current version' }],
        });
      const { ties, staffTeams } = await this.caseTies(audit);
      const fit = auditorFit(ties, { id: person.id, teamId: person.teamId }, staffTeams);
      if (fit.barred) throw new AppError('conflict', `${person.displayName} cannot audit this case. ${fit.reason}`, { fields: [{ field: 'body.auditorId', message: fit.reason }] });
      if (fit.conflicts.length > 0 && !input.confirmConflicts)
        throw new AppError('conflict', `${person.displayName} has a link to this case: ${fit.reason} Confirm to pass the audit to them anyway.`, {
          fields: [{ field: 'body.confirmConflicts', message: 'confirm the link between the auditor and the case' }],
        });
      current = await this.move(user, request, audit, target, fit.conflicts);
    }

    const labels = this.deps.labels;
    await this.enqueueOnce(reassignedAllocationNoticeId(request.id), () =>
      allocationNotice(current, this.deps.auditLink(current.id), labels, reassignedAllocationNoticeId(request.id)),
    );
    await this.enqueueOnce(auditPassedOnNoticeId(request.id), () => auditPassedOnNotice(current, request.auditorId, request.id));
    const resolved = await store.reassignments.resolve(request.id, user.id, this.deps.clock().toISOString(), { outcome: 'reassigned', reassignedToId: target });
    if (resolved.outcome !== 'reassigned' || resolved.reassignedToId !== target || !resolved.resolvedAt) throw ReassignAudit.alreadyResolved(resolved);
    return { requestId: resolved.id, auditId: current.id, auditorId: target, outcome: 'reassigned', resolvedAt: resolved.resolvedAt, changed: true };
  }

  private async move(user: StaffMember, request: ReassignmentRequest, audit: WithETag<Audit>, target: string, conflicts: readonly ConflictKind[]): Promise<WithETag<Audit>> {
    const at = this.deps.clock().toISOString();
    const { etag, ...before } = audit;
    const next: Audit = { ...before, auditorId: target, updatedAt: at };
    const trail = reassignmentTrail(before, next, { actorId: user.id, at, requestId: request.id, confirmedConflicts: conflicts }, () => this.deps.newId('tr'));
    try {
      return await this.deps.store.audits.update(next, etag, trail);
    } catch (err) {
      if (err instanceof ConflictError) throw new AppError('conflict', 'Someone saved the audit at the same moment. Open the request again and choose again.');
      throw err;
    }
  }

  private async enqueueOnce(noticeId: string, build: () => NewNotification): Promise<void> {
    const { outbox } = this.deps.store;
    if (await outbox.get(noticeId)) return;
    try {
      await outbox.enqueue(build());
    } catch (err) {
      // A retry running alongside wrote it first.
      if (!(err instanceof DuplicateError)) throw err;
    }
  }
}
