import type { AuditType } from '../../shared/schemas/audits';
import { agreedExemptionCovering, monthLabel } from '../../shared/exemptions/exemptionRules';
import { allPages, type ExemptionStore } from '../store/storeInterface';

/**
 * The field problems for auditors an agreed exemption excuses from `auditType` in `month`: one per
 * auditor, named `${field}.${index}`. Reads each auditor's own requests (a handful each).
 */
export async function exemptedAuditorProblems(
  exemptions: ExemptionStore,
  auditorIds: readonly string[],
  month: string,
  auditType: AuditType,
  field: string,
): Promise<{ field: string; message: string }[]> {
  const problems: { field: string; message: string }[] = [];
  for (const [i, auditorId] of auditorIds.entries()) {
    const requests = await allPages((p) => exemptions.listByAuditor(auditorId, p));
    if (agreedExemptionCovering(requests, month, auditType)) problems.push({ field: `${field}.${i}`, message: `has an agreed exemption for ${monthLabel(month)}` });
  }
  return problems;
}
