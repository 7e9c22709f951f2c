import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { auditStatus } from '../schemas/audits';
import { defaultChasingSettings, type ChasingSettings } from '../settings/auditTypeSettings';
import { fromDayNumber, toDayNumber } from '../calendar/calendarDays';
import { isWorkingDay, workingDaysBetween } from '../calendar/workingDays';
import type { ChasedAudit } from './reminders';
import { autoEscalationsDue } from './autoEscalation';

const on: ChasingSettings = { ...defaultChasingSettings, autoEscalate: { enabled: true, afterWorkingDaysOverdue: 2 } };
// Due Friday 27/11/2026: Monday 30/11 is 1 working day over, Tuesday 01/12 is 2.
const audit = (over: Partial<ChasedAudit> = {}): ChasedAudit => ({ id: 'aud_1', auditorId: 'st_a', dueDate: '2026-11-27', status: 'inProgress', chasing: on, ...over });

describe('autoEscalationsDue', () => {
  it('is off by default: nothing however overdue', () => {
    expect(autoEscalationsDue([audit({ chasing: defaultChasingSettings, dueDate: '2026-10-01' })], '2026-12-01')).toEqual([]);
    expect(autoEscalationsDue([audit({ chasing: { ...on, autoEscalate: { enabled: false, afterWorkingDaysOverdue: 1 } } })], '2026-12-01')).toEqual([]);
  });

  it('names the auditor once the audit is the set number of working days overdue', () => {
    expect(autoEscalationsDue([audit()], '2026-11-30')).toEqual([]);
    expect(autoEscalationsDue([audit()], '2026-12-01')).toEqual(['st_a']);
    expect(autoEscalationsDue([audit()], '2026-12-02')).toEqual(['st_a']);
  });

  it('sends nothing on a weekend, a bank holiday or a council closure day', () => {
    expect(autoEscalationsDue([audit()], '2026-12-05')).toEqual([]);
    expect(autoEscalationsDue([audit({ dueDate: '2026-12-18' })], '2026-12-25')).toEqual([]);
    expect(autoEscalationsDue([audit()], '2026-12-02', ['2026-12-02'])).toEqual([]);
  });

  it('leaves out submitted audits, and names each auditor once, sorted', () => {
    expect(autoEscalationsDue([audit({ status: 'submitted' })], '2026-12-01')).toEqual([]);
    const many = [audit({ auditorId: 'st_b' }), audit({ id: 'aud_2', auditorId: 'st_b' }), audit({ id: 'aud_3' })];
    expect(autoEscalationsDue(many, '2026-12-01')).toEqual(['st_a', 'st_b']);
  });
});

const day = fc.integer({ min: toDayNumber('2026-01-01'), max: toDayNumber('2027-12-31') }).map(fromDayNumber);
const chasedArb = fc.record({
  id: fc.integer({ min: 1, max: 30 }).map((n) => `aud_${n}`),
  auditorId: fc.constantFrom('st_a', 'st_b', 'st_c'),
  dueDate: day,
  status: fc.constantFrom(...auditStatus.options),
  chasing: fc.record({
    reminderWorkingDaysBefore: fc.constant(3),
    overdueReminderEveryWorkingDays: fc.constant(2),
    autoEscalate: fc.record({ enabled: fc.boolean(), afterWorkingDaysOverdue: fc.integer({ min: 1, max: 10 }) }),
  }),
});

describe('autoEscalationsDue properties', () => {
  it('names only auditors with an open audit of an enabled type at least that far overdue, only on working days', () => {
    fc.assert(
      fc.property(fc.array(chasedArb, { maxLength: 25 }), day, (audits, today) => {
        const named = autoEscalationsDue(audits, today);
        if (!isWorkingDay(today)) expect(named).toEqual([]);
        for (const id of named)
          expect(
            audits.some(
              (a) =>
                a.auditorId === id &&
                a.chasing.autoEscalate.enabled &&
                ['allocated', 'inProgress', 'returnedForDevelopment'].includes(a.status) &&
                workingDaysBetween(a.dueDate, today) >= a.chasing.autoEscalate.afterWorkingDaysOverdue,
            ),
          ).toBe(true);
      }),
    );
  });
});
