import { z } from 'zod';
import { stableId } from '../ids/stableId';
import { id, isoDate, isoDateTime } from './common';

/** Longest note the auditor may add when answering a proposal (the tab's `maxLength` agrees). */
export const MEETING_NOTE_MAX = 500;

/** A 24-hour wall-clock time in Europe/London, `HH:MM`. */
export const meetingTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM');

/** Who proposed: the case's worker, the manager of the case's team, or that manager's deputy. */
export const meetingProposerRole = z.enum(['worker', 'teamManager', 'deputy']);
export type MeetingProposerRole = z.infer<typeof meetingProposerRole>;

export const meetingProposalStatus = z.enum(['proposed', 'accepted', 'declined']);
export type MeetingProposalStatus = z.infer<typeof meetingProposalStatus>;

/** The auditor's answer. The note is staff free text: kept here, never copied into cards, logs or the trail. */
export const meetingResponse = z.object({
  byId: id,
  at: isoDateTime,
  note: z.string().trim().min(1).max(MEETING_NOTE_MAX).optional(),
});
export type MeetingResponse = z.infer<typeof meetingResponse>;

/**
 * A time to meet the auditor for a collaborative audit, proposed from the "case selected" card.
 * Its id is derived from audit, proposer, date and time, so a replayed invoke lands on one record.
 */
export const meetingProposal = z
  .object({
    id,
    auditId: id,
    proposedById: id,
    proposerRole: meetingProposerRole,
    meetingDate: isoDate,
    meetingTime: meetingTime.nullable(),
    createdAt: isoDateTime,
    status: meetingProposalStatus,
    response: meetingResponse.nullable(),
  })
  .refine((p) => (p.status === 'proposed') === (p.response === null), {
    message: 'a proposal has a response exactly when it has been accepted or declined',
    path: ['response'],
  });
export type MeetingProposal = z.infer<typeof meetingProposal>;

/** The one id for "this person proposed this date (and time) for this audit". */
export function meetingProposalId(auditId: string, proposedById: string, meetingDate: string, meetingTime: string | null): string {
  return stableId('mtg-', [auditId, proposedById, meetingDate, meetingTime ?? ''].join('|'));
}
