import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';
import { createRandom, type SeededRandom } from '../../../shared/random/seededRandom';

/**
 * An in-process stand-in for the Teams Bot Connector service, for delivery tests and benches.
 * It serves the two calls the SDK makes for proactive messages, enforces the documented throttling
 * and can be scripted to fail. Throttling is written independently of the bot's own client-side
 * limiter (bot/delivery), so the two do not share a bug.
 *
 * Sources (summarised in /work/shared/platform-notes.md §2):
 * - Rate limits: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit
 * - Status codes: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/conversations/conversation-messages
 *   ("Status codes from bot conversational APIs").
 */

/** One rolling window: at most `limit` accepted calls in any `ms` span. */
export interface ThrottleWindow {
  limit: number;
  ms: number;
}

/**
 * Per bot per thread, "Send to conversation": 7 per 1 s, 8 per 2 s, 60 per 30 s, 1,800 per 3,600 s
 * (rate-limit doc, table "Per bot per thread limit"). The doc says the hourly cap applies when many
 * messages go to a single user; a conversation here is a 1:1 chat, so it always applies.
 */
export const DOCUMENTED_CONVERSATION_WINDOWS: readonly ThrottleWindow[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
  { limit: 1_800, ms: 3_600_000 },
];

/** Global limit per app per tenant: 50 requests per second (rate-limit doc; older copies said 30). */
export const DOCUMENTED_APP_RPS = 50;

export type ForbiddenCode = 'ConversationBlockedByUser' | 'BotNotInConversationRoster' | 'BotDisabledByAdmin';

/** What a scripted fault does to a call it catches. */
export type FaultEffect =
  | { kind: 'forbidden'; code: ForbiddenCode }
  | { kind: 'conversationNotFound' }
  | { kind: 'preconditionFailed' }
  | { kind: 'serverError'; status: 502 | 503 | 504 }
  /** Holds the response for `ms` (default: until the simulator closes), then drops the socket. */
  | { kind: 'hang'; ms?: number };

export interface FaultRule {
  effect: FaultEffect;
  /** Only calls to this conversation; absent = every conversation. */
  conversationId?: string;
  /** Catches the next `count` matching calls, then expires. */
  count?: number;
  /** Catches each matching call with this probability (seeded); with `count`, until `count` are caught. */
  probability?: number;
}

export interface SimulatorOptions {
  /** Global token bucket rate, per second (default the documented 50). */
  appRps?: number;
  /** Bucket size (burst) for the global limit; default one second's worth. */
  appBurst?: number;
  /** Per-conversation rolling windows (default the documented ones). */
  conversationWindows?: readonly ThrottleWindow[];
  /** Seed for probabilistic faults. */
  seed?: number | string;
  /** Clock in ms; default Date.now. */
  now?: () => number;
}

export interface RecordedActivity {
  kind: 'send' | 'update';
  conversationId: string;
  activityId: string;
  payload: unknown;
  at: number;
}

export interface SimulatorStats {
  accepted: number;
  throttled: number;
  faulted: number;
}

export interface ConnectorSimulator {
  /** Base URL, e.g. http://127.0.0.1:41234 (the bot's serviceUrl). */
  readonly url: string;
  /** Every accepted send and update, in arrival order. */
  readonly activities: readonly RecordedActivity[];
  readonly stats: SimulatorStats;
  /** Adds a fault rule; rules are checked in the order added. */
  inject(rule: FaultRule): void;
  clearFaults(): void;
  /** Accepted sends grouped by a key taken from the payload (e.g. the notification id): key → count. */
  sendsBy(keyOf: (payload: unknown) => string): Map<string, number>;
  close(): Promise<void>;
}

interface LiveRule extends FaultRule {
  caught: number;
}

/** The error body the docs show: `{ error: { code, message } }`. */
function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

export async function startConnectorSimulator(options: SimulatorOptions = {}): Promise<ConnectorSimulator> {
  const now = options.now ?? Date.now;
  const appRps = options.appRps ?? DOCUMENTED_APP_RPS;
  const appBurst = options.appBurst ?? appRps;
  const windows = options.conversationWindows ?? DOCUMENTED_CONVERSATION_WINDOWS;
  const random: SeededRandom = createRandom(options.seed ?? 'connector-simulator');

  const activities: RecordedActivity[] = [];
  const stats: SimulatorStats = { accepted: 0, throttled: 0, faulted: 0 };
  let rules: LiveRule[] = [];
  let nextId = 1;
  const sockets = new Set<Socket>();
  const hanging = new Set<NodeJS.Timeout>();
  const hungResponses = new Set<http.ServerResponse>();

  // Global limit: a token bucket refilled continuously at appRps, holding at most appBurst.
  let tokens = appBurst;
  let refilledAt = now();
  // Per conversation: times of accepted calls, newest last, pruned to the longest window.
  const history = new Map<string, number[]>();
  const longest = Math.max(0, ...windows.map((w) => w.ms));

  /**
   * Seconds to wait if the call must be throttled now; null if it may go (and it is counted).
   * Only accepted calls count towards the windows: the docs do not say whether rejected ones do,
   * and counting them would let a client that ignores Retry-After lock itself out indefinitely.
   */
  function admit(conversationId: string): number | null {
    const t = now();
    tokens = Math.min(appBurst, tokens + ((t - refilledAt) / 1000) * appRps);
    refilledAt = t;
    let waitMs = 0;
    if (tokens < 1) waitMs = ((1 - tokens) / appRps) * 1000;

    const times = (history.get(conversationId) ?? []).filter((x) => x > t - longest);
    for (const w of windows) {
      const inWindow = times.filter((x) => x > t - w.ms);
      if (inWindow.length >= w.limit) {
        // The call may go once the oldest call that keeps the window full has aged out.
        const blocker = inWindow[inWindow.length - w.limit] as number;
        waitMs = Math.max(waitMs, blocker + w.ms - t);
      }
    }
    history.set(conversationId, times);
    if (waitMs > 0) {
      // Retry-After is whole seconds (HTTP), at least 1.
      return Math.max(1, Math.ceil(waitMs / 1000));
    }
    tokens -= 1;
    times.push(t);
    return null;
  }

  function matchFault(conversationId: string): FaultEffect | null {
    for (const rule of rules) {
      if (rule.conversationId !== undefined && rule.conversationId !== conversationId) continue;
      if (rule.count !== undefined && rule.caught >= rule.count) continue;
      if (rule.probability !== undefined && !random.chance(rule.probability)) continue;
      rule.caught += 1;
      return rule.effect;
    }
    return null;
  }

  function sendFault(res: http.ServerResponse, effect: FaultEffect): void {
    stats.faulted += 1;
    const json = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    };
    switch (effect.kind) {
      // 403 codes and their meaning: status-codes table (BotDisabledByAdmin, BotNotInConversationRoster,
      // ConversationBlockedByUser); none is to be retried.
      case 'forbidden': {
        const messages: Record<ForbiddenCode, string> = {
          ConversationBlockedByUser: 'User blocked the conversation with the bot.',
          BotNotInConversationRoster: "The bot isn't part of the conversation roster.",
          BotDisabledByAdmin: 'The tenant admin disabled this bot',
        };
        json(403, errorBody(effect.code, messages[effect.code]));
        return;
      }
      // 404 ConversationNotFound: not to be retried; the bot should forget the conversation id.
      case 'conversationNotFound':
        json(404, errorBody('ConversationNotFound', 'Conversation not found.'));
        return;
      // 412 PreconditionFailed: concurrent operations on one conversation; retry with backoff.
      case 'preconditionFailed':
        json(412, errorBody('PreconditionFailed', 'Precondition failed, please try again.'));
        return;
      // 502 ServiceError is documented with a code; 503 and 504 without one. All three are retried.
      case 'serverError':
        if (effect.status === 502) json(502, errorBody('ServiceError', 'Service error.'));
        else {
          res.writeHead(effect.status);
          res.end();
        }
        return;
      case 'hang': {
        hungResponses.add(res);
        if (effect.ms !== undefined) {
          const timer = setTimeout(() => {
            hanging.delete(timer);
            hungResponses.delete(res);
            res.destroy();
          }, effect.ms);
          hanging.add(timer);
        }
        return;
      }
    }
  }

  async function readBody(req: http.IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    return text ? (JSON.parse(text) as unknown) : null;
  }

  const server = http.createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(errorBody('BadArgument', 'The request could not be read.'));
      }
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const send = /^\/v3\/conversations\/([^/]+)\/activities\/?$/.exec(path);
    const update = /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/.exec(path);
    // POST …/activities/{id} is Reply to Activity, which the SDK uses in proactive turns: a send too.
    const isSend = req.method === 'POST' && (send !== null || update !== null);
    const isUpdate = req.method === 'PUT' && update !== null;
    if (!isSend && !isUpdate) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(errorBody('NotFound', 'No such endpoint in the simulator.'));
      return;
    }
    const conversationId = decodeURIComponent(((send ?? update) as RegExpExecArray)[1] as string);
    const payload = await readBody(req);

    const fault = matchFault(conversationId);
    if (fault) {
      sendFault(res, fault);
      return;
    }

    // Over either limit: 429 with Retry-After and the documented body (code Throttled).
    const retryAfter = admit(conversationId);
    if (retryAfter !== null) {
      stats.throttled += 1;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(retryAfter) });
      res.end(errorBody('Throttled', 'Too many requests.'));
      return;
    }

    if (isUpdate) {
      const activityId = decodeURIComponent((update as RegExpExecArray)[2] as string);
      const known = activities.some((a) => a.kind === 'send' && a.conversationId === conversationId && a.activityId === activityId);
      if (!known) {
        // 404 ActivityNotFoundInConversation: documented, not retried.
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(errorBody('ActivityNotFoundInConversation', 'Conversation not found.'));
        return;
      }
      stats.accepted += 1;
      activities.push({ kind: 'update', conversationId, activityId, payload, at: now() });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: activityId }));
      return;
    }

    const activityId = `1:sim-${nextId++}`;
    stats.accepted += 1;
    activities.push({ kind: 'send', conversationId, activityId, payload, at: now() });
    res.writeHead(201, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: activityId }));
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    activities,
    stats,
    inject: (rule) => {
      rules.push({ ...rule, caught: 0 });
    },
    clearFaults: () => {
      rules = [];
    },
    sendsBy: (keyOf) => {
      const counts = new Map<string, number>();
      for (const a of activities) {
        if (a.kind !== 'send') continue;
        const key = keyOf(a.payload);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return counts;
    },
    close: async () => {
      for (const timer of hanging) clearTimeout(timer);
      hanging.clear();
      for (const res of hungResponses) res.destroy();
      hungResponses.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}
