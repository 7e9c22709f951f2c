import type { IsoDate } from '../schemas/common';
import { isoDateOf } from './calendarDays';

// London's wall clock, read with Intl (time zone data ships with the runtime), so British Summer
// Time is right whatever zone the server or the device runs in. No zod here: the tab's first page
// imports this module.

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const londonClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** London's wall clock at an instant, as milliseconds on a UTC-based scale (so offset = result − instant). */
function londonWallMs(at: number): number {
  const parts: Record<string, string> = {};
  for (const p of londonClock.formatToParts(at)) parts[p.type] = p.value;
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall + (((at % 1000) + 1000) % 1000);
}

function checkInstant(at: Date | number): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  if (Number.isNaN(ms)) throw new RangeError('invalid Date');
  return ms;
}

/** How far London's clock is ahead of UTC at an instant, in milliseconds (0 in winter, an hour in summer). */
export function londonOffsetMs(at: Date | number): number {
  const ms = checkInstant(at);
  return londonWallMs(ms) - ms;
}

/** The date and minutes past midnight (0–1439) shown on London's clock at an instant. */
export function londonWallClock(at: Date): { date: IsoDate; minutes: number } {
  const wall = londonWallMs(checkInstant(at));
  const dayNumber = Math.floor(wall / MS_PER_DAY);
  const d = new Date(dayNumber * MS_PER_DAY);
  return {
    date: isoDateOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()),
    minutes: Math.floor((wall - dayNumber * MS_PER_DAY) / MS_PER_MINUTE),
  };
}

/** The calendar date in Europe/London at an instant (the service's working day, whatever the server's zone). */
export function londonDate(at: Date): IsoDate {
  return londonWallClock(at).date;
}

/** `YYYY-MM-DD` → `dd/mm/yyyy`, the UK way of writing a date. */
export function ukDate(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}
