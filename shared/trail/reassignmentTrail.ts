import type { Audit } from '../schemas/audits';
import type { TrailEntry } from '../schemas/trail';
import type { ConflictKind } from '../allocation/allocation';
import { diffAuditForTrail } from './trailDiff';

export interface ReassignmentTrailContext {
  /** The QA lead (or PSW) who passed the audit on. */
  actorId: string;
  at: string;
  /** The request this resolves: the auditor's reason stays with the request, never in the trail. */
  requestId: string;
  /** Links between the new auditor and the case that the lead confirmed; empty when none. */
  confirmedConflicts: readonly ConflictKind[];
}

/**
 * What passing an audit to another auditor writes to its trail: the auditor change (before → after,
 * as any save records it), the request it answers, the status it was handed over in (an audit in
 * progress keeps the form its first auditor began), and any conflict the lead confirmed. Codes and
 * ids only.
 */
export function reassignmentTrail(before: Audit, after: Audit, ctx: ReassignmentTrailContext, newId: () => string): TrailEntry[] {
  const entry = (field: string, value: string): TrailEntry => ({
    id: newId(),
    auditId: after.id,
    at: ctx.at,
    actorId: ctx.actorId,
    kind: 'field',
    field,
    before: null,
    after: value,
    textLengths: null,
  });
  return [
    ...diffAuditForTrail(before, after, ctx.actorId, ctx.at, newId),
    entry('reassignment.requestId', ctx.requestId),
    entry('reassignment.statusAtHandover', before.status),
    ...(ctx.confirmedConflicts.length > 0 ? [entry('reassignment.conflictsConfirmed', ctx.confirmedConflicts.join(','))] : []),
  ];
}
