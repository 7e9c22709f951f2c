import { describe, expect, it } from 'vitest';
import { checkDueDate, checkRoundCalendar, defaultDueDate, needsConfirmation, roundAuditId, type RoundCalendars } from './roundRules';
import { defaultAuditTypeSettings, resolveAuditTypeSettings } from '../settings/auditTypeSettings';

const settings: RoundCalendars = defaultAuditTypeSettings;
const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);

describe('round calendar', () => {
  it("refuses Child's Journey rounds in August and December", () => {
    expect(checkRoundCalendar(settings, 'childsJourneyMonthly', '2026-08')).toMatch(/August/);
    expect(checkRoundCalendar(settings, 'childsJourneyMonthly', '2026-12')).toMatch(/December/);
  });

  it("refuses Child's Journey rounds in a deep-dive month, saying so", () => {
    for (const m of ['2026-03', '2026-07', '2026-11']) expect(checkRoundCalendar(settings, 'childsJourneyMonthly', m)).toMatch(/deep dive audit month/);
  });

  it("allows Child's Journey rounds in the other months", () => {
    const allowed = months.filter((m) => checkRoundCalendar(settings, 'childsJourneyMonthly', m) === null);
    expect(allowed).toEqual(['2026-01', '2026-02', '2026-04', '2026-05', '2026-06', '2026-09', '2026-10']);
  });

  it("runs the managers' monthly audit every month", () => {
    for (const m of months) expect(checkRoundCalendar(settings, 'managersMonthly', m)).toBeNull();
  });

  it('runs deep dives three times a year by default', () => {
    expect(months.filter((m) => checkRoundCalendar(settings, 'deepDive', m) === null)).toEqual(['2026-03', '2026-07', '2026-11']);
  });

  it("follows the council's settings: moving the deep dives moves the months the monthly audit gives way", () => {
    const moved = resolveAuditTypeSettings({ auditTypes: { deepDive: { calendar: { months: [2, 6, 10], notInMonthsOf: [] } } } });
    expect(checkRoundCalendar(moved, 'childsJourneyMonthly', '2026-03')).toBeNull();
    expect(checkRoundCalendar(moved, 'childsJourneyMonthly', '2026-06')).toMatch(/deep dive/);
    expect(checkRoundCalendar(moved, 'deepDive', '2026-03')).toMatch(/do not run in March/);
  });

  it('refuses settings in which an audit type gives way to itself', () => {
    expect(() => resolveAuditTypeSettings({ auditTypes: { deepDive: { calendar: { months: [3], notInMonthsOf: ['deepDive'] } } } })).toThrow(/give way to itself/);
  });

  it('rejects a month that is not YYYY-MM', () => {
    expect(() => checkRoundCalendar(settings, 'managersMonthly', '2026-13')).toThrow(RangeError);
  });
});

describe('due dates', () => {
  it('defaults to the last working day of the month (bank holidays and weekends skipped)', () => {
    expect(defaultDueDate('2026-11')).toBe('2026-11-30');
    expect(defaultDueDate('2026-05')).toBe('2026-05-29'); // 31/05 is a Sunday
    expect(defaultDueDate('2026-08')).toBe('2026-08-28'); // 31/08 is the summer bank holiday
  });
  it('refuses a weekend, a bank holiday or a date already past', () => {
    expect(checkDueDate('2026-11-28', '2026-11-02')).toMatch(/not a working day/);
    expect(checkDueDate('2026-12-25', '2026-12-01')).toMatch(/not a working day/);
    expect(checkDueDate('2026-11-02', '2026-11-03')).toMatch(/already passed/);
    expect(checkDueDate('2026-11-30', '2026-11-03')).toBeNull();
  });
});

describe('round audit ids and confirmation', () => {
  it('derives the same audit id from the same round and case, and different ids otherwise', () => {
    expect(roundAuditId('rnd-1', 'case-1')).toBe(roundAuditId('rnd-1', 'case-1'));
    expect(roundAuditId('rnd-1', 'case-1')).not.toBe(roundAuditId('rnd-1', 'case-2'));
    const long = 'x'.repeat(64);
    const a = roundAuditId(long, `${long.slice(0, 60)}-a`);
    const b = roundAuditId(long, `${long.slice(0, 60)}-b`);
    expect(a.length).toBeLessThanOrEqual(64);
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
  });
  it('needs confirmation only while an allocation carries a conflict', () => {
    expect(needsConfirmation([{ conflicts: [] }])).toBe(false);
    expect(needsConfirmation([{ conflicts: [] }, { conflicts: ['ownTeamPast'] }])).toBe(true);
  });
});
