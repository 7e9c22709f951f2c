import { z } from 'zod';
import { id, isoDate, isoDateTime } from './common';

export const actionStatus = z.enum(['open', 'done', 'approved']);
export type ActionStatus = z.infer<typeof actionStatus>;

/** An action agreed from an audit. Drafted in the form; becomes live when the audit is submitted. */
export const auditAction = z.object({
  id,
  auditId: id,
  caseId: id,
  /** Copied from the audit's snapshot so queries by team stay selective. */
  teamId: id,
  caseRef: z.string().min(1).max(32),
  what: z.string().min(1).max(1000),
  sectionId: z.string().max(40).nullable(),
  why: z.string().max(1000),
  ownerId: id,
  /** The case's team manager stays accountable whoever owns the action. */
  accountableManagerId: id,
  dueDate: isoDate,
  status: actionStatus,
  doneNote: z.string().max(2000).nullable(),
  doneAt: isoDateTime.nullable(),
  approvedById: id.nullable(),
  approvedAt: isoDateTime.nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type AuditAction = z.infer<typeof auditAction>;
