import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdaptiveCard } from '../../shared/cards/cardModel';
import { buildAudit, buildStaff } from '../../test/fixtures/builders';
import { createLogger } from '../http/logger';
import { ReassignmentService } from '../reassignments/reassignmentService';
import { openSqliteStore } from '../store/sqlite/openSqliteStore';
import type { Store } from '../store/storeInterface';
import { createActivityRouter } from './activityRouter';
import type { BotTurn, IncomingActivity, InvokeReply } from './botAdapter';

let store: Store;
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

const auditorOid = 'oid-auditor';
const otherOid = 'oid-other';

async function setUp() {
  const auditor = await store.staff.put(buildStaff({ id: 'staff-auditor', entraObjectId: auditorOid, jobRoles: ['teamManager'] }), null);
  await store.staff.put(buildStaff({ id: 'staff-other', entraObjectId: otherOid, jobRoles: ['teamManager'] }), null);
  const open = await store.audits.create(buildAudit({ auditorId: auditor.id, status: 'allocated' }), []);
  const submitted = await store.audits.create(buildAudit({ auditorId: auditor.id, status: 'submitted', submittedAt: '2026-11-10T10:00:00.000Z' }), []);
  const logged: unknown[] = [];
  const router = createActivityRouter({
    staff: store.staff,
    audits: { listMine: async () => ({ items: [], next: null }) },
    conversations: { put: async () => {}, getByAad: async () => null, getByTeamsUserId: async () => null },
    links: { appUrl: 'http://localhost:3978/', auditUrl: (id) => `http://localhost:3978/audits/${id}` },
    clock: () => new Date('2026-11-23T12:00:00Z'),
    logger: { info: (...args: unknown[]) => logged.push(args), warn: (...args: unknown[]) => logged.push(args) },
    reassignments: new ReassignmentService({ store, clock: () => new Date('2026-11-23T12:00:00Z') }),
  });
  return { router, open, submitted, logged };
}

const activity = (over: Partial<IncomingActivity>, oid = auditorOid): IncomingActivity => ({
  type: 'invoke',
  id: 'act-1',
  channelId: 'msteams',
  serviceUrl: 'http://localhost:5000/_connector',
  from: { id: `29:${oid}`, aadObjectId: oid },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:personal', conversationType: 'personal' },
  ...over,
});

const submitValue = (auditId: string, reason: string, version = '1') => ({
  action: { type: 'Action.Execute', verb: 'submitCantDoThis', data: { verb: 'submitCantDoThis', auditId, version, reason } },
});

async function run(router: Awaited<ReturnType<typeof setUp>>['router'], a: IncomingActivity) {
  const cards: AdaptiveCard[] = [];
  const texts: string[] = [];
  const turn: BotTurn = {
    activity: a,
    sendCard: async (card) => (cards.push(card), 'm1'),
    sendText: async (text) => (texts.push(text), 'm2'),
    updateCard: async () => undefined,
  };
  const reply = (await router(turn)) as InvokeReply | undefined;
  return { reply, cards, texts };
}

const replyCard = (reply: InvokeReply | undefined): string => JSON.stringify(reply?.body ?? null);

describe("\"Can't do this\" from the allocation card", () => {
  it('records one request for the auditor even when the invoke arrives twice, and answers with a card', async () => {
    const { router, open, logged } = await setUp();
    const first = await run(router, activity({ name: 'adaptiveCard/action', value: submitValue(open.id, '  On leave all month  ') }));
    expect(first.reply).toMatchObject({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' } });
    expect(replyCard(first.reply)).toContain('Request sent to the QA lead');
    expect(replyCard(first.reply)).toContain(open.caseSnapshot.caseRef);
    expect(replyCard(first.reply)).not.toContain('On leave');
    // A stale version still counts: the request changes nothing on the audit.
    const again = await run(router, activity({ name: 'adaptiveCard/action', value: submitValue(open.id, 'Second go', '99') }));
    expect(replyCard(again.reply)).toContain('already asked');
    const list = await store.reassignments.listByStatus('open');
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ auditId: open.id, auditorId: 'staff-auditor', reason: 'On leave all month', status: 'open', roundId: null });
    expect(JSON.stringify(logged)).not.toContain('leave');
  });

  it('refuses someone who is not the audit’s auditor, whatever the card says', async () => {
    const { router, open } = await setUp();
    const { reply } = await run(router, activity({ name: 'adaptiveCard/action', value: submitValue(open.id, 'Not mine') }, otherOid));
    expect(replyCard(reply)).toContain('not allocated to you');
    expect(replyCard(reply)).not.toContain(open.caseSnapshot.caseRef);
    expect((await store.reassignments.listByStatus('open')).items).toEqual([]);
  });

  it('refuses an audit that has been submitted', async () => {
    const { router, submitted } = await setUp();
    const { reply } = await run(router, activity({ name: 'adaptiveCard/action', value: submitValue(submitted.id, 'Too late') }));
    expect(replyCard(reply)).toContain('already been submitted');
    expect((await store.reassignments.listByStatus('open')).items).toEqual([]);
  });

  it('requires a reason', async () => {
    const { router, open } = await setUp();
    for (const reason of ['', '   ']) {
      const { reply } = await run(router, activity({ name: 'adaptiveCard/action', value: submitValue(open.id, reason) }));
      expect(reply).toMatchObject({ status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error' } });
    }
    const noReason = { action: { verb: 'submitCantDoThis', data: { verb: 'submitCantDoThis', auditId: open.id, version: '1' } } };
    const { reply } = await run(router, activity({ name: 'adaptiveCard/action', value: noReason }));
    expect(reply).toMatchObject({ body: { statusCode: 400 } });
    expect((await store.reassignments.listByStatus('open')).items).toEqual([]);
  });

  it('accepts the Action.Submit fallback too', async () => {
    const { router, open } = await setUp();
    const { cards } = await run(router, activity({ type: 'message', value: { verb: 'submitCantDoThis', auditId: open.id, version: '1', reason: 'Conflict of interest' } }));
    expect(JSON.stringify(cards[0])).toContain('Request sent to the QA lead');
    expect((await store.reassignments.listByStatus('open')).items).toHaveLength(1);
  });
});
