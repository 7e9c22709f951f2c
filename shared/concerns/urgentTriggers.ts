import type { Audit } from '../schemas/audits';
import type { GradeScaleId, GradeValue } from '../schemas/grades';
import type { UrgentTriggerKind } from '../schemas/concerns';
import type { ConcernSettings } from '../settings/concernSettings';
import { gradeScales } from '../grading/gradeScales';
import { noticeKey } from '../ids/noticeKey';

/**
 * Which urgent triggers a change to an audit fires. Pure: the service calls it with the audit
 * before and after the change and records a concern for the triggers it has not recorded yet.
 *
 * Each trigger has a key (audit + kind + occurrence), so doing the same thing again — a retried
 * submit, a replayed save, a resubmission after a return — finds the trigger already recorded
 * and sends nothing twice. Occurrences:
 * - inadequateGrade, childNotSafe: "submission" — once per audit, whichever submission first has it;
 * - urgentConcernRaised: when the auditor recorded raising it (a later, second raising is new);
 * - caseOfConcernRaised: the register entry's id;
 * - gradeBecameInadequate: the review or moderation that changed the grade.
 *
 * The child-safety judgement and the grade fire on submission, not on an autosave of a draft,
 * so a slip of the mouse in an unfinished form never alerts anyone; the form itself tells the
 * auditor to raise an urgent concern in person at once, and recording that fires straight away.
 */
export interface UrgentTrigger {
  kind: UrgentTriggerKind;
  /** The audit; for a register entry raised without an audit, the case. */
  subjectId: string;
  occurrence: string;
  /** `uc-<subjectId>-<kind>-<occurrence>` (hashed past 64 characters). */
  key: string;
}

export type TriggerAudit = Pick<Audit, 'id' | 'form' | 'finalGrade'>;

export type AuditChange =
  /** Any save of the form before submission (autosave included). */
  | { kind: 'saved'; before: TriggerAudit | null; after: TriggerAudit }
  | { kind: 'submitted'; before: TriggerAudit | null; after: TriggerAudit }
  /** Hook for review and moderation (later work): `changeId` names the review or moderation. */
  | { kind: 'regraded'; before: TriggerAudit; after: TriggerAudit; changeId: string };

export type TriggerSettings = Pick<ConcernSettings, 'notYetGoodAlerts'>;

export const urgentTriggerLabels: Record<UrgentTriggerKind, string> = {
  inadequateGrade: 'Practice graded Inadequate',
  childNotSafe: 'Child judged not safe',
  urgentConcernRaised: 'Urgent concern raised by the auditor',
  caseOfConcernRaised: 'Case of concern raised',
  gradeBecameInadequate: 'Grade changed to Inadequate after review',
};

/**
 * Whether a grade is Inadequate or its equivalent on the scale. On the three-level scale
 * "Doesn't yet meet Good" counts when the auditor says practice is inadequate — and, children's
 * safety first, when that question is unanswered; with `notYetGoodAlerts: 'always'` it always counts.
 */
export function isInadequateEquivalent(scale: GradeScaleId, value: GradeValue | null, settings: TriggerSettings): boolean {
  if (!value) return false;
  const option = gradeScales[scale].options.find((o) => o.id === value.grade);
  if (!option) return false;
  if (option.fourPoint === 'inadequate') return true;
  if (option.fourPoint !== 'askInadequate') return false;
  return settings.notYetGoodAlerts === 'always' || value.inadequate !== false;
}

/** The audit's grade for alerting: the final grade once there is one, else the form's overall grade on the template's scale. */
function alertGrade(audit: TriggerAudit, scale: GradeScaleId): { scale: GradeScaleId; value: GradeValue | null; fourPointInadequate: boolean } {
  if (audit.finalGrade)
    return { scale: audit.finalGrade.scale, value: audit.finalGrade.value, fourPointInadequate: audit.finalGrade.fourPoint === 'inadequate' };
  return { scale, value: audit.form.grading.overall, fourPointInadequate: false };
}

function gradeIsInadequate(audit: TriggerAudit, scale: GradeScaleId, settings: TriggerSettings): boolean {
  const g = alertGrade(audit, scale);
  return g.fourPointInadequate || isInadequateEquivalent(g.scale, g.value, settings);
}

export function urgentTriggerKey(subjectId: string, kind: UrgentTriggerKind, occurrence: string): string {
  return noticeKey('uc', subjectId, kind, occurrence);
}

function trigger(subjectId: string, kind: UrgentTriggerKind, occurrence: string): UrgentTrigger {
  return { kind, subjectId, occurrence, key: urgentTriggerKey(subjectId, kind, occurrence) };
}

/**
 * Fires once the raising is recorded with its time: ticking the box and then giving the time are
 * two autosaves, and firing on the first would send a second notice when the time arrives.
 */
function raisedConcern(audit: TriggerAudit): UrgentTrigger[] {
  const u = audit.form.urgentConcern;
  return u.raised && u.raisedAt ? [trigger(audit.id, 'urgentConcernRaised', u.raisedAt)] : [];
}

function onSubmission(audit: TriggerAudit, scale: GradeScaleId, settings: TriggerSettings): UrgentTrigger[] {
  const out: UrgentTrigger[] = [];
  if (gradeIsInadequate(audit, scale, settings)) out.push(trigger(audit.id, 'inadequateGrade', 'submission'));
  if (audit.form.grading.childSafe === 'notSafe') out.push(trigger(audit.id, 'childNotSafe', 'submission'));
  return out;
}

/**
 * The triggers a change fires: those true after it and not already true before it, in a fixed
 * order. `scale` is the audit type's (template's) grade scale. No trigger, empty list.
 */
export function urgentTriggersFor(change: AuditChange, scale: GradeScaleId, settings: TriggerSettings): UrgentTrigger[] {
  const { before, after } = change;
  if (before && before.id !== after.id) throw new RangeError('before and after must be the same audit');
  switch (change.kind) {
    case 'saved':
    case 'submitted': {
      const known = new Set((before ? raisedConcern(before) : []).map((t) => t.key));
      const raised = raisedConcern(after).filter((t) => !known.has(t.key));
      return change.kind === 'submitted' ? [...onSubmission(after, scale, settings), ...raised] : raised;
    }
    case 'regraded':
      return !gradeIsInadequate(change.before, scale, settings) && gradeIsInadequate(after, scale, settings)
        ? [trigger(after.id, 'gradeBecameInadequate', change.changeId)]
        : [];
  }
}

/**
 * The trigger of a new entry on the cases of concern register (found by an audit, or raised by a
 * QA lead without one). The entry is its own record, responded to on the register; its alert goes
 * to the team manager and the Head of Service (shared/concerns/urgentNotices).
 */
export function caseOfConcernTrigger(entry: { id: string; auditId: string | null; caseId: string }): UrgentTrigger {
  return trigger(entry.auditId ?? entry.caseId, 'caseOfConcernRaised', entry.id);
}
