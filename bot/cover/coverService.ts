import type { CoverColleague, CoverOptionsResponse, CoverView, DeputyCandidate, SetCoverRequest, SetCoverResponse } from '../../shared/api/coverContracts';
import { coverGrant, DEPUTY_CANDIDATE_ROLES, type CoverGrant } from '../../shared/access/coverAccess';
import { checkCoverChange } from '../../shared/cover/coverChange';
import type { StaffMember } from '../../shared/schemas/staff';
import { AppError, invalidFields } from '../http/appError';
import { coverStartedNotice, coverStartedNoticeId } from '../delivery/coverStartedNotice';
import { enqueueOnce } from '../delivery/enqueueOnce';
import { allPages, ConflictError, type Store, type WithETag } from '../store/storeInterface';

export interface CoverServiceDeps {
  store: Pick<Store, 'staff' | 'teams' | 'outbox'>;
  /** The tab's home, opened from the card telling a deputy they now cover. */
  appUrl: string;
  /** Ids and booleans only: the log line is the record of who changed whose cover (there is no staff trail yet). */
  logger: { info(obj: object, msg: string): void };
}

const colleague = (s: Pick<StaffMember, 'id' | 'displayName' | 'active' | 'away'>): CoverColleague => ({ id: s.id, displayName: s.displayName, active: s.active, away: s.away });

/**
 * Away and cover: a person's away status and the deputy who takes their alerts meanwhile, read
 * and changed from the tab. Who may is decided by shared/access/coverAccess.ts on the signed-in
 * person; what may be saved by shared/cover/coverChange.ts. A change is conditional on the staff
 * record's etag; repeating one that is already saved writes nothing.
 */
export class CoverService {
  constructor(private readonly deps: CoverServiceDeps) {}

  async view(user: StaffMember, staffId: string): Promise<CoverView> {
    const { subject } = await this.authorise(user, staffId);
    return this.viewOf(subject);
  }

  /** The colleagues the tab offers as deputy, and whom this person covers for. */
  async options(user: StaffMember, staffId: string): Promise<CoverOptionsResponse> {
    const { subject } = await this.authorise(user, staffId);
    const [teams, managers] = await Promise.all([this.deps.store.teams.listAll(), this.managementStaff()]);
    const teamNames = new Map(teams.map((t) => [t.id, t.name]));
    const candidate = (s: StaffMember): DeputyCandidate => ({ ...colleague(s), jobRoles: s.jobRoles, teamName: s.teamId === null ? null : (teamNames.get(s.teamId) ?? null) });
    const candidates = managers.filter((s) => s.active && s.id !== subject.id).map(candidate);
    // Whoever is named now stays choosable, even without a management job (e.g. from the staff import).
    if (subject.deputyId !== null && !candidates.some((c) => c.id === subject.deputyId)) {
      const current = await this.deps.store.staff.get(subject.deputyId);
      if (current) candidates.push(candidate(current));
    }
    const byName = (a: { displayName: string; id: string }, b: { displayName: string; id: string }) => a.displayName.localeCompare(b.displayName, 'en-GB') || a.id.localeCompare(b.id);
    return { candidates: candidates.sort(byName), coveringFor: this.coveringFor(subject, managers).map(colleague).sort(byName) };
  }

  /** `readRequest` parses the body, after the authorisation (so a refused caller learns nothing from validation). */
  async set(user: StaffMember, staffId: string, readRequest: () => SetCoverRequest): Promise<SetCoverResponse> {
    const { subject, grant } = await this.authorise(user, staffId);
    const request = readRequest();
    const deputy = request.deputyId === null ? null : await this.deps.store.staff.get(request.deputyId);
    const coveringFor = request.away ? this.coveringFor(subject, await this.managementStaff()) : [];
    const check = checkCoverChange({ subject, change: request, deputy, coveringFor });
    if (!check.ok) throw invalidFields([{ field: `body.${check.field}`, message: check.message }]);

    const base = { warnings: check.warnings };
    if (subject.away === request.away && subject.deputyId === request.deputyId) return { ...(await this.viewOf(subject)), changed: false, ...base };
    if (subject.etag !== request.etag) throw await this.conflict(subject);
    let saved: WithETag<StaffMember>;
    try {
      const { etag: _etag, ...record } = subject;
      saved = await this.deps.store.staff.put({ ...record, away: request.away, deputyId: request.deputyId }, request.etag);
    } catch (e) {
      if (e instanceof ConflictError) throw await this.conflict((await this.deps.store.staff.get(staffId)) ?? subject);
      throw e;
    }
    this.record(user.id, grant, subject, saved);
    await this.notifyDeputy(user, saved);
    return { ...(await this.viewOf(saved)), changed: true, ...base };
  }

  private async authorise(user: StaffMember, staffId: string): Promise<{ subject: WithETag<StaffMember>; grant: CoverGrant }> {
    const subject = await this.deps.store.staff.get(staffId);
    if (!subject) throw new AppError('notFound', 'No one with this id is in the staff directory.');
    const grant = coverGrant(user, subject);
    if (grant === null) {
      this.deps.logger.info({ actorId: user.id, staffId }, 'cover: change or read refused');
      throw new AppError('forbidden', "Only the person, their line manager, a QA lead, a principal social worker or an administrator may see or change someone's away status and cover.");
    }
    return { subject, grant };
  }

  private async viewOf(subject: WithETag<StaffMember>): Promise<CoverView> {
    const deputy = subject.deputyId === null ? null : await this.deps.store.staff.get(subject.deputyId);
    return {
      staffId: subject.id,
      displayName: subject.displayName,
      etag: subject.etag,
      away: subject.away,
      deputy: deputy ? colleague(deputy) : subject.deputyId === null ? null : { id: subject.deputyId, displayName: 'Former member of staff', active: false, away: false },
    };
  }

  private async conflict(current: WithETag<StaffMember>): Promise<AppError> {
    return new AppError('conflict', 'Someone else changed this away status or cover at the same time. It has been reloaded: check it and save again.', { current: await this.viewOf(current) });
  }

  /** The one record of a change today: who, whose, and what it now says (ids only). */
  private record(actorId: string, grant: CoverGrant, before: StaffMember, after: StaffMember): void {
    this.deps.logger.info(
      { event: 'coverChanged', actorId, grantedBy: grant, staffId: after.id, away: after.away, deputyId: after.deputyId, previousAway: before.away, previousDeputyId: before.deputyId },
      'cover: away status or deputy changed',
    );
  }

  /**
   * Tells the deputy they now take the person's alerts: when the person goes away with a deputy, or
   * the deputy changes while they are away (a saved change that leaves someone away with a deputy is
   * one of the two: an unchanged one returns before saving). Not when the deputy made the change.
   */
  private async notifyDeputy(actor: StaffMember, after: WithETag<StaffMember>): Promise<void> {
    const deputyId = after.deputyId;
    if (!after.away || deputyId === null || deputyId === actor.id) return;
    const markedByName = actor.id === after.id ? null : actor.displayName;
    try {
      await enqueueOnce(this.deps.store.outbox, coverStartedNoticeId(after.id, deputyId, after.etag), () =>
        coverStartedNotice({ staffId: after.id, deputyId, savedETag: after.etag, awayName: after.displayName, markedByName, openAppUrl: this.deps.appUrl }),
      );
    } catch (err) {
      // The cover is saved and alerts already route to the deputy; only the courtesy notice is lost.
      this.deps.logger.info({ staffId: after.id, deputyId, err: err instanceof Error ? err.name : typeof err }, 'cover: saved, but the notice to the deputy could not be queued');
    }
  }

  /** Staff with management duties or QA leads: a cover question concerns them (every role list is one indexed query). */
  private async managementStaff(): Promise<StaffMember[]> {
    const byId = new Map<string, StaffMember>();
    for (const role of DEPUTY_CANDIDATE_ROLES) for (const s of await allPages((p) => this.deps.store.staff.listByRole(role, p))) byId.set(s.id, s);
    return [...byId.values()];
  }

  private coveringFor(subject: StaffMember, directory: readonly StaffMember[]): StaffMember[] {
    return directory.filter((s) => s.deputyId === subject.id && s.id !== subject.id);
  }
}
