import { z } from 'zod';
import { id, isoDate } from '../schemas/common';

/**
 * An auditor who missed the due date repeatedly (see shared/chasing/repeatMisses), proposed for the
 * next tier of line management: the line manager's own manager.
 */
export const nextTierProposal = z.object({
  missed: z.number().int().min(1),
  ofRounds: z.number().int().min(1),
  /** The line manager's manager; null when the directory names none (or names no line manager). */
  managerId: id.nullable(),
  managerName: z.string().nullable(),
  /** The prepared notice; null when there is nobody to send it to. */
  notice: z.string().nullable(),
  /** When there is nobody to send it to: why, and who the QA lead might contact instead. */
  noRecipient: z.string().nullable(),
});
export type NextTierProposal = z.infer<typeof nextTierProposal>;

/** Overdue audits grouped by auditor, with the notice the QA lead may send to the line manager. No child identifiers. */
export const overdueAuditor = z.object({
  auditorId: id,
  auditorName: z.string(),
  /** Null when the directory names no line manager: then there is nobody to send the notice to. */
  lineManagerId: id.nullable(),
  lineManagerName: z.string().nullable(),
  overdueCount: z.number().int().min(1),
  earliestDueDate: isoDate,
  daysOverdue: z.number().int().min(1),
  notice: z.string(),
  /** Set when the auditor's misses repeat: proposed for the next tier. */
  nextTier: nextTierProposal.nullable(),
});
export type OverdueAuditor = z.infer<typeof overdueAuditor>;
export const overdueListResponse = z.object({ today: isoDate, items: z.array(overdueAuditor) });
export type OverdueListResponse = z.infer<typeof overdueListResponse>;

export const escalateRequest = z.object({ auditorId: id }).strict();
export type EscalateRequest = z.infer<typeof escalateRequest>;
export const escalateResponse = z.object({
  notificationId: z.string(),
  /** False when the notice had already been sent today (nothing new was queued). */
  enqueued: z.boolean(),
});
export type EscalateResponse = z.infer<typeof escalateResponse>;
