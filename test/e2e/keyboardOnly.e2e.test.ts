import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { londonDate } from '../../shared/calendar/londonTime';
import { launchChromium, newContext, screenshot } from './harness/browser';
import { tabAndType, tabTo, typeDate } from './harness/keyboard';
import { serveApp, type ServedApp } from './harness/servedApp';
import { collectPageErrors, demoAudit, eventually, partButton, partState, problemList, staffName, userButton } from './harness/tabPages';

declare global {
  interface Window {
    pointerEvents?: number;
  }
}

/**
 * The featured Child's Journey monthly audit (collaborative, overall grade only) from sign-in to
 * submission with the keyboard alone: Tab, Shift+Tab, Enter, Space, arrows and typing. No click,
 * fill or check; a count of pointer events in the page proves no mouse was used.
 */
describe("keyboard-only Child's Journey audit", () => {
  let served: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const auditId = 'aud-featured-childs-journey';

  beforeAll(async () => {
    [served, browser] = await Promise.all([serveApp(), launchChromium()]);
    context = await newContext(browser);
    page = await context.newPage();
    errors = collectPageErrors(page);
    await page.addInitScript(() => {
      window.pointerEvents = 0;
      for (const type of ['pointerdown', 'mousedown', 'touchstart'])
        document.addEventListener(type, () => (window.pointerEvents = (window.pointerEvents ?? 0) + 1), true);
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await served?.stop();
  });

  const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '');
  const heading = (name: string) => page.getByRole('heading', { level: 2, name, exact: true });
  const nextButton = () => page.getByRole('button', { name: /^Next: / });

  /** From a part's heading, Tab to its "Next" button and press Enter: the next part's heading takes focus. */
  async function nextPart(expectedHeading: string): Promise<void> {
    await tabTo(page, nextButton(), 40);
    await page.keyboard.press('Enter');
    await heading(expectedHeading).waitFor();
    expect(await focusedId()).toBe('panel-heading');
  }

  /** Tabs to the first option of a radio group and chooses an option with Space or the arrows. */
  async function chooseRadio(group: string, option: string): Promise<void> {
    const radios = page.getByRole('group', { name: group, exact: true }).getByRole('radio');
    await tabTo(page, radios, 40);
    const target = page.getByRole('group', { name: group, exact: true }).getByRole('radio', { name: option, exact: true });
    for (let i = 0; i < 6 && !(await target.isChecked()); i += 1) {
      if (await target.evaluate((el) => el === document.activeElement)) await page.keyboard.press('Space');
      else await page.keyboard.press('ArrowDown');
    }
    expect(await target.isChecked()).toBe(true);
  }

  it('signs in, opens the audit from My audits, completes every required item and submits with the keyboard alone', async () => {
    const caseRef = demoAudit(served.council, auditId).caseSnapshot.caseRef;
    const today = londonDate(new Date());
    const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

    await page.goto(`${served.baseUrl}/`);
    await page.waitForURL('**/sign-in');
    const hazel = userButton(page, staffName(served.council, served.council.featured.auditorId));
    await hazel.waitFor();
    await tabTo(page, hazel, 80);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'My audits' }).waitFor();

    const link = page.getByRole('link', { name: caseRef, exact: true });
    await link.waitFor();
    await tabTo(page, link, 40);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${caseRef} `) }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/audits/${auditId}`);

    // Case profile, reached through the parts navigation.
    await tabTo(page, partButton(page, 'Case profile'), 30);
    await page.keyboard.press('Enter');
    await heading('Case profile').waitFor();
    await tabAndType(page, 'field-caseProfile', 'A synthetic infant known to the service since a referral this year.');
    await nextPart('1a Early help');

    // 1b: a prompt marked with Space, then the evidence.
    await nextPart('1b Assessment');
    const firstPrompt = page.locator('#panel-heading').locator('..').getByRole('group').first();
    await tabTo(page, firstPrompt.getByRole('radio', { name: 'Seen', exact: true }), 10);
    await page.keyboard.press('ArrowRight');
    expect(await firstPrompt.getByRole('radio', { name: 'Not applicable', exact: true }).isChecked()).toBe(true);
    await page.keyboard.press('ArrowLeft');
    expect(await firstPrompt.getByRole('radio', { name: 'Seen', exact: true }).isChecked()).toBe(true);
    await tabAndType(page, 'field-sections-1b-evidence', 'Assessment seen on file.');

    const sections: [string, string][] = [
      ['1c', '1c Child in need'],
      ['1d', '1d Child protection'],
      ['2', "2 Child's voice and understanding"],
      ['3', '3 Decision-making and management oversight'],
      ['4', '4 Information sharing and partnership working'],
      ['5', '5 Diversity and culture'],
      ['6', '6 Plans and reviews'],
      ['7', '7 Direct work and recording'],
      ['8', '8 Feedback from the child and family'],
      ['9', '9 Permanence and placement planning'],
      ['10', '10 Independence'],
    ];
    for (const [id, title] of sections) {
      await nextPart(title);
      if ((await partState(page, title)) === 'Not included') continue;
      await tabAndType(page, `field-sections-${id}-evidence`, `Seen on file (${id}).`);
    }

    // Optional for this audit type: passed through.
    await nextPart('Views of the child and parents');
    await nextPart('Good practice');

    await nextPart('Grading');
    await chooseRadio('Is the child safe?', 'Safe');
    await chooseRadio("The child's outcomes", 'Met');
    await chooseRadio('Overall grade for practice on this case', 'Good');
    await tabAndType(page, 'field-grading-summary-judgement', 'Good practice on the case.');
    await tabAndType(page, 'field-grading-summary-evidence', 'Visits on time; plan reviewed.');
    await tabAndType(page, 'field-grading-summary-impact', 'The baby is thriving.');
    await screenshot(page, '30-keyboard-grading');

    // Not required at Good, but an agreed action must be complete: its text, owner and due date by keyboard.
    await nextPart('Actions');
    await tabTo(page, page.getByRole('button', { name: 'Add an action' }), 10);
    await page.keyboard.press('Enter');
    await eventually(focusedId).toBe('field-actions-0-what');
    await page.keyboard.type('Update the plan after the next visit.');
    await tabAndType(page, 'field-actions-0-why', 'The plan predates the latest visit.', 5);
    await tabTo(page, 'field-actions-0-ownerId', 5);
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#field-actions-0-ownerId').inputValue()).not.toBe('');
    expect(await page.locator('#field-actions-0-accountableManagerId').inputValue()).not.toBe('');
    await tabTo(page, 'field-actions-0-dueDate', 5);
    await typeDate(page, tomorrow);
    expect(await partState(page, 'Actions')).toBe('Complete');
    await screenshot(page, '31-keyboard-action');

    await nextPart('Participants');
    await chooseRadio('Did the allocated worker take part in the audit?', 'Yes');
    await tabTo(page, 'field-participants-meetingDate', 5);
    await typeDate(page, today);
    expect(await page.locator('#field-participants-meetingDate').inputValue()).toBe(today);
    await screenshot(page, '32-keyboard-participants');

    for (const part of ['Case profile', '1b Assessment', '1c Child in need', '8 Feedback from the child and family', 'Grading', 'Actions', 'Participants'])
      expect(await partState(page, part)).toBe('Complete');

    // Back up to the toolbar and submit.
    await tabTo(page, page.getByRole('button', { name: 'Submit audit' }), 80, { backwards: true });
    await page.keyboard.press('Enter');
    await page.getByText('Audit submitted').waitFor();
    expect(await problemList(page).count()).toBe(0);
    expect(await page.locator('#submit-message').innerText()).toContain('Final grade: Good.');
    expect(await focusedId()).toBe('submit-message');
    await screenshot(page, '33-keyboard-submitted');

    const stored = await served.app.store.audits.get(auditId);
    expect(stored?.status).toBe('submitted');
    expect(stored?.finalGrade?.value).toEqual({ grade: 'good', inadequate: null });
    expect(stored?.form.participants).toMatchObject({ workerTookPart: true, meetingDate: today });
    expect(stored?.form.grading).toMatchObject({ childSafe: 'safe', outcomes: 'met' });
    expect(stored?.form.sections['8']?.evidence).toBe('Seen on file (8).');
    expect(stored?.form.actions).toEqual([
      expect.objectContaining({ what: 'Update the plan after the next visit.', why: 'The plan predates the latest visit.', dueDate: tomorrow }),
    ]);
    expect(stored?.form.actions[0]?.ownerId).not.toBeNull();
    expect(Object.values(stored?.form.sections['1b']?.prompts ?? {}).map((p) => p.state)).toEqual(['seen']);
    expect(await page.evaluate(() => window.pointerEvents)).toBe(0);
    expect(errors).toEqual([]);
  });
});
