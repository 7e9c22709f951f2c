import { describe, expect, it } from 'vitest';
import type { SectionProposal } from '../api/contracts';
import { auditForm, caseSnapshot, emptyAuditForm, type AuditForm, type CaseSnapshot } from '../schemas/audits';
import { auditTemplate, roundTheme, type RubricDomain } from '../schemas/templates';
import { defaultAuditTypeSettings, type AuditTypeSettings } from '../settings/auditTypeSettings';
import { checkSubmission, type SubmissionContext } from './submissionRules';

const today = '2026-11-23';

const template = auditTemplate.parse({
  id: 'test-audit',
  version: 1,
  title: 'Test audit',
  summary: 'A small template for the submission rules.',
  sections: [
    { id: 'profile', title: 'Case profile', guidance: 'The story of the case.', kind: 'profile', condition: { kind: 'always' }, prompts: [] },
    {
      id: 'assessment',
      number: '1b',
      title: 'Assessment',
      guidance: 'Always.',
      kind: 'practice',
      condition: { kind: 'always' },
      prompts: [
        { id: 'voice', text: 'The child’s voice shapes the assessment.' },
        { id: 'history', text: 'History is taken into account.' },
      ],
    },
    {
      id: 'child-in-need',
      number: '1c',
      title: 'Child in need',
      guidance: 'When the child was in need in the look-back.',
      kind: 'practice',
      condition: { kind: 'statusInLookBack', statuses: ['childInNeed'] },
      prompts: [{ id: 'plan', text: 'The plan sets out the help offered.' }],
    },
    {
      id: 'permanence',
      number: '9',
      title: 'Permanence',
      guidance: 'Children in care and care leavers.',
      kind: 'practice',
      condition: { kind: 'statusInLookBack', statuses: ['childInCare', 'careLeaver'] },
      prompts: [{ id: 'drift', text: 'Planning avoids drift.' }],
    },
  ],
});

const proposals: SectionProposal[] = [
  { sectionId: 'profile', proposed: true, reason: 'Always completed.' },
  { sectionId: 'assessment', proposed: true, reason: 'Always completed.' },
  { sectionId: 'child-in-need', proposed: true, reason: 'Child in need during the look-back.' },
  { sectionId: 'permanence', proposed: false, reason: 'Not in care during the look-back.' },
];

const snapshot: CaseSnapshot = caseSnapshot.parse({
  caseRef: 'CS-1001',
  initials: 'AB',
  teamId: 'team-1',
  workerId: 'sw-1',
  legalStatus: 'childInNeed',
  legalStatusHistory: [{ status: 'childInNeed', from: '2026-01-05', to: null }],
  livingSituation: null,
  disability: false,
  ageYears: 7,
  ageBand: '5-9',
  mostRecentReferral: '2026-01-02',
});

const theme = roundTheme.parse({
  id: 'assessment',
  title: 'Assessment',
  questions: [
    { id: 'multi-agency', text: 'Do other agencies share responsibility in the assessment?' },
    { id: 'analysis', text: 'Is there a clear analysis?' },
  ],
});

const domains: RubricDomain[] = ['contactReferral', 'recording', 'assessment', 'planning', 'reviews', 'managementOversight'];

/** Every setting on, grading per domain. */
const strictSettings: AuditTypeSettings = {
  ...defaultAuditTypeSettings.managersMonthly,
  gradingMode: 'perDomain',
  gradedDomains: domains,
  submission: {
    evidenceForEveryGrade: true,
    viewsRequired: true,
    consentRequiredFor: ['childInNeed', 'childProtection'],
    goodPracticeExample: true,
    actionWhenBelowGood: true,
    summaryRequired: true,
  },
};

/** Every optional setting off, overall grade only, not collaborative. */
const laxSettings: AuditTypeSettings = {
  ...strictSettings,
  collaborative: false,
  gradingMode: 'overallOnly',
  keyAreas: [],
  outcomesRequiredForGood: false,
  submission: {
    evidenceForEveryGrade: false,
    viewsRequired: false,
    consentRequiredFor: [],
    goodPracticeExample: false,
    actionWhenBelowGood: false,
    summaryRequired: false,
  },
};

function completeForm(): AuditForm {
  return auditForm.parse({
    caseProfile: 'Referred by school in January; child in need plan since.',
    sections: {
      assessment: { prompts: { voice: { state: 'seen' } }, evidence: 'Assessment of 12/02/2026 records the child’s wishes.' },
      'child-in-need': { evidence: 'Plan reviewed every three months.' },
    },
    participants: { workerTookPart: true, meetingDate: today, staffIds: ['sw-1'] },
    views: {
      child: { sought: 'yes', consent: 'given', ownWords: 'I like my new school.' },
      parents: { sought: 'no', reasonNotSought: 'The worker judged a call would unsettle the family this month.' },
    },
    goodPractice: { kind: 'example', text: 'Direct work with the child is clear and used in the plan.' },
    theme: { 'multi-agency': 'Yes, school and health contributed.', analysis: 'Mostly.' },
    grading: {
      domains: Object.fromEntries(domains.map((d) => [d, { value: { grade: 'good' }, evidence: 'Seen on file.' }])),
      overall: { grade: 'good' },
      outcomes: 'onTheWay',
      childSafe: 'safe',
      summary: { judgement: 'Good.', evidence: 'The plan is working.', impact: 'The child attends school.' },
    },
    actions: [
      {
        id: 'a1',
        what: 'Update the chronology.',
        sectionId: 'assessment',
        why: 'Two events are missing.',
        ownerId: 'sw-1',
        accountableManagerId: 'tm-1',
        dueDate: '2026-12-07',
      },
    ],
  });
}

function ctx(over: Partial<SubmissionContext> = {}): SubmissionContext {
  return {
    settings: strictSettings,
    template,
    snapshot,
    proposals,
    activeSectionIds: ['profile', 'assessment', 'child-in-need'],
    form: completeForm(),
    theme,
    today,
    ...over,
  };
}

/** Run the rules on a complete form changed by `edit`. */
function problemsAfter(edit: (f: AuditForm) => void, over: Partial<SubmissionContext> = {}) {
  const form = completeForm();
  edit(form);
  return checkSubmission(ctx({ ...over, form }));
}

const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('checkSubmission', () => {
  it('passes a complete form, with every setting on and with every setting off', () => {
    expect(checkSubmission(ctx())).toEqual([]);
    expect(checkSubmission(ctx({ settings: laxSettings }))).toEqual([]);
  });

  it('names the case profile and its section', () => {
    const problems = problemsAfter((f) => (f.caseProfile = '  '));
    expect(problems).toEqual([{ field: 'caseProfile', message: expect.stringContaining('Case profile'), sectionId: 'profile' }]);
  });

  it('needs evidence in each active practice section, naming it', () => {
    const problems = problemsAfter((f) => {
      f.sections.assessment = { prompts: {}, evidence: '' };
    });
    expect(problems).toEqual([
      { field: 'sections.assessment.evidence', message: 'Section 1b Assessment: write the evidence you saw.', sectionId: 'assessment' },
    ]);
    // An inactive section needs nothing.
    expect(problemsAfter((f) => delete f.sections['child-in-need'], { activeSectionIds: ['profile', 'assessment'] })).toEqual([]);
  });

  it('does not need evidence where every prompt is not applicable', () => {
    const allNa = problemsAfter((f) => {
      f.sections.assessment = { prompts: { voice: { state: 'notApplicable', note: '' }, history: { state: 'notApplicable', note: '' } }, evidence: '' };
    });
    expect(allNa).toEqual([]);
    const someNa = problemsAfter((f) => {
      f.sections.assessment = { prompts: { voice: { state: 'notApplicable', note: '' } }, evidence: '' };
    });
    expect(fields(someNa)).toEqual(['sections.assessment.evidence']);
  });

  it('needs a reason for a section choice that departs from its proposal', () => {
    const added = problemsAfter(
      (f) => {
        f.sectionChoices.permanence = { included: true, reason: '' };
        f.sections.permanence = { prompts: {}, evidence: 'Seen.' };
      },
      { activeSectionIds: ['profile', 'assessment', 'child-in-need', 'permanence'] },
    );
    expect(added).toEqual([
      { field: 'sectionChoices.permanence.reason', message: expect.stringMatching(/^Section 9 Permanence: .*added/), sectionId: 'permanence' },
    ]);
    const removed = problemsAfter((f) => (f.sectionChoices['child-in-need'] = { included: false, reason: ' ' }), {
      activeSectionIds: ['profile', 'assessment'],
    });
    expect(fields(removed)).toEqual(['sectionChoices.child-in-need.reason']);
    // A choice that agrees with the proposal, or gives its reason, is fine.
    expect(problemsAfter((f) => (f.sectionChoices.assessment = { included: true, reason: '' }))).toEqual([]);
    expect(
      problemsAfter((f) => (f.sectionChoices['child-in-need'] = { included: false, reason: 'Ended before the look-back.' }), {
        activeSectionIds: ['profile', 'assessment'],
      }),
    ).toEqual([]);
  });

  it('needs the views of child and parents, or why not', () => {
    expect(fields(problemsAfter((f) => (f.views.child.sought = null)))).toEqual(['views.child.sought']);
    expect(fields(problemsAfter((f) => (f.views.parents.sought = null)))).toEqual(['views.parents.sought']);
    expect(fields(problemsAfter((f) => (f.views.child.ownWords = '')))).toEqual(['views.child.ownWords']);
    expect(fields(problemsAfter((f) => (f.views.parents.reasonNotSought = '')))).toEqual(['views.parents.reasonNotSought']);
    expect(problemsAfter((f) => (f.views.child.sought = null), { settings: { ...strictSettings, submission: { ...strictSettings.submission, viewsRequired: false } } })).toEqual([]);
  });

  it("needs a parent's consent before the child is spoken to, for the listed legal statuses", () => {
    const refused = problemsAfter((f) => (f.views.child.consent = 'refused'));
    expect(refused).toEqual([{ field: 'views.child.consent', message: expect.stringMatching(/consent/), sectionId: null }]);
    expect(fields(problemsAfter((f) => (f.views.child.consent = null)))).toEqual(['views.child.consent']);
    const inCare = { ...snapshot, legalStatus: 'childInCare' as const };
    expect(problemsAfter((f) => (f.views.child.consent = null), { snapshot: inCare })).toEqual([]);
    // Parents' own views need no consent rule.
    expect(problemsAfter((f) => (f.views.parents = { sought: 'yes', consent: null, ownWords: 'Helpful.', reasonNotSought: '' }))).toEqual([]);
  });

  it('needs a good-practice example or "none seen"', () => {
    expect(fields(problemsAfter((f) => (f.goodPractice.kind = null)))).toEqual(['goodPractice.kind']);
    expect(fields(problemsAfter((f) => (f.goodPractice.text = '')))).toEqual(['goodPractice.text']);
    expect(problemsAfter((f) => (f.goodPractice = { kind: 'noneSeen', text: '' }))).toEqual([]);
  });

  it('needs every theme question answered', () => {
    const problems = problemsAfter((f) => (f.theme = { analysis: 'Yes.' }));
    expect(problems).toEqual([
      { field: 'theme.multi-agency', message: expect.stringMatching(/^Theme Assessment: answer question 1 of 2/), sectionId: null },
    ]);
    expect(problemsAfter((f) => (f.theme = {}), { theme: null })).toEqual([]);
  });

  it('needs each graded domain graded, with evidence', () => {
    const problems = problemsAfter((f) => {
      f.grading.domains.reviews = { value: null, evidence: '' };
    });
    expect(problems).toEqual([
      { field: 'grading.domains.reviews.value', message: 'Reviews: choose a grade.', sectionId: null },
      { field: 'grading.domains.reviews.evidence', message: 'Reviews: write the evidence for the grade.', sectionId: null },
    ]);
    const noEvidenceRule = { ...strictSettings, submission: { ...strictSettings.submission, evidenceForEveryGrade: false } };
    expect(fields(problemsAfter((f) => (f.grading.domains.reviews = { value: null, evidence: '' }), { settings: noEvidenceRule }))).toEqual([
      'grading.domains.reviews.value',
    ]);
    // Only the configured domains.
    const fewer = { ...strictSettings, gradedDomains: ['assessment', 'planning'] as RubricDomain[] };
    expect(problemsAfter((f) => delete f.grading.domains.reviews, { settings: fewer })).toEqual([]);
  });

  it('asks the inadequate question on the local scale', () => {
    const local = { ...strictSettings, gradeScale: 'local3' as const };
    const problems = problemsAfter(
      (f) => {
        f.grading.domains.reviews = { value: { grade: 'notYetGood', inadequate: null }, evidence: 'Seen.' };
      },
      { settings: local },
    );
    expect(problems).toEqual([
      { field: 'grading.domains.reviews.value', message: 'Reviews: say whether practice is inadequate.', sectionId: null },
    ]);
  });

  it('needs the outcomes and child-safety judgements', () => {
    expect(fields(problemsAfter((f) => (f.grading.childSafe = null), { settings: laxSettings }))).toEqual(['grading.childSafe']);
    expect(fields(problemsAfter((f) => (f.grading.outcomes = null), { settings: laxSettings }))).toEqual(['grading.outcomes']);
    // With outcomes required for Good, the missing judgement also caps the grade.
    expect(fields(problemsAfter((f) => (f.grading.outcomes = null)))).toEqual(['grading.outcomes', 'grading.overall']);
  });

  it('includes the overall-grade checks', () => {
    expect(fields(problemsAfter((f) => (f.grading.overall = null)))).toEqual(['grading.overall']);
    // Departing from the majority suggestion (Good) needs a reason; with one it is accepted.
    expect(
      fields(
        problemsAfter((f) => {
          f.grading.overall = { grade: 'outstanding', inadequate: null };
        }),
      ),
    ).toEqual(['grading.departureReason']);
    expect(
      problemsAfter((f) => {
        f.grading.overall = { grade: 'outstanding', inadequate: null };
        f.grading.departureReason = 'Practice exceeds good in every section.';
      }),
    ).toEqual([]);
  });

  it('needs the summary of judgement, evidence and impact', () => {
    const problems = problemsAfter((f) => (f.grading.summary = { judgement: '', evidence: '', impact: '' }));
    expect(fields(problems)).toEqual(['grading.summary.judgement', 'grading.summary.evidence', 'grading.summary.impact']);
    // Evidence for every grade still needs the summary's evidence without the summary rule.
    const evidenceOnly = { ...laxSettings, submission: { ...laxSettings.submission, evidenceForEveryGrade: true } };
    expect(fields(problemsAfter((f) => (f.grading.summary = { judgement: '', evidence: '', impact: '' }), { settings: evidenceOnly }))).toEqual([
      'grading.summary.evidence',
    ]);
  });

  it('needs an action when the overall grade is below Good', () => {
    const below = (f: AuditForm) => {
      f.grading.overall = { grade: 'requiresImprovement', inadequate: null };
      f.grading.departureReason = 'Plans are not yet specific.';
      f.actions = [];
    };
    expect(problemsAfter(below)).toEqual([{ field: 'actions', message: expect.stringMatching(/below Good/), sectionId: null }]);
    expect(problemsAfter(below, { settings: laxSettings })).toEqual([]);
    expect(problemsAfter((f) => (f.actions = []))).toEqual([]);
  });

  it('needs every action to be complete and due after today', () => {
    const problems = problemsAfter((f) => {
      f.actions.push({ id: 'a2', what: '', sectionId: null, why: '', ownerId: null, accountableManagerId: null, dueDate: null });
    });
    expect(fields(problems)).toEqual(['actions.1.what', 'actions.1.why', 'actions.1.ownerId', 'actions.1.accountableManagerId', 'actions.1.dueDate']);
    expect(problems[0]?.message).toBe('Action 2: say what needs to be done.');
    const dueToday = problemsAfter((f) => {
      const first = f.actions[0];
      if (first) first.dueDate = today;
    });
    expect(dueToday).toEqual([
      { field: 'actions.0.dueDate', message: 'Action 1: the due date (23/11/2026) must be after today (23/11/2026).', sectionId: null },
    ]);
    // Actions are checked whatever the settings.
    expect(fields(problemsAfter((f) => (f.actions[0]!.what = ''), { settings: laxSettings }))).toEqual(['actions.0.what']);
  });

  it('needs the participants of a collaborative audit', () => {
    expect(fields(problemsAfter((f) => (f.participants.workerTookPart = null)))).toEqual(['participants.workerTookPart']);
    expect(fields(problemsAfter((f) => (f.participants.meetingDate = null)))).toEqual(['participants.meetingDate']);
    const future = problemsAfter((f) => (f.participants.meetingDate = '2026-11-24'));
    expect(future).toEqual([{ field: 'participants.meetingDate', message: expect.stringMatching(/24\/11\/2026.*future/), sectionId: null }]);
    expect(problemsAfter((f) => (f.participants.meetingDate = null), { settings: laxSettings })).toEqual([]);
  });

  it('needs an urgent concern raised when the child is not safe, whatever the settings', () => {
    const notSafe = (f: AuditForm) => {
      f.grading.childSafe = 'notSafe';
      f.grading.overall = { grade: 'inadequate', inadequate: null };
    };
    for (const settings of [strictSettings, laxSettings]) {
      expect(problemsAfter(notSafe, { settings })).toEqual([
        { field: 'urgentConcern.raised', message: expect.stringMatching(/not safe.*case's manager/), sectionId: null },
      ]);
      expect(
        fields(
          problemsAfter(
            (f) => {
              notSafe(f);
              f.urgentConcern = { raised: true, raisedWithId: null, raisedAt: null };
            },
            { settings },
          ),
        ),
      ).toEqual(['urgentConcern.raisedWithId', 'urgentConcern.raisedAt']);
      // Out of hours, the duty service stands in for a person.
      expect(
        problemsAfter(
          (f) => {
            notSafe(f);
            f.urgentConcern = { raised: true, raisedWithId: null, raisedAt: '2026-11-20T19:00:00.000Z', outOfHoursService: true };
          },
          { settings },
        ),
      ).toEqual([]);
      expect(
        problemsAfter(
          (f) => {
            notSafe(f);
            f.urgentConcern = { raised: true, raisedWithId: 'tm-1', raisedAt: '2026-11-20T10:00:00.000Z' };
          },
          { settings },
        ),
      ).toEqual([]);
    }
    // A concern raised with the child judged safe is recorded in full too.
    expect(fields(problemsAfter((f) => (f.urgentConcern = { raised: true, raisedWithId: null, raisedAt: null }), { settings: laxSettings }))).toEqual([
      'urgentConcern.raisedWithId',
      'urgentConcern.raisedAt',
    ]);
    // A not-safe child with a grade above Inadequate is refused as well; the urgent concern comes
    // first, as it sits right under the child-safety judgement on the page.
    expect(fields(problemsAfter((f) => (f.grading.childSafe = 'notSafe'), { settings: laxSettings }))).toEqual([
      'urgentConcern.raised',
      'grading.overall',
    ]);
  });

  it('lists the problems of an empty form in a stable form order', () => {
    const problems = checkSubmission(ctx({ form: emptyAuditForm() }));
    const order = fields(problems);
    expect(order[0]).toBe('caseProfile');
    const at = (f: string) => order.indexOf(f);
    const sequence = [
      'caseProfile',
      'sections.assessment.evidence',
      'sections.child-in-need.evidence',
      'views.child.sought',
      'views.parents.sought',
      'goodPractice.kind',
      'theme.multi-agency',
      'theme.analysis',
      'grading.domains.contactReferral.value',
      'grading.outcomes',
      'grading.childSafe',
      'grading.overall',
      'grading.summary.judgement',
      'participants.workerTookPart',
      'participants.meetingDate',
    ];
    for (const f of sequence) expect(at(f), f).toBeGreaterThanOrEqual(0);
    expect(sequence.map(at)).toEqual([...sequence.map(at)].sort((a, b) => a - b));
    expect(new Set(order).size).toBe(order.length);
    expect(problems.filter((p) => p.sectionId !== null).map((p) => p.sectionId)).toEqual(['profile', 'assessment', 'child-in-need']);
  });
});
