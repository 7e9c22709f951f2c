/**
 * Allocation of a large monthly round: 10,000 open cases across 40 teams to 200 auditors
 * (3 cases each, some capped at 2), with a year's history on about a third of the cases and a
 * share of cases audited recently. Prints the median time over several seeds (target < 200 ms).
 */
import { performance } from 'node:perf_hooks';
import { allocate } from '../../shared/allocation/allocation';
import type { AllocationAuditor, AllocationCase, AllocationRequest } from '../../shared/allocation/allocation';
import { createRandom } from '../../shared/random/seededRandom';
import type { AgeBand, LegalStatus } from '../../shared/schemas/cases';

const CASES = Number(process.env.CASES ?? 10_000);
const AUDITORS = Number(process.env.AUDITORS ?? 200);
const TEAMS = 40;
const RUNS = Number(process.env.RUNS ?? 15);

const statuses: LegalStatus[] = ['earlyHelp', 'childInNeed', 'childProtection', 'childInCare', 'careLeaver'];
const bands: AgeBand[] = ['unborn', '0-4', '5-9', '10-15', '16-17', '18+'];

function buildRound(): AllocationRequest {
  const rng = createRandom('allocation-bench');
  const teams = Array.from({ length: TEAMS }, (_, t) => `team-${t}`);
  const staffTeams: Record<string, string | null> = {};
  const workers = Array.from({ length: TEAMS * 10 }, (_, i) => {
    const id = `worker-${i}`;
    staffTeams[id] = teams[i % TEAMS] as string;
    return id;
  });
  // Most auditors are managers in a team; a fifth (QA, senior managers) sit in no team.
  const auditors: AllocationAuditor[] = Array.from({ length: AUDITORS }, (_, i) => {
    const teamId = i % 5 === 4 ? null : rng.pick(teams);
    staffTeams[`auditor-${i}`] = teamId;
    return { id: `auditor-${i}`, teamId, capacity: rng.chance(0.2) ? 2 : 3 };
  });
  // Teams differ in size, as real ones do.
  const teamWeights = teams.map(() => 0.3 + rng.next() * 1.7);
  const weightTotal = teamWeights.reduce((a, b) => a + b, 0);
  const pickTeam = () => {
    let r = rng.next() * weightTotal;
    for (let t = 0; t < TEAMS; t++) {
      r -= teamWeights[t] as number;
      if (r <= 0) return teams[t] as string;
    }
    return teams[TEAMS - 1] as string;
  };
  const cases: AllocationCase[] = Array.from({ length: CASES }, (_, i) => {
    const teamId = pickTeam();
    const teamIndex = teams.indexOf(teamId);
    const withHistory = rng.chance(0.35);
    const pastWorkerPool = [...workers, ...auditors.map((a) => a.id)];
    const audited = rng.chance(0.15) ? `202${rng.int(4, 5)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}` : null;
    return {
      id: `case-${i}`,
      teamId,
      workerId: rng.chance(0.95) ? (workers[teamIndex + TEAMS * rng.int(0, 9)] as string) : null,
      legalStatus: rng.pick(statuses),
      ageBand: rng.pick(bands),
      pastTeamIds: withHistory ? Array.from({ length: rng.int(1, 2) }, () => rng.pick(teams)) : [],
      pastWorkerIds: withHistory ? Array.from({ length: rng.int(1, 2) }, () => rng.pick(pastWorkerPool)) : [],
      lastAuditedOn: audited,
    };
  });
  return { seed: 0, roundDate: '2026-06-01', casesPerAuditor: 3, reauditIntervalMonths: 12, auditors, cases, staffTeams };
}

/** A crowded round: most auditors sit in the one team holding most cases, so links cannot all be avoided. */
function buildCrowdedRound(): AllocationRequest {
  const auditors: AllocationAuditor[] = Array.from({ length: AUDITORS }, (_, i) => ({ id: `auditor-${i}`, teamId: i < AUDITORS * 0.95 ? 'team-0' : `team-${i}`, capacity: 3 }));
  const cases: AllocationCase[] = Array.from({ length: CASES }, (_, i) => ({
    id: `case-${i}`,
    teamId: i % 20 === 0 ? `team-${1 + (i % 7)}` : 'team-0',
    workerId: null,
    legalStatus: statuses[i % statuses.length] as LegalStatus,
    ageBand: bands[i % bands.length] as AgeBand,
    pastTeamIds: i % 40 === 0 ? ['team-0'] : [],
    pastWorkerIds: [],
    lastAuditedOn: null,
  }));
  return { seed: 0, roundDate: '2026-06-01', casesPerAuditor: 3, auditors, cases };
}

function crowded() {
  const round = buildCrowdedRound();
  const times: number[] = [];
  let last = allocate(round);
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    last = allocate({ ...round, seed: 2000 + i });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const linked = last.allocations.filter((x) => x.conflicts.length > 0);
  const pastOnly = linked.filter((x) => x.conflicts.every((k) => k === 'ownTeamPast' || k === 'ownCasePast')).length;
  console.log(
    `crowded round (95% of auditors in the team holding 95% of cases): median ${times[2]!.toFixed(1)} ms over 5 seeds; ` +
      `${last.allocations.length} allocations, ${linked.length} linked (${pastOnly} by history only)`,
  );
}

function main() {
  const round = buildRound();
  const cold = performance.now();
  const first = allocate({ ...round, seed: 1 });
  const coldMs = performance.now() - cold;
  const times: number[] = [];
  let last = first;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    last = allocate({ ...round, seed: 1000 + i });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;
  const linked = last.allocations.filter((x) => x.conflicts.length > 0).length;
  console.log(
    `allocation of ${CASES} cases to ${AUDITORS} auditors (${TEAMS} teams): median ${median.toFixed(1)} ms over ${RUNS} seeds ` +
      `(min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)}; first run ${coldMs.toFixed(1)} ms) — target < 200 ms`,
  );
  console.log(
    `last draw: ${last.allocations.length} allocations, ${linked} linked (needs confirmation: ${last.needsConfirmation}), ` +
      `${last.unallocatedAuditors.length} auditors without a case, problems: ${last.problems.length === 0 ? 'none' : last.problems.join(' | ')}`,
  );
  crowded();
}

main();
