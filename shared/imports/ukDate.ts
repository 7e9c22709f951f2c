import type { IsoDate } from '../schemas/common';

/** A date read from an import cell, or why it could not be read. */
export type UkDateResult = { ok: true; date: IsoDate } | { ok: false; reason: string };

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
] as const;

// Day first, then month, then a year of any length (so two-digit years can be explained, not misread).
const DAY_FIRST = /^(\d{1,2})([/.-])(\d{1,2})\2(\d+)$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
// Spreadsheets write date-only cells with a midnight time; any other time means the cell is not a date.
const MIDNIGHT = /(?:[ T]00:00(?::00(?:\.0+)?)?Z?)$/;

/** Years outside this range are typing slips (0024, 20026), not real dates in a case register. */
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/**
 * Reads a UK date: `dd/mm/yyyy` or `d/m/yyyy` (also with `-` or `.` between the parts), or ISO
 * `yyyy-mm-dd`; a trailing midnight time (as spreadsheets export dates) is ignored. Dates are
 * always read day first: `02/03/2026` is 2 March, and `03/13/2026` is refused rather than
 * guessed to be American. Two-digit years and dates that do not exist (31/02/2026) are refused.
 */
export function parseUkDate(text: string): UkDateResult {
  const raw = text.trim();
  if (raw === '') return { ok: false, reason: 'no date given' };
  const cell = raw.replace(MIDNIGHT, '');

  const iso = ISO.exec(cell);
  if (iso) return checked(Number(iso[1]), Number(iso[2]), Number(iso[3]), raw);

  const uk = DAY_FIRST.exec(cell);
  if (uk) {
    const yearText = uk[4] ?? '';
    if (yearText.length <= 2) return { ok: false, reason: `"${raw}" has a two-digit year: write the year in full, as dd/mm/yyyy` };
    if (yearText.length !== 4) return { ok: false, reason: `"${raw}" does not have a four-digit year: write it as dd/mm/yyyy` };
    return checked(Number(yearText), Number(uk[3]), Number(uk[1]), raw);
  }

  if (/\d[ T]\d{1,2}:\d{2}/.test(raw)) return { ok: false, reason: `"${raw}" has a time of day: give the date only, as dd/mm/yyyy` };
  return { ok: false, reason: `"${raw}" is not a date written as dd/mm/yyyy` };
}

function checked(year: number, month: number, day: number, raw: string): UkDateResult {
  if (year < MIN_YEAR || year > MAX_YEAR) return { ok: false, reason: `"${raw}": the year ${year} is outside ${MIN_YEAR}–${MAX_YEAR}` };
  if (month < 1 || month > 12) {
    return { ok: false, reason: `"${raw}": there is no month ${month} (dates are read day first, as dd/mm/yyyy)` };
  }
  if (day < 1) return { ok: false, reason: `"${raw}": there is no day 0` };
  const last = daysInMonth(year, month);
  if (day > last) {
    return { ok: false, reason: `"${raw}" is not a real date: ${MONTHS[month - 1]} ${year} has ${last} days` };
  }
  return { ok: true, date: `${year}-${pad(month)}-${pad(day)}` };
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
