import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphSimulator } from '../../test/simulators/graph/graphSimulator';
import { simClient } from '../../test/simulators/graph/graphHarness';
import { buildStaff } from '../../test/fixtures/builders';
import { openSqliteStore } from '../store/sqlite/openSqliteStore';
import type { Store } from '../store/storeInterface';
import { Dispatcher } from '../delivery/dispatcher';
import { teamsSend } from '../delivery/teamsSend';
import type { BotAdapter } from './botAdapter';
import type { ConversationRef } from './conversationStore';
import { graphAppInstaller, unreachableDetail, withProactiveInstall } from './proactiveInstall';

const CATALOG_APP = 'e3a1f0c2-6666-4a4a-9b9b-0000000000ee';
let sim: GraphSimulator;
let dir: string;
let store: Store;
let t: number;
/** The chats the bot knows: filled when "Teams" tells the bot about a new installation. */
let chats: Map<string, ConversationRef>;
let delivered: string[];

beforeAll(async () => {
  sim = new GraphSimulator();
  await sim.start();
  sim.users.addCatalogueApp(CATALOG_APP);
});
afterAll(async () => sim.stop());
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pa-install-'));
  store = openSqliteStore(path.join(dir, 'store.sqlite'));
  t = Date.now() + 1_000;
  chats = new Map();
  delivered = [];
  // Teams' conversationUpdate after an installation: the activity router would store the chat.
  sim.users.onInstalled = (userId) => {
    chats.set(userId, { userKey: userId, teamsUserId: `29:${userId}`, aadObjectId: userId, conversationId: `a:${userId}`, serviceUrl: 'https://smba.example/uk/', tenantId: null, botId: '28:bot', updatedAt: new Date(t).toISOString() });
  };
});
afterEach(async () => {
  sim.users.onInstalled = null;
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const bot: Pick<BotAdapter, 'continueConversation'> = {
  async continueConversation(to, logic) {
    await logic({
      sendCard: async () => {
        delivered.push(to.aadObjectId ?? '');
        return `act-${delivered.length}`;
      },
      sendText: async () => null,
      updateCard: async () => undefined,
    });
  },
};

function dispatcher(options: { maxWaits?: number } = {}) {
  const client = simClient(sim);
  const installs: string[] = [];
  const send = withProactiveInstall({
    send: teamsSend({ staff: store.staff, conversations: { getByAad: async (oid) => chats.get(oid) ?? null }, bot }),
    installer: graphAppInstaller({ send: (r) => client.send(r), catalogAppId: CATALOG_APP }),
    staff: store.staff,
    ...(options.maxWaits !== undefined ? { maxWaits: options.maxWaits } : {}),
    onInstall: (staffId, outcome) => installs.push(`${staffId}:${outcome}`),
  });
  return { d: new Dispatcher({ outbox: store.outbox, send, now: () => t, random: () => 0 }), installs };
}

async function queueCardFor(oid: string | null, state?: Parameters<GraphSimulator['users']['addTeamsUser']>[1]) {
  const member = buildStaff({ entraObjectId: oid });
  await store.staff.put(member, null);
  if (oid) sim.users.addTeamsUser(oid, state);
  const n = await store.outbox.enqueue({ id: `ntf-${member.id}`, conversationKey: `staff:${member.id}`, recipientId: member.id, kind: 'allocation', payload: { card: { type: 'AdaptiveCard', version: '1.5', body: [] }, summary: 'A new audit' }, priority: 'routine' });
  return { member, n };
}

describe('reaching every user: proactive installation when there is no chat', () => {
  it('installs the app, waits for Teams to open the chat, then delivers the card', async () => {
    const oid = '7d3f1c9a-0000-4000-8000-0000000000b1';
    const { n } = await queueCardFor(oid);
    const { d, installs } = dispatcher();
    expect((await d.runOnce()).retried).toBe(1);
    expect(sim.users.installed.get(oid)?.has(CATALOG_APP)).toBe(true);
    const waiting = await store.outbox.get(n.id);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, lastError: '429 WaitingForTeamsChat' });
    // Not before the wait Teams is given (15 s).
    t += 5_000;
    expect((await d.runOnce()).claimed).toBe(0);
    t += 15_000;
    expect((await d.runOnce()).sent).toBe(1);
    expect(delivered).toEqual([oid]);
    expect(installs).toHaveLength(1);
  });

  it('an app already installed (409) is waited for the same way', async () => {
    const oid = '7d3f1c9a-0000-4000-8000-0000000000b2';
    sim.users.addTeamsUser(oid);
    sim.users.installed.set(oid, new Set([CATALOG_APP]));
    const { n } = await queueCardFor(oid);
    const { d, installs } = dispatcher();
    await d.runOnce();
    expect(installs).toEqual([`${n.recipientId}:alreadyInstalled`]);
    expect(await store.outbox.get(n.id)).toMatchObject({ status: 'queued', lastError: '429 WaitingForTeamsChat' });
  });

  it.each([
    ['noLicence', /no Microsoft Teams licence/],
    ['appBlocked', /a Teams app policy blocks it/],
  ] as const)('%s: the person is unreachable at once, with the reason for the QA lead', async (state, reason) => {
    const { n } = await queueCardFor(`7d3f1c9a-0000-4000-8000-0000000000${state === 'noLicence' ? 'c1' : 'c2'}`, state);
    const { d } = dispatcher();
    expect((await d.runOnce()).undeliverable).toBe(1);
    const after = await store.outbox.get(n.id);
    expect(after?.undeliverableReason).toBe('notInstalled');
    expect(after?.lastError).toMatch(reason);
    // The QA lead's unreachable list shows it.
    expect(unreachableDetail({ undeliverableReason: 'notInstalled', lastError: after?.lastError ?? null })).toMatch(reason);
  });

  it('the QA lead sees only reasons this module wrote, never a raw error', () => {
    expect(unreachableDetail({ undeliverableReason: 'notInstalled', lastError: 'no conversation with the recipient' })).toBeNull();
    expect(unreachableDetail({ undeliverableReason: 'blocked', lastError: '403 ConversationBlockedByUser' })).toBeNull();
  });

  it('gives up after the bounded waits when Teams never opens the chat, and says so', async () => {
    const oid = '7d3f1c9a-0000-4000-8000-0000000000d1';
    sim.users.onInstalled = null; // Teams never tells the bot
    const { n } = await queueCardFor(oid);
    const { d, installs } = dispatcher({ maxWaits: 3 });
    for (let i = 0; i < 6; i++) {
      await d.runOnce();
      t += 10 * 60_000;
    }
    const after = await store.outbox.get(n.id);
    expect(after).toMatchObject({ status: 'undeliverable', undeliverableReason: 'notInstalled', attempts: 4 });
    expect(after?.lastError).toMatch(/Teams has not opened a chat/);
    expect(installs).toHaveLength(3);
  });

  it('someone with no linked Microsoft account is not installed for, and the reason says why', async () => {
    const { n } = await queueCardFor(null);
    const before = sim.users.installRequests.length;
    const { d } = dispatcher();
    await d.runOnce();
    expect(sim.users.installRequests.length).toBe(before);
    expect((await store.outbox.get(n.id))?.lastError).toMatch(/No Microsoft 365 account is linked/);
  });

  it('a throttled install comes back after Retry-After', async () => {
    const oid = '7d3f1c9a-0000-4000-8000-0000000000e1';
    const { n } = await queueCardFor(oid);
    sim.inject({ kind: '429', count: 6, retryAfter: 40, match: (_m, p) => p.endsWith('/installedApps') });
    const { d } = dispatcher();
    await d.runOnce();
    sim.clearFaults();
    const after = await store.outbox.get(n.id);
    expect(after).toMatchObject({ status: 'queued', lastError: '429 InstallThrottled' });
    expect(Date.parse(after?.nextAttemptAt ?? '') - t).toBeGreaterThanOrEqual(40_000);
  });

  it('the simulator answers the documented statuses', async () => {
    const client = simClient(sim);
    const oid = '7d3f1c9a-0000-4000-8000-0000000000f1';
    sim.users.addTeamsUser(oid);
    const post = (app: string) => client.send({ method: 'POST', url: `/users/${oid}/teamwork/installedApps`, body: { 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${app}` } });
    expect((await post(CATALOG_APP)).status).toBe(201);
    expect((await post(CATALOG_APP)).status).toBe(409);
    expect((await post('not-in-catalogue')).status).toBe(404);
  });
});
