import type { IsoDate, IsoDateTime } from '../../../shared/schemas/common';
import { londonDate, ukDate } from '../../../shared/calendar/londonTime';

/** Dates in the tab: UK order, Europe/London, whatever the device's own zone. */

export { ukDate };

/** Today's date in Europe/London as `YYYY-MM-DD`. */
export function todayInLondon(now: Date = new Date()): IsoDate {
  return londonDate(now);
}

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as `dd/mm/yyyy, HH:mm` London time. */
export function ukDateTime(at: IsoDateTime | Date): string {
  return dateTimeFormat.format(typeof at === 'string' ? new Date(at) : at);
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Minutes London is ahead of UTC at an instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(at: Date): number {
  const p = Object.fromEntries(partsFormat.formatToParts(at).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
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
  // Two passes settle the offset either side of a clock change.
  let guess = naive - londonOffsetMinutes(new Date(naive)) * 60_000;
  guess = naive - londonOffsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess).toISOString();
}

/** An ISO instant as the `datetime-local` value a London user expects. */
export function isoToLondonLocal(iso: IsoDateTime | null): string {
  if (!iso) return '';
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const p = Object.fromEntries(partsFormat.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
