import { z } from 'zod';

/**
 * E-mail behind a small interface: SMTP or a mail drop in local mode (`smtpEmailSender`), Graph
 * `sendMail` in tenant mode (`graphMailSender`). Messages are plain text and carry the same minimum as a Teams card (case reference,
 * initials, dates, a link to the tab): e-mail leaves the app's protection.
 */

export const emailMessage = z.object({
  /** The outbox notification's id: it becomes the Message-ID, so a resend after a crash is recognisably the same message. */
  id: z.string().min(1).max(128),
  to: z.email(),
  subject: z.string().min(1).max(200),
  text: z.string().min(1).max(20_000),
  urgent: z.boolean(),
});
export type EmailMessage = z.infer<typeof emailMessage>;

export type EmailResult =
  | { kind: 'sent'; messageId: string }
  /** Worth trying again later: a 4xx reply, a dropped connection, a timeout. */
  | { kind: 'transient'; error: string; /** The service asked for this wait (Retry-After); the dispatcher honours it. */ retryAfterMs?: number }
  /** Will not succeed as it stands: a 5xx reply (unknown mailbox, refused sender, ...). */
  | { kind: 'permanent'; error: string };

export interface EmailSender {
  send(message: EmailMessage): Promise<EmailResult>;
  close(): Promise<void>;
}

/** The Message-ID for a notification: stable, so the same notice sent twice is one message to mail clients that de-duplicate. */
export function messageIdFor(notificationId: string, domain: string): string {
  return `<${notificationId.replace(/[^A-Za-z0-9._-]/g, '-')}@${domain}>`;
}
