import { z } from 'zod';
import { dayOfWeek } from '../calendar/calendarDays';
import { ukDate } from '../calendar/londonTime';
import { isoDate } from '../schemas/common';
import { meetingTime } from '../schemas/meetingProposals';
import type { Fact } from './cardModel';
import { cardCaseRef, cardInitials } from './cardInputs';

const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** What a meeting card may say about the case and the meeting: reference, initials, day and time. */
export const meetingCardFacts = z.object({
  caseRef: cardCaseRef,
  initials: cardInitials,
  meetingDate: isoDate,
  meetingTime: meetingTime.nullable(),
});
export type MeetingCardFacts = z.infer<typeof meetingCardFacts>;

/** "Wednesday 25/11/2026". */
export function meetingDay(date: string): string {
  return `${dayNames[dayOfWeek(date)]} ${ukDate(date)}`;
}

export function meetingFacts(m: MeetingCardFacts): Fact[] {
  return [
    { title: 'Case reference', value: m.caseRef },
    { title: 'Initials', value: m.initials },
    { title: 'Date', value: meetingDay(m.meetingDate) },
    { title: 'Time', value: m.meetingTime ?? 'No time given' },
  ];
}
