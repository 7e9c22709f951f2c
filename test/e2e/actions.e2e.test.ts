import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations, screenshot } from './harness/browser';
import { useBrowserApp } from './harness/browserApp';
import { eventually, signInAs, staffName } from './harness/tabPages';
import type { AuditAction } from '../../shared/schemas/actions';
import type { DemoCouncil } from '../../bot/demo/demoCouncil';

/**
 * Action tracking in the tab, on the demo council's own actions: an owner marks one done with a
 * note on My actions; the accountable manager finds it on Team actions (filtered to those awaiting
 * approval) and approves it. Both pages pass axe (WCAG 2.2 AA).
 */
function openActionWithTwoPeople(council: DemoCouncil): AuditAction {
  const active = new Set(council.staff.filter((s) => s.active).map((s) => s.id));
  const managers = new Set(council.staff.filter((s) => s.jobRoles.includes('teamManager')).map((s) => s.id));
  const a = council.actions.find((x) => x.status === 'open' && x.ownerId !== x.accountableManagerId && active.has(x.ownerId) && managers.has(x.accountableManagerId));
  if (!a) throw new Error('the demo council has no open action with an owner and a separate team manager');
  return a;
}

async function switchUser(page: Page, baseUrl: string, name: string) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL('**/sign-in');
  await signInAs(page, baseUrl, name);
}

describe('My actions and Team actions', () => {
  const app = useBrowserApp();

  it('the owner marks an action done with a note of the evidence', async () => {
    const { served, page, errors } = app;
    const action = openActionWithTwoPeople(served.council);
    await signInAs(page, served.baseUrl, staffName(served.council, action.ownerId));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My actions' }).click();
    await page.getByRole('heading', { level: 1, name: 'My actions' }).waitFor();
    const table = page.getByRole('table', { name: 'My actions' });
    const row = table.getByRole('row').filter({ hasText: action.caseRef }).filter({ hasText: action.what });
    await row.waitFor();
    expect(await row.innerText()).toContain(action.caseRef);
    await screenshot(page, '96-my-actions');
    expect(await axeViolations(page)).toEqual([]);

    await row.getByRole('button', { name: /^Mark done: / }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // The note is required.
    await dialog.getByRole('button', { name: 'Mark done' }).click();
    await dialog.getByText('Add a short note of the evidence.').waitFor();
    await dialog.getByRole('textbox', { name: /Note of the evidence/ }).fill('Plan updated and shared with the family on 2 December.');
    await screenshot(page, '97-mark-done');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Mark done' }).click();
    await page.getByRole('status').filter({ hasText: /^Marked done: / }).waitFor();
    expect(await row.innerText()).toContain('Done, awaiting approval');
    await eventually(async () => (await served.app.store.actions.get(action.id))?.status).toBe('done');
    expect(errors).toEqual([]);
  });

  it('the accountable manager approves it from Team actions', async () => {
    const { served, page, errors } = app;
    const action = openActionWithTwoPeople(served.council);
    await switchUser(page, served.baseUrl, staffName(served.council, action.accountableManagerId));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team actions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Team actions' }).waitFor();
    await page.getByRole('combobox', { name: 'Status' }).selectOption('done');
    const table = page.getByRole('table', { name: 'Team actions' });
    const row = table.getByRole('row').filter({ hasText: action.caseRef }).filter({ hasText: action.what });
    await row.waitFor();
    expect(await row.innerText()).toContain('Plan updated and shared with the family on 2 December.');
    await screenshot(page, '98-team-actions');
    expect(await axeViolations(page)).toEqual([]);

    await row.getByRole('button', { name: /^Approve: / }).click();
    await page.getByRole('status').filter({ hasText: /^Approved: / }).waitFor();
    expect(await row.innerText()).toContain('Approved');
    await eventually(async () => (await served.app.store.actions.get(action.id))?.approvedById).toBe(action.accountableManagerId);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
