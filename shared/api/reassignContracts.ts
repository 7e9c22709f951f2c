import { z } from 'zod';
import { etag, id, isoDateTime } from '../schemas/common';
import { jobRole } from '../schemas/staff';
import { conflictKind } from '../schemas/rounds';
import { reassignmentResolution } from '../schemas/reassignments';

/** Passing an audit to another auditor to resolve a request to reassign it (QA leads, PSW). */

export const reassignCandidate = z.object({
  id,
  displayName: z.string().max(120),
  jobRoles: z.array(jobRole),
  teamName: z.string().max(120).nullable(),
  /** One of the auditors chosen for the audit's round. */
  inRoundPool: z.boolean(),
  /** False when the allocation rules bar this person from the case (they are its worker). */
  choosable: z.boolean(),
  /** Links between this person and the case; choosing someone with links needs confirmation. */
  conflicts: z.array(conflictKind),
  reason: z.string().max(1000),
});
export type ReassignCandidate = z.infer<typeof reassignCandidate>;

export const reassignCandidatesResponse = z.object({
  requestId: z.string().min(1).max(80),
  auditId: id,
  caseRef: z.string().max(32),
  initials: z.string().max(4),
  /** The audit's version now: send it back with the choice, so a change in between is noticed. */
  auditEtag: etag,
  /** Whether the auditor has already started the form; their work stays with the audit. */
  started: z.boolean(),
  items: z.array(reassignCandidate),
});
export type ReassignCandidatesResponse = z.infer<typeof reassignCandidatesResponse>;

export const reassignRequest = z
  .object({
    auditorId: id,
    etag,
    /** The lead's confirmation when the chosen auditor has a link to the case. */
    confirmConflicts: z.boolean().default(false),
  })
  .strict();
export type ReassignRequest = z.infer<typeof reassignRequest>;

export const reassignResponse = z.object({
  requestId: z.string().min(1).max(80),
  auditId: id,
  auditorId: id,
  outcome: reassignmentResolution,
  resolvedAt: isoDateTime,
  /** False when a repeated call found the audit already passed to this auditor. */
  changed: z.boolean(),
});
export type ReassignResponse = z.infer<typeof reassignResponse>;
