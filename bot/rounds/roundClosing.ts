import type { Store, WithETag } from '../store/storeInterface';
import { allPages, ConflictError, NotFoundError } from '../store/storeInterface';
import type { StaffMember } from '../../shared/schemas/staff';
import type { ChildCase } from '../../shared/schemas/cases';
import type { AuditRound, RoundPurge, RoundStatus } from '../../shared/schemas/rounds';
import type { CloseRoundPreview, CloseRoundResponse, RegisterPurgeCounts } from '../../shared/api/roundCloseContracts';
import { mayRunRounds } from '../../shared/access/roundAccess';
import { isAwaitingSubmission } from '../../shared/lifecycle/auditLifecycle';
import { roundAuditId } from '../../shared/rounds/roundRules';
import { londonDate, ukDate } from '../../shared/calendar/londonTime';
import { AppError, invalidFields } from '../http/appError';

/** Rounds whose allocations still need their case records. */
const OPEN_ROUND_STATUSES: readonly RoundStatus[] = ['draft', 'published'];
/** Case records removed per batch; each batch is named on the round before it goes (see RoundPurge). */
const BATCH = 100;
const SAVE_ATTEMPTS = 5;

interface PurgePlan {
  removable: WithETag<ChildCase>[];
  keptInOpenRounds: number;
  keptWithOpenAudits: number;
}

/**
 * Closing a published round, and the data minimisation it brings: the case register keeps only
 * what a round still in hand or an audit still open needs. A case record is removed when it is
 * allocated in no draft or published round (any month) and none of its audits is still waiting
 * for submission. The closed round's own cases therefore go once their audits are submitted;
 * the audits keep their frozen case snapshot. A re-import of the register brings a case back.
 *
 * Idempotent and resumable: the round is marked closed first, then each removal is conditional on
 * the record's etag (a case changed meanwhile, e.g. re-imported, is left alone), and the purge is
 * marked complete last. Closing again — after a crash, or later once more audits are submitted —
 * removes whatever is removable then, and the count on the round adds up across runs.
 */
export class RoundClosingService {
  constructor(private readonly deps: { store: Store; clock: () => Date }) {}

  private static requireLead(user: StaffMember): void {
    if (!mayRunRounds(user)) throw new AppError('forbidden', 'Audit rounds are run by quality assurance leads and the principal social worker.');
  }

  private async load(id: string): Promise<WithETag<AuditRound>> {
    const round = await this.deps.store.rounds.get(id);
    if (!round) throw new AppError('notFound', 'There is no audit round with that id.');
    return round;
  }

  /** Before the due date has passed (the due date itself included) a reason is needed. */
  private reasonRequired(round: AuditRound): boolean {
    return londonDate(this.deps.clock()) <= round.dueDate;
  }

  private static requireClosable(round: AuditRound): void {
    if (round.status === 'draft') throw new AppError('conflict', 'A draft round cannot be closed: publish it, or leave it as a draft.');
  }

  /** What closing would do, in counts: for the QA lead's confirmation. */
  async preview(user: StaffMember, id: string): Promise<CloseRoundPreview> {
    RoundClosingService.requireLead(user);
    const round = await this.load(id);
    RoundClosingService.requireClosable(round);
    const plan = await this.plan(round.status === 'closed' ? null : round.id);
    return {
      roundId: round.id,
      dueDate: round.dueDate,
      reasonRequired: round.status !== 'closed' && this.reasonRequired(round),
      openAuditsInRound: await this.openAuditsIn(round),
      purge: RoundClosingService.counts(plan),
    };
  }

  async close(user: StaffMember, id: string, reason: string | null): Promise<CloseRoundResponse> {
    RoundClosingService.requireLead(user);
    let round = await this.load(id);
    RoundClosingService.requireClosable(round);
    if (round.status === 'published') {
      if (this.reasonRequired(round) && reason === null)
        throw invalidFields([{ field: 'body.reason', message: `the round is due on ${ukDate(round.dueDate)}; give a reason to close it before then` }]);
      round = await this.markClosed(round, user, reason);
    }
    // Closed now (by this call or an earlier one): purge, whether for the first time, to finish a
    // run cut short, or to catch cases whose audits have been submitted since.
    round = await this.settlePending(round.id);
    const plan = await this.plan(null);
    let removed = 0;
    for (let i = 0; i < plan.removable.length; i += BATCH) {
      const batch = plan.removable.slice(i, i + BATCH);
      // The batch is named on the round before any of it goes, so a crash now is counted later.
      await this.updatePurge(round.id, (p) => ({ ...p, pendingCaseIds: batch.map((c) => c.id) }));
      let inBatch = 0;
      for (const c of batch) if (await this.remove(c)) inBatch++;
      await this.updatePurge(round.id, (p) => ({ ...p, registerRowsRemoved: p.registerRowsRemoved + inBatch, pendingCaseIds: [] }));
      removed += inBatch;
    }
    const at = this.deps.clock().toISOString();
    round = await this.updatePurge(round.id, (p) => ({ ...p, completedAt: at }));
    return { round, removed, keptInOpenRounds: plan.keptInOpenRounds, keptWithOpenAudits: plan.keptWithOpenAudits };
  }

  private async markClosed(round: WithETag<AuditRound>, user: StaffMember, reason: string | null): Promise<WithETag<AuditRound>> {
    const at = this.deps.clock().toISOString();
    try {
      return await this.deps.store.rounds.put(
        { ...round, status: 'closed', closedAt: at, closedById: user.id, closeReason: reason, purge: { registerRowsRemoved: 0, completedAt: null, pendingCaseIds: [] } },
        round.etag,
      );
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      // Closed by someone else at the same moment: go on with their close; anything else is a real conflict.
      const now = await this.load(round.id);
      if (now.status !== 'closed') throw new AppError('conflict', 'Someone else changed this round at the same time; reload it and try again.');
      return now;
    }
  }

  /** A batch named on the round by a run that stopped part-way: what of it is gone is counted now. */
  private async settlePending(id: string): Promise<WithETag<AuditRound>> {
    const round = await this.load(id);
    const pending = round.purge?.pendingCaseIds ?? [];
    if (pending.length === 0) return round;
    let gone = 0;
    for (const caseId of pending) if ((await this.deps.store.cases.get(caseId)) === null) gone++;
    return this.updatePurge(id, (p) => ({ ...p, registerRowsRemoved: p.registerRowsRemoved + gone, pendingCaseIds: [] }));
  }

  /** Rewrites the round's purge record, re-reading and retrying when another write got there first. */
  private async updatePurge(id: string, change: (purge: RoundPurge) => RoundPurge): Promise<WithETag<AuditRound>> {
    for (let attempt = 1; ; attempt++) {
      const round = await this.load(id);
      const purge = change(round.purge ?? { registerRowsRemoved: 0, completedAt: null, pendingCaseIds: [] });
      try {
        return await this.deps.store.rounds.put({ ...round, purge }, round.etag);
      } catch (err) {
        if (!(err instanceof ConflictError) || attempt >= SAVE_ATTEMPTS) throw err;
      }
    }
  }

  /** True when this call removed it; a case changed or removed meanwhile is left as it is. */
  private async remove(c: WithETag<ChildCase>): Promise<boolean> {
    try {
      await this.deps.store.cases.delete(c.id, c.etag);
      return true;
    } catch (err) {
      if (err instanceof ConflictError || err instanceof NotFoundError) return false;
      throw err;
    }
  }

  /**
   * Every case record on the register, sorted into removable and kept. `alsoClosing` is a round
   * about to close (for the preview): its allocations are treated as no longer keeping their cases.
   */
  private async plan(alsoClosing: string | null): Promise<PurgePlan> {
    const { store } = this.deps;
    const inOpenRounds = new Set<string>();
    for (const status of OPEN_ROUND_STATUSES)
      for (const r of await allPages((p) => store.rounds.listByStatus(status, p))) {
        if (r.id === alsoClosing) continue;
        for (const a of r.allocations) inOpenRounds.add(a.caseId);
      }
    const plan: PurgePlan = { removable: [], keptInOpenRounds: 0, keptWithOpenAudits: 0 };
    for (const team of await store.teams.listAll())
      for (const c of await allPages((p) => store.cases.listByTeam(team.id, p))) {
        if (inOpenRounds.has(c.id)) plan.keptInOpenRounds++;
        else if (await this.hasOpenAudit(c.id)) plan.keptWithOpenAudits++;
        else plan.removable.push(c);
      }
    return plan;
  }

  private async hasOpenAudit(caseId: string): Promise<boolean> {
    const audits = await allPages((p) => this.deps.store.audits.listByCase(caseId, p));
    return audits.some((a) => isAwaitingSubmission(a.status));
  }

  private async openAuditsIn(round: AuditRound): Promise<number> {
    let n = 0;
    for (const a of round.allocations) {
      const audit = await this.deps.store.audits.get(roundAuditId(round.id, a.caseId));
      if (audit && isAwaitingSubmission(audit.status)) n++;
    }
    return n;
  }

  private static counts(plan: PurgePlan): RegisterPurgeCounts {
    return { removable: plan.removable.length, keptInOpenRounds: plan.keptInOpenRounds, keptWithOpenAudits: plan.keptWithOpenAudits };
  }
}
