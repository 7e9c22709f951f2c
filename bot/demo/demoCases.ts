import type { SeededRandom } from '../../shared/random/seededRandom';
import type { ChildCase, LegalStatus, LegalStatusPeriod, LivingSituation } from '../../shared/schemas/cases';
import type { IsoDate } from '../../shared/schemas/common';
import type { DemoOrganisation } from './demoPeople';
import { featuredStaffIds } from './demoPeople';
import { addDays, addYears, daysBetween, maxDate } from './demoDates';
import { ageInYears } from '../../shared/cases/caseSnapshot';
import { caseIdForRef } from '../../shared/imports/caseRegisterImport';

/**
 * The demo council's caseload: children of every legal status and age, with legal-status
 * histories over up to three years that step up and down as real cases do.
 */

/** Placeholder id while building; every case's id is then its register id (see the end of buildDemoCases). */
const FEATURED_CARE_LEAVER_CASE_ID = 'case-0001';
export const DEMO_CASE_COUNT = 600;
/** Unborn babies (pre-birth child protection work) in the caseload. */
const UNBORN_COUNT = 5;

const statusWeights: [LegalStatus, number][] = [
  ['earlyHelp', 16],
  ['childInNeed', 26],
  ['childProtection', 20],
  ['childInCare', 24],
  ['careLeaver', 14],
];

/** How long a current period has lasted, in days [min, max]. */
const currentDuration: Record<LegalStatus, [number, number]> = {
  earlyHelp: [5, 300],
  childInNeed: [5, 500],
  childProtection: [3, 600],
  childInCare: [20, 1000],
  careLeaver: [1, 1000],
};

/** How long an earlier period lasted, in days [min, max]. */
const pastDuration: Record<LegalStatus, [number, number]> = {
  earlyHelp: [60, 360],
  childInNeed: [90, 540],
  childProtection: [90, 540],
  childInCare: [180, 1100],
  careLeaver: [30, 365],
};

/** What a status typically follows: stepping up from lower support, or down from higher. */
const predecessors: Record<LegalStatus, LegalStatus[]> = {
  earlyHelp: ['childInNeed', 'childInNeed', 'childProtection'],
  childInNeed: ['earlyHelp', 'childProtection', 'childProtection'],
  childProtection: ['childInNeed', 'childInNeed', 'earlyHelp'],
  childInCare: ['childProtection', 'childProtection', 'childInNeed'],
  careLeaver: ['childInCare'],
};

function weightedStatus(rng: SeededRandom): LegalStatus {
  const total = statusWeights.reduce((s, [, w]) => s + w, 0);
  let roll = rng.next() * total;
  for (const [status, weight] of statusWeights) {
    roll -= weight;
    if (roll < 0) return status;
  }
  return 'childInNeed';
}

function ageFor(status: LegalStatus, rng: SeededRandom): number {
  if (status === 'careLeaver') return rng.chance(0.2) ? rng.int(16, 17) : rng.int(18, 20);
  if (status === 'earlyHelp') return rng.int(0, 16);
  return rng.int(0, 17);
}

function livingSituationFor(status: LegalStatus, age: number | null, rng: SeededRandom): LivingSituation | null {
  if (age === null || age < 16) return null;
  if (status === 'careLeaver')
    return rng.pick<LivingSituation>([
      'supportedLiving', 'supportedLiving', 'independentLiving', 'independentLiving', 'withFamily', 'fosterOrResidentialCare', 'homeless', 'other',
    ]);
  if (status === 'childInCare')
    return rng.pick<LivingSituation>(['fosterOrResidentialCare', 'fosterOrResidentialCare', 'fosterOrResidentialCare', 'supportedLiving']);
  return rng.pick<LivingSituation>(['withFamily', 'withFamily', 'withFamily', 'withFamily', 'leftHome', 'homeless', 'supportedLiving', 'independentLiving']);
}

interface History {
  periods: LegalStatusPeriod[];
  mostRecentReferral: IsoDate | null;
}

/**
 * Builds a history backwards from the current status. `earliest` bounds it (three years back, or
 * shortly before birth); `horizon` is where the record we hold begins, so a period cut there
 * began, and was referred, earlier still.
 */
function buildHistory(
  rng: SeededRandom,
  current: LegalStatus,
  currentFrom: IsoDate,
  earliest: IsoDate,
  horizon: IsoDate,
  referralFloor: IsoDate,
): History {
  const periods: LegalStatusPeriod[] = [{ status: current, from: currentFrom, to: null }];
  let status = current;
  let cursor = currentFrom;
  // A care leaver was always in care first.
  const maxEarlier = status === 'careLeaver' ? rng.pick([1, 1, 2]) : rng.pick([0, 0, 1, 1, 1, 2, 2, 3]);
  for (let i = 0; i < maxEarlier; i++) {
    if (cursor <= earliest) break;
    const prev = rng.pick(predecessors[status]);
    // Some cases closed and came back: a gap, and a fresh referral at the later start.
    const gap = status !== 'careLeaver' && rng.chance(0.2) ? rng.int(30, 240) : 0;
    const to = addDays(cursor, -1 - gap);
    if (to < earliest) break;
    const [min, max] = pastDuration[prev];
    const from = maxDate(addDays(to, -rng.int(min, max)), earliest);
    periods.unshift({ status: prev, from, to });
    status = prev;
    cursor = from;
  }
  return { periods, mostRecentReferral: referralFor(rng, periods, horizon, referralFloor) };
}

/** The referral that opened the current episode: early help alone needs none; social care work starts with one. */
function referralFor(rng: SeededRandom, periods: readonly LegalStatusPeriod[], horizon: IsoDate, floor: IsoDate): IsoDate | null {
  let start = 0;
  periods.forEach((p, i) => {
    const prev = periods[i - 1];
    if (prev?.to && p.from > addDays(prev.to, 1)) start = i;
  });
  const episode = periods.slice(start);
  const first = episode[0] as LegalStatusPeriod;
  if (first.status === 'earlyHelp') {
    const steppedUp = episode.find((p) => p.status !== 'earlyHelp');
    if (steppedUp) return steppedUp.from;
    return rng.chance(0.5) ? null : first.from;
  }
  if (start === 0 && first.from <= horizon) return maxDate(floor, addDays(first.from, -rng.int(10, 400)));
  return first.from;
}

function teamFor(status: LegalStatus, currentFrom: IsoDate, today: IsoDate, disability: boolean, rng: SeededRandom): string {
  const daysIn = daysBetween(currentFrom, today);
  if (status === 'careLeaver') return 'team-leaving-care';
  if (status === 'childInCare') return disability && rng.chance(0.4) ? 'team-disabled-children' : 'team-children-in-care';
  if (daysIn <= 21 && rng.chance(0.6)) return 'team-mash';
  if (status === 'earlyHelp') return 'team-early-help';
  if (disability && rng.chance(0.7)) return 'team-disabled-children';
  if (daysIn <= 120 && rng.chance(0.85)) return 'team-assessment';
  return rng.chance(0.5) ? 'team-cp-north' : 'team-cp-south';
}

/** The team that typically held a case in an earlier status. */
function pastTeamFor(status: LegalStatus, rng: SeededRandom): string {
  switch (status) {
    case 'earlyHelp':
      return 'team-early-help';
    case 'childInNeed':
      return rng.pick(['team-assessment', 'team-cp-north', 'team-cp-south']);
    case 'childProtection':
      return rng.pick(['team-cp-north', 'team-cp-south']);
    case 'childInCare':
      return 'team-children-in-care';
    case 'careLeaver':
      return 'team-leaving-care';
  }
}

const letters = 'ABCDEFGHJKLMNPRSTW';

/** The first case is the featured care leaver. */
export function buildDemoCases(rng: SeededRandom, org: DemoOrganisation, today: IsoDate): ChildCase[] {
  const threeYearsAgo = addYears(today, -3);
  const usedRefs = new Set<string>();
  const caseRef = (): string => {
    for (;;) {
      const ref = `DEMO-${String(rng.int(100_000, 999_999))}`;
      if (!usedRefs.has(ref)) {
        usedRefs.add(ref);
        return ref;
      }
    }
  };
  const initials = () => `${rng.pick([...letters])}${rng.pick([...letters])}`;
  const holders = (teamId: string) => org.caseHoldersByTeam.get(teamId) ?? [];

  const cases: ChildCase[] = [featuredCareLeaver(today, caseRef(), initials())];

  for (let n = 2; n <= DEMO_CASE_COUNT; n++) {
    const id = `case-${String(n).padStart(4, '0')}`;
    const unborn = n <= 1 + UNBORN_COUNT;
    const status: LegalStatus = unborn ? (n === 1 + UNBORN_COUNT ? 'childInNeed' : 'childProtection') : weightedStatus(rng);
    const disability = !unborn && rng.chance(0.1);

    let dateOfBirth: IsoDate | null = null;
    let expectedDateOfBirth: IsoDate | null = null;
    let age: number | null = null;
    let earliest: IsoDate;
    let referralFloor: IsoDate;
    let currentFrom: IsoDate;

    if (unborn) {
      expectedDateOfBirth = addDays(today, rng.int(14, 150));
      // Pre-birth work starts in pregnancy, within the last few months.
      earliest = maxDate(addDays(expectedDateOfBirth, -200), addDays(today, -150));
      currentFrom = maxDate(earliest, addDays(today, -rng.int(5, 100)));
      referralFloor = earliest;
    } else {
      age = ageFor(status, rng);
      dateOfBirth = addDays(addYears(today, -age), -rng.int(0, 364));
      // Work can begin before birth (pre-birth assessment); never more than three years back.
      referralFloor = addDays(dateOfBirth, -90);
      earliest = maxDate(threeYearsAgo, referralFloor);
      if (status === 'careLeaver') {
        // Care ends at 18, or earlier for a 16- or 17-year-old who left care.
        const eighteenth = addYears(dateOfBirth, 18);
        const sixteenth = addYears(dateOfBirth, 16);
        currentFrom = eighteenth <= today ? eighteenth : addDays(sixteenth, rng.int(0, Math.max(0, daysBetween(sixteenth, today) - 1)));
        if (currentFrom <= earliest) currentFrom = addDays(earliest, 30);
      } else {
        const [min, max] = currentDuration[status];
        currentFrom = maxDate(earliest, addDays(today, -rng.int(min, max)));
        // Only work with an unborn baby's family can start before birth.
        if (status === 'childInCare') currentFrom = maxDate(currentFrom, dateOfBirth);
      }
    }

    const history = buildHistory(rng, status, currentFrom, earliest, threeYearsAgo, referralFloor);
    const teamId = teamFor(status, currentFrom, today, disability, rng);
    const teamHolders = holders(teamId);
    const workerId = teamHolders.length > 0 && rng.chance(0.95) ? rng.pick(teamHolders) : null;

    const pastTeamIds: string[] = [];
    const pastWorkerIds: string[] = [];
    for (const p of history.periods.slice(0, -1)) {
      const past = pastTeamFor(p.status, rng);
      if (past !== teamId && !pastTeamIds.includes(past)) {
        pastTeamIds.push(past);
        const pastHolders = holders(past);
        if (pastHolders.length > 0) pastWorkerIds.push(rng.pick(pastHolders));
      }
    }
    // Workers change within a team too; one such worker has since left.
    if (rng.chance(0.15)) {
      const earlier = teamId === 'team-children-in-care' && rng.chance(0.5) ? org.formerWorkerId : rng.pick(teamHolders.length > 0 ? teamHolders : [org.formerWorkerId]);
      if (earlier !== workerId && !pastWorkerIds.includes(earlier)) pastWorkerIds.push(earlier);
    }

    cases.push({
      id,
      caseRef: caseRef(),
      initials: initials(),
      dateOfBirth,
      expectedDateOfBirth,
      teamId,
      workerId,
      legalStatus: status,
      legalStatusHistory: history.periods,
      livingSituation: livingSituationFor(status, age, rng),
      disability,
      mostRecentReferral: history.mostRecentReferral,
      pastTeamIds,
      pastWorkerIds,
      open: true,
    });
  }
  // Ids as the register import gives them (from the case reference), so a demo case purged when a
  // round closes comes back under the same id when the demo register is imported again.
  return cases.map((c) => ({ ...c, id: caseIdForRef(c.caseRef) }));
}

/**
 * The case the browser tests open: a 17-year-old care leaver in supported living, in care from
 * about three years ago until about a year ago, with no early help, child in need or child
 * protection work in the record.
 */
function featuredCareLeaver(today: IsoDate, caseRef: string, initials: string): ChildCase {
  const dateOfBirth = addDays(addYears(today, -17), -150);
  const inCareFrom = addDays(addYears(today, -3), 20);
  const leftCare = addDays(addYears(today, -1), 10);
  if (ageInYears(dateOfBirth, today) !== 17) throw new Error('featured care leaver must be 17');
  return {
    id: FEATURED_CARE_LEAVER_CASE_ID,
    caseRef,
    initials,
    dateOfBirth,
    expectedDateOfBirth: null,
    teamId: 'team-leaving-care',
    workerId: featuredStaffIds.workerId,
    legalStatus: 'careLeaver',
    legalStatusHistory: [
      { status: 'childInCare', from: inCareFrom, to: addDays(leftCare, -1) },
      { status: 'careLeaver', from: leftCare, to: null },
    ],
    livingSituation: 'supportedLiving',
    disability: false,
    mostRecentReferral: addDays(inCareFrom, -45),
    pastTeamIds: ['team-children-in-care'],
    pastWorkerIds: ['sw-children-in-care-1'],
    open: true,
  };
}
