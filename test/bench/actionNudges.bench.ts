/**
 * The daily action nudges over a large service: 20,000 open actions across 400 owners (40 teams),
 * 5,000 of them overdue. Times the plan (shared/actions/actionNudges: digests, drift, approvals) and
 * building every digest card, and checks the number of digest cards equals the number of owners
 * with an overdue action — one card per owner, never one per action. Exits non-zero if not.
 */
import { performance } from 'node:perf_hooks';
import { planActionNudges, type NudgeAction, type NudgeRouting } from '../../shared/actions/actionNudges';
import { overdueActionsDigestCard } from '../../shared/cards/overdueActionsDigestCard';
import { cardBytes } from '../../shared/cards/cardSize';
import { defaultActionSettings } from '../../shared/settings/actionSettings';
import { addDays } from '../../shared/calendar/calendarDays';
import { createRandom } from '../../shared/random/seededRandom';

const ACTIONS = Number(process.env.ACTIONS ?? 20_000);
const OVERDUE = Number(process.env.OVERDUE ?? 5_000);
const OWNERS = Number(process.env.OWNERS ?? 400);
const TEAMS = 40;
const RUNS = Number(process.env.RUNS ?? 15);
// Tuesday 01/12/2026: a working day.
const TODAY = '2026-12-01';

function buildActions(): NudgeAction[] {
  const rng = createRandom('action-nudges-bench');
  const owners = Array.from({ length: OWNERS }, (_, i) => `owner-${i}`);
  // Overdue work sits with most owners but not all, so the card count is a real check.
  const lateOwners = owners.filter(() => rng.chance(0.85));
  const actions: NudgeAction[] = [];
  for (let i = 0; i < ACTIONS; i++) {
    const overdue = i < OVERDUE;
    const ownerId = overdue ? rng.pick(lateOwners) : rng.pick(owners);
    const team = Number(ownerId.slice(6)) % TEAMS;
    actions.push({
      id: `act-${i}`,
      ownerId,
      accountableManagerId: `manager-${team}`,
      teamId: `team-${team}`,
      dueDate: overdue ? addDays(TODAY, -rng.int(1, 60)) : addDays(TODAY, rng.int(0, 90)),
      status: 'open',
      doneAt: null,
      doneById: null,
      driftNotifiedAt: overdue && rng.chance(0.3) ? '2026-11-20T09:00:00.000Z' : null,
      driftEscalatedAt: null,
    });
  }
  return actions;
}

function main() {
  const actions = buildActions();
  const settings = defaultActionSettings();
  const routing: NudgeRouting = { headOfServiceByTeam: new Map(Array.from({ length: TEAMS }, (_, t) => [`team-${t}`, `hos-${t % 4}`])) };
  const expectedOwners = new Set(actions.filter((a) => a.status === 'open' && a.dueDate < TODAY).map((a) => a.ownerId));
  const overdueCount = actions.filter((a) => a.dueDate < TODAY).length;

  const cold = performance.now();
  let plan = planActionNudges(actions, TODAY, settings, routing);
  const coldMs = performance.now() - cold;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    plan = planActionNudges(actions, TODAY, settings, routing);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] as number;

  // Building every digest card (cases and labels as the job fills them in).
  const byId = new Map(actions.map((a) => [a.id, a]));
  const cardsStarted = performance.now();
  let largest = 0;
  for (const d of plan.overdueDigests) {
    const card = overdueActionsDigestCard({
      actions: d.shownIds.map((id) => ({ caseRef: `DEMO-${id.slice(4)}`, initials: 'AB', label: 'Action 1 of the audit', dueDate: byId.get(id)?.dueDate ?? TODAY })),
      totalCount: d.actionIds.length,
      myActionsUrl: 'https://example.org/actions/mine',
    });
    largest = Math.max(largest, cardBytes(card));
  }
  const cardsMs = performance.now() - cardsStarted;

  const cards = plan.overdueDigests.length;
  const listed = plan.overdueDigests.reduce((n, d) => n + d.actionIds.length, 0);
  console.log(
    `action nudges over ${actions.length} open actions (${overdueCount} overdue, ${OWNERS} owners, ${TEAMS} teams): ` +
      `plan median ${median.toFixed(1)} ms over ${RUNS} runs (min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)}; first run ${coldMs.toFixed(1)} ms)`,
  );
  console.log(
    `digest cards: ${cards} for ${expectedOwners.size} owners with overdue actions (${listed} actions counted; largest card ${(largest / 1024).toFixed(1)} KB), ` +
      `built in ${cardsMs.toFixed(1)} ms; drift cards ${plan.driftNotices.length} to managers, ${plan.driftEscalations.length} escalated to Heads of Service`,
  );
  if (cards !== expectedOwners.size || listed !== overdueCount) {
    console.error(`FAIL: expected ${expectedOwners.size} digest cards counting ${overdueCount} actions`);
    process.exit(1);
  }
}

main();
