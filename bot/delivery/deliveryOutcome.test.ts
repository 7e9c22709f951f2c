import { describe, expect, it } from 'vitest';
import { classifyDelivery, parseRetryAfter, type HttpResult } from './deliveryOutcome';

const NOW = Date.parse('2026-11-23T10:00:00.000Z');
const res = (status: number, code?: string, retryAfter: string | null = null, extra: Record<string, string> = {}): HttpResult => ({
  kind: 'response',
  status,
  body: code ? { error: { code, message: 'x', ...extra } } : null,
  retryAfter,
});

describe('classifyDelivery', () => {
  it('delivered on 2xx, with the activity id when given', () => {
    expect(classifyDelivery({ kind: 'response', status: 201, body: { id: 'a-1' }, retryAfter: null }, NOW)).toEqual({
      kind: 'delivered',
      activityId: 'a-1',
    });
    expect(classifyDelivery({ kind: 'response', status: 200, body: null, retryAfter: null }, NOW)).toEqual({
      kind: 'delivered',
      activityId: null,
    });
  });

  it('429 honours Retry-After in seconds or as a date, with a default when absent', () => {
    expect(classifyDelivery(res(429, 'Throttled', '3'), NOW)).toEqual({ kind: 'retryAfter', ms: 3000, error: '429 Throttled' });
    expect(classifyDelivery(res(429, 'Throttled', new Date(NOW + 5000).toUTCString()), NOW)).toMatchObject({ ms: 5000 });
    expect(classifyDelivery(res(429, 'Throttled', 'soon'), NOW)).toMatchObject({ kind: 'retryAfter', ms: 1000 });
  });

  it.each([412, 502, 503, 504])('%i is retried with backoff', (status) => {
    expect(classifyDelivery(res(status), NOW).kind).toBe('retryWithBackoff');
  });

  it('timeouts and network errors are retried with backoff', () => {
    expect(classifyDelivery({ kind: 'timeout' }, NOW).kind).toBe('retryWithBackoff');
    expect(classifyDelivery({ kind: 'networkError', message: 'ECONNRESET' }, NOW).kind).toBe('retryWithBackoff');
  });

  it('no conversation with the recipient is undeliverable as notInstalled, not retried', () => {
    expect(classifyDelivery({ kind: 'noConversation' }, NOW)).toMatchObject({ kind: 'undeliverable', reason: 'notInstalled' });
  });

  it('403 and 404 kinds are undeliverable with their reason', () => {
    expect(classifyDelivery(res(403, 'ConversationBlockedByUser'), NOW)).toMatchObject({ kind: 'undeliverable', reason: 'blocked' });
    expect(classifyDelivery(res(403, 'Forbidden', null, { subCode: 'MessageWritesBlocked' }), NOW)).toMatchObject({ reason: 'blocked' });
    expect(classifyDelivery(res(403, 'BotNotInConversationRoster'), NOW)).toMatchObject({ reason: 'uninstalled' });
    expect(classifyDelivery(res(403, 'ForbiddenOperationException'), NOW)).toMatchObject({ reason: 'uninstalled' });
    expect(classifyDelivery(res(403, 'BotDisabledByAdmin'), NOW)).toMatchObject({ reason: 'disabled' });
    expect(classifyDelivery(res(404, 'ConversationNotFound'), NOW)).toMatchObject({ kind: 'undeliverable', reason: 'notFound' });
  });

  it.each([
    [400, 'BadArgument'],
    [401, 'BotNotRegistered'],
    [403, 'NotEnoughPermissions'],
    [403, 'InvalidBotApiHost'],
    [404, 'ActivityNotFoundInConversation'],
    [413, 'MessageSizeTooBig'],
    [500, 'ServiceError'],
  ])('%i %s fails without retry', (status, code) => {
    expect(classifyDelivery(res(status, code), NOW)).toEqual({ kind: 'failed', error: `${status} ${code}` });
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and dates; a past date means now; nonsense is null', () => {
    expect(parseRetryAfter('0', NOW)).toBe(0);
    expect(parseRetryAfter(' 12 ', NOW)).toBe(12_000);
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter('-3', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });
});
