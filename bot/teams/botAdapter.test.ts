import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../http/logger';
import { createLocalBotAdapter, type IncomingActivity } from './botAdapter';
import { registerBotRoutes } from './botRoutes';

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
