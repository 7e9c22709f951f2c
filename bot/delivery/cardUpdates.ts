import { z } from 'zod';
import { id } from '../../shared/schemas/common';
import { noticeKey } from '../../shared/ids/noticeKey';
import type { AdaptiveCard } from '../../shared/cards/cardModel';
import type { NewNotification, OutboxNotification } from './outboxStore';

/**
 * Keeping sent cards current. When the subject of a card changes (an action approved, a concern
 * acknowledged), an update notification is queued for each card sent about it; the dispatcher then
 * replaces the card in the recipient's chat (updateActivity) with the activity id stored when the
 * card was sent.
 *
 * An update carries no card: the card is rendered from the subject's state when the update is
 * sent, so updates delivered late or out of order still show the latest state, and a card is never
 * put back to an older one. An update waits while its card is still being sent (retried like a
 * 412), and there is nothing to update for a card that could not be delivered.
 */

export const cardSubject = z.object({ kind: z.string().min(1).max(40), id });
export type CardSubject = z.infer<typeof cardSubject>;

export const cardUpdatePayload = z.object({
  channel: z.literal('teamsUpdate'),
  /** The outbox id of the card to replace. */
  target: id,
  subject: cardSubject,
});

/** Renders the card a recipient should now see about a subject; null: leave the card as it is. */
export type CardRenderer = (subjectId: string, recipientId: string) => Promise<AdaptiveCard | null>;
export type CardRenderers = ReadonlyMap<string, CardRenderer>;

export const isCardUpdate = (n: Pick<OutboxNotification, 'payload'>): boolean => n.payload['channel'] === 'teamsUpdate';

/**
 * The update for one sent card, when its subject reaches `version` (e.g. the action's card
 * version): one per card and version, so a repeated change queues nothing twice.
 */
export function cardUpdateNotice(
  target: Pick<OutboxNotification, 'id' | 'recipientId' | 'conversationKey' | 'priority'>,
  subject: CardSubject,
  version: string,
): NewNotification {
  return {
    id: noticeKey('upd', target.id, version),
    conversationKey: target.conversationKey,
    recipientId: target.recipientId,
    kind: 'cardUpdate',
    priority: target.priority,
    payload: { channel: 'teamsUpdate', target: target.id, subject },
  };
}
