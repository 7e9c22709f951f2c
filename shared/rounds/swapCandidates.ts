import { auditorFit, checkSwap, reauditRefusal, type AllocationRequest, type AllocationResult } from '../allocation/allocation';
import { legalStatusLabels } from '../schemas/cases';
import type { SwapCandidate, SwapCandidatesResponse } from '../api/swapCandidateContracts';

export interface SwapCandidateQuery {
  /** Part of a case reference or a team name, any case; empty or absent for all. */
  q?: string;
  /** The last case reference of the previous page. */
  after?: string | null;
  limit: number;
}

/** The key candidates are ordered and paged by: case references are unique ignoring case. */
const sortKey = (caseRef: string) => caseRef.toUpperCase();

/**
 * The cases the QA lead could swap in for one allocation of a draft round, a page at a time in
 * case-reference order: open cases on the register, not in the round already, not audited within
 * the re-audit interval. Each says whether the allocation rules let it go to the auditor (by
 * `checkSwap`, the rule the swap itself applies) and, if so, any link that needs confirming.
 */
export function swapCandidates(
  req: AllocationRequest,
  result: AllocationResult,
  allocation: { caseId: string; auditorId: string },
  details: ReadonlyMap<string, { caseRef: string; teamName: string }>,
  query: SwapCandidateQuery,
): SwapCandidatesResponse {
  const inRound = new Set(result.allocations.map((a) => a.caseId));
  const needle = (query.q ?? '').trim().toUpperCase();
  const after = query.after ? sortKey(query.after) : null;
  const matching = req.cases
    .filter((c) => !inRound.has(c.id) && reauditRefusal(req, c) === null)
    .map((c) => {
      const d = details.get(c.id);
      return { c, caseRef: d?.caseRef ?? c.id, teamName: d?.teamName ?? 'Unknown team' };
    })
    .filter((x) => needle === '' || x.caseRef.toUpperCase().includes(needle) || x.teamName.toUpperCase().includes(needle))
    .filter((x) => after === null || sortKey(x.caseRef) > after)
    .sort((a, b) => (sortKey(a.caseRef) < sortKey(b.caseRef) ? -1 : sortKey(a.caseRef) > sortKey(b.caseRef) ? 1 : 0));

  const limit = Math.max(1, Math.floor(query.limit));
  const page = matching.slice(0, limit);
  const auditor = req.auditors.find((a) => a.id === allocation.auditorId) ?? { id: allocation.auditorId, teamId: null };
  const items = page.map(({ c, caseRef, teamName }): SwapCandidate => {
    const check = checkSwap(req, result, allocation, c.id);
    const fit = auditorFit(c, auditor, req.staffTeams);
    const conflicts = check.ok ? check.allocation.conflicts : fit.barred ? [] : fit.conflicts;
    const reason = !check.ok
      ? check.reason
      : conflicts.length === 0
        ? 'No link between the auditor and the case.'
        : `${fit.reason} No conflict-free case is left for this auditor, so choosing it needs your confirmation.`;
    return { caseId: c.id, caseRef, teamName, legalStatus: c.legalStatus, legalStatusLabel: legalStatusLabels[c.legalStatus], ageBand: c.ageBand, choosable: check.ok, conflicts, reason };
  });
  const last = page[page.length - 1];
  return { items, next: matching.length > limit && last ? last.caseRef : null };
}
