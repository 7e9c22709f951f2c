import { describe, expect, it } from 'vitest';
import { axeViolations, screenshot } from './harness/browser';
import { useBrowserApp } from './harness/browserApp';
import { signInAs, staffName } from './harness/tabPages';
import { featuredStaffIds } from '../../bot/demo/demoPeople';
import { londonDate } from '../../shared/calendar/londonTime';
import type { RoundPreview } from '../../shared/api/contracts';

/** A QA lead drafts this month's managers' round for two auditors, checks the allocations and publishes it. */
describe('running an audit round', () => {
  const app = useBrowserApp();

  it('creates, previews and publishes a round', async () => {
    const { served, page, errors } = app;
    const month = londonDate(new Date()).slice(0, 7);
    const auditors = [featuredStaffIds.auditorId, 'tm-mash'].map((id) => staffName(served.council, id));

    await signInAs(page, served.baseUrl, staffName(served.council, featuredStaffIds.qaLeadId));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rounds' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit rounds' }).waitFor();
    const form = page.getByRole('form', { name: 'New round' });
    expect(await form.getByLabel('Month').inputValue()).toBe(month);
    await form.getByLabel('Audit type').selectOption({ label: "Managers' monthly audit" });
    for (const name of auditors) await form.getByRole('checkbox', { name: new RegExp(`^${name}`) }).check();
    expect(await form.getByText('2 auditors chosen').count()).toBe(1);
    await form.getByLabel('Cases per auditor').fill('2');
    await screenshot(page, '70-round-form');
    expect(await axeViolations(page)).toEqual([]);

    await form.getByRole('button', { name: 'Allocate cases' }).click();
    const table = page.getByRole('table', { name: /^Allocations/ });
    await table.waitFor();
    await page.getByRole('heading', { level: 1, name: 'Audit round' }).waitFor();
    const rows = table.getByRole('row');
    expect(await rows.count()).toBe(1 + 4); // heading row and two cases each
    const roundId = page.url().split('/rounds/')[1] ?? '';
    const stored = await served.app.store.rounds.get(roundId);
    expect(stored).toMatchObject({ status: 'draft', month, auditType: 'managersMonthly' });
    const preview = (await (await page.request.get(`${served.baseUrl}/api/rounds/${roundId}`)).json()) as RoundPreview;
    for (let i = 1; i <= 4; i++) {
      const cells = await rows.nth(i).getByRole('cell').allInnerTexts();
      const allocation = preview.allocations.find((a) => a.caseRef === cells[0]);
      expect(allocation).toBeDefined();
      expect(cells[2]).toBe(allocation?.auditorName);
      expect(auditors).toContain(cells[2]);
      expect(cells[3]).toBe(allocation?.reason);
      expect(cells[3]?.length).toBeGreaterThan(10);
      expect(cells[4]).toEqual(allocation?.conflicts.length ? expect.stringMatching(/^Flagged: /) : 'None');
    }
    expect(await page.getByText(/History checked for conflicts of interest: \S/).count()).toBe(1);
    await screenshot(page, '71-round-preview');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Publish round' }).click();
    const confirm = page.getByRole('group', { name: 'Publish this round?' });
    await confirm.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Publish this round?');
    expect((await served.app.store.rounds.get(roundId))?.status).toBe('draft');
    const tick = confirm.getByRole('checkbox', { name: 'I confirm these allocations' });
    if (stored?.allocations.some((a) => a.conflicts.length > 0)) await tick.check();
    else expect(await tick.count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Yes, publish' }).click();

    const done = page.getByRole('status').filter({ hasText: 'Round published' });
    await done.waitFor();
    expect(await done.innerText()).toContain('4 audits were created');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');
    expect((await served.app.store.rounds.get(roundId))?.status).toBe('published');
    expect(await page.getByRole('button', { name: 'Publish round' }).count()).toBe(0);
    // Delivery progress: one Teams message per allocation, wherever each has got to.
    await page.getByRole('heading', { name: 'Teams messages to auditors' }).waitFor();
    const progress = await page.getByText(/^\d+ sent, \d+ waiting, \d+ failed, \d+ cannot be delivered\.$/).innerText();
    expect((progress.match(/\d+/g) ?? []).map(Number).reduce((a, b) => a + b, 0)).toBe(4);
    await screenshot(page, '72-round-published');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('asks for a reason when the audit type does not run in the month, and records it', async () => {
    const { served, page, errors } = app;
    // Deep dives run in March, July and November: of any three months in a row, at least one is refused.
    const months = [0, 1, 2].map((i) => {
      const [y, m] = londonDate(new Date()).split('-').map(Number) as [number, number];
      const index = m - 1 + i;
      return `${y + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
    });
    const refused = months.find((m) => ![3, 7, 11].includes(Number(m.slice(5))));
    if (!refused) throw new Error('no refused month offered');

    await page.goto(`${served.baseUrl}/rounds`);
    const form = page.getByRole('form', { name: 'New round' });
    await form.waitFor();
    await form.getByLabel('Month').selectOption(refused);
    await form.getByLabel('Audit type').selectOption({ label: 'Deep dive audit' });
    await form.getByRole('checkbox', { name: new RegExp(`^${staffName(served.council, featuredStaffIds.auditorId)}`) }).check();
    expect(await form.getByLabel(/^Reason for running this round/).count()).toBe(0);
    await form.getByRole('button', { name: 'Allocate cases' }).click();

    const reason = form.getByLabel(/^Reason for running this round/);
    await reason.waitFor();
    expect(await form.getByRole('alert').filter({ hasText: /Deep dive audit rounds do not run in/ }).count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await reason.fill('A themed sample was asked for by the safeguarding partnership.');
    await form.getByRole('button', { name: 'Allocate cases' }).click();
    await page.getByRole('table', { name: /^Allocations/ }).waitFor();
    expect(await page.getByText(/Outside the calendar .*reason given: A themed sample was asked for/).count()).toBe(1);
    const stored = await served.app.store.rounds.get(page.url().split('/rounds/')[1] ?? '');
    expect(stored).toMatchObject({ auditType: 'deepDive', month: refused, status: 'draft', calendarOverrideReason: 'A themed sample was asked for by the safeguarding partnership.' });
    expect(errors).toEqual([]);
  });

  it('keeps the Rounds link from people who do not run rounds', async () => {
    const { served, context } = app;
    const other = await context.browser()!.newContext({ locale: 'en-GB', timezoneId: 'Europe/London' });
    try {
      const p = await other.newPage();
      await signInAs(p, served.baseUrl, staffName(served.council, featuredStaffIds.workerId));
      expect(await p.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rounds' }).count()).toBe(0);
      await p.goto(`${served.baseUrl}/rounds`);
      await p.getByText('Audit rounds are run by quality assurance leads').waitFor();
    } finally {
      await other.close();
    }
  });
});
