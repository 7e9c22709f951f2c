import { z } from 'zod';
import { etag, id, isoDate, isoDateTime } from '../schemas/common';
import { MEETING_NOTE_MAX, meetingProposalStatus, meetingProposerRole, meetingTime } from '../schemas/meetingProposals';

/** A proposed meeting time as the tab shows it: who proposed, when for, and the auditor's answer. */
export const meetingProposalView = z.object({
  id,
  etag,
  auditId: id,
  proposedById: id,
  proposerName: z.string(),
  proposerRole: meetingProposerRole,
  meetingDate: isoDate,
  meetingTime: meetingTime.nullable(),
  createdAt: isoDateTime,
  status: meetingProposalStatus,
  response: z
    .object({ byId: id, byName: z.string(), at: isoDateTime, note: z.string().optional() })
    .nullable(),
});
export type MeetingProposalView = z.infer<typeof meetingProposalView>;

export const meetingListResponse = z.object({
  items: z.array(meetingProposalView),
  /** True for the audit's auditor while the audit is open: they answer proposals. */
  canRespond: z.boolean(),
});
export type MeetingListResponse = z.infer<typeof meetingListResponse>;

export const meetingResponseRequest = z
  .object({
    /** The proposal's etag as last read: a stale answer is refused, never silently applied. */
    etag,
    decision: z.enum(['accept', 'decline']),
    /** Optional, for the person who proposed; shown in the tab only, never in Teams cards. */
    note: z.string().trim().max(MEETING_NOTE_MAX).optional(),
  })
  .strict();
export type MeetingResponseRequest = z.infer<typeof meetingResponseRequest>;
