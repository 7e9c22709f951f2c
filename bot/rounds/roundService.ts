import { randomInt } from 'node:crypto';
import type { Store, WithETag } from '../store/storeInterface';
import { allPages, ConflictError, DuplicateError } from '../store/storeInterface';
import type { Audit, AuditType } from '../../shared/schemas/audits';
import { emptyAuditForm } from '../../shared/schemas/audits';
import type { ChildCase } from '../../shared/schemas/cases';
import type { StaffMember } from '../../shared/schemas/staff';
import type { AuditRound } from '../../shared/schemas/rounds';
import type { IsoDate } from '../../shared/schemas/common';
import type { AuditTypeSettings } from '../../shared/settings/auditTypeSettings';
import type { TemplateCatalogue } from '../../shared/templates/templateCatalogue';
import type { CreateRoundRequest, PublishResponse, RoundDeliveryResponse, RoundPreview } from '../../shared/api/contracts';
import { allocate, checkSwap, type AllocationCase, type AllocationRequest, type AllocationResult } from '../../shared/allocation/allocation';
import { checkDueDate, checkRoundCalendar, defaultDueDate, needsConfirmation, roundAuditId } from '../../shared/rounds/roundRules';
import { ageBandFor, ageInYears, snapshotCase } from '../../shared/cases/caseSnapshot';
import { computeLookBack } from '../../shared/templates/lookBack';
import { londonDate } from '../../shared/calendar/londonTime';
import { AppError, invalidFields } from '../http/appError';
import { allocationNotice, allocationNoticeId } from '../delivery/allocationNotice';
import { caseContactsOf, caseSelectedNotice, caseSelectedNoticeId } from '../delivery/caseSelectedNotice';
import { caseSelectedRecipients } from '../../shared/access/caseContacts';
import type { NewNotification } from '../delivery/outboxStore';
import type { AuditTypeLabels } from '../../shared/cards/cardInputs';
import type { SwapCandidatesQuery, SwapCandidatesResponse } from '../../shared/api/swapCandidateContracts';
import { swapCandidates } from '../../shared/rounds/swapCandidates';
import { exemptedAuditorProblems } from '../exemptions/exemptedAuditors';
import { unreachableDetail } from '../teams/proactiveInstall';

export interface RoundServiceDeps {
  store: Store;
  templates: TemplateCatalogue;
  settings: Record<AuditType, AuditTypeSettings>;
  clock: () => Date;
  newId: (prefix: string) => string;
  /** The "Open audit" link on the allocation card (see `auditLink`). */
  auditLink: (auditId: string) => string;
  /** A fresh allocation seed when the lead gives none (tests pass their own). */
  newSeed?: () => number;
}

/** What the allocation needs to know about the service now, read once per command. */
interface ServiceSnapshot {
  cases: Map<string, ChildCase>;
  staffTeams: Record<string, string | null>;
  teamNames: Map<string, string>;
  lastAudited: Map<string, IsoDate>;
}

/** Audits that never happened do not count as the case's last audit. */
const notAnAudit = new Set<Audit['status']>(['withdrawn', 'exempted']);

/**
 * Monthly audit rounds: a QA lead (or principal social worker) drafts a round, previews the
 * allocation, swaps or removes cases, then publishes it, which creates the audits.
 */
export class RoundService {
  constructor(private readonly deps: RoundServiceDeps) {}

  /** Refuses anyone who may not run rounds; routes call it before reading the body, so a refusal says nothing about the input. */
  assertCanRunRounds(user: StaffMember): void {
    RoundService.requireLead(user);
  }

  private static requireLead(user: StaffMember): void {
    if (!user.jobRoles.some((r) => r === 'qaLead' || r === 'principalSocialWorker'))
      throw new AppError('forbidden', 'Audit rounds are run by quality assurance leads and the principal social worker.');
  }

  private today(): IsoDate {
    return londonDate(this.deps.clock());
  }


  /** Open cases, staff teams and each case's last audit, read team by team (every list filters on one column). */
  private async serviceNow(): Promise<ServiceSnapshot> {
    const { store } = this.deps;
    const teams = await store.teams.listAll();
    const snap: ServiceSnapshot = { cases: new Map(), staffTeams: {}, teamNames: new Map(), lastAudited: new Map() };
    for (const t of teams) {
      snap.teamNames.set(t.id, t.name);
      for (const c of await allPages((p) => store.cases.listByTeam(t.id, p))) if (c.open) snap.cases.set(c.id, c);
      for (const s of await allPages((p) => store.staff.listByTeam(t.id, p))) snap.staffTeams[s.id] = s.teamId;
      for (const a of await allPages((p) => store.audits.listByTeam(t.id, p))) {
        if (notAnAudit.has(a.status)) continue;
        const on = londonDate(new Date(a.allocatedAt));
        const seen = snap.lastAudited.get(a.caseId);
        if (seen === undefined || on > seen) snap.lastAudited.set(a.caseId, on);
      }
    }
    return snap;
  }

  private static allocationCase(c: ChildCase, on: IsoDate, lastAuditedOn: IsoDate | null): AllocationCase {
    return {
      id: c.id,
      teamId: c.teamId,
      workerId: c.workerId,
      legalStatus: c.legalStatus,
      ageBand: c.dateOfBirth === null || c.dateOfBirth > on ? ageBandFor(null) : ageBandFor(ageInYears(c.dateOfBirth, on)),
      pastTeamIds: c.pastTeamIds,
      pastWorkerIds: c.pastWorkerIds,
      lastAuditedOn,
    };
  }

  private async auditorsOf(ids: string[], field: string): Promise<{ id: string; teamId: string | null }[]> {
    const out: { id: string; teamId: string | null }[] = [];
    const problems: { field: string; message: string }[] = [];
    for (const [i, staffId] of ids.entries()) {
      if (ids.indexOf(staffId) !== i) {
        problems.push({ field: `${field}.${i}`, message: 'is listed twice' });
        continue;
      }
      const s = await this.deps.store.staff.get(staffId);
      if (!s) problems.push({ field: `${field}.${i}`, message: 'is not a member of staff' });
      else if (!s.active) problems.push({ field: `${field}.${i}`, message: 'is no longer an active member of staff' });
      else out.push({ id: s.id, teamId: s.teamId });
    }
    if (problems.length) throw invalidFields(problems);
    return out;
  }

  /** The allocation request a round stands for, with the service as it is now. */
  private async requestFor(round: Pick<AuditRound, 'seed' | 'createdAt' | 'casesPerAuditor' | 'auditorIds'>, auditors: { id: string; teamId: string | null }[], snap: ServiceSnapshot): Promise<AllocationRequest> {
    const roundDate = londonDate(new Date(round.createdAt));
    return {
      seed: round.seed,
      roundDate,
      casesPerAuditor: round.casesPerAuditor,
      auditors: auditors.map((a) => ({ ...a, capacity: round.casesPerAuditor })),
      cases: [...snap.cases.values()].map((c) => RoundService.allocationCase(c, roundDate, snap.lastAudited.get(c.id) ?? null)),
      staffTeams: snap.staffTeams,
    };
  }

  async createDraft(user: StaffMember, input: CreateRoundRequest): Promise<RoundPreview> {
    RoundService.requireLead(user);
    const today = this.today();
    const refusal = checkRoundCalendar(this.deps.settings, input.auditType, input.month);
    if (refusal !== null && input.calendarOverrideReason === null)
      throw invalidFields([{ field: 'body.calendarOverrideReason', message: `${refusal} Give a reason to run it anyway.` }]);
    const dueDate = input.dueDate ?? defaultDueDate(input.month);
    const dueProblem = checkDueDate(dueDate, today);
    if (dueProblem !== null) throw invalidFields([{ field: 'body.dueDate', message: dueProblem }]);
    const auditors = await this.auditorsOf(input.auditorIds, 'body.auditorIds');
    // Exemptions: nobody excused from this month's audits of this type is put in the round.
    const exempted = await exemptedAuditorProblems(this.deps.store.exemptions, input.auditorIds, input.month, input.auditType, 'body.auditorIds');
    if (exempted.length) throw invalidFields(exempted);

    const now = this.deps.clock().toISOString();
    const seed = input.seed ?? (this.deps.newSeed ?? (() => randomInt(0, 2 ** 32 - 1)))();
    const base = { seed, createdAt: now, casesPerAuditor: input.casesPerAuditor, auditorIds: auditors.map((a) => a.id) };
    const snap = await this.serviceNow();
    const result = allocate(await this.requestFor(base, auditors, snap));
    const round: AuditRound = {
      id: this.deps.newId('rnd'),
      month: input.month,
      auditType: input.auditType,
      theme: input.theme,
      ...base,
      dueDate,
      status: 'draft',
      allocations: result.allocations,
      problems: [...result.problems, ...result.unallocatedAuditors.map((u) => u.reason)],
      historyChecked: result.historyChecked,
      calendarOverrideReason: refusal === null ? null : input.calendarOverrideReason,
      createdBy: user.id,
      publishedAt: null,
      closedAt: null,
      closedById: null,
      closeReason: null,
      purge: null,
    };
    return this.view(await this.deps.store.rounds.put(round, null), snap);
  }

  private async load(id: string): Promise<WithETag<AuditRound>> {
    const round = await this.deps.store.rounds.get(id);
    if (!round) throw new AppError('notFound', 'There is no audit round with that id.');
    return round;
  }

  private static requireDraft(round: AuditRound): void {
    if (round.status !== 'draft') throw new AppError('conflict', 'This round has been published; its allocations can no longer change.');
  }

  private async save(round: AuditRound, etag: string): Promise<WithETag<AuditRound>> {
    try {
      return await this.deps.store.rounds.put(round, etag);
    } catch (err) {
      if (err instanceof ConflictError) throw new AppError('conflict', 'Someone else changed this round at the same time; reload it and try again.');
      throw err;
    }
  }

  private async view(round: WithETag<AuditRound>, snap?: ServiceSnapshot): Promise<RoundPreview> {
    const s = snap ?? (await this.serviceNow());
    const names = new Map<string, string>();
    for (const id of round.auditorIds) names.set(id, (await this.deps.store.staff.get(id))?.displayName ?? 'Former member of staff');
    const allocations: RoundPreview['allocations'] = [];
    for (const a of round.allocations) {
      // Once a round closes its cases leave the register; their audits keep a snapshot to show instead.
      const c = s.cases.get(a.caseId) ?? (await this.deps.store.cases.get(a.caseId)) ?? (round.status === 'draft' ? null : (await this.deps.store.audits.get(roundAuditId(round.id, a.caseId)))?.caseSnapshot);
      allocations.push({
        ...a,
        caseRef: c?.caseRef ?? 'Case no longer on the register',
        teamName: c ? (s.teamNames.get(c.teamId) ?? 'Unknown team') : 'Unknown team',
        auditorName: names.get(a.auditorId) ?? 'Former member of staff',
      });
    }
    return {
      round,
      allocations,
      needsConfirmation: needsConfirmation(round.allocations),
      calendarRefusal: checkRoundCalendar(this.deps.settings, round.auditType, round.month),
    };
  }

  async preview(user: StaffMember, id: string): Promise<RoundPreview> {
    RoundService.requireLead(user);
    return this.view(await this.load(id));
  }

  /**
   * Gives the auditor holding `caseId` another case instead; the allocation rules decide whether it
   * may. A case linked to the auditor (allowed only when no conflict-free one is left) needs
   * `confirmConflicts`, as publishing does.
   */
  async swap(user: StaffMember, id: string, caseId: string, newCaseId: string, confirmConflicts = false): Promise<RoundPreview> {
    RoundService.requireLead(user);
    const round = await this.load(id);
    const { current, req, asResult, snap } = await this.swapState(round, caseId, 'body.caseId');
    const check = checkSwap(req, asResult, current, newCaseId);
    if (!check.ok) throw new AppError('conflict', check.reason, { fields: [{ field: 'body.newCaseId', message: check.reason }] });
    if (check.allocation.conflicts.length > 0 && !confirmConflicts)
      throw new AppError('conflict', 'That case links the auditor to the case, and no conflict-free case is left for them. Confirm to swap it in.', {
        fields: [{ field: 'body.confirmConflicts', message: 'confirm the allocation flagged with a conflict of interest' }],
      });
    const allocations = round.allocations.map((a) => (a.caseId === caseId ? check.allocation : a));
    return this.view(await this.save({ ...round, allocations }, round.etag), snap);
  }

  /** Cases that could be swapped in for the one at `query.caseId`, each with whether the rules allow it and why. */
  async swapCandidates(user: StaffMember, id: string, query: SwapCandidatesQuery): Promise<SwapCandidatesResponse> {
    RoundService.requireLead(user);
    const round = await this.load(id);
    const { current, req, asResult, snap } = await this.swapState(round, query.caseId, 'query.caseId');
    const details = new Map(
      [...snap.cases.values()].map((c) => [c.id, { caseRef: c.caseRef, teamName: snap.teamNames.get(c.teamId) ?? 'Unknown team' }]),
    );
    return swapCandidates(req, asResult, current, details, { q: query.q, after: query.cursor ?? null, limit: query.limit });
  }

  /** A draft round's allocation of `caseId` and the allocation request and result the swap rules check it against. */
  private async swapState(round: WithETag<AuditRound>, caseId: string, field: string) {
    RoundService.requireDraft(round);
    const current = round.allocations.find((a) => a.caseId === caseId);
    if (!current) throw invalidFields([{ field, message: 'is not allocated in this round' }]);
    const snap = await this.serviceNow();
    const auditors = await this.auditorsOf(round.auditorIds, 'round.auditorIds');
    const req = await this.requestFor(round, auditors, snap);
    const asResult: AllocationResult = {
      seed: round.seed,
      allocations: round.allocations,
      needsConfirmation: needsConfirmation(round.allocations),
      unallocatedAuditors: [],
      problems: round.problems,
      historyChecked: round.historyChecked,
    };
    return { current, req, asResult, snap };
  }

  async remove(user: StaffMember, id: string, caseId: string): Promise<RoundPreview> {
    RoundService.requireLead(user);
    const round = await this.load(id);
    RoundService.requireDraft(round);
    if (!round.allocations.some((a) => a.caseId === caseId)) throw invalidFields([{ field: 'body.caseId', message: 'is not allocated in this round' }]);
    const allocations = round.allocations.filter((a) => a.caseId !== caseId);
    return this.view(await this.save({ ...round, allocations }, round.etag));
  }

  /**
   * Creates one audit per allocation, each followed at once by its auditor's notice in the outbox,
   * then marks the round published. Audit ids come from round and case, notice ids from the audit,
   * so a publish interrupted part-way can simply be repeated: what exists is left as it is.
   *
   * Order, and why nothing is lost: audit → its notices (auditor's, then for collaborative types
   * the case worker's and team manager's) → (all done) round published. A crash after
   * an audit but before its notice leaves the round a draft, so the lead publishes again; the audit
   * is found and its missing notice written then. Once the round is published every notice exists.
   * Nothing is sent from here: the dispatcher delivers the outbox, so a slow or failing Teams never
   * holds up or undoes a publish.
   */
  async publish(user: StaffMember, id: string, confirmConflicts: boolean): Promise<PublishResponse> {
    RoundService.requireLead(user);
    const round = await this.load(id);
    if (round.status === 'closed') throw new AppError('conflict', 'This round is closed; it can no longer be published.');
    if (needsConfirmation(round.allocations) && !confirmConflicts)
      throw new AppError('conflict', 'Some allocations link the auditor to the case. Check them, swap where you can, and confirm the rest to publish.', {
        fields: [{ field: 'body.confirmConflicts', message: 'confirm the allocations flagged with a conflict of interest' }],
      });
    if (round.status === 'draft') {
      // An exemption agreed after the round was drafted still counts.
      const exempted = await exemptedAuditorProblems(this.deps.store.exemptions, round.auditorIds, round.month, round.auditType, 'round.auditorIds');
      if (exempted.length)
        throw new AppError('conflict', 'An auditor in this round has been excused from auditing this month since it was drafted. Start the round again without them.', { fields: exempted });
    }
    const settings = this.deps.settings[round.auditType];
    const template = this.deps.templates.latest(settings.templateId);
    const now = this.deps.clock();
    const at = now.toISOString();
    const allocatedOn = londonDate(now);
    const auditIds: string[] = [];
    const skipped: PublishResponse['skipped'] = [];
    let created = 0;
    for (const a of round.allocations) {
      const auditId = roundAuditId(round.id, a.caseId);
      const existing = await this.deps.store.audits.get(auditId);
      if (existing) {
        // An earlier, interrupted publish made the audit; make sure its notice was written too.
        if (round.status !== 'published') await this.notify(existing);
        auditIds.push(auditId);
        continue;
      }
      if (round.status === 'published') continue; // never add audits to a round already published
      const c = await this.deps.store.cases.get(a.caseId);
      if (!c || !c.open) {
        skipped.push({ caseId: a.caseId, reason: c ? 'The case has closed since the round was drafted.' : 'The case is no longer on the register.' });
        continue;
      }
      const snapshot = snapshotCase(c, allocatedOn);
      const audit: Audit = {
        id: auditId,
        auditType: round.auditType,
        templateId: template.id,
        templateVersion: template.version,
        roundId: round.id,
        purpose: 'core',
        caseId: c.id,
        caseSnapshot: snapshot,
        auditorId: a.auditorId,
        status: 'allocated',
        dueDate: round.dueDate,
        lookBack: computeLookBack(settings.lookBack, allocatedOn, c.mostRecentReferral),
        theme: round.theme,
        form: emptyAuditForm(),
        finalGrade: null,
        allocatedAt: at,
        startedAt: null,
        submittedAt: null,
        updatedAt: at,
      };
      let made: WithETag<Audit> | null = null;
      try {
        made = await this.deps.store.audits.create(audit, [
          { id: this.deps.newId('tr'), auditId, at, actorId: user.id, kind: 'created', field: 'status', before: null, after: 'allocated', textLengths: null },
        ]);
        created++;
      } catch (err) {
        // Another publish of the same round got there first: the audit exists, which is what we want.
        if (!(err instanceof DuplicateError)) throw err;
        made = await this.deps.store.audits.get(auditId);
      }
      if (made) await this.notify(made);
      auditIds.push(auditId);
    }
    let stored = round;
    if (round.status !== 'published') {
      try {
        stored = await this.save({ ...round, status: 'published', publishedAt: at }, round.etag);
      } catch (err) {
        // A publish running alongside may have marked it first; anything else is a real conflict.
        const now = await this.load(id);
        if (now.status !== 'published') throw err;
        stored = now;
      }
    }
    return { round: stored, created, auditIds, skipped };
  }

  /**
   * Where the round's allocation cards have got to: counts by status, and who cannot be reached and
   * why. Read per allocation (notice ids derive from round and case), so no query spans rounds.
   */
  async delivery(user: StaffMember, id: string): Promise<RoundDeliveryResponse> {
    RoundService.requireLead(user);
    const round = await this.load(id);
    const counts: RoundDeliveryResponse['counts'] = { queued: 0, sending: 0, sent: 0, failed: 0, undeliverable: 0 };
    const undeliverable: RoundDeliveryResponse['undeliverable'] = [];
    for (const a of round.allocations) {
      const n = await this.deps.store.outbox.get(allocationNoticeId(roundAuditId(round.id, a.caseId)));
      if (!n) continue;
      counts[n.status]++;
      if (n.status !== 'undeliverable') continue;
      const known = undeliverable.find((u) => u.recipientId === n.recipientId);
      if (known) {
        known.notificationIds.push(n.id);
        continue;
      }
      const who = await this.deps.store.staff.get(n.recipientId);
      undeliverable.push({ recipientId: n.recipientId, displayName: who?.displayName ?? null, reason: n.undeliverableReason ?? 'notFound', detail: unreachableDetail(n), notificationIds: [n.id] });
    }
    return { roundId: round.id, counts, undeliverable };
  }

  /**
   * Writes the audit's notices unless they exist (a re-run enqueues nothing twice): the auditor's
   * allocation notice first, then, for collaborative audit types, the case worker's and the team
   * manager's (their deputy when the manager is away). Each is checked on its own, so a publish
   * interrupted between two of them writes only the missing ones when repeated.
   */
  private async notify(audit: WithETag<Audit>): Promise<void> {
    const { settings } = this.deps;
    const labels: AuditTypeLabels = {
      childsJourneyMonthly: settings.childsJourneyMonthly.label,
      deepDive: settings.deepDive.label,
      managersMonthly: settings.managersMonthly.label,
    };
    const link = this.deps.auditLink(audit.id);
    await this.enqueueOnce(allocationNoticeId(audit.id), () => allocationNotice(audit, link, labels));
    if (!settings[audit.auditType].collaborative) return;
    const { staff } = this.deps.store;
    // Nobody is told twice, and the auditor already has their own card.
    const recipients = caseSelectedRecipients(await caseContactsOf(this.deps.store, audit), audit.auditorId);
    if (recipients.length === 0) return;
    const auditorName = (await staff.get(audit.auditorId))?.displayName ?? 'an auditor';
    for (const r of recipients)
      await this.enqueueOnce(caseSelectedNoticeId(audit.id, r.audience), () => caseSelectedNotice(audit, r.audience, r.staffId, auditorName, link, labels));
  }

  private async enqueueOnce(noticeId: string, build: () => NewNotification): Promise<void> {
    const { outbox } = this.deps.store;
    if (await outbox.get(noticeId)) return;
    try {
      await outbox.enqueue(build());
    } catch (err) {
      // A publish running alongside wrote it first.
      if (!(err instanceof DuplicateError)) throw err;
    }
  }
}
