import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyAuditForm, type AuditForm } from '../schemas/audits';
import { fourPointGrade, gradeScaleId, type FourPointGrade, type GradeScaleId, type GradeValue } from '../schemas/grades';
import { rubricDomain, type RubricDomain } from '../schemas/templates';
import { defaultAuditTypeSettings, type AuditTypeSettings } from '../settings/auditTypeSettings';
import { fourPointRank, fromFourPoint, gradeScales, toFourPoint } from './gradeScales';
import { adviseOverallGrade, checkOverallGrade, suggestionLabel } from './gradingRules';

type Grading = AuditForm['grading'];
const domains = rubricDomain.options;

const baseGrading = (): Grading => emptyAuditForm().grading;

function settingsFor(scale: GradeScaleId, over: Partial<AuditTypeSettings> = {}): AuditTypeSettings {
  return { ...defaultAuditTypeSettings.deepDive, gradeScale: scale, ...over };
}

/** Every setting that could lower a grade turned off. */
function bareSettings(scale: GradeScaleId): AuditTypeSettings {
  return settingsFor(scale, {
    gradingMode: 'overallOnly',
    gradedDomains: [],
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
  });
}

const v = (grade: string, inadequate: boolean | null = null): GradeValue => ({ grade, inadequate });

function withDomains(values: Partial<Record<RubricDomain, GradeValue | null>>, over: Partial<Grading> = {}): Grading {
  const g = baseGrading();
  for (const [d, value] of Object.entries(values) as [RubricDomain, GradeValue | null][]) g.domains[d] = { value, evidence: 'seen' };
  return { ...g, ...over };
}

// ---- arbitraries ----------------------------------------------------------------------------

const arbScale = fc.constantFrom(...gradeScaleId.options);

/** Any value a form can hold on the scale: missing, incomplete, or from another scale. */
const arbAnyValue = (scale: GradeScaleId): fc.Arbitrary<GradeValue | null> =>
  fc.oneof(
    fc.constant(null),
    fc.constantFrom(...gradeScales[scale].options).chain((o) =>
      o.fourPoint === 'askInadequate'
        ? fc.constantFrom<boolean | null>(true, false, null).map((inadequate) => v(o.id, inadequate))
        : fc.constant(v(o.id)),
    ),
    fc.constantFrom(v('requiresImprovement'), v('notYetGood', true), v('unknown')),
  );

const arbComplete = (scale: GradeScaleId): fc.Arbitrary<GradeValue> =>
  fc.constantFrom(...fourPointGrade.options).map((g) => fromFourPoint(scale, g));

const arbDomains = (scale: GradeScaleId): fc.Arbitrary<Grading['domains']> =>
  fc.record(
    Object.fromEntries(domains.map((d) => [d, fc.record({ value: arbAnyValue(scale), evidence: fc.constant('seen') })])) as Record<
      RubricDomain,
      fc.Arbitrary<{ value: GradeValue | null; evidence: string }>
    >,
    { requiredKeys: [] },
  );

const arbGrading = (scale: GradeScaleId): fc.Arbitrary<Grading> =>
  fc.record({
    domains: arbDomains(scale),
    overall: arbAnyValue(scale),
    departureReason: fc.constantFrom('', '   ', 'Direct work seen on the visit changes the picture.'),
    outcomes: fc.constantFrom(null, 'met' as const, 'onTheWay' as const, 'notMet' as const),
    childSafe: fc.constantFrom(null, 'safe' as const, 'notSafe' as const),
    summary: fc.constant({ judgement: '', evidence: '', impact: '' }),
  });

const arbSettings = (scale: GradeScaleId): fc.Arbitrary<AuditTypeSettings> =>
  fc
    .record({
      gradingMode: fc.constantFrom('overallOnly' as const, 'perDomain' as const),
      gradedDomains: fc.subarray([...domains]),
      keyAreas: fc.subarray([...domains]),
      outcomesRequiredForGood: fc.boolean(),
    })
    .map((over) => settingsFor(scale, over));

const arbCase = arbScale.chain((scale) => fc.record({ scale: fc.constant(scale), settings: arbSettings(scale), grading: arbGrading(scale) }));

const rankOf = (scale: GradeScaleId, value: GradeValue | null): number | null => {
  const fp = toFourPoint(scale, value);
  return fp === null ? null : fourPointRank(fp);
};

const overallProblems = (settings: AuditTypeSettings, grading: Grading) =>
  checkOverallGrade(settings, grading).problems.filter((p) => p.field === 'grading.overall');

// ---- properties ------------------------------------------------------------------------------

describe('grading rules: properties on both scales', () => {
  it('never suggests or allows Good or better when outcomes are not met or on the way', () => {
    fc.assert(
      fc.property(
        arbCase,
        fc.constantFrom(null, 'notMet' as const),
        fc.constantFrom<FourPointGrade>('outstanding', 'good'),
        ({ scale, settings, grading }, outcomes, high) => {
          const s = { ...settings, outcomesRequiredForGood: true };
          const g = { ...grading, outcomes, departureReason: 'A reason that cannot lift the ceiling.' };
          const advice = adviseOverallGrade(s, g);
          expect(fourPointRank(advice.ceiling)).toBeGreaterThanOrEqual(fourPointRank('requiresImprovement'));
          if (advice.suggestion) expect(['outstanding', 'good']).not.toContain(advice.suggestion.grade);
          expect(advice.rules.map((r) => r.id)).toContain('outcomesNotMet');
          expect(overallProblems(s, { ...g, overall: fromFourPoint(scale, high) })).toHaveLength(1);
        },
      ),
    );
  });

  it('allows Good when outcomes are met or on the way and nothing else limits the grade', () => {
    fc.assert(
      fc.property(arbScale, fc.constantFrom('met' as const, 'onTheWay' as const), (scale, outcomes) => {
        const s = settingsFor(scale, { gradingMode: 'overallOnly', outcomesRequiredForGood: true });
        const g = { ...baseGrading(), outcomes, childSafe: 'safe' as const, overall: fromFourPoint(scale, 'good') };
        expect(adviseOverallGrade(s, g).ceiling).toBe('outstanding');
        expect(checkOverallGrade(s, g).problems).toEqual([]);
      }),
    );
  });

  it('makes the case Inadequate when a key area is Inadequate (per-domain grading)', () => {
    fc.assert(
      fc.property(
        arbCase,
        fc.constantFrom(...domains),
        fc.constantFrom(...fourPointGrade.options.filter((g) => g !== 'inadequate')),
        ({ scale, settings, grading }, keyArea, other) => {
          const s = { ...settings, gradingMode: 'perDomain' as const, keyAreas: [...new Set([...settings.keyAreas, keyArea])] };
          const g = { ...grading, domains: { ...grading.domains, [keyArea]: { value: fromFourPoint(scale, 'inadequate'), evidence: 'seen' } } };
          const advice = adviseOverallGrade(s, g);
          expect(advice.ceiling).toBe('inadequate');
          expect(toFourPoint(scale, advice.suggestion)).toBe('inadequate');
          expect(advice.rules.find((r) => r.id === 'keyAreaInadequate')?.explanation).toBeTruthy();
          const withReason = { ...g, overall: fromFourPoint(scale, other), departureReason: 'Reason given.' };
          expect(overallProblems(s, withReason)).toHaveLength(1);
          expect(checkOverallGrade(s, { ...g, overall: fromFourPoint(scale, 'inadequate') }).problems).toEqual([]);
        },
      ),
    );
  });

  it('makes the case Inadequate when the child is judged not safe, even with every setting off', () => {
    fc.assert(
      fc.property(
        arbScale.chain((scale) =>
          fc.record({
            scale: fc.constant(scale),
            settings: fc.oneof(fc.constant(bareSettings(scale)), arbSettings(scale)),
            grading: arbGrading(scale),
          }),
        ),
        fc.constantFrom(...fourPointGrade.options.filter((g) => g !== 'inadequate')),
        ({ scale, settings, grading }, other) => {
          const g = { ...grading, childSafe: 'notSafe' as const };
          const advice = adviseOverallGrade(settings, g);
          expect(advice.ceiling).toBe('inadequate');
          expect(toFourPoint(scale, advice.suggestion)).toBe('inadequate');
          expect(advice.rules.map((r) => r.id)).toContain('childNotSafe');
          expect(overallProblems(settings, { ...g, overall: fromFourPoint(scale, other), departureReason: 'Reason.' })).toHaveLength(1);
          expect(checkOverallGrade(settings, { ...g, overall: fromFourPoint(scale, 'inadequate') }).problems).toEqual([]);
        },
      ),
    );
  });

  it('resolves a tie to the lower grade', () => {
    fc.assert(
      fc.property(
        arbScale.chain((scale) => {
          const ids = gradeScales[scale].options.map((o) => o.id);
          return fc.record({
            scale: fc.constant(scale),
            pair: fc.uniqueArray(fc.constantFrom(...ids), { minLength: 2, maxLength: 2 }),
            n: fc.integer({ min: 1, max: 3 }),
            order: fc.shuffledSubarray([...domains], { minLength: 6, maxLength: 6 }),
            inadequate: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
          });
        }),
        ({ scale, pair, n, order, inadequate }) => {
          const [a, b] = pair as [string, string];
          const values: Partial<Record<RubricDomain, GradeValue | null>> = {};
          order.forEach((d, i) => {
            const grade = i < n ? a : i < 2 * n ? b : null;
            const asks = gradeScales[scale].options.find((o) => o.id === grade)?.fourPoint === 'askInadequate';
            values[d] = grade === null ? null : v(grade, asks ? (inadequate[i] ?? false) : null);
          });
          const s = settingsFor(scale, { gradingMode: 'perDomain', keyAreas: [], outcomesRequiredForGood: false });
          const advice = adviseOverallGrade(s, withDomains(values, { outcomes: 'met', childSafe: 'safe' }));
          const ids = gradeScales[scale].options.map((o) => o.id);
          const lower = ids.indexOf(a) > ids.indexOf(b) ? a : b;
          expect(advice.suggestion?.grade).toBe(lower);
          expect(advice.rules.find((r) => r.id === 'majorityOfDomains')?.explanation).toMatch(/tie goes to the lower grade/);
        },
      ),
    );
  });

  it('follows a clear majority of graded domains when nothing limits the grade', () => {
    fc.assert(
      fc.property(
        arbScale.chain((scale) =>
          fc.record({
            scale: fc.constant(scale),
            values: fc.array(fc.option(arbComplete(scale), { nil: null }), { minLength: 6, maxLength: 6 }),
          }),
        ),
        ({ scale, values }) => {
          const counts = new Map<string, number>();
          for (const value of values) if (value) counts.set(value.grade, (counts.get(value.grade) ?? 0) + 1);
          const total = [...counts.values()].reduce((x, y) => x + y, 0);
          const winner = [...counts.entries()].find(([, c]) => c * 2 > total);
          fc.pre(winner !== undefined);
          const s = settingsFor(scale, { gradingMode: 'perDomain', keyAreas: [], outcomesRequiredForGood: false });
          const g = withDomains(Object.fromEntries(domains.map((d, i) => [d, values[i] ?? null])), { outcomes: 'met', childSafe: 'safe' });
          expect(adviseOverallGrade(s, g).suggestion).toEqual(v(winner![0]));
        },
      ),
    );
  });

  it('always suggests one of the scale’s options, never above the ceiling', () => {
    fc.assert(
      fc.property(arbCase, ({ scale, settings, grading }) => {
        const advice = adviseOverallGrade(settings, grading);
        if (settings.gradingMode === 'overallOnly') expect(advice.rules.map((r) => r.id)).not.toContain('majorityOfDomains');
        if (!advice.suggestion) return;
        const option = gradeScales[scale].options.find((o) => o.id === advice.suggestion?.grade);
        expect(option).toBeDefined();
        if (option?.fourPoint !== 'askInadequate') expect(advice.suggestion.inadequate).toBeNull();
        // An open inadequate answer stands for Requires improvement at best.
        const meant = toFourPoint(scale, advice.suggestion) ?? 'requiresImprovement';
        expect(fourPointRank(meant)).toBeGreaterThanOrEqual(fourPointRank(advice.ceiling));
        expect(suggestionLabel(scale, advice.suggestion)).not.toMatch(/not yet answered/);
      }),
    );
  });

  it('refuses a departure from the suggestion without a reason and accepts it with one', () => {
    fc.assert(
      fc.property(arbCase, arbScale.chain(() => fc.constantFrom(...fourPointGrade.options)), ({ scale, settings, grading }, pick) => {
        const advice = adviseOverallGrade(settings, grading);
        fc.pre(advice.suggestion !== null);
        const overall = fromFourPoint(scale, pick);
        fc.pre(fourPointRank(pick) >= fourPointRank(advice.ceiling));
        const s = advice.suggestion!;
        const departs = overall.grade !== s.grade || (s.inadequate !== null && overall.inadequate !== s.inadequate);
        fc.pre(departs);

        const without = checkOverallGrade(settings, { ...grading, overall, departureReason: '  ' });
        expect(without.departsFromSuggestion).toBe(true);
        expect(without.problems.map((p) => p.field)).toEqual(['grading.departureReason']);

        const withReason = checkOverallGrade(settings, { ...grading, overall, departureReason: 'The child’s own account outweighs it.' });
        expect(withReason.departsFromSuggestion).toBe(true);
        expect(withReason.problems).toEqual([]);
      }),
    );
  });

  it('accepts the suggestion itself without a reason', () => {
    fc.assert(
      fc.property(arbCase, fc.boolean(), ({ settings, grading }, inadequate) => {
        const advice = adviseOverallGrade(settings, grading);
        fc.pre(advice.suggestion !== null);
        // Where the suggestion leaves the inadequate question open, either answer agrees with it.
        const s = advice.suggestion!;
        const asks = gradeScales[settings.gradeScale].options.find((o) => o.id === s.grade)?.fourPoint === 'askInadequate';
        const overall = asks && s.inadequate === null ? { ...s, inadequate } : s;
        const check = checkOverallGrade(settings, { ...grading, overall, departureReason: '' });
        expect(check.departsFromSuggestion).toBe(false);
        expect(check.problems).toEqual([]);
      }),
    );
  });

  it('never allows an overall grade above the ceiling, reason or not', () => {
    fc.assert(
      fc.property(arbCase, ({ scale, settings, grading }) => {
        const ceiling = adviseOverallGrade(settings, grading).ceiling;
        const rank = rankOf(scale, grading.overall);
        const problems = overallProblems(settings, grading);
        if (rank === null) expect(problems).toHaveLength(1);
        else expect(problems.length > 0).toBe(rank < fourPointRank(ceiling));
      }),
    );
  });
});

// ---- examples --------------------------------------------------------------------------------

describe('grading rules: examples', () => {
  it('counts every "Doesn\'t yet meet Good" together on the local scale', () => {
    const s = settingsFor('local3', { keyAreas: [], outcomesRequiredForGood: false });
    const g = withDomains(
      {
        contactReferral: v('outstanding'),
        recording: v('outstanding'),
        assessment: v('notYetGood', true),
        planning: v('notYetGood', false),
        reviews: v('notYetGood', false),
      },
      { outcomes: 'met', childSafe: 'safe' },
    );
    const advice = adviseOverallGrade(s, g);
    expect(advice.suggestion).toEqual(v('notYetGood', null));
    expect(advice.rules[0]?.explanation).toContain("Doesn't yet meet Good: Assessment, Planning and Reviews");
  });

  it('counts only graded domains with a complete grade', () => {
    const s = settingsFor('local3', { gradedDomains: ['assessment', 'planning', 'reviews'], keyAreas: [], outcomesRequiredForGood: false });
    const g = withDomains({
      assessment: v('good'),
      planning: v('notYetGood', null), // incomplete
      reviews: v('requiresImprovement'), // not on this scale
      recording: v('notYetGood', true), // not a graded domain here
      contactReferral: v('notYetGood', true),
    });
    expect(adviseOverallGrade(s, g).suggestion).toEqual(v('good'));
    expect(adviseOverallGrade(s, withDomains({ planning: v('notYetGood', null) })).suggestion).toBeNull();
  });

  it('makes no majority suggestion when grading the overall only', () => {
    const s = settingsFor('ofsted4', { gradingMode: 'overallOnly', outcomesRequiredForGood: false });
    const g = withDomains({ assessment: v('inadequate'), planning: v('inadequate') }, { outcomes: 'met' });
    const advice = adviseOverallGrade(s, g);
    expect(advice).toEqual({ suggestion: null, ceiling: 'outstanding', rules: [] });
  });

  it('lowers a majority suggestion to the outcomes ceiling and names the reason', () => {
    const s = settingsFor('ofsted4', { keyAreas: [] });
    const g = withDomains({ assessment: v('good'), planning: v('good') }, { outcomes: 'notMet' });
    const advice = adviseOverallGrade(s, g);
    expect(advice.suggestion).toEqual(v('requiresImprovement'));
    expect(advice.ceiling).toBe('requiresImprovement');
    expect(advice.rules.map((r) => r.id)).toEqual(['majorityOfDomains', 'outcomesNotMet']);
    expect(advice.rules[1]?.explanation).toMatch(/outcomes are not met.*no higher than Requires improvement/);

    const local = adviseOverallGrade(settingsFor('local3', { keyAreas: [] }), withDomains({ assessment: v('good') }));
    expect(local.suggestion).toEqual(v('notYetGood', null));
    expect(local.rules[1]?.explanation).toMatch(/not been recorded as met or on the way.*Doesn't yet meet Good/);

    const check = checkOverallGrade(s, { ...g, overall: v('good'), departureReason: 'Good work.' });
    expect(check.problems).toEqual([{ field: 'grading.overall', message: expect.stringMatching(/Good is not allowed.*outcomes are not met/) }]);
    // Above the ceiling only a lower grade helps, so no reason is asked for as well.
    const noReason = checkOverallGrade(s, { ...g, overall: v('good'), departureReason: '' });
    expect(noReason.departsFromSuggestion).toBe(true);
    expect(noReason.problems.map((p) => p.field)).toEqual(['grading.overall']);
  });

  it('names the key areas graded Inadequate', () => {
    const s = settingsFor('local3', { keyAreas: ['assessment', 'planning', 'managementOversight'] });
    const g = withDomains(
      { assessment: v('notYetGood', true), planning: v('good'), managementOversight: v('notYetGood', true), recording: v('notYetGood', true) },
      { outcomes: 'met' },
    );
    const rule = adviseOverallGrade(s, g).rules.find((r) => r.id === 'keyAreaInadequate');
    expect(rule?.explanation).toBe(
      "Assessment and Management oversight are key areas graded Doesn't yet meet Good (inadequate practice), so the overall grade is Doesn't yet meet Good (inadequate practice).",
    );
  });

  it('ignores key areas when grading the overall only', () => {
    const s = settingsFor('ofsted4', { gradingMode: 'overallOnly', keyAreas: ['assessment'] });
    const advice = adviseOverallGrade(s, withDomains({ assessment: v('inadequate') }, { outcomes: 'met' }));
    expect(advice.ceiling).toBe('outstanding');
  });

  it('on the local scale a fixed inadequate answer is part of the suggestion', () => {
    const s = settingsFor('local3', { gradingMode: 'overallOnly' });
    const g = { ...baseGrading(), outcomes: 'met' as const, childSafe: 'notSafe' as const };
    expect(adviseOverallGrade(s, g).suggestion).toEqual(v('notYetGood', true));
    const check = checkOverallGrade(s, { ...g, overall: v('notYetGood', false), departureReason: 'x' });
    expect(check.departsFromSuggestion).toBe(true);
    expect(check.problems.map((p) => p.field)).toEqual(['grading.overall']);
  });

  it('asks for the overall grade and for the inadequate answer', () => {
    const s = settingsFor('local3');
    expect(checkOverallGrade(s, baseGrading()).problems).toEqual([{ field: 'grading.overall', message: 'Overall grade: choose a grade.' }]);
    expect(checkOverallGrade(s, { ...baseGrading(), overall: v('notYetGood') }).problems).toEqual([
      { field: 'grading.overall', message: 'Overall grade: say whether practice on the case is inadequate.' },
    ]);
    expect(checkOverallGrade(s, { ...baseGrading(), overall: v('requiresImprovement') }).problems[0]?.field).toBe('grading.overall');
  });
});
