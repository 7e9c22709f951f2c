import { describe, expect, it } from 'vitest';
import { axeViolations, screenshot } from './harness/browser';
import { useBrowserApp } from './harness/browserApp';
import { signInAs, staffName } from './harness/tabPages';
import { featuredStaffIds } from '../../bot/demo/demoPeople';
import { londonDate } from '../../shared/calendar/londonTime';
import type { RoundPreview } from '../../shared/api/contracts';

/** The QA lead swaps a case in a draft round through the "Swap case" dialog on the preview. */
describe('swapping a case in a draft round', () => {
  const app = useBrowserApp();

  it('finds a case by team, shows why each is or is not allowed, swaps it in and returns focus', async () => {
    const { served, page, errors } = app;
    await signInAs(page, served.baseUrl, staffName(served.council, featuredStaffIds.qaLeadId));
    const month = londonDate(new Date()).slice(0, 7);
    const created = await page.request.post(`${served.baseUrl}/api/rounds`, {
      data: { month, auditType: 'managersMonthly', auditorIds: [featuredStaffIds.auditorId, 'tm-mash'], casesPerAuditor: 1, seed: 31, calendarOverrideReason: 'Testing the swap dialog' },
    });
    expect(created.status(), await created.text()).toBe(200);
    const draft = (await created.json()) as RoundPreview;
    const first = draft.allocations[0];
    if (!first) throw new Error('no allocation');

    await page.goto(`${served.baseUrl}/rounds/${draft.round.id}`);
    const table = page.getByRole('table', { name: /^Allocations/ });
    await table.waitFor();

    // Cancel returns focus to the row's button.
    const opener = table.getByRole('button', { name: `Swap case ${first.caseRef}` });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: `Swap case ${first.caseRef}` });
    await dialog.getByRole('radiogroup').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Swap case ${first.caseRef}`);

    await opener.click();
    await dialog.getByRole('radiogroup').waitFor();
    await dialog.getByRole('searchbox', { name: 'Find a case by reference or team' }).fill('Leaving care');
    await dialog.getByRole('status').filter({ hasText: /cases? shown|No case matches/ }).waitFor();
    await expect.poll(async () => (await dialog.getByRole('radio').allInnerTexts()).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const labels = await dialog.locator('label').allInnerTexts();
    expect(labels.filter((l) => /DEMO-/.test(l)).every((l) => l.includes('Leaving care'))).toBe(true);
    await screenshot(page, '73-round-swap-dialog');
    expect(await axeViolations(page)).toEqual([]);

    const choice = dialog.locator('input[type=radio]:not([disabled])').first();
    const newCaseId = await choice.getAttribute('value');
    await choice.check();
    if (await dialog.getByRole('checkbox').count()) await dialog.getByRole('checkbox').check();
    await dialog.getByRole('button', { name: 'Swap in chosen case' }).click();
    await dialog.waitFor({ state: 'detached' });
    const status = page.getByRole('status').filter({ hasText: `Case ${first.caseRef} was swapped for` });
    await status.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');
    const stored = await served.app.store.rounds.get(draft.round.id);
    expect(stored?.allocations.map((a) => a.caseId)).toContain(newCaseId);
    expect(stored?.allocations.map((a) => a.caseId)).not.toContain(first.caseId);
    expect(await table.getByRole('cell', { name: first.caseRef, exact: true }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
