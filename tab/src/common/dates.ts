import type { IsoDate, IsoDateTime } from '../../../shared/schemas/common';
import { londonDate, londonOffsetMs, londonWallClock, ukDate } from '../../../shared/calendar/londonTime';

/** Dates in the tab: UK order, Europe/London, whatever the device's own zone. */

export { ukDate };

/** Today's date in Europe/London as `YYYY-MM-DD`. */
export function todayInLondon(now: Date = new Date()): IsoDate {
  return londonDate(now);
}

const two = (n: number): string => String(n).padStart(2, '0');

/** London's wall clock at an instant as a date and `HH:mm`. */
function londonClockAt(at: Date): { date: IsoDate; time: string } {
  const { date, minutes } = londonWallClock(at);
  return { date, time: `${two(Math.floor(minutes / 60))}:${two(minutes % 60)}` };
}

/** An instant as `dd/mm/yyyy, HH:mm` London time. */
export function ukDateTime(at: IsoDateTime | Date): string {
  const { date, time } = londonClockAt(typeof at === 'string' ? new Date(at) : at);
  return `${ukDate(date)}, ${time}`;
}

/**
 * A London wall-clock time from `<input type="datetime-local">` (`YYYY-MM-DDTHH:mm`) as an ISO
 * instant in UTC; null if it is not a valid value.
 */
export function londonLocalToIso(local: string): IsoDateTime | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  if (Number.isNaN(naive)) return null;
  // Two passes settle the offset either side of a clock change (a repeated time gives the later, GMT, instant).
  let guess = naive - londonOffsetMs(naive);
  guess = naive - londonOffsetMs(guess);
  return new Date(guess).toISOString();
}

/** An ISO instant as the `datetime-local` value a London user expects. */
export function isoToLondonLocal(iso: IsoDateTime | null): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const { date, time } = londonClockAt(at);
  return `${date}T${time}`;
}
