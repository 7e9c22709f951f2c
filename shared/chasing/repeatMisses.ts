import type { IsoDate } from '../schemas/common';
import type { AuditStatus, AuditType } from '../schemas/audits';
import type { RepeatMissSettings } from '../settings/auditTypeSettings';

/**
 * Repeated non-completion: which auditors missed the due date in at least `misses` of their last
 * `ofLastRounds` rounds of an audit type. Such an auditor is proposed for the next tier of line
 * management (the line manager's own manager); the QA lead decides. Pure.
 *
 * - A round counts for an auditor when its outcome is known today: its due date has passed, or
 *   every one of the auditor's audits in it is submitted.
 * - The auditor missed a round when any of their audits in it was submitted after the due date,
 *   or is still not submitted once the due date has passed.
 * - Exempted and withdrawn audits do not count: the auditor was excused, or the case went.
 * - Rounds are taken per audit type, each type with its own settings.
 */

export interface PastAudit {
  auditorId: string;
  auditType: AuditType;
  /** The same for every audit of one round (its round id; audits outside a round: any key of their own). */
  roundKey: string;
  dueDate: IsoDate;
  status: AuditStatus;
  /** The London date it was submitted; null while not submitted. */
  submittedOn: IsoDate | null;
}

export interface RepeatMisser {
  auditorId: string;
  /** The audit type whose rounds show the pattern (the one with most misses when several do). */
  auditType: AuditType;
  /** Rounds missed among the last rounds looked at, and how many rounds those were (at most `ofLastRounds`). */
  missed: number;
  ofRounds: number;
}

const excused = new Set<AuditStatus>(['exempted', 'withdrawn']);

interface RoundOutcome {
  key: string;
  dueDate: IsoDate;
  decided: boolean;
  missed: boolean;
}

function outcome(key: string, audits: readonly PastAudit[], today: IsoDate): RoundOutcome {
  const dueDate = audits.reduce((max, a) => (a.dueDate > max ? a.dueDate : max), audits[0]?.dueDate ?? today);
  const late = (a: PastAudit) => (a.submittedOn === null ? a.dueDate < today : a.submittedOn > a.dueDate);
  return {
    key,
    dueDate,
    decided: dueDate < today || audits.every((a) => a.submittedOn !== null),
    missed: audits.some(late),
  };
}

/** Auditors with a repeated miss, sorted by auditor id. */
export function repeatMissers(audits: readonly PastAudit[], rules: Readonly<Record<AuditType, RepeatMissSettings>>, today: IsoDate): RepeatMisser[] {
  // auditor → audit type → round key → audits
  const grouped = new Map<string, Map<AuditType, Map<string, PastAudit[]>>>();
  for (const a of audits) {
    if (excused.has(a.status)) continue;
    const byType = grouped.get(a.auditorId) ?? new Map<AuditType, Map<string, PastAudit[]>>();
    const byRound = byType.get(a.auditType) ?? new Map<string, PastAudit[]>();
    byRound.set(a.roundKey, [...(byRound.get(a.roundKey) ?? []), a]);
    byType.set(a.auditType, byRound);
    grouped.set(a.auditorId, byType);
  }
  const out: RepeatMisser[] = [];
  for (const [auditorId, byType] of grouped) {
    let worst: RepeatMisser | null = null;
    for (const [auditType, byRound] of byType) {
      const rule = rules[auditType];
      const last = [...byRound.entries()]
        .map(([key, list]) => outcome(key, list, today))
        .filter((r) => r.decided)
        .sort((x, y) => (x.dueDate === y.dueDate ? y.key.localeCompare(x.key) : x.dueDate < y.dueDate ? 1 : -1))
        .slice(0, rule.ofLastRounds);
      const missed = last.filter((r) => r.missed).length;
      if (missed < rule.misses) continue;
      if (worst === null || missed > worst.missed || (missed === worst.missed && auditType < worst.auditType))
        worst = { auditorId, auditType, missed, ofRounds: last.length };
    }
    if (worst) out.push(worst);
  }
  return out.sort((x, y) => x.auditorId.localeCompare(y.auditorId));
}
