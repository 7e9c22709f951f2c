import { z } from 'zod';
import { id, isoDate, isoDateTime } from './common';
import { auditType } from './audits';
import { roundTheme } from './templates';

/** A calendar month as `YYYY-MM`. */
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month as YYYY-MM');
export type YearMonth = z.infer<typeof yearMonth>;

export const conflictKind = z.enum(['ownTeamCurrent', 'ownTeamPast', 'ownCasePast']);

/** One case given to one auditor, with why (see shared/allocation). */
export const roundAllocation = z.object({
  caseId: id,
  auditorId: id,
  conflicts: z.array(conflictKind),
  reason: z.string().min(1).max(1000),
});
export type RoundAllocation = z.infer<typeof roundAllocation>;

/** Draft → published → closed. Closing purges the case register (see bot/rounds/roundClosing). */
export const roundStatus = z.enum(['draft', 'published', 'closed']);
export type RoundStatus = z.infer<typeof roundStatus>;

/**
 * How far closing's purge of the case register has got. `completedAt` stays null until a run
 * finishes, so a purge cut short is finished by closing again; the count adds up across runs.
 */
export const roundPurge = z.object({
  registerRowsRemoved: z.number().int().min(0),
  completedAt: isoDateTime.nullable(),
  /**
   * The batch of case records being removed right now (opaque ids, cleared when the batch is
   * counted): a run cut short mid-batch is counted exactly by the next run.
   */
  pendingCaseIds: z.array(id).max(500).default([]),
});
export type RoundPurge = z.infer<typeof roundPurge>;

/**
 * A monthly audit round. Drafted with a recorded seed (the same seed gives the same allocation),
 * previewed and adjusted by the QA lead, then published: publishing creates one audit per allocation.
 */
export const auditRound = z.object({
  id,
  month: yearMonth,
  auditType,
  theme: roundTheme.nullable(),
  auditorIds: z.array(id).min(1).max(200),
  casesPerAuditor: z.number().int().min(1).max(20),
  dueDate: isoDate,
  seed: z.number().int().min(0).max(2 ** 32 - 1),
  status: roundStatus,
  allocations: z.array(roundAllocation).max(4000),
  /** Why the round may not run in full, from the allocation, in plain words. */
  problems: z.array(z.string().max(1000)).max(200).default([]),
  /** What history the conflict-of-interest rule checked. */
  historyChecked: z.string().max(1000).default(''),
  /** Set when the QA lead runs the round in a month its audit type's calendar refuses. */
  calendarOverrideReason: z.string().min(1).max(1000).nullable(),
  createdBy: id,
  createdAt: isoDateTime,
  publishedAt: isoDateTime.nullable(),
  /** Set when the QA lead closes the round (rounds stored before closing existed read as null). */
  closedAt: isoDateTime.nullable().default(null),
  closedById: id.nullable().default(null),
  /** Why the round was closed before its due date had passed; null when closed after it. */
  closeReason: z.string().min(1).max(1000).nullable().default(null),
  /** The register purge that closing starts; null until the round is closed. */
  purge: roundPurge.nullable().default(null),
});
export type AuditRound = z.infer<typeof auditRound>;
