import { enqueueOnce } from '../delivery/enqueueOnce';
import type { EmailDelivery, UrgentConcernListResponse, UrgentConcernView } from '../../shared/api/concernContracts';
import { managedTeamIds } from '../../shared/access/auditAccess';
import { staffActor, type StaffActor } from '../../shared/access/staffActor';
import type { AdaptiveCard } from '../../shared/cards/cardModel';
import type { AuditTypeLabels } from '../../shared/cards/cardInputs';
import { urgentConcernCard } from '../../shared/cards/urgentConcernCard';
import { workerConcernNoticeCard } from '../../shared/cards/workerConcernNoticeCard';
import { proposesCaseOfConcern } from '../../shared/concerns/caseOfConcernLifecycle';
import {
  acknowledgeConcern,
  acknowledgementDueBy,
  canAcknowledge,
  concernCardVersion,
  concernJudgementLabel,
  escalateConcern,
  isAcknowledgementOverdue,
  newUrgentConcern,
  type ConcernRefusalCode,
} from '../../shared/concerns/concernLifecycle';
import { escalationNoticeKey, escalationRecipient, needsHeadOfServiceAtOnce, planUrgentConcern, urgentConcernRecipients, urgentNoticeKey } from '../../shared/concerns/urgentNotices';
import { urgentTriggersFor } from '../../shared/concerns/urgentTriggers';
import { stableId } from '../../shared/ids/stableId';
import type { Audit, AuditType } from '../../shared/schemas/audits';
import { MAX_TRIGGER_KEYS, type UrgentConcern } from '../../shared/schemas/concerns';
import type { StaffMember } from '../../shared/schemas/staff';
import type { TrailEntry } from '../../shared/schemas/trail';
import type { AuditTypeSettings } from '../../shared/settings/auditTypeSettings';
import type { ConcernSettings } from '../../shared/settings/concernSettings';
import { staffConversationKey } from '../delivery/allocationNotice';
import { caseContactsOf } from '../delivery/caseSelectedNotice';
import { cardUpdateNotice } from '../delivery/cardUpdates';
import {
  CONCERN_CARD_SUBJECT,
  URGENT_CONCERN_NOTICE_KIND,
  WORKER_CONCERN_NOTICE_KIND,
  concernEmailKey,
  concernEmailNotice,
  summaries,
  urgentCardNotice,
  urgentConcernEmail,
  workerConcernEmail,
} from '../delivery/concernNotices';
import type { NewNotification } from '../delivery/outboxStore';
import { AppError } from '../http/appError';
import { allPages, ConflictError, type Store, type WithETag } from '../store/storeInterface';

export interface ConcernServiceDeps {
  store: Store;
  settings: Record<AuditType, AuditTypeSettings>;
  concernSettings: ConcernSettings;
  clock: () => Date;
  links: { auditUrl(auditId: string): string };
  /** Ids only: a failure to raise a concern is logged, never allowed to undo the save that fired it. */
  logger: { error(obj: object, msg: string): void };
}

/** The outcome of an acknowledgement, from the card or the tab: exactly one succeeds; the others get the concern as it is now. */
export type AcknowledgeOutcome =
  | { ok: true; concern: WithETag<UrgentConcern> }
  | { ok: false; code: ConcernRefusalCode | 'notFound'; message: string; concern: WithETag<UrgentConcern> | null };

const SYSTEM_ACTOR = 'system-concern-check';
const managerRoles = new Set(['teamManager', 'deputy', 'headOfService']);
const qualityAssurance = (u: Pick<StaffMember, 'jobRoles'>) => u.jobRoles.some((r) => r === 'qaLead' || r === 'principalSocialWorker' || r === 'seniorManager');

/**
 * Urgent concerns: raised from an audit's save or submission (AuditService calls `onAuditChanged`),
 * written to the concern record and the audit's trail, and sent as urgent cards and e-mails to the
 * case's team manager (or the deputy covering) and worker. Acknowledged from the card or the tab,
 * escalated to the Head of Service by `escalateOverdue` when nobody acknowledges in time. Who may
 * act is decided here from the staff record of the signed-in or activity identity.
 */
export class ConcernService {
  constructor(private readonly deps: ConcernServiceDeps) {}

  private get labels(): AuditTypeLabels {
    const s = this.deps.settings;
    return { childsJourneyMonthly: s.childsJourneyMonthly.label, deepDive: s.deepDive.label, managersMonthly: s.managersMonthly.label };
  }

  /** The AuditService hook: after a successful save or submission (and a replayed submit). */
  async onAuditChanged(audit: Audit, kind: 'saved' | 'submitted', actorId: string): Promise<void> {
    try {
      await this.raiseFor(audit, kind, actorId);
    } catch (err) {
      // The audit is saved; a replayed submit or the next save finishes what failed here.
      this.deps.logger.error({ auditId: audit.id, err: err instanceof Error ? err.name : typeof err }, 'concerns: could not raise an urgent concern');
    }
  }

  private async raiseFor(audit: Audit, kind: 'saved' | 'submitted', actorId: string): Promise<void> {
    const { store, concernSettings } = this.deps;
    const scale = this.deps.settings[audit.auditType].gradeScale;
    // Judged against the stored concerns rather than the previous save, so a crash between the save
    // and the concern's write is made good next time; recorded triggers never fire again.
    const triggers = urgentTriggersFor({ kind, before: null, after: audit }, scale, concernSettings);
    if (triggers.length === 0) return;
    const existing = await store.concerns.listByAudit(audit.id);
    const recorded = new Set(existing.flatMap((c) => c.triggerKeys));
    for (const c of existing) if (c.triggerKeys.some((k) => triggers.some((t) => t.key === k))) await this.ensureNotices(c);
    let fresh = triggers.filter((t) => !recorded.has(t.key));

    // The time of a raising corrected on the form while its notice awaits acknowledgement: the same raising.
    const openRaising = existing.find((c) => c.triggerKinds.includes('urgentConcernRaised') && c.acknowledgement === null);
    const reTimed = fresh.filter((t) => t.kind === 'urgentConcernRaised');
    if (openRaising && reTimed.length > 0) {
      fresh = fresh.filter((t) => t.kind !== 'urgentConcernRaised');
      const keys = [...openRaising.triggerKeys, ...reTimed.map((t) => t.key)].slice(0, MAX_TRIGGER_KEYS);
      if (keys.length > openRaising.triggerKeys.length) {
        const { etag, ...rest } = openRaising;
        await store.concerns.update({ ...rest, triggerKeys: keys }, etag, []).catch((e: unknown) => {
          if (!(e instanceof ConflictError)) throw e;
        });
      }
    }

    const plan = planUrgentConcern(fresh, recorded);
    if (!plan) return;
    const contacts = await caseContactsOf(store, audit);
    const proposes =
      kind === 'submitted' &&
      plan.triggerKinds.some((k) => k === 'inadequateGrade' || k === 'childNotSafe') &&
      proposesCaseOfConcern(audit, scale, concernSettings) &&
      !existing.some((c) => c.registerProposal) &&
      !(await store.casesOfConcern.listByCase(audit.caseId)).some((e) => e.auditId === audit.id);
    const now = this.deps.clock();
    const concern = newUrgentConcern({
      plan,
      audit,
      scale,
      raisedById: actorId,
      recipients: urgentConcernRecipients(
        contacts,
        actorId,
        needsHeadOfServiceAtOnce(contacts) ? ((await this.escalationTargetOf(audit.caseSnapshot.teamId))?.toId ?? null) : null,
      ),
      at: now,
      proposesRegisterEntry: proposes,
    });
    const { concern: stored } = await store.concerns.create(concern, [
      concernTrail(concern, 'raised', actorId, now, { before: null, after: `urgent concern raised (${concern.triggerKinds.join(', ')}); notice to ${concern.recipients.map((r) => r.role).join(', ') || 'nobody'}` }),
    ]);
    await this.ensureNotices(stored);
  }

  /** Queues each recipient's card and e-mail unless already queued (so a replay finishes an interrupted raise). */
  private async ensureNotices(concern: UrgentConcern): Promise<void> {
    const names = new Map<string, string>();
    const auditor = await this.name(concern.raisedById, names);
    const manager = concern.recipients.find((r) => r.role === 'teamManager' || r.role === 'deputy');
    const openAuditUrl = this.deps.links.auditUrl(concern.auditId);
    for (const r of concern.recipients) {
      const id = urgentNoticeKey(concern.id, r.staffId);
      if (r.role === 'worker') {
        const managerName = manager ? await this.name(manager.staffId, names) : null;
        const facts = { caseRef: concern.caseRef, initials: concern.initials, auditType: concern.auditType, manager: managerName, openAuditUrl };
        await this.enqueueOnce(id, () => urgentCardNotice(id, r.staffId, workerConcernNoticeCard(facts, this.labels), WORKER_CONCERN_NOTICE_KIND, summaries.worker));
        await this.enqueueOnce(concernEmailKey(id), () => concernEmailNotice(id, r.staffId, workerConcernEmail(facts, this.labels)));
      } else {
        const card = await this.managerCard(concern, r.staffId, names);
        await this.enqueueOnce(id, () => urgentCardNotice(id, r.staffId, card, URGENT_CONCERN_NOTICE_KIND, summaries.manager));
        await this.enqueueOnce(concernEmailKey(id), () => concernEmailNotice(id, r.staffId, urgentConcernEmail(this.emailFacts(concern, auditor, openAuditUrl), this.labels)));
      }
    }
  }

  private emailFacts(concern: UrgentConcern, auditor: string, openAuditUrl: string) {
    return {
      caseRef: concern.caseRef,
      initials: concern.initials,
      auditType: concern.auditType,
      judgement: concernJudgementLabel(concern),
      auditor,
      raisedAt: concern.raisedAt,
      acknowledgeBy: acknowledgementDueBy(concern, this.deps.concernSettings).toISOString(),
      openAuditUrl,
    };
  }

  /** The card a manager (or the Head of Service) sees now, with Acknowledge only if they may. */
  private async managerCard(concern: UrgentConcern, viewerId: string, names = new Map<string, string>(), viewer?: StaffActor): Promise<AdaptiveCard> {
    const mayAcknowledge = canAcknowledge(viewer ?? { id: viewerId, active: true, deputyOf: [] }, concern).allowed;
    return urgentConcernCard(
      {
        concernId: concern.id,
        version: concernCardVersion(concern),
        auditType: concern.auditType,
        caseRef: concern.caseRef,
        initials: concern.initials,
        judgement: concernJudgementLabel(concern),
        auditor: await this.name(concern.raisedById, names),
        raisedAt: concern.raisedAt,
        acknowledgeBy: acknowledgementDueBy(concern, this.deps.concernSettings).toISOString(),
        openAuditUrl: this.deps.links.auditUrl(concern.auditId),
        acknowledgement: concern.acknowledgement ? { by: await this.name(concern.acknowledgement.byId, names), at: concern.acknowledgement.at } : null,
        escalation: concern.escalation ? { to: await this.name(concern.escalation.toId, names), at: concern.escalation.at } : null,
        canAcknowledge: mayAcknowledge,
      },
      this.labels,
    );
  }

  /** For card updates (bot/app cardRenderers): the card `recipientId` should see now; the worker's never changes. */
  async renderCard(concernId: string, recipientId: string): Promise<AdaptiveCard | null> {
    const concern = await this.deps.store.concerns.get(concernId);
    if (!concern) return null;
    const role = concern.recipients.find((r) => r.staffId === recipientId)?.role;
    if (role === 'worker') return null;
    if (!role && concern.escalation?.toId !== recipientId) return null;
    return this.managerCard(concern, recipientId);
  }

  /** The viewer's own card (a Teams refresh), after the same check as any card action; null if the concern is not theirs. */
  async cardFor(user: StaffMember, concernId: string): Promise<AdaptiveCard | null> {
    const concern = await this.deps.store.concerns.get(concernId);
    if (!concern) return null;
    const actor = await this.actorFor(user, concern);
    const involved = canAcknowledge(actor, concern).allowed;
    return involved ? this.managerCard(concern, user.id, new Map(), actor) : null;
  }

  /** The actor with the deputy-of list the concern needs: the people it went to who name the user as deputy. */
  private async actorFor(user: StaffMember, concern: UrgentConcern): Promise<StaffActor> {
    const ids = new Set([...concern.recipients.map((r) => r.staffId), ...(concern.escalation ? [concern.escalation.toId] : [])]);
    const directory: StaffMember[] = [];
    for (const id of ids) {
      const s = await this.deps.store.staff.get(id);
      if (s) directory.push(s);
    }
    return staffActor(user, directory);
  }

  /**
   * Records who acknowledged, when, and the immediate action. A stale card, a double click, a
   * replay or a second manager: exactly one change; the others are refused with the concern as it
   * is now. Every recipient's card is then updated through the outbox.
   */
  async acknowledge(user: StaffMember, concernId: string, version: string, actionTaken: string): Promise<AcknowledgeOutcome> {
    const { store } = this.deps;
    for (let attempt = 0; ; attempt++) {
      const concern = await store.concerns.get(concernId);
      if (!concern) return { ok: false, code: 'notFound', message: 'There is no such concern.', concern: null };
      const actor = await this.actorFor(user, concern);
      const names = new Map<string, string>();
      const nameOf = (id: string) => names.get(id) ?? 'a colleague';
      for (const id of [concern.acknowledgement?.byId, concern.escalation?.toId]) if (id) await this.name(id, names);
      const now = this.deps.clock();
      const { etag, ...current } = concern;
      const result = acknowledgeConcern(current, { actor, actionTaken, expectedVersion: version, currentVersion: concernCardVersion(concern), at: now, nameOf });
      if (!result.ok) return { ok: false, code: result.code, message: result.message, concern };
      try {
        const stored = await store.concerns.update(result.concern, etag, [
          // The action taken is free text about the child: only its length reaches the trail.
          concernTrail(concern, 'acknowledged', user.id, now, { before: 'awaiting acknowledgement', after: 'acknowledged', textLengths: { before: 0, after: result.concern.acknowledgement?.actionTaken.length ?? 0 } }),
        ]);
        await this.updateCards(stored, concernCardVersion(stored));
        return { ok: true, concern: stored };
      } catch (e) {
        // Someone else changed it between our read and write: judge again against what they did.
        if (!(e instanceof ConflictError) || attempt >= 2) throw e;
      }
    }
  }

  /** From the card: the card to show the clicker (the updated one, or the current one with why nothing changed). */
  async acknowledgeFromCard(user: StaffMember, concernId: string, version: string, actionTaken: string): Promise<{ card: AdaptiveCard | null; message: string | null }> {
    const outcome = await this.acknowledge(user, concernId, version, actionTaken);
    if (outcome.ok) return { card: await this.managerCard(outcome.concern, user.id, new Map(), await this.actorFor(user, outcome.concern)), message: null };
    if (!outcome.concern || outcome.code === 'notRecipient' || outcome.code === 'inactive') return { card: null, message: outcome.message };
    return { card: await this.managerCard(outcome.concern, user.id, new Map(), await this.actorFor(user, outcome.concern)), message: outcome.message };
  }

  /** Queues an update of every manager's card about the concern (the worker's never changes). */
  private async updateCards(concern: UrgentConcern, version: string): Promise<void> {
    const targets = concern.recipients.filter((r) => managerRoles.has(r.role)).map((r) => ({ staffId: r.staffId, id: urgentNoticeKey(concern.id, r.staffId) }));
    if (concern.escalation) targets.push({ staffId: concern.escalation.toId, id: escalationNoticeKey(concern.id, concern.escalation.toId) });
    for (const t of targets) {
      const notice = cardUpdateNotice({ id: t.id, recipientId: t.staffId, conversationKey: staffConversationKey(t.staffId), priority: 'urgent' }, { kind: CONCERN_CARD_SUBJECT, id: concern.id }, version);
      await this.enqueueOnce(notice.id, () => notice);
    }
  }

  /**
   * The scheduled check: each concern not acknowledged within the set working hours goes to the
   * Head of Service of the case's service, once, recorded on the concern and the audit's trail,
   * by card and e-mail. Returns how many it escalated.
   */
  async escalateOverdue(now: Date): Promise<{ escalated: number; withoutHeadOfService: number }> {
    const { store, concernSettings } = this.deps;
    const awaiting = await allPages((p) => store.concerns.listByStatus('awaitingAcknowledgement', p));
    let escalated = 0;
    let withoutHeadOfService = 0;
    for (const concern of awaiting) {
      if (concern.escalation) {
        await this.ensureEscalationNotices(concern);
        continue;
      }
      if (!isAcknowledgementOverdue(concern, now, concernSettings)) continue;
      const target = await this.escalationTargetOf(concern.teamId);
      const { etag, ...current } = concern;
      const result = escalateConcern(current, { headOfServiceId: target?.toId ?? null, coveringForId: target?.coveringForId ?? null, at: now, settings: concernSettings, nameOf: () => 'the Head of Service' });
      if (!result.ok) {
        if (result.code === 'noHeadOfService') withoutHeadOfService++;
        continue;
      }
      let stored: WithETag<UrgentConcern>;
      try {
        stored = await store.concerns.update(result.concern, etag, [
          concernTrail(concern, 'escalated', SYSTEM_ACTOR, now, {
            before: 'awaiting acknowledgement',
            after: target?.coveringForId
              ? "escalated to the Head of Service's deputy, covering while the Head of Service is away: not acknowledged in time"
              : 'escalated to the Head of Service: not acknowledged in time',
          }),
        ]);
      } catch (e) {
        if (e instanceof ConflictError) continue; // acknowledged meanwhile, or another run did it
        throw e;
      }
      escalated++;
      await this.ensureEscalationNotices(stored);
      await this.updateCards(stored, `${concernCardVersion(stored)}-esc`);
    }
    return { escalated, withoutHeadOfService };
  }

  private async ensureEscalationNotices(concern: UrgentConcern): Promise<void> {
    if (!concern.escalation) return;
    const hosId = concern.escalation.toId;
    const id = escalationNoticeKey(concern.id, hosId);
    const names = new Map<string, string>();
    const card = await this.managerCard(concern, hosId, names);
    await this.enqueueOnce(id, () => urgentCardNotice(id, hosId, card, URGENT_CONCERN_NOTICE_KIND, summaries.manager));
    const managers: string[] = [];
    for (const r of concern.recipients) if (r.role !== 'worker') managers.push(await this.name(r.staffId, names));
    const facts = { ...this.emailFacts(concern, await this.name(concern.raisedById, names), this.deps.links.auditUrl(concern.auditId)), escalatedFrom: managers };
    await this.enqueueOnce(concernEmailKey(id), () => concernEmailNotice(id, hosId, urgentConcernEmail(facts, this.labels)));
  }

  /** The Head of Service of the case's service, or their deputy while they are away. */
  private async escalationTargetOf(teamId: string): Promise<{ toId: string; coveringForId: string | null } | null> {
    const { store } = this.deps;
    const team = await store.teams.get(teamId);
    const service = team ? await store.services.get(team.serviceId) : null;
    if (!service?.headOfServiceId) return null;
    const hos = await store.staff.get(service.headOfServiceId);
    if (!hos) return { toId: service.headOfServiceId, coveringForId: null };
    const deputy = hos.deputyId ? await store.staff.get(hos.deputyId) : null;
    return escalationRecipient(hos, deputy);
  }

  /** Concerns awaiting acknowledgement that the user may see: theirs to acknowledge, their teams', or all for quality assurance. */
  async listAwaiting(user: StaffMember): Promise<UrgentConcernListResponse> {
    const { store } = this.deps;
    const [teams, services] = await Promise.all([store.teams.listAll(), store.services.listAll()]);
    const managed = new Set(managedTeamIds(user, { teams, services }));
    const awaiting = await allPages((p) => store.concerns.listByStatus('awaitingAcknowledgement', p));
    const items: UrgentConcernView[] = [];
    const names = new Map<string, string>();
    for (const c of awaiting) {
      const actor = await this.actorFor(user, c);
      const mine = canAcknowledge(actor, c).allowed;
      if (!mine && !managed.has(c.teamId) && !qualityAssurance(user)) continue;
      items.push(await this.view(c, mine, names, teams));
    }
    return { items };
  }

  /** One concern, for whoever may see it. */
  async getView(user: StaffMember, concernId: string): Promise<UrgentConcernView> {
    const { store } = this.deps;
    const concern = await store.concerns.get(concernId);
    if (!concern) throw new AppError('notFound', 'There is no such concern.');
    const [teams, services] = await Promise.all([store.teams.listAll(), store.services.listAll()]);
    const mine = canAcknowledge(await this.actorFor(user, concern), concern).allowed;
    const visible = mine || qualityAssurance(user) || managedTeamIds(user, { teams, services }).includes(concern.teamId) || concern.raisedById === user.id;
    if (!visible) throw new AppError('forbidden', 'You cannot see this concern.');
    return this.view(concern, mine, new Map(), teams);
  }

  async view(c: WithETag<UrgentConcern>, mayAcknowledge: boolean, names = new Map<string, string>(), teams?: { id: string; name: string }[]): Promise<UrgentConcernView> {
    const person = async (id: string) => ({ id, name: await this.name(id, names) });
    const teamList = teams ?? (await this.deps.store.teams.listAll());
    return {
      id: c.id,
      version: concernCardVersion(c),
      auditId: c.auditId,
      caseRef: c.caseRef,
      initials: c.initials,
      teamId: c.teamId,
      teamName: teamList.find((t) => t.id === c.teamId)?.name ?? 'Unknown team',
      auditType: c.auditType,
      auditTypeLabel: this.labels[c.auditType],
      judgement: concernJudgementLabel(c),
      raisedBy: await person(c.raisedById),
      raisedAt: c.raisedAt,
      acknowledgeBy: acknowledgementDueBy(c, this.deps.concernSettings).toISOString(),
      recipients: await Promise.all(
        c.recipients.map(async (r) => ({ ...(await person(r.staffId)), role: r.role, email: await this.emailDelivery(urgentNoticeKey(c.id, r.staffId)) })),
      ),
      acknowledgement: c.acknowledgement ? { by: await person(c.acknowledgement.byId), at: c.acknowledgement.at, actionTaken: c.acknowledgement.actionTaken } : null,
      escalation: c.escalation
        ? {
            to: await person(c.escalation.toId),
            at: c.escalation.at,
            coveringFor: c.escalation.coveringForId ? await person(c.escalation.coveringForId) : null,
            email: await this.emailDelivery(escalationNoticeKey(c.id, c.escalation.toId)),
          }
        : null,
      canAcknowledge: mayAcknowledge && c.acknowledgement === null,
    };
  }

  /**
   * The e-mail copy of a card notice, read from the outbox (its id derives from the card's): the
   * outbox is the one record of delivery, so the concern's own `email` field is not kept in step.
   */
  private async emailDelivery(cardNoticeId: string): Promise<EmailDelivery> {
    const n = await this.deps.store.outbox.get(concernEmailKey(cardNoticeId));
    if (!n) return null;
    if (n.status === 'sent') return 'sent';
    return n.status === 'failed' || n.status === 'undeliverable' ? 'notDelivered' : 'pending';
  }

  private async name(id: string, cache: Map<string, string>): Promise<string> {
    const cached = cache.get(id);
    if (cached !== undefined) return cached;
    const n = (await this.deps.store.staff.get(id))?.displayName ?? 'Former member of staff';
    cache.set(id, n);
    return n;
  }

  private async enqueueOnce(noticeId: string, build: () => NewNotification): Promise<void> {
    await enqueueOnce(this.deps.store.outbox, noticeId, build);
  }

}

/** One trail entry per step of a concern; its id is derived, so a step is never recorded twice. */
function concernTrail(
  concern: Pick<UrgentConcern, 'id' | 'auditId'>,
  step: string,
  actorId: string,
  at: Date,
  change: Pick<TrailEntry, 'before' | 'after'> & { textLengths?: TrailEntry['textLengths'] },
): TrailEntry {
  return {
    id: stableId('trl-uc-', `${concern.id}|${step}`),
    auditId: concern.auditId,
    at: at.toISOString(),
    actorId,
    kind: 'concern',
    field: `concerns.${concern.id}`,
    before: change.before,
    after: change.after,
    textLengths: change.textLengths ?? null,
  };
}
