import { GraphOutcomeUnknownError, retryAfterMs, type GraphRequest, type GraphResponse } from '../store/sharepoint/graphClient';
import type { EmailResult, EmailSender } from './emailSender';

/**
 * E-mail in tenant mode: Microsoft Graph `POST /users/{mailbox}/sendMail`
 * (https://learn.microsoft.com/graph/api/user-sendmail) from the service mailbox, with the app's
 * `Mail.Send` permission, which an Exchange application access policy restricts to that mailbox.
 *
 * Outcomes: 202 Accepted = sent. 429 and 503 are throttling: transient, with the Retry-After the
 * service gave, which the dispatcher honours (so `send` must not retry them itself: give it a
 * client with one attempt). 5xx, 401 (a token problem on our side) and no answer at all are
 * transient; other 4xx (unknown mailbox, refused by the access policy, bad recipient) will not
 * succeed as they stand: permanent. Messages are plain text; nothing is kept in Sent Items (the
 * outbox is the record). The error names the status and Graph's code only, never the address.
 */

export interface GraphMailSenderOptions {
  /** One HTTP request to Graph (a GraphClient's `send`, built with maxAttempts 1). */
  send: (req: GraphRequest) => Promise<GraphResponse>;
  /** The service mailbox's address (or object id). */
  mailbox: string;
}

const codeOf = (body: unknown): string => {
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' ? code : 'unknown';
};

export function graphMailSender(o: GraphMailSenderOptions): EmailSender {
  const url = `/users/${encodeURIComponent(o.mailbox)}/sendMail`;
  return {
    async send(m) {
      let res: GraphResponse;
      try {
        res = await o.send({
          method: 'POST',
          url,
          body: {
            message: {
              subject: m.subject,
              body: { contentType: 'Text', content: m.text },
              toRecipients: [{ emailAddress: { address: m.to } }],
              importance: m.urgent ? 'high' : 'normal',
            },
            saveToSentItems: false,
          },
        });
      } catch (err) {
        // No answer (timeout, reset): it may have gone; retrying risks one duplicate, never a loss.
        return { kind: 'transient', error: err instanceof GraphOutcomeUnknownError ? 'Graph sendMail: no answer' : `Graph sendMail: ${err instanceof Error ? err.name : 'error'}` };
      }
      const label = `Graph sendMail ${res.status} ${codeOf(res.body)}`;
      if (res.status === 202 || (res.status >= 200 && res.status < 300)) return { kind: 'sent', messageId: `graph:${m.id}` };
      if (res.status === 429 || res.status === 503) {
        const wait = retryAfterMs(res.headers);
        return { kind: 'transient', error: label, ...(wait !== null ? { retryAfterMs: wait } : {}) };
      }
      if (res.status >= 500 || res.status === 401 || res.status === 408) return { kind: 'transient', error: label };
      return { kind: 'permanent', error: label };
    },
    async close() {
      // Nothing held open: each message is one HTTPS request.
    },
  };
}
