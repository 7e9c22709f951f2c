import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURED_AUDIT_IDS } from '../../bot/demo/demoCouncil';
import { startPlayground, type Playground } from './harness/playground';
import { serveApp, type ServedApp } from './harness/servedApp';

/**
 * The bot against a real Teams client: the Microsoft 365 Agents Playground, headless (see
 * harness/playground). The Playground's current user carries an Entra object id that the test
 * gives to the demo auditor, which is how the bot recognises people in local mode.
 */

const AUDITOR_ID = 'tm-cp-north';
const AUDITOR_OID = '7d1c5a9e-0000-4000-8000-00000000a001';
const CURRENT_USER_ID = '29:playground-auditor';
const PERSONAL_CHAT_ID = 'a:practice-audit-personal';

let served: ServedApp;
let playground: Playground;

async function post(route: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${playground.base}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

/** The next bot message pushed on the stream after `from` messages had arrived. */
function nextMessage(from: number): Promise<Record<string, unknown>> {
  return playground.waitForMessage(from, () => true);
}

const cardOf = (message: Record<string, unknown>): string => JSON.stringify(message['attachments'] ?? null);

beforeAll(async () => {
  served = await serveApp();
  // Local mode: the bot recognises a person by the Entra object id stored on their staff record.
  const auditor = await served.app.store.staff.get(AUDITOR_ID);
  if (!auditor) throw new Error('demo auditor missing');
  const { etag, ...rest } = auditor;
  await served.app.store.staff.put({ ...rest, entraObjectId: AUDITOR_OID }, etag);

  playground = await startPlayground(`${served.baseUrl}/api/messages`, {
    teamsUserId: CURRENT_USER_ID,
    aadObjectId: AUDITOR_OID,
    personalChatId: PERSONAL_CHAT_ID,
  });
});

afterAll(async () => {
  await playground?.stop();
  await served?.stop();
});

describe('the bot in the Agents Playground', () => {
  it('answers "my audits" with a card listing the auditor’s open audits by case reference', async () => {
    const featured = served.council.audits.find((a) => a.id === FEATURED_AUDIT_IDS.childsJourney);
    expect(featured?.auditorId).toBe(AUDITOR_ID);
    const from = playground.pushed.length;
    const sent = await post(`/_conversation/v1/conversations/${encodeURIComponent(PERSONAL_CHAT_ID)}/messages`, {
      from: { id: CURRENT_USER_ID },
      text: 'my audits',
      textFormat: 'plain',
    });
    expect(sent.status).toBeLessThan(300);
    const card = cardOf(await nextMessage(from));
    expect(card).toContain('My audits');
    expect(card).toContain(`${featured?.caseSnapshot.caseRef} (${featured?.caseSnapshot.initials})`);
    // The reference of the chat is kept for proactive messages.
    expect(await served.app.conversations.getByAad(AUDITOR_OID)).toMatchObject({ teamsUserId: CURRENT_USER_ID, conversationId: PERSONAL_CHAT_ID });
  });

  it('answers anything else with the help card', async () => {
    const from = playground.pushed.length;
    await post(`/_conversation/v1/conversations/${encodeURIComponent(PERSONAL_CHAT_ID)}/messages`, { from: { id: CURRENT_USER_ID }, text: 'hello', textFormat: 'plain' });
    const card = cardOf(await nextMessage(from));
    expect(card).toContain("didn't recognise");
    expect(card).toContain('my audits');
  });

  it('answers the myAudits card action with the updated card as the invoke response', async () => {
    const from = playground.pushed.length;
    await post(`/_conversation/v1/conversations/${encodeURIComponent(PERSONAL_CHAT_ID)}/messages`, { from: { id: CURRENT_USER_ID }, text: 'help', textFormat: 'plain' });
    const helpMessage = await nextMessage(from);
    const featured = served.council.audits.find((a) => a.id === FEATURED_AUDIT_IDS.childsJourney);
    const res = await post('/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      from: { id: CURRENT_USER_ID },
      conversation: { id: PERSONAL_CHAT_ID },
      replyToId: helpMessage['messageId'],
      value: { action: { type: 'Action.Execute', verb: 'myAudits', data: { verb: 'myAudits' } }, trigger: 'manual' },
    });
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.json);
    expect(text).toContain('application/vnd.microsoft.card.adaptive');
    expect(text).toContain('My audits');
    expect(text).toContain(String(featured?.caseSnapshot.caseRef));
  });

  it('sends proactively to the stored conversation', async () => {
    const ref = await served.app.conversations.getByAad(AUDITOR_OID);
    if (!ref) throw new Error('no conversation reference stored');
    const from = playground.pushed.length;
    let sentId: string | null = null;
    await served.app.bot.continueConversation(ref, async (turn) => {
      sentId = await turn.sendText('Proactive check from the test.');
    });
    const message = await nextMessage(from);
    expect(JSON.stringify(message)).toContain('Proactive check from the test.');
    expect(sentId).toBe(message['messageId']);
  });
});
