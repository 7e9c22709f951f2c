import type { AuditStatus } from '../../../shared/schemas/audits';
import type { IsoDate } from '../../../shared/schemas/common';
import { isEditableByAuditor } from '../../../shared/lifecycle/auditLifecycle';

/** Past its due date and still open to the auditor. */
export function isOverdue(dueDate: IsoDate, status: AuditStatus, today: IsoDate): boolean {
  return isEditableByAuditor(status) && dueDate < today;
}
