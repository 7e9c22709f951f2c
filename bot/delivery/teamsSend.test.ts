import { describe, expect, it } from 'vitest';
import { httpResultOfError, teamsSend } from './teamsSend';
import { cardUpdateNotice } from './cardUpdates';
import { classifyDelivery } from './deliveryOutcome';
import type { OutboxNotification } from './outboxStore';
import type { ConversationRef } from '../teams/conversationStore';
import type { BotAdapter } from '../teams/botAdapter';
import { buildStaff } from '../../test/fixtures/builders';
import type { StaffMember } from '../../shared/schemas/staff';
import type { AdaptiveCard } from '../../shared/cards/cardModel';

const OID = '7d1c5a9e-0000-4000-8000-00000000a001';
const ref: ConversationRef = {
  userKey: OID,
  teamsUserId: '29:someone',
  aadObjectId: OID,
  conversationId: 'a:chat',
  serviceUrl: 'https://smba.example/teams/',
  tenantId: null,
  botId: '28:bot',
  updatedAt: '2026-11-02T10:00:00.000Z',
};
const notice: OutboxNotification = {
  id: 'ntf-1',
  conversationKey: 'staff:auditor',
  recipientId: 'auditor',
  kind: 'allocation',
  payload: { card: { type: 'AdaptiveCard', version: '1.5', body: [] }, summary: 'You have a new audit allocated' },
  priority: 'routine',
  status: 'sending',
  attempts: 0,
  nextAttemptAt: '2026-11-02T10:00:00.000Z',
  activityId: null,
  lastError: null,
  undeliverableReason: null,
  createdAt: '2026-11-02T10:00:00.000Z',
  updatedAt: '2026-11-02T10:00:00.000Z',
};

/** `answer`: 'send' delivers, 'hang' never answers, an Error is thrown by the connector. */
function deps(member: StaffMember | null, stored: ConversationRef | null, answer: 'send' | 'hang' | Error = 'send') {
  const sent: { card: AdaptiveCard; summary: string | undefined; to: ConversationRef }[] = [];
  const bot: Pick<BotAdapter, 'continueConversation'> = {
    async continueConversation(to, logic) {
      if (answer === 'hang') return new Promise<void>(() => undefined);
      if (answer instanceof Error) throw answer;
      await logic({
        sendCard: async (card, summary) => {
          sent.push({ card, summary, to });
          return 'activity-1';
        },
        sendText: async () => null,
        updateCard: async () => undefined,
      });
    },
  };
  return {
    sent,
    send: teamsSend({
      staff: { get: async (id) => (member && member.id === id ? { ...member, etag: '1' } : null) },
      conversations: { getByAad: async (oid) => (stored && stored.aadObjectId === oid ? stored : null) },
      bot,
      timeoutMs: 50,
    }),
  };
}

describe('teamsSend', () => {
  it('sends the card with its preview text to the chat found by the staff member’s Entra id', async () => {
    const d = deps(buildStaff({ id: 'auditor', entraObjectId: OID }), ref);
    expect(await d.send(notice)).toEqual({ kind: 'response', status: 201, body: { id: 'activity-1' }, retryAfter: null });
    expect(d.sent).toHaveLength(1);
    expect(d.sent[0]).toMatchObject({ summary: 'You have a new audit allocated', to: { conversationId: 'a:chat' } });
  });

  it('reports no conversation, without calling Teams, when the person has no Entra id or no stored chat', async () => {
    const noOid = deps(buildStaff({ id: 'auditor', entraObjectId: null }), ref);
    expect(await noOid.send(notice)).toEqual({ kind: 'noConversation' });
    const noChat = deps(buildStaff({ id: 'auditor', entraObjectId: OID }), null);
    expect(await noChat.send(notice)).toEqual({ kind: 'noConversation' });
    expect([...noOid.sent, ...noChat.sent]).toEqual([]);
    expect(classifyDelivery({ kind: 'noConversation' }, 0)).toMatchObject({ kind: 'undeliverable', reason: 'notInstalled' });
  });

  it('reports a call with no answer in time as a timeout', async () => {
    const d = deps(buildStaff({ id: 'auditor', entraObjectId: OID }), ref, 'hang');
    expect(await d.send(notice)).toEqual({ kind: 'timeout' });
  });

  it('turns a thrown connector error back into its status, error code and Retry-After', async () => {
    const throttled = Object.assign(new Error('Too many requests'), {
      statusCode: 429,
      response: { status: 429, headers: { get: (name: string) => (name === 'retry-after' ? '3' : undefined) }, bodyAsText: '{"error":{"code":"Throttled"}}' },
    });
    const d = deps(buildStaff({ id: 'auditor', entraObjectId: OID }), ref, throttled);
    const result = await d.send(notice);
    expect(result).toEqual({ kind: 'response', status: 429, body: { error: { code: 'Throttled' } }, retryAfter: '3' });
    expect(classifyDelivery(result, 0)).toMatchObject({ kind: 'retryAfter', ms: 3000 });
  });

  it('maps the documented 403 and 404 codes so they are classified as undeliverable', () => {
    const blocked = httpResultOfError(Object.assign(new Error('blocked'), { statusCode: 403, code: 'ConversationBlockedByUser' }));
    expect(classifyDelivery(blocked, 0)).toMatchObject({ kind: 'undeliverable', reason: 'blocked' });
    const gone = httpResultOfError(Object.assign(new Error('gone'), { statusCode: 404, response: { status: 404, parsedBody: { error: { code: 'ConversationNotFound' } } } }));
    expect(classifyDelivery(gone, 0)).toMatchObject({ kind: 'undeliverable', reason: 'notFound' });
    expect(httpResultOfError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toEqual({ kind: 'networkError', message: 'ECONNRESET' });
    expect(httpResultOfError(Object.assign(new Error('slow'), { code: 'ETIMEDOUT' }))).toEqual({ kind: 'timeout' });
  });
});

describe('teamsSend: keeping a sent card current', () => {
  const card = (text: string): AdaptiveCard => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text }] }) as unknown as AdaptiveCard;
  const subject = { kind: 'action', id: 'act-1' };

  function updating(target: OutboxNotification | null, state: { text: string | null }) {
    const updates: { activityId: string; card: AdaptiveCard }[] = [];
    const alerts: (boolean | undefined)[] = [];
    const bot: Pick<BotAdapter, 'continueConversation'> = {
      async continueConversation(_to, logic) {
        await logic({
          sendCard: async (_c, _s, options) => (alerts.push(options?.alert), 'activity-new'),
          sendText: async () => null,
          updateCard: async (activityId, c) => {
            updates.push({ activityId, card: c });
          },
        });
      },
    };
    const send = teamsSend({
      staff: { get: async (id) => ({ ...buildStaff({ id, entraObjectId: OID }), etag: '1' }) },
      conversations: { getByAad: async () => ref },
      bot,
      timeoutMs: 50,
      outbox: { get: async (id) => (target && target.id === id ? target : null) },
      renderers: new Map([['action', async (subjectId: string, recipientId: string) => (state.text === null ? null : card(`${state.text} ${subjectId} for ${recipientId}`))]]),
    });
    return { send, updates, alerts };
  }
  const update = (version: string) => cardUpdateNotice(notice, subject, version);
  const asSending = (n: ReturnType<typeof cardUpdateNotice>): OutboxNotification => ({ ...notice, ...n, status: 'sending', attempts: 0, activityId: null });

  it('replaces the sent card with the card rendered from the subject now', async () => {
    const u = updating({ ...notice, status: 'sent', activityId: 'activity-1' }, { text: 'approved' });
    const result = await u.send(asSending(update('v2')));
    expect(result).toMatchObject({ kind: 'response', status: 201, body: { id: 'activity-1' } });
    expect(u.updates).toEqual([{ activityId: 'activity-1', card: card('approved act-1 for auditor') }]);
  });

  it('waits while the card itself is still queued, as for a 412', async () => {
    const u = updating({ ...notice, status: 'queued' }, { text: 'approved' });
    const result = await u.send(asSending(update('v2')));
    expect(classifyDelivery(result, 0)).toMatchObject({ kind: 'retryWithBackoff' });
    expect(u.updates).toEqual([]);
  });

  it('has nothing to do for a card that was never delivered, or when the renderer has nothing', async () => {
    for (const [target, text] of [
      [{ ...notice, status: 'undeliverable' as const }, 'x'],
      [null, 'x'],
      [{ ...notice, status: 'sent' as const, activityId: 'activity-1' }, null],
    ] as const) {
      const u = updating(target, { text });
      expect(classifyDelivery(await u.send(asSending(update('v3'))), 0)).toMatchObject({ kind: 'delivered' });
      expect(u.updates).toEqual([]);
    }
  });

  it('gives each card and version one update id, and asks Teams to alert for urgent cards', async () => {
    expect(update('v2').id).toBe(update('v2').id);
    expect(update('v2').id).not.toBe(update('v3').id);
    const u = updating(null, { text: null });
    await u.send({ ...notice, payload: { ...notice.payload, alert: true } });
    await u.send(notice);
    expect(u.alerts).toEqual([true, undefined]);
  });
});
