import { z } from 'zod';
import type { IsoDate } from '../schemas/common';
import { parseIsoDate, toDayNumber } from './calendarDays';
import { londonOffsetMs, londonWallClock } from './londonTime';
import { type ExtraHolidays, isWorkingDay, nextWorkingDay } from './workingDays';

// Service working hours: a daily window on London's wall clock (see londonTime), on working days only.

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM (24-hour)');

/** Working hours setting: London wall-clock times; `end` is exclusive (17:00 itself is after hours). */
export const workingHoursSetting = z
  .object({ start: hhmm, end: hhmm })
  .refine((h) => h.start < h.end, 'the working day must end after it starts');
export type WorkingHoursSetting = z.infer<typeof workingHoursSetting>;

export const DEFAULT_WORKING_HOURS: WorkingHoursSetting = Object.freeze({ start: '09:00', end: '17:00' });

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

function minutesOf(time: string): number {
  const parsed = hhmm.safeParse(time);
  if (!parsed.success) throw new RangeError(`not a time as HH:MM: ${JSON.stringify(time)}`);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * The instant at which London's clock shows `time` on `date`.
 * Clock changes follow the usual "compatible" rule (as in Temporal and most calendars):
 * - a time that does not exist (01:00–01:59 on the last Sunday of March, when clocks jump from
 *   01:00 GMT to 02:00 BST) is moved forward by the hour skipped: 01:30 gives 02:30 BST;
 * - a time that happens twice (01:00–01:59 on the last Sunday of October) gives the earlier,
 *   still-BST, instant: 01:30 gives 00:30 UTC, not 01:30 UTC.
 * Both fall on Sundays, so service hours on working days are never affected.
 */
export function atLondonTime(date: IsoDate, time: string): Date {
  parseIsoDate(date);
  const wall = toDayNumber(date) * MS_PER_DAY + minutesOf(time) * MS_PER_MINUTE;
  // London's offset a day either side brackets any change on this date.
  const offsetBefore = londonOffsetMs(wall - MS_PER_DAY);
  const offsetAfter = londonOffsetMs(wall + MS_PER_DAY);
  const candidates = [wall - offsetBefore, wall - offsetAfter].filter((t) => t + londonOffsetMs(t) === wall);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // In the gap: read the time with the offset in force before the jump, which lands after it.
  return new Date(wall - offsetBefore);
}

function windowMinutes(hours: WorkingHoursSetting): { start: number; end: number } {
  const start = minutesOf(hours.start);
  const end = minutesOf(hours.end);
  if (start >= end) throw new RangeError(`working hours must end after they start: ${hours.start}–${hours.end}`);
  return { start, end };
}

/** Whether an instant falls in working hours: a working day, from `start` inclusive to `end` exclusive, London time. */
export function isWithinWorkingHours(
  at: Date,
  hours: WorkingHoursSetting = DEFAULT_WORKING_HOURS,
  extra?: ExtraHolidays,
): boolean {
  const { start, end } = windowMinutes(hours);
  const clock = londonWallClock(at);
  return clock.minutes >= start && clock.minutes < end && isWorkingDay(clock.date, extra);
}

/**
 * The earliest instant by which `hours` working hours (≥ 0, fractions allowed) have passed since `at`.
 * Time outside working hours does not count, so Friday 16:00 + 4 h is Monday 12:00.
 * A limit used up exactly at closing time gives closing time (Friday 13:00 + 4 h is Friday 17:00).
 * With `hours = 0` the result is `at` when within working hours, otherwise the next opening time.
 */
export function addWorkingHours(
  at: Date,
  hours: number,
  hoursSetting: WorkingHoursSetting = DEFAULT_WORKING_HOURS,
  extra?: ExtraHolidays,
): Date {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`working hours must be zero or more, not ${hours}`);
  windowMinutes(hoursSetting);
  let remaining = Math.round(hours * MS_PER_HOUR);
  // londonWallClock refuses an invalid Date (RangeError) before the loop can spin on NaN.
  let day = londonWallClock(at).date;
  let cursor = at.getTime();
  if (!isWorkingDay(day, extra)) day = nextWorkingDay(day, extra);
  for (;;) {
    const open = atLondonTime(day, hoursSetting.start).getTime();
    const close = atLondonTime(day, hoursSetting.end).getTime();
    if (cursor < open) cursor = open;
    if (cursor < close) {
      if (remaining <= close - cursor) return new Date(cursor + remaining);
      remaining -= close - cursor;
    }
    day = nextWorkingDay(day, extra);
  }
}
