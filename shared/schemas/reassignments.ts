import { z } from 'zod';
import { id, isoDateTime } from './common';

/** Longest reason an auditor may give (the card input's `maxLength` agrees). */
export const REASSIGNMENT_REASON_MAX = 500;

/** Marked as dealt with (outside the app), or resolved by passing the audit to another auditor. */
export const reassignmentResolution = z.enum(['dealtWith', 'reassigned']);
export type ReassignmentResolution = z.infer<typeof reassignmentResolution>;

/**
 * An auditor's request that the QA lead reassign an audit they cannot do ("Can't do this" on the
 * allocation card). At most one open request per audit; its id is derived from the audit id.
 */
export const reassignmentRequest = z.object({
  id: z.string().min(1).max(80).regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _'),
  auditId: id,
  auditorId: id,
  roundId: id.nullable(),
  reason: z.string().trim().min(1).max(REASSIGNMENT_REASON_MAX),
  status: z.enum(['open', 'resolved']),
  createdAt: isoDateTime,
  resolvedAt: isoDateTime.nullable(),
  resolvedById: id.nullable(),
  /** How the request was resolved; absent on requests resolved before outcomes were recorded, and while open. */
  outcome: reassignmentResolution.optional(),
  /** The auditor the audit was passed to, when `outcome` is 'reassigned'. */
  reassignedToId: id.optional(),
});
export type ReassignmentRequest = z.infer<typeof reassignmentRequest>;

/** The id of an audit's `n`th request (1-based): a replayed or double-clicked request maps to the same one. */
export function reassignmentRequestId(auditId: string, n: number): string {
  return `rr-${auditId}-${n}`;
}
