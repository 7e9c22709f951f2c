import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../http/logger';
import { createLocalBotAdapter, type IncomingActivity } from './botAdapter';
import { registerBotRoutes } from './botRoutes';
import type { ConversationRef } from './conversationStore';
import type { AdaptiveCard } from '../../shared/cards/cardModel';
import { httpResultOfError } from '../delivery/teamsSend';
import { startConnectorSimulator } from '../../test/simulators/botConnector/connectorSimulator';

const apps: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

function serve(fail = false) {
  const seen: IncomingActivity[] = [];
  const app = Fastify();
  apps.push(app);
  registerBotRoutes(app, {
    adapter: createLocalBotAdapter(createLogger('silent')),
    logic: async (turn) => {
      seen.push(turn.activity);
      if (fail) throw new Error('store unavailable');
      if (turn.activity.type === 'invoke') return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' } };
    },
  });
  return { app, seen };
}

const activity = {
  type: 'invoke',
  name: 'adaptiveCard/action',
  id: 'act-1',
  channelId: 'msteams',
  serviceUrl: 'http://127.0.0.1:9/_connector',
  from: { id: '29:u', aadObjectId: 'oid-u', name: 'Someone' },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:c', conversationType: 'personal' },
  value: { action: { type: 'Action.Execute', verb: 'help', data: { verb: 'help' } } },
};

describe('local bot adapter under Fastify', () => {
  it('runs the logic on an unauthenticated activity and answers with its invoke response', async () => {
    const { app, seen } = serve();
    const res = await app.inject({ method: 'POST', url: '/api/messages', payload: activity });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ type: 'invoke', name: 'adaptiveCard/action', from: { id: '29:u', aadObjectId: 'oid-u' } });
    expect(seen[0]).not.toHaveProperty('from.name'); // names are dropped at the edge
  });

  it('answers 200 with no body to a non-invoke activity', async () => {
    const { app, seen } = serve();
    const res = await app.inject({ method: 'POST', url: '/api/messages', payload: { ...activity, type: 'conversationUpdate', name: undefined, value: undefined } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    expect(seen[0]?.type).toBe('conversationUpdate');
  });

  it('answers a failed card action with a 500 error in the invoke body', async () => {
    const { app } = serve(true);
    const res = await app.inject({ method: 'POST', url: '/api/messages', payload: activity });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'InternalError' } });
  });

  it('refuses a body without an activity type', async () => {
    const { app, seen } = serve();
    const res = await app.inject({ method: 'POST', url: '/api/messages', payload: { ...activity, type: undefined } });
    expect(res.statusCode).toBe(400);
    expect(seen).toEqual([]);
  });
});

describe('local bot adapter, proactive turns', () => {
  it('lets a failed send reach the caller (not only the turn-error log), and a successful one return its id', async () => {
    const sim = await startConnectorSimulator();
    apps.push(sim);
    const adapter = createLocalBotAdapter(createLogger('silent'));
    const ref: ConversationRef = {
      userKey: 'oid-u',
      teamsUserId: '29:u',
      aadObjectId: 'oid-u',
      conversationId: 'a:proactive',
      serviceUrl: `${sim.url}/`,
      tenantId: null,
      botId: '28:bot',
      updatedAt: '2026-11-23T09:00:00.000Z',
    };
    const card = { type: 'AdaptiveCard', version: '1.5', body: [] } as unknown as AdaptiveCard;
    let id: string | null = null;
    await adapter.continueConversation(ref, async (turn) => {
      id = await turn.sendCard(card, 'A card');
    });
    expect(id).toMatch(/^1:sim-/);

    sim.inject({ effect: { kind: 'conversationNotFound' }, count: 1 });
    const failed = adapter.continueConversation(ref, async (turn) => {
      await turn.sendCard(card, 'A card');
    });
    await expect(failed).rejects.toMatchObject({ statusCode: 404 });
    const outcome = await failed.catch((e: unknown) => httpResultOfError(e));
    expect(outcome).toMatchObject({ kind: 'response', status: 404 });
  });
});
