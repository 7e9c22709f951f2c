import { enqueueOnce } from '../delivery/enqueueOnce';
import type {
  CaseOfConcernRegisterResponse,
  CaseOfConcernView,
  RaiseCaseOfConcernRequest,
  RegisterProposalView,
  RegisterStatusFilter,
} from '../../shared/api/concernContracts';
import { managedTeamIds } from '../../shared/access/auditAccess';
import type { CaseContacts } from '../../shared/access/caseContacts';
import { staffActor, type StaffActor } from '../../shared/access/staffActor';
import type { AdaptiveCard } from '../../shared/cards/cardModel';
import { caseOfConcernCard } from '../../shared/cards/caseOfConcernCard';
import {
  addCaseOfConcernFollowUp,
  caseOfConcernId,
  caseOfConcernPermissions,
  closeCaseOfConcern,
  escalateCaseOfConcern,
  mayRaiseCaseOfConcern,
  raiseCaseOfConcern,
  respondToCaseOfConcern,
  settleRegisterProposal,
  type CaseOfConcernRefusalCode,
  type CaseOfConcernResult,
} from '../../shared/concerns/caseOfConcernLifecycle';
import { concernJudgementLabel, type NameOf } from '../../shared/concerns/concernLifecycle';
import { caseOfConcernRecipients } from '../../shared/concerns/urgentNotices';
import { stableId } from '../../shared/ids/stableId';
import { noticeKey } from '../../shared/ids/noticeKey';
import type { AuditType } from '../../shared/schemas/audits';
import { caseOfConcernStatus, type CaseOfConcern, type UrgentConcern } from '../../shared/schemas/concerns';
import type { StaffMember } from '../../shared/schemas/staff';
import type { TrailEntry } from '../../shared/schemas/trail';
import type { AuditTypeSettings } from '../../shared/settings/auditTypeSettings';
import { staffConversationKey } from '../delivery/allocationNotice';
import { caseContactsOf } from '../delivery/caseSelectedNotice';
import { cardUpdateNotice } from '../delivery/cardUpdates';
import {
  CASE_OF_CONCERN_CARD_SUBJECT,
  CASE_OF_CONCERN_NOTICE_KIND,
  caseOfConcernEmail,
  concernEmailKey,
  concernEmailNotice,
  summaries,
  urgentCardNotice,
} from '../delivery/concernNotices';
import type { NewNotification } from '../delivery/outboxStore';
import { AppError, type AppErrorCode } from '../http/appError';
import { allPages, ConflictError, DuplicateError, type Store, type WithETag } from '../store/storeInterface';

export interface CaseOfConcernServiceDeps {
  store: Store;
  settings: Record<AuditType, Pick<AuditTypeSettings, 'label'>>;
  clock: () => Date;
  /** The register in the tab (the cards' "Open the register"). */
  registerUrl: string;
}

const qualityAssurance = (u: Pick<StaffMember, 'jobRoles'>) => u.jobRoles.some((r) => r === 'qaLead' || r === 'principalSocialWorker' || r === 'seniorManager');

const refusalStatus: Record<CaseOfConcernRefusalCode, AppErrorCode> = {
  inactive: 'forbidden',
  notAllowed: 'forbidden',
  stale: 'conflict',
  wrongStatus: 'conflict',
  invalid: 'invalid',
};

/** Notice ids for an entry: the alert to each person alerted, and to each person it is escalated to. */
export const caseOfConcernNoticeId = (entryId: string, staffId: string): string => noticeKey('cocn', entryId, staffId);

/**
 * The cases of concern register: raised by the case's auditor or a QA lead with a reason (an
 * audit graded Inadequate, or with the child judged not safe, proposes one), alerted to the team
 * manager (or deputy covering) and the Head of Service by urgent card and e-mail, then responded
 * to, followed up, escalated and closed, each step recorded with who and when (and on the audit's
 * trail when an audit found it). Authorisation from the signed-in identity on every call.
 */
export class CaseOfConcernService {
  constructor(private readonly deps: CaseOfConcernServiceDeps) {}

  /** The register the user may see, the proposals they may decide, and whom they may escalate to. */
  async register(user: StaffMember, query: { teamId?: string; status: RegisterStatusFilter }): Promise<CaseOfConcernRegisterResponse> {
    const { store } = this.deps;
    const [teams, services] = await Promise.all([store.teams.listAll(), store.services.listAll()]);
    const qa = qualityAssurance(user);
    const visible = qa ? teams.map((t) => t.id) : managedTeamIds(user, { teams, services });
    if (query.teamId && !visible.includes(query.teamId)) throw new AppError('forbidden', 'You can see the cases of concern of the teams you manage only.');
    const statuses = query.status === 'all' ? caseOfConcernStatus.options : [query.status];
    // The register is small (tens of entries a year per team), so it is read whole and filtered:
    // the teams the viewer sees, and any entry they raised or were told about or escalated to.
    const involved = (e: CaseOfConcern) => e.raisedById === user.id || e.alerted.some((a) => a.staffId === user.id) || e.escalations.some((x) => x.toId === user.id);
    const read: WithETag<CaseOfConcern>[] = [];
    if (query.teamId) {
      const teamId = query.teamId;
      read.push(...(await allPages((p) => store.casesOfConcern.listByTeam(teamId, p))));
    } else for (const s of statuses) read.push(...(await allPages((p) => store.casesOfConcern.listByStatus(s, p))));
    const entries = read.filter((e) => statuses.includes(e.status) && (qa || visible.includes(e.teamId) || involved(e)));
    entries.sort((a, b) => b.raisedAt.localeCompare(a.raisedAt) || a.id.localeCompare(b.id));
    const names = new Map<string, string>();
    const items: CaseOfConcernView[] = [];
    for (const e of entries) items.push(await this.view(e, user, names, teams));
    return {
      items,
      proposals: await this.proposals(user, names, teams),
      teams: teams.filter((t) => visible.includes(t.id)).map((t) => ({ id: t.id, name: t.name })),
      escalateTo: await this.escalationTargets(),
      mayRaise: user.active && user.jobRoles.includes('qaLead'),
    };
  }

  private async proposals(user: StaffMember, names: Map<string, string>, teams: { id: string; name: string }[]): Promise<RegisterProposalView[]> {
    const proposed = await allPages((p) => this.deps.store.concerns.listByRegisterProposal('proposed', p));
    const out: RegisterProposalView[] = [];
    for (const c of proposed) {
      // The submitting auditor raised the concern, so raisedById is the audit's auditor.
      if (!mayRaiseCaseOfConcern(user, { auditorId: c.raisedById })) continue;
      out.push({
        concernId: c.id,
        auditId: c.auditId,
        caseRef: c.caseRef,
        initials: c.initials,
        teamName: teams.find((t) => t.id === c.teamId)?.name ?? 'Unknown team',
        auditTypeLabel: this.deps.settings[c.auditType].label,
        judgement: concernJudgementLabel(c),
        auditor: { id: c.raisedById, name: await this.name(c.raisedById, names) },
        submittedAt: c.raisedAt,
      });
    }
    return out;
  }

  private async escalationTargets(): Promise<CaseOfConcernRegisterResponse['escalateTo']> {
    const out: CaseOfConcernRegisterResponse['escalateTo'] = [];
    for (const role of ['headOfService', 'seniorManager', 'principalSocialWorker'] as const) {
      for (const s of await allPages((p) => this.deps.store.staff.listByRole(role, p)))
        if (s.active && !out.some((o) => o.id === s.id)) out.push({ id: s.id, name: s.displayName, role });
    }
    return out;
  }

  /**
   * Raises an entry. From an audit: its auditor or a QA lead, and the audit's proposal (if any) is
   * settled as raised. Directly on a case: a QA lead. The same person raising the same reason again
   * on an entry still open (a double click) reaches the same entry.
   */
  async raise(user: StaffMember, req: RaiseCaseOfConcernRequest): Promise<CaseOfConcernView> {
    const { store } = this.deps;
    const actor = staffActor(user, []);
    const reason = req.reason.trim();
    let subject: { caseId: string; teamId: string; caseRef: string; initials: string };
    let audit: { id: string; auditorId: string } | null = null;
    let contacts: CaseContacts;
    if ('auditId' in req) {
      const a = await store.audits.get(req.auditId);
      if (!a) throw new AppError('notFound', 'There is no audit with that id.');
      audit = { id: a.id, auditorId: a.auditorId };
      subject = { caseId: a.caseId, teamId: a.caseSnapshot.teamId, caseRef: a.caseSnapshot.caseRef, initials: a.caseSnapshot.initials };
      contacts = await caseContactsOf(store, a);
    } else {
      if (!mayRaiseCaseOfConcern(actor, null)) throw new AppError('forbidden', 'Only a QA lead can raise a case of concern without an audit. Raise it from the audit you carried out.');
      const c = await store.cases.getByRef(req.caseRef);
      if (!c) throw new AppError('notFound', 'There is no open case with that reference.');
      subject = { caseId: c.id, teamId: c.teamId, caseRef: c.caseRef, initials: c.initials };
      contacts = await caseContactsOf(store, c);
    }
    if (!mayRaiseCaseOfConcern(actor, audit)) throw new AppError('forbidden', "Only the case's auditor or a QA lead can raise a case of concern.");

    const existing = await store.casesOfConcern.listByCase(subject.caseId);
    const same = existing.find((e) => e.auditId === (audit?.id ?? null) && e.status !== 'closed' && e.raisedById === user.id && e.reason === reason);
    if (same) return this.view(same, user);
    const n = existing.filter((e) => e.auditId === (audit?.id ?? null)).length + 1;
    const now = this.deps.clock();
    const hos = await this.headOfServiceOf(subject.teamId);
    const raised = raiseCaseOfConcern({
      id: caseOfConcernId(subject.caseId, audit?.id ?? null, n),
      actor,
      case: subject,
      audit,
      reason,
      alerted: caseOfConcernRecipients(contacts, hos, user.id),
      at: now,
    });
    const entry = this.unwrap(raised);
    let stored: WithETag<CaseOfConcern>;
    try {
      ({ entry: stored } = await store.casesOfConcern.create(entry, this.trail(entry, 'raised', user.id, now, { before: null, after: `case of concern raised (by ${entry.raisedAs === 'qaLead' ? 'a QA lead' : 'the auditor'})`, textLengths: { before: 0, after: reason.length } })));
    } catch (e) {
      if (e instanceof DuplicateError) throw new AppError('conflict', 'That case of concern was raised a moment ago: reload the register.');
      throw e;
    }
    if (audit) await this.settleProposal(user, audit, 'raised', stored.id);
    await this.alert(stored);
    return this.view(stored, user);
  }

  /** The auditor or a QA lead decides the audit's proposed entry is not needed. */
  async proposalNotNeeded(user: StaffMember, concernId: string): Promise<void> {
    const concern = await this.deps.store.concerns.get(concernId);
    if (!concern?.registerProposal) throw new AppError('notFound', 'There is no such proposal.');
    const audit = await this.deps.store.audits.get(concern.auditId);
    if (!audit) throw new AppError('notFound', 'There is no audit with that id.');
    await this.settleProposal(user, { id: audit.id, auditorId: audit.auditorId }, 'notRaised', null, concern);
  }

  private async settleProposal(user: StaffMember, audit: { id: string; auditorId: string }, outcome: 'raised' | 'notRaised', entryId: string | null, only?: WithETag<UrgentConcern>): Promise<void> {
    const { store } = this.deps;
    const concerns = only ? [only] : (await store.concerns.listByAudit(audit.id)).filter((c) => c.registerProposal?.status === 'proposed');
    const names = new Map<string, string>();
    for (const c of concerns) {
      for (const id of [c.registerProposal?.byId]) if (id) await this.name(id, names);
      const now = this.deps.clock();
      const { etag, ...current } = c;
      const r = settleRegisterProposal(current, { actor: staffActor(user, []), auditorId: audit.auditorId, outcome, entryId, at: now, nameOf: (id) => names.get(id) ?? 'a colleague' });
      if (!r.ok) {
        // Raising settles whatever is still proposed; a refusal only matters when deciding that one proposal.
        if (only) throw new AppError(refusalStatus[r.code], r.message);
        continue;
      }
      const trail: TrailEntry = {
        id: stableId('trl-ucp-', `${c.id}|${outcome}`),
        auditId: c.auditId,
        at: now.toISOString(),
        actorId: user.id,
        kind: 'concern',
        field: `concerns.${c.id}.registerProposal`,
        before: 'proposed',
        after: outcome === 'raised' ? 'case of concern raised' : 'case of concern not needed',
        textLengths: null,
      };
      try {
        await store.concerns.update(r.concern, etag, [trail]);
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
        if (only) throw new AppError('conflict', 'This proposal was changed a moment ago: reload the register.');
      }
    }
  }

  async respond(user: StaffMember, id: string, etag: string, text: string): Promise<CaseOfConcernView> {
    return this.step(user, id, etag, 'responded', (entry, cmd) => respondToCaseOfConcern(entry, { ...cmd, text }), (e) => ({ before: 'open', after: 'responded', textLengths: { before: 0, after: e.response?.text.length ?? 0 } }));
  }

  async followUp(user: StaffMember, id: string, etag: string, text: string): Promise<CaseOfConcernView> {
    return this.step(user, id, etag, 'followUp', (entry, cmd) => addCaseOfConcernFollowUp(entry, { ...cmd, text }), (e) => ({ before: null, after: `follow-up ${e.followUps.length} added`, textLengths: { before: 0, after: e.followUps.at(-1)?.text.length ?? 0 } }));
  }

  async escalate(user: StaffMember, id: string, etag: string, toId: string): Promise<CaseOfConcernView> {
    const target = await this.deps.store.staff.get(toId);
    if (!target || !target.active) throw new AppError('invalid', 'Choose an active member of staff to escalate to.', { fields: [{ field: 'body.toId', message: 'is not an active member of staff' }] });
    const view = await this.step(user, id, etag, 'escalated', (entry, cmd) => escalateCaseOfConcern(entry, { ...cmd, toId }), () => ({ before: null, after: `escalated to ${toId}` }));
    const entry = await this.deps.store.casesOfConcern.get(id);
    if (entry) await this.notify(entry, toId, user.displayName);
    return view;
  }

  async close(user: StaffMember, id: string, etag: string, note: string): Promise<CaseOfConcernView> {
    return this.step(user, id, etag, 'closed', (entry, cmd) => closeCaseOfConcern(entry, { ...cmd, note }), (e) => ({ before: 'responded', after: 'closed', textLengths: e.closure?.note ? { before: 0, after: e.closure.note.length } : null }));
  }

  /** One step of the lifecycle: authorised and version-checked by the pure transition, written with its trail, cards updated. */
  private async step(
    user: StaffMember,
    id: string,
    expectedETag: string,
    step: string,
    transition: (entry: CaseOfConcern, cmd: { actor: StaffActor; expectedVersion: string; currentVersion: string; at: Date; nameOf: NameOf }) => CaseOfConcernResult,
    change: (after: CaseOfConcern) => Pick<TrailEntry, 'before' | 'after'> & { textLengths?: TrailEntry['textLengths'] },
  ): Promise<CaseOfConcernView> {
    const { store } = this.deps;
    const stored = await store.casesOfConcern.get(id);
    if (!stored) throw new AppError('notFound', 'There is no such case of concern.');
    const actor = await this.actorFor(user, stored);
    const names = new Map<string, string>();
    for (const pid of this.peopleOf(stored)) await this.name(pid, names);
    const now = this.deps.clock();
    const { etag, ...current } = stored;
    const next = this.unwrap(transition(current, { actor, expectedVersion: expectedETag, currentVersion: etag, at: now, nameOf: (pid) => names.get(pid) ?? 'a colleague' }));
    const n = step === 'followUp' ? next.followUps.length : step === 'escalated' ? next.escalations.length : 1;
    let saved: WithETag<CaseOfConcern>;
    try {
      saved = await store.casesOfConcern.update(next, etag, this.trail(next, `${step}-${n}`, user.id, now, change(next)));
    } catch (e) {
      if (e instanceof ConflictError) throw new AppError('conflict', 'This case of concern was changed a moment ago by someone else. Reload to see the latest.');
      throw e;
    }
    await this.updateCards(saved);
    return this.view(saved, user, names);
  }

  private unwrap(r: CaseOfConcernResult): CaseOfConcern {
    if (!r.ok) throw new AppError(refusalStatus[r.code], r.message);
    return r.entry;
  }

  private peopleOf(e: CaseOfConcern): string[] {
    return [
      e.raisedById,
      ...e.alerted.map((a) => a.staffId),
      ...(e.response ? [e.response.byId] : []),
      ...e.followUps.map((f) => f.byId),
      ...e.escalations.flatMap((x) => [x.byId, x.toId]),
      ...(e.closure ? [e.closure.byId] : []),
    ];
  }

  private async actorFor(user: StaffMember, entry: CaseOfConcern): Promise<StaffActor> {
    const directory: StaffMember[] = [];
    for (const id of new Set([...entry.alerted.map((a) => a.staffId), ...entry.escalations.map((e) => e.toId)])) {
      const s = await this.deps.store.staff.get(id);
      if (s) directory.push(s);
    }
    return staffActor(user, directory);
  }

  /** The alert to everyone told when it was raised: urgent card and e-mail, once each. */
  private async alert(entry: CaseOfConcern): Promise<void> {
    for (const a of entry.alerted) await this.notify(entry, a.staffId);
  }

  private async notify(entry: CaseOfConcern, staffId: string, escalatedBy?: string): Promise<void> {
    const id = caseOfConcernNoticeId(entry.id, staffId);
    const card = await this.card(entry);
    await this.enqueueOnce(id, () => urgentCardNotice(id, staffId, card, CASE_OF_CONCERN_NOTICE_KIND, summaries.caseOfConcern));
    const raisedBy = await this.name(entry.raisedById, new Map());
    const email = caseOfConcernEmail({ caseRef: entry.caseRef, initials: entry.initials, raisedBy, raisedAt: entry.raisedAt, registerUrl: this.deps.registerUrl, ...(escalatedBy ? { escalatedBy } : {}) });
    await this.enqueueOnce(concernEmailKey(id), () => concernEmailNotice(id, staffId, email));
  }

  private async updateCards(entry: WithETag<CaseOfConcern>): Promise<void> {
    const people = new Set([...entry.alerted.map((a) => a.staffId), ...entry.escalations.map((e) => e.toId)]);
    for (const staffId of people) {
      const target = { id: caseOfConcernNoticeId(entry.id, staffId), recipientId: staffId, conversationKey: staffConversationKey(staffId), priority: 'urgent' as const };
      const notice = cardUpdateNotice(target, { kind: CASE_OF_CONCERN_CARD_SUBJECT, id: entry.id }, entry.etag);
      await this.enqueueOnce(notice.id, () => notice);
    }
  }

  /** The card about an entry as it is now (the same for everyone it went to). */
  async card(entry: CaseOfConcern): Promise<AdaptiveCard> {
    const names = new Map<string, string>();
    return caseOfConcernCard({
      caseRef: entry.caseRef,
      initials: entry.initials,
      raisedBy: await this.name(entry.raisedById, names),
      raisedAs: entry.raisedAs,
      raisedAt: entry.raisedAt,
      status: entry.status,
      response: entry.response ? { by: await this.name(entry.response.byId, names), at: entry.response.at } : null,
      escalations: await Promise.all(entry.escalations.map(async (e) => ({ by: await this.name(e.byId, names), to: await this.name(e.toId, names), at: e.at }))),
      closure: entry.closure ? { by: await this.name(entry.closure.byId, names), at: entry.closure.at } : null,
      registerUrl: this.deps.registerUrl,
    });
  }

  /** For card updates (bot/app cardRenderers). */
  async renderCard(entryId: string): Promise<AdaptiveCard | null> {
    const entry = await this.deps.store.casesOfConcern.get(entryId);
    return entry ? this.card(entry) : null;
  }

  private async view(e: WithETag<CaseOfConcern>, user: StaffMember, names = new Map<string, string>(), teams?: { id: string; name: string }[]): Promise<CaseOfConcernView> {
    const person = async (id: string) => ({ id, name: await this.name(id, names) });
    const teamList = teams ?? (await this.deps.store.teams.listAll());
    return {
      id: e.id,
      etag: e.etag,
      caseId: e.caseId,
      caseRef: e.caseRef,
      initials: e.initials,
      teamId: e.teamId,
      teamName: teamList.find((t) => t.id === e.teamId)?.name ?? 'Unknown team',
      auditId: e.auditId,
      raisedBy: await person(e.raisedById),
      raisedAs: e.raisedAs,
      raisedAt: e.raisedAt,
      reason: e.reason,
      status: e.status,
      alerted: await Promise.all(e.alerted.map(async (a) => ({ ...(await person(a.staffId)), role: a.role }))),
      response: e.response ? { by: await person(e.response.byId), at: e.response.at, text: e.response.text } : null,
      followUps: await Promise.all(e.followUps.map(async (f) => ({ by: await person(f.byId), at: f.at, text: f.text }))),
      escalations: await Promise.all(e.escalations.map(async (x) => ({ by: await person(x.byId), to: await person(x.toId), at: x.at }))),
      closure: e.closure ? { by: await person(e.closure.byId), at: e.closure.at, note: e.closure.note } : null,
      permissions: caseOfConcernPermissions(await this.actorFor(user, e), e),
    };
  }

  private async headOfServiceOf(teamId: string): Promise<string | null> {
    const team = await this.deps.store.teams.get(teamId);
    const service = team ? await this.deps.store.services.get(team.serviceId) : null;
    return service?.headOfServiceId ?? null;
  }

  private trail(entry: CaseOfConcern, step: string, actorId: string, at: Date, change: Pick<TrailEntry, 'before' | 'after'> & { textLengths?: TrailEntry['textLengths'] }): TrailEntry[] {
    if (!entry.auditId) return [];
    return [
      {
        id: stableId('trl-coc-', `${entry.id}|${step}`),
        auditId: entry.auditId,
        at: at.toISOString(),
        actorId,
        kind: 'concern',
        field: `casesOfConcern.${entry.id}`,
        before: change.before,
        after: change.after,
        textLengths: change.textLengths ?? null,
      },
    ];
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
