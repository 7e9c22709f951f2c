import { actionIdFor } from '../../shared/actions/actionIds';
import { previousWorkingDay, addWorkingDays } from '../../shared/calendar/workingDays';
import { caseOfConcernId, proposesCaseOfConcern } from '../../shared/concerns/caseOfConcernLifecycle';
import { newUrgentConcern } from '../../shared/concerns/concernLifecycle';
import { caseOfConcernRecipients, planUrgentConcern, urgentConcernRecipients } from '../../shared/concerns/urgentNotices';
import { urgentTriggersFor } from '../../shared/concerns/urgentTriggers';
import { stableId } from '../../shared/ids/stableId';
import { auditAction, type AuditAction } from '../../shared/schemas/actions';
import type { Audit, DraftAction } from '../../shared/schemas/audits';
import type { ChildCase } from '../../shared/schemas/cases';
import type { IsoDate } from '../../shared/schemas/common';
import { caseOfConcern, urgentConcern, type CaseOfConcern, type UrgentConcern } from '../../shared/schemas/concerns';
import type { StaffMember } from '../../shared/schemas/staff';
import type { TrailEntry } from '../../shared/schemas/trail';
import { defaultConcernSettings } from '../../shared/settings/concernSettings';
import { buildAudit, mayAudit, type AuditWorld } from './demoAudits';
import { at, monthStart } from './demoDates';
import { featuredStaffIds } from './demoPeople';

/**
 * The featured team manager's urgent concerns, case of concern and actions, so the Cases of
 * concern, My actions and Team actions pages have something to show on a fresh start: two
 * invented audits of Leaving care cases graded Inadequate — one whose concern still awaits the
 * manager's acknowledgement (and proposes a register entry to its auditor), one acknowledged,
 * with its entry on the register responded to — and the second audit's actions in every state.
 * Deterministic: built from the seed's world and `today` only.
 */

export const DEMO_CONCERN_AUDIT_IDS = {
  awaiting: 'aud-featured-concern-awaiting',
  acknowledged: 'aud-featured-concern-acknowledged',
} as const;

const TEAM_ID = 'team-leaving-care';
/** Auditors from other services first, so the featured people's own pages stay as the walkthrough describes. */
const AUDITOR_PREFERENCE = ['tm-early-help', 'tm-assessment', 'tm-disabled-children', 'tm-mash', 'tm-cp-south'];

export interface DemoConcerns {
  audits: Audit[];
  actions: AuditAction[];
  concerns: UrgentConcern[];
  casesOfConcern: CaseOfConcern[];
  /** Trail entries of the concerns and the register entry, written with them. */
  trail: { concerns: Record<string, TrailEntry[]>; casesOfConcern: Record<string, TrailEntry[]> };
}

export interface DemoConcernInput {
  world: AuditWorld;
  cases: readonly ChildCase[];
  /** Cases already audited in the demo: preferred against, not excluded (the team is small). */
  used: ReadonlySet<string>;
  /** Whether a case could be allocated on a date (open in its current status, the child born). */
  allocatable: (c: ChildCase, on: IsoDate) => boolean;
  /** The featured care leaver: left alone, as the walkthrough describes it. */
  featuredCaseId: string;
}

export function buildDemoConcerns(input: DemoConcernInput): DemoConcerns {
  const { world } = input;
  const today = world.today;
  const team = world.teams.find((t) => t.id === TEAM_ID);
  const managerId = team?.managerId;
  const manager = world.staff.find((s) => s.id === managerId);
  if (!team || !manager) throw new Error('The demo council needs the Leaving care team and its manager');

  const ackMonth = monthStart(today, -2);
  const awaitMonth = monthStart(today, -1);
  const caseFor = (month: IsoDate, exclude: readonly string[]): ChildCase => {
    const fits = input.cases.filter((c) => c.teamId === TEAM_ID && c.workerId !== null && c.id !== input.featuredCaseId && !exclude.includes(c.id) && input.allocatable(c, month));
    // The featured worker's cases first (their My actions), then any not yet audited.
    const ranked = [...fits].sort((a, b) => rank(a) - rank(b));
    function rank(c: ChildCase): number {
      return (c.workerId === featuredStaffIds.workerId ? 0 : 2) + (input.used.has(c.id) ? 1 : 0);
    }
    const found = ranked[0];
    if (!found) throw new Error('No Leaving care case for the demo concerns');
    return found;
  };
  const auditorFor = (c: ChildCase): StaffMember => {
    const byPreference = AUDITOR_PREFERENCE.map((id) => world.staff.find((s) => s.id === id)).filter((s): s is StaffMember => s !== undefined);
    const found = byPreference.find((s) => s.active && !s.away && mayAudit(s, c, world.teams, world.services));
    if (!found) throw new Error('No auditor for the demo concerns');
    return found;
  };

  const ackCase = caseFor(ackMonth, []);
  const awaitCase = caseFor(awaitMonth, [ackCase.id]);
  const ackAuditor = auditorFor(ackCase);
  const awaitAuditor = auditorFor(awaitCase);

  const built = {
    acknowledged: buildAudit(world, { id: DEMO_CONCERN_AUDIT_IDS.acknowledged, auditType: 'managersMonthly', caseRecord: ackCase, auditor: ackAuditor, month: ackMonth, status: 'submitted', grade: 'inadequate' }),
    awaiting: buildAudit(world, { id: DEMO_CONCERN_AUDIT_IDS.awaiting, auditType: 'managersMonthly', caseRecord: awaitCase, auditor: awaitAuditor, month: awaitMonth, status: 'submitted', grade: 'inadequate' }),
  };

  // The acknowledged audit's actions: one in each state, owned by the case's worker, the manager accountable.
  const ackAudit = built.acknowledged.audit;
  const ackActions = actionsInEveryState(ackAudit, manager.id, today);
  // The form's drafts are the live actions' source (actionIdFor(audit, `act-n`)), numbered in the same order.
  ackAudit.form.actions = ackActions.map(
    (a, i): DraftAction => ({ id: `act-${i + 1}`, what: a.what, sectionId: a.sectionId, why: a.why, ownerId: a.ownerId, accountableManagerId: a.accountableManagerId, dueDate: a.dueDate }),
  );

  const settings = defaultConcernSettings();
  const concerns: UrgentConcern[] = [];
  const concernTrail: Record<string, TrailEntry[]> = {};
  const registerTrail: Record<string, TrailEntry[]> = {};
  const casesOfConcern: CaseOfConcern[] = [];
  const contacts = (a: Audit) => ({ workerId: a.caseSnapshot.workerId, managerId: manager.id, deputyId: manager.deputyId, managerAway: manager.away });

  for (const [key, { audit }] of Object.entries(built) as [keyof typeof built, (typeof built)[keyof typeof built]][]) {
    const plan = planUrgentConcern(urgentTriggersFor({ kind: 'submitted', before: null, after: audit }, 'ofsted4', settings));
    if (!plan || !audit.submittedAt) throw new Error('A demo concern audit must be submitted and graded Inadequate');
    const raisedAt = new Date(audit.submittedAt);
    let concern = newUrgentConcern({
      plan,
      audit,
      scale: 'ofsted4',
      raisedById: audit.auditorId,
      recipients: urgentConcernRecipients(contacts(audit), audit.auditorId),
      at: raisedAt,
      proposesRegisterEntry: proposesCaseOfConcern(audit, 'ofsted4', settings),
    });
    const trail = [trailOf(concern.id, audit.id, 'raised', audit.auditorId, audit.submittedAt, 'urgent concern raised')];
    if (key === 'acknowledged') {
      // Acknowledged an hour after the notice; the auditor then raised the proposed register entry, and the manager responded.
      const ackAt = addMinutes(audit.submittedAt, 60);
      const entryId = caseOfConcernId(audit.caseId, audit.id, 1);
      const raisedEntryAt = addMinutes(audit.submittedAt, 90);
      concern = urgentConcern.parse({
        ...concern,
        acknowledgement: { byId: manager.id, at: ackAt, actionTaken: 'Demo: visit arranged for tomorrow with the personal adviser; pathway plan review brought forward.' },
        registerProposal: { status: 'raised', entryId, byId: audit.auditorId, at: raisedEntryAt },
        updatedAt: raisedEntryAt,
      });
      trail.push(trailOf(concern.id, audit.id, 'acknowledged', manager.id, ackAt, 'acknowledged'));
      const service = world.services.find((s) => s.id === team.serviceId);
      const respondedAt = addMinutes(audit.submittedAt, 24 * 60);
      const entry = caseOfConcern.parse({
        id: entryId,
        caseId: audit.caseId,
        auditId: audit.id,
        teamId: TEAM_ID,
        caseRef: audit.caseSnapshot.caseRef,
        initials: audit.caseSnapshot.initials,
        raisedById: audit.auditorId,
        raisedAs: 'auditor',
        raisedAt: raisedEntryAt,
        reason: 'Demo: the pathway plan has not been reviewed for over six months and the young person’s housing is unsettled.',
        status: 'responded',
        alerted: caseOfConcernRecipients(contacts(audit), service?.headOfServiceId ?? null, audit.auditorId),
        response: { byId: manager.id, at: respondedAt, text: 'Demo: pathway plan review booked; weekly contact agreed until housing is settled.' },
        followUps: [],
        escalations: [],
        closure: null,
        updatedAt: respondedAt,
      });
      casesOfConcern.push(entry);
      registerTrail[entry.id] = [
        trailOf(entry.id, audit.id, 'raised', audit.auditorId, raisedEntryAt, 'case of concern raised (by the auditor)'),
        trailOf(entry.id, audit.id, 'responded', manager.id, respondedAt, 'responded'),
      ];
    }
    concerns.push(concern);
    concernTrail[concern.id] = trail;
  }

  return {
    audits: [built.acknowledged.audit, built.awaiting.audit],
    actions: [...ackActions, ...built.awaiting.actions],
    concerns,
    casesOfConcern,
    trail: { concerns: concernTrail, casesOfConcern: registerTrail },
  };
}

/**
 * Five actions from one audit: open, returned (open again with the manager's reason), done and
 * awaiting the manager's approval, approved, and one overdue. Steps are dated between the audit's
 * submission and yesterday.
 */
function actionsInEveryState(audit: Audit, managerId: string, today: IsoDate): AuditAction[] {
  const submittedAt = audit.submittedAt ?? at(today, 9);
  const submittedOn = submittedAt.slice(0, 10) as IsoDate;
  const ownerId = audit.caseSnapshot.workerId ?? managerId;
  const lastWorkingDay = previousWorkingDay(today);
  const future = addWorkingDays(today, 10);
  // Steps on the last working day (after the submission, which is at least a month earlier).
  const doneAt = at(lastWorkingDay, 11);
  const approvedAt = at(lastWorkingDay, 15);
  const sectionIds = Object.keys(audit.form.sections);
  const base = (n: number, what: string, dueDate: IsoDate): AuditAction => ({
    id: actionIdFor(audit.id, `act-${n}`),
    auditId: audit.id,
    caseId: audit.caseId,
    teamId: audit.caseSnapshot.teamId,
    caseRef: audit.caseSnapshot.caseRef,
    what,
    sectionId: sectionIds[(n - 1) % Math.max(1, sectionIds.length)] ?? null,
    why: 'Demo evidence: found in this audit.',
    ownerId,
    accountableManagerId: managerId,
    dueDate,
    status: 'open',
    doneNote: null,
    doneAt: null,
    approvedById: null,
    approvedAt: null,
    doneById: null,
    returned: null,
    createdAt: submittedAt,
    updatedAt: submittedAt,
  });
  const done = { status: 'done' as const, doneNote: 'Demo evidence: done and recorded on the case.', doneAt, doneById: ownerId, updatedAt: doneAt };
  return [
    base(1, 'Review the pathway plan with the young person and record their views.', future),
    {
      ...base(2, 'Update the chronology with the last six months’ events.', future),
      returned: { byId: managerId, at: approvedAt, reason: 'Demo: the note does not say where the chronology is recorded.' },
      updatedAt: approvedAt,
    },
    { ...base(3, 'Record the housing options discussed and the agreed next step.', future), ...done },
    { ...base(4, 'Book the pathway plan review meeting.', addWorkingDays(submittedOn, 5)), ...done, approvedById: managerId, approvedAt, status: 'approved' as const, updatedAt: approvedAt },
    base(5, 'Complete the health passport with the young person.', lastWorkingDay),
  ].map((a) => auditAction.parse(a));
}

function trailOf(subjectId: string, auditId: string, step: string, actorId: string, atTime: string, after: string): TrailEntry {
  return {
    id: stableId('trl-demo-', `${subjectId}|${step}`),
    auditId,
    at: atTime,
    actorId,
    kind: 'concern',
    field: `concerns.${subjectId}`,
    before: null,
    after,
    textLengths: null,
  };
}

function addMinutes(iso: string, minutes: number): string {
  return new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
}
