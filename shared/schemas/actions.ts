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
  // Added with action approval (shared/actions/actionLifecycle); optional so records written before read as they were.
  /** Who marked it done: nobody approves an action they marked done themselves. */
  doneById: id.nullable().optional(),
  /** The latest return to the owner, shown to them until they mark it done again. */
  returned: z.object({ byId: id, at: isoDateTime, reason: z.string().trim().min(1).max(500) }).nullable().optional(),
  /** When the accountable manager was told the action is drifting, and when the Head of Service was (shared/actions/actionNudges). */
  driftNotifiedAt: isoDateTime.nullable().optional(),
  driftEscalatedAt: isoDateTime.nullable().optional(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type AuditAction = z.infer<typeof auditAction>;
