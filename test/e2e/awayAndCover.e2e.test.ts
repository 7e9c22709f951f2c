import { describe, expect, it } from 'vitest';
import { axeViolations, screenshot } from './harness/browser';
import { useBrowserApp } from './harness/browserApp';
import { eventually, signInAs, staffName } from './harness/tabPages';
import { featuredStaffIds } from '../../bot/demo/demoPeople';

/**
 * Away and cover from the header: the featured team manager marks herself away, is warned while
 * nobody is named, names her deputy and saves; the header then says she is away and who has her
 * alerts, and focus is back on the button that opened the dialog.
 */
describe('away and cover', () => {
  const app = useBrowserApp();

  it('lets a team manager mark herself away with her deputy covering, from the header', async () => {
    const { served, page, errors } = app;
    const managerId = featuredStaffIds.auditorId;
    const deputyId = 'dtm-cp-north';
    const deputy = staffName(served.council, deputyId);
    await signInAs(page, served.baseUrl, staffName(served.council, managerId));

    const opener = page.getByRole('banner').getByRole('button', { name: 'Away and cover' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Away and cover' });
    const select = dialog.getByRole('combobox', { name: 'Who covers you while you are away' });
    await select.waitFor();
    expect(await dialog.getByRole('radio', { name: 'At work' }).isChecked()).toBe(true);
    // Focus is on the first question once the record has loaded.
    await eventually(() => dialog.getByRole('radio', { name: 'At work' }).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await select.inputValue()).toBe(deputyId);

    await dialog.getByRole('radio', { name: /^Away/ }).check();
    await select.selectOption('');
    await dialog.getByText(/No one is named to cover you/).waitFor();
    await screenshot(page, '85-away-and-cover-nobody-named');
    expect(await axeViolations(page)).toEqual([]);

    await select.selectOption({ label: `${deputy} (Deputy team manager, Child protection North)` });
    expect(await dialog.getByText(/No one is named to cover you/).count()).toBe(0);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const status = page.getByRole('banner').getByRole('status');
    await status.getByText(`Saved: you are marked away. Your alerts go to ${deputy} until you mark yourself back.`).waitFor();
    await page.getByRole('banner').getByText('Away', { exact: true }).waitFor();
    await eventually(() => opener.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await served.app.store.staff.get(managerId)).toMatchObject({ away: true, deputyId });
    await screenshot(page, '86-away-and-cover-saved');
    expect(await axeViolations(page)).toEqual([]);
    // Still there once the dialog has finished closing.
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);

    // Opened again it shows what is saved; Escape closes it and focus returns to the button.
    await opener.click();
    await select.waitFor();
    expect(await dialog.getByRole('radio', { name: /^Away/ }).isChecked()).toBe(true);
    expect(await select.inputValue()).toBe(deputyId);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await eventually(() => opener.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(errors).toEqual([]);
  });

  it('is not offered to a social worker', async () => {
    const { served, page } = app;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await signInAs(page, served.baseUrl, staffName(served.council, featuredStaffIds.workerId));
    expect(await page.getByRole('button', { name: 'Away and cover' }).count()).toBe(0);
  });
});
