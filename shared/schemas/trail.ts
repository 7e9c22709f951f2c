import { z } from 'zod';
import { id, isoDateTime } from './common';

/**
 * One change to an audit. Grades, statuses and dates keep before → after; free text keeps only
 * that it changed and its lengths, never a second copy of what was written about a child.
 */
export const trailEntry = z.object({
  id,
  auditId: id,
  at: isoDateTime,
  actorId: id,
  /** `meeting`: a meeting time proposed, accepted or declined (the proposal is its own record). */
  /** `concern`: an urgent concern or cases-of-concern entry raised, acknowledged, escalated… (each its own record). */
  kind: z.enum(['created', 'field', 'status', 'actionCreated', 'meeting', 'concern']),
  /** Dotted path of the field, e.g. `grading.overall.grade`. */
  field: z.string().max(200),
  before: z.string().max(200).nullable(),
  after: z.string().max(200).nullable(),
  /** For free text: lengths instead of content. */
  textLengths: z.object({ before: z.number().int(), after: z.number().int() }).nullable(),
});
export type TrailEntry = z.infer<typeof trailEntry>;

/** A read of an audit by someone outside the case's team. */
export const accessLogEntry = z.object({
  id,
  at: isoDateTime,
  actorId: id,
  auditId: id,
  caseId: id,
  /** Why they could read it: the rule that granted access. */
  grantedBy: z.string().max(60),
});
export type AccessLogEntry = z.infer<typeof accessLogEntry>;
