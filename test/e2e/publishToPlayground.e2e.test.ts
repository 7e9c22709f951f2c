import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApp, type ServedApp } from './harness/servedApp';
import { startPlayground, type Playground } from './harness/playground';
import type { PublishResponse, ReassignmentListResponse, RoundDeliveryResponse, RoundPreview } from '../../shared/api/contracts';
import { needsConfirmation } from '../../shared/rounds/roundRules';
import { londonDate } from '../../shared/calendar/londonTime';
import { ALLOCATION_NOTICE_SUMMARY, allocationNoticeId } from '../../bot/delivery/allocationNotice';

/**
 * Publish → outbox → dispatcher → Teams: a QA lead publishes a round through the API and the
 * auditor, chatting with the bot in the Agents Playground, gets the allocation card; the other
 * auditors, who never opened the app, show as unreachable in the round's delivery status.
 */

const AUDITOR_ID = 'tm-cp-north';
const OTHER_AUDITORS = ['tm-children-in-care', 'tm-mash'];
const user = { teamsUserId: '29:playground-auditor', aadObjectId: '7d1c5a9e-0000-4000-8000-00000000a001', personalChatId: 'a:practice-audit-personal' };

let served: ServedApp;
let playground: Playground | null = null;
let lead = '';
/** The auditor's audit and its allocation card's message id, from the publish test. */
let allocated: { auditId: string; version: string; caseRef: string; initials: string; messageId: unknown } | null = null;

async function api<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`${served.baseUrl}${route}`, {
    method,
    headers: { cookie: lead, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as T };
}

beforeAll(async () => {
  served = await serveApp();
  const auditor = await served.app.store.staff.get(AUDITOR_ID);
  if (!auditor) throw new Error('demo auditor missing');
  const { etag, ...rest } = auditor;
  await served.app.store.staff.put({ ...rest, entraObjectId: user.aadObjectId }, etag);
  playground = await startPlayground(`${served.baseUrl}/api/messages`, user);
  lead = await served.signIn(served.council.featured.qaLeadId);
});

afterAll(async () => {
  await playground?.stop();
  await served?.stop();
});

describe('publishing a round to Teams', () => {
  it('delivers the allocation card to the auditor in the Playground and reports who cannot be reached', async () => {
    if (!playground) throw new Error('Playground not started');
    // The auditor has talked to the bot, so their chat is known.
    const before = playground.pushed.length;
    expect(await playground.say('help')).toBeLessThan(300);
    await playground.waitForMessage(before, () => true);
    expect(await served.app.conversations.getByAad(user.aadObjectId)).not.toBeNull();

    // The managers' audit runs every month, so this month's round is allowed by the calendar.
    const month = londonDate(new Date()).slice(0, 7);
    const draft = await api<RoundPreview>('POST', '/api/rounds', { month, auditType: 'managersMonthly', auditorIds: [AUDITOR_ID, ...OTHER_AUDITORS], casesPerAuditor: 1, seed: 20261123 });
    expect(draft.status, JSON.stringify(draft.json)).toBe(200);
    const roundId = draft.json.round.id;
    const fromPublish = playground.pushed.length;
    const published = await api<PublishResponse>('POST', `/api/rounds/${roundId}/publish`, { confirmConflicts: needsConfirmation(draft.json.round.allocations) });
    expect(published.status, JSON.stringify(published.json)).toBe(200);
    expect(published.json.created).toBe(3);

    const mine = [];
    for (const id of published.json.auditIds) {
      const audit = await served.app.store.audits.get(id);
      if (audit?.auditorId === AUDITOR_ID) mine.push(audit);
    }
    expect(mine).toHaveLength(1);
    const audit = mine[0];
    if (!audit) throw new Error('no audit for the auditor');

    const message = await playground.waitForMessage(fromPublish, (m) => JSON.stringify(m['attachments'] ?? null).includes('New audit allocated'), 15_000);
    const card = JSON.stringify(message['attachments']);
    allocated = { auditId: audit.id, version: audit.etag, caseRef: audit.caseSnapshot.caseRef, initials: audit.caseSnapshot.initials, messageId: message['messageId'] };
    expect(card).toContain(audit.caseSnapshot.caseRef);
    expect(card).toContain(audit.caseSnapshot.initials);
    expect(card).toContain('Open audit');
    const urls = [...card.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(urls).toHaveLength(1);
    const link = new URL(urls[0] ?? '');
    expect(link.pathname).toBe(`/audits/${encodeURIComponent(audit.id)}`);
    // The link leads to the tab's page for that audit.
    const page = await fetch(`${served.baseUrl}${link.pathname}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    // The Playground does not show the preview text, so read it from the outbox: no child data.
    const notice = await served.app.store.outbox.get(allocationNoticeId(audit.id));
    expect(notice?.payload['summary']).toBe(ALLOCATION_NOTICE_SUMMARY);
    expect(ALLOCATION_NOTICE_SUMMARY).not.toContain(audit.caseSnapshot.caseRef);
    expect(ALLOCATION_NOTICE_SUMMARY).not.toContain(audit.caseSnapshot.initials);

    // Delivery status: the auditor's card sent, the others unreachable because they never installed the app.
    let delivery: RoundDeliveryResponse | null = null;
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      const res = await api<RoundDeliveryResponse>('GET', `/api/rounds/${roundId}/delivery`);
      expect(res.status).toBe(200);
      delivery = res.json;
      if (delivery.counts.sent === 1 && delivery.counts.undeliverable === 2) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(delivery?.counts).toEqual({ queued: 0, sending: 0, sent: 1, failed: 0, undeliverable: 2 });
    // The connector's activity id is kept with the sent notice (for later updates to the card).
    expect((await served.app.store.outbox.get(allocationNoticeId(audit.id)))?.activityId).toBe(message['messageId']);
    expect(delivery?.undeliverable.map((u) => [u.recipientId, u.reason]).sort()).toEqual(OTHER_AUDITORS.map((id) => [id, 'notInstalled']).sort());
    expect(delivery?.undeliverable.every((u) => typeof u.displayName === 'string' && u.notificationIds.length === 1)).toBe(true);

    // Only the QA lead (or PSW) may see it.
    const auditorCookie = await served.signIn(AUDITOR_ID);
    const refused = await fetch(`${served.baseUrl}/api/rounds/${roundId}/delivery`, { headers: { cookie: auditorCookie } });
    expect(refused.status).toBe(403);
  });

  it("sends the auditor's \"can't do this\" to the QA lead's list of requests to reassign", async () => {
    if (!playground || !allocated) throw new Error('the publish test did not run');
    const reason = 'On leave for the rest of the month';
    const invoke = async () => {
      const res = await fetch(`${playground?.base}/_conversation/v1/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'adaptiveCard/action',
          from: { id: user.teamsUserId },
          conversation: { id: user.personalChatId },
          replyToId: allocated?.messageId,
          value: { action: { type: 'Action.Execute', verb: 'submitCantDoThis', data: { verb: 'submitCantDoThis', auditId: allocated?.auditId, version: allocated?.version, reason } }, trigger: 'manual' },
        }),
      });
      return { status: res.status, text: await res.text() };
    };
    const first = await invoke();
    expect(first.status).toBe(200);
    expect(first.text).toContain('Request sent to the QA lead');
    expect(first.text).toContain(String(allocated.caseRef));
    expect(first.text).not.toContain(reason);
    // A second click records nothing new.
    expect((await invoke()).text).toContain('already asked');

    const list = await api<ReassignmentListResponse>('GET', '/api/reassignment-requests?status=open');
    expect(list.status).toBe(200);
    expect(list.json.items).toHaveLength(1);
    expect(list.json.items[0]).toMatchObject({ auditId: allocated.auditId, caseRef: allocated.caseRef, initials: allocated.initials, reason });
  });
});
