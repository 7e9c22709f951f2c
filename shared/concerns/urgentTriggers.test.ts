import { describe, expect, it } from 'vitest';
import { emptyAuditForm } from '../schemas/audits';
import { id } from '../schemas/common';
import type { ChildSafetyJudgement, GradeScaleId, GradeValue } from '../schemas/grades';
import { defaultConcernSettings } from '../settings/concernSettings';
import { caseOfConcernTrigger, isInadequateEquivalent, urgentTriggersFor, type TriggerAudit } from './urgentTriggers';

const settings = defaultConcernSettings();
const always = { notYetGoodAlerts: 'always' as const };

function audit(over: { overall?: GradeValue | null; childSafe?: ChildSafetyJudgement | null; raisedAt?: string | null; id?: string } = {}): TriggerAudit {
  const form = emptyAuditForm();
  form.grading.overall = over.overall ?? null;
  form.grading.childSafe = over.childSafe ?? null;
  if (over.raisedAt !== undefined && over.raisedAt !== null) form.urgentConcern = { raised: true, raisedWithId: 'tm_1', raisedAt: over.raisedAt };
  return { id: over.id ?? 'aud_1', form, finalGrade: null };
}
const g = (grade: string, inadequate: boolean | null = null): GradeValue => ({ grade, inadequate });

/** Every grade on each scale, and whether it alerts by default and with `notYetGoodAlerts: 'always'`. */
const gradeTable: { scale: GradeScaleId; grade: GradeValue | null; alerts: boolean; alertsAlways: boolean }[] = [
  { scale: 'ofsted4', grade: null, alerts: false, alertsAlways: false },
  { scale: 'ofsted4', grade: g('outstanding'), alerts: false, alertsAlways: false },
  { scale: 'ofsted4', grade: g('good'), alerts: false, alertsAlways: false },
  { scale: 'ofsted4', grade: g('requiresImprovement'), alerts: false, alertsAlways: false },
  { scale: 'ofsted4', grade: g('inadequate'), alerts: true, alertsAlways: true },
  { scale: 'ofsted4', grade: g('notYetGood', true), alerts: false, alertsAlways: false }, // not on this scale
  { scale: 'local3', grade: null, alerts: false, alertsAlways: false },
  { scale: 'local3', grade: g('outstanding'), alerts: false, alertsAlways: false },
  { scale: 'local3', grade: g('good'), alerts: false, alertsAlways: false },
  { scale: 'local3', grade: g('notYetGood', true), alerts: true, alertsAlways: true },
  { scale: 'local3', grade: g('notYetGood', null), alerts: true, alertsAlways: true }, // unanswered: children's safety first
  { scale: 'local3', grade: g('notYetGood', false), alerts: false, alertsAlways: true },
  { scale: 'local3', grade: g('inadequate'), alerts: false, alertsAlways: false }, // not on this scale
];

describe('isInadequateEquivalent', () => {
  for (const row of gradeTable) {
    it(`${row.scale} ${row.grade ? `${row.grade.grade}/${String(row.grade.inadequate)}` : 'ungraded'}: ${row.alerts ? 'alerts' : 'does not alert'}`, () => {
      expect(isInadequateEquivalent(row.scale, row.grade, settings)).toBe(row.alerts);
      expect(isInadequateEquivalent(row.scale, row.grade, always)).toBe(row.alertsAlways);
    });
  }
});

describe('urgentTriggersFor: submission, every grade × child safety × urgent concern on both scales', () => {
  const safety: (ChildSafetyJudgement | null)[] = ['safe', 'notSafe', null];
  for (const row of gradeTable)
    for (const childSafe of safety)
      for (const raisedEarlier of [false, true])
        for (const raisedInSubmit of [false, true]) {
          const label = `${row.scale} ${row.grade?.grade ?? 'ungraded'}/${String(row.grade?.inadequate)} child ${String(childSafe)} raised ${raisedEarlier ? 'earlier' : raisedInSubmit ? 'with submit' : 'never'}`;
          it(label, () => {
            const raisedAt = raisedEarlier || raisedInSubmit ? '2026-11-20T10:00:00.000Z' : null;
            const before = audit({ overall: row.grade, childSafe, raisedAt: raisedEarlier ? raisedAt : null });
            const after = audit({ overall: row.grade, childSafe, raisedAt });
            const kinds = urgentTriggersFor({ kind: 'submitted', before, after }, row.scale, settings).map((t) => t.kind);
            const expected = [
              ...(row.alerts ? ['inadequateGrade'] : []),
              ...(childSafe === 'notSafe' ? ['childNotSafe'] : []),
              ...(raisedInSubmit && !raisedEarlier ? ['urgentConcernRaised'] : []),
            ];
            expect(kinds).toEqual(expected);
          });
        }
});

describe('urgentTriggersFor: keys and occurrences', () => {
  it('keys a trigger by audit, kind and occurrence, the same on every run', () => {
    const after = audit({ overall: g('inadequate'), childSafe: 'notSafe' });
    const first = urgentTriggersFor({ kind: 'submitted', before: null, after }, 'ofsted4', settings);
    expect(first.map((t) => t.key)).toEqual(['uc-aud_1-inadequateGrade-submission', 'uc-aud_1-childNotSafe-submission']);
    expect(urgentTriggersFor({ kind: 'submitted', before: null, after }, 'ofsted4', settings)).toEqual(first);
    // A resubmission after a return fires the same keys, which the service finds already recorded.
    const resubmitted = urgentTriggersFor({ kind: 'submitted', before: audit({ overall: g('inadequate') }), after }, 'ofsted4', settings);
    expect(resubmitted.map((t) => t.key)).toEqual(first.map((t) => t.key));
  });

  it('fires an urgent concern on the save that records it, once', () => {
    const before = audit();
    const after = audit({ raisedAt: '2026-11-20T10:00:00.000Z' });
    const fired = urgentTriggersFor({ kind: 'saved', before, after }, 'ofsted4', settings);
    expect(fired).toEqual([{ kind: 'urgentConcernRaised', subjectId: 'aud_1', occurrence: '2026-11-20T10:00:00.000Z', key: expect.any(String) }]);
    // An instant is not id-safe, so the key is a stable hash that fits an outbox id.
    expect(id.safeParse(fired[0]?.key).success).toBe(true);
    expect(urgentTriggersFor({ kind: 'saved', before: after, after }, 'ofsted4', settings)).toEqual([]);
    const again = audit({ raisedAt: '2026-11-24T09:30:00.000Z' });
    expect(urgentTriggersFor({ kind: 'saved', before: after, after: again }, 'ofsted4', settings).map((t) => t.kind)).toEqual(['urgentConcernRaised']);
    expect(urgentTriggersFor({ kind: 'saved', before: after, after: again }, 'ofsted4', settings)[0]?.key).not.toBe(
      urgentTriggersFor({ kind: 'saved', before, after }, 'ofsted4', settings)[0]?.key,
    );
  });

  it('waits for the time of raising before firing, so ticking the box and then giving the time is one notice', () => {
    const ticked = audit();
    ticked.form.urgentConcern = { raised: true, raisedWithId: 'tm_1', raisedAt: null };
    expect(urgentTriggersFor({ kind: 'saved', before: audit(), after: ticked }, 'ofsted4', settings)).toEqual([]);
    const timed = audit({ raisedAt: '2026-11-20T10:00:00.000Z' });
    expect(urgentTriggersFor({ kind: 'saved', before: ticked, after: timed }, 'ofsted4', settings).map((t) => t.kind)).toEqual(['urgentConcernRaised']);
  });

  it('never fires on an autosaved grade or child-safety judgement before submission', () => {
    const after = audit({ overall: g('inadequate'), childSafe: 'notSafe' });
    expect(urgentTriggersFor({ kind: 'saved', before: audit(), after }, 'ofsted4', settings)).toEqual([]);
    expect(urgentTriggersFor({ kind: 'saved', before: null, after }, 'local3', settings)).toEqual([]);
  });

  it('uses the final grade, on its own scale, once there is one', () => {
    const after = { ...audit({ overall: g('good') }), finalGrade: { scale: 'local3' as const, value: g('notYetGood', true), fourPoint: 'inadequate' as const } };
    expect(urgentTriggersFor({ kind: 'submitted', before: null, after }, 'ofsted4', settings).map((t) => t.kind)).toEqual(['inadequateGrade']);
    const ri = { ...after, finalGrade: { scale: 'local3' as const, value: g('notYetGood', false), fourPoint: 'requiresImprovement' as const } };
    expect(urgentTriggersFor({ kind: 'submitted', before: null, after: ri }, 'ofsted4', settings)).toEqual([]);
    expect(urgentTriggersFor({ kind: 'submitted', before: null, after: ri }, 'ofsted4', always).map((t) => t.kind)).toEqual(['inadequateGrade']);
  });

  it('fires gradeBecameInadequate when a review lowers the grade to Inadequate, keyed by the review', () => {
    for (const [scale, from, to] of [
      ['ofsted4', g('requiresImprovement'), g('inadequate')],
      ['local3', g('notYetGood', false), g('notYetGood', true)],
      ['local3', g('good'), g('notYetGood', true)],
    ] as const) {
      const fired = urgentTriggersFor({ kind: 'regraded', before: audit({ overall: from }), after: audit({ overall: to }), changeId: 'mod_7' }, scale, settings);
      expect(fired).toEqual([{ kind: 'gradeBecameInadequate', subjectId: 'aud_1', occurrence: 'mod_7', key: 'uc-aud_1-gradeBecameInadequate-mod_7' }]);
    }
    // Already inadequate, or raised rather than lowered: nothing.
    expect(urgentTriggersFor({ kind: 'regraded', before: audit({ overall: g('inadequate') }), after: audit({ overall: g('inadequate') }), changeId: 'm' }, 'ofsted4', settings)).toEqual([]);
    expect(urgentTriggersFor({ kind: 'regraded', before: audit({ overall: g('inadequate') }), after: audit({ overall: g('good') }), changeId: 'm' }, 'ofsted4', settings)).toEqual([]);
  });

  it('refuses a before and after of different audits', () => {
    expect(() => urgentTriggersFor({ kind: 'saved', before: audit({ id: 'aud_2' }), after: audit() }, 'ofsted4', settings)).toThrow(RangeError);
  });

  it('keys a case of concern by its audit, or by its case when raised without one', () => {
    expect(caseOfConcernTrigger({ id: 'coc_1', auditId: 'aud_1', caseId: 'case_1' }).key).toBe('uc-aud_1-caseOfConcernRaised-coc_1');
    expect(caseOfConcernTrigger({ id: 'coc_2', auditId: null, caseId: 'case_1' }).key).toBe('uc-case_1-caseOfConcernRaised-coc_2');
  });
});
