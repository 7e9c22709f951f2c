import type { SeededRandom } from '../../shared/random/seededRandom';
import type { AuditAction } from '../../shared/schemas/actions';
import type { RoundTheme } from '../../shared/schemas/templates';
import { actionIdFor } from '../../shared/actions/actionIds';
import type { Audit, AuditForm, AuditStatus, AuditType, CaseSnapshot, DraftAction, LookBackPeriod, PromptResponse } from '../../shared/schemas/audits';
import type { ChildCase } from '../../shared/schemas/cases';
import type { IsoDate } from '../../shared/schemas/common';
import type { FourPointGrade, OutcomesJudgement } from '../../shared/schemas/grades';
import type { Service, StaffMember, Team } from '../../shared/schemas/staff';
import type { AuditTemplate, RubricDomain } from '../../shared/schemas/templates';
import { emptyAuditForm } from '../../shared/schemas/audits';
import { snapshotCase } from '../../shared/cases/caseSnapshot';
import { computeLookBack } from '../../shared/templates/lookBack';
import { activeSectionIds, proposeSections } from '../../shared/templates/sectionProposals';
import { fromFourPoint, fourPointLabels } from '../../shared/grading/gradeScales';
import { defaultAuditTypeSettings } from '../../shared/settings/auditTypeSettings';
import { addDays, at, daysBetween, lastWeekdayOfMonth, minDate, weekdayOnOrAfter } from './demoDates';

/**
 * Audits for the demo council: a year of submitted audits with grades, evidence and actions,
 * and the current month's open allocations. All text is marked as demo evidence.
 */

export interface AuditWorld {
  rng: SeededRandom;
  today: IsoDate;
  staff: StaffMember[];
  teams: Team[];
  services: Service[];
  templates: readonly AuditTemplate[];
}

export interface AuditSpec {
  id: string;
  auditType: AuditType;
  caseRecord: ChildCase;
  auditor: StaffMember;
  /** First day of the audit's month. */
  month: IsoDate;
  status: Extract<AuditStatus, 'allocated' | 'inProgress' | 'submitted'>;
  /** For submitted audits: the four-point grade the audit reaches. */
  grade?: FourPointGrade;
  /** For the rare allocation made for a month other than the one it is due in. */
  dueDate?: IsoDate;
  /** The round's theme, whose questions the form shows. */
  theme?: RoundTheme;
}

export interface BuiltAudit {
  audit: Audit;
  actions: AuditAction[];
}

const keyAreasFirst = (keyAreas: readonly RubricDomain[], all: readonly RubricDomain[]): RubricDomain[] => [
  ...keyAreas,
  ...all.filter((d) => !keyAreas.includes(d)),
];

const evidenceByGrade: Record<FourPointGrade, readonly string[]> = {
  outstanding: [
    'Demo evidence: purposeful, consistent work; the record shows a clear difference for the child.',
    'Demo evidence: the plan is specific and reviewed on time, and the child has shaped it.',
  ],
  good: [
    "Demo evidence: the plan is being followed and the child's circumstances are improving; small gaps are known.",
    'Demo evidence: visits are on time and recorded with the child seen alone; the plan is mostly specific.',
  ],
  requiresImprovement: [
    'Demo evidence: the child is not at risk of harm, but the plan lacks timescales and some visits are not recorded.',
    'Demo evidence: the assessment is current but the analysis of history is thin; oversight is recorded irregularly.',
  ],
  inadequate: [
    'Demo evidence: new concerns were not acted on promptly and the plan does not address the risks identified.',
    'Demo evidence: there is drift since the last review and no recorded management direction.',
  ],
};

const impactByGrade: Record<FourPointGrade, string> = {
  outstanding: "Demo evidence: the child's situation has improved markedly and the change looks set to last.",
  good: "Demo evidence: the child's circumstances are improving and progress looks likely to hold.",
  requiresImprovement: 'Demo evidence: the child is safe, but progress on the plan is slower than it should be.',
  inadequate: 'Demo evidence: delay has left the child without the protection the plan intended.',
};

const actionIdeas: readonly { what: string; why: string }[] = [
  { what: 'Update the chronology to show the key events of the last year.', why: 'Demo evidence: the chronology stops before recent events.' },
  { what: "Record the child's views in their own words at the next visit.", why: "Demo evidence: the child's voice is not visible in recent records." },
  { what: 'Review the plan so each action has a named person and a date.', why: 'Demo evidence: the plan has actions without owners or timescales.' },
  { what: "Record management oversight of the plan's progress at the next supervision.", why: 'Demo evidence: no recorded oversight for three months.' },
  { what: 'Complete the overdue statutory visit and record what was seen.', why: 'Demo evidence: the last visit recorded is outside timescale.' },
  { what: 'Update the assessment to take account of recent events.', why: 'Demo evidence: the assessment predates significant changes in the household.' },
];

const childViews: readonly string[] = [
  'Demo evidence: the child said they like seeing their worker and want visits to stay after school.',
  'Demo evidence: the young person said they feel listened to but want more say in meetings.',
  'Demo evidence: the child said things at home are calmer now.',
];

const parentViews: readonly string[] = [
  'Demo evidence: a parent said the plan is clear and they know who to call.',
  'Demo evidence: a parent said they would like fewer changes of worker.',
];

/** Outcomes a grade allows: Good or better only when outcomes are met or on the way. */
function outcomesFor(grade: FourPointGrade, rng: SeededRandom): OutcomesJudgement {
  switch (grade) {
    case 'outstanding':
      return 'met';
    case 'good':
      return rng.chance(0.6) ? 'onTheWay' : 'met';
    case 'requiresImprovement':
      return rng.chance(0.6) ? 'onTheWay' : 'notMet';
    case 'inadequate':
      return rng.chance(0.85) ? 'notMet' : 'onTheWay';
  }
}

const better: Record<FourPointGrade, FourPointGrade> = {
  outstanding: 'outstanding',
  good: 'outstanding',
  requiresImprovement: 'good',
  inadequate: 'requiresImprovement',
};
const worse: Record<FourPointGrade, FourPointGrade> = {
  outstanding: 'good',
  good: 'requiresImprovement',
  requiresImprovement: 'inadequate',
  inadequate: 'inadequate',
};

export function spreadGrade(rng: SeededRandom): FourPointGrade {
  const roll = rng.next();
  if (roll < 0.07) return 'outstanding';
  if (roll < 0.47) return 'good';
  if (roll < 0.88) return 'requiresImprovement';
  return 'inadequate';
}

/** Domain grades whose majority is `grade`; a key area is Inadequate only when the overall grade is. */
function domainGrades(grade: FourPointGrade, domains: readonly RubricDomain[], keyAreas: readonly RubricDomain[], rng: SeededRandom) {
  const ordered = keyAreasFirst(keyAreas, domains);
  const same = Math.ceil(domains.length / 2) + 1;
  const out: Partial<Record<RubricDomain, FourPointGrade>> = {};
  ordered.forEach((domain, i) => {
    if (i < same) out[domain] = grade;
    else out[domain] = rng.chance(0.5) ? better[grade] : worse[grade];
  });
  return out;
}

function sectionEvidence(title: string, grade: FourPointGrade, rng: SeededRandom): string {
  return `${rng.pick(evidenceByGrade[grade])} (${title})`;
}

function typeAndTemplate(world: AuditWorld, spec: AuditSpec) {
  const settings = defaultAuditTypeSettings[spec.auditType];
  const template = world.templates.find((t) => t.id === settings.templateId);
  if (!template) throw new Error(`The demo needs template "${settings.templateId}"`);
  return { settings, template };
}

/** Builds one audit (and, when submitted below Good, its live actions). */
export function buildAudit(world: AuditWorld, spec: AuditSpec): BuiltAudit {
  const { rng, today } = world;
  const { settings, template } = typeAndTemplate(world, spec);
  const allocatedOn = minDate(spec.month, today);
  const snapshot: CaseSnapshot = snapshotCase(spec.caseRecord, allocatedOn);
  const lookBack: LookBackPeriod = computeLookBack(settings.lookBack, allocatedOn, snapshot.mostRecentReferral);
  const dueDate = spec.dueDate ?? lastWeekdayOfMonth(spec.month);
  const team = world.teams.find((t) => t.id === snapshot.teamId);
  const managerId = team?.managerId ?? null;
  if (!managerId) throw new Error(`Team ${snapshot.teamId} has no manager`);

  const form: AuditForm = emptyAuditForm();
  const allocatedAt = at(allocatedOn, 8, 30);
  let startedOn: IsoDate | null = null;
  let submittedOn: IsoDate | null = null;
  const actions: AuditAction[] = [];

  if (spec.status !== 'allocated') {
    const latestStart = spec.status === 'submitted' ? addDays(dueDate, -3) : today;
    const span = Math.max(0, daysBetween(allocatedOn, latestStart));
    startedOn = minDate(weekdayOnOrAfter(addDays(allocatedOn, rng.int(0, Math.min(span, 14)))), latestStart);
  }
  if (spec.status === 'submitted' && startedOn) {
    const span = Math.max(0, daysBetween(startedOn, dueDate));
    submittedOn = minDate(weekdayOnOrAfter(addDays(startedOn, rng.int(0, Math.min(span, 8)))), dueDate);
  }

  const proposals = proposeSections(template, snapshot, lookBack);
  const active = activeSectionIds(template, proposals, {});
  const practiceSections = template.sections.filter((s) => s.kind === 'practice' && active.includes(s.id));
  const workerId = snapshot.workerId;
  const age = snapshot.ageYears === null ? 'an unborn baby' : `a ${snapshot.ageYears}-year-old`;
  const grade = spec.grade ?? spreadGrade(rng);

  if (startedOn) {
    form.caseProfile = `Demo evidence: ${age}; the case is held by the ${team?.name ?? 'allocated'} team. Invented for the demonstration.`;
    if (settings.collaborative) {
      form.participants = {
        workerTookPart: workerId !== null,
        meetingDate: startedOn,
        staffIds: workerId !== null ? [workerId] : [],
        others: '',
      };
    }
    // In progress: the first sections are written, the rest is still to do.
    const written = spec.status === 'submitted' ? practiceSections : practiceSections.slice(0, 2);
    for (const section of written) {
      form.sections[section.id] = {
        prompts: Object.fromEntries(
          section.prompts.map((p): [string, PromptResponse] => [p.id, { state: rng.chance(0.8) ? 'seen' : 'notSeen', note: '' }]),
        ),
        evidence: sectionEvidence(section.title, grade, rng),
      };
    }
  }

  let finalGrade: Audit['finalGrade'] = null;
  if (spec.status === 'submitted' && submittedOn && startedOn) {
    const outcomes = outcomesFor(grade, rng);
    const childSafe = grade === 'inadequate' && rng.chance(0.4) ? 'notSafe' : 'safe';
    const scale = settings.gradeScale;
    const domains: AuditForm['grading']['domains'] = {};
    if (settings.gradingMode === 'perDomain') {
      const graded = domainGrades(grade, settings.gradedDomains, settings.keyAreas, rng);
      for (const [domain, g] of Object.entries(graded) as [RubricDomain, FourPointGrade][]) {
        domains[domain] = { value: fromFourPoint(scale, g), evidence: rng.pick(evidenceByGrade[g]) };
      }
    }
    form.grading = {
      domains,
      overall: fromFourPoint(scale, grade),
      departureReason: '',
      outcomes,
      childSafe,
      summary: {
        judgement: `Demo evidence: overall, practice on the case is ${fourPointLabels[grade].toLowerCase()}.`,
        evidence: rng.pick(evidenceByGrade[grade]),
        impact: impactByGrade[grade],
      },
    };
    if (childSafe === 'notSafe')
      form.urgentConcern = { raised: true, raisedWithId: managerId, raisedAt: at(startedOn, 11, 15) };

    if (settings.submission.viewsRequired) {
      const unborn = snapshot.ageYears === null;
      const consentNeeded = settings.submission.consentRequiredFor.includes(snapshot.legalStatus);
      form.views = {
        child:
          unborn || (snapshot.ageYears ?? 0) < 3
            ? { sought: 'no', consent: null, ownWords: '', reasonNotSought: 'Demo evidence: too young to give views; observations are recorded instead.' }
            : { sought: 'yes', consent: consentNeeded ? 'given' : 'notRequired', ownWords: rng.pick(childViews), reasonNotSought: '' },
        parents: rng.chance(0.8)
          ? { sought: 'yes', consent: 'notRequired', ownWords: rng.pick(parentViews), reasonNotSought: '' }
          : { sought: 'no', consent: null, ownWords: '', reasonNotSought: 'Demo evidence: a parent declined to take part.' },
      };
    }
    if (settings.submission.goodPracticeExample)
      form.goodPractice = rng.chance(0.7)
        ? { kind: 'example', text: 'Demo evidence: direct work with the child was creative and well recorded.' }
        : { kind: 'noneSeen', text: '' };

    if (grade === 'requiresImprovement' || grade === 'inadequate') {
      const ideas = rng.shuffle(actionIdeas).slice(0, rng.int(1, 3));
      const ownerId = workerId ?? managerId;
      const drafts: DraftAction[] = ideas.map((idea, i) => ({
        id: `act-${i + 1}`,
        what: idea.what,
        sectionId: practiceSections.length > 0 ? rng.pick(practiceSections).id : null,
        why: idea.why,
        ownerId,
        accountableManagerId: managerId,
        dueDate: addDays(submittedOn as IsoDate, rng.int(14, 56)),
      }));
      form.actions = drafts;
      for (const d of drafts) actions.push(liveAction(rng, today, spec, snapshot, submittedOn, d, ownerId, managerId));
    }
    finalGrade = { scale, value: fromFourPoint(scale, grade), fourPoint: grade };
  }

  const startedAt = startedOn ? at(startedOn, 10, 0) : null;
  const submittedAt = submittedOn ? at(submittedOn, 15, 30) : null;
  const audit: Audit = {
    id: spec.id,
    auditType: spec.auditType,
    templateId: settings.templateId,
    templateVersion: template.version,
    roundId: null,
    purpose: 'core',
    caseId: spec.caseRecord.id,
    caseSnapshot: snapshot,
    auditorId: spec.auditor.id,
    status: spec.status,
    dueDate,
    lookBack,
    theme: spec.theme ?? null,
    form,
    finalGrade,
    allocatedAt,
    startedAt,
    submittedAt,
    updatedAt: submittedAt ?? (startedOn ? at(startedOn, 12, 0) : allocatedAt),
  };
  return { audit, actions };
}

/** A live action: overdue ones are mostly done by now, but not all. */
function liveAction(
  rng: SeededRandom,
  today: IsoDate,
  spec: AuditSpec,
  snapshot: CaseSnapshot,
  submittedOn: IsoDate,
  draft: DraftAction,
  ownerId: string,
  managerId: string,
): AuditAction {
  const dueDate = draft.dueDate as IsoDate;
  const overdue = dueDate < today;
  const roll = rng.next();
  let status: AuditAction['status'] = overdue ? (roll < 0.5 ? 'approved' : roll < 0.75 ? 'done' : 'open') : roll < 0.65 ? 'open' : roll < 0.9 ? 'done' : 'approved';
  const yesterday = addDays(today, -1);
  const lastDone = minDate(dueDate, yesterday);
  const doneSpan = daysBetween(submittedOn, lastDone);
  if (doneSpan < 1) status = 'open';

  let doneAt: string | null = null;
  let approvedAt: string | null = null;
  let doneNote: string | null = null;
  if (status !== 'open') {
    const doneOn = addDays(submittedOn, rng.int(1, doneSpan));
    doneAt = at(doneOn, 14, 0);
    doneNote = 'Demo evidence: done and recorded on the case.';
    if (status === 'approved') {
      const approvedOn = minDate(addDays(doneOn, rng.int(1, 7)), yesterday);
      if (approvedOn > doneOn) {
        approvedAt = at(approvedOn, 9, 30);
      } else status = 'done';
    }
  }
  const createdAt = at(submittedOn, 15, 30);
  return {
    id: actionIdFor(spec.id, draft.id),
    auditId: spec.id,
    caseId: spec.caseRecord.id,
    teamId: snapshot.teamId,
    caseRef: snapshot.caseRef,
    what: draft.what,
    sectionId: draft.sectionId,
    why: draft.why,
    ownerId,
    accountableManagerId: managerId,
    dueDate,
    status,
    doneNote,
    doneAt,
    approvedById: status === 'approved' ? managerId : null,
    approvedAt: status === 'approved' ? approvedAt : null,
    createdAt,
    updatedAt: approvedAt ?? doneAt ?? createdAt,
  };
}

/**
 * Whether someone may audit a case: never a case their own team holds or has held, never one
 * they worked on, and a head of service not within their own service.
 */
export function mayAudit(auditor: StaffMember, c: ChildCase, teams: readonly Team[], services: readonly Service[]): boolean {
  if (!auditor.active) return false;
  if (auditor.id === c.workerId || c.pastWorkerIds.includes(auditor.id)) return false;
  const caseTeams = [c.teamId, ...c.pastTeamIds];
  if (auditor.teamId !== null && caseTeams.includes(auditor.teamId)) return false;
  const managedService = services.find((s) => s.headOfServiceId === auditor.id);
  if (managedService) {
    const serviceTeams = teams.filter((t) => t.serviceId === managedService.id).map((t) => t.id);
    if (caseTeams.some((t) => serviceTeams.includes(t))) return false;
  }
  return true;
}
