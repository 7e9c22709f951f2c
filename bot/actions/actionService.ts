import { enqueueOnce } from '../delivery/enqueueOnce';
import type { AuditAction } from '../../shared/schemas/actions';
import type { Audit } from '../../shared/schemas/audits';
import type { StaffMember, Team } from '../../shared/schemas/staff';
import type { TrailEntry } from '../../shared/schemas/trail';
import type { AdaptiveCard } from '../../shared/cards/cardModel';
import type { CardActionPayloadFor } from '../../shared/cards/cardVerbs';
import { NEW_ACTIONS_SUMMARY, cardNotice as cardNoticeText } from '../../shared/cards/newActionsCard';
import { ACTION_APPROVAL_SUMMARY } from '../../shared/cards/actionApprovalCard';
import { ACTION_RETURNED_SUMMARY, actionReturnedCard } from '../../shared/cards/actionReturnedCard';
import {
  actionCardVersion,
  approveAction,
  canApprove,
  canMarkDone,
  canReturn,
  isActionOverdue,
  markActionDone,
  returnAction,
  type ActionCommand,
  type ActionRefusalCode,
  type ActionResult,
} from '../../shared/actions/actionLifecycle';
import type { StaffActor } from '../../shared/access/staffActor';
import { teamActionTeamIds, trackerTeamIds } from '../../shared/access/actionAccess';
import { londonDate } from '../../shared/calendar/londonTime';
import type { ActionFilters, ActionListResponse, ActionOption, ActionView } from '../../shared/api/actionContracts';
import { allPages, ConflictError, type Store, type WithETag } from '../store/storeInterface';
import type { NewNotification } from '../delivery/outboxStore';
import { cardUpdateNotice } from '../delivery/cardUpdates';
import { AppError, invalidFields } from '../http/appError';
import type { ActionCards } from './actionCards';
import type { ActionLinks } from './actionLinks';
import { ACTION_CARD_SUBJECT, ACTION_NOTICE_KIND, approvalNoticeId, approverOf, cardNotice, newActionsNoticeId, returnedNoticeId } from './actionNotices';

export interface ActionServiceDeps {
  store: Pick<Store, 'actions' | 'audits' | 'staff' | 'teams' | 'services' | 'outbox'>;
  cards: ActionCards;
  links: ActionLinks;
  clock: () => Date;
  newId: (prefix: string) => string;
  /** A change was saved but telling people about it failed (ids only in the log); the change stands. */
  onNoticeError?: (err: unknown, actionId: string) => void;
}

export type ActionOutcome =
  | { ok: true; action: WithETag<AuditAction> }
  | { ok: false; code: ActionRefusalCode | 'notFound'; message: string; action: WithETag<AuditAction> | null };

type Step = 'done' | 'approve' | 'return';
type ActionVerbPayload = CardActionPayloadFor<'markActionDone' | 'approveAction' | 'returnAction'>;

/** Who is refused outright (403): the rest of the refusals are about the action's state (409) or the input (400). */
const FORBIDDEN: ReadonlySet<string> = new Set<ActionRefusalCode>(['inactive', 'notOwner', 'ownAction', 'markedDoneByYou', 'notAccountable']);
/** A write that lost a race is re-read and re-decided; a handful of rounds settles any realistic contention. */
const MAX_ROUNDS = 5;
const FORMER_STAFF = 'Former member of staff';
const CURSOR = /^(\d{4}-\d{2}-\d{2})~([A-Za-z0-9_-]{1,64})$/;

/**
 * Action tracking: the owner marks an action done with a note, the accountable manager (or their
 * deputy) approves it or returns it with a reason — from the tab or from a Teams card, through the
 * same three methods. Who is acting comes from the signed-in session or the card activity's
 * identity, never from card data; the version the page or card was built from must still be the
 * action's, so a double click, a replay or a second manager's click changes nothing and gets the
 * state in words. Every step is written with its trail entries, conditionally on the action's
 * etag; a write that loses a race is re-read and decided again, so exactly one change happens.
 * After a change every card about the action is updated (through the outbox), the approver is
 * sent an Approve / Return card when an action is marked done, and the owner is told when it is
 * returned.
 */
export class ActionService {
  constructor(private readonly deps: ActionServiceDeps) {}

  markDone(user: StaffMember, actionId: string, version: string, note: string): Promise<ActionOutcome> {
    return this.step('done', user, actionId, (action, cmd) => markActionDone(action, { ...cmd, note }), version);
  }

  approve(user: StaffMember, actionId: string, version: string): Promise<ActionOutcome> {
    return this.step('approve', user, actionId, (action, cmd) => approveAction(action, cmd), version);
  }

  return(user: StaffMember, actionId: string, version: string, reason: string): Promise<ActionOutcome> {
    return this.step('return', user, actionId, (action, cmd) => returnAction(action, { ...cmd, reason }), version);
  }

  private async step(kind: Step, user: StaffMember, actionId: string, decide: (a: AuditAction, cmd: ActionCommand) => ActionResult, version: string): Promise<ActionOutcome> {
    const { store } = this.deps;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const current = await store.actions.get(actionId);
      if (!current) return { ok: false, code: 'notFound', message: 'There is no such action.', action: null };
      const actor = await this.deps.cards.actorFor(user, current);
      const names = await this.names([current.ownerId, current.doneById ?? null, current.approvedById, current.returned?.byId ?? null]);
      const { etag, ...action } = current;
      const now = this.deps.clock();
      const result = decide(action, { actor, expectedVersion: version, currentVersion: actionCardVersion(action), at: now, nameOf: (id) => names.get(id) ?? FORMER_STAFF });
      if (!result.ok) return { ok: false, code: result.code, message: result.message, action: current };
      const at = now.toISOString();
      const trail: TrailEntry[] = result.trail.map((change) => ({ ...change, id: this.deps.newId('trl'), auditId: action.auditId, at, actorId: user.id }));
      let saved: WithETag<AuditAction>;
      try {
        saved = await store.actions.update(result.action, etag, trail);
      } catch (e) {
        // Someone else changed it first: decide again on what they left.
        if (e instanceof ConflictError) continue;
        throw e;
      }
      try {
        await this.afterChange(kind, action, saved);
      } catch (err) {
        this.deps.onNoticeError?.(err, saved.id);
      }
      return { ok: true, action: saved };
    }
    throw new AppError('conflict', 'This action is being changed by several people at once. Reload it and try again.');
  }

  /** Every card about the action shows its new state; then whoever must act next is told. */
  private async afterChange(kind: Step, before: AuditAction, after: WithETag<AuditAction>): Promise<void> {
    const { store } = this.deps;
    const cardVersion = `${after.id}-${actionCardVersion(after)}`;
    await this.updateCard(newActionsNoticeId(after.auditId, after.ownerId), after.id, cardVersion);
    const manager = await store.staff.get(after.accountableManagerId);
    if (kind !== 'done' && before.doneAt) {
      // The approval card went to the manager or their deputy, whoever it was then.
      const candidates = new Set([after.accountableManagerId, ...(manager?.deputyId ? [manager.deputyId] : [])]);
      for (const recipient of candidates) await this.updateCard(approvalNoticeId(after.id, recipient, before.doneAt), after.id, cardVersion);
    }
    if (kind === 'done' && after.doneAt) {
      const approver = approverOf(after, manager);
      if (!approver) return;
      const card = await this.deps.cards.approvalCard(after, approver);
      if (card) await this.enqueueOnce(cardNotice(approvalNoticeId(after.id, approver, after.doneAt), approver, ACTION_NOTICE_KIND.approval, card, ACTION_APPROVAL_SUMMARY));
    }
    if (kind === 'return' && after.returned) {
      const audit = await store.audits.get(after.auditId);
      if (!audit) return;
      const card = actionReturnedCard({
        caseRef: audit.caseSnapshot.caseRef,
        initials: audit.caseSnapshot.initials,
        label: this.deps.cards.labelOf(this.deps.cards.labelsOf(audit), after.id),
        dueDate: after.dueDate,
        returnedBy: await this.deps.cards.nameOf(after.returned.byId),
        returnedAt: after.returned.at,
        myActionsUrl: this.deps.links.myActions,
      });
      await this.enqueueOnce(cardNotice(returnedNoticeId(after.id, after.returned.at), after.ownerId, ACTION_NOTICE_KIND.returned, card, ACTION_RETURNED_SUMMARY));
    }
  }

  /** Queues an update of a card already queued or sent (by its outbox id); nothing if there is no such card. */
  private async updateCard(targetId: string, actionId: string, version: string): Promise<void> {
    const target = await this.deps.store.outbox.get(targetId);
    if (!target) return;
    await this.enqueueOnce(cardUpdateNotice(target, { kind: ACTION_CARD_SUBJECT, id: actionId }, version));
  }

  /** True when newly queued. */
  private enqueueOnce(n: NewNotification): Promise<boolean> {
    return enqueueOnce(this.deps.store.outbox, n.id, () => n);
  }


  /**
   * When an audit is submitted and its actions are live: each owner gets one card listing their new
   * actions from it. Idempotent (one card per audit and owner, ever), so a retried submission or a
   * read finishing an interrupted one sends nothing twice. Returns how many cards were queued.
   */
  async announceNewActions(audit: Pick<Audit, 'id'>): Promise<number> {
    const actions = await this.deps.store.actions.listByAudit(audit.id);
    let queued = 0;
    for (const ownerId of [...new Set(actions.map((a) => a.ownerId))].sort()) {
      const id = newActionsNoticeId(audit.id, ownerId);
      if (await this.deps.store.outbox.get(id)) continue;
      const card = await this.deps.cards.ownerCard(audit.id, ownerId);
      if (card && (await this.enqueueOnce(cardNotice(id, ownerId, ACTION_NOTICE_KIND.newActions, card, NEW_ACTIONS_SUMMARY)))) queued++;
    }
    return queued;
  }

  // ---- Teams card verbs ----

  /**
   * A card's Mark done / Approve / Return: the answer is the card the person clicked, as it stands
   * now (with the state in words when nothing was changed), or a sentence when they may not act.
   */
  async cardVerb(user: StaffMember, payload: ActionVerbPayload): Promise<AdaptiveCard | string> {
    const outcome =
      payload.verb === 'markActionDone'
        ? await this.markDone(user, payload.actionId, payload.version, payload.note)
        : payload.verb === 'approveAction'
          ? await this.approve(user, payload.actionId, payload.version)
          : await this.return(user, payload.actionId, payload.version, payload.reason);
    if (!outcome.ok && (outcome.code === 'notFound' || outcome.code === 'invalid' || FORBIDDEN.has(outcome.code))) return outcome.message;
    const action = outcome.action;
    if (!action) return 'There is no such action.';
    const notice = outcome.ok ? undefined : cardNoticeText.safeParse(outcome.message.slice(0, 300)).data;
    const card =
      payload.verb === 'markActionDone' ? await this.deps.cards.ownerCard(action.auditId, action.ownerId, notice) : await this.deps.cards.approvalCard(action, user.id, notice);
    return card ?? (outcome.ok ? 'Done.' : outcome.message);
  }

  // ---- REST ----

  /** The answer to a step from the tab: the action as it now is, or the refusal as an HTTP error. */
  async viewOutcome(user: StaffMember, outcome: ActionOutcome, inputField: 'body.note' | 'body.reason' | null): Promise<ActionView> {
    if (outcome.ok) return (await this.present(user, [outcome.action]))[0] as ActionView;
    if (outcome.code === 'notFound') throw new AppError('notFound', outcome.message);
    if (FORBIDDEN.has(outcome.code)) throw new AppError('forbidden', outcome.message);
    if (outcome.code === 'invalid') throw invalidFields([{ field: inputField ?? 'body', message: outcome.message }]);
    const current = outcome.action ? (await this.present(user, [outcome.action]))[0] : undefined;
    throw new AppError('conflict', outcome.message, current ? { current } : {});
  }

  /** My actions: the signed-in person's own. */
  async listMine(user: StaffMember, filters: ActionFilters): Promise<ActionListResponse> {
    const actions = await allPages((page) => this.deps.store.actions.listByOwner(user.id, page));
    return this.list(user, actions, filters, [], []);
  }

  /** Team actions: the teams a manager manages or covers as deputy. */
  async listTeam(user: StaffMember, filters: ActionFilters): Promise<ActionListResponse> {
    const { teams, services } = await this.org();
    const deputised: string[] = [];
    for (const t of teams) {
      if (!t.managerId || t.managerId === user.id) continue;
      const manager = await this.deps.store.staff.get(t.managerId);
      if (manager?.deputyId === user.id) deputised.push(manager.id);
    }
    const allowed = teamActionTeamIds(user, { teams, services }, deputised);
    if (allowed.length === 0) throw new AppError('forbidden', 'Team actions are for team managers, their deputies and Heads of Service.');
    const chosen = this.chosenTeams(allowed, filters.teamId, 'You can see only the actions of teams you manage.');
    const actions = await this.readTeams(chosen);
    const owners = await this.options([...new Set(actions.map((a) => a.ownerId))], (id) => this.deps.cards.nameOf(id));
    return this.list(user, actions, filters, this.teamOptions(teams, allowed), owners);
  }

  /** The service-wide tracker: QA leads and senior managers see every team; a Head of Service their services' teams. */
  async listTracker(user: StaffMember, filters: ActionFilters): Promise<ActionListResponse> {
    const { teams, services } = await this.org();
    const allowed = trackerTeamIds(user, { teams, services });
    if (allowed.length === 0) throw new AppError('forbidden', 'The action tracker is for quality assurance leads, senior managers and Heads of Service.');
    const chosen = this.chosenTeams(allowed, filters.teamId, 'You can track only the actions of your own services.');
    return this.list(user, await this.readTeams(chosen), filters, this.teamOptions(teams, allowed), []);
  }

  private async org() {
    const [teams, services] = await Promise.all([this.deps.store.teams.listAll(), this.deps.store.services.listAll()]);
    return { teams, services };
  }

  private chosenTeams(allowed: readonly string[], teamId: string | undefined, refusal: string): string[] {
    if (teamId === undefined) return [...allowed];
    if (!allowed.includes(teamId)) throw new AppError('forbidden', refusal);
    return [teamId];
  }

  private teamOptions(teams: readonly Team[], allowed: readonly string[]): ActionOption[] {
    return teams.filter((t) => allowed.includes(t.id)).map((t) => ({ id: t.id, name: t.name }));
  }

  private async readTeams(teamIds: readonly string[]): Promise<WithETag<AuditAction>[]> {
    const out: WithETag<AuditAction>[] = [];
    for (const teamId of teamIds) out.push(...(await allPages((page) => this.deps.store.actions.listByTeam(teamId, page))));
    return out;
  }

  private async options(ids: readonly string[], name: (id: string) => Promise<string>): Promise<ActionOption[]> {
    const out: ActionOption[] = [];
    for (const id of ids) out.push({ id, name: await name(id) });
    return out.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  private async list(user: StaffMember, actions: WithETag<AuditAction>[], f: ActionFilters, teams: ActionOption[], owners: ActionOption[]): Promise<ActionListResponse> {
    const today = londonDate(this.deps.clock());
    const matching = actions
      .filter(
        (a) =>
          (f.status === undefined || a.status === f.status) &&
          (f.overdue === undefined || isActionOverdue(a, today) === f.overdue) &&
          (f.ownerId === undefined || a.ownerId === f.ownerId) &&
          (f.dueBefore === undefined || a.dueDate <= f.dueBefore),
      )
      .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let start = 0;
    if (f.cursor !== undefined) {
      const m = CURSOR.exec(f.cursor);
      if (!m) throw invalidFields([{ field: 'query.cursor', message: 'is not a cursor this list issued' }]);
      const [, due, id] = m as unknown as [string, string, string];
      start = matching.findIndex((a) => a.dueDate > due || (a.dueDate === due && a.id > id));
      if (start < 0) start = matching.length;
    }
    const limit = f.limit ?? 100;
    const page = matching.slice(start, start + limit);
    const last = page[page.length - 1];
    const next = last && start + limit < matching.length ? `${last.dueDate}~${last.id}` : null;
    return { items: await this.present(user, page), next, total: matching.length, teams, owners };
  }

  /** Actions as the tab shows them to `user`, with what they may do with each now. */
  private async present(user: StaffMember, actions: readonly WithETag<AuditAction>[]): Promise<ActionView[]> {
    const today = londonDate(this.deps.clock());
    const audits = new Map<string, Audit | null>();
    const labels = new Map<string, Map<string, string>>();
    const teamNames = new Map((await this.deps.store.teams.listAll()).map((t) => [t.id, t.name]));
    const people = new Map<string, StaffMember | null>();
    const person = async (id: string) => {
      if (!people.has(id)) people.set(id, await this.deps.store.staff.get(id));
      return people.get(id) ?? null;
    };
    const nameOf = async (id: string | null | undefined) => (id ? ((await person(id))?.displayName ?? FORMER_STAFF) : null);
    // Whose deputy the viewer is, among these actions' accountable managers.
    const deputyOf: string[] = [];
    for (const m of new Set(actions.map((a) => a.accountableManagerId))) if ((await person(m))?.deputyId === user.id && m !== user.id) deputyOf.push(m);
    const actor: StaffActor = { id: user.id, jobRoles: user.jobRoles, teamId: user.teamId, active: user.active, deputyOf };

    const out: ActionView[] = [];
    for (const a of actions) {
      if (!audits.has(a.auditId)) {
        const audit = await this.deps.store.audits.get(a.auditId);
        audits.set(a.auditId, audit);
        if (audit) labels.set(a.auditId, this.deps.cards.labelsOf(audit));
      }
      const audit = audits.get(a.auditId) ?? null;
      out.push({
        id: a.id,
        auditId: a.auditId,
        auditType: audit?.auditType ?? 'childsJourneyMonthly',
        caseRef: a.caseRef,
        initials: audit?.caseSnapshot.initials ?? '',
        teamId: a.teamId,
        teamName: teamNames.get(a.teamId) ?? 'Unknown team',
        label: this.deps.cards.labelOf(labels.get(a.auditId) ?? new Map(), a.id),
        what: a.what,
        why: a.why,
        ownerId: a.ownerId,
        ownerName: (await nameOf(a.ownerId)) ?? FORMER_STAFF,
        accountableManagerId: a.accountableManagerId,
        accountableManagerName: (await nameOf(a.accountableManagerId)) ?? FORMER_STAFF,
        dueDate: a.dueDate,
        status: a.status,
        overdue: isActionOverdue(a, today),
        doneNote: a.doneNote,
        doneAt: a.doneAt,
        doneByName: a.doneAt ? await nameOf(a.doneById ?? a.ownerId) : null,
        approvedAt: a.approvedAt,
        approvedByName: await nameOf(a.approvedById),
        returned: a.returned ? { byName: (await nameOf(a.returned.byId)) ?? FORMER_STAFF, at: a.returned.at, reason: a.returned.reason } : null,
        version: actionCardVersion(a),
        canMarkDone: canMarkDone(actor, a).allowed,
        canApprove: canApprove(actor, a).allowed,
        canReturn: canReturn(actor, a).allowed,
      });
    }
    return out;
  }

  private async names(ids: readonly (string | null)[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of ids) if (id && !out.has(id)) out.set(id, await this.deps.cards.nameOf(id));
    return out;
  }
}
