import { coverStartedCard, COVER_STARTED_SUMMARY } from '../../shared/cards/coverStartedCard';
import { noticeKey } from '../../shared/ids/noticeKey';
import type { NewNotification } from './outboxStore';
import { staffConversationKey } from './allocationNotice';

/** The notice telling a deputy they now cover for a colleague who is away. */

export const COVER_STARTED_NOTICE_KIND = 'coverStarted';

/**
 * One per saved change of cover: the staff record's etag after the change tells one spell of
 * cover from the next, so a replayed change queues nothing twice but a later spell is told again.
 */
export const coverStartedNoticeId = (staffId: string, deputyId: string, savedETag: string): string => noticeKey('cover', staffId, deputyId, savedETag);

export function coverStartedNotice(input: { staffId: string; deputyId: string; savedETag: string; awayName: string; markedByName: string | null; openAppUrl: string }): NewNotification {
  const card = coverStartedCard({ awayName: input.awayName, markedByName: input.markedByName, openAppUrl: input.openAppUrl });
  return {
    id: coverStartedNoticeId(input.staffId, input.deputyId, input.savedETag),
    conversationKey: staffConversationKey(input.deputyId),
    recipientId: input.deputyId,
    kind: COVER_STARTED_NOTICE_KIND,
    payload: { card: { ...card }, summary: COVER_STARTED_SUMMARY },
    priority: 'routine',
  };
}
