import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { serveApp, type ServedApp } from './harness/servedApp';
import { startPlayground, type Playground } from './harness/playground';
import { axeViolations, launchChromium, newContext, screenshot } from './harness/browser';
import { collectPageErrors, signInAs, staffName } from './harness/tabPages';
import type { RoundDeliveryResponse } from '../../shared/api/contracts';
import { londonDate } from '../../shared/calendar/londonTime';
import { roundAuditId } from '../../shared/rounds/roundRules';
import { ALLOCATION_NOTICE_SUMMARY, allocationNoticeId } from '../../bot/delivery/allocationNotice';

/**
 * The whole allocation journey across the two clients: a QA lead publishes a round in the tab
 * (Chromium); the auditor, chatting with the bot in the Agents Playground, gets the allocation
 * card; its "Open audit" link opens that audit's form in the tab; "Can't do this" from the card
 * reaches the QA lead's list of requests on the Rounds page. The other auditors, who never opened
 * the app, show as unreachable in the round's delivery status.
 */

const AUDITOR_ID = 'tm-cp-north';
const OTHER_AUDITORS = ['tm-children-in-care', 'tm-mash'];
const user = { teamsUserId: '29:playground-auditor', aadObjectId: '7d1c5a9e-0000-4000-8000-00000000a001', personalChatId: 'a:practice-audit-personal' };

let served: ServedApp;
let playground: Playground | null = null;
let browser: Browser | null = null;
let context: BrowserContext | null = null;
let page: Page;
let errors: string[] = [];
let lead = '';
/** The round published in the tab and the auditor's allocation card, from the first test. */
let roundId = '';
let allocated: { auditId: string; version: string; caseRef: string; initials: string; messageId: unknown; link: string } | null = null;

async function api<T>(route: string, cookie = lead): Promise<{ status: number; json: T }> {
  const res = await fetch(`${served.baseUrl}${route}`, { headers: { cookie } });
  return { status: res.status, json: (await res.json()) as T };
}

beforeAll(async () => {
  [served, browser] = await Promise.all([serveApp(), launchChromium()]);
  const auditor = await served.app.store.staff.get(AUDITOR_ID);
  if (!auditor) throw new Error('demo auditor missing');
  const { etag, ...rest } = auditor;
  await served.app.store.staff.put({ ...rest, entraObjectId: user.aadObjectId }, etag);
  playground = await startPlayground(`${served.baseUrl}/api/messages`, user);
  lead = await served.signIn(served.council.featured.qaLeadId);
  context = await newContext(browser);
  page = await context.newPage();
  errors = collectPageErrors(page);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await playground?.stop();
  await served?.stop();
});

describe('publishing a round to Teams', () => {
  it('publishes in the tab and the allocation card arrives in the Playground, opening the right form', async () => {
    if (!playground) throw new Error('Playground not started');
    // The auditor has talked to the bot, so their chat is known.
    const before = playground.pushed.length;
    expect(await playground.say('help')).toBeLessThan(300);
    await playground.waitForMessage(before, () => true);
    expect(await served.app.conversations.getByAad(user.aadObjectId)).not.toBeNull();

    // The QA lead drafts this month's managers' round (it runs every month) in the tab.
    await signInAs(page, served.baseUrl, staffName(served.council, served.council.featured.qaLeadId));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rounds' }).click();
    const form = page.getByRole('form', { name: 'New round' });
    await form.waitFor();
    expect(await form.getByLabel('Month').inputValue()).toBe(londonDate(new Date()).slice(0, 7));
    await form.getByLabel('Audit type').selectOption({ label: "Managers' monthly audit" });
    for (const id of [AUDITOR_ID, ...OTHER_AUDITORS]) await form.getByRole('checkbox', { name: new RegExp(`^${staffName(served.council, id)}`) }).check();
    await form.getByLabel('Cases per auditor').fill('1');
    await form.getByRole('button', { name: 'Allocate cases' }).click();
    await page.getByRole('table', { name: /^Allocations/ }).waitFor();
    roundId = page.url().split('/rounds/')[1] ?? '';
    const draft = await served.app.store.rounds.get(roundId);
    expect(draft?.status).toBe('draft');

    const fromPublish = playground.pushed.length;
    await page.getByRole('button', { name: 'Publish round' }).click();
    const confirm = page.getByRole('group', { name: 'Publish this round?' });
    await confirm.waitFor();
    if (draft?.allocations.some((a) => a.conflicts.length > 0)) await confirm.getByRole('checkbox', { name: 'I confirm these allocations' }).check();
    await confirm.getByRole('button', { name: 'Yes, publish' }).click();
    await page.getByRole('status').filter({ hasText: 'Round published' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Round published' }).innerText()).toContain('3 audits were created');

    const mine = draft?.allocations.filter((x) => x.auditorId === AUDITOR_ID) ?? [];
    expect(mine).toHaveLength(1);
    const audit = await served.app.store.audits.get(roundAuditId(roundId, mine[0]?.caseId ?? ''));
    if (!audit) throw new Error('no audit for the auditor');

    const message = await playground.waitForMessage(fromPublish, (m) => JSON.stringify(m['attachments'] ?? null).includes('New audit allocated'), 15_000);
    const card = JSON.stringify(message['attachments']);
    expect(card).toContain(audit.caseSnapshot.caseRef);
    expect(card).toContain(audit.caseSnapshot.initials);
    expect(card).toContain('Open audit');
    const urls = [...card.matchAll(/"url":"([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(urls).toHaveLength(1);
    allocated = { auditId: audit.id, version: audit.etag, caseRef: audit.caseSnapshot.caseRef, initials: audit.caseSnapshot.initials, messageId: message['messageId'], link: urls[0] ?? '' };
    expect(new URL(allocated.link).pathname).toBe(`/audits/${encodeURIComponent(audit.id)}`);
    // The Playground does not show the preview text, so read it from the outbox: no child data.
    const notice = await served.app.store.outbox.get(allocationNoticeId(audit.id));
    expect(notice?.payload['summary']).toBe(ALLOCATION_NOTICE_SUMMARY);
    expect(ALLOCATION_NOTICE_SUMMARY).not.toContain(audit.caseSnapshot.caseRef);
    expect(ALLOCATION_NOTICE_SUMMARY).not.toContain(audit.caseSnapshot.initials);

    // The tab shows the publish's progress: the auditor's card sent, the others cannot be reached.
    const progress = page.getByText(/^\d+ sent, \d+ waiting, \d+ failed, \d+ cannot be delivered\.$/);
    await expect.poll(() => progress.innerText(), { timeout: 15_000, interval: 200 }).toBe('1 sent, 0 waiting, 0 failed, 2 cannot be delivered.');
    await screenshot(page, '78-round-delivered');
    expect(await axeViolations(page)).toEqual([]);
    const delivery = await api<RoundDeliveryResponse>(`/api/rounds/${roundId}/delivery`);
    expect(delivery.json.undeliverable.map((u) => [u.recipientId, u.reason]).sort()).toEqual(OTHER_AUDITORS.map((id) => [id, 'notInstalled']).sort());
    // The connector's activity id is kept with the sent notice (for later updates to the card).
    expect((await served.app.store.outbox.get(allocationNoticeId(audit.id)))?.activityId).toBe(message['messageId']);

    // "Open audit" leads the auditor to that audit's form in the tab.
    const auditorContext = await newContext(browser as Browser);
    try {
      const auditorPage = await auditorContext.newPage();
      const auditorErrors = collectPageErrors(auditorPage);
      await signInAs(auditorPage, served.baseUrl, staffName(served.council, AUDITOR_ID));
      await auditorPage.goto(allocated.link);
      await auditorPage.getByRole('heading', { level: 1, name: new RegExp(`^${allocated.caseRef} `) }).waitFor();
      expect(await auditorPage.getByText(allocated.initials, { exact: false }).count()).toBeGreaterThan(0);
      await screenshot(auditorPage, '74-opened-from-card');
      expect(auditorErrors).toEqual([]);
    } finally {
      await auditorContext.close();
    }

    // Only the QA lead (or PSW) may see the delivery status.
    const refused = await api<unknown>(`/api/rounds/${roundId}/delivery`, await served.signIn(AUDITOR_ID));
    expect(refused.status).toBe(403);
    expect(errors).toEqual([]);
  });

  it("sends the auditor's \"can't do this\" to the QA lead, who sees it on the Rounds page", async () => {
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

    await page.goto(`${served.baseUrl}/rounds`);
    const section = page.getByRole('region', { name: 'Requests to reassign' });
    const item = section.getByRole('listitem').filter({ hasText: allocated.caseRef });
    await item.waitFor();
    expect(await section.getByRole('listitem').count()).toBe(1);
    expect(await item.innerText()).toContain(staffName(served.council, AUDITOR_ID));
    expect(await item.innerText()).toContain(reason);
    await screenshot(page, '79-cant-do-this-seen-by-lead');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
