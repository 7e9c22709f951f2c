import { z } from 'zod';
import { isoDateTime } from '../schemas/common';

/** Tenant mode with ENTRA_DIRECTORY_GROUPS: staff come from Entra groups, brought in nightly or on request. */
export const directorySyncRequest = z
  .object({
    /**
     * Administrators only: that many people, held back by the last run, may be marked as having left.
     * Counts only if this run finds exactly that many.
     */
    confirmLeavers: z.number().int().min(1).max(1_000_000).optional(),
  })
  .strict();
const directorySyncSummary = z.object({
  membersFound: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  markedInactive: z.number().int(),
  leaversHeldBack: z.number().int(),
  /** Ids and e-mail addresses only. */
  problems: z.array(z.object({ entraObjectId: z.string(), email: z.string().nullable(), reason: z.string() })),
});
export const directorySyncRun = z.discriminatedUnion('outcome', [
  z.object({ at: isoDateTime, trigger: z.enum(['nightly', 'administrator']), outcome: z.literal('done'), summary: directorySyncSummary }),
  z.object({ at: isoDateTime, trigger: z.enum(['nightly', 'administrator']), outcome: z.literal('failed'), message: z.string() }),
]);
export type DirectorySyncRunDto = z.infer<typeof directorySyncRun>;
export const directorySyncStatus = z.object({
  /** False: staff come from the staff import (local mode, or no ENTRA_DIRECTORY_GROUPS). */
  configured: z.boolean(),
  /** A run is under way on this instance: ask again for its outcome. */
  running: z.boolean(),
  /** Since this instance started; null before its first run. */
  lastRun: directorySyncRun.nullable(),
});
export type DirectorySyncStatus = z.infer<typeof directorySyncStatus>;
