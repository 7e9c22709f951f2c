import type { HttpResult } from '../../../bot/delivery/deliveryOutcome';
import type { OutboxNotification } from '../../../bot/delivery/outboxStore';

/**
 * A minimal Bot Connector client for tests: POSTs the notification's card as a message activity,
 * with the notification id in channelData so the simulator's record shows duplicates.
 */
export function fetchSend(serviceUrl: string, timeoutMs = 1_000): (n: OutboxNotification) => Promise<HttpResult> {
  return async (n) => {
    const activity = {
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: n.payload }],
      channelData: { notificationId: n.id },
    };
    try {
      const res = await fetch(`${serviceUrl}/v3/conversations/${encodeURIComponent(n.conversationKey)}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await res.text();
      let body: unknown = null;
      try {
        body = text ? (JSON.parse(text) as unknown) : null;
      } catch {
        body = text;
      }
      return { kind: 'response', status: res.status, body, retryAfter: res.headers.get('retry-after') };
    } catch (err) {
      if (err instanceof Error && err.name === 'TimeoutError') return { kind: 'timeout' };
      return { kind: 'networkError', message: err instanceof Error ? err.message : String(err) };
    }
  };
}

/** The notification id a recorded activity carries (see fetchSend). */
export function notificationIdOf(payload: unknown): string {
  if (typeof payload === 'object' && payload !== null && 'channelData' in payload) {
    const cd = payload.channelData;
    if (typeof cd === 'object' && cd !== null && 'notificationId' in cd && typeof cd.notificationId === 'string') return cd.notificationId;
  }
  return '(none)';
}
