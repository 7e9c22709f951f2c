import type { AuditType } from '../../../shared/schemas/audits';
import type { ExemptionView } from '../../../shared/api/exemptionContracts';
import { monthsLabel } from '../../../shared/exemptions/exemptionRules';
import { auditTypeNames } from '../rounds/roundText';

/** Words for requests to be excused from auditing, shared by My audits and the Rounds page. */

export const exemptionStatusWords: Record<ExemptionView['status'], string> = {
  requested: "Waiting for the line manager's view",
  lineManagerConsulted: 'Waiting for a decision',
  agreed: 'Agreed',
  refused: 'Refused',
  withdrawn: 'Withdrawn',
};

const allAuditTypes = Object.keys(auditTypeNames) as AuditType[];

/** "All audit types", or the types by name. */
export function auditTypesText(types: readonly AuditType[]): string {
  if (allAuditTypes.every((t) => types.includes(t))) return 'All audit types';
  return types.map((t) => auditTypeNames[t]).join(', ');
}

/** "December 2026 to January 2027, all audit types". */
export function exemptionScopeText(e: Pick<ExemptionView, 'months' | 'auditTypes'>): string {
  const types = auditTypesText(e.auditTypes);
  return `${monthsLabel(e.months)}, ${types === 'All audit types' ? 'all audit types' : types}`;
}

/** The line manager's view in a sentence, or that they have not given one. */
export function lineManagerViewText(e: Pick<ExemptionView, 'lineManagerView'>): string {
  const v = e.lineManagerView;
  if (v === null) return 'The line manager has not given a view.';
  return `${v.byName} ${v.supports ? 'supports' : 'does not support'} the request: “${v.comment}”`;
}
