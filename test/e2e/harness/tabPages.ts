import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { Audit } from '../../../shared/schemas/audits';
import type { DemoCouncil } from '../../../bot/demo/demoCouncil';

/**
 * The tab's pages as a user finds them: by role, accessible name and visible text. Shared by the
 * browser suites so each test reads as the journey it checks.
 */

/** Waits for an asynchronous state in the page (never a fixed sleep). */
export function eventually<T>(read: () => Promise<T>, timeout = 10_000) {
  return expect.poll(read, { timeout, interval: 100 });
}

export function demoAudit(council: DemoCouncil, id: string): Audit {
  const audit = council.audits.find((a) => a.id === id);
  if (!audit) throw new Error(`demo audit ${id} is missing`);
  return audit;
}

export function staffName(council: DemoCouncil, id: string): string {
  const person = council.staff.find((s) => s.id === id);
  if (!person) throw new Error(`demo staff member ${id} is missing`);
  return person.displayName;
}

/** Signs in from the demo sign-in page by choosing the person's button; waits for My audits. */
export async function signInAs(page: Page, baseUrl: string, displayName: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await userButton(page, displayName).click();
  await page.getByRole('heading', { level: 1, name: 'My audits' }).waitFor();
}

/** A person's button on the sign-in page: named by the name, then role and team. */
export function userButton(page: Page, displayName: string): Locator {
  return page.getByRole('button', { name: new RegExp(`^${displayName} `) });
}

export function partsNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Parts of the audit' });
}

/** A part of the form in its navigation, named by number and title ("1b Assessment", "Grading"). */
export function partButton(page: Page, name: string): Locator {
  return partsNav(page).getByRole('button', { name, exact: true });
}

/** The part's completion state: the text its nav button is described by. */
export async function partState(page: Page, name: string): Promise<string> {
  const ids = await partButton(page, name).getAttribute('aria-describedby');
  if (!ids) return '';
  return page.evaluate((list) => list.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim(), ids);
}

/** The part on show: from its h2 to the pager. */
export function panel(page: Page): Locator {
  return page.locator('#panel-heading').locator('..');
}

/** Opens a part of the form and waits for its heading. */
export async function openPart(page: Page, name: string, heading: string | RegExp = name): Promise<void> {
  await partButton(page, name).click();
  await page.getByRole('heading', { level: 2, name: heading }).waitFor();
}

/** The autosave status in the toolbar. */
export function saveStatus(page: Page): Locator {
  return page.getByRole('status').filter({ hasText: /^(All changes saved|Saving…|Save failed — retrying|.* — reload|Not saved — .*)$/ });
}

/** The "There is a problem" summary after a submit attempt. */
export function problemList(page: Page): Locator {
  return page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'There is a problem' }) });
}

export function submitButton(page: Page): Locator {
  return page.getByRole('button', { name: 'Submit audit' });
}

/** A radio group (fieldset named by its legend) and one of its options by exact label. */
export function radio(page: Page, group: string, option: string): Locator {
  return page.getByRole('group', { name: group, exact: true }).getByRole('radio', { name: option, exact: true });
}

/** The focused element's id, its aria-invalid and the text of what describes it. */
export async function focusedField(page: Page): Promise<{ id: string; fieldsetId: string | null; invalid: string | null; description: string }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    const describedBy = (el?.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    return {
      id: el?.id ?? '',
      fieldsetId: el?.closest('fieldset')?.id ?? null,
      invalid: el?.getAttribute('aria-invalid') ?? null,
      description: describedBy.map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
    };
  });
}

/**
 * Uncaught errors, console errors and server errors while the page runs, to assert there were none.
 * Refused requests (a 401 before sign-in) are the app working as meant: the browser's own "Failed to
 * load resource" line for them is not counted; a 5xx answer is.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 500) errors.push(`${r.status()} from ${r.request().method()} ${r.url()}`);
  });
  return errors;
}
