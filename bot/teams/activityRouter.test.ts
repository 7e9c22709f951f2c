import { describe, expect, it } from 'vitest';
import type { AuditSummary } from '../../shared/api/contracts';
import type { AdaptiveCard } from '../../shared/cards/cardModel';
import type { StaffMember } from '../../shared/schemas/staff';
import { createLogger } from '../http/logger';
import type { WithETag } from '../store/storeInterface';
import { NOT_AVAILABLE_YET, commandFor, createActivityRouter, normaliseText } from './activityRouter';
import type { BotTurn, IncomingActivity, InvokeReply } from './botAdapter';
import type { ConversationRef, ConversationStore } from './conversationStore';

const auditor: WithETag<StaffMember> = {
  id: 'tm-1',
  displayName: 'Test Auditor',
  email: 'auditor@example.org',
  entraObjectId: 'oid-auditor',
  jobRoles: ['teamManager'],
  teamId: 'team-a',
  lineManagerId: null,
  deputyId: null,
  away: false,
  active: true,
  etag: '1',
};

const summary = (id: string, caseRef: string, status: AuditSummary['status'], dueDate: string): AuditSummary => ({
  id,
  caseRef,
  initials: 'AB',
  auditType: 'childsJourneyMonthly',
  auditTypeLabel: "Child's Journey",
  status,
  dueDate,
  teamId: 'team-b',
  teamName: 'Team B',
  auditorId: auditor.id,
  auditorName: auditor.displayName,
  finalGrade: null,
  submittedAt: null,
});

function setUp() {
  const saved: ConversationRef[] = [];
  const conversations: ConversationStore = {
    async put(ref) {
      saved.push(ref);
    },
    async getByAad(oid) {
      return saved.findLast((r) => r.aadObjectId === oid) ?? null;
    },
    async getByTeamsUserId(id) {
      return saved.findLast((r) => r.teamsUserId === id) ?? null;
    },
  };
  const listed: string[] = [];
  const router = createActivityRouter({
    staff: { getByEntraObjectId: async (oid) => (oid === auditor.entraObjectId ? auditor : null) },
    audits: {
      async listMine(user) {
        listed.push(user.id);
        return {
          items: [summary('aud-open', 'CP-0001', 'inProgress', '2026-11-30'), summary('aud-done', 'CP-0002', 'submitted', '2026-10-30')],
          next: null,
        };
      },
    },
    conversations,
    links: { appUrl: 'http://localhost:3978/', auditUrl: (id) => `http://localhost:3978/audits/${id}` },
    clock: () => new Date('2026-11-23T12:00:00Z'),
    logger: createLogger('silent'),
  });
  return { router, saved, listed };
}

const base = (over: Partial<IncomingActivity> = {}): IncomingActivity => ({
  type: 'message',
  id: 'act-1',
  channelId: 'msteams',
  serviceUrl: 'http://localhost:5000/_connector',
  from: { id: '29:auditor', aadObjectId: 'oid-auditor' },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:personal', conversationType: 'personal', tenantId: 'tenant-1' },
  ...over,
});

interface Sent {
  cards: AdaptiveCard[];
  texts: string[];
}

async function run(router: ReturnType<typeof setUp>['router'], activity: IncomingActivity): Promise<{ sent: Sent; reply: InvokeReply | void }> {
  const sent: Sent = { cards: [], texts: [] };
  const turn: BotTurn = {
    activity,
    async sendCard(card) {
      sent.cards.push(card);
      return 'm1';
    },
    async updateCard() {
      throw new Error('the router does not update cards');
    },
    async sendText(text) {
      sent.texts.push(text);
      return 'm2';
    },
  };
  return { sent, reply: await router(turn) };
}

const cardText = (card: AdaptiveCard | undefined): string => JSON.stringify(card ?? null);
const heading = (card: AdaptiveCard | undefined): string | undefined => {
  const first = card?.body[0];
  return first?.type === 'TextBlock' ? first.text : undefined;
};

describe('message text', () => {
  it('is normalised: trimmed, lower-cased, single-spaced, without the bot mention', () => {
    expect(normaliseText({ text: '  My   AUDITS \n', recipient: { id: '28:bot' } })).toBe('my audits');
    expect(
      normaliseText({
        text: '<at>Practice Audit</at> my audits',
        recipient: { id: '28:bot' },
        entities: [{ type: 'mention', text: '<at>Practice Audit</at>', mentioned: { id: '28:bot' } }],
      }),
    ).toBe('my audits');
  });

  it('matches commands exactly, not by fragments', () => {
    expect(commandFor('my audits')).toBe('myAudits');
    expect(commandFor('help')).toBe('help');
    expect(commandFor('please help')).toBeNull();
    expect(commandFor('show my audits')).toBeNull();
    expect(commandFor('helpful')).toBeNull();
    expect(commandFor('constructor')).toBeNull();
  });
});

describe('activity router', () => {
  it('answers "my audits" with the open audits only', async () => {
    const { router, listed } = setUp();
    const { sent } = await run(router, base({ text: 'My audits' }));
    expect(listed).toEqual([auditor.id]);
    expect(heading(sent.cards[0])).toBe('My audits');
    expect(cardText(sent.cards[0])).toContain('CP-0001 (AB)');
    expect(cardText(sent.cards[0])).not.toContain('CP-0002');
  });

  it('answers "help" with the help card, and anything else with the help card marked unrecognised', async () => {
    const { router, listed } = setUp();
    const help = await run(router, base({ text: 'help' }));
    expect(heading(help.sent.cards[0])).toBe('Practice Audit');
    expect(cardText(help.sent.cards[0])).not.toContain("didn't recognise");
    const other = await run(router, base({ text: 'can you help with my audits?' }));
    expect(heading(other.sent.cards[0])).toBe('Practice Audit');
    expect(cardText(other.sent.cards[0])).toContain("didn't recognise");
    expect(cardText(other.sent.cards[0])).not.toContain('can you help'); // never echoed
    expect(listed).toEqual([]);
  });

  it('tells someone not in the staff directory that they are not set up, showing no audits', async () => {
    const { router, listed } = setUp();
    const { sent } = await run(router, base({ text: 'my audits', from: { id: '29:stranger', aadObjectId: 'oid-stranger' } }));
    expect(cardText(sent.cards[0])).toContain('set up');
    expect(listed).toEqual([]);
    const noOid = await run(router, base({ text: 'my audits', from: { id: '29:stranger' } }));
    expect(cardText(noOid.sent.cards[0])).toContain('set up');
  });

  it('saves the conversation reference when installed or added, in personal chats only', async () => {
    const { router, saved } = setUp();
    await run(router, base({ type: 'installationUpdate', action: 'add' }));
    expect(saved).toEqual([
      {
        userKey: 'oid-auditor',
        teamsUserId: '29:auditor',
        aadObjectId: 'oid-auditor',
        conversationId: 'a:personal',
        serviceUrl: 'http://localhost:5000/_connector',
        tenantId: 'tenant-1',
        botId: '28:bot',
        updatedAt: '2026-11-23T12:00:00.000Z',
      },
    ]);
    await run(router, base({ type: 'installationUpdate', action: 'remove' }));
    await run(router, base({ type: 'conversationUpdate', membersAdded: [{ id: '29:someone-else' }] }));
    await run(router, base({ type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }], conversation: { id: '19:group', conversationType: 'groupChat' } }));
    expect(saved).toHaveLength(1);
    await run(router, base({ type: 'conversationUpdate', membersAdded: [{ id: '28:bot' }], from: { id: '29:new' } }));
    expect(saved[1]).toMatchObject({ userKey: '29:new', teamsUserId: '29:new', aadObjectId: null });
  });

  const invoke = (value: unknown, from = { id: '29:auditor', aadObjectId: 'oid-auditor' }) => base({ type: 'invoke', name: 'adaptiveCard/action', value, from });

  it('answers the myAudits and help verbs with an updated card', async () => {
    const { router } = setUp();
    const mine = await run(router, invoke({ action: { type: 'Action.Execute', verb: 'myAudits', data: { verb: 'myAudits' } }, trigger: 'manual' }));
    expect(mine.reply).toMatchObject({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' } });
    expect(JSON.stringify(mine.reply)).toContain('CP-0001 (AB)');
    const help = await run(router, invoke({ action: { type: 'Action.Execute', verb: 'help', data: { verb: 'help' } } }));
    expect(heading((help.reply as { body: { value: AdaptiveCard } }).body.value)).toBe('Practice Audit');
    expect(mine.sent.cards).toEqual([]);
  });

  it('answers other valid verbs with "not available yet"', async () => {
    const { router } = setUp();
    const { reply } = await run(router, invoke({ action: { verb: 'cantDoThis', data: { verb: 'cantDoThis', auditId: 'aud-open', version: '3' } } }));
    expect(reply).toEqual({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: NOT_AVAILABLE_YET } });
  });

  it('rejects invalid card data with a 400 error that does not echo typed text', async () => {
    const { router } = setUp();
    const cases: unknown[] = [
      { action: { verb: 'myAudits', data: { verb: 'deleteEverything' } } },
      { action: { verb: 'help', data: { verb: 'myAudits' } } }, // verb and data disagree
      { action: { verb: 'cantDoThis', data: { verb: 'cantDoThis' } } }, // no audit id
      { action: { verb: 'submitCantDoThis', data: { verb: 'submitCantDoThis', auditId: 'a1', version: '1', reason: 'x'.repeat(501) } } },
      { nothing: true },
    ];
    for (const value of cases) {
      const { reply } = await run(router, invoke(value));
      expect(reply).toMatchObject({ status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest' } } });
      expect(JSON.stringify(reply)).not.toContain('xxxx');
    }
  });

  it('identifies the user from the activity, not the card: an unknown user gets the not-set-up card', async () => {
    const { router, listed } = setUp();
    const { reply } = await run(router, invoke({ action: { verb: 'myAudits', data: { verb: 'myAudits' } } }, { id: '29:x', aadObjectId: 'oid-x' }));
    expect(JSON.stringify(reply)).toContain('set up');
    expect(listed).toEqual([]);
  });

  it('does not handle other invokes', async () => {
    const { router } = setUp();
    const { reply } = await run(router, base({ type: 'invoke', name: 'composeExtension/query', value: {} }));
    expect(reply).toMatchObject({ status: 501 });
  });

  it('handles the Action.Submit fallback by verb', async () => {
    const { router } = setUp();
    const mine = await run(router, base({ value: { verb: 'myAudits' } }));
    expect(heading(mine.sent.cards[0])).toBe('My audits');
    const later = await run(router, base({ value: { verb: 'approveAction', actionId: 'act-9', version: '2' } }));
    expect(later.sent.texts).toEqual([NOT_AVAILABLE_YET]);
    const bad = await run(router, base({ value: { verb: 'approveAction' } }));
    expect(bad.sent.texts[0]).toContain('nothing was done');
  });
});
