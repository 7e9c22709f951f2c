import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/openSqliteStore';
import type { Store } from '../store/storeInterface';
import { ActionCards } from '../actions/actionCards';
import { ActionService } from '../actions/actionService';
import { actionLinks } from '../actions/actionLinks';
import { actionCardVersion } from '../../shared/actions/actionLifecycle';
import { TemplateCatalogue, builtInTemplates } from '../../shared/templates/templateCatalogue';
import { defaultAuditTypeLabels } from '../../shared/cards/cardInputs';
import { actionPeople, oidOf, setUpActionOrg, type ActionOrg } from '../../test/fixtures/actionOrg';
import { createActivityRouter, NOT_AVAILABLE_YET } from './activityRouter';
import type { BotTurn, IncomingActivity, InvokeReply } from './botAdapter';

const now = new Date('2026-11-25T10:00:00.000Z');
let store: Store;
let org: ActionOrg;

beforeEach(async () => {
  store = openSqliteStore(':memory:');
  org = await setUpActionOrg(store);
});
afterEach(async () => store.close());

function router(withActions = true) {
  const links = actionLinks({ mode: 'local', publicUrl: 'http://localhost:3978' });
  const cards = new ActionCards({ store, templates: new TemplateCatalogue(builtInTemplates()), links, labels: defaultAuditTypeLabels() });
  let n = 0;
  return createActivityRouter({
    staff: store.staff,
    audits: { listMine: async () => ({ items: [], next: null }) },
    conversations: { put: async () => {}, getByAad: async () => null, getByTeamsUserId: async () => null },
    links: { appUrl: 'http://localhost:3978/', auditUrl: (id) => `http://localhost:3978/audits/${id}` },
    clock: () => now,
    logger: { info: () => {}, warn: () => {} },
    ...(withActions ? { actions: new ActionService({ store, cards, links, clock: () => now, newId: (p) => `${p}_${++n}` }) } : {}),
  });
}

const activity = (over: Partial<IncomingActivity>, staffId: string): IncomingActivity => ({
  type: 'message',
  id: 'act-1',
  channelId: 'msteams',
  serviceUrl: 'http://localhost:5000/_connector',
  from: { id: `29:${staffId}`, aadObjectId: oidOf(staffId) },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:personal', conversationType: 'personal' },
  ...over,
});

async function run(r: ReturnType<typeof router>, a: IncomingActivity) {
  const cards: unknown[] = [];
  const texts: string[] = [];
  const turn: BotTurn = { activity: a, sendCard: async (card) => (cards.push(card), 'm1'), sendText: async (text) => (texts.push(text), 'm2'), updateCard: async () => undefined };
  const reply = (await r(turn)) as InvokeReply | undefined;
  return { reply, cards: JSON.stringify(cards), texts };
}

describe('action verbs through the Action.Submit fallback (a message whose value is the card data)', () => {
  it('the owner marks an action done: the updated card comes back as a message', async () => {
    const a = await org.action();
    const { cards, texts } = await run(router(), activity({ value: { verb: 'markActionDone', actionId: a.id, version: actionCardVersion(a), [`note-${a.id}`]: 'Plan updated.' } }, actionPeople.owner));
    expect(texts).toEqual([]);
    expect(cards).toContain('Marked done: awaiting your manager’s approval.');
    expect((await store.actions.get(a.id))?.status).toBe('done');
  });

  it('someone else gets a sentence, and nothing changes', async () => {
    const a = await org.action({ status: 'done', doneNote: 'Done.', doneAt: '2026-11-24T15:00:00.000Z', doneById: actionPeople.owner });
    const { cards, texts } = await run(router(), activity({ value: { verb: 'approveAction', actionId: a.id, version: actionCardVersion(a) } }, actionPeople.worker));
    expect(cards).toBe('[]');
    expect(texts).toEqual(['Only the accountable manager or their deputy can approve this action.']);
    expect((await store.actions.get(a.id))?.status).toBe('done');
  });

  it('the manager returns it; a second click gets the current card with "returned by … on …"', async () => {
    const a = await org.action({ status: 'done', doneNote: 'Done.', doneAt: '2026-11-24T15:00:00.000Z', doneById: actionPeople.owner });
    const value = { verb: 'returnAction', actionId: a.id, version: actionCardVersion(a), reason: 'Attach the minutes.' };
    const r = router();
    expect((await run(r, activity({ value }, actionPeople.manager))).cards).toContain('It is open again.');
    const again = await run(r, activity({ value }, actionPeople.manager));
    expect(again.cards).toContain('This action was returned by Maple Manager on 25/11/2026 at 10:00 and is open again.');
    expect(again.cards).not.toContain('Attach the minutes');
  });

  it('without action tracking wired in, the verbs answer "not available yet"', async () => {
    const a = await org.action();
    const { texts } = await run(router(false), activity({ value: { verb: 'markActionDone', actionId: a.id, version: actionCardVersion(a), note: 'x' } }, actionPeople.owner));
    expect(texts).toEqual([NOT_AVAILABLE_YET]);
  });
});
