/**
 * What one call to the Bot Connector came to, and what to do next. Pure.
 *
 * Rules follow Microsoft's documentation (summarised in /work/shared/platform-notes.md §2):
 * - https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit — 429 is retried
 *   honouring Retry-After; "error codes 412, 502, and 504 must also be retried";
 * - https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-messages
 *   ("Status codes from bot conversational APIs") — retry only 412, 429, 502, 503, 504 (and
 *   403 InvalidBotApiHost against the GCC host, which is configuration, not a retry here);
 *   400, 401, 403, 404, 413 and 500 are not retried.
 */

/** The result of one HTTP attempt, as the sender saw it. */
export type HttpResult =
  | { kind: 'response'; status: number; body: unknown; retryAfter: string | null }
  /** No answer within the sender's deadline: the message may or may not have been delivered. */
  | { kind: 'timeout' }
  /** Connection refused, reset, DNS and the like: nothing was answered. */
  | { kind: 'networkError'; message: string }
  /** The sender holds no conversation with the recipient, so no call was made; `detail` says why, for the QA lead's list. */
  | { kind: 'noConversation'; detail?: string };

export type UndeliverableReason = 'blocked' | 'uninstalled' | 'notFound' | 'disabled' | 'notInstalled';

export type DeliveryOutcome =
  | { kind: 'delivered'; activityId: string | null }
  | { kind: 'retryAfter'; ms: number; error: string }
  | { kind: 'retryWithBackoff'; error: string }
  | { kind: 'undeliverable'; reason: UndeliverableReason; error: string }
  | { kind: 'failed'; error: string };

/** Used when a 429 carries no usable Retry-After. */
export const DEFAULT_RETRY_AFTER_MS = 1_000;

/** The `{ error: { code, message } }` body the connector returns; subCode is documented for blocked bots. */
export function errorCodeOf(body: unknown): { code: string | null; subCode: string | null } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return { code: null, subCode: null };
  const error = body.error;
  if (typeof error !== 'object' || error === null) return { code: null, subCode: null };
  const code = 'code' in error && typeof error.code === 'string' ? error.code : null;
  const subCode = 'subCode' in error && typeof error.subCode === 'string' ? error.subCode : null;
  return { code, subCode };
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); null if neither. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // HTTP dates name the day and month ("Wed, 21 Oct 2015 07:28:00 GMT"); Date.parse alone would take "-3" as a year.
  if (!/^[A-Za-z]{3}, /.test(trimmed)) return null;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

export function classifyDelivery(result: HttpResult, nowMs: number): DeliveryOutcome {
  if (result.kind === 'timeout') return { kind: 'retryWithBackoff', error: 'timed out' };
  if (result.kind === 'networkError') return { kind: 'retryWithBackoff', error: `network: ${result.message}` };
  if (result.kind === 'noConversation') return { kind: 'undeliverable', reason: 'notInstalled', error: result.detail ?? 'no conversation with the recipient' };

  const { status, body } = result;
  const { code, subCode } = errorCodeOf(body);
  const label = code ? `${status} ${code}` : String(status);

  if (status >= 200 && status < 300) {
    const id = typeof body === 'object' && body !== null && 'id' in body && typeof body.id === 'string' ? body.id : null;
    return { kind: 'delivered', activityId: id };
  }
  if (status === 429) {
    const ms = parseRetryAfter(result.retryAfter, nowMs);
    return { kind: 'retryAfter', ms: ms ?? DEFAULT_RETRY_AFTER_MS, error: label };
  }
  // 412: concurrent operations on one conversation; 502/503/504: transient service faults.
  if (status === 412 || status === 502 || status === 503 || status === 504) return { kind: 'retryWithBackoff', error: label };

  if (status === 403) {
    // Blocked bots are documented as 403 with subCode MessageWritesBlocked, though reported without it.
    if (code === 'ConversationBlockedByUser' || subCode === 'MessageWritesBlocked') {
      return { kind: 'undeliverable', reason: 'blocked', error: label };
    }
    if (code === 'BotNotInConversationRoster' || code === 'ForbiddenOperationException') {
      return { kind: 'undeliverable', reason: 'uninstalled', error: label };
    }
    if (code === 'BotDisabledByAdmin') return { kind: 'undeliverable', reason: 'disabled', error: label };
    return { kind: 'failed', error: label };
  }
  if (status === 404) {
    // ActivityNotFoundInConversation concerns an update to a message, not the recipient.
    if (code === 'ActivityNotFoundInConversation') return { kind: 'failed', error: label };
    return { kind: 'undeliverable', reason: 'notFound', error: label };
  }
  return { kind: 'failed', error: label };
}
