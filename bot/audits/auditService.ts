import type { Store, WithETag, PageRequest } from '../store/storeInterface';
import { allPages, ConflictError } from '../store/storeInterface';
import type { Audit, AuditForm, AuditType } from '../../shared/schemas/audits';
import type { AuditAction } from '../../shared/schemas/actions';
import type { StaffMember, Team, Service } from '../../shared/schemas/staff';
import type { AuditTypeSettings } from '../../shared/settings/auditTypeSettings';
import type { AuditDetail, AuditSummary, AuditSummaryPage, PersonRef, SaveFormDeferred, SaveFormResponse } from '../../shared/api/contracts';
import { READ_RU, type SaveBudget } from './saveBudget';
import { RecentAudits } from './recentAudits';
import type { TemplateCatalogue } from '../../shared/templates/templateCatalogue';
import { proposeSections, activeSectionIds } from '../../shared/templates/sectionProposals';
import { checkSubmission } from '../../shared/submission/submissionRules';
import { toFourPoint } from '../../shared/grading/gradeScales';
import { applyTransition, isEditableByAuditor } from '../../shared/lifecycle/auditLifecycle';
import { auditAccess, managedTeamIds, type AuditAccess } from '../../shared/access/auditAccess';
import { diffAuditForTrail } from '../../shared/trail/trailDiff';
import { londonDate } from '../../shared/calendar/londonTime';
import { AppError, invalidFields } from '../http/appError';
import { actionIdFor } from '../../shared/actions/actionIds';

export interface AuditServiceDeps {
  store: Store;
  templates: TemplateCatalogue;
  settings: Record<AuditType, AuditTypeSettings>;
  clock: () => Date;
  newId: (prefix: string) => string;
  /** After a submission's actions are live: each owner is sent their new actions (idempotent; see ActionService.announceNewActions). */
  onActionsLive?: (audit: Audit) => Promise<unknown>;
  /** After a successful save or submission (a replayed submit too): urgent concerns (see ConcernService.onAuditChanged; idempotent). */
  onAuditChanged?: (audit: Audit, kind: 'saved' | 'submitted', actorId: string) => Promise<unknown>;
  /** Resource-unit budget for autosaves (tenant mode); absent: unlimited. */
  saveBudget?: SaveBudget;
}

interface OrgContext {
  teams: WithETag<Team>[];
  services: WithETag<Service>[];
  teamName: (id: string) => string;
}

/**
 * The audit commands the tab's API calls (and, later, the Teams card actions): read an audit,
 * autosave its form, submit it. Authorisation is decided here on every call.
 */
export class AuditService {
  /** On a remote store only (each read is a metered request); the embedded store reads afresh. */
  private readonly recent: RecentAudits | null;

  constructor(private readonly deps: AuditServiceDeps) {
    this.recent = deps.store.remote ? new RecentAudits() : null;
  }

  private async org(): Promise<OrgContext> {
    const [teams, services] = await Promise.all([this.deps.store.teams.listAll(), this.deps.store.services.listAll()]);
    const names = new Map(teams.map((t) => [t.id, t.name]));
    return { teams, services, teamName: (id) => names.get(id) ?? 'Unknown team' };
  }

  private async load(auditId: string): Promise<WithETag<Audit>> {
    const audit = await this.deps.store.audits.get(auditId);
    if (!audit) throw new AppError('notFound', 'There is no audit with that id.');
    this.recent?.keep(audit);
    return audit;
  }

  private async access(user: StaffMember, audit: Audit, org: OrgContext): Promise<AuditAccess> {
    const currentCase = await this.deps.store.cases.get(audit.caseId);
    return auditAccess(user, audit, {
      teams: org.teams,
      services: org.services,
      currentCaseWorkerId: currentCase?.workerId ?? null,
      collaborative: this.deps.settings[audit.auditType].collaborative,
    });
  }

  private async staffName(id: string | null, cache = new Map<string, string>()): Promise<string> {
    if (!id) return '';
    const cached = cache.get(id);
    if (cached !== undefined) return cached;
    const person = await this.deps.store.staff.get(id);
    const name = person?.displayName ?? 'Former member of staff';
    cache.set(id, name);
    return name;
  }

  private async summarise(audits: Audit[], org: OrgContext): Promise<AuditSummary[]> {
    const names = new Map<string, string>();
    const out: AuditSummary[] = [];
    for (const a of audits) {
      out.push({
        id: a.id,
        caseRef: a.caseSnapshot.caseRef,
        initials: a.caseSnapshot.initials,
        auditType: a.auditType,
        auditTypeLabel: this.deps.settings[a.auditType].label,
        status: a.status,
        dueDate: a.dueDate,
        teamId: a.caseSnapshot.teamId,
        teamName: org.teamName(a.caseSnapshot.teamId),
        auditorId: a.auditorId,
        auditorName: await this.staffName(a.auditorId, names),
        finalGrade: a.finalGrade,
        submittedAt: a.submittedAt,
      });
    }
    return out;
  }


  /** Audits still to do first (soonest due first), then finished ones, latest first. */
  private static workOrder(audits: Audit[]): Audit[] {
    const open = audits.filter((a) => isEditableByAuditor(a.status)).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
    const done = audits
      .filter((a) => !isEditableByAuditor(a.status))
      .sort((a, b) => (b.submittedAt ?? b.updatedAt).localeCompare(a.submittedAt ?? a.updatedAt));
    return [...open, ...done];
  }

  async listMine(user: StaffMember): Promise<AuditSummaryPage> {
    const mine = await allPages((page) => this.deps.store.audits.listByAuditor(user.id, page));
    return { items: await this.summarise(AuditService.workOrder(mine), await this.org()), next: null };
  }

  private static isQualityAssurance(user: StaffMember): boolean {
    return user.jobRoles.some((r) => r === 'qaLead' || r === 'principalSocialWorker' || r === 'seniorManager');
  }

  /** Teams whose audits a person may list: those they manage; every team for quality assurance. */
  async teamsManagedBy(user: StaffMember): Promise<{ id: string; name: string }[]> {
    const org = await this.org();
    const ids = AuditService.isQualityAssurance(user) ? org.teams.map((t) => t.id) : managedTeamIds(user, org);
    return ids.map((id) => ({ id, name: org.teamName(id) }));
  }

  async listTeam(user: StaffMember, teamId: string | undefined): Promise<AuditSummaryPage & { teamId: string; teamName: string }> {
    const org = await this.org();
    const qa = AuditService.isQualityAssurance(user);
    const managed = managedTeamIds(user, org);
    const chosen = teamId ?? managed[0] ?? (qa ? user.teamId ?? org.teams[0]?.id : undefined);
    if (!chosen) throw new AppError('forbidden', 'Team audits are for team managers, Heads of Service and quality assurance leads.');
    if (!org.teams.some((t) => t.id === chosen)) throw new AppError('notFound', 'There is no team with that id.');
    if (!managed.includes(chosen) && !qa) throw new AppError('forbidden', 'You can see only the audits of teams you manage.');
    const audits = await allPages((page) => this.deps.store.audits.listByTeam(chosen, page));
    return { items: await this.summarise(AuditService.workOrder(audits), org), next: null, teamId: chosen, teamName: org.teamName(chosen) };
  }

  /** Every read of an audit passes here: access checked, reads from outside the case's team logged. */
  private async readable(user: StaffMember, auditId: string): Promise<{ audit: WithETag<Audit>; org: OrgContext; access: AuditAccess }> {
    const audit = await this.load(auditId);
    const org = await this.org();
    const access = await this.access(user, audit, org);
    if (!access.canRead) throw new AppError('forbidden', 'You do not have access to this audit.');
    if (access.outsideCaseTeam) await this.logRead(user, audit, access.grantedBy ?? 'none');
    return { audit, org, access };
  }

  private async logRead(user: StaffMember, audit: Audit, grantedBy: string): Promise<void> {
    await this.deps.store.accessLog.append({
      id: this.deps.newId('acc'),
      at: this.deps.clock().toISOString(),
      actorId: user.id,
      auditId: audit.id,
      caseId: audit.caseId,
      grantedBy,
    });
  }

  async readTrail(user: StaffMember, auditId: string, page: PageRequest) {
    await this.readable(user, auditId);
    return this.deps.store.trail.listByAudit(auditId, page);
  }

  async getDetail(user: StaffMember, auditId: string): Promise<AuditDetail> {
    const { audit, org, access } = await this.readable(user, auditId);
    if (audit.status === 'submitted') await this.completeSubmission(audit);

    const settings = this.deps.settings[audit.auditType];
    const template = this.template(audit);
    const names = new Map<string, string>();
    // Whoever may read this audit sees the case's finished audits (type, dates, grade) and their
    // open actions: what the case has been through. Audits still open stay out of sight.
    const related = (await allPages((page) => this.deps.store.audits.listByCase(audit.caseId, page))).filter(
      (a) => a.id !== audit.id && a.submittedAt !== null && !isEditableByAuditor(a.status),
    );
    if (access.outsideCaseTeam) for (const a of related) await this.logRead(user, a, `related:${access.grantedBy ?? 'none'}`);
    const relatedIds = new Set(related.map((a) => a.id));
    const actions = (await this.deps.store.actions.listByCase(audit.caseId, { limit: 200 })).items.filter(
      (a) => a.status !== 'approved' && relatedIds.has(a.auditId),
    );
    return {
      audit,
      settings,
      template,
      proposals: proposeSections(template, audit.caseSnapshot, audit.lookBack),
      teamName: org.teamName(audit.caseSnapshot.teamId),
      auditorName: await this.staffName(audit.auditorId, names),
      workerName: audit.caseSnapshot.workerId ? await this.staffName(audit.caseSnapshot.workerId, names) : null,
      people: await this.people(audit, org),
      earlierAudits: await this.summarise(AuditService.workOrder(related), org),
      openActions: actions.map(({ etag: _etag, ...a }) => a),
      canEdit: access.canEdit,
    };
  }

  /** People who can own or be accountable for an action: the case's team, its manager, the auditor. */
  private async people(audit: Audit, org: OrgContext): Promise<PersonRef[]> {
    const team = org.teams.find((t) => t.id === audit.caseSnapshot.teamId);
    const members = (await this.deps.store.staff.listByTeam(audit.caseSnapshot.teamId, { limit: 500 })).items;
    const extra = [team?.managerId, audit.auditorId].filter((x): x is string => !!x && !members.some((m) => m.id === x));
    for (const id of extra) {
      const p = await this.deps.store.staff.get(id);
      if (p) members.push(p);
    }
    return members.filter((m) => m.active).map((m) => ({ id: m.id, displayName: m.displayName, jobRoles: m.jobRoles }));
  }

  private template(audit: Audit) {
    const template = this.deps.templates.get(audit.templateId, audit.templateVersion);
    if (!template) throw new AppError('notFound', `Template ${audit.templateId} version ${audit.templateVersion} is missing from the catalogue.`);
    return template;
  }

  /** `reuse`: an autosave may use the version this process last wrote or read if it carries the client's etag (see RecentAudits). */
  private async editable(user: StaffMember, auditId: string, etag: string, reuse = false) {
    const audit = (reuse ? this.recent?.at(auditId, etag) : null) ?? (await this.load(auditId));
    // Only the auditor may edit, and that rests on the audit alone: the organisation and the case
    // are read just to word the refusal to anyone else (auditAccess answers 'auditor' before using them).
    const access =
      user.active && audit.auditorId === user.id
        ? auditAccess(user, audit, { teams: [], services: [], currentCaseWorkerId: null, collaborative: this.deps.settings[audit.auditType].collaborative })
        : await this.access(user, audit, await this.org());
    if (!access.canRead) throw new AppError('forbidden', 'You do not have access to this audit.');
    if (access.grantedBy !== 'auditor') throw new AppError('forbidden', 'Only the audit’s auditor can change it.');
    if (!access.canEdit) throw new AppError('notEditable', 'This audit has been submitted and is read-only.');
    if (audit.etag !== etag) throw new AppError('conflict', 'This audit was changed somewhere else (another tab or device). Reload to see the latest version.');
    return audit;
  }

  /** Checks that everything the form refers to exists: sections, prompts, theme questions, people. */
  private async validateReferences(audit: Audit, form: AuditForm): Promise<void> {
    const template = this.template(audit);
    const problems: { field: string; message: string }[] = [];
    const sections = new Map(template.sections.map((s) => [s.id, s]));
    for (const [sid, response] of Object.entries(form.sections)) {
      const section = sections.get(sid);
      if (!section) {
        problems.push({ field: `form.sections.${sid}`, message: 'is not a section of this template' });
        continue;
      }
      for (const pid of Object.keys(response.prompts))
        if (!section.prompts.some((p) => p.id === pid)) problems.push({ field: `form.sections.${sid}.prompts.${pid}`, message: 'is not a prompt of this section' });
    }
    for (const sid of Object.keys(form.sectionChoices))
      if (!sections.has(sid)) problems.push({ field: `form.sectionChoices.${sid}`, message: 'is not a section of this template' });
    for (const qid of Object.keys(form.theme))
      if (!audit.theme?.questions.some((q) => q.id === qid)) problems.push({ field: `form.theme.${qid}`, message: "is not a question of this round's theme" });
    form.actions.forEach((a, i) => {
      if (a.sectionId && !sections.has(a.sectionId)) problems.push({ field: `form.actions.${i}.sectionId`, message: 'is not a section of this template' });
    });
    const people: [string, string | null][] = [
      ...form.actions.flatMap((a, i): [string, string | null][] => [
        [`form.actions.${i}.ownerId`, a.ownerId],
        [`form.actions.${i}.accountableManagerId`, a.accountableManagerId],
      ]),
      ...form.participants.staffIds.map((id, i): [string, string | null] => [`form.participants.staffIds.${i}`, id]),
      ['form.urgentConcern.raisedWithId', form.urgentConcern.raisedWithId],
    ];
    // People the stored form already names were checked when it was saved (staff are never deleted).
    const ids = new Map<string, boolean>(AuditService.peopleNamed(audit.form).map((id) => [id, true]));
    for (const [field, id] of people) {
      if (!id) continue;
      if (!ids.has(id)) ids.set(id, (await this.deps.store.staff.get(id)) !== null);
      if (!ids.get(id)) problems.push({ field, message: 'is not a member of staff' });
    }
    const draftIds = new Set<string>();
    form.actions.forEach((a, i) => {
      if (draftIds.has(a.id)) problems.push({ field: `form.actions.${i}.id`, message: 'is used by another action' });
      draftIds.add(a.id);
    });
    if (problems.length) throw invalidFields(problems);
  }

  private static peopleNamed(form: AuditForm): string[] {
    const ids = [...form.actions.flatMap((a) => [a.ownerId, a.accountableManagerId]), ...form.participants.staffIds, form.urgentConcern.raisedWithId];
    return ids.filter((id): id is string => !!id);
  }

  async saveForm(user: StaffMember, auditId: string, etag: string, form: AuditForm): Promise<SaveFormResponse | SaveFormDeferred> {
    // Asked before any read, so a deferred save costs SharePoint nothing; it carries no audit data, and the
    // save that follows is authorised in full.
    // A save that will have to read the audit (after a restart, or last written by another instance) books that read too.
    const budget = this.deps.saveBudget?.take(`${user.id}:${auditId}`, this.recent && !this.recent.at(auditId, etag) ? READ_RU : 0);
    if (budget && !budget.ok) return { saved: false, retryAfterMs: budget.retryAfterMs };
    const audit = await this.editable(user, auditId, etag, true);
    await this.validateReferences(audit, form);
    const now = this.deps.clock().toISOString();
    let status = audit.status;
    if (status === 'allocated' || status === 'returnedForDevelopment') {
      const t = applyTransition(status, status === 'allocated' ? 'start' : 'resume');
      if (t.ok) status = t.to;
    }
    const next: Audit = { ...stripETag(audit), form, status, startedAt: audit.startedAt ?? now, updatedAt: now };
    const saved = await this.write(audit, next, user.id, now);
    await this.deps.onAuditChanged?.(saved, 'saved', user.id);
    return { etag: saved.etag, updatedAt: saved.updatedAt, status: saved.status };
  }

  async submit(user: StaffMember, auditId: string, etag: string): Promise<AuditDetail> {
    const current = await this.load(auditId);
    // A submission already made with this etag's successor: finish it (idempotent) and answer as before.
    if (current.status === 'submitted' && current.auditorId === user.id) {
      await this.completeSubmission(current);
      await this.deps.onActionsLive?.(current);
      await this.deps.onAuditChanged?.(current, 'submitted', user.id);
      return this.getDetail(user, auditId);
    }
    const audit = await this.editable(user, auditId, etag);
    const settings = this.deps.settings[audit.auditType];
    const template = this.template(audit);
    const proposals = proposeSections(template, audit.caseSnapshot, audit.lookBack);
    const today = londonDate(this.deps.clock());
    const problems = checkSubmission({
      settings,
      template,
      snapshot: audit.caseSnapshot,
      proposals,
      activeSectionIds: activeSectionIds(template, proposals, audit.form.sectionChoices),
      form: audit.form,
      theme: audit.theme,
      today,
    });
    if (problems.length)
      throw new AppError('submissionIncomplete', `The audit cannot be submitted yet: ${problems.length} item${problems.length === 1 ? '' : 's'} to complete.`, { problems });

    let from = audit.status;
    if (from === 'allocated' || from === 'returnedForDevelopment') from = 'inProgress';
    const t = applyTransition(from, 'submit');
    if (!t.ok) throw new AppError('transitionRefused', t.message);
    const overall = audit.form.grading.overall;
    const fourPoint = toFourPoint(settings.gradeScale, overall);
    if (!overall || !fourPoint) throw new AppError('submissionIncomplete', 'The overall grade is missing.', { problems: [] });
    const now = this.deps.clock().toISOString();
    const next: Audit = {
      ...stripETag(audit),
      status: t.to,
      startedAt: audit.startedAt ?? now,
      submittedAt: now,
      updatedAt: now,
      finalGrade: { scale: settings.gradeScale, value: overall, fourPoint },
    };
    const saved = await this.write(audit, next, user.id, now);
    await this.completeSubmission(saved);
    await this.deps.onAuditChanged?.(saved, 'submitted', user.id);
    return this.getDetail(user, auditId);
  }

  /**
   * The steps after the status change, each idempotent, so a crash between writes is finished by
   * the next submit or read: the draft actions become live actions.
   */
  private async completeSubmission(audit: Audit): Promise<void> {
    if (audit.form.actions.length === 0) return;
    const existing = new Set((await this.deps.store.actions.listByAudit(audit.id)).map((a) => a.id));
    if (audit.form.actions.every((d) => existing.has(actionIdFor(audit.id, d.id)))) return;
    const team = (await this.deps.store.teams.get(audit.caseSnapshot.teamId)) ?? null;
    const at = audit.submittedAt ?? audit.updatedAt;
    for (const draft of audit.form.actions) {
      if (!draft.ownerId || !draft.dueDate || !draft.what || existing.has(actionIdFor(audit.id, draft.id))) continue;
      const action: AuditAction = {
        id: actionIdFor(audit.id, draft.id),
        auditId: audit.id,
        caseId: audit.caseId,
        teamId: audit.caseSnapshot.teamId,
        caseRef: audit.caseSnapshot.caseRef,
        what: draft.what,
        sectionId: draft.sectionId,
        why: draft.why,
        ownerId: draft.ownerId,
        accountableManagerId: draft.accountableManagerId ?? team?.managerId ?? audit.auditorId,
        dueDate: draft.dueDate,
        status: 'open',
        doneNote: null,
        doneAt: null,
        approvedById: null,
        approvedAt: null,
        createdAt: at,
        updatedAt: at,
      };
      await this.deps.store.actions.create(action);
    }
    await this.deps.onActionsLive?.(audit);
  }

  private async write(before: WithETag<Audit>, next: Audit, actorId: string, at: string): Promise<WithETag<Audit>> {
    const trail = diffAuditForTrail(stripETag(before), next, actorId, at, () => this.deps.newId('trl'));
    try {
      const saved = await this.deps.store.audits.update(next, before.etag, trail);
      this.recent?.keep(saved);
      return saved;
    } catch (e) {
      this.recent?.forget(before.id);
      if (e instanceof ConflictError)
        throw new AppError('conflict', 'This audit was changed somewhere else (another tab or device). Reload to see the latest version.');
      throw e;
    }
  }
}

function stripETag<T extends { etag: string }>(x: T): Omit<T, 'etag'> {
  const { etag: _etag, ...rest } = x;
  return rest;
}
