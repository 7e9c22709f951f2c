import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { auditStatus, auditType, type AuditType } from '../schemas/audits';
import { fromDayNumber, toDayNumber } from '../calendar/calendarDays';
import { defaultRepeatMissSettings, repeatMissesOf, resolveAuditTypeSettings, type RepeatMissSettings } from '../settings/auditTypeSettings';
import { repeatMissers, type PastAudit } from './repeatMisses';

const rule = (misses: number, ofLastRounds: number): Record<AuditType, RepeatMissSettings> => ({
  childsJourneyMonthly: { misses, ofLastRounds },
  deepDive: { misses, ofLastRounds },
  managersMonthly: { misses, ofLastRounds },
});
const defaults = rule(defaultRepeatMissSettings.misses, defaultRepeatMissSettings.ofLastRounds);
const today = '2026-12-03';

/** One audit of round `n` (due the 28th of month n of 2026), submitted on `submittedOn` or not. */
const inRound = (n: number, submittedOn: string | null, over: Partial<PastAudit> = {}): PastAudit => ({
  auditorId: 'st_a',
  auditType: 'managersMonthly',
  roundKey: `rnd_${n}`,
  dueDate: `2026-${String(n).padStart(2, '0')}-28`,
  status: submittedOn === null ? 'inProgress' : 'submitted',
  submittedOn,
  ...over,
});
const onTime = (n: number) => inRound(n, `2026-${String(n).padStart(2, '0')}-20`);
const late = (n: number) => inRound(n, `2026-${String(n).padStart(2, '0')}-30`);
const never = (n: number) => inRound(n, null);

describe('repeatMissers (2 of the last 3 rounds by default)', () => {
  it.each([
    ['two misses in the last three rounds', [onTime(9), late(10), never(11)], { missed: 2, ofRounds: 3 }],
    ['two misses, the only two rounds', [late(10), never(11)], { missed: 2, ofRounds: 2 }],
    ['three misses of three', [late(9), late(10), never(11)], { missed: 3, ofRounds: 3 }],
    ['one miss', [onTime(9), onTime(10), never(11)], null],
    ['two misses, but one is older than the last three rounds', [late(7), onTime(8), onTime(9), late(11)], null],
    ['no rounds at all', [], null],
  ] as const)('%s', (_, audits, expected) => {
    const got = repeatMissers(audits, defaults, today);
    if (expected === null) expect(got).toEqual([]);
    else expect(got).toEqual([{ auditorId: 'st_a', auditType: 'managersMonthly', ...expected }]);
  });

  it('counts a round not yet due only once every audit in it is submitted', () => {
    // Round 12 is due 28/12: not yet decided while open, so the last three decided rounds are 9, 10, 11.
    expect(repeatMissers([late(9), onTime(10), late(11), never(12)], defaults, today)).toEqual([{ auditorId: 'st_a', auditType: 'managersMonthly', missed: 2, ofRounds: 3 }]);
    // Submitted early, round 12 counts as met and pushes round 9 out.
    expect(repeatMissers([late(9), onTime(10), late(11), inRound(12, '2026-12-01')], defaults, today)).toEqual([]);
  });

  it('takes a round as missed when any one of its audits was late', () => {
    const r10 = [onTime(10), inRound(10, '2026-10-29', { roundKey: 'rnd_10' })];
    expect(repeatMissers([...r10, never(11)], defaults, today)).toEqual([{ auditorId: 'st_a', auditType: 'managersMonthly', missed: 2, ofRounds: 2 }]);
  });

  it('treats a submission on the due date itself as on time', () => {
    expect(repeatMissers([inRound(10, '2026-10-28'), never(11)], defaults, today)).toEqual([]);
  });

  it('leaves out exempted and withdrawn audits', () => {
    expect(repeatMissers([inRound(10, null, { status: 'exempted' }), inRound(9, null, { status: 'withdrawn' }), never(11)], defaults, today)).toEqual([]);
  });

  it('looks at each audit type on its own, with its own settings', () => {
    const mixed = [late(10), inRound(11, null, { auditType: 'deepDive', roundKey: 'dd_11' })];
    expect(repeatMissers(mixed, defaults, today)).toEqual([]);
    const strictDeepDive = { ...defaults, deepDive: { misses: 1, ofLastRounds: 3 } };
    expect(repeatMissers(mixed, strictDeepDive, today)).toEqual([{ auditorId: 'st_a', auditType: 'deepDive', missed: 1, ofRounds: 1 }]);
  });

  it('keeps auditors apart, sorted by id', () => {
    const b = (a: PastAudit): PastAudit => ({ ...a, auditorId: 'st_b' });
    expect(repeatMissers([b(late(10)), b(never(11)), late(10), onTime(11)], defaults, today).map((m) => m.auditorId)).toEqual(['st_b']);
    expect(repeatMissers([b(late(10)), b(never(11)), late(10), never(11)], defaults, today).map((m) => m.auditorId)).toEqual(['st_a', 'st_b']);
  });
});

const day = fc.integer({ min: toDayNumber('2026-01-01'), max: toDayNumber('2027-06-30') }).map(fromDayNumber);
const pastAudit = fc.record({
  auditorId: fc.constantFrom('st_a', 'st_b'),
  auditType: fc.constantFrom(...auditType.options),
  roundKey: fc.integer({ min: 1, max: 8 }).map((n) => `rnd_${n}`),
  dueDate: day,
  status: fc.constantFrom(...auditStatus.options),
  submittedOn: fc.option(day, { nil: null }),
});
const rules = fc.record({ misses: fc.integer({ min: 1, max: 4 }), ofLastRounds: fc.integer({ min: 1, max: 6 }) }).filter((r) => r.misses <= r.ofLastRounds);

describe('repeatMissers properties', () => {
  it('proposes only auditors with at least `misses` misses among at most `ofLastRounds` rounds', () => {
    fc.assert(
      fc.property(fc.array(pastAudit, { maxLength: 40 }), rules, day, (audits, r, on) => {
        for (const m of repeatMissers(audits, rule(r.misses, r.ofLastRounds), on)) {
          expect(m.missed).toBeGreaterThanOrEqual(r.misses);
          expect(m.missed).toBeLessThanOrEqual(m.ofRounds);
          expect(m.ofRounds).toBeLessThanOrEqual(r.ofLastRounds);
        }
      }),
    );
  });

  it('never proposes an auditor whose every audit was submitted by its due date', () => {
    fc.assert(
      fc.property(fc.array(pastAudit, { maxLength: 40 }), rules, day, (audits, r, on) => {
        const punctual = audits.map((a) => ({ ...a, submittedOn: a.dueDate }));
        expect(repeatMissers(punctual, rule(r.misses, r.ofLastRounds), on)).toEqual([]);
      }),
    );
  });

  it('does not depend on the order the audits are read in', () => {
    fc.assert(
      fc.property(fc.array(pastAudit, { maxLength: 30 }), day, (audits, on) => {
        expect(repeatMissers([...audits].reverse(), defaults, on)).toEqual(repeatMissers(audits, defaults, on));
      }),
    );
  });

  it('proposes no one under a stricter rule whom a more lenient rule would not', () => {
    fc.assert(
      fc.property(fc.array(pastAudit, { maxLength: 30 }), day, (audits, on) => {
        const strict = repeatMissers(audits, rule(3, 3), on).map((m) => m.auditorId);
        const lenient = repeatMissers(audits, rule(1, 3), on).map((m) => m.auditorId);
        for (const id of strict) expect(lenient).toContain(id);
      }),
    );
  });
});

describe('repeat-miss and automatic escalation settings', () => {
  it('default to 2 of the last 3 rounds, and automatic escalation off', () => {
    const s = resolveAuditTypeSettings({});
    expect(repeatMissesOf(s.managersMonthly)).toEqual({ misses: 2, ofLastRounds: 3 });
    expect(s.deepDive.chasing?.autoEscalate).toBeUndefined();
  });

  it('take a council override, filling what it leaves out', () => {
    const s = resolveAuditTypeSettings({ auditTypes: { deepDive: { chasing: { repeatMisses: { misses: 3 }, autoEscalate: { enabled: true } } } } });
    expect(repeatMissesOf(s.deepDive)).toEqual({ misses: 3, ofLastRounds: 3 });
    expect(s.deepDive.chasing?.autoEscalate).toEqual({ enabled: true, afterWorkingDaysOverdue: 2 });
    expect(s.deepDive.chasing?.reminderWorkingDaysBefore).toBe(3);
    expect(repeatMissesOf(s.managersMonthly)).toEqual({ misses: 2, ofLastRounds: 3 });
  });

  it('refuse impossible or malformed values, naming the field', () => {
    expect(() => resolveAuditTypeSettings({ auditTypes: { deepDive: { chasing: { repeatMisses: { misses: 4, ofLastRounds: 3 } } } } })).toThrow(/deepDive\.chasing\.repeatMisses/);
    expect(() => resolveAuditTypeSettings({ auditTypes: { deepDive: { chasing: { repeatMisses: { misses: 0 } } } } })).toThrow(/repeatMisses/);
    expect(() => resolveAuditTypeSettings({ auditTypes: { deepDive: { chasing: { autoEscalate: { enabled: 'yes' } } } } })).toThrow(/autoEscalate/);
    expect(() => resolveAuditTypeSettings({ auditTypes: { deepDive: { chasing: { autoEscalate: { afterWorkingDaysOverdue: 0 } } } } })).toThrow(/autoEscalate/);
  });
});
