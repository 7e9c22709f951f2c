import type { AgeBand, LegalStatus } from '../schemas/cases';
import { legalStatusLabels } from '../schemas/cases';
import type { IsoDate } from '../schemas/common';
import { ukDate } from '../calendar/londonTime';
import { createRandom } from '../random/seededRandom';
import type { SeededRandom } from '../random/seededRandom';

/**
 * Allocation of a monthly audit round: open cases picked at random (spread across teams, legal
 * statuses and ages) and shared among auditors, so that wherever possible no auditor gets a case
 * they or their team have worked on. Pure and repeatable: the same request gives the same result.
 *
 * One rule has no exception: an auditor never gets a case they are the allocated worker on now
 * (auditing one's own case is not an audit). Such a case is never a candidate for them; an auditor
 * left with only their own cases stays short, and the result says so.
 *
 * How: eligible cases are put in a stratified random order; auditors draft cases from that order
 * round-robin, and when an auditor finds nothing conflict-free left, an augmenting path moves other
 * auditors to other cases (Kuhn's bipartite matching with capacities). That finds the largest
 * conflict-free allocation there is under even loads. Only the places still empty then get the
 * least-linked case left, flagged for the QA lead to confirm. When cases are so few that the own-case
 * bar could strand an auditor, those places are filled by cheapest augmenting paths instead
 * (min-cost flow), which keeps the conflict-free count as high as any complete allocation allows.
 */

export interface AllocationAuditor {
  id: string;
  teamId: string | null;
  /** Most cases this auditor can take this round (≥ 0). */
  capacity: number;
}

export interface AllocationCase {
  id: string;
  teamId: string;
  workerId: string | null;
  legalStatus: LegalStatus;
  ageBand: AgeBand;
  pastTeamIds: string[];
  pastWorkerIds: string[];
  lastAuditedOn: IsoDate | null;
}

export interface AllocationRequest {
  seed: number;
  roundDate: IsoDate;
  casesPerAuditor: number;
  /** Cases audited more recently than this many months before the round are left out. Default 12. */
  reauditIntervalMonths?: number;
  auditors: AllocationAuditor[];
  cases: AllocationCase[];
  /**
   * Staff id → their team now, where known. A case's current or past worker who now sits in the
   * auditor's team links the case to that team too ("a case they or their team worked on").
   */
  staffTeams?: Record<string, string | null>;
}

/**
 * Links an allocation may carry, flagged for the QA lead. Being the case's allocated worker now is not
 * among them: that bars the case for the auditor outright.
 */
export type ConflictKind = 'ownTeamCurrent' | 'ownTeamPast' | 'ownCasePast';

export interface Allocation {
  caseId: string;
  auditorId: string;
  /** Empty when the auditor has no link to the case. */
  conflicts: ConflictKind[];
  /** Why it was made, in plain words. */
  reason: string;
}

export interface AllocationResult {
  seed: number;
  allocations: Allocation[];
  /** True when any allocation links auditor and case: the QA lead must confirm or swap. */
  needsConfirmation: boolean;
  unallocatedAuditors: { auditorId: string; reason: string }[];
  /** Why the round could not be allocated in full, in plain words. */
  problems: string[];
  /** What history the conflict rule checked. */
  historyChecked: string;
}

export type SwapCheck = { ok: true; allocation: Allocation } | { ok: false; reason: string };

export const DEFAULT_REAUDIT_INTERVAL_MONTHS = 12;

const conflictWords: Record<ConflictKind, string> = {
  ownTeamCurrent: "the auditor's team works on the case now",
  ownTeamPast: "the auditor's team worked on the case before (history)",
  ownCasePast: 'the auditor worked on the case before (history)',
};

/** A current link outweighs any past one; a personal link outweighs a team one. */
const conflictWeight: Record<ConflictKind, number> = {
  ownTeamCurrent: 4,
  ownCasePast: 2,
  ownTeamPast: 1,
};

/** Conflict kinds in the order they are listed. */
const conflictOrder: readonly ConflictKind[] = ['ownTeamCurrent', 'ownTeamPast', 'ownCasePast'];

/** Heaviest set of links one case can carry (a team link is current or past, never both). */
const MAX_SEVERITY = conflictWeight.ownTeamCurrent + conflictWeight.ownCasePast;

/** What of a case the conflict rules look at. */
type CaseTies = Pick<AllocationCase, 'teamId' | 'workerId' | 'pastTeamIds' | 'pastWorkerIds'>;

/** The teams and people a case links to, now and in its recorded history. */
interface CaseLinks {
  currentTeams: string[];
  workerId: string | null;
  pastTeams: string[];
  pastWorkers: string[];
}

function linksOf(c: CaseTies, staffTeams: Record<string, string | null> | undefined): CaseLinks {
  const teamOf = (staffId: string): string | null => (staffTeams && Object.hasOwn(staffTeams, staffId) ? (staffTeams[staffId] ?? null) : null);
  const currentTeams = [c.teamId];
  const workerTeam = c.workerId === null ? null : teamOf(c.workerId);
  if (workerTeam !== null && !currentTeams.includes(workerTeam)) currentTeams.push(workerTeam);
  const pastWorkers = unique(c.pastWorkerIds.filter((w) => w !== c.workerId));
  const pastTeams: string[] = [];
  const addPast = (t: string | null) => {
    if (t !== null && !currentTeams.includes(t) && !pastTeams.includes(t)) pastTeams.push(t);
  };
  c.pastTeamIds.forEach(addPast);
  pastWorkers.forEach((w) => addPast(teamOf(w)));
  return { currentTeams, workerId: c.workerId, pastTeams, pastWorkers };
}

/** The auditor is the case's allocated worker now: the case is never theirs to audit. */
function worksOn(auditor: { id: string }, links: CaseLinks): boolean {
  return links.workerId === auditor.id;
}

function conflictsBetween(auditor: { id: string; teamId: string | null }, links: CaseLinks): ConflictKind[] {
  const found: Record<ConflictKind, boolean> = {
    ownTeamCurrent: auditor.teamId !== null && links.currentTeams.includes(auditor.teamId),
    ownTeamPast: auditor.teamId !== null && links.pastTeams.includes(auditor.teamId),
    ownCasePast: links.pastWorkers.includes(auditor.id),
  };
  return conflictOrder.filter((k) => found[k]);
}

/** Summed weights of conflictsBetween(...) without building a list: scanned for every case when filling. Callers check worksOn first. */
function severityBetween(auditor: { id: string; teamId: string | null }, links: CaseLinks): number {
  let score = 0;
  if (auditor.teamId !== null && links.currentTeams.includes(auditor.teamId)) score += conflictWeight.ownTeamCurrent;
  if (auditor.teamId !== null && links.pastTeams.includes(auditor.teamId)) score += conflictWeight.ownTeamPast;
  if (links.pastWorkers.includes(auditor.id)) score += conflictWeight.ownCasePast;
  return score;
}

/** The hot path of matching: not conflict-free (linked, or the auditor's own case), without building a list. */
function isLinked(auditor: { id: string; teamId: string | null }, links: CaseLinks): boolean {
  if (worksOn(auditor, links)) return true;
  if (auditor.teamId !== null && (links.currentTeams.includes(auditor.teamId) || links.pastTeams.includes(auditor.teamId))) return true;
  return links.pastWorkers.includes(auditor.id);
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function isRealIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** The same day `months` calendar months earlier, clamped to the month's end (31/03 → 28/02). */
export function monthsBefore(date: IsoDate, months: number): IsoDate {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function intervalOf(req: Pick<AllocationRequest, 'reauditIntervalMonths'>): number {
  const v = req.reauditIntervalMonths ?? DEFAULT_REAUDIT_INTERVAL_MONTHS;
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : 0;
}

/** Why a case may not be audited in this round, or null when it may. */
function reauditBar(c: Pick<AllocationCase, 'lastAuditedOn'>, roundDate: IsoDate, intervalMonths: number): string | null {
  if (c.lastAuditedOn === null) return null;
  if (!isRealIsoDate(c.lastAuditedOn)) return 'its last audit date cannot be read';
  const cutoff = monthsBefore(roundDate, intervalMonths);
  if (c.lastAuditedOn > cutoff || c.lastAuditedOn > roundDate) {
    return `it was last audited on ${ukDate(c.lastAuditedOn)}, within the ${intervalMonths}-month re-audit interval`;
  }
  return null;
}

const wholeAtLeastZero = (n: number) => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function describeHistory(cases: readonly AllocationCase[], staffTeams: AllocationRequest['staffTeams']): string {
  const anyHistory = cases.some((c) => c.pastTeamIds.length > 0 || c.pastWorkerIds.length > 0);
  const viaStaff = staffTeams !== undefined && Object.keys(staffTeams).length > 0 ? "; a case's workers also link it to the teams they sit in now" : '';
  return anyHistory
    ? `current team and worker, and past teams and workers where the case record lists them${viaStaff}`
    : `current team and worker only: no case record lists past teams or workers yet${viaStaff}`;
}

/** Round-robin merge: one from each queue in turn, so every queue is represented early. */
function interleave<T>(queues: readonly (readonly T[])[]): T[] {
  const out: T[] = [];
  const longest = queues.reduce((m, q) => Math.max(m, q.length), 0);
  for (let i = 0; i < longest; i++) for (const q of queues) if (i < q.length) out.push(q[i] as T);
  return out;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const g = groups.get(k);
    if (g) g.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

interface Ranked {
  c: AllocationCase;
  /** 1-based place in its team × legal status stratum's random order, and the stratum's size. */
  rank: number;
  of: number;
}

/**
 * Eligible cases in the order they are drawn: teams take turns; within a team, legal statuses take
 * turns; within those, age bands take turns; each group shuffled. Any prefix spreads across the service.
 */
function stratifiedOrder(cases: readonly AllocationCase[], rng: SeededRandom): Ranked[] {
  const keysOf = <T>(m: Map<string, T>) => rng.shuffle([...m.keys()].sort());
  const byTeam = groupBy(cases, (c) => c.teamId);
  const teamQueues = keysOf(byTeam).map((team) => {
    const byStatus = groupBy(byTeam.get(team) ?? [], (c) => c.legalStatus);
    const statusQueues = keysOf(byStatus).map((status) => {
      const byAge = groupBy(byStatus.get(status) ?? [], (c) => c.ageBand);
      const ageQueues = keysOf(byAge).map((band) => rng.shuffle(byAge.get(band) ?? []));
      const merged = interleave(ageQueues);
      return merged.map((c, i): Ranked => ({ c, rank: i + 1, of: merged.length }));
    });
    return interleave(statusQueues);
  });
  return interleave(teamQueues);
}

interface Slotting {
  /** Places every auditor must get before anyone gets one more. */
  base: number[];
  /** How many auditors get one place above base (cases ran short), or 0. */
  extras: number;
  /** Who may get that one more. */
  extraCandidate: boolean[];
}

/** Even loads when cases run short: fill level by level; the last partial level is shared by matching. */
function slotting(targets: readonly number[], caseCount: number): Slotting {
  const total = targets.reduce((a, b) => a + b, 0);
  if (caseCount >= total) return { base: targets.slice(), extras: 0, extraCandidate: targets.map(() => false) };
  let level = 0;
  const filled = (l: number) => targets.reduce((sum, t) => sum + Math.min(t, l), 0);
  while (filled(level + 1) <= caseCount) level++;
  const base = targets.map((t) => Math.min(t, level));
  return { base, extras: caseCount - filled(level), extraCandidate: targets.map((t) => t > level) };
}

interface Auditor {
  id: string;
  teamId: string | null;
  target: number;
}

/** Bipartite b-matching of auditors to cases along conflict-free links, grown by augmenting paths. */
class Matcher {
  readonly owner: Int32Array;
  /** Whether the case's current holding is conflict-free; only those may be moved to make room. */
  readonly ownerClean: Uint8Array;
  readonly held: number[][];
  readonly taken: number[] = [];
  private readonly pointer: Int32Array;
  private readonly caseMark: Int32Array;
  private readonly auditorMark: Int32Array;
  private stamp = 0;

  constructor(
    readonly auditors: readonly Auditor[],
    readonly links: readonly CaseLinks[],
  ) {
    this.owner = new Int32Array(links.length).fill(-1);
    this.ownerClean = new Uint8Array(links.length);
    this.held = auditors.map(() => []);
    this.pointer = new Int32Array(auditors.length);
    this.caseMark = new Int32Array(links.length);
    this.auditorMark = new Int32Array(auditors.length);
  }

  linked(a: number, c: number): boolean {
    return isLinked(this.auditors[a] as Auditor, this.links[c] as CaseLinks);
  }

  /** One more conflict-free case for auditor a, moving others along conflict-free links if need be. */
  augment(a: number): boolean {
    this.stamp++;
    return this.search(a);
  }

  /**
   * After a failed augment: every auditor the search reached is stuck too, as all it could reach
   * lies inside the same fruitless search tree; and by Kuhn's lemma it stays stuck as others gain.
   */
  reachedInLastSearch(): number[] {
    const out: number[] = [];
    for (let a = 0; a < this.auditors.length; a++) if (this.auditorMark[a] === this.stamp) out.push(a);
    return out;
  }

  /**
   * The least-linked case for auditor a, given that no conflict-free one can be had. Cases with
   * lighter links come first; one held conflict-free by someone else is taken when they can move.
   */
  fillLinked(a: number): boolean {
    const auditor = this.auditors[a] as Auditor;
    // One pass: the first free case of the lightest severity, and held cases lighter than it by severity.
    let bestFree = -1;
    let bestFreeSeverity = Number.POSITIVE_INFINITY;
    const heldBySeverity = new Map<number, number[]>();
    for (let c = 0; c < this.links.length; c++) {
      const free = this.owner[c] === -1;
      if (!free && this.ownerClean[c] !== 1) continue;
      const caseLinks = this.links[c] as CaseLinks;
      if (worksOn(auditor, caseLinks)) continue;
      const severity = severityBetween(auditor, caseLinks);
      // Held clean-for-a cases are out of reach (the clean allocation is maximal); a free one cannot
      // be left either, but is taken if found rather than leaving a place empty.
      if (severity === 0 && !free) continue;
      if (free) {
        if (severity < bestFreeSeverity) {
          bestFree = c;
          bestFreeSeverity = severity;
        }
      } else {
        const list = heldBySeverity.get(severity);
        if (list) list.push(c);
        else heldBySeverity.set(severity, [c]);
      }
    }
    // A lighter link held conflict-free by someone who can move elsewhere beats a heavier free one.
    const lighter = [...heldBySeverity.keys()].filter((sev) => sev < bestFreeSeverity).sort((x, y) => x - y);
    for (const severity of lighter) {
      this.stamp++;
      this.auditorMark[a] = this.stamp;
      for (const c of heldBySeverity.get(severity) ?? []) {
        const b = this.owner[c] as number;
        if (this.caseMark[c] === this.stamp) continue;
        this.caseMark[c] = this.stamp;
        if (this.auditorMark[b] === this.stamp) continue;
        if (this.search(b)) {
          this.move(c, b, a, false);
          return true;
        }
      }
    }
    if (bestFree >= 0) {
      this.give(a, bestFree, bestFreeSeverity === 0);
      return true;
    }
    return false;
  }

  /**
   * Fills every place still open by cheapest augmenting paths (min-cost flow, primal-dual: Dijkstra
   * with potentials over the auditors, each case an arc from whoever could take it to its holder, or
   * to the end when free; then every other path of zero reduced cost before the next Dijkstra). A
   * linked case costs LINKED plus its severity, so fewer links always win, then lighter ones; an
   * auditor's own case is no arc at all. The conflict-free matching it starts from costs 0, the least
   * for its size, and each cheapest path keeps that true, so the complete allocation has as few links
   * as any complete one can. Used only when the own-case bar could strand an auditor, which needs
   * cases to be few: each phase scans every case once per auditor.
   */
  fillByCheapestPaths(base: readonly number[], extras: number, extraCandidate: readonly boolean[], hasExtra: boolean[]): void {
    const count = this.auditors.length;
    const POOL = count; // the node handing out the one-more places
    const END = count + 1; // reached through a free case
    const places = base.reduce((s, b) => s + b, 0) + extras;
    const LINKED = MAX_SEVERITY * places + 1;
    /** For a case the auditor may take (callers check worksOn). */
    const cost = (a: number, c: number): number => {
      const severity = severityBetween(this.auditors[a] as Auditor, this.links[c] as CaseLinks);
      return severity === 0 ? 0 : LINKED + severity;
    };
    const holderCost = new Float64Array(this.links.length);
    for (let c = 0; c < this.links.length; c++) if ((this.owner[c] as number) >= 0) holderCost[c] = cost(this.owner[c] as number, c);
    const baseHeld = this.held.map((h, a) => h.length - (hasExtra[a] ? 1 : 0));
    let extrasGiven = hasExtra.filter(Boolean).length;
    const potential = new Float64Array(count + 2);
    const dist = new Float64Array(count + 2);
    const settled = new Uint8Array(count + 2);
    const prevNode = new Int32Array(count + 2); // -1: straight from the source
    const prevCase = new Int32Array(count + 2); // the case carried on the arc in, or -1

    for (;;) {
      dist.fill(Number.POSITIVE_INFINITY);
      settled.fill(0);
      let open = false;
      const start = (v: number) => {
        dist[v] = -(potential[v] as number);
        prevNode[v] = -1;
        prevCase[v] = -1;
        open = true;
      };
      for (let a = 0; a < count; a++) if ((baseHeld[a] as number) < (base[a] as number)) start(a);
      if (extrasGiven < extras) start(POOL);
      if (!open) return;

      for (;;) {
        let u = -1;
        for (let v = 0; v < count + 2; v++) if (settled[v] === 0 && (dist[v] as number) < (u === -1 ? Number.POSITIVE_INFINITY : (dist[u] as number))) u = v;
        if (u === -1 || u === END) break;
        settled[u] = 1;
        const du = (dist[u] as number) + (potential[u] as number);
        const relax = (v: number, d: number, c: number) => {
          if (settled[v] === 0 && d < (dist[v] as number)) {
            dist[v] = d;
            prevNode[v] = u;
            prevCase[v] = c;
          }
        };
        if (u === POOL) {
          for (let h = 0; h < count; h++) if (extraCandidate[h] && !hasExtra[h]) relax(h, du - (potential[h] as number), -1);
          continue;
        }
        if (hasExtra[u]) relax(POOL, du - (potential[POOL] as number), -1);
        const auditor = this.auditors[u] as Auditor;
        for (let c = 0; c < this.links.length; c++) {
          const holder = this.owner[c] as number;
          if (holder === u) continue;
          if (worksOn(auditor, this.links[c] as CaseLinks)) continue;
          const w = cost(u, c);
          if (holder === -1) relax(END, du + w - (potential[END] as number), c);
          else relax(holder, du + w - (holderCost[c] as number) - (potential[holder] as number), c);
        }
      }
      const reach = dist[END] as number;
      if (reach === Number.POSITIVE_INFINITY) return; // no path: the caller reports the empty place
      for (let v = 0; v < count + 2; v++) potential[v] = (potential[v] as number) + Math.min(dist[v] as number, reach);

      // Walk the path back: the last auditor takes the free case, each before takes the case given up after it.
      let node = prevNode[END] as number;
      const freeCase = prevCase[END] as number;
      holderCost[freeCase] = cost(node, freeCase);
      this.give(node, freeCase, holderCost[freeCase] === 0);
      for (;;) {
        const from = prevNode[node] as number;
        if (node === POOL) {
          if (from === -1) {
            extrasGiven++;
            break;
          }
          hasExtra[from] = false; // that auditor's one-more place passes on
          node = from;
          continue;
        }
        if (from === -1) {
          baseHeld[node] = (baseHeld[node] as number) + 1;
          break;
        }
        if (from === POOL) {
          hasExtra[node] = true;
          node = POOL;
          continue;
        }
        const c = prevCase[node] as number;
        holderCost[c] = cost(from, c);
        this.move(c, node, from, holderCost[c] === 0);
        node = from;
      }

      // Other paths just as cheap: arcs of zero reduced cost, searched depth-first. An arc's reduced
      // cost does not change within a phase (only which auditor it leads to), so each auditor's scan
      // moves forward only; a path missed here is found by the next Dijkstra.
      const scan = new Int32Array(count + 1); // per auditor: 0 the pool arc, 1 + c case c; for the pool: next auditor
      const onPath = new Int32Array(count + 2);
      let stamp = 0;
      const reducedZero = (u: number, v: number, w: number) => w + (potential[u] as number) - (potential[v] as number) === 0;
      const extend = (u: number): boolean => {
        onPath[u] = stamp;
        if (u === POOL) {
          for (; (scan[POOL] as number) < count; scan[POOL] = (scan[POOL] as number) + 1) {
            const h = scan[POOL] as number;
            if (!extraCandidate[h] || hasExtra[h] || onPath[h] === stamp || !reducedZero(POOL, h, 0)) continue;
            if (extend(h)) {
              hasExtra[h] = true;
              return true;
            }
          }
          return false;
        }
        const auditor = this.auditors[u] as Auditor;
        for (; (scan[u] as number) <= this.links.length; scan[u] = (scan[u] as number) + 1) {
          const at = scan[u] as number;
          if (at === 0) {
            if (hasExtra[u] && onPath[POOL] !== stamp && reducedZero(u, POOL, 0) && extend(POOL)) {
              hasExtra[u] = false;
              return true;
            }
            continue;
          }
          const c = at - 1;
          const holder = this.owner[c] as number;
          if (holder === u || (holder >= 0 && onPath[holder] === stamp)) continue;
          if (worksOn(auditor, this.links[c] as CaseLinks)) continue;
          const w = cost(u, c);
          if (holder === -1) {
            if (!reducedZero(u, END, w)) continue;
            holderCost[c] = w;
            this.give(u, c, w === 0);
            return true;
          }
          if (!reducedZero(u, holder, w - (holderCost[c] as number)) || !extend(holder)) continue;
          holderCost[c] = w;
          this.move(c, holder, u, w === 0);
          return true;
        }
        return false;
      };
      for (let a = 0; a < count; a++) {
        // The source's arc to an auditor has reduced cost -potential.
        while ((baseHeld[a] as number) < (base[a] as number) && potential[a] === 0) {
          stamp++;
          if (!extend(a)) break;
          baseHeld[a] = (baseHeld[a] as number) + 1;
        }
      }
      while (extrasGiven < extras && potential[POOL] === 0) {
        stamp++;
        if (!extend(POOL)) break;
        extrasGiven++;
      }
    }
  }

  private search(a: number): boolean {
    this.auditorMark[a] = this.stamp;
    const free = this.nextFreeClean(a);
    if (free >= 0) {
      this.give(a, free, true);
      return true;
    }
    // Every conflict-free case for a is held: try to move a holder elsewhere (an augmenting path).
    for (let i = 0; i < this.taken.length; i++) {
      const c = this.taken[i] as number;
      if (this.caseMark[c] === this.stamp || this.ownerClean[c] !== 1) continue;
      const b = this.owner[c] as number;
      if (b === a || this.linked(a, c)) continue;
      this.caseMark[c] = this.stamp;
      if (this.auditorMark[b] === this.stamp) continue;
      if (this.search(b)) {
        this.move(c, b, a, true);
        return true;
      }
    }
    return false;
  }

  /** Cases are only ever taken, never freed, so each auditor's scan moves forward only. */
  private nextFreeClean(a: number): number {
    let p = this.pointer[a] as number;
    while (p < this.links.length && (this.owner[p] !== -1 || this.linked(a, p))) p++;
    this.pointer[a] = p;
    return p < this.links.length ? p : -1;
  }

  private give(a: number, c: number, clean: boolean): void {
    this.owner[c] = a;
    this.ownerClean[c] = clean ? 1 : 0;
    (this.held[a] as number[]).push(c);
    this.taken.push(c);
  }

  private move(c: number, from: number, to: number, clean: boolean): void {
    const list = this.held[from] as number[];
    list.splice(list.indexOf(c), 1);
    (this.held[to] as number[]).push(c);
    this.owner[c] = to;
    this.ownerClean[c] = clean ? 1 : 0;
  }
}

function emptyResult(seed: number, problems: string[], historyChecked: string, auditors: readonly { id: string }[], why: string): AllocationResult {
  return {
    seed,
    allocations: [],
    needsConfirmation: false,
    unallocatedAuditors: auditors.map((a) => ({ auditorId: a.id, reason: why })),
    problems,
    historyChecked,
  };
}

function dedupe<T extends { id: string }>(items: readonly T[], what: string, problems: string[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  let dropped = 0;
  for (const item of items) {
    if (seen.has(item.id)) dropped++;
    else {
      seen.add(item.id);
      out.push(item);
    }
  }
  if (dropped > 0) problems.push(`${plural(dropped, what, `${what}s`)} listed twice; each was counted once.`);
  return out;
}

export function allocate(req: AllocationRequest): AllocationResult {
  const problems: string[] = [];
  const historyChecked = describeHistory(req.cases, req.staffTeams);
  // Input order must not change the draw: work from id order.
  const auditorsIn = dedupe(req.auditors, 'auditor', problems).sort(byId);
  const casesIn = dedupe(req.cases, 'case', problems).sort(byId);

  if (!Number.isFinite(req.seed)) {
    problems.push('The round has no usable random seed, so no cases were drawn.');
    return emptyResult(req.seed, problems, historyChecked, auditorsIn, 'The round could not be drawn.');
  }
  if (!isRealIsoDate(req.roundDate)) {
    problems.push('The round date is not a real date (YYYY-MM-DD), so the re-audit interval cannot be checked.');
    return emptyResult(req.seed, problems, historyChecked, auditorsIn, 'The round could not be drawn.');
  }
  if (auditorsIn.length === 0) problems.push('There are no auditors in the round.');
  const perAuditor = wholeAtLeastZero(req.casesPerAuditor);
  const auditors: Auditor[] = auditorsIn.map((a) => ({ id: a.id, teamId: a.teamId, target: Math.min(perAuditor, wholeAtLeastZero(a.capacity)) }));
  const totalTarget = auditors.reduce((s, a) => s + a.target, 0);
  if (auditors.length > 0 && totalTarget === 0) {
    problems.push(perAuditor === 0 ? 'Cases per auditor is 0, so nothing was allocated.' : 'No auditor has capacity this round.');
  }

  const interval = intervalOf(req);
  const eligible = casesIn.filter((c) => reauditBar(c, req.roundDate, interval) === null);
  const unreadable = casesIn.filter((c) => c.lastAuditedOn !== null && !isRealIsoDate(c.lastAuditedOn)).length;
  if (unreadable > 0) problems.push(`${plural(unreadable, 'case has', 'cases have')} a last audit date that cannot be read and ${unreadable === 1 ? 'was' : 'were'} left out.`);
  if (casesIn.length === 0) problems.push('There are no open cases to choose from.');
  else if (eligible.length === 0) {
    problems.push(`All ${plural(casesIn.length, 'open case was', 'open cases were')} audited within the last ${interval} months, so none can be chosen.`);
  }

  const rng = createRandom(req.seed);
  const order = stratifiedOrder(eligible, rng.fork('cases'));
  const draftOrder = rng.fork('auditors').shuffle(auditors.map((_, i) => i));

  const links = order.map((r) => linksOf(r.c, req.staffTeams));
  // The own-case bar: an auditor can take at most the eligible cases they are not the worker on.
  const indexOf = new Map(auditors.map((a, i) => [a.id, i]));
  const ownCount = auditors.map(() => 0);
  for (const l of links) {
    const a = l.workerId === null ? undefined : indexOf.get(l.workerId);
    if (a !== undefined) ownCount[a] = (ownCount[a] as number) + 1;
  }
  const targets = auditors.map((a, i) => Math.min(a.target, order.length - (ownCount[i] as number)));
  const totalPlaces = Math.min(order.length, targets.reduce((s, t) => s + t, 0));
  // Even shares as if no case were barred: anyone below theirs is short because of the bar.
  const evenShare = slotting(auditors.map((a) => a.target), order.length).base;

  const m = new Matcher(auditors, links);
  const { base, extras, extraCandidate } = slotting(targets, order.length);

  // Phase 1: the largest conflict-free allocation. Base places first, drafted round-robin (snake
  // order so no auditor always chooses first); then the last partial level, up to `extras` places.
  const stuck = auditors.map(() => false);
  const maxBase = base.reduce((a, b) => Math.max(a, b), 0);
  for (let round = 0; round < maxBase; round++) {
    const turn = round % 2 === 0 ? draftOrder : [...draftOrder].reverse();
    for (const a of turn) {
      // An auditor with no augmenting path now never has one later (Kuhn), so stop trying.
      if (stuck[a] || (base[a] as number) <= round) continue;
      if (!m.augment(a)) for (const b of m.reachedInLastSearch()) stuck[b] = true;
    }
  }
  const gotExtra = auditors.map(() => false);
  let extrasLeft = extras;
  for (const a of draftOrder) {
    if (extrasLeft === 0) break;
    if (!extraCandidate[a] || stuck[a]) continue;
    if (m.augment(a)) {
      gotExtra[a] = true;
      extrasLeft--;
    } else for (const b of m.reachedInLastSearch()) stuck[b] = true;
  }

  // Phase 2: places no conflict-free case could fill get the least-linked case left. Greedily when every
  // auditor may take at least as many cases as the round has places (a case they may take is then
  // always left free); otherwise the bar could strand someone, so by cheapest paths.
  const barCanStrand = targets.some((t, a) => t > 0 && order.length - (ownCount[a] as number) < totalPlaces);
  if (barCanStrand) m.fillByCheapestPaths(base, extras, extraCandidate, gotExtra);
  else {
    for (const a of draftOrder) {
      while ((m.held[a] as number[]).length < (base[a] as number) && m.fillLinked(a)) {
        /* keep filling */
      }
    }
    if (extrasLeft > 0) {
      const best = (a: number) => {
        let least = Number.POSITIVE_INFINITY;
        const auditor = auditors[a] as Auditor;
        for (let c = 0; c < links.length; c++) {
          const caseLinks = links[c] as CaseLinks;
          if (m.owner[c] === -1 && !worksOn(auditor, caseLinks)) least = Math.min(least, severityBetween(auditor, caseLinks));
        }
        return least;
      };
      const waiting = draftOrder
        .filter((a) => extraCandidate[a] && !gotExtra[a])
        .map((a) => ({ a, least: best(a) }))
        .sort((x, y) => x.least - y.least);
      for (const { a } of waiting) {
        if (extrasLeft === 0) break;
        if (m.fillLinked(a)) extrasLeft--;
      }
    }
  }

  const allocations: Allocation[] = [];
  auditors.forEach((auditor, a) => {
    const mine = [...(m.held[a] as number[])].sort((x, y) => x - y);
    for (const c of mine) {
      const ranked = order[c] as Ranked;
      const conflicts = conflictsBetween(auditor, links[c] as CaseLinks);
      allocations.push({ caseId: ranked.c.id, auditorId: auditor.id, conflicts, reason: drawReason(ranked, conflicts, historyChecked) });
    }
  });

  const loads = auditors.map((_, a) => (m.held[a] as number[]).length);
  const shortByBar = auditors.filter((_, a) => (loads[a] as number) < (evenShare[a] as number)).length;
  if (totalTarget > 0 && order.length > 0 && order.length < totalTarget) {
    const withTarget = auditors.filter((a) => a.target > 0).length;
    problems.push(
      order.length < withTarget
        ? `Only ${plural(order.length, 'eligible case', 'eligible cases')} for ${withTarget} auditors: ${plural(withTarget - order.length, 'auditor gets', 'auditors get')} none this round.`
        : `Only ${plural(order.length, 'eligible case', 'eligible cases')} for ${totalTarget} places: loads were reduced evenly (they differ by at most one${shortByBar > 0 ? ', except as said below' : ''}).`,
    );
  }
  if (shortByBar > 0) {
    problems.push(
      `${plural(shortByBar, 'auditor has', 'auditors have')} fewer cases than an even share: the only eligible cases left are ones they are the allocated worker on, and nobody audits a case they work on.`,
    );
  }
  const placed = allocations.length;
  if (placed < totalPlaces) {
    // Not expected: every place is fillable once links are allowed. Said plainly rather than hidden.
    problems.push(`${plural(totalPlaces - placed, 'place', 'places')} could not be filled.`);
  }
  const unallocatedAuditors = auditors
    .map((auditor, a) => ({ auditor, a }))
    .filter(({ a }) => loads[a] === 0)
    .map(({ auditor, a }) => ({
      auditorId: auditor.id,
      reason:
        auditor.target === 0
          ? perAuditor === 0
            ? 'Cases per auditor is 0 this round.'
            : 'No capacity this round.'
          : order.length === 0
            ? 'No eligible cases this round.'
            : targets[a] === 0
              ? 'The only eligible cases are ones this auditor is the allocated worker on, and nobody audits a case they work on.'
              : 'Cases ran short: the eligible cases went one each to other auditors, chosen at random.',
    }));

  return {
    seed: req.seed,
    allocations,
    needsConfirmation: allocations.some((x) => x.conflicts.length > 0),
    unallocatedAuditors,
    problems,
    historyChecked,
  };
}

function linkWords(conflicts: readonly ConflictKind[]): string {
  return conflicts.map((k) => conflictWords[k]).join(', and ');
}

function drawReason(r: Ranked, conflicts: readonly ConflictKind[], historyChecked: string): string {
  const draw = `Random pick ${r.rank} of ${r.of} among the team's ${legalStatusLabels[r.c.legalStatus]} cases`;
  if (conflicts.length === 0) {
    const scope = historyChecked.startsWith('current team and worker only') ? ' (current team and worker checked)' : '';
    return `${draw}; no link between auditor and case${scope}`;
  }
  return `No conflict-free case was left for this auditor: ${linkWords(conflicts)}. Chosen as the least-linked case left (${draw.charAt(0).toLowerCase()}${draw.slice(1)}).`;
}

/**
 * Whether the QA lead may swap an allocated case for another. A swap obeys the same rules as the
 * draw: the new case is open in this round, not one the auditor is the allocated worker on, not
 * already allocated, not re-audited too soon, and conflict-free whenever the auditor could still
 * have a conflict-free case.
 */
export function checkSwap(
  req: AllocationRequest,
  result: AllocationResult,
  allocation: { caseId: string; auditorId: string },
  newCaseId: string,
): SwapCheck {
  const current = result.allocations.find((x) => x.caseId === allocation.caseId && x.auditorId === allocation.auditorId);
  if (!current) return { ok: false, reason: 'That allocation is not part of this round.' };
  const auditor = req.auditors.find((a) => a.id === allocation.auditorId);
  if (!auditor) return { ok: false, reason: 'The auditor is not in this round.' };
  if (newCaseId === allocation.caseId) return { ok: false, reason: 'That case is already allocated to this auditor.' };
  const next = req.cases.find((c) => c.id === newCaseId);
  if (!next) return { ok: false, reason: 'That case is not among the open cases for this round.' };
  const nextLinks = linksOf(next, req.staffTeams);
  if (worksOn(auditor, nextLinks)) {
    return { ok: false, reason: 'That case cannot go to this auditor: they are its allocated worker now, and nobody audits a case they work on.' };
  }
  const holder = result.allocations.find((x) => x.caseId === newCaseId);
  if (holder) {
    return {
      ok: false,
      reason: holder.auditorId === allocation.auditorId ? 'That case is already allocated to this auditor.' : 'That case is already allocated to another auditor in this round.',
    };
  }
  if (!isRealIsoDate(req.roundDate)) return { ok: false, reason: 'The round date is not a real date, so the re-audit interval cannot be checked.' };
  const interval = intervalOf(req);
  const bar = reauditBar(next, req.roundDate, interval);
  if (bar !== null) return { ok: false, reason: `That case cannot be audited in this round: ${bar}.` };

  const conflicts = conflictsBetween(auditor, nextLinks);
  if (conflicts.length > 0) {
    const allocated = new Set(result.allocations.map((x) => x.caseId));
    allocated.delete(allocation.caseId); // the case given up is a choice too
    const cleanChoice = req.cases.some(
      (c) => !allocated.has(c.id) && reauditBar(c, req.roundDate, interval) === null && !isLinked(auditor, linksOf(c, req.staffTeams)),
    );
    if (cleanChoice) {
      return { ok: false, reason: `That case is linked to the auditor (${linkWords(conflicts)}), and a conflict-free case is still available for them.` };
    }
  }
  return {
    ok: true,
    allocation: {
      caseId: next.id,
      auditorId: auditor.id,
      conflicts,
      reason:
        conflicts.length === 0
          ? 'Swapped in by the QA lead; no link between auditor and case'
          : `Swapped in by the QA lead; no conflict-free case was left for this auditor: ${linkWords(conflicts)}.`,
    },
  };
}

/** How one auditor stands to one case under the draw's rules: barred outright, or with the links flagged. */
export type AuditorFit = { barred: true; reason: string } | { barred: false; conflicts: ConflictKind[]; reason: string };

/**
 * The draw's rules for one auditor and one case, outside a draw (e.g. passing one audit to another
 * auditor): the allocated worker is barred; any other link is flagged for the QA lead to confirm.
 */
export function auditorFit(c: CaseTies, auditor: { id: string; teamId: string | null }, staffTeams?: Record<string, string | null>): AuditorFit {
  const links = linksOf(c, staffTeams);
  if (worksOn(auditor, links)) return { barred: true, reason: "They are the case's allocated worker now, and nobody audits a case they work on." };
  const conflicts = conflictsBetween(auditor, links);
  if (conflicts.length === 0) return { barred: false, conflicts, reason: 'No link between the auditor and the case.' };
  const words = linkWords(conflicts);
  return { barred: false, conflicts, reason: `${words.charAt(0).toUpperCase()}${words.slice(1)}.` };
}

/** Why a case may not be drawn for a round dated `roundDate` (audited within the re-audit interval), or null when it may. */
export function reauditRefusal(req: Pick<AllocationRequest, 'roundDate' | 'reauditIntervalMonths'>, c: Pick<AllocationCase, 'lastAuditedOn'>): string | null {
  if (!isRealIsoDate(req.roundDate)) return 'the round date is not a real date';
  return reauditBar(c, req.roundDate, intervalOf(req));
}
