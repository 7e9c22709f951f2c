import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditStatus } from '../schemas/audits';
import { addDays, fromDayNumber, toDayNumber } from '../calendar/calendarDays';
import { isWorkingDay } from '../calendar/workingDays';
import { chasingOf, defaultChasingSettings, resolveAuditTypeSettings } from '../settings/auditTypeSettings';
import { isChased, remindersDue, type ChasedAudit } from './reminders';

const chasing = defaultChasingSettings;
const audit = (over: Partial<ChasedAudit> = {}): ChasedAudit => ({ id: 'aud_1', auditorId: 'st_a', dueDate: '2026-11-27', status: 'allocated', chasing, ...over });

describe('remindersDue', () => {
  it('reminds 3 working days before the due date, in one digest per auditor', () => {
    // Friday 27/11/2026 due; Tuesday 24/11 is 3 working days before.
    const audits = [audit(), audit({ id: 'aud_2' }), audit({ id: 'aud_3', auditorId: 'st_b' })];
    expect(remindersDue(audits, '2026-11-24')).toEqual([
      { kind: 'dueSoon', auditorId: 'st_a', auditIds: ['aud_1', 'aud_2'], dueSoonIds: ['aud_1', 'aud_2'], dueBy: '2026-11-27', overdueIds: [], key: 'rem-st_a-2026-11-24' },
      { kind: 'dueSoon', auditorId: 'st_b', auditIds: ['aud_3'], dueSoonIds: ['aud_3'], dueBy: '2026-11-27', overdueIds: [], key: 'rem-st_b-2026-11-24' },
    ]);
    expect(remindersDue(audits, '2026-11-23')).toEqual([]);
    expect(remindersDue(audits, '2026-11-25')).toEqual([]);
  });

  it('counts working days across a weekend and honours the setting', () => {
    // Due Tuesday 01/12/2026: 3 working days before is Thursday 26/11.
    expect(remindersDue([audit({ dueDate: '2026-12-01' })], '2026-11-26')).toHaveLength(1);
    const one = { ...chasing, reminderWorkingDaysBefore: 1 };
    expect(remindersDue([audit({ dueDate: '2026-12-01', chasing: one })], '2026-11-30')).toHaveLength(1);
    expect(remindersDue([audit({ dueDate: '2026-12-01', chasing: one })], '2026-11-26')).toEqual([]);
  });

  it('chases an overdue audit the first working day after, then every 2 working days', () => {
    const days = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-07'];
    const sent = days.filter((d) => remindersDue([audit()], d).some((r) => r.kind === 'overdue'));
    expect(sent).toEqual(['2026-11-30', '2026-12-02', '2026-12-04']);
    expect(remindersDue([audit()], '2026-11-27')).toEqual([]); // the due date itself is not overdue
  });

  it('puts due-soon and overdue audits of one auditor in one overdue digest', () => {
    const [r, ...rest] = remindersDue([audit({ id: 'aud_late', dueDate: '2026-11-20' }), audit({ id: 'aud_soon', dueDate: '2026-11-26' })], '2026-11-23');
    expect(rest).toEqual([]);
    expect(r).toMatchObject({ kind: 'overdue', auditIds: ['aud_late', 'aud_soon'], overdueIds: ['aud_late'], dueSoonIds: ['aud_soon'], dueBy: '2026-11-26' });
  });

  it('does not chase submitted or withdrawn audits', () => {
    expect(remindersDue([audit({ status: 'submitted' }), audit({ status: 'withdrawn', id: 'aud_2' })], '2026-11-24')).toEqual([]);
    expect(remindersDue([audit({ status: 'returnedForDevelopment' })], '2026-11-24')).toHaveLength(1);
  });

  it('sends nothing on a bank holiday or an extra closure day', () => {
    expect(remindersDue([audit({ dueDate: '2026-12-31' })], '2026-12-25')).toEqual([]);
    expect(remindersDue([audit()], '2026-11-24', ['2026-11-24'])).toEqual([]);
  });
});

const day = fc.integer({ min: toDayNumber('2025-01-01'), max: toDayNumber('2028-12-31') }).map(fromDayNumber);
const settingsArb = fc.record({ reminderWorkingDaysBefore: fc.integer({ min: 0, max: 10 }), overdueReminderEveryWorkingDays: fc.integer({ min: 1, max: 10 }) });
const auditArb = fc.record({
  id: fc.integer({ min: 1, max: 40 }).map((n) => `aud_${n}`),
  auditorId: fc.constantFrom('st_a', 'st_b', 'st_c'),
  dueDate: day,
  status: fc.constantFrom(...auditStatus.options),
  chasing: settingsArb,
});
const scenario = fc.record({ audits: fc.uniqueArray(auditArb, { selector: (a) => a.id, maxLength: 30 }), today: day });

describe('remindersDue properties', () => {
  it('never reminds on a non-working day', () => {
    fc.assert(fc.property(scenario, ({ audits, today }) => isWorkingDay(today) || remindersDue(audits, today).length === 0));
  });

  it('sends at most one reminder per auditor per day, with a key naming both', () => {
    fc.assert(
      fc.property(scenario, ({ audits, today }) => {
        const rs = remindersDue(audits, today);
        expect(new Set(rs.map((r) => r.auditorId)).size).toBe(rs.length);
        for (const r of rs) expect(r.key).toBe(`rem-${r.auditorId}-${today}`);
      }),
    );
  });

  it('never names an audit that is no longer with the auditor', () => {
    fc.assert(
      fc.property(scenario, ({ audits, today }) => {
        const open = new Set(audits.filter((a) => isChased(a.status)).map((a) => a.id));
        for (const r of remindersDue(audits, today)) for (const id of r.auditIds) expect(open.has(id)).toBe(true);
        expect(remindersDue(audits.map((a) => ({ ...a, status: 'submitted' as const })), today)).toEqual([]);
      }),
    );
  });

  it('calls an audit overdue only after its due date, and due soon only on or before it', () => {
    fc.assert(
      fc.property(scenario, ({ audits, today }) => {
        const due = new Map(audits.map((a) => [a.id, a.dueDate]));
        for (const r of remindersDue(audits, today)) {
          for (const id of r.overdueIds) expect(today > (due.get(id) ?? today)).toBe(true);
          for (const id of r.dueSoonIds) expect(today <= (due.get(id) ?? '0000-00-00')).toBe(true);
          expect(r.kind === 'overdue').toBe(r.overdueIds.length > 0);
        }
      }),
    );
  });

  it('reminds about a due date once in the run-up, however many days it runs', () => {
    fc.assert(
      fc.property(auditArb, (a) => {
        const open = { ...a, status: 'allocated' as const };
        let dueSoon = 0;
        for (let d = addDays(a.dueDate, -30); d <= a.dueDate; d = addDays(d, 1)) dueSoon += remindersDue([open], d).length;
        expect(dueSoon).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('chasing settings', () => {
  it('default to 3 working days before and every 2 working days overdue, and merge field by field', () => {
    expect(chasingOf(resolveAuditTypeSettings({}).deepDive)).toEqual({ reminderWorkingDaysBefore: 3, overdueReminderEveryWorkingDays: 2 });
    const s = resolveAuditTypeSettings({ auditTypes: { deepDive: { chasing: { reminderWorkingDaysBefore: 5 } } } });
    expect(chasingOf(s.deepDive)).toEqual({ reminderWorkingDaysBefore: 5, overdueReminderEveryWorkingDays: 2 });
    expect(chasingOf(s.managersMonthly).reminderWorkingDaysBefore).toBe(3);
    expect(() => resolveAuditTypeSettings({ auditTypes: { deepDive: { chasing: { overdueReminderEveryWorkingDays: 0 } } } })).toThrow();
  });
});
