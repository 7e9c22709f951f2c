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

function conflictsRef(req: AllocationRequest, a: AllocationAuditor, c: AllocationCase): Set<ConflictKind> {
  const teamNow = (s: string) => req.staffTeams?.[s] ?? null;
  const out = new Set<ConflictKind>();
  const currentTeams = [c.teamId, c.workerId === null ? null : teamNow(c.workerId)];
  if (a.teamId !== null && currentTeams.includes(a.teamId)) out.add('ownTeamCurrent');
  if (c.workerId === a.id) out.add('ownCaseCurrent');
  const pastWorkers = c.pastWorkerIds.filter((w) => w !== c.workerId);
  if (pastWorkers.includes(a.id)) out.add('ownCasePast');
  const pastTeams = [...c.pastTeamIds, ...pastWorkers.map(teamNow)];
  if (a.teamId !== null && !out.has('ownTeamCurrent') && pastTeams.includes(a.teamId)) out.add('ownTeamPast');
  return out;
}

const clean = (req: AllocationRequest, a: AllocationAuditor, c: AllocationCase) => conflictsRef(req, a, c).size === 0;
const hasCurrent = (k: Set<ConflictKind>) => k.has('ownTeamCurrent') || k.has('ownCaseCurrent');

const targetOf = (req: AllocationRequest, a: AllocationAuditor) => Math.max(0, Math.min(req.casesPerAuditor, a.capacity));

/** Loads are even: nobody with room to spare has two fewer than anyone else. */
function balanced(loads: readonly number[], targets: readonly number[]): boolean {
  return loads.every((v, a) => v <= (targets[a] as number) && (v === targets[a] || loads.every((w) => w <= v + 1)));
}

/** Largest conflict-free assignment with exactly `loads[a]` places per auditor (slot-expanded Kuhn). */
function maxCleanWithLoads(req: AllocationRequest, cases: readonly AllocationCase[], loads: readonly number[]): number {
  const slots: AllocationAuditor[] = [];
  req.auditors.forEach((a, i) => {
    for (let k = 0; k < (loads[i] as number); k++) slots.push(a);
  });
  const matchOf = new Map<number, number>(); // case index → slot index
  const tryMatch = (s: number, seen: Set<number>): boolean => {
    for (let c = 0; c < cases.length; c++) {
      if (seen.has(c) || !clean(req, slots[s] as AllocationAuditor, cases[c] as AllocationCase)) continue;
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

const byAuditor = (req: AllocationRequest, res: AllocationResult) =>
  req.auditors.map((a) => res.allocations.filter((x) => x.auditorId === a.id).length);

const caseById = (req: AllocationRequest) => new Map(req.cases.map((c) => [c.id, c]));
const auditorById = (req: AllocationRequest) => new Map(req.auditors.map((a) => [a.id, a]));

// ---------- Properties ----------

describe('allocate: properties over random rounds', () => {
  it('allocates each case at most once, only eligible cases, to even loads within capacity', () => {
    fc.assert(
      fc.property(roundArb, (req) => {
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
        const eligible = req.cases.filter((c) => eligibleRef(req, c)).length;
        expect(loads.reduce((a, b) => a + b, 0)).toBe(Math.min(eligible, targets.reduce((a, b) => a + b, 0)));
        expect(balanced(loads, targets)).toBe(true);
        // Auditors with nothing are listed, with a reason; nobody else is.
        expect(res.unallocatedAuditors.map((u) => u.auditorId).sort()).toEqual(req.auditors.filter((_, i) => loads[i] === 0).map((a) => a.id).sort());
        expect(res.unallocatedAuditors.every((u) => u.reason.length > 0)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('never leaves an avoidable conflict: as many conflict-free allocations as any even-load assignment could have', () => {
    fc.assert(
      fc.property(roundArb, (req) => {
        const res = allocate(req);
        const eligible = req.cases.filter((c) => eligibleRef(req, c));
        const targets = req.auditors.map((a) => targetOf(req, a));
        const size = res.allocations.length;
        const best = allowedLoads(targets, size).reduce((m, loads) => Math.max(m, maxCleanWithLoads(req, eligible, loads)), 0);
        const cleanCount = res.allocations.filter((x) => x.conflicts.length === 0).length;
        expect(cleanCount).toBe(best);
        if (best === size) expect(res.needsConfirmation).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('flags every link it could not avoid, and picks the least-linked case left', () => {
    fc.assert(
      fc.property(roundArb, (req) => {
        const res = allocate(req);
        const cases = caseById(req);
        const auditors = auditorById(req);
        const allocated = new Set(res.allocations.map((x) => x.caseId));
        const free = req.cases.filter((c) => !allocated.has(c.id) && eligibleRef(req, c));
        for (const x of res.allocations) {
          const a = auditors.get(x.auditorId) as AllocationAuditor;
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
      fc.property(roundArb, fc.integer(), (req, shuffleSeed) => {
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
      fc.property(roundArb, (req) => {
        const res = allocate(req);
        const targets = req.auditors.map((a) => targetOf(req, a));
        const totalTarget = targets.reduce((a, b) => a + b, 0);
        const eligible = req.cases.filter((c) => eligibleRef(req, c)).length;
        if (req.auditors.length === 0 || totalTarget === 0 || eligible === 0 || eligible < totalTarget) {
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
      fc.property(roundArb, fc.nat(), fc.nat(), (req, pickAllocation, pickCase) => {
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
          (clean(req, auditor, target) || !choices.some((c) => clean(req, auditor, c)));
        const verdict = checkSwap(req, res, current, target.id);
        expect(verdict.ok).toBe(expectOk);
        if (verdict.ok) {
          expect(verdict.allocation.caseId).toBe(target.id);
          expect(verdict.allocation.auditorId).toBe(auditor.id);
          expect(new Set(verdict.allocation.conflicts)).toEqual(conflictsRef(req, auditor, target));
        } else {
          expect(verdict.reason.length).toBeGreaterThan(10);
        }
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
});
