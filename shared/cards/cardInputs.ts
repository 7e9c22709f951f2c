import { z } from 'zod';
import { auditType, caseSnapshot, type AuditType } from '../schemas/audits';
import { defaultAuditTypeSettings } from '../settings/auditTypeSettings';

/**
 * The few facts about a case a card may show: its reference and the child's initials. Builders
 * parse their input with these schemas, so anything else handed to them (a name, case text) is
 * dropped before a card is built.
 */
export const cardCaseRef = caseSnapshot.shape.caseRef;
export const cardInitials = caseSnapshot.shape.initials;
export const cardAuditType = auditType;

/** A link a card opens: checked for scheme when the action is built (see `openUrlAction`). */
export const cardLink = z.string().min(1).max(2000);

/** Labels as the council configured them; the defaults when not given. */
export type AuditTypeLabels = Record<AuditType, string>;

export function defaultAuditTypeLabels(): AuditTypeLabels {
  return {
    childsJourneyMonthly: defaultAuditTypeSettings.childsJourneyMonthly.label,
    deepDive: defaultAuditTypeSettings.deepDive.label,
    managersMonthly: defaultAuditTypeSettings.managersMonthly.label,
  };
}

/** "REF123 (AB)": how every card names a case. */
export function caseLabel(caseRef: string, initials: string): string {
  return `${caseRef} (${initials})`;
}
