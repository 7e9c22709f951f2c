import { noticeKey } from '../../shared/ids/noticeKey';
import type { AdaptiveCard } from '../../shared/cards/cardModel';
import type { AuditAction } from '../../shared/schemas/actions';
import type { StaffMember } from '../../shared/schemas/staff';
import type { NewNotification } from '../delivery/outboxStore';
import { staffConversationKey } from '../delivery/allocationNotice';

/**
 * The Teams notices about actions and their outbox ids. Ids derive from what the card is about and
 * whom it is for, so every card about an action can be found again from the action (to keep it
 * current) without an index, and doing the same thing twice queues nothing new:
 * - the owner's card of new actions: one per audit and owner;
 * - the approver's Approve / Return card: one per action, approver and time it was marked done;
 * - the owner's "returned" card: one per action and time it was returned.
 */

export const ACTION_NOTICE_KIND = {
  newActions: 'actionsNew',
  approval: 'actionApproval',
  returned: 'actionReturned',
  overdueDigest: 'actionsOverdue',
  drift: 'actionsDrift',
  driftEscalated: 'actionsDriftEscalated',
  approvalsWaiting: 'actionApprovalsWaiting',
} as const;

/** The subject kind of card updates about an action (see bot/delivery/cardUpdates). */
export const ACTION_CARD_SUBJECT = 'action';

export const newActionsNoticeId = (auditId: string, ownerId: string): string => noticeKey('act-new', auditId, ownerId);
export const approvalNoticeId = (actionId: string, approverId: string, doneAt: string): string => noticeKey('act-appr', actionId, approverId, doneAt);
export const returnedNoticeId = (actionId: string, returnedAt: string): string => noticeKey('act-ret', actionId, returnedAt);

export function cardNotice(id: string, recipientId: string, kind: string, card: AdaptiveCard, summary: string): NewNotification {
  return { id, conversationKey: staffConversationKey(recipientId), recipientId, kind, payload: { card: { ...card }, summary }, priority: 'routine' };
}

/**
 * Who decides an action marked done: the accountable manager, or the deputy covering while they
 * are away; the deputy when the manager owns the action or marked it done. Null when nobody can
 * (no deputy recorded): it waits in the tab, and the nudge job reports it.
 */
export function approverOf(action: Pick<AuditAction, 'accountableManagerId' | 'ownerId' | 'doneById'>, manager: Pick<StaffMember, 'away' | 'deputyId'> | null): string | null {
  const managerId = action.accountableManagerId;
  const selfDecided = managerId === action.ownerId || managerId === action.doneById;
  const approver = selfDecided ? (manager?.deputyId ?? null) : manager?.away && manager.deputyId ? manager.deputyId : managerId;
  if (!approver || approver === action.ownerId || approver === action.doneById) return null;
  return approver;
}
