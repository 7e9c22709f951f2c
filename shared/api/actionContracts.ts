import { z } from 'zod';
import { etag, id, isoDate, isoDateTime } from '../schemas/common';
import { actionStatus } from '../schemas/actions';
import { auditType } from '../schemas/audits';
import { cardInputMaxLength } from '../cards/cardVerbs';

/**
 * The action tracking API: My actions, Team actions, the service-wide tracker, and the three
 * steps (done, approve, return). Every step carries the `version` the page was built from (the
 * same card version Teams cards carry), so a stale page gets a 409 with the action's state in
 * words, never a silent second change.
 */

/** One action as the tab shows it, with what this viewer may do with it now. */
export const actionView = z.object({
  id,
  auditId: id,
  auditType,
  caseRef: z.string(),
  initials: z.string(),
  teamId: id,
  teamName: z.string(),
  /** The template section the action answers, or its place in the audit ("Action 2 of the audit"). */
  label: z.string(),
  what: z.string(),
  why: z.string(),
  ownerId: id,
  ownerName: z.string(),
  accountableManagerId: id,
  accountableManagerName: z.string(),
  dueDate: isoDate,
  status: actionStatus,
  /** Open and past its due date (Europe/London). */
  overdue: z.boolean(),
  doneNote: z.string().nullable(),
  doneAt: isoDateTime.nullable(),
  doneByName: z.string().nullable(),
  approvedAt: isoDateTime.nullable(),
  approvedByName: z.string().nullable(),
  returned: z.object({ byName: z.string(), at: isoDateTime, reason: z.string() }).nullable(),
  /** Send back with a step: the action's card version. */
  version: etag,
  canMarkDone: z.boolean(),
  canApprove: z.boolean(),
  canReturn: z.boolean(),
});
export type ActionView = z.infer<typeof actionView>;

export const actionOption = z.object({ id, name: z.string() });
export type ActionOption = z.infer<typeof actionOption>;

export const actionListResponse = z.object({
  items: z.array(actionView),
  /** Cursor for the next page; null on the last. */
  next: z.string().nullable(),
  /** Actions matching the filters, on every page. */
  total: z.number().int().min(0),
  /** The teams this list can be filtered by (Team actions, the tracker). */
  teams: z.array(actionOption),
  /** The owners in this list before the owner filter (Team actions). */
  owners: z.array(actionOption),
});
export type ActionListResponse = z.infer<typeof actionListResponse>;

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');
const paging = {
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
};

export const myActionsQuery = z.strictObject({ status: actionStatus.optional(), overdue: flag.optional(), ...paging });
export type MyActionsQuery = z.infer<typeof myActionsQuery>;

export const teamActionsQuery = z.strictObject({ teamId: id.optional(), ownerId: id.optional(), status: actionStatus.optional(), overdue: flag.optional(), ...paging });
export type TeamActionsQuery = z.infer<typeof teamActionsQuery>;

export const actionTrackerQuery = z.strictObject({
  teamId: id.optional(),
  status: actionStatus.optional(),
  overdue: flag.optional(),
  /** Due on or before this date. */
  dueBefore: isoDate.optional(),
  ...paging,
});
export type ActionTrackerQuery = z.infer<typeof actionTrackerQuery>;

/** The filters all three lists understand (each route accepts its own subset). */
export type ActionFilters = Partial<Pick<ActionTrackerQuery & TeamActionsQuery, 'teamId' | 'ownerId' | 'status' | 'overdue' | 'dueBefore' | 'cursor' | 'limit'>>;

export const markActionDoneRequest = z.strictObject({
  version: etag,
  /** A short note of the evidence: shown in the tab, never in Teams cards or the trail. */
  note: z.string().trim().min(1, 'is required').max(cardInputMaxLength.note),
});
export type MarkActionDoneRequest = z.infer<typeof markActionDoneRequest>;

export const approveActionRequest = z.strictObject({ version: etag });
export type ApproveActionRequest = z.infer<typeof approveActionRequest>;

export const returnActionRequest = z.strictObject({
  version: etag,
  /** For the owner, in the tab only. */
  reason: z.string().trim().min(1, 'is required').max(cardInputMaxLength.reason),
});
export type ReturnActionRequest = z.infer<typeof returnActionRequest>;
