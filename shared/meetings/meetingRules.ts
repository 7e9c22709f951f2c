import type { IsoDate } from '../schemas/common';
import { ukDate } from '../calendar/londonTime';
import { isWorkingDay, type ExtraHolidays } from '../calendar/workingDays';

/** The hours a proposed meeting may start in, London time, both ends included. */
export const MEETING_HOURS = { from: '08:00', to: '18:00' } as const;

export type MeetingTimeProblem = 'inThePast' | 'notAWorkingDay' | 'afterDueDate' | 'outsideHours';

export interface MeetingTimeProposal {
  date: IsoDate;
  /** `HH:MM`, or null when only a day is proposed. */
  time: string | null;
  /** The audit's due date: the meeting has to happen in time for the audit. */
  dueDate: IsoDate;
  /** London's wall clock now (see `londonWallClock`). */
  now: { date: IsoDate; minutes: number };
  extraHolidays?: ExtraHolidays;
}

export type MeetingTimeCheck = { ok: true } | { ok: false; problem: MeetingTimeProblem; message: string };

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * Whether a proposed meeting time can be put to the auditor: today or later (and not a time
 * already gone today), a working day in England and Wales, no later than the audit's due date,
 * and, when a time is given, within working hours. Messages use UK dates and say what to choose.
 */
export function checkMeetingTime(p: MeetingTimeProposal): MeetingTimeCheck {
  const refuse = (problem: MeetingTimeProblem, message: string): MeetingTimeCheck => ({ ok: false, problem, message });
  if (p.date < p.now.date) return refuse('inThePast', `${ukDate(p.date)} has passed. Choose today or a later date.`);
  if (!isWorkingDay(p.date, p.extraHolidays))
    return refuse('notAWorkingDay', `${ukDate(p.date)} is a weekend or a bank holiday. Choose a working day.`);
  if (p.date > p.dueDate)
    return refuse('afterDueDate', `${ukDate(p.date)} is after the audit is due (${ukDate(p.dueDate)}). Choose a date on or before then.`);
  if (p.time !== null) {
    const at = minutesOf(p.time);
    if (at < minutesOf(MEETING_HOURS.from) || at > minutesOf(MEETING_HOURS.to))
      return refuse('outsideHours', `Choose a time between ${MEETING_HOURS.from} and ${MEETING_HOURS.to}.`);
    if (p.date === p.now.date && at <= p.now.minutes) return refuse('inThePast', `${p.time} today has passed. Choose a later time or another day.`);
  }
  return { ok: true };
}
