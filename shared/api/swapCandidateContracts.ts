import { z } from 'zod';
import { id } from '../schemas/common';
import { ageBand, legalStatus } from '../schemas/cases';
import { conflictKind } from '../schemas/rounds';

/** Cases the QA lead may swap in for one allocation of a draft round (QA leads, PSW). */
export const SWAP_CANDIDATES_DEFAULT_LIMIT = 25;
export const swapCandidatesQuery = z.object({
  /** The allocated case to swap out. */
  caseId: id,
  /** Part of a case reference or a team name; case is ignored. */
  q: z.string().trim().max(60).optional(),
  /** From the previous page's `next`. */
  cursor: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(SWAP_CANDIDATES_DEFAULT_LIMIT),
});
export type SwapCandidatesQuery = z.infer<typeof swapCandidatesQuery>;

export const swapCandidate = z.object({
  caseId: id,
  caseRef: z.string().max(32),
  teamName: z.string().max(120),
  legalStatus,
  legalStatusLabel: z.string().max(80),
  ageBand,
  /** False when the allocation rules refuse the case for this auditor; `reason` says why. */
  choosable: z.boolean(),
  /** Links between the auditor and the case; a choosable case with links needs the lead's confirmation. */
  conflicts: z.array(conflictKind),
  reason: z.string().max(1000),
});
export type SwapCandidate = z.infer<typeof swapCandidate>;
export const swapCandidatesResponse = z.object({
  items: z.array(swapCandidate),
  /** Cursor of the next page; null on the last. */
  next: z.string().nullable(),
});
export type SwapCandidatesResponse = z.infer<typeof swapCandidatesResponse>;
