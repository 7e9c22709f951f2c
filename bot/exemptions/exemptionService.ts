import type { z } from 'zod';
import type { askExemptionRequest, decideExemptionRequest, lineManagerViewRequest, withdrawExemptionRequest } from '../../shared/api/exemptionContracts';
import type { ExemptedAudit, ExemptionDecisionResponse, ExemptionListResponse, ExemptionView } from '../../shared/api/exemptionContracts';
import type { ExemptionRequest } from '../../shared/schemas/exemptions';
import type { StaffMember } from '../../shared/schemas/staff';
import type { AuditRound } from '../../shared/schemas/rounds';
import { mayRunRounds } from '../../shared/access/roundAccess';
import { londonDate } from '../../shared/calendar/londonTime';
import {
  decisionNoteProblem,
  isUndecided,
  monthRangeProblems,
  monthsFromTo,
  monthsOverlap,
  nextExemptionStatus,
  type ExemptionEvent,
} from '../../shared/exemptions/exemptionRules';
import { AppError, invalidFields } from '../http/appError';
import { allPages, ConflictError, DuplicateError, NotFoundError, type Store, type WithETag } from '../store/storeInterface';
import { exemptionNotice } from '../delivery/exemptionNotice';

export interface ExemptionServiceDeps {
  store: Pick<Store, 'exemptions' | 'staff' | 'audits' | 'rounds' | 'outbox'>;
  clock: () => Date;
  newId: (prefix: string) => string;
  /** The tab's address, opened from the line manager's card. */
  appUrl: string;
}

type AskInput = z.output<typeof askExemptionRequest>;
type ViewInput = z.output<typeof lineManagerViewRequest>;
type DecideInput = z.output<typeof decideExemptionRequest>;
type WithdrawInput = z.output<typeof withdrawExemptionRequest>;

/** How long a decision stays in the QA lead's "recently decided" list. */
const RECENT_DECISION_DAYS = 30;
const RECENT_DECISION_LIMIT = 50;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Staff looked up once per command: lists name the same people many times. */
class StaffCache {
  private readonly seen = new Map<string, StaffMember | null>();
  constructor(private readonly staff: Store['staff']) {}
  async get(id: string | null): Promise<StaffMember | null> {
    if (id === null) return null;
    if (!this.seen.has(id)) this.seen.set(id, await this.staff.get(id));
    return this.seen.get(id) ?? null;
  }
  async name(id: string): Promise<string> {
    return (await this.get(id))?.displayName ?? 'Former member of staff';
  }
}

/**
 * Auditors asking to be excused from auditing for some months; their line manager giving a view;
 * a QA lead or the principal social worker agreeing or refusing. Every command checks who may act
 * on the signed-in identity, and every change is conditional on the request's etag. An agreed
 * exemption never changes audits already allocated: the decision lists them for the lead.
 * The reason and comments are never logged.
 */
export class ExemptionService {
  constructor(private readonly deps: ExemptionServiceDeps) {}

  /** The signed-in auditor asks for themselves; the line manager (or their deputy, when away) is told. */
  async ask(user: StaffMember, input: AskInput): Promise<ExemptionView> {
    const { store } = this.deps;
    const toMonth = input.toMonth ?? input.fromMonth;
    const today = londonDate(this.deps.clock());
    const problems = monthRangeProblems(input.fromMonth, toMonth, today);
    if (problems.length) throw invalidFields(problems.map((p) => ({ field: `body.${p.field}`, message: p.message })));
    const months = monthsFromTo(input.fromMonth, toMonth);
    const own = await allPages((p) => store.exemptions.listByAuditor(user.id, p));
    if (own.some((r) => isUndecided(r.status) && monthsOverlap(r.months, months)))
      throw new AppError('conflict', 'You already have a request for some of these months waiting for a decision. Withdraw it first if you want to ask again.', {
        fields: [{ field: 'body.fromMonth', message: 'overlaps a request still waiting for a decision' }],
      });
    const request: ExemptionRequest = {
      id: this.deps.newId('exm'),
      auditorId: user.id,
      months,
      auditTypes: input.auditTypes,
      reason: input.reason,
      status: 'requested',
      lineManagerView: null,
      decision: null,
      createdAt: this.deps.clock().toISOString(),
      withdrawnAt: null,
    };
    const created = await store.exemptions.create(request);
    await this.notifyLineManager(user, created);
    return this.view(created, new StaffCache(store.staff));
  }

  /** The signed-in auditor's own requests, newest first. */
  async mine(user: StaffMember): Promise<ExemptionListResponse> {
    const all = await allPages((p) => this.deps.store.exemptions.listByAuditor(user.id, p));
    return this.views([...all].reverse());
  }

  /** Requests from the people the signed-in user line-manages (or deputises for) that await their view. */
  async awaitingMyView(user: StaffMember): Promise<ExemptionListResponse> {
    const staff = new StaffCache(this.deps.store.staff);
    const waiting = await allPages((p) => this.deps.store.exemptions.listByStatus('requested', p));
    const mine: WithETag<ExemptionRequest>[] = [];
    for (const r of waiting) if (await this.mayGiveView(user, r, staff)) mine.push(r);
    return this.views(mine, staff);
  }

  /** Every undecided request, oldest first (QA leads, PSW). */
  async undecided(user: StaffMember): Promise<ExemptionListResponse> {
    ExemptionService.requireLead(user);
    const { exemptions } = this.deps.store;
    const [requested, consulted] = await Promise.all([
      allPages((p) => exemptions.listByStatus('requested', p)),
      allPages((p) => exemptions.listByStatus('lineManagerConsulted', p)),
    ]);
    const items = [...requested, ...consulted].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    return this.views(items);
  }

  /** Decisions of the last 30 days, newest first (QA leads, PSW). */
  async recentDecisions(user: StaffMember): Promise<ExemptionListResponse> {
    ExemptionService.requireLead(user);
    const { exemptions } = this.deps.store;
    const since = new Date(this.deps.clock().getTime() - RECENT_DECISION_DAYS * DAY_MS).toISOString();
    const [agreed, refused] = await Promise.all([allPages((p) => exemptions.listByStatus('agreed', p)), allPages((p) => exemptions.listByStatus('refused', p))]);
    const items = [...agreed, ...refused]
      .filter((r) => r.decision !== null && r.decision.at >= since)
      .sort((a, b) => (b.decision?.at ?? '').localeCompare(a.decision?.at ?? '') || a.id.localeCompare(b.id))
      .slice(0, RECENT_DECISION_LIMIT);
    return this.views(items);
  }

  /**
   * Refuses (404, 403) anyone who may not act on the request at all, before its body is read, so a
   * refusal says nothing about the input. The commands check again on the record they change.
   */
  async assertMayAct(user: StaffMember, id: string, action: 'lineManagerView' | 'decide' | 'withdraw'): Promise<void> {
    if (action === 'decide') ExemptionService.requireLead(user);
    const current = await this.load(id);
    if (action === 'lineManagerView') await this.requireViewer(user, current, new StaffCache(this.deps.store.staff));
    if (action === 'withdraw') ExemptionService.requireAuditor(user, current);
  }

  /** The auditor's line manager, or that manager's deputy, says whether they support the request. */
  async recordView(user: StaffMember, id: string, input: ViewInput): Promise<ExemptionView> {
    const staff = new StaffCache(this.deps.store.staff);
    const current = await this.load(id);
    await this.requireViewer(user, current, staff);
    const status = ExemptionService.next(current, { kind: 'lineManagerView' }, 'The line manager’s view has already been given, or the request has been decided or withdrawn.');
    const updated = await this.save(
      { ...current, status, lineManagerView: { supports: input.supports, comment: input.comment, byId: user.id, at: this.deps.clock().toISOString() } },
      input.etag,
    );
    return this.view(updated, staff);
  }

  /**
   * A QA lead or the PSW agrees or refuses; never their own request. Deciding before the line
   * manager's view needs a note saying why, and the decision records that they were not consulted.
   */
  async decide(user: StaffMember, id: string, input: DecideInput): Promise<ExemptionDecisionResponse> {
    ExemptionService.requireLead(user);
    const current = await this.load(id);
    if (current.auditorId === user.id) throw new AppError('forbidden', 'Your own request is decided by another quality assurance lead or the principal social worker.');
    const status = ExemptionService.next(current, { kind: 'decide', outcome: input.outcome }, 'This request has already been decided or withdrawn.');
    const consulted = current.lineManagerView !== null;
    const noteProblem = decisionNoteProblem(input.outcome, consulted, input.note);
    if (noteProblem !== null) throw invalidFields([{ field: 'body.note', message: noteProblem }]);
    const updated = await this.save(
      { ...current, status, decision: { outcome: input.outcome, note: input.note, byId: user.id, at: this.deps.clock().toISOString(), lineManagerConsulted: consulted } },
      input.etag,
    );
    const auditsToReassign = updated.status === 'agreed' ? await this.auditsCoveredBy(updated) : [];
    return { exemption: await this.view(updated, new StaffCache(this.deps.store.staff)), auditsToReassign };
  }

  /** The auditor takes back a request that is still undecided. */
  async withdraw(user: StaffMember, id: string, input: WithdrawInput): Promise<ExemptionView> {
    const current = await this.load(id);
    ExemptionService.requireAuditor(user, current);
    const status = ExemptionService.next(current, { kind: 'withdraw' }, 'This request has already been decided or withdrawn.');
    const updated = await this.save({ ...current, status, withdrawnAt: this.deps.clock().toISOString() }, input.etag);
    return this.view(updated, new StaffCache(this.deps.store.staff));
  }

  private static requireLead(user: StaffMember): void {
    if (!mayRunRounds(user)) throw new AppError('forbidden', 'Requests to be excused from auditing are decided by quality assurance leads and the principal social worker.');
  }

  private static requireAuditor(user: StaffMember, request: ExemptionRequest): void {
    if (request.auditorId !== user.id) throw new AppError('forbidden', 'Only the auditor who asked can withdraw this request.');
  }

  private async requireViewer(user: StaffMember, request: ExemptionRequest, staff: StaffCache): Promise<void> {
    if (!(await this.mayGiveView(user, request, staff)))
      throw new AppError('forbidden', "Only the auditor's line manager, or their deputy, can give a view on this request.");
  }

  private static next(current: ExemptionRequest, event: ExemptionEvent, refusal: string): ExemptionRequest['status'] {
    const status = nextExemptionStatus(current.status, event);
    if (status === null) throw new AppError('conflict', refusal);
    return status;
  }

  private async load(id: string): Promise<WithETag<ExemptionRequest>> {
    const found = await this.deps.store.exemptions.get(id);
    if (!found) throw new AppError('notFound', 'There is no request to be excused with that id.');
    return found;
  }

  private async save(next: ExemptionRequest, etag: string): Promise<WithETag<ExemptionRequest>> {
    try {
      return await this.deps.store.exemptions.update(next, etag);
    } catch (err) {
      if (err instanceof ConflictError) throw new AppError('conflict', 'Someone else changed this request at the same time; reload it and try again.');
      if (err instanceof NotFoundError) throw new AppError('notFound', 'There is no request to be excused with that id.');
      throw err;
    }
  }

  /** The auditor's line manager, or the deputy who covers for that manager; never the auditor. */
  private async mayGiveView(user: StaffMember, request: ExemptionRequest, staff: StaffCache): Promise<boolean> {
    if (request.auditorId === user.id) return false;
    const auditor = await staff.get(request.auditorId);
    if (!auditor?.lineManagerId) return false;
    if (auditor.lineManagerId === user.id) return true;
    const manager = await staff.get(auditor.lineManagerId);
    return manager?.deputyId === user.id;
  }

  /** Tells the line manager (their deputy while they are away); nobody when the directory names none. */
  private async notifyLineManager(auditor: StaffMember, request: ExemptionRequest): Promise<void> {
    if (!auditor.lineManagerId) return;
    const manager = await this.deps.store.staff.get(auditor.lineManagerId);
    const recipientId = manager?.away && manager.deputyId ? manager.deputyId : auditor.lineManagerId;
    if (recipientId === auditor.id) return;
    try {
      await this.deps.store.outbox.enqueue(
        exemptionNotice({ exemptionId: request.id, recipientId, auditorName: auditor.displayName, months: request.months, openAppUrl: this.deps.appUrl }),
      );
    } catch (err) {
      if (!(err instanceof DuplicateError)) throw err;
    }
  }

  /** The auditor's published audits, not yet started, in the exemption's months and audit types. */
  private async auditsCoveredBy(request: ExemptionRequest): Promise<ExemptedAudit[]> {
    const { store } = this.deps;
    const rounds = new Map<string, AuditRound | null>();
    const out: ExemptedAudit[] = [];
    for (const a of await allPages((p) => store.audits.listByAuditor(request.auditorId, p))) {
      if (a.status !== 'allocated' || a.roundId === null || !request.auditTypes.includes(a.auditType)) continue;
      if (!rounds.has(a.roundId)) rounds.set(a.roundId, await store.rounds.get(a.roundId));
      const round = rounds.get(a.roundId);
      if (!round || round.status !== 'published' || !request.months.includes(round.month)) continue;
      out.push({ auditId: a.id, roundId: a.roundId, caseRef: a.caseSnapshot.caseRef, initials: a.caseSnapshot.initials, auditType: a.auditType, dueDate: a.dueDate });
    }
    return out;
  }

  private async views(items: WithETag<ExemptionRequest>[], staff = new StaffCache(this.deps.store.staff)): Promise<ExemptionListResponse> {
    const out: ExemptionView[] = [];
    for (const r of items) out.push(await this.view(r, staff));
    return { items: out };
  }

  private async view(r: WithETag<ExemptionRequest>, staff: StaffCache): Promise<ExemptionView> {
    const v = r.lineManagerView;
    const d = r.decision;
    return {
      id: r.id,
      etag: r.etag,
      auditorId: r.auditorId,
      auditorName: await staff.name(r.auditorId),
      months: r.months,
      auditTypes: r.auditTypes,
      reason: r.reason,
      status: r.status,
      lineManagerView: v ? { ...v, byName: await staff.name(v.byId) } : null,
      decision: d ? { ...d, byName: await staff.name(d.byId) } : null,
      createdAt: r.createdAt,
      withdrawnAt: r.withdrawnAt,
    };
  }
}
