import { enqueueOnce } from '../delivery/enqueueOnce';
import type { MeetingListResponse, MeetingProposalView, MeetingResponseRequest } from '../../shared/api/meetingContracts';
import { auditAccess } from '../../shared/access/auditAccess';
import { meetingProposerRoleOf } from '../../shared/access/caseContacts';
import { londonWallClock } from '../../shared/calendar/londonTime';
import type { MeetingProposalReply } from '../../shared/cards/meetingProposalReplyCard';
import { stableId } from '../../shared/ids/stableId';
import { isEditableByAuditor } from '../../shared/lifecycle/auditLifecycle';
import { checkMeetingTime } from '../../shared/meetings/meetingRules';
import type { Audit, AuditType } from '../../shared/schemas/audits';
import { meetingProposalId, type MeetingProposal } from '../../shared/schemas/meetingProposals';
import type { StaffMember } from '../../shared/schemas/staff';
import type { TrailEntry } from '../../shared/schemas/trail';
import type { AuditTypeSettings } from '../../shared/settings/auditTypeSettings';
import { caseContactsOf } from '../delivery/caseSelectedNotice';
import { meetingAnsweredNotice, meetingAnsweredNoticeId, meetingProposedNotice, meetingProposedNoticeId } from '../delivery/meetingNotices';
import type { NewNotification } from '../delivery/outboxStore';
import { AppError } from '../http/appError';
import { ConflictError, type Store, type WithETag } from '../store/storeInterface';

export interface MeetingServiceDeps {
  store: Pick<Store, 'audits' | 'cases' | 'meetings' | 'outbox' | 'services' | 'staff' | 'teams'>;
  settings: Record<AuditType, Pick<AuditTypeSettings, 'collaborative'>>;
  clock: () => Date;
  /** The "Open audit" link on the cards (see `auditLink`). */
  auditLink: (auditId: string) => string;
}

const STALE = 'This meeting proposal was changed somewhere else. Reload to see the latest version.';

/**
 * Meeting times for collaborative audits: proposed from Teams by the case's worker or team manager
 * (or the manager's deputy), answered in the tab by the auditor. Each step is written to the
 * audit's trail with the proposal, without changing the audit, and the other side is told in Teams
 * through the outbox. Authorisation comes from the signed-in or activity identity, never a card.
 */
export class MeetingService {
  constructor(private readonly deps: MeetingServiceDeps) {}

  /**
   * Records a proposed time. The card's version is not compared: a proposal changes nothing on the
   * audit, so a card from before the auditor's latest save still counts. The same person proposing
   * the same date and time again (a replayed invoke, a double click) reaches the same record.
   */
  async propose(user: StaffMember, auditId: string, meetingDate: string, meetingTime: string | null): Promise<MeetingProposalReply> {
    const { store } = this.deps;
    const audit = await store.audits.get(auditId);
    // Only collaborative audits involve the worker; for any other the worker may not even know of it.
    if (!audit || !this.deps.settings[audit.auditType].collaborative) return { kind: 'notAllowed' };
    const role = meetingProposerRoleOf(user.id, await caseContactsOf(store, audit), audit.auditorId);
    if (!role) return { kind: 'notAllowed' };
    const { caseRef, initials } = audit.caseSnapshot;
    if (!isEditableByAuditor(audit.status)) return { kind: 'closed', caseRef, initials };

    const now = this.deps.clock();
    const id = meetingProposalId(audit.id, user.id, meetingDate, meetingTime);
    // A replay may come after the time has passed: the recorded proposal answers it.
    if (!(await store.meetings.get(id))) {
      const check = checkMeetingTime({ date: meetingDate, time: meetingTime, dueDate: audit.dueDate, now: londonWallClock(now) });
      if (!check.ok) return { kind: 'invalidTime', caseRef, initials, message: check.message, auditId: audit.id, version: audit.etag };
    }
    const at = now.toISOString();
    const proposal: MeetingProposal = { id, auditId: audit.id, proposedById: user.id, proposerRole: role, meetingDate, meetingTime, createdAt: at, status: 'proposed', response: null };
    const when = meetingTime ? `${meetingDate} ${meetingTime}` : meetingDate;
    const { proposal: stored, created } = await store.meetings.create(proposal, [
      trailEntry(audit, proposal.id, 'proposed', user.id, at, { before: null, after: `meeting proposed for ${when}` }),
    ]);
    // Also on a replay: the first attempt may have stopped before queueing the notice.
    await this.enqueueOnce(meetingProposedNoticeId(stored.id), () => meetingProposedNotice(audit, stored, user.displayName, this.deps.auditLink(audit.id)));
    return { kind: 'sent', caseRef, initials, meetingDate, meetingTime, alreadySent: !created, status: stored.status };
  }

  /** An audit's proposals, for whoever may read the audit. */
  async list(user: StaffMember, auditId: string): Promise<MeetingListResponse> {
    const audit = await this.readable(user, auditId);
    const proposals = await this.deps.store.meetings.listByAudit(audit.id);
    const names = new Map<string, string>();
    const items: MeetingProposalView[] = [];
    for (const p of proposals) items.push(await this.view(p, names));
    return { items, canRespond: audit.auditorId === user.id && isEditableByAuditor(audit.status) };
  }

  /** The auditor accepts or declines a proposed time; the proposer is told in Teams. Repeating the same answer changes nothing. */
  async respond(user: StaffMember, auditId: string, meetingId: string, req: MeetingResponseRequest): Promise<MeetingProposalView> {
    const { store } = this.deps;
    const audit = await this.readable(user, auditId);
    if (audit.auditorId !== user.id) throw new AppError('forbidden', "Only the audit's auditor can answer a proposed meeting time.");
    const proposal = await store.meetings.get(meetingId);
    if (!proposal || proposal.auditId !== audit.id) throw new AppError('notFound', 'There is no such meeting proposal for this audit.');
    const decision = req.decision === 'accept' ? 'accepted' : 'declined';
    if (proposal.status === decision) {
      await this.notifyProposer(audit, proposal, user);
      return this.view(proposal);
    }
    if (proposal.status !== 'proposed') throw new AppError('conflict', `You have already ${proposal.status} this proposal.`);
    if (!isEditableByAuditor(audit.status)) throw new AppError('notEditable', 'This audit is no longer open, so its meeting proposals cannot be answered.');
    if (proposal.etag !== req.etag) throw new AppError('conflict', STALE);

    const at = this.deps.clock().toISOString();
    const note = req.note?.trim() || undefined;
    const { etag: _etag, ...current } = proposal;
    const next: MeetingProposal = { ...current, status: decision, response: { byId: user.id, at, ...(note ? { note } : {}) } };
    let stored: WithETag<MeetingProposal>;
    try {
      stored = await store.meetings.update(next, proposal.etag, [
        // The note is free text: only its length reaches the trail.
        trailEntry(audit, proposal.id, decision, user.id, at, { before: 'proposed', after: decision, textLengths: note ? { before: 0, after: note.length } : null }),
      ]);
    } catch (e) {
      if (e instanceof ConflictError) throw new AppError('conflict', STALE);
      throw e;
    }
    await this.notifyProposer(audit, stored, user);
    return this.view(stored);
  }

  private async readable(user: StaffMember, auditId: string): Promise<WithETag<Audit>> {
    const { store } = this.deps;
    const audit = await store.audits.get(auditId);
    if (!audit) throw new AppError('notFound', 'There is no audit with that id.');
    const [teams, services, currentCase] = await Promise.all([store.teams.listAll(), store.services.listAll(), store.cases.get(audit.caseId)]);
    const access = auditAccess(user, audit, {
      teams,
      services,
      currentCaseWorkerId: currentCase?.workerId ?? null,
      collaborative: this.deps.settings[audit.auditType].collaborative,
    });
    if (!access.canRead) throw new AppError('forbidden', 'You do not have access to this audit.');
    return audit;
  }

  private async notifyProposer(audit: WithETag<Audit>, proposal: MeetingProposal, auditor: StaffMember): Promise<void> {
    await this.enqueueOnce(meetingAnsweredNoticeId(proposal.id), () => meetingAnsweredNotice(audit, proposal, auditor.displayName, this.deps.auditLink(audit.id)));
  }

  private async view(p: WithETag<MeetingProposal>, names = new Map<string, string>()): Promise<MeetingProposalView> {
    const name = async (staffId: string) => {
      let n = names.get(staffId);
      if (n === undefined) {
        n = (await this.deps.store.staff.get(staffId))?.displayName ?? 'Former member of staff';
        names.set(staffId, n);
      }
      return n;
    };
    return {
      id: p.id,
      etag: p.etag,
      auditId: p.auditId,
      proposedById: p.proposedById,
      proposerName: await name(p.proposedById),
      proposerRole: p.proposerRole,
      meetingDate: p.meetingDate,
      meetingTime: p.meetingTime,
      createdAt: p.createdAt,
      status: p.status,
      response: p.response ? { byId: p.response.byId, byName: await name(p.response.byId), at: p.response.at, ...(p.response.note ? { note: p.response.note } : {}) } : null,
    };
  }

  private async enqueueOnce(noticeId: string, build: () => NewNotification): Promise<void> {
    await enqueueOnce(this.deps.store.outbox, noticeId, build);
  }

}

/** One trail entry per step of a proposal; its id is derived, so a step is never recorded twice. */
function trailEntry(
  audit: Pick<Audit, 'id'>,
  proposalId: string,
  step: string,
  actorId: string,
  at: string,
  change: Pick<TrailEntry, 'before' | 'after'> & { textLengths?: TrailEntry['textLengths'] },
): TrailEntry {
  return {
    id: stableId('trl-mtg-', `${proposalId}|${step}`),
    auditId: audit.id,
    at,
    actorId,
    kind: 'meeting',
    field: `meetings.${proposalId}`,
    before: change.before,
    after: change.after,
    textLengths: change.textLengths ?? null,
  };
}
