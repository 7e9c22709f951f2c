import { describe, expect, it } from 'vitest';
import {
  agreedExemptionCovering,
  decisionNoteProblem,
  exemptionCovers,
  isConsecutiveRun,
  isUndecided,
  monthLabel,
  monthRangeProblems,
  monthsFromTo,
  monthsLabel,
  monthsOverlap,
  nextExemptionStatus,
  type ExemptionScope,
  type ExemptionStatus,
} from './exemptionRules';
import { exemptionRequest, type ExemptionRequest } from '../schemas/exemptions';

describe('months of a request', () => {
  it('lists every month from the first to the last, across a year end', () => {
    expect(monthsFromTo('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsFromTo('2026-11', '2026-11')).toEqual(['2026-11']);
    expect(monthsFromTo('2026-11', '2026-10')).toEqual([]);
    expect(() => monthsFromTo('2026-13', '2027-01')).toThrow(RangeError);
  });

  it('knows a consecutive run from a gap, a repeat or a wrong order', () => {
    expect(isConsecutiveRun(['2026-12', '2027-01'])).toBe(true);
    expect(isConsecutiveRun(['2026-12', '2027-02'])).toBe(false);
    expect(isConsecutiveRun(['2026-12', '2026-12'])).toBe(false);
    expect(isConsecutiveRun(['2027-01', '2026-12'])).toBe(false);
  });

  it('refuses a range starting in the past, running backwards or longer than six months', () => {
    const today = '2026-11-23';
    expect(monthRangeProblems('2026-11', '2027-04', today)).toEqual([]);
    expect(monthRangeProblems('2026-10', '2026-11', today)).toEqual([{ field: 'fromMonth', message: expect.stringContaining('past') }]);
    expect(monthRangeProblems('2026-12', '2026-11', today)).toEqual([{ field: 'toMonth', message: 'is before the first month' }]);
    expect(monthRangeProblems('2026-11', '2027-05', today)).toEqual([{ field: 'toMonth', message: 'makes the request longer than 6 months' }]);
  });

  it('says months in words', () => {
    expect(monthLabel('2026-11')).toBe('November 2026');
    expect(monthsLabel(['2026-11'])).toBe('November 2026');
    expect(monthsLabel(['2026-12', '2027-01', '2027-02'])).toBe('December 2026 to February 2027');
    expect(monthsLabel([])).toBe('');
  });

  it('finds months in common', () => {
    expect(monthsOverlap(['2026-11', '2026-12'], ['2026-12'])).toBe(true);
    expect(monthsOverlap(['2026-11'], ['2026-12'])).toBe(false);
  });
});

describe('status of a request', () => {
  const all: ExemptionStatus[] = ['requested', 'lineManagerConsulted', 'agreed', 'refused', 'withdrawn'];

  it('takes the line manager view only once, before anything else', () => {
    expect(all.map((s) => nextExemptionStatus(s, { kind: 'lineManagerView' }))).toEqual(['lineManagerConsulted', null, null, null, null]);
  });

  it('is decided or withdrawn only while undecided, and then for good', () => {
    expect(all.map((s) => nextExemptionStatus(s, { kind: 'decide', outcome: 'agreed' }))).toEqual(['agreed', 'agreed', null, null, null]);
    expect(all.map((s) => nextExemptionStatus(s, { kind: 'decide', outcome: 'refused' }))).toEqual(['refused', 'refused', null, null, null]);
    expect(all.map((s) => nextExemptionStatus(s, { kind: 'withdraw' }))).toEqual(['withdrawn', 'withdrawn', null, null, null]);
    expect(all.filter(isUndecided)).toEqual(['requested', 'lineManagerConsulted']);
  });

  it('needs a note to refuse, or to decide without the line manager', () => {
    expect(decisionNoteProblem('agreed', true, '')).toBeNull();
    expect(decisionNoteProblem('refused', true, '  ')).toMatch(/why the request is refused/);
    expect(decisionNoteProblem('agreed', false, '')).toMatch(/without the line manager/);
    expect(decisionNoteProblem('refused', false, '')).toMatch(/without the line manager/);
    expect(decisionNoteProblem('agreed', false, 'Line manager on leave; agreed with the head of service')).toBeNull();
  });
});

describe('whether an auditor is exempt', () => {
  const agreed: ExemptionScope = { status: 'agreed', months: ['2026-12', '2027-01'], auditTypes: ['managersMonthly', 'deepDive'] };

  it('covers its months and audit types, and only when agreed', () => {
    expect(exemptionCovers(agreed, '2026-12', 'managersMonthly')).toBe(true);
    expect(exemptionCovers(agreed, '2027-01', 'deepDive')).toBe(true);
    expect(exemptionCovers(agreed, '2027-02', 'managersMonthly')).toBe(false);
    expect(exemptionCovers(agreed, '2026-12', 'childsJourneyMonthly')).toBe(false);
    for (const status of ['requested', 'lineManagerConsulted', 'refused', 'withdrawn'] as const)
      expect(exemptionCovers({ ...agreed, status }, '2026-12', 'managersMonthly')).toBe(false);
  });

  it('picks the agreed request among others', () => {
    const pending: ExemptionScope = { ...agreed, status: 'requested', months: ['2027-02'] };
    expect(agreedExemptionCovering([pending, agreed], '2026-12', 'deepDive')).toBe(agreed);
    expect(agreedExemptionCovering([pending, agreed], '2027-02', 'deepDive')).toBeNull();
  });
});

describe('exemption request schema', () => {
  const base: ExemptionRequest = {
    id: 'exm-1',
    auditorId: 'staff-1',
    months: ['2026-12', '2027-01'],
    auditTypes: ['managersMonthly'],
    reason: 'Long leave',
    status: 'requested',
    lineManagerView: null,
    decision: null,
    createdAt: '2026-11-23T10:00:00.000Z',
    withdrawnAt: null,
  };
  const view = { supports: true, comment: 'Agreed in supervision', byId: 'staff-lm', at: '2026-11-24T10:00:00.000Z' };

  it('accepts each consistent state', () => {
    expect(exemptionRequest.safeParse(base).success).toBe(true);
    expect(exemptionRequest.safeParse({ ...base, status: 'lineManagerConsulted', lineManagerView: view }).success).toBe(true);
    const decision = { outcome: 'agreed', note: '', byId: 'staff-qa', at: '2026-11-25T10:00:00.000Z', lineManagerConsulted: true } as const;
    expect(exemptionRequest.safeParse({ ...base, status: 'agreed', lineManagerView: view, decision }).success).toBe(true);
    expect(exemptionRequest.safeParse({ ...base, status: 'withdrawn', withdrawnAt: '2026-11-24T10:00:00.000Z' }).success).toBe(true);
  });

  it('refuses a gap in the months, more than six, a repeated audit type or a status at odds with its parts', () => {
    const paths = (r: unknown) => (exemptionRequest.safeParse(r).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(paths({ ...base, months: ['2026-12', '2027-02'] })).toContain('months');
    expect(paths({ ...base, months: monthsFromTo('2026-12', '2027-06') })).toContain('months');
    expect(paths({ ...base, auditTypes: ['deepDive', 'deepDive'] })).toContain('auditTypes');
    expect(paths({ ...base, status: 'agreed' })).toContain('decision');
    expect(paths({ ...base, status: 'lineManagerConsulted' })).toContain('lineManagerView');
    expect(paths({ ...base, status: 'withdrawn' })).toContain('withdrawnAt');
    const noViewDecision = { outcome: 'refused', note: 'x', byId: 'staff-qa', at: '2026-11-25T10:00:00.000Z', lineManagerConsulted: true };
    expect(paths({ ...base, status: 'refused', decision: noViewDecision })).toContain('decision.lineManagerConsulted');
    expect(paths({ ...base, reason: ' ' })).toContain('reason');
  });
});
