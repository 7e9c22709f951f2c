import { describe, expect, it } from 'vitest';
import { actionIdFor } from '../../shared/actions/actionIds';
import { buildDemoCouncil, FEATURED_AUDIT_IDS, type DemoCouncil } from './demoCouncil';
import { DEMO_CONCERN_AUDIT_IDS } from './demoConcerns';
import { caseOfConcern, urgentConcern } from '../../shared/schemas/concerns';
import { isActionOverdue } from '../../shared/actions/actionLifecycle';
import { addDays, addMonths, lastWeekdayOfMonth, monthStart } from './demoDates';
import { ageInYears } from '../../shared/cases/caseSnapshot';
import { mayAudit } from './demoAudits';
import { jobRole, service, staffMember, team } from '../../shared/schemas/staff';
import { childCase, legalStatus } from '../../shared/schemas/cases';
import { audit } from '../../shared/schemas/audits';
import { auditAction } from '../../shared/schemas/actions';
import { defaultAuditTypeSettings } from '../../shared/settings/auditTypeSettings';
import { checkOverallGrade } from '../../shared/grading/gradingRules';
import { toFourPoint } from '../../shared/grading/gradeScales';
import { builtInTemplates } from '../../shared/templates/templateCatalogue';
import { activeSectionIds, proposeSections } from '../../shared/templates/sectionProposals';
import { checkSubmission } from '../../shared/submission/submissionRules';

const TODAY = '2026-11-23';
const council = buildDemoCouncil({ seed: 1, today: TODAY });
const templates = builtInTemplates();

/** Other seeds and awkward dates: month ends, a leap day, and the months without Child's Journey audits. */
const variants: [number, string][] = [
  [2, '2027-08-14'],
  [3, '2026-12-01'],
  [4, '2028-02-29'],
  [5, '2027-01-31'],
  [987654321, '2026-03-02'],
];
const allBuilds: [string, DemoCouncil][] = [
  [`seed 1, ${TODAY}`, council],
  ...variants.map(([seed, today]): [string, DemoCouncil] => [`seed ${seed}, ${today}`, buildDemoCouncil({ seed, today })]),
];
const todayOf = (label: string) => label.slice(-10);

describe('buildDemoCouncil: determinism and size', () => {
  it('builds the same council from the same seed and date', () => {
    expect(buildDemoCouncil({ seed: 1, today: TODAY })).toEqual(council);
  });

  it('builds a different council from a different seed, keeping the featured ids', () => {
    const other = buildDemoCouncil({ seed: 2, today: TODAY });
    expect(other.cases).not.toEqual(council.cases);
    expect(other.audits).not.toEqual(council.audits);
    expect(other.featured).toEqual(council.featured);
  });

  it('refuses a date that is not a real calendar date', () => {
    expect(() => buildDemoCouncil({ seed: 1, today: '2026-02-30' })).toThrow();
  });

  it('has about 600 cases, about 40 staff, 3 services and at least 8 teams', () => {
    expect(council.cases.length).toBeGreaterThanOrEqual(550);
    expect(council.cases.length).toBeLessThanOrEqual(650);
    expect(council.staff.length).toBeGreaterThanOrEqual(35);
    expect(council.staff.length).toBeLessThanOrEqual(50);
    expect(council.services).toHaveLength(3);
    expect(council.teams.length).toBeGreaterThanOrEqual(8);
  });
});

describe.each(allBuilds)('demo council (%s)', (label, d) => {
  const today = todayOf(label);
  const staffById = new Map(d.staff.map((s) => [s.id, s]));
  const teamById = new Map(d.teams.map((t) => [t.id, t]));
  const caseById = new Map(d.cases.map((c) => [c.id, c]));

  it('parses every entity with its schema, unchanged', () => {
    for (const s of d.services) expect(service.parse(s)).toEqual(s);
    for (const t of d.teams) expect(team.parse(t)).toEqual(t);
    for (const s of d.staff) expect(staffMember.parse(s)).toEqual(s);
    for (const c of d.cases) expect(childCase.parse(c)).toEqual(c);
    for (const a of d.audits) expect(audit.parse(a)).toEqual(a);
    for (const a of d.actions) expect(auditAction.parse(a)).toEqual(a);
  });

  it('uses unique ids, case references and e-mails', () => {
    const unique = (xs: string[]) => new Set(xs).size === xs.length;
    expect(unique([...d.staff, ...d.teams, ...d.services].map((x) => x.id))).toBe(true);
    expect(unique(d.cases.map((c) => c.id))).toBe(true);
    expect(unique(d.cases.map((c) => c.caseRef))).toBe(true);
    expect(unique(d.audits.map((a) => a.id))).toBe(true);
    expect(unique(d.actions.map((a) => a.id))).toBe(true);
    expect(unique(d.staff.map((s) => s.email))).toBe(true);
    for (const c of d.cases) {
      expect(c.caseRef).toMatch(/^DEMO-\d{6}$/);
      expect(c.initials).toMatch(/^[A-Z]{2}$/);
    }
    for (const s of d.staff) {
      const [first, last] = s.displayName.toLowerCase().split(' ');
      expect(s.email).toBe(`${first}.${last}@demo-council.example`);
    }
  });

  it('covers every job role, with some people holding several', () => {
    const held = new Set(d.staff.flatMap((s) => s.jobRoles));
    expect([...held].sort()).toEqual([...jobRole.options].sort());
    expect(d.staff.filter((s) => s.jobRoles.length > 1).length).toBeGreaterThanOrEqual(2);
  });

  it('has a line-management chain without cycles that ends at a senior manager', () => {
    for (const s of d.staff) {
      const seen = new Set<string>();
      let current = s;
      while (current.lineManagerId !== null) {
        expect(seen.has(current.id), `cycle through ${current.id}`).toBe(false);
        seen.add(current.id);
        const next = staffById.get(current.lineManagerId);
        expect(next, `${current.id}'s line manager ${current.lineManagerId}`).toBeDefined();
        current = next!;
      }
      expect(current.jobRoles).toContain('seniorManager');
    }
  });

  it('links workers to their team manager, managers to their head of service, heads of service to a senior manager', () => {
    for (const s of d.staff) {
      if (s.deputyId !== null) expect(staffById.has(s.deputyId)).toBe(true);
      if (s.teamId !== null) expect(teamById.has(s.teamId)).toBe(true);
      const t = s.teamId ? teamById.get(s.teamId) : undefined;
      if (s.jobRoles.includes('worker') && !s.jobRoles.includes('deputyTeamManager') && t) expect(s.lineManagerId).toBe(t.managerId);
      if (s.jobRoles.includes('teamManager')) {
        expect(t?.managerId).toBe(s.id);
        const svc = d.services.find((x) => x.id === t?.serviceId);
        expect(s.lineManagerId).toBe(svc?.headOfServiceId);
        expect(s.deputyId, `${s.id} has a deputy`).not.toBeNull();
        expect(staffById.get(s.deputyId!)?.jobRoles).toContain('deputyTeamManager');
      }
    }
    for (const svc of d.services) {
      const hos = staffById.get(svc.headOfServiceId ?? '');
      expect(hos?.jobRoles).toContain('headOfService');
      expect(staffById.get(hos?.lineManagerId ?? '')?.jobRoles).toContain('seniorManager');
      expect(hos?.deputyId).not.toBeNull();
    }
    for (const t of d.teams) {
      expect(d.services.some((svc) => svc.id === t.serviceId)).toBe(true);
      expect(staffById.get(t.managerId ?? '')?.jobRoles).toContain('teamManager');
    }
  });

  it('has every legal status, every age from 0 to 20, and unborn babies', () => {
    expect(new Set(d.cases.map((c) => c.legalStatus))).toEqual(new Set(legalStatus.options));
    const ages = new Set(d.cases.filter((c) => c.dateOfBirth).map((c) => ageInYears(c.dateOfBirth!, today)));
    for (let age = 0; age <= 20; age++) expect(ages.has(age), `age ${age}`).toBe(true);
    expect(Math.max(...ages)).toBeLessThanOrEqual(20);
    const unborn = d.cases.filter((c) => c.expectedDateOfBirth !== null);
    expect(unborn.length).toBeGreaterThanOrEqual(1);
    for (const c of unborn) {
      expect(c.dateOfBirth).toBeNull();
      expect(c.expectedDateOfBirth! > today).toBe(true);
      expect(c.livingSituation).toBeNull();
    }
    expect(unborn.some((c) => c.legalStatus === 'childProtection')).toBe(true);
    expect(d.cases.filter((c) => c.legalStatus !== 'careLeaver' && c.dateOfBirth && ageInYears(c.dateOfBirth, today) >= 18)).toEqual([]);
  });

  it('records disability for about one child in ten, and a living situation exactly for those aged 16 and over', () => {
    const share = d.cases.filter((c) => c.disability).length / d.cases.length;
    expect(share).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.15);
    const situations = new Set<string>();
    for (const c of d.cases) {
      const age = c.dateOfBirth ? ageInYears(c.dateOfBirth, today) : null;
      if (age !== null && age >= 16) {
        expect(c.livingSituation, c.id).not.toBeNull();
        situations.add(c.livingSituation!);
      } else expect(c.livingSituation, c.id).toBeNull();
    }
    for (const s of ['supportedLiving', 'independentLiving', 'withFamily', 'fosterOrResidentialCare', 'homeless', 'leftHome'])
      expect(situations.has(s), s).toBe(true);
  });

  it('gives every case an ordered legal-status history within three years that ends in its current status', () => {
    const threeYearsAgo = addMonths(today, -36);
    let stepped = 0;
    for (const c of d.cases) {
      const h = c.legalStatusHistory;
      expect(h.length).toBeGreaterThanOrEqual(1);
      const last = h[h.length - 1]!;
      expect(last.status).toBe(c.legalStatus);
      expect(last.to).toBeNull();
      expect(last.from <= today).toBe(true);
      h.forEach((p, i) => {
        expect(p.from >= threeYearsAgo, `${c.id} starts ${p.from}`).toBe(true);
        if (i < h.length - 1) {
          expect(p.to).not.toBeNull();
          expect(p.to! < h[i + 1]!.from).toBe(true);
        }
      });
      if (c.legalStatus === 'careLeaver') {
        expect(h[h.length - 2]?.status).toBe('childInCare');
        expect(h[h.length - 2]?.to).toBe(addDays(last.from, -1));
      }
      if (c.legalStatus === 'childInCare' && c.dateOfBirth) expect(last.from >= c.dateOfBirth).toBe(true);
      if (c.mostRecentReferral !== null) expect(c.mostRecentReferral <= today).toBe(true);
      if (h.length > 1) stepped += 1;
    }
    expect(stepped).toBeGreaterThan(d.cases.length / 4);
    // Stepping down happens as well as stepping up.
    expect(d.cases.some((c) => c.legalStatusHistory.some((p, i) => p.status === 'childProtection' && c.legalStatusHistory[i + 1]?.status === 'childInNeed'))).toBe(true);
  });

  it('gives every case a team and, mostly, a worker from that team; past teams and workers exist', () => {
    let withWorker = 0;
    for (const c of d.cases) {
      expect(teamById.has(c.teamId)).toBe(true);
      if (c.workerId !== null) {
        withWorker += 1;
        const w = staffById.get(c.workerId);
        expect(w?.teamId).toBe(c.teamId);
        expect(w?.jobRoles).toContain('worker');
        expect(w?.active).toBe(true);
      }
      for (const t of c.pastTeamIds) expect(teamById.has(t)).toBe(true);
      for (const w of c.pastWorkerIds) expect(staffById.has(w)).toBe(true);
      expect(c.pastTeamIds).not.toContain(c.teamId);
    }
    expect(withWorker / d.cases.length).toBeGreaterThan(0.9);
    expect(d.cases.some((c) => c.pastTeamIds.length > 0)).toBe(true);
    expect(d.cases.some((c) => c.pastWorkerIds.length > 0)).toBe(true);
  });

  it('has every audit refer to existing people and cases, never audited by the case\'s own team', () => {
    for (const a of d.audits) {
      const c = caseById.get(a.caseId);
      const auditor = staffById.get(a.auditorId);
      expect(c && auditor).toBeTruthy();
      expect(mayAudit(auditor!, c!, d.teams, d.services), `${a.id}`).toBe(true);
      expect(a.caseSnapshot.caseRef).toBe(c!.caseRef);
      expect(a.caseSnapshot.teamId).not.toBe(auditor!.teamId);
      const settings = defaultAuditTypeSettings[a.auditType];
      expect(a.templateId).toBe(settings.templateId);
      expect(a.templateVersion).toBe(1);
      expect(['childs-journey', 'managers-monthly']).toContain(a.templateId);
      expect(a.roundId).toBeNull();
      expect(a.lookBack.to).toBe(a.allocatedAt.slice(0, 10));
    }
  });

  it("has no Child's Journey monthly audits in August or December", () => {
    const journeys = d.audits.filter((a) => a.auditType === 'childsJourneyMonthly');
    expect(journeys.length).toBeGreaterThan(0);
    for (const a of journeys) {
      expect(['08', '12']).not.toContain(a.dueDate.slice(5, 7));
      if (a.submittedAt) expect(['08', '12']).not.toContain(a.submittedAt.slice(5, 7));
    }
  });

  it('has about a year of submitted audits, 6 to 12 a month, graded on the four-point scale with most Good or Requires improvement', () => {
    const submitted = d.audits.filter((a) => a.status === 'submitted');
    const byMonth = new Map<string, number>();
    // The featured audits (the care leaver's earlier audit, the featured manager's concerns) are extras, outside the monthly rounds.
    for (const a of submitted.filter((x) => !x.id.startsWith('aud-featured-'))) byMonth.set(a.dueDate.slice(0, 7), (byMonth.get(a.dueDate.slice(0, 7)) ?? 0) + 1);
    expect(byMonth.size).toBe(12);
    for (const [month, n] of byMonth) {
      expect(n, month).toBeGreaterThanOrEqual(6);
      expect(n, month).toBeLessThanOrEqual(12);
    }
    const grades = submitted.map((a) => a.finalGrade?.fourPoint);
    for (const g of ['outstanding', 'good', 'requiresImprovement', 'inadequate'] as const) expect(grades).toContain(g);
    const middle = grades.filter((g) => g === 'good' || g === 'requiresImprovement').length;
    expect(middle / grades.length).toBeGreaterThan(0.6);
    expect(new Set(submitted.map((a) => a.auditType)).size).toBe(3);
  });

  it('keeps grades consistent with child safety and outcomes, and every submitted audit passes the submission rules', () => {
    for (const a of d.audits.filter((x) => x.status === 'submitted')) {
      const settings = defaultAuditTypeSettings[a.auditType];
      const g = a.form.grading;
      expect(a.finalGrade?.scale).toBe('ofsted4');
      expect(toFourPoint('ofsted4', g.overall)).toBe(a.finalGrade?.fourPoint);
      if (g.childSafe === 'notSafe') expect(a.finalGrade?.fourPoint).toBe('inadequate');
      if (a.finalGrade?.fourPoint === 'good' || a.finalGrade?.fourPoint === 'outstanding') expect(['met', 'onTheWay']).toContain(g.outcomes);
      const check = checkOverallGrade(settings, g);
      expect(check.problems, a.id).toEqual([]);
      expect(check.departsFromSuggestion, a.id).toBe(false);

      const template = templates.find((t) => t.id === a.templateId)!;
      const proposals = proposeSections(template, a.caseSnapshot, a.lookBack);
      const problems = checkSubmission({
        settings,
        template,
        snapshot: a.caseSnapshot,
        proposals,
        activeSectionIds: activeSectionIds(template, proposals, a.form.sectionChoices),
        form: a.form,
        theme: a.theme,
        today: a.submittedAt!.slice(0, 10),
      });
      expect(problems, a.id).toEqual([]);
      expect(a.form.caseProfile).toMatch(/^Demo evidence/);
      expect(a.submittedAt! <= `${a.dueDate}T23:59:59.999Z`).toBe(true);
      expect(a.submittedAt! < `${today}T00:00:00.000Z`).toBe(true);
    }
  });

  it('raises actions for exactly the audits graded below Good, some of them overdue', () => {
    const actionsByAudit = new Map<string, number>();
    for (const x of d.actions) actionsByAudit.set(x.auditId, (actionsByAudit.get(x.auditId) ?? 0) + 1);
    for (const a of d.audits) {
      const below = a.finalGrade?.fourPoint === 'requiresImprovement' || a.finalGrade?.fourPoint === 'inadequate';
      expect((actionsByAudit.get(a.id) ?? 0) > 0, a.id).toBe(below);
      if (below) expect(a.form.actions.map((x) => actionIdFor(a.id, x.id)).sort()).toEqual(d.actions.filter((x) => x.auditId === a.id).map((x) => x.id).sort());
    }
    const statuses = new Set(d.actions.map((x) => x.status));
    expect(statuses).toEqual(new Set(['open', 'done', 'approved']));
    expect(d.actions.some((x) => x.status === 'open' && x.dueDate < today)).toBe(true);
    for (const x of d.actions) {
      const a = d.audits.find((y) => y.id === x.auditId)!;
      expect(x.caseId).toBe(a.caseId);
      expect(x.teamId).toBe(a.caseSnapshot.teamId);
      expect(x.accountableManagerId).toBe(teamById.get(x.teamId)?.managerId);
      expect(staffById.has(x.ownerId)).toBe(true);
      expect(x.dueDate > x.createdAt.slice(0, 10)).toBe(true);
      expect(x.doneAt !== null).toBe(x.status !== 'open');
      expect(x.approvedAt !== null).toBe(x.status === 'approved');
      if (x.doneAt) expect(x.doneAt > x.createdAt && x.doneAt < `${today}T00:00:00.000Z`).toBe(true);
      if (x.approvedAt) expect(x.approvedAt > x.doneAt!).toBe(true);
    }
  });

  it("gives the featured team manager one urgent concern to acknowledge, one acknowledged with its case of concern, and actions in every state", () => {
    const managerId = d.featured.managerId;
    for (const c of d.concerns) expect(urgentConcern.parse(c)).toEqual(c);
    for (const e of d.casesOfConcern) expect(caseOfConcern.parse(e)).toEqual(e);
    const byAudit = (id: string) => d.concerns.find((c) => c.auditId === id);
    const awaiting = byAudit(DEMO_CONCERN_AUDIT_IDS.awaiting);
    const acknowledged = byAudit(DEMO_CONCERN_AUDIT_IDS.acknowledged);
    expect(d.concerns).toHaveLength(2);
    expect(awaiting?.acknowledgement).toBeNull();
    expect(awaiting?.recipients).toContainEqual({ staffId: managerId, role: 'teamManager' });
    expect(awaiting?.triggerKinds).toContain('inadequateGrade');
    expect(awaiting?.registerProposal?.status).toBe('proposed');
    expect(acknowledged?.acknowledgement?.byId).toBe(managerId);
    expect(acknowledged?.registerProposal).toMatchObject({ status: 'raised', entryId: d.casesOfConcern[0]?.id });
    for (const c of d.concerns) {
      const a = d.audits.find((x) => x.id === c.auditId);
      expect(a?.finalGrade?.fourPoint).toBe('inadequate');
      expect(c.raisedAt).toBe(a?.submittedAt);
      expect(c.teamId).toBe('team-leaving-care');
      expect(c.recipients.map((r) => r.staffId)).not.toContain(a?.auditorId);
      expect(d.concernTrail.concerns[c.id]?.every((t) => t.auditId === c.auditId)).toBe(true);
    }
    expect(d.casesOfConcern).toHaveLength(1);
    expect(d.casesOfConcern[0]).toMatchObject({ auditId: DEMO_CONCERN_AUDIT_IDS.acknowledged, status: 'responded', raisedAs: 'auditor' });
    expect(d.casesOfConcern[0]?.alerted.map((r) => r.role)).toEqual(['teamManager', 'headOfService']);

    const mine = d.actions.filter((x) => x.auditId === DEMO_CONCERN_AUDIT_IDS.acknowledged);
    expect(mine.every((x) => x.accountableManagerId === managerId && x.ownerId !== managerId)).toBe(true);
    expect(mine.filter((x) => x.status === 'open' && !x.returned && !isActionOverdue(x, today))).toHaveLength(1);
    expect(mine.filter((x) => x.status === 'open' && x.returned?.byId === managerId)).toHaveLength(1);
    expect(mine.filter((x) => x.status === 'done' && x.doneById === x.ownerId)).toHaveLength(1);
    expect(mine.filter((x) => x.status === 'approved' && x.approvedById === managerId)).toHaveLength(1);
    expect(mine.filter((x) => isActionOverdue(x, today))).toHaveLength(1);
  });

  it("allocates this month's audits to several auditors, due on the month's last weekday", () => {
    const open = d.audits.filter((a) => a.status !== 'submitted');
    const thisMonth = monthStart(today);
    for (const a of open) {
      expect(['allocated', 'inProgress']).toContain(a.status);
      expect(a.allocatedAt.slice(0, 10)).toBe(thisMonth);
      expect(a.finalGrade).toBeNull();
      if (a.id !== FEATURED_AUDIT_IDS.childsJourney) expect(a.dueDate).toBe(lastWeekdayOfMonth(thisMonth));
      if (a.status === 'inProgress') expect(a.startedAt!.slice(0, 10) <= today).toBe(true);
      else expect(a.startedAt).toBeNull();
    }
    expect(new Set(open.map((a) => a.auditorId)).size).toBeGreaterThanOrEqual(4);
    expect(open.some((a) => a.status === 'allocated') && open.some((a) => a.status === 'inProgress')).toBe(true);
  });

  it('features a 17-year-old care leaver in supported living for a deep dive by a manager from another team', () => {
    const f = d.featured;
    const auditor = staffById.get(f.auditorId)!;
    expect(auditor.jobRoles).toContain('teamManager');
    expect(staffById.get(f.qaLeadId)?.jobRoles).toContain('qaLead');

    const dive = d.audits.find((a) => a.id === f.careLeaverDeepDiveAuditId)!;
    expect(dive.auditType).toBe('deepDive');
    expect(dive.status).toBe('allocated');
    expect(dive.auditorId).toBe(f.auditorId);
    const c = caseById.get(dive.caseId)!;
    expect(c.dateOfBirth).not.toBeNull();
    expect(ageInYears(c.dateOfBirth!, today)).toBe(17);
    expect(dive.caseSnapshot.ageYears).toBe(17);
    expect(c.legalStatus).toBe('careLeaver');
    expect(c.livingSituation).toBe('supportedLiving');
    expect(c.teamId).not.toBe(auditor.teamId);
    expect(c.workerId).toBe(f.workerId);
    expect(teamById.get(c.teamId)?.managerId).toBe(f.managerId);
    expect(c.legalStatusHistory.map((p) => p.status)).toEqual(['childInCare', 'careLeaver']);
    const inCare = c.legalStatusHistory[0]!;
    expect(Math.abs(ageDays(inCare.from, addMonths(today, -36)))).toBeLessThan(60);
    expect(Math.abs(ageDays(inCare.to!, addMonths(today, -12)))).toBeLessThan(60);
    const twoYearsAgo = addMonths(today, -24);
    for (const p of c.legalStatusHistory)
      if (['childProtection', 'earlyHelp', 'childInNeed'].includes(p.status)) expect(p.to !== null && p.to < twoYearsAgo).toBe(true);

    // The template proposes the permanence and independence sections, and none of early help, child in need or protection.
    const template = templates.find((t) => t.id === dive.templateId)!;
    const proposed = new Map(proposeSections(template, dive.caseSnapshot, dive.lookBack).map((p) => [p.sectionId, p.proposed]));
    expect([proposed.get('9'), proposed.get('10')]).toEqual([true, true]);
    expect([proposed.get('1a'), proposed.get('1c'), proposed.get('1d')]).toEqual([false, false, false]);
  });

  it("gives the featured auditor a Child's Journey audit to start and a managers' audit under way, none in their own team", () => {
    const mine = d.audits.filter((a) => a.auditorId === d.featured.auditorId && a.status !== 'submitted');
    const auditor = staffById.get(d.featured.auditorId)!;
    const journey = mine.find((a) => a.id === FEATURED_AUDIT_IDS.childsJourney)!;
    expect(journey.auditType).toBe('childsJourneyMonthly');
    expect(journey.status).toBe('allocated');
    const managers = mine.find((a) => a.id === FEATURED_AUDIT_IDS.managersMonthly)!;
    expect(managers.auditType).toBe('managersMonthly');
    expect(managers.status).toBe('inProgress');
    expect(managers.form.caseProfile).not.toBe('');
    const written = Object.values(managers.form.sections).filter((s) => s.evidence !== '');
    expect(written.length).toBeGreaterThan(0);
    expect(managers.form.grading.overall).toBeNull();
    for (const a of d.audits.filter((x) => x.auditorId === auditor.id)) {
      const c = caseById.get(a.caseId)!;
      expect([c.teamId, ...c.pastTeamIds]).not.toContain(auditor.teamId);
    }
  });
});

function ageDays(a: string, b: string): number {
  return (Date.parse(a) - Date.parse(b)) / 86_400_000;
}
