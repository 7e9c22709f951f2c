import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../fixtures/testApp';
import { actionPeople, oidOf, setUpActionOrg, type ActionOrg } from '../../fixtures/actionOrg';
import { startConnectorSimulator, type ConnectorSimulator } from './connectorSimulator';
import { actionCardVersion } from '../../../shared/actions/actionLifecycle';
import { actionIdFor } from '../../../shared/actions/actionIds';
import { approvalNoticeId, newActionsNoticeId } from '../../../bot/actions/actionNotices';

/**
 * Action cards kept current, end to end through the real bot adapter and dispatcher against the
 * Bot Connector simulator (the Agents Playground shows a card but does not let a test read back an
 * updated one): the owner's card of new actions is sent; the owner marks an action done from it;
 * the manager gets an Approve / Return card and approves; both cards already in the chats are
 * replaced (updateActivity) and show the approved state.
 */
let sim: ConnectorSimulator;
let t: TestApp;
let org: ActionOrg;

async function settled(timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const c = await t.app.store.outbox.countByStatus();
    if (c.queued === 0 && c.sending === 0) return;
    if (Date.now() > end) throw new Error(`outbox not settled: ${JSON.stringify(c)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function invoke(staffId: string, data: Record<string, unknown>) {
  const oid = oidOf(staffId);
  const res = await t.app.server.inject({
    method: 'POST',
    url: '/api/messages',
    payload: {
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: `inv-${Math.random().toString(36).slice(2)}`,
      channelId: 'msteams',
      serviceUrl: sim.url,
      from: { id: `29:${oid}`, aadObjectId: oid },
      recipient: { id: '28:bot' },
      conversation: { id: `conv-${staffId}`, conversationType: 'personal' },
      value: { action: { type: 'Action.Execute', verb: data.verb, data } },
    },
  });
  expect(res.statusCode).toBe(200);
  return JSON.stringify(res.json());
}

/** The latest content of a sent card in the simulated chat: its last update, or the card as sent. */
function latest(activityId: string | null): string {
  const mine = sim.activities.filter((a) => a.activityId === activityId);
  expect(mine.length).toBeGreaterThan(0);
  return JSON.stringify(mine.at(-1)?.payload);
}

beforeAll(async () => {
  sim = await startConnectorSimulator({ seed: 3 });
  t = await startTestApp({ dispatcher: true });
  org = await setUpActionOrg(t.app.store);
  for (const id of [actionPeople.owner, actionPeople.manager, actionPeople.deputy])
    await t.app.conversations.put({
      userKey: oidOf(id),
      teamsUserId: `29:${oidOf(id)}`,
      aadObjectId: oidOf(id),
      conversationId: `conv-${id}`,
      serviceUrl: sim.url,
      tenantId: null,
      botId: '28:bot',
      updatedAt: new Date().toISOString(),
    });
});
afterAll(async () => {
  await t?.stop();
  await sim?.close();
});

describe('action cards against the Bot Connector simulator', () => {
  it('mark done from the owner’s card, approve from the manager’s: both cards end up showing the approved state', async () => {
    expect(await t.app.actions.announceNewActions(org.audit)).toBe(1);
    await settled();
    const ownerCard = await t.app.store.outbox.get(newActionsNoticeId(org.audit.id, actionPeople.owner));
    expect(ownerCard).toMatchObject({ status: 'sent' });
    expect(latest(ownerCard?.activityId ?? null)).toContain('1a Early help');

    const actionId = actionIdFor(org.audit.id, 'd1');
    const open = await t.app.store.actions.get(actionId);
    if (!open) throw new Error('action missing');
    const reply = await invoke(actionPeople.owner, { verb: 'markActionDone', actionId, version: actionCardVersion(open), [`note-${actionId}`]: 'Plan updated.' });
    expect(reply).toContain('Marked done: awaiting your manager’s approval.');
    await settled();
    const done = await t.app.store.actions.get(actionId);
    const approvalCard = await t.app.store.outbox.get(approvalNoticeId(actionId, actionPeople.manager, done?.doneAt ?? ''));
    expect(approvalCard).toMatchObject({ status: 'sent', recipientId: actionPeople.manager });
    expect(latest(approvalCard?.activityId ?? null)).toContain('"verb":"approveAction"');
    expect(latest(ownerCard?.activityId ?? null)).toContain('Marked done: awaiting your manager’s approval.');

    if (!done) throw new Error('action missing');
    expect(await invoke(actionPeople.manager, { verb: 'approveAction', actionId, version: actionCardVersion(done) })).toContain('Approved by Maple Manager');
    await settled();
    const managerView = latest(approvalCard?.activityId ?? null);
    expect(managerView).toContain('Approved by Maple Manager');
    expect(managerView).not.toContain('"verb":"approveAction"');
    const ownerView = latest(ownerCard?.activityId ?? null);
    expect(ownerView).toContain('Approved.');
    // Updates replaced the cards: nothing new was posted to either chat after the first sends.
    expect(sim.activities.filter((a) => a.kind === 'send').map((a) => a.conversationId).sort()).toEqual([`conv-${actionPeople.manager}`, `conv-${actionPeople.owner}`]);
    expect(sim.activities.filter((a) => a.kind === 'update').length).toBeGreaterThanOrEqual(3);
  });
});
