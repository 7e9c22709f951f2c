import { enqueueOnce } from '../delivery/enqueueOnce';
import { createHash } from 'node:crypto';
import type { Store } from '../store/storeInterface';
import { DuplicateError } from '../store/storeInterface';
import type { IsoDate } from '../../shared/schemas/common';
import { escalationKey, nextTierKey, type OverdueGroup } from '../../shared/chasing/escalationNotice';
import { escalationCard } from '../../shared/cards/escalationCard';
import { nextTierCard, type NextTierCardInput } from '../../shared/cards/nextTierCard';
import { staffConversationKey } from '../delivery/allocationNotice';
import type { NewNotification, OutboxStore } from '../delivery/outboxStore';

/**
 * The notices about overdue audits that go to managers: the line manager's (sent by the QA lead,
 * or by the daily job when a council turns that on) and the next tier's (the line manager's own
 * manager, sent by the lead when misses repeat). Ids name the auditor and the day, and the outbox
 * is idempotent by id, so however many sends there are in a day — manual, automatic or both —
 * each manager gets one notice about each auditor.
 */

export const ESCALATION_NOTICE_KIND = 'escalation';
/** Shown in chat lists and notifications: no child data. */
export const ESCALATION_NOTICE_SUMMARY = 'Audits past their due date';
export const NEXT_TIER_NOTICE_KIND = 'escalationNextTier';
export const NEXT_TIER_NOTICE_SUMMARY = 'Audits missed more than once';

/** Ids are at most 64 characters: a long key is hashed. */
function noticeIdFor(key: string, shortPrefix: string): string {
  const raw = `ntf-${key}`;
  return raw.length <= 64 ? raw : `ntf-${shortPrefix}-${createHash('sha256').update(key).digest('hex').slice(0, 48)}`;
}

/** One per auditor per day. */
export function escalationNoticeId(auditorId: string, today: IsoDate): string {
  return noticeIdFor(escalationKey(auditorId, today), 'esc');
}

/** One per auditor per day, apart from the line manager's. */
export function nextTierNoticeId(auditorId: string, today: IsoDate): string {
  return noticeIdFor(nextTierKey(auditorId, today), 'esc2');
}


export type LineManagerSend = { notificationId: string; enqueued: boolean; lineManagerId: string } | { noLineManager: true };

/**
 * The line manager's notice about one auditor's overdue audits: the one path for the QA lead's
 * send and the daily job's, so the same day the two make one notice with the same words.
 */
export async function sendLineManagerNotice(store: Pick<Store, 'staff' | 'outbox'>, group: OverdueGroup, today: IsoDate): Promise<LineManagerSend> {
  const auditor = await store.staff.get(group.auditorId);
  const lineManagerId = auditor?.lineManagerId ?? null;
  if (!lineManagerId) return { noLineManager: true };
  const card = escalationCard({ auditorName: auditor?.displayName ?? 'Former member of staff', overdueCount: group.overdueCount, dueDate: group.earliestDueDate });
  const notice: NewNotification = {
    id: escalationNoticeId(group.auditorId, today),
    conversationKey: staffConversationKey(lineManagerId),
    recipientId: lineManagerId,
    kind: ESCALATION_NOTICE_KIND,
    payload: { card: { ...card }, summary: ESCALATION_NOTICE_SUMMARY },
    priority: 'routine',
  };
  return { notificationId: notice.id, enqueued: await enqueueOnce(store.outbox, notice.id, () => notice), lineManagerId };
}

/** The next tier's notice: to the line manager's own manager, about repeated misses. */
export async function sendNextTierNotice(
  outbox: OutboxStore,
  input: NextTierCardInput & { auditorId: string; recipientId: string },
  today: IsoDate,
): Promise<{ notificationId: string; enqueued: boolean }> {
  const { auditorId, recipientId, ...cardInput } = input;
  const card = nextTierCard(cardInput);
  const notice: NewNotification = {
    id: nextTierNoticeId(auditorId, today),
    conversationKey: staffConversationKey(recipientId),
    recipientId,
    kind: NEXT_TIER_NOTICE_KIND,
    payload: { card: { ...card }, summary: NEXT_TIER_NOTICE_SUMMARY },
    priority: 'routine',
  };
  return { notificationId: notice.id, enqueued: await enqueueOnce(outbox, notice.id, () => notice) };
}
