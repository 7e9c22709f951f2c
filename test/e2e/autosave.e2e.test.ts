import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, newContext, screenshot } from './harness/browser';
import { serveApp, type ServedApp } from './harness/servedApp';
import { collectPageErrors, eventually, openPart, panel, saveStatus, signInAs, staffName, submitButton } from './harness/tabPages';

/**
 * Reload at any point and lose nothing: on the featured managers' audit (in progress), evidence
 * survives a reload after autosave, a reload before autosave has even started, and a tab that
 * crashes before any save reached the server (only the copy on the device keeps it; it is then saved).
 */
describe('autosave across reloads', () => {
  let served: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let auditId: string;
  let formPuts = 0;
  let blockSaves = false;

  const draftKeys = () =>
    page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('practice-audit:draft:')));
  const serverEvidence = async (sectionId: string) => (await served.app.store.audits.get(auditId))?.form.sections[sectionId]?.evidence;
  const evidenceBox = (): Locator => panel(page).getByRole('textbox', { name: 'Evidence' });

  async function openAudit(): Promise<void> {
    await page.goto(`${served.baseUrl}/audits/${auditId}`);
    await submitButton(page).waitFor();
  }

  beforeAll(async () => {
    [served, browser] = await Promise.all([serveApp(), launchChromium()]);
    context = await newContext(browser);
    page = await context.newPage();
    errors = collectPageErrors(page);
    auditId = 'aud-featured-managers-monthly';
    // Counts the form saves the tab sends, and drops them while the "network" is down.
    await context.route('**/api/audits/*/form', async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      formPuts += 1;
      return blockSaves ? route.abort('internetdisconnected') : route.continue();
    });
    await signInAs(page, served.baseUrl, staffName(served.council, served.council.featured.auditorId));
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await served?.stop();
  });

  it('keeps evidence that autosave has saved across a reload', async () => {
    await openAudit();
    await openPart(page, '3 Planning and intervention');
    const text = 'Saved evidence: the plan follows the assessment and names who does what by when.';
    await evidenceBox().fill(text);
    await eventually(() => saveStatus(page).innerText()).toBe('Saving…');
    await eventually(() => saveStatus(page).innerText()).toBe('All changes saved');
    expect(await serverEvidence('planning')).toBe(text);
    expect(await draftKeys()).toEqual([]);
    await screenshot(page, '20-autosave-saved');

    await page.reload();
    await submitButton(page).waitFor();
    await openPart(page, '3 Planning and intervention');
    expect(await evidenceBox().inputValue()).toBe(text);
    expect(await page.getByText('were restored').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('keeps evidence typed just before a reload, before the autosave debounce fires, and saves it', async () => {
    await openPart(page, "4 Engagement and the child's voice");
    const text = 'Typed then reloaded at once: the child’s wishes are recorded in their own words.';
    const putsBefore = formPuts;
    await evidenceBox().fill(text);
    // Nothing sent yet: the change waits out the debounce, kept meanwhile in a local draft.
    expect(await saveStatus(page).innerText()).toBe('Saving…');
    expect(formPuts).toBe(putsBefore);
    expect(await draftKeys()).toHaveLength(1);
    await page.reload();

    await submitButton(page).waitFor();
    await openPart(page, "4 Engagement and the child's voice");
    expect(await evidenceBox().inputValue()).toBe(text);
    await eventually(() => serverEvidence('engagement')).toBe(text);
    await eventually(() => saveStatus(page).innerText()).toBe('All changes saved');
    await eventually(() => draftKeys()).toEqual([]);
    await screenshot(page, '21-autosave-reloaded-before-debounce');

    // And it is the server's copy now, not only this device's.
    await page.reload();
    await submitButton(page).waitFor();
    await openPart(page, "4 Engagement and the child's voice");
    expect(await evidenceBox().inputValue()).toBe(text);
    expect(errors).toEqual([]);
  });

  it('restores evidence from the device after the tab crashed before any save reached the server, then saves it', async () => {
    await openPart(page, '5 Management oversight');
    const text = 'Typed just before a crash: supervision records show direction at each review.';
    blockSaves = true;
    await evidenceBox().fill(text);
    expect(await draftKeys()).toHaveLength(1);
    // The renderer dies at once: no debounce, no save as the page goes away.
    const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
    const cdp = await context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;
    expect(await serverEvidence('oversight')).not.toBe(text);

    const crashedPage = page;
    page = await context.newPage();
    errors = collectPageErrors(page);
    await crashedPage.close().catch(() => undefined);
    await openAudit();
    await page.getByText('Changes made on this device that had not reached the server were restored, and are being saved.').waitFor();
    await openPart(page, '5 Management oversight');
    expect(await evidenceBox().inputValue()).toBe(text);
    await screenshot(page, '22-autosave-restored-after-crash');

    blockSaves = false;
    await eventually(() => serverEvidence('oversight'), 15_000).toBe(text);
    await eventually(() => saveStatus(page).innerText(), 15_000).toBe('All changes saved');
    await page.getByText('were restored').waitFor({ state: 'detached' });
    expect(await draftKeys()).toEqual([]);
    // What was saved before is untouched.
    expect(await serverEvidence('planning')).toMatch(/^Saved evidence/);
    expect(await serverEvidence('engagement')).toMatch(/^Typed then reloaded/);
    expect(errors).toEqual([]);
  });
});
