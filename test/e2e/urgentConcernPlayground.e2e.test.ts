import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { serveApp, type ServedApp } from './harness/servedApp';
import { startPlayground, type Playground } from './harness/playground';
import { axeViolations, launchChromium, newContext, screenshot } from './harness/browser';
import { collectPageErrors, signInAs, staffName, submitButton } from './harness/tabPages';
import { startSmtpTestServer, type SmtpTestServer } from '../simulators/smtp/smtpTestServer';
import { completeForm } from '../fixtures/completeForm';
import type { AuditDetail } from '../../shared/api/contracts';
import { londonDate } from '../../shared/calendar/londonTime';
import { addWorkingDays } from '../../shared/calendar/workingDays';
import { actionCardVersion } from '../../shared/actions/actionLifecycle';
import { actionNoteInputId } from '../../shared/cards/cardVerbs';

/**
 * Issue 5 end to end, with the Agents Playground as the Teams client of the team manager (and, as
 * another Playground user, the worker): the auditor submits an Inadequate audit in the tab
 * (Chromium) → the team manager's urgent card arrives in Teams and the same notice by e-mail (a
 * real SMTP server) → the manager acknowledges from the card with the action being taken → the card
 * shows who acknowledged and when; the worker marks the audit's action done from their card → the
 * manager approves from the approval card → both cards show the approved state.
 */

const AUDIT_ID = 'aud-featured-deep-dive';
const AUDITOR = 'tm-cp-north';
const MANAGER = 'tm-leaving-care';
const WORKER = 'sw-leaving-care-1';
const manager = { teamsUserId: '29:playground-manager', aadObjectId: '7d1c5a9e-0000-4000-8000-00000000a002', personalChatId: 'a:practice-audit-personal' };
// The Playground's first "other user" (see harness/playground.ts config) plays the worker.
const worker = { teamsUserId: 'user-id-1', aadObjectId: '7d1c5a9e-0000-4000-8000-00000000b001' };

let smtp: SmtpTestServer;
let served: ServedApp;
let playground: Playground | null = null;
let browser: Browser | null = null;
let context: BrowserContext | null = null;
let page: Page;
let errors: string[] = [];

async function linkTeamsIdentity(staffId: string, aadObjectId: string): Promise<void> {
  const s = await served.app.store.staff.get(staffId);
  if (!s) throw new Error(`demo staff ${staffId} missing`);
  const { etag, ...rest } = s;
  await served.app.store.staff.put({ ...rest, entraObjectId: aadObjectId }, etag);
}

async function invoke(from: string, replyToId: unknown, verb: string, data: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${playground?.base}/_conversation/v1/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'adaptiveCard/action',
      from: { id: from },
      conversation: { id: manager.personalChatId },
      replyToId,
      value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
    }),
  });
  expect(res.status).toBe(200);
  return res.text();
}

/**
 * Sends an activity as the worker, another Playground user: a custom activity built on the
 * Playground's own template (its invoke response shows only in the tool's log, so tests check
 * the bot's state and the card updates instead).
 */
async function asWorker(activity: Record<string, unknown>): Promise<number> {
  const template = (await (await fetch(`${playground?.base}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(manager.personalChatId)}`)).json()) as Record<string, unknown>;
  const res = await fetch(`${playground?.base}/_internal/v1/customActivities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...template, ...activity, from: { id: worker.teamsUserId, aadObjectId: worker.aadObjectId } }),
  });
  await res.text();
  return res.status;
}

/** The latest version of a message the bot sent: its first sending, or the last update to it. */
function latest(messageId: unknown): string {
  const all = (playground?.pushed ?? []).filter((p) => p.message['messageId'] === messageId);
  return JSON.stringify(all[all.length - 1]?.message['attachments'] ?? null);
}

async function eventuallyUpdated(messageId: unknown, text: string): Promise<void> {
  await expect.poll(() => (playground?.pushed ?? []).some((p) => p.action === 'updateMessage' && p.message['messageId'] === messageId && JSON.stringify(p.message).includes(text)), { timeout: 15_000, interval: 100 }).toBe(true);
}

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  [served, browser] = await Promise.all([
    serveApp({ env: { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtp.port), SMTP_REQUIRE_TLS: 'no', MAIL_FROM: 'Practice Audit <practice-audit@council.example>' } }),
    launchChromium(),
  ]);
  await linkTeamsIdentity(MANAGER, manager.aadObjectId);
  await linkTeamsIdentity(WORKER, worker.aadObjectId);
  playground = await startPlayground(`${served.baseUrl}/api/messages`, manager);
  context = await newContext(browser);
  page = await context.newPage();
  errors = collectPageErrors(page);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await playground?.stop();
  await served?.stop();
  await smtp?.stop();
});

describe('an Inadequate audit, end to end through Teams', () => {
  let actionId = '';

  it("reaches the team manager at once as an urgent card and an e-mail, and the card shows the acknowledgement", async () => {
    if (!playground) throw new Error('Playground not started');
    // The manager and the worker have talked to the bot, so their chats are known.
    const before = playground.pushed.length;
    expect(await playground.say('help')).toBeLessThan(300);
    await playground.waitForMessage(before, () => true);
    expect(await asWorker({ type: 'message', text: 'help', textFormat: 'plain' })).toBeLessThan(300);
    await expect.poll(() => served.app.conversations.getByAad(worker.aadObjectId), { timeout: 10_000 }).not.toBeNull();

    // The auditor's form is filled in (as autosave would) with an Inadequate judgement and one action for the worker.
    const auditorCookie = await served.signIn(AUDITOR);
    const detail = (await (await fetch(`${served.baseUrl}/api/audits/${AUDIT_ID}`, { headers: { cookie: auditorCookie } })).json()) as AuditDetail;
    const today = londonDate(new Date());
    const form = completeForm(detail, today);
    for (const d of detail.settings.gradedDomains) form.grading.domains[d] = { value: { grade: 'inadequate', inadequate: null }, evidence: `Evidence for ${d}.` };
    form.grading.overall = { grade: 'inadequate', inadequate: null };
    form.grading.outcomes = 'notMet';
    form.grading.summary = { judgement: 'Practice on the case is not yet safe enough.', evidence: 'Plans lapsed.', impact: 'Needs are unmet.' };
    const due = addWorkingDays(today, 5);
    form.actions = [{ id: 'dra-e2e-1', what: 'Review the pathway plan with the young person.', sectionId: null, why: 'The plan has lapsed.', ownerId: WORKER, accountableManagerId: MANAGER, dueDate: due }];
    const saved = await fetch(`${served.baseUrl}/api/audits/${AUDIT_ID}/form`, {
      method: 'PUT',
      headers: { cookie: auditorCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ etag: detail.audit.etag, form }),
    });
    expect(saved.status, await saved.clone().text()).toBe(200);

    // The auditor submits it in the tab.
    const fromSubmit = playground.pushed.length;
    await signInAs(page, served.baseUrl, staffName(served.council, AUDITOR));
    await page.goto(`${served.baseUrl}/audits/${AUDIT_ID}`);
    await submitButton(page).click();
    await page.locator('#submit-message').getByText('Audit submitted').waitFor();
    expect(await page.locator('#submit-message').innerText()).toContain('Final grade: Inadequate.');
    await screenshot(page, '95-inadequate-submitted');
    expect(await axeViolations(page)).toEqual([]);
    const caseRef = detail.audit.caseSnapshot.caseRef;

    // The manager's urgent card arrives in Teams: case reference and initials, no child's story.
    const urgent = await playground.waitForMessage(fromSubmit, (m) => JSON.stringify(m['attachments'] ?? null).includes('Urgent') && JSON.stringify(m).includes(caseRef), 20_000);
    const card = JSON.stringify(urgent['attachments']);
    expect(card).toContain(detail.audit.caseSnapshot.initials);
    expect(card).toContain('Acknowledge');
    expect(card).not.toContain('Plans lapsed');
    // …and the same notice in writing, by e-mail, to the manager's address.
    const managerEmail = served.council.staff.find((s) => s.id === MANAGER)?.email ?? '';
    await expect.poll(() => smtp.received.filter((m) => m.envelopeTo.includes(managerEmail)).length, { timeout: 15_000, interval: 100 }).toBe(1);
    const mail = smtp.received.find((m) => m.envelopeTo.includes(managerEmail));
    expect(mail?.parsed.subject).toMatch(/urgent/i);
    expect(mail?.parsed.text).toContain(caseRef);
    expect(mail?.parsed.headers.get('priority')).toBe('high');

    // Acknowledge from the card with the action being taken.
    const [concern] = await served.app.store.concerns.listByAudit(AUDIT_ID);
    if (!concern) throw new Error('no concern recorded');
    const data = JSON.parse(card) as unknown;
    const version = /"verb":"acknowledgeConcern","concernId":"[^"]+","version":"([^"]+)"/.exec(JSON.stringify(data))?.[1];
    expect(version).toBeDefined();
    const answer = await invoke(manager.teamsUserId, urgent['messageId'], 'acknowledgeConcern', { concernId: concern.id, version, actionTaken: 'Strategy discussion arranged for today.' });
    expect(answer).toContain(`Acknowledged by ${staffName(served.council, MANAGER)}`);
    expect(answer).not.toContain('Strategy discussion');
    expect((await served.app.store.concerns.get(concern.id))?.acknowledgement).toMatchObject({ byId: MANAGER });
    // Everyone's copy of the card is updated in place.
    await eventuallyUpdated(urgent['messageId'], `Acknowledged by ${staffName(served.council, MANAGER)}`);
    expect(latest(urgent['messageId'])).not.toContain('"verb":"acknowledgeConcern"');

    const [action] = await served.app.store.actions.listByAudit(AUDIT_ID);
    if (!action) throw new Error('no live action');
    actionId = action.id;
    expect(errors).toEqual([]);
  });

  it('lets the worker mark the action done from their card and the manager approve it from theirs; both cards show it approved', async () => {
    if (!playground || !actionId) throw new Error('the first test did not run');
    const action = await served.app.store.actions.get(actionId);
    if (!action) throw new Error('action missing');
    const ownerCard = await playground.waitForMessage(0, (m) => JSON.stringify(m).includes(`"actionId":"${actionId}"`) && JSON.stringify(m).includes('markActionDone'), 20_000);

    const fromDone = playground.pushed.length;
    const data = { verb: 'markActionDone', actionId, version: actionCardVersion(action), [actionNoteInputId(actionId)]: 'Pathway plan reviewed with the young person on a visit.' };
    expect(await asWorker({ type: 'invoke', name: 'adaptiveCard/action', replyToId: ownerCard['messageId'], value: { action: { type: 'Action.Execute', verb: 'markActionDone', data }, trigger: 'manual' } })).toBeLessThan(300);
    await expect.poll(async () => (await served.app.store.actions.get(actionId))?.status, { timeout: 10_000 }).toBe('done');

    // The manager's approval card arrives, and they approve from it.
    const approval = await playground.waitForMessage(fromDone, (m) => JSON.stringify(m).includes('approveAction') && JSON.stringify(m).includes(actionId), 20_000);
    const doneAction = await served.app.store.actions.get(actionId);
    if (!doneAction) throw new Error('action missing');
    const approved = await invoke(manager.teamsUserId, approval['messageId'], 'approveAction', { actionId, version: actionCardVersion(doneAction) });
    expect(approved).toContain('Approved by');
    expect((await served.app.store.actions.get(actionId))?.status).toBe('approved');

    // Both cards now show the approved state, updated in place.
    await eventuallyUpdated(approval['messageId'], 'Approved by');
    await eventuallyUpdated(ownerCard['messageId'], 'Approved');
    expect(latest(approval['messageId'])).not.toContain('"verb":"approveAction"');
    // A second click on the old approval card changes nothing and says who approved it.
    const again = await invoke(manager.teamsUserId, approval['messageId'], 'approveAction', { actionId, version: actionCardVersion(doneAction) });
    expect(again).toContain('Approved by');
    expect(errors).toEqual([]);
  });
});
