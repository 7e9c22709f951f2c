import type { IsoDate } from '../schemas/common';

const londonDateFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Europe/London at an instant (the service's working day, whatever the server's zone). */
export function londonDate(at: Date): IsoDate {
  const parts = Object.fromEntries(londonDateFormat.formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** `YYYY-MM-DD` → `dd/mm/yyyy`, the UK way of writing a date. */
export function ukDate(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}
