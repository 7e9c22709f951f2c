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
  status: z.enum(['draft', 'published']),
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
});
export type AuditRound = z.infer<typeof auditRound>;
