import { z } from 'zod';
import { etag, id, isoDate } from '../schemas/common';
import { auditRound } from '../schemas/rounds';

/** Closing a published round (QA leads and the PSW): the request, what it would remove, what it did. */

export const closeRoundRequest = z
  .object({
    /** Needed while the round's due date has not yet passed. */
    reason: z.string().trim().min(5, 'give a reason of at least a few words').max(1000).nullable().default(null),
  })
  .strict();
export type CloseRoundRequest = z.infer<typeof closeRoundRequest>;

/** Counts only: what the purge would remove from the case register and what it keeps, and why. */
export const registerPurgeCounts = z.object({
  /** Case records that would be (or were) removed. */
  removable: z.number().int().min(0),
  /** Kept: allocated in a round still draft or published. */
  keptInOpenRounds: z.number().int().min(0),
  /** Kept: the case has an audit not yet submitted. */
  keptWithOpenAudits: z.number().int().min(0),
});
export type RegisterPurgeCounts = z.infer<typeof registerPurgeCounts>;

export const closeRoundPreview = z.object({
  roundId: id,
  dueDate: isoDate,
  /** True while the due date has not passed: closing then needs a reason. */
  reasonRequired: z.boolean(),
  /** This round's audits still waiting for their auditor (their cases stay on the register). */
  openAuditsInRound: z.number().int().min(0),
  purge: registerPurgeCounts,
});
export type CloseRoundPreview = z.infer<typeof closeRoundPreview>;

export const closeRoundResponse = z.object({
  round: auditRound.extend({ etag }),
  /** Register rows this call removed (a repeat removes only what has become removable since). */
  removed: z.number().int().min(0),
  keptInOpenRounds: z.number().int().min(0),
  keptWithOpenAudits: z.number().int().min(0),
});
export type CloseRoundResponse = z.infer<typeof closeRoundResponse>;
