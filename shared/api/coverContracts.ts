import { z } from 'zod';
import { etag, id } from '../schemas/common';
import { jobRole } from '../schemas/staff';

/** Away and cover: a person's away status and the deputy their alerts go to meanwhile. */

export const setCoverRequest = z
  .object({
    /** The staff record's etag as last read: a change made elsewhere meanwhile is a 409, never overwritten. */
    etag,
    away: z.boolean(),
    /** Who covers; null names nobody. */
    deputyId: id.nullable(),
  })
  .strict();
export type SetCoverRequest = z.infer<typeof setCoverRequest>;

const colleague = z.object({ id, displayName: z.string(), active: z.boolean(), away: z.boolean() });
export type CoverColleague = z.infer<typeof colleague>;

export const coverView = z.object({
  staffId: id,
  displayName: z.string(),
  /** The staff record's etag, to send back with a change. */
  etag,
  away: z.boolean(),
  deputy: colleague.nullable(),
});
export type CoverView = z.infer<typeof coverView>;

export const coverWarning = z.object({ code: z.enum(['noDeputy', 'stillCovering']), message: z.string() });

export const setCoverResponse = coverView.extend({
  /** False when the record already said this (a repeat): nothing was written. */
  changed: z.boolean(),
  /** What the change leaves uncovered, in words (e.g. away with nobody named). */
  warnings: z.array(coverWarning),
});
export type SetCoverResponse = z.infer<typeof setCoverResponse>;

export const deputyCandidate = colleague.extend({
  jobRoles: z.array(jobRole),
  /** Null for people outside any team. */
  teamName: z.string().nullable(),
});
export type DeputyCandidate = z.infer<typeof deputyCandidate>;

export const coverOptionsResponse = z.object({
  /** Active colleagues with management duties (and the current deputy, whoever they are), by name. */
  candidates: z.array(deputyCandidate),
  /** People with management duties who name this person as their deputy. */
  coveringFor: z.array(colleague),
});
export type CoverOptionsResponse = z.infer<typeof coverOptionsResponse>;
