import { londonWallClock, ukDate } from './londonTime';

/** An instant as London's clock shows it, the UK way: "23/11/2026 at 14:05". */
export function ukDateTime(at: Date | string): string {
  const clock = londonWallClock(typeof at === 'string' ? new Date(at) : at);
  const hh = String(Math.floor(clock.minutes / 60)).padStart(2, '0');
  const mm = String(clock.minutes % 60).padStart(2, '0');
  return `${ukDate(clock.date)} at ${hh}:${mm}`;
}
