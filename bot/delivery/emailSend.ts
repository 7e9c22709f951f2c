import { z } from 'zod';
import type { OutboxNotification } from './outboxStore';
import type { HttpResult } from './deliveryOutcome';
import type { StaffStore } from '../store/storeInterface';
import type { EmailSender } from '../email/emailSender';

/**
 * E-mails go through the same outbox and dispatcher as Teams cards, so they are written with the
 * change that causes them and survive a crash. The address is looked up at send time from the
 * staff directory (a notice queued before a directory update goes to the current address).
 */

export const emailPayload = z.object({
  channel: z.literal('email'),
  subject: z.string().min(1).max(200),
  text: z.string().min(1).max(20_000),
});
export type EmailPayload = z.infer<typeof emailPayload>;

export const isEmailNotification = (n: Pick<OutboxNotification, 'payload'>): boolean => n.payload['channel'] === 'email';

/** The conversation key e-mails are rate-limited under: one per recipient, apart from their Teams chat. */
export const emailConversationKey = (staffId: string): string => `email:${staffId}`;

/** Sends one queued e-mail; outcomes are reported in the dispatcher's terms (see classifyDelivery). */
export function emailSend(deps: { staff: Pick<StaffStore, 'get'>; sender: EmailSender }): (n: OutboxNotification) => Promise<HttpResult> {
  return async (n) => {
    const payload = emailPayload.parse(n.payload);
    const person = await deps.staff.get(n.recipientId);
    if (!person || !person.active) return { kind: 'response', status: 404, body: { error: { code: 'MailboxNotFound', message: 'no active member of staff' } }, retryAfter: null };
    const result = await deps.sender.send({ id: n.id, to: person.email, subject: payload.subject, text: payload.text, urgent: n.priority === 'urgent' });
    switch (result.kind) {
      case 'sent':
        return { kind: 'response', status: 201, body: { id: result.messageId }, retryAfter: null };
      case 'transient':
        // A throttled mail service said when to come back: the dispatcher waits at least that long.
        if (result.retryAfterMs !== undefined) return { kind: 'response', status: 429, body: { error: { code: 'MailThrottled', message: result.error } }, retryAfter: String(Math.ceil(result.retryAfterMs / 1000)) };
        return { kind: 'networkError', message: result.error };
      case 'permanent':
        return { kind: 'response', status: 400, body: { error: { code: 'MailRejected', message: result.error } }, retryAfter: null };
    }
  };
}

/** The dispatcher's one `send`: by channel. */
export function channelSend(channels: { teams: (n: OutboxNotification) => Promise<HttpResult>; email: (n: OutboxNotification) => Promise<HttpResult> }) {
  return (n: OutboxNotification): Promise<HttpResult> => (isEmailNotification(n) ? channels.email(n) : channels.teams(n));
}
