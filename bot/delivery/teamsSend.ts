import type { OutboxNotification, OutboxStore } from './outboxStore';
import { cardUpdatePayload, isCardUpdate, type CardRenderers } from './cardUpdates';
import type { HttpResult } from './deliveryOutcome';
import { cardPayload, staffIdOfConversationKey } from './allocationNotice';
import type { StaffStore } from '../store/storeInterface';
import type { ConversationRef, ConversationStore } from '../teams/conversationStore';
import type { BotAdapter, BotTurn } from '../teams/botAdapter';
import type { AdaptiveCard } from '../../shared/cards/cardModel';

/**
 * The production `send` for the dispatcher: one proactive card to one person's personal chat.
 *
 * Recipient lookup (decided): notifications are addressed to a staff member (`recipientId`); the
 * chat is found at send time through the member's Entra object id (`ConversationStore.getByAad`),
 * the key Teams gives on every activity, so the reference is whatever Teams told us last and an
 * auditor who installs the app after a publish still gets the card on a retry ("retry" by the lead).
 * No Entra id, or no stored chat → `noConversation`, which the dispatcher records as undeliverable
 * 'notInstalled' without calling Teams.
 *
 * Errors the SDK throws are turned back into the HTTP status, error code and Retry-After they came
 * from, so `classifyDelivery` decides retry / undeliverable / failed by Microsoft's rules.
 */

export interface TeamsSendDeps {
  staff: Pick<StaffStore, 'get'>;
  conversations: Pick<ConversationStore, 'getByAad'>;
  bot: Pick<BotAdapter, 'continueConversation'>;
  /** A call with no answer after this long counts as a timeout (default 15 s). */
  timeoutMs?: number;
  /** For card updates: the card being replaced, and how to render each kind of subject now. */
  outbox?: Pick<OutboxStore, 'get'>;
  renderers?: CardRenderers;
}

export function teamsSend(deps: TeamsSendDeps): (n: OutboxNotification) => Promise<HttpResult> {
  const timeoutMs = deps.timeoutMs ?? 15_000;

  /** One proactive turn, abandoned (as a timeout) if it has not finished within `timeoutMs`. */
  async function call(ref: ConversationRef, work: (turn: Omit<BotTurn, 'activity'>) => Promise<string | null>): Promise<HttpResult> {
    let activityId: string | null = null;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    try {
      const turn = deps.bot.continueConversation(ref, async (t) => {
        activityId = await work(t);
      });
      if ((await Promise.race([turn.then(() => 'done' as const), timedOut])) === 'timeout') {
        turn.catch(() => undefined); // its late outcome is unknown; the dispatcher retries
        return { kind: 'timeout' };
      }
      return { kind: 'response', status: 201, body: { id: activityId }, retryAfter: null };
    } catch (err) {
      return httpResultOfError(err);
    } finally {
      clearTimeout(timer);
    }
  }

  async function update(n: OutboxNotification, ref: ConversationRef): Promise<HttpResult> {
    const payload = cardUpdatePayload.parse(n.payload);
    const target = deps.outbox ? await deps.outbox.get(payload.target) : null;
    const nothingToDo: HttpResult = { kind: 'response', status: 200, body: { id: target?.activityId ?? null }, retryAfter: null };
    if (!target || target.status === 'failed' || target.status === 'undeliverable') return nothingToDo;
    // The card itself has not gone yet: try again later, as Teams asks for a 412.
    if (target.status !== 'sent') return { kind: 'response', status: 412, body: { error: { code: 'CardNotSentYet' } }, retryAfter: null };
    const activityId = target.activityId;
    const render = deps.renderers?.get(payload.subject.kind);
    if (activityId === null || !render) return nothingToDo;
    const card = await render(payload.subject.id, n.recipientId);
    if (card === null) return nothingToDo;
    return call(ref, async (turn) => {
      await turn.updateCard(activityId, card);
      return activityId;
    });
  }

  return async (n) => {
    const staffId = staffIdOfConversationKey(n.conversationKey) ?? n.recipientId;
    const member = await deps.staff.get(staffId);
    const ref = member?.entraObjectId ? await deps.conversations.getByAad(member.entraObjectId) : null;
    if (!ref) return { kind: 'noConversation' };
    if (isCardUpdate(n)) return update(n, ref);

    const payload = cardPayload.parse(n.payload);
    // The card was built and checked by a card builder before it was queued.
    const card = payload.card as unknown as AdaptiveCard;
    return call(ref, (turn) => turn.sendCard(card, payload.summary, payload.alert ? { alert: true } : undefined));
  };
}

const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT']);

/** Reads an SDK / HTTP client error (RestError and the like) structurally: status, code, Retry-After. */
export function httpResultOfError(err: unknown): HttpResult {
  const e = isRecord(err) ? err : {};
  const response = isRecord(e['response']) ? e['response'] : {};
  const status = numberOf(e['statusCode']) ?? numberOf(e['status']) ?? numberOf(response['status']);
  const code = typeof e['code'] === 'string' ? e['code'] : null;
  const message = err instanceof Error ? err.message : 'unknown error';
  if (status === null) {
    if ((code && TIMEOUT_CODES.has(code)) || (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')))
      return { kind: 'timeout' };
    return { kind: 'networkError', message: code ?? message };
  }
  return { kind: 'response', status, body: bodyOf(response, e['details'], code), retryAfter: retryAfterOf(response['headers']) };
}

function bodyOf(response: Record<string, unknown>, details: unknown, code: string | null): unknown {
  if (hasErrorCode(response['parsedBody'])) return response['parsedBody'];
  if (typeof response['bodyAsText'] === 'string') {
    try {
      const parsed: unknown = JSON.parse(response['bodyAsText']);
      if (hasErrorCode(parsed)) return parsed;
    } catch {
      // not JSON: fall through to the error's own code
    }
  }
  if (hasErrorCode(details)) return details;
  return code ? { error: { code } } : null;
}

function retryAfterOf(headers: unknown): string | null {
  if (!isRecord(headers)) return null;
  const get = headers['get'];
  if (typeof get === 'function') {
    const v: unknown = get.call(headers, 'retry-after');
    return typeof v === 'string' ? v : null;
  }
  const v = headers['retry-after'] ?? headers['Retry-After'];
  return typeof v === 'string' ? v : null;
}

function hasErrorCode(v: unknown): boolean {
  return isRecord(v) && isRecord(v['error']) && typeof v['error']['code'] === 'string';
}
function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}
function numberOf(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) ? v : null;
}
