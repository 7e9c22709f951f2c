import type { RoundTheme } from '../../shared/schemas/templates';
import { createRandom } from '../../shared/random/seededRandom';
import type { AuditAction } from '../../shared/schemas/actions';
import type { Audit, AuditType } from '../../shared/schemas/audits';
import type { ChildCase } from '../../shared/schemas/cases';
import { isoDate, type IsoDate } from '../../shared/schemas/common';
import type { JobRole, Service, StaffMember, Team } from '../../shared/schemas/staff';
import { builtInTemplates } from '../../shared/templates/templateCatalogue';
import { buildAudit, mayAudit, type AuditSpec, type AuditWorld } from './demoAudits';
import { buildDemoCases } from './demoCases';
import { lastWeekdayOfMonth, monthIndex, monthStart } from './demoDates';
import { buildDemoOrganisation, featuredStaffIds } from './demoPeople';
import { buildDemoConcerns, type DemoConcerns } from './demoConcerns';
import type { CaseOfConcern, UrgentConcern } from '../../shared/schemas/concerns';

/**
 * The synthetic council loaded in embedded (demo) mode: organisation, caseload, a year of audits
 * and actions, and this month's allocations. Pure and deterministic: the same seed and `today`
 * always give the same council. Every person and child in it is invented.
 */
export interface DemoCouncil {
  services: Service[];
  teams: Team[];
  staff: StaffMember[];
  cases: ChildCase[];
  audits: Audit[];
  actions: AuditAction[];
  /** The featured team manager's urgent concerns (one awaiting acknowledgement, one acknowledged) and register entry (demoConcerns). */
  concerns: UrgentConcern[];
  casesOfConcern: CaseOfConcern[];
  concernTrail: DemoConcerns['trail'];
  /** Fixed people and records the browser tests and the demo walkthrough start from. */
  featured: {
    auditorId: string;
    managerId: string;
    workerId: string;
    qaLeadId: string;
    careLeaverDeepDiveAuditId: string;
  };
}

export interface DemoCouncilOptions {
  seed: number;
  today: IsoDate;
}

export const FEATURED_AUDIT_IDS = {
  careLeaverDeepDive: 'aud-featured-deep-dive',
  childsJourney: 'aud-featured-childs-journey',
  managersMonthly: 'aud-featured-managers-monthly',
} as const;

/** Child's Journey monthly audits pause in August and December. */
const NO_CHILDS_JOURNEY_MONTHS = [7, 11];
/** Deep dives happen three times a year: March, July and November. */
const DEEP_DIVE_MONTHS = [2, 6, 10];
const PAST_MONTHS = 12;

const auditorRoles: Record<AuditType, JobRole[]> = {
  childsJourneyMonthly: ['teamManager', 'headOfService', 'seniorManager'],
  managersMonthly: ['teamManager', 'deputyTeamManager', 'headOfService'],
  deepDive: ['qaLead', 'principalSocialWorker', 'headOfService', 'teamManager'],
};

/** This month's theme for the featured managers' audit: synthetic questions in our own words. */
const planningTheme: RoundTheme = {
  id: 'planning',
  title: 'Planning',
  questions: [
    { id: 'plan-from-assessment', text: 'How clearly does the plan follow from what the assessment found?' },
    { id: 'plan-with-family', text: 'How far was the plan made with the child and family rather than for them?' },
    { id: 'plan-smart', text: 'Are the plan’s actions specific, measurable and timed, with a named person for each?' },
  ],
};

export function buildDemoCouncil(options: DemoCouncilOptions): DemoCouncil {
  const today = isoDate.parse(options.today);
  const rng = createRandom(options.seed);
  const org = buildDemoOrganisation(rng.fork('people'));
  const cases = buildDemoCases(rng.fork('cases'), org, today);
  const world: AuditWorld = {
    rng: rng.fork('audits'),
    today,
    staff: org.staff,
    teams: org.teams,
    services: org.services,
    templates: builtInTemplates(),
  };

  const audits: Audit[] = [];
  const actions: AuditAction[] = [];
  const featuredCaseId = cases[0]?.id ?? '';
  const used = new Set<string>([featuredCaseId]);
  const add = (spec: AuditSpec) => {
    const built = buildAudit(world, spec);
    audits.push(built.audit);
    actions.push(...built.actions);
    used.add(spec.caseRecord.id);
  };
  const staffById = new Map(org.staff.map((s) => [s.id, s]));
  const person = (staffId: string): StaffMember => {
    const found = staffById.get(staffId);
    if (!found) throw new Error(`Demo staff member ${staffId} is missing`);
    return found;
  };

  /** A case the auditor may audit, open at the allocation date in its current status, not audited already this year. */
  const pickCase = (pool: readonly ChildCase[], auditor: StaffMember, allocatedOn: IsoDate, withWorker = false): ChildCase | null =>
    pool.find(
      (c) =>
        !used.has(c.id) &&
        (!withWorker || c.workerId !== null) &&
        allocatableOn(c, allocatedOn) &&
        mayAudit(auditor, c, org.teams, org.services),
    ) ?? null;

  const thisMonth = monthStart(today);
  const currentRng = rng.fork('current-month');
  const currentPool = currentRng.shuffle(cases);

  // The featured auditor's month: a deep dive of the care leaver, a Child's Journey audit and a managers' audit under way.
  const auditor = person(featuredStaffIds.auditorId);
  const careLeaver = cases.find((c) => c.id === featuredCaseId);
  if (!careLeaver || !mayAudit(auditor, careLeaver, org.teams, org.services))
    throw new Error('The featured care leaver must exist and be auditable by the featured auditor');
  // An earlier audit of the same case, below Good, so the form shows the case's history and open actions.
  const earlierAuditor = org.staff.find((s) => s.id !== auditor.id && s.active && s.jobRoles.includes('teamManager') && mayAudit(s, careLeaver, org.teams, org.services));
  if (!earlierAuditor) throw new Error('No auditor for the featured case\'s earlier audit');
  add({
    id: 'aud-featured-earlier',
    auditType: 'managersMonthly',
    caseRecord: careLeaver,
    auditor: earlierAuditor,
    month: monthStart(today, -4),
    status: 'submitted',
    grade: 'requiresImprovement',
  });
  add({ id: FEATURED_AUDIT_IDS.careLeaverDeepDive, auditType: 'deepDive', caseRecord: careLeaver, auditor, month: thisMonth, status: 'allocated' });

  const journeyCase = pickCase(currentPool, auditor, thisMonth, true);
  if (!journeyCase) throw new Error('No case for the featured Child\'s Journey audit');
  const noJourneyNow = NO_CHILDS_JOURNEY_MONTHS.includes(monthIndex(thisMonth));
  add({
    id: FEATURED_AUDIT_IDS.childsJourney,
    auditType: 'childsJourneyMonthly',
    caseRecord: journeyCase,
    auditor,
    month: thisMonth,
    status: 'allocated',
    // In a month without Child's Journey audits, the featured one is allocated early for next month.
    ...(noJourneyNow ? { dueDate: lastWeekdayOfMonth(monthStart(today, 1)) } : {}),
  });

  const managersCase = pickCase(currentPool, auditor, thisMonth, true);
  if (!managersCase) throw new Error("No case for the featured managers' audit");
  add({ id: FEATURED_AUDIT_IDS.managersMonthly, auditType: 'managersMonthly', caseRecord: managersCase, auditor, month: thisMonth, status: 'inProgress', theme: planningTheme });

  // Everyone else's allocations this month.
  const typesNow = typesForMonth(thisMonth);
  const othersNow = currentRng
    .shuffle(org.staff.filter((s) => s.id !== auditor.id && s.active && !s.away && typesNow.some((t) => canAudit(s, t))))
    .slice(0, 7);
  let n = 1;
  for (const other of othersNow) {
    const count = currentRng.int(1, 2);
    for (let i = 0; i < count; i++) {
      const types = typesNow.filter((t) => canAudit(other, t));
      const auditType = currentRng.pick(types);
      const c = pickCase(currentPool, other, thisMonth);
      if (!c) continue;
      add({
        id: auditId(thisMonth, n++),
        auditType,
        caseRecord: c,
        auditor: other,
        month: thisMonth,
        status: currentRng.chance(0.5) ? 'allocated' : 'inProgress',
      });
    }
  }

  // A year of submitted audits.
  const pastRng = rng.fork('past-months');
  for (let offset = PAST_MONTHS; offset >= 1; offset--) {
    const month = monthStart(today, -offset);
    const types = typesForMonth(month);
    const pool = pastRng.shuffle(cases);
    const count = pastRng.int(8, 12);
    for (let i = 1; i <= count; i++) {
      const auditType = pastRng.pick(types);
      const candidates = org.staff.filter((s) => s.active && canAudit(s, auditType));
      const who = pastRng.pick(candidates);
      const c = pickCase(pool, who, month);
      if (!c) continue;
      add({ id: auditId(month, i), auditType, caseRecord: c, auditor: who, month, status: 'submitted' });
    }
  }

  // Last, so the rest of the council is as it was: the featured manager's concerns and actions in every state.
  const concerns = buildDemoConcerns({ world, cases, used, allocatable: allocatableOn, featuredCaseId });
  audits.push(...concerns.audits);
  actions.push(...concerns.actions);

  audits.sort((a, b) => (a.allocatedAt === b.allocatedAt ? a.id.localeCompare(b.id) : a.allocatedAt.localeCompare(b.allocatedAt)));

  return {
    services: org.services,
    teams: org.teams,
    staff: org.staff,
    cases,
    audits,
    actions,
    concerns: concerns.concerns,
    casesOfConcern: concerns.casesOfConcern,
    concernTrail: concerns.trail,
    featured: {
      auditorId: featuredStaffIds.auditorId,
      managerId: featuredStaffIds.managerId,
      workerId: featuredStaffIds.workerId,
      qaLeadId: featuredStaffIds.qaLeadId,
      careLeaverDeepDiveAuditId: FEATURED_AUDIT_IDS.careLeaverDeepDive,
    },
  };
}

function typesForMonth(month: IsoDate): AuditType[] {
  const m = monthIndex(month);
  return [
    'managersMonthly',
    ...(NO_CHILDS_JOURNEY_MONTHS.includes(m) ? [] : (['childsJourneyMonthly'] as const)),
    ...(DEEP_DIVE_MONTHS.includes(m) ? (['deepDive'] as const) : []),
  ];
}

function canAudit(s: StaffMember, type: AuditType): boolean {
  return s.jobRoles.some((r) => auditorRoles[type].includes(r));
}

/** Open in its current status by the allocation date, and born by then unless it is an unborn baby. */
function allocatableOn(c: ChildCase, on: IsoDate): boolean {
  const current = c.legalStatusHistory[c.legalStatusHistory.length - 1];
  if (!current || current.from > on) return false;
  if (c.dateOfBirth !== null && c.dateOfBirth > on) return false;
  if (c.expectedDateOfBirth !== null && c.expectedDateOfBirth <= on) return false;
  return true;
}

function auditId(month: IsoDate, n: number): string {
  return `aud-${month.slice(0, 4)}${month.slice(5, 7)}-${String(n).padStart(2, '0')}`;
}
