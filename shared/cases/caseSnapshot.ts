import { isoDate, type IsoDate } from '../schemas/common';
import type { AgeBand, ChildCase } from '../schemas/cases';
import type { CaseSnapshot } from '../schemas/audits';

/**
 * Whole years of age on a date. Someone born on 29 February turns a year older on 1 March in a
 * common year, as English law counts it.
 */
export function ageInYears(dateOfBirth: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = parts(dateOfBirth, 'dateOfBirth');
  const [oy, om, od] = parts(on, 'on');
  if (on < dateOfBirth) throw new RangeError(`the date ${on} is before the date of birth ${dateOfBirth}`);
  const hadBirthday = om > bm || (om === bm && od >= bd);
  return oy - by - (hadBirthday ? 0 : 1);
}

/** The reporting age band for whole years of age; null is an unborn baby. */
export function ageBandFor(years: number | null): AgeBand {
  if (years === null) return 'unborn';
  if (!Number.isInteger(years) || years < 0) throw new RangeError(`age must be a whole number of years, got ${years}`);
  if (years <= 4) return '0-4';
  if (years <= 9) return '5-9';
  if (years <= 15) return '10-15';
  if (years <= 17) return '16-17';
  return '18+';
}

/** The case as it stands at allocation; the audit keeps this copy so later imports never rewrite it. */
export function snapshotCase(c: ChildCase, allocatedOn: IsoDate): CaseSnapshot {
  const ageYears = c.dateOfBirth === null ? null : ageInYears(c.dateOfBirth, allocatedOn);
  return {
    caseRef: c.caseRef,
    initials: c.initials,
    teamId: c.teamId,
    workerId: c.workerId,
    legalStatus: c.legalStatus,
    legalStatusHistory: c.legalStatusHistory.map((p) => ({ status: p.status, from: p.from, to: p.to })),
    livingSituation: c.livingSituation,
    disability: c.disability,
    ageYears,
    ageBand: ageBandFor(ageYears),
    mostRecentReferral: c.mostRecentReferral,
  };
}

function parts(date: string, name: string): [number, number, number] {
  if (!isoDate.safeParse(date).success) throw new RangeError(`${name} must be a real date as YYYY-MM-DD, got "${date}"`);
  return date.split('-').map(Number) as [number, number, number];
}
