import { z } from 'zod';
import { id, isoDate } from '../schemas/common';

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
