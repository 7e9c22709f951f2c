import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AgeBand, LegalStatus } from '../schemas/cases';
import { allocate, checkSwap, monthsBefore } from './allocation';
import type { AllocationAuditor, AllocationCase, AllocationRequest, AllocationResult, ConflictKind } from './allocation';

// ---------- Independent reference model of the rules (kept apart from the implementation) ----------

const ROUND_DATE = '2026-06-15';

function addDaysRef(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** Same day k months earlier, clamped: worked out with Date rather than arithmetic on month numbers. */
function cutoffRef(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 - months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

function eligibleRef(req: AllocationRequest, c: AllocationCase): boolean {
  if (c.lastAuditedOn === null) return true;
  const interval = req.reauditIntervalMonths ?? 12;
  return c.lastAuditedOn <= cutoffRef(req.roundDate, interval) && c.lastAuditedOn <= req.roundDate;
}

/** The auditor is the case's allocated worker now: never theirs to audit, whatever else holds. */
const barredRef = (a: AllocationAuditor, c: AllocationCase) => c.workerId === a.id;

function conflictsRef(req: AllocationRequest, a: AllocationAuditor, c: AllocationCase): Set<ConflictKind> {
  const teamNow = (s: string) => req.staffTeams?.[s] ?? null;
  const out = new Set<ConflictKind>();
  const currentTeams = [c.teamId, c.workerId === null ? null : teamNow(c.workerId)];
  if (a.teamId !== null && currentTeams.includes(a.teamId)) out.add('ownTeamCurrent');
  const pastWorkers = c.pastWorkerIds.filter((w) => w !== c.workerId);
  if (pastWorkers.includes(a.id)) out.add('ownCasePast');
  const pastTeams = [...c.pastTeamIds, ...pastWorkers.map(teamNow)];
  if (a.teamId !== null && !out.has('ownTeamCurrent') && pastTeams.includes(a.teamId)) out.add('ownTeamPast');
  return out;
}

const clean = (req: AllocationRequest, a: AllocationAuditor, c: AllocationCase) => !barredRef(a, c) && conflictsRef(req, a, c).size === 0;
const hasCurrent = (k: Set<ConflictKind>) => k.has('ownTeamCurrent');

const targetOf = (req: AllocationRequest, a: AllocationAuditor) => Math.max(0, Math.min(req.casesPerAuditor, a.capacity));
const eligibleCases = (req: AllocationRequest) => req.cases.filter((c) => eligibleRef(req, c));
/** The most an auditor could be given on their own: their target, or every eligible case they may take. */
const reachOf = (req: AllocationRequest, a: AllocationAuditor) => Math.min(targetOf(req, a), eligibleCases(req).filter((c) => !barredRef(a, c)).length);

/** Loads are even: nobody with room to spare has two fewer than anyone else. */
function balanced(loads: readonly number[], targets: readonly number[]): boolean {
  return loads.every((v, a) => v <= (targets[a] as number) && (v === targets[a] || loads.every((w) => w <= v + 1)));
}

function slotsOf(req: AllocationRequest, loads: readonly number[]): AllocationAuditor[] {
  const slots: AllocationAuditor[] = [];
  req.auditors.forEach((a, i) => {
    for (let k = 0; k < (loads[i] as number); k++) slots.push(a);
  });
  return slots;
}

/** Most places that can be filled at all, each auditor up to `caps[a]`, never with their own case (slot-expanded Kuhn). */
function maxAllowedWithCaps(req: AllocationRequest, cases: readonly AllocationCase[], caps: readonly number[]): number {
  const slots = slotsOf(req, caps);
  const matchOf = new Map<number, number>(); // case index → slot index
  const tryMatch = (s: number, seen: Set<number>): boolean => {
    for (let c = 0; c < cases.length; c++) {
      if (seen.has(c) || barredRef(slots[s] as AllocationAuditor, cases[c] as AllocationCase)) continue;
      seen.add(c);
      const other = matchOf.get(c);
      if (other === undefined || tryMatch(other, seen)) {
        matchOf.set(c, s);
        return true;
      }
    }
    return false;
  };
  let size = 0;
  for (let s = 0; s < slots.length; s++) if (tryMatch(s, new Set())) size++;
  return size;
}

/** Least-cost assignment of every row to its own column (Hungarian method); rows ≤ columns. */
function minCostAssignment(cost: readonly (readonly number[])[], columns: number): number {
  const n = cost.length;
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(columns + 1).fill(0);
  const rowOf = new Array<number>(columns + 1).fill(0);
  const way = new Array<number>(columns + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    rowOf[0] = i;
    let j0 = 0;
    const minv = new Array<number>(columns + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Array<boolean>(columns + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = rowOf[j0]!;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= columns; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= columns; j++) {
        if (used[j]) {
          u[rowOf[j]!] = u[rowOf[j]!]! + delta;
          v[j] = v[j]! - delta;
        } else minv[j] = minv[j]! - delta;
      }
      j0 = j1;
    } while (rowOf[j0] !== 0);
    do {
      const j1 = way[j0]!;
      rowOf[j0] = rowOf[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  let total = 0;
  for (let j = 1; j <= columns; j++) if (rowOf[j]! > 0) total += cost[rowOf[j]! - 1]![j - 1]!;
  return total;
}

const BARRED = 1_000;

/**
 * Most conflict-free places in a complete assignment with exactly `loads[a]` places per auditor,
 * none of them the auditor's own case (linked places cost 1, own cases cost BARRED); null if no
 * complete assignment exists.
 */
function maxCleanComplete(req: AllocationRequest, cases: readonly AllocationCase[], loads: readonly number[]): number | null {
  const slots = slotsOf(req, loads);
  if (slots.length > cases.length) return null;
  const cost = slots.map((a) => cases.map((c) => (barredRef(a, c) ? BARRED : clean(req, a, c) ? 0 : 1)));
  const linked = minCostAssignment(cost, cases.length);
  return linked >= BARRED ? null : slots.length - linked;
}

/** Every load vector the rules allow for a round of this size. */
function allowedLoads(targets: readonly number[], size: number): number[][] {
  const out: number[][] = [];
  const walk = (i: number, acc: number[], sum: number) => {
    if (sum > size) return;
    if (i === targets.length) {
      if (sum === size && balanced(acc, targets)) out.push(acc.slice());
      return;
    }
    for (let v = 0; v <= (targets[i] as number); v++) {
      acc.push(v);
      walk(i + 1, acc, sum + v);
      acc.pop();
    }
  };
  walk(0, [], 0);
  return out;
}

// ---------- Generators ----------

const TEAMS = ['t0', 't1', 't2', 't3'];
const STAFF = ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7'];
const STATUSES: LegalStatus[] = ['earlyHelp', 'childInNeed', 'childProtection', 'childInCare', 'careLeaver'];
const BANDS: AgeBand[] = ['unborn', '0-4', '5-9', '10-15', '16-17', '18+'];

const caseArb = fc.record({
  teamId: fc.constantFrom(...TEAMS),
  workerId: fc.option(fc.constantFrom(...STAFF), { nil: null }),
  legalStatus: fc.constantFrom(...STATUSES),
  ageBand: fc.constantFrom(...BANDS),
  pastTeamIds: fc.subarray(TEAMS, { maxLength: 2 }),
  pastWorkerIds: fc.subarray(STAFF, { maxLength: 2 }),
  lastAuditedOn: fc.option(
    fc.integer({ min: -800, max: 20 }).map((d) => addDaysRef(ROUND_DATE, d)),
    { nil: null, freq: 2 },
  ),
});

const auditorArb = fc.record({
  id: fc.constantFrom(...STAFF.slice(0, 6)),
  teamId: fc.option(fc.constantFrom(...TEAMS.slice(0, 3)), { nil: null, freq: 5 }),
  capacity: fc.integer({ min: 0, max: 3 }),
});

const roundArb: fc.Arbitrary<AllocationRequest> = fc
  .record({
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    casesPerAuditor: fc.integer({ min: 0, max: 3 }),
    reauditIntervalMonths: fc.option(fc.integer({ min: 0, max: 24 }), { nil: undefined }),
    auditors: fc.uniqueArray(auditorArb, { selector: (a) => a.id, maxLength: 5 }),
    cases: fc.array(caseArb, { maxLength: 14 }),
    staffTeams: fc.option(fc.dictionary(fc.constantFrom(...STAFF), fc.option(fc.constantFrom(...TEAMS), { nil: null })), { nil: undefined }),
  })
  .map(({ cases, reauditIntervalMonths, staffTeams, ...rest }) => {
    const req: AllocationRequest = {
      ...rest,
      roundDate: ROUND_DATE,
      cases: cases.map((c, i) => ({ id: `c${String(i).padStart(2, '0')}`, ...c })),
    };
    if (reauditIntervalMonths !== undefined) req.reauditIntervalMonths = reauditIntervalMonths;
    if (staffTeams !== undefined) req.staffTeams = staffTeams;
    return req;
  });

/** Few cases, mostly worked by the auditors themselves: the own-case bar decides much of the round. */
const ownHeavyRoundArb: fc.Arbitrary<AllocationRequest> = fc
  .tuple(roundArb, fc.array(fc.nat(), { minLength: 14, maxLength: 14 }), fc.integer({ min: 1, max: 7 }))
  .map(([req, picks, keep]) => {
    const ids = req.auditors.map((a) => a.id);
    const cases = req.cases.slice(0, keep).map((c, i) => ({ ...c, workerId: ids.length > 0 && picks[i]! % 5 !== 0 ? ids[picks[i]! % ids.length]! : c.workerId }));
    return { ...req, casesPerAuditor: Math.max(1, req.casesPerAuditor), cases };
  });

const anyRoundArb = fc.oneof(roundArb, ownHeavyRoundArb);

const byAuditor = (req: AllocationRequest, res: AllocationResult) =>
  req.auditors.map((a) => res.allocations.filter((x) => x.auditorId === a.id).length);

const caseById = (req: AllocationRequest) => new Map(req.cases.map((c) => [c.id, c]));
const auditorById = (req: AllocationRequest) => new Map(req.auditors.map((a) => [a.id, a]));

// ---------- Properties ----------

describe('allocate: properties over random rounds', () => {
  it('allocates each case at most once, only eligible cases, to even loads within capacity', () => {
    fc.assert(
      fc.property(anyRoundArb, (req) => {
        const res = allocate(req);
        const cases = caseById(req);
        const ids = res.allocations.map((x) => x.caseId);
        expect(new Set(ids).size).toBe(ids.length);
        for (const x of res.allocations) {
          const c = cases.get(x.caseId);
          expect(c).toBeDefined();
          expect(eligibleRef(req, c as AllocationCase)).toBe(true);
          expect(x.reason.length).toBeGreaterThan(10);
        }
        const targets = req.auditors.map((a) => targetOf(req, a));
        const loads = byAuditor(req, res);
        // As many places as can be filled at all without anyone's own case; even loads, except that
        // nobody goes beyond the eligible cases they may take.
        expect(loads.reduce((a, b) => a + b, 0)).toBe(maxAllowedWithCaps(req, eligibleCases(req), targets));
        expect(balanced(loads, req.auditors.map((a) => reachOf(req, a)))).toBe(true);
        // Auditors with nothing are listed, with a reason; nobody else is.
        expect(res.unallocatedAuditors.map((u) => u.auditorId).sort()).toEqual(req.auditors.filter((_, i) => loads[i] === 0).map((a) => a.id).sort());
        expect(res.unallocatedAuditors.every((u) => u.reason.length > 0)).toBe(true);
        for (const u of res.unallocatedAuditors) {
          const a = auditorById(req).get(u.auditorId) as AllocationAuditor;
          if (targetOf(req, a) > 0 && eligibleCases(req).length > 0 && reachOf(req, a) === 0) expect(u.reason).toMatch(/allocated worker on/);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never leaves an avoidable conflict: as many conflict-free allocations as any even-load assignment could have', () => {
    fc.assert(
      fc.property(anyRoundArb, (req) => {
        const res = allocate(req);
        const eligible = eligibleCases(req);
        const reach = req.auditors.map((a) => reachOf(req, a));
        const size = res.allocations.length;
        // Over every even load vector, the most conflict-free places a complete assignment can have
        // when nobody may take their own case.
        const best = allowedLoads(reach, size).reduce((m, loads) => Math.max(m, maxCleanComplete(req, eligible, loads) ?? -1), -1);
        expect(best).toBeGreaterThanOrEqual(0);
        const cleanCount = res.allocations.filter((x) => x.conflicts.length === 0).length;
        expect(cleanCount).toBe(best);
        if (best === size) expect(res.needsConfirmation).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('flags every link it could not avoid, and picks the least-linked case left', () => {
    fc.assert(
      fc.property(anyRoundArb, (req) => {
        const res = allocate(req);
        const cases = caseById(req);
        const auditors = auditorById(req);
        const allocated = new Set(res.allocations.map((x) => x.caseId));
        for (const x of res.allocations) {
          const a = auditors.get(x.auditorId) as AllocationAuditor;
          // The cases left that this auditor could have had instead.
          const free = req.cases.filter((c) => !allocated.has(c.id) && eligibleRef(req, c) && !barredRef(a, c));
          const expected = conflictsRef(req, a, cases.get(x.caseId) as AllocationCase);
          expect(new Set(x.conflicts)).toEqual(expected);
          if (expected.size === 0) continue;
          expect(x.reason).toMatch(/^No conflict-free case was left/);
          // Nothing lighter was left unused.
          expect(free.some((c) => clean(req, a, c))).toBe(false);
          if (hasCurrent(expected)) expect(free.some((c) => !hasCurrent(conflictsRef(req, a, c)))).toBe(false);
        }
        expect(res.needsConfirmation).toBe(res.allocations.some((x) => x.conflicts.length > 0));
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same allocation for the same request, whatever order auditors and cases come in', () => {
    fc.assert(
      fc.property(anyRoundArb, fc.integer(), (req, shuffleSeed) => {
        const first = allocate(req);
        expect(allocate(structuredClone(req))).toEqual(first);
        const rotate = <T,>(xs: T[]) => (xs.length === 0 ? xs : [...xs.slice(Math.abs(shuffleSeed) % xs.length), ...xs.slice(0, Math.abs(shuffleSeed) % xs.length)].reverse());
        expect(allocate({ ...req, auditors: rotate(req.auditors), cases: rotate(req.cases) })).toEqual(first);
      }),
      { numRuns: 200 },
    );
  });

  it('explains rounds that cannot be allocated in full, without throwing', () => {
    fc.assert(
      fc.property(anyRoundArb, (req) => {
        const res = allocate(req);
        const targets = req.auditors.map((a) => targetOf(req, a));
        const totalTarget = targets.reduce((a, b) => a + b, 0);
        const eligible = req.cases.filter((c) => eligibleRef(req, c)).length;
        const barHolds = req.auditors.some((a) => reachOf(req, a) < targetOf(req, a));
        if (req.auditors.length === 0 || totalTarget === 0 || eligible === 0 || eligible < totalTarget || barHolds) {
          expect(res.problems.length).toBeGreaterThan(0);
        } else {
          expect(res.problems).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('accepts a swap exactly when it obeys the rules', () => {
    fc.assert(
      fc.property(anyRoundArb, fc.nat(), fc.nat(), (req, pickAllocation, pickCase) => {
        const res = allocate(req);
        fc.pre(res.allocations.length > 0 && req.cases.length > 0);
        const current = res.allocations[pickAllocation % res.allocations.length]!;
        const target = req.cases[pickCase % req.cases.length]!;
        const auditor = auditorById(req).get(current.auditorId) as AllocationAuditor;
        const allocatedElsewhere = new Set(res.allocations.map((x) => x.caseId).filter((id) => id !== current.caseId));
        const choices = req.cases.filter((c) => !allocatedElsewhere.has(c.id) && eligibleRef(req, c));
        const expectOk =
          target.id !== current.caseId &&
          !allocatedElsewhere.has(target.id) &&
          eligibleRef(req, target) &&
          !barredRef(auditor, target) &&
          (clean(req, auditor, target) || !choices.some((c) => clean(req, auditor, c)));
        const verdict = checkSwap(req, res, current, target.id);
        expect(verdict.ok).toBe(expectOk);
        if (verdict.ok) {
          expect(verdict.allocation.caseId).toBe(target.id);
          expect(verdict.allocation.auditorId).toBe(auditor.id);
          expect(new Set(verdict.allocation.conflicts)).toEqual(conflictsRef(req, auditor, target));
        } else {
          expect(verdict.reason.length).toBeGreaterThan(10);
          if (barredRef(auditor, target) && req.cases.some((c) => c.id === target.id)) expect(verdict.reason).toMatch(/allocated worker/);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never gives an auditor a case they are the allocated worker on, and says who was left short by it', () => {
    fc.assert(
      fc.property(anyRoundArb, (req) => {
        const res = allocate(req);
        const cases = caseById(req);
        for (const x of res.allocations) expect(cases.get(x.caseId)?.workerId).not.toBe(x.auditorId);
        // The even share each auditor would be sure of if no case were barred: the least they get
        // in any even load vector over their targets.
        const targets = req.auditors.map((a) => targetOf(req, a));
        const places = Math.min(eligibleCases(req).length, targets.reduce((a, b) => a + b, 0));
        const shares = allowedLoads(targets, places);
        const loads = byAuditor(req, res);
        const short = req.auditors.filter((_, i) => (loads[i] as number) < Math.min(...shares.map((l) => l[i] as number)));
        const said = res.problems.filter((p) => /allocated worker on/.test(p));
        expect(said).toHaveLength(short.length > 0 ? 1 : 0);
        if (short.length > 0) expect(said[0]).toMatch(new RegExp(`^${short.length} auditors? ha(s|ve) fewer cases than an even share`));
      }),
      { numRuns: 400 },
    );
  });
});

// ---------- Examples ----------

let nextCase = 0;
function mkCase(over: Partial<AllocationCase> & { teamId: string }): AllocationCase {
  nextCase++;
  return {
    id: `case-${String(nextCase).padStart(5, '0')}`,
    workerId: null,
    legalStatus: 'childInNeed',
    ageBand: '5-9',
    pastTeamIds: [],
    pastWorkerIds: [],
    lastAuditedOn: null,
    ...over,
  };
}

function round(over: Partial<AllocationRequest>): AllocationRequest {
  return { seed: 1, roundDate: ROUND_DATE, casesPerAuditor: 1, auditors: [], cases: [], ...over };
}

describe('allocate: examples', () => {
  it('does not let the draft order strand an auditor with only linked cases', () => {
    // Only the team-3 case suits auditor B; A must take the team-2 case, whoever drafts first.
    const cases = [mkCase({ teamId: 't3' }), mkCase({ teamId: 't2' })];
    const auditors = [
      { id: 'A', teamId: 't1', capacity: 1 },
      { id: 'B', teamId: 't2', capacity: 1 },
    ];
    for (let seed = 0; seed < 40; seed++) {
      const res = allocate(round({ seed, auditors, cases }));
      expect(res.needsConfirmation).toBe(false);
      expect(res.allocations.find((x) => x.auditorId === 'B')?.caseId).toBe(cases[0]!.id);
    }
  });

  it('prefers a case the team worked on before over one it works on now, moving others to make room', () => {
    const pastLink = mkCase({ teamId: 't3', pastTeamIds: ['t1'] });
    const currentLink = mkCase({ teamId: 't1' });
    const auditors = [
      { id: 'A', teamId: 't1', capacity: 1 },
      { id: 'B', teamId: 't2', capacity: 1 },
    ];
    for (let seed = 0; seed < 40; seed++) {
      const res = allocate(round({ seed, auditors, cases: [pastLink, currentLink] }));
      const a = res.allocations.find((x) => x.auditorId === 'A');
      expect(a?.caseId).toBe(pastLink.id);
      expect(a?.conflicts).toEqual(['ownTeamPast']);
      expect(a?.reason).toContain('worked on the case before (history)');
      expect(res.needsConfirmation).toBe(true);
      expect(res.allocations.find((x) => x.auditorId === 'B')?.conflicts).toEqual([]);
    }
  });

  it('never gives an auditor the case they are the allocated worker on, even when it is the only case left, and says why', () => {
    const own = mkCase({ teamId: 't2', workerId: 'A' });
    const only = allocate(round({ auditors: [{ id: 'A', teamId: 't1', capacity: 1 }], cases: [own] }));
    expect(only.allocations).toEqual([]);
    expect(only.unallocatedAuditors).toEqual([{ auditorId: 'A', reason: expect.stringMatching(/^The only eligible cases are ones this auditor is the allocated worker on/) }]);
    expect(only.problems).toEqual(['1 auditor has fewer cases than an even share: the only eligible cases left are ones they are the allocated worker on, and nobody audits a case they work on.']);
    // With room for two, the auditor keeps the one case they may audit and the own case is left.
    const other = mkCase({ teamId: 't3' });
    const two = allocate(round({ casesPerAuditor: 2, auditors: [{ id: 'A', teamId: 't1', capacity: 2 }], cases: [own, other] }));
    expect(two.allocations.map((x) => x.caseId)).toEqual([other.id]);
    expect(two.unallocatedAuditors).toEqual([]);
    expect(two.problems.join(' ')).toMatch(/fewer cases than an even share: the only eligible cases left are ones they are the allocated worker on/);
  });

  it('moves another auditor to a linked case rather than give anyone their own case', () => {
    // B may take either case; A may take only the first, as A works on the second.
    const free = mkCase({ teamId: 't3', workerId: 'w1' });
    const aOwn = mkCase({ teamId: 't2', workerId: 'A' });
    const auditors = [
      { id: 'A', teamId: 't1', capacity: 1 },
      { id: 'B', teamId: 't2', capacity: 1 },
    ];
    for (let seed = 0; seed < 40; seed++) {
      const res = allocate(round({ seed, auditors, cases: [free, aOwn] }));
      expect(res.allocations.map((x) => [x.auditorId, x.caseId, x.conflicts])).toEqual([
        ['A', free.id, []],
        ['B', aOwn.id, ['ownTeamCurrent']],
      ]);
      expect(res.needsConfirmation).toBe(true);
      expect(res.problems).toEqual([]);
    }
  });

  it('still picks the least-linked case when own cases leave little choice', () => {
    // B works on two of the three cases, so B must take the third; A then has a past link or a current one to choose from.
    const pastLink = mkCase({ teamId: 't3', pastTeamIds: ['t1'], workerId: 'B' });
    const currentLink = mkCase({ teamId: 't1', workerId: 'B' });
    const forB = mkCase({ teamId: 't1', workerId: 'w1' });
    const auditors = [
      { id: 'A', teamId: 't1', capacity: 1 },
      { id: 'B', teamId: 't1', capacity: 1 },
    ];
    for (let seed = 0; seed < 40; seed++) {
      const res = allocate(round({ seed, auditors, cases: [pastLink, currentLink, forB] }));
      expect(res.allocations.map((x) => [x.auditorId, x.caseId, x.conflicts])).toEqual([
        ['A', pastLink.id, ['ownTeamPast']],
        ['B', forB.id, ['ownTeamCurrent']],
      ]);
    }
  });

  it("treats a case as the team's when its worker now sits in the auditor's team", () => {
    const c = mkCase({ teamId: 't2', workerId: 'w9' });
    const other = mkCase({ teamId: 't3' });
    const req = round({ auditors: [{ id: 'A', teamId: 't1', capacity: 1 }], cases: [c, other], staffTeams: { w9: 't1' } });
    const res = allocate(req);
    expect(res.allocations.map((x) => x.caseId)).toEqual([other.id]);
    const forced = allocate({ ...req, cases: [c] });
    expect(forced.allocations[0]?.conflicts).toEqual(['ownTeamCurrent']);
  });

  it('says what history it checked', () => {
    const auditors = [{ id: 'A', teamId: 't1', capacity: 1 }];
    const none = allocate(round({ auditors, cases: [mkCase({ teamId: 't2' })] }));
    expect(none.historyChecked).toMatch(/^current team and worker only/);
    expect(none.allocations[0]?.reason).toMatch(/^Random pick 1 of 1 among the team's Child in need cases; no link between auditor and case/);
    const some = allocate(round({ auditors, cases: [mkCase({ teamId: 't2', pastWorkerIds: ['x'] })] }));
    expect(some.historyChecked).toContain('past teams and workers');
  });

  it('spreads the sample across teams, then legal statuses, whatever their sizes', () => {
    const cases: AllocationCase[] = [];
    for (let t = 0; t < 8; t++) {
      const size = t === 0 ? 400 : 15;
      for (let i = 0; i < size; i++) cases.push(mkCase({ teamId: `team-${t}`, legalStatus: STATUSES[i % STATUSES.length]! }));
    }
    const auditors = [{ id: 'QA', teamId: null, capacity: 40 }];
    for (let seed = 0; seed < 10; seed++) {
      const res = allocate(round({ seed, casesPerAuditor: 40, auditors, cases }));
      const byTeam = new Map<string, AllocationCase[]>();
      const all = caseById(round({ cases }));
      for (const x of res.allocations) {
        const c = all.get(x.caseId)!;
        byTeam.set(c.teamId, [...(byTeam.get(c.teamId) ?? []), c]);
      }
      expect([...byTeam.values()].map((v) => v.length)).toEqual(Array(8).fill(5));
      for (const picked of byTeam.values()) expect(new Set(picked.map((c) => c.legalStatus)).size).toBe(5);
    }
  });

  it('usually draws a different allocation for a different seed', () => {
    const cases = Array.from({ length: 60 }, (_, i) => mkCase({ teamId: `t${i % 6}`, legalStatus: STATUSES[i % 5]! }));
    const auditors = Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, teamId: `t${i}`, capacity: 2 }));
    const key = (seed: number) => JSON.stringify(allocate(round({ seed, casesPerAuditor: 2, auditors, cases })).allocations.map((x) => [x.auditorId, x.caseId]));
    const draws = new Set(Array.from({ length: 30 }, (_, s) => key(s * 7919 + 3)));
    expect(draws.size).toBeGreaterThanOrEqual(28);
    expect(key(12345)).toBe(key(12345));
  });

  it('respects the re-audit interval to the day, clamping at month ends', () => {
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2028-03-31', 1)).toBe('2028-02-29');
    expect(monthsBefore('2026-01-15', 12)).toBe('2025-01-15');
    expect(monthsBefore('2026-01-15', 25)).toBe('2023-12-15');
    const onCutoff = mkCase({ teamId: 't2', lastAuditedOn: '2026-02-28' });
    const dayAfter = mkCase({ teamId: 't2', lastAuditedOn: '2026-03-01' });
    const auditors = [{ id: 'A', teamId: 't1', capacity: 2 }];
    const res = allocate(round({ roundDate: '2026-03-31', reauditIntervalMonths: 1, casesPerAuditor: 2, auditors, cases: [onCutoff, dayAfter] }));
    expect(res.allocations.map((x) => x.caseId)).toEqual([onCutoff.id]);
    // Default interval: twelve months.
    const recent = mkCase({ teamId: 't2', lastAuditedOn: '2025-09-01' });
    const older = mkCase({ teamId: 't2', lastAuditedOn: '2025-03-31' });
    const dflt = allocate(round({ roundDate: '2026-03-31', casesPerAuditor: 2, auditors, cases: [recent, older] }));
    expect(dflt.allocations.map((x) => x.caseId)).toEqual([older.id]);
  });

  it('explains impossible rounds', () => {
    const someCases = [mkCase({ teamId: 't2' }), mkCase({ teamId: 't3' })];
    const A = { id: 'A', teamId: 't1', capacity: 2 };
    const cases = (r: AllocationResult) => r.problems.join(' ');
    expect(cases(allocate(round({ cases: someCases })))).toMatch(/no auditors/);
    expect(cases(allocate(round({ auditors: [A] })))).toMatch(/no open cases/);
    const recent = allocate(round({ auditors: [A], cases: [mkCase({ teamId: 't2', lastAuditedOn: '2026-05-01' })] }));
    expect(cases(recent)).toMatch(/audited within the last 12 months/);
    expect(recent.unallocatedAuditors).toEqual([{ auditorId: 'A', reason: 'No eligible cases this round.' }]);
    expect(cases(allocate(round({ auditors: [{ ...A, capacity: 0 }], cases: someCases })))).toMatch(/No auditor has capacity/);
    expect(cases(allocate(round({ casesPerAuditor: 0, auditors: [A], cases: someCases })))).toMatch(/Cases per auditor is 0/);
    const three = ['X', 'Y', 'Z'].map((id) => ({ id, teamId: null, capacity: 1 }));
    const short = allocate(round({ auditors: three, cases: someCases }));
    expect(cases(short)).toMatch(/Only 2 eligible cases for 3 auditors: 1 auditor gets none/);
    expect(short.allocations).toHaveLength(2);
    expect(short.unallocatedAuditors).toHaveLength(1);
    expect(cases(allocate(round({ seed: Number.NaN, auditors: [A], cases: someCases })))).toMatch(/seed/);
    expect(cases(allocate(round({ roundDate: '2026-02-30', auditors: [A], cases: someCases })))).toMatch(/not a real date/);
  });

  it('refuses a swap to a case already allocated, re-audited too soon, or linked when a clean one is free', () => {
    const clean1 = mkCase({ teamId: 't2' });
    const clean2 = mkCase({ teamId: 't3' });
    const linked1 = mkCase({ teamId: 't1' });
    const linked2 = mkCase({ teamId: 't1' });
    const recent = mkCase({ teamId: 't3', lastAuditedOn: '2026-01-01' });
    const auditors = [
      { id: 'A', teamId: 't1', capacity: 1 },
      { id: 'B', teamId: 't9', capacity: 1 },
    ];
    const req = round({ auditors, cases: [clean1, clean2, linked1, linked2, recent] });
    for (let seed = 0; seed < 10; seed++) {
      const res = allocate({ ...req, seed });
      const a = res.allocations.find((x) => x.auditorId === 'A')!;
      const b = res.allocations.find((x) => x.auditorId === 'B')!;
      const freeLinked = [linked1, linked2].find((c) => c.id !== b.caseId)!;
      expect(checkSwap(req, res, a, b.caseId)).toMatchObject({ ok: false, reason: expect.stringMatching(/already allocated/) });
      expect(checkSwap(req, res, a, recent.id)).toMatchObject({ ok: false, reason: expect.stringMatching(/re-audit interval/) });
      expect(checkSwap(req, res, a, freeLinked.id)).toMatchObject({ ok: false, reason: expect.stringMatching(/conflict-free case is still available/) });
      expect(checkSwap(req, res, a, 'nope')).toMatchObject({ ok: false });
      expect(checkSwap(req, res, { caseId: a.caseId, auditorId: 'B' }, freeLinked.id)).toMatchObject({ ok: false, reason: expect.stringMatching(/not part of this round/) });
      const freeClean = [clean1, clean2].find((c) => c.id !== a.caseId && c.id !== b.caseId);
      if (freeClean) expect(checkSwap(req, res, a, freeClean.id)).toMatchObject({ ok: true, allocation: { caseId: freeClean.id, auditorId: 'A', conflicts: [] } });
      // A case of team t1 carries no link for B.
      expect(checkSwap(req, res, b, freeLinked.id)).toMatchObject({ ok: true, allocation: { conflicts: [] } });
    }
  });

  it('refuses a swap to a case the auditor is the allocated worker on, even with no conflict-free case left', () => {
    const linked = mkCase({ teamId: 't1' });
    const own = mkCase({ teamId: 't3', workerId: 'A' });
    const req = round({ auditors: [{ id: 'A', teamId: 't1', capacity: 1 }], cases: [linked, own] });
    const res = allocate(req);
    expect(res.allocations).toMatchObject([{ caseId: linked.id, auditorId: 'A', conflicts: ['ownTeamCurrent'] }]);
    expect(checkSwap(req, res, res.allocations[0]!, own.id)).toEqual({
      ok: false,
      reason: 'That case cannot go to this auditor: they are its allocated worker now, and nobody audits a case they work on.',
    });
  });
});
