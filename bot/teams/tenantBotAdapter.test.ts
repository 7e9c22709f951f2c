import https from 'node:https';
import Fastify from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EntraSimulator } from '../../test/simulators/entra/entraSimulator';
import { createLogger } from '../http/logger';
import { createTenantBotAdapter, type IncomingActivity } from './botAdapter';
import { registerBotRoutes } from './botRoutes';

/**
 * Tenant-mode bot authentication against the Entra simulator's Bot Framework metadata. The SDK
 * reads that metadata with node-fetch on Node's global HTTPS agent (it takes no custom fetch), so
 * this file — and only this test process — trusts the simulator's test CA on that agent.
 */

const appId = '3c2b1a09-3333-4d4e-8f90-0000000000cc';
const tenantId = '0b5c2f7e-1111-4c6d-9e8f-0000000000aa';
const serviceUrl = 'https://smba.trafficmanager.net/uk/';

let sim: EntraSimulator;
let savedCa: unknown;
beforeAll(async () => {
  sim = await EntraSimulator.start({ tenantId, clients: [{ clientId: appId, clientSecret: 'bot-secret', applicationIdUri: `api://bot.demo-council.example/${appId}` }] });
  savedCa = https.globalAgent.options.ca;
  https.globalAgent.options.ca = sim.caCert;
});
afterAll(async () => {
  https.globalAgent.options.ca = savedCa as typeof https.globalAgent.options.ca;
  await sim.close();
});

const apps: { close(): Promise<unknown> }[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

function serve() {
  const seen: IncomingActivity[] = [];
  const app = Fastify();
  apps.push(app);
  registerBotRoutes(app, {
    adapter: createTenantBotAdapter({ appId, tenantId, appPassword: 'bot-secret', channelOpenIdMetadataUrl: sim.botOpenIdMetadataUrl }, createLogger('silent')),
    logic: async (turn) => {
      seen.push(turn.activity);
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
  serviceUrl,
  from: { id: '29:u', aadObjectId: 'oid-u' },
  recipient: { id: `28:${appId}` },
  conversation: { id: 'a:c', conversationType: 'personal', tenantId },
  channelData: { tenant: { id: tenantId } },
  value: { action: { type: 'Action.Execute', verb: 'help', data: { verb: 'help' } } },
};

const post = (app: ReturnType<typeof serve>['app'], token: string | null, payload: unknown = activity) =>
  app.inject({ method: 'POST', url: '/api/messages', payload: payload as Record<string, unknown>, headers: token === null ? {} : { authorization: `Bearer ${token}` } });

describe('tenant bot adapter: incoming activities are authenticated', () => {
  it('processes an activity signed by the Bot Connector for this bot', async () => {
    const { app, seen } = serve();
    const res = await post(app, await sim.issueChannelToken({ audience: appId, serviceUrl }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'ok' });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ type: 'invoke', from: { aadObjectId: 'oid-u' } });
  });

  it('answers 200 with no body to a signed message activity', async () => {
    const { app, seen } = serve();
    const res = await post(app, await sim.issueChannelToken({ audience: appId, serviceUrl }), { ...activity, type: 'message', name: undefined, value: undefined, text: 'help' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
    expect(seen).toHaveLength(1);
  });

  it.each([
    ['no token', async () => null],
    ['another bot (wrong audience)', async () => sim.issueChannelToken({ audience: 'another-bot-app-id', serviceUrl })],
    ['expired beyond the skew', async () => sim.issueChannelToken({ audience: appId, serviceUrl, expiresIn: -600 })],
    ['wrong issuer', async () => sim.issueChannelToken({ audience: appId, serviceUrl, issuer: 'https://sts.windows.net/attacker/' })],
    ['a signature from another key', async () => sim.issueChannelToken({ audience: appId, serviceUrl, signWith: 'foreignKey' })],
    ['a token for another service URL', async () => sim.issueChannelToken({ audience: appId, serviceUrl: 'https://attacker.example/' })],
    ['an unsigned token (alg none)', async () => {
      const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      return `${part({ alg: 'none', typ: 'JWT' })}.${part({ iss: 'https://api.botframework.com', aud: appId, serviceurl: serviceUrl, nbf: now - 60, exp: now + 3600 })}.`;
    }],
  ])('refuses %s with 401 and never runs the turn', async (_name, token) => {
    const { app, seen } = serve();
    const res = await post(app, await token());
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: 'unauthenticated', message: 'The request is not from the Bot Connector service.' });
    expect(seen).toEqual([]);
  });

  it('still refuses a body that is not an activity with 400', async () => {
    const { app, seen } = serve();
    const res = await post(app, await sim.issueChannelToken({ audience: appId, serviceUrl }), { hello: 'world' });
    expect(res.statusCode).toBe(400);
    expect(seen).toEqual([]);
  });
});
