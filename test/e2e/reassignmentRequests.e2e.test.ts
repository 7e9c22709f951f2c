import { describe, expect, it } from 'vitest';
import { axeViolations, screenshot } from './harness/browser';
import { useBrowserApp } from './harness/browserApp';
import { signInAs, staffName } from './harness/tabPages';
import { featuredStaffIds } from '../../bot/demo/demoPeople';
import { ReassignmentService } from '../../bot/reassignments/reassignmentService';

/** An auditor's "can't do this" shows on the QA lead's Rounds page until it is marked as dealt with. */
describe('requests to reassign on the Rounds page', () => {
  const app = useBrowserApp();

  it('lists an open request, accessibly, and marks it as dealt with', async () => {
    const { served, page, errors } = app;
    const open = served.council.audits.find((a) => a.status === 'allocated' || a.status === 'inProgress');
    if (!open) throw new Error('the demo council has no open audit');
    const auditor = await served.app.store.staff.get(open.auditorId);
    if (!auditor) throw new Error('demo auditor missing');
    const outcome = await new ReassignmentService({ store: served.app.store, clock: () => new Date() }).request(auditor, open.id, 'Away on leave until after the due date');
    expect(outcome.kind).toBe('sent');

    await signInAs(page, served.baseUrl, staffName(served.council, featuredStaffIds.qaLeadId));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rounds' }).click();
    const section = page.getByRole('region', { name: 'Requests to reassign' });
    const item = section.getByRole('listitem').filter({ hasText: open.caseSnapshot.caseRef });
    await item.waitFor();
    expect(await item.innerText()).toContain(auditor.displayName);
    expect(await item.innerText()).toContain('Away on leave until after the due date');
    await screenshot(page, '75-reassignment-requests');
    expect(await axeViolations(page)).toEqual([]);

    await item.getByRole('button', { name: /^Mark as dealt with/ }).click();
    await section.getByText('No auditor has asked for an audit to be reassigned.').waitFor();
    expect(await section.getByRole('status').innerText()).toContain(open.caseSnapshot.caseRef);
    expect((await served.app.store.reassignments.listByStatus('open')).items).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('reassigns through the dialog: conflicts shown, the case worker barred, a stale choice announced, focus returned', async () => {
    const { served, page, errors } = app;
    const store = served.app.store;
    // Not the audit the test above used.
    const open = served.council.audits.filter((a) => a.status === 'allocated' || a.status === 'inProgress')[1];
    if (!open) throw new Error('the demo council has no second open audit');
    const auditor = await store.staff.get(open.auditorId);
    if (!auditor) throw new Error('demo auditor missing');
    // A manager made the case's worker: the allocation rules bar them from auditing it.
    const kase = await store.cases.get(open.caseId);
    const barredId = ['tm-mash', 'tm-assessment'].find((id) => id !== open.auditorId) ?? '';
    if (!kase) throw new Error('demo case missing');
    await store.cases.put({ ...kase, workerId: barredId }, kase.etag);
    const barredName = staffName(served.council, barredId);
    await new ReassignmentService({ store, clock: () => new Date() }).request(auditor, open.id, 'Too close to the family');

    await page.goto(`${served.baseUrl}/rounds`);
    const section = page.getByRole('region', { name: 'Requests to reassign' });
    const item = section.getByRole('listitem').filter({ hasText: open.caseSnapshot.caseRef });
    await item.waitFor();

    // Cancel returns focus to the button that opened the dialog.
    const opener = item.getByRole('button', { name: `Reassign: request for ${open.caseSnapshot.caseRef}` });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: `Reassign ${open.caseSnapshot.caseRef} (${open.caseSnapshot.initials})` });
    await dialog.waitFor();
    await dialog.getByRole('radiogroup').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Reassign: request for ${open.caseSnapshot.caseRef}`);

    await opener.click();
    await dialog.getByRole('radiogroup').waitFor();
    const barred = dialog.getByRole('radio', { name: new RegExp(`^${barredName}`) });
    expect(await barred.isDisabled()).toBe(true);
    expect(await dialog.getByText(/Cannot be chosen: .*allocated worker/).count()).toBe(1);
    expect(await dialog.getByRole('radio', { name: new RegExp(`^${auditor.displayName}`) }).count()).toBe(0);
    const team = await store.teams.get(open.caseSnapshot.teamId);
    const linkedId = team?.managerId && team.managerId !== barredId && team.managerId !== open.auditorId ? team.managerId : null;
    if (linkedId) {
      // A linked auditor needs the lead's tick before the audit can be passed to them.
      await dialog.getByRole('radio', { name: new RegExp(`^${staffName(served.council, linkedId)}`) }).check();
      const tick = dialog.getByRole('checkbox', { name: /^I confirm passing the audit/ });
      await tick.waitFor();
      expect(await dialog.getByRole('button', { name: 'Reassign the audit' }).isDisabled()).toBe(true);
    }
    await screenshot(page, '76-reassign-dialog');
    expect(await axeViolations(page)).toEqual([]);

    // The auditor saves meanwhile: the choice is refused, and the refusal is announced.
    const firstClean = dialog.locator('input[type=radio]:not([disabled])').first();
    await firstClean.check();
    const chosenId = await firstClean.getAttribute('value');
    const current = await store.audits.get(open.id);
    if (!current || !chosenId) throw new Error('audit or choice missing');
    const { etag, ...rest } = current;
    await store.audits.update({ ...rest, updatedAt: new Date().toISOString() }, etag, []);
    if (await dialog.getByRole('checkbox', { name: /^I confirm passing the audit/ }).count()) await dialog.getByRole('checkbox', { name: /^I confirm passing the audit/ }).check();
    await dialog.getByRole('button', { name: 'Reassign the audit' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/changed since you opened/);
    expect((await store.audits.get(open.id))?.auditorId).toBe(open.auditorId);

    // Opened again, it holds the audit's new version and the reassignment goes through.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await opener.click();
    await dialog.getByRole('radiogroup').waitFor();
    await dialog.locator(`input[type=radio][value="${chosenId}"]`).check();
    if (await dialog.getByRole('checkbox', { name: /^I confirm passing the audit/ }).count()) await dialog.getByRole('checkbox', { name: /^I confirm passing the audit/ }).check();
    await dialog.getByRole('button', { name: 'Reassign the audit' }).click();
    await dialog.waitFor({ state: 'detached' });
    const chosenName = staffName(served.council, chosenId);
    const status = section.getByRole('status').filter({ hasText: `passed to ${chosenName}` });
    await status.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('status');
    expect(await section.getByRole('listitem').filter({ hasText: open.caseSnapshot.caseRef }).count()).toBe(0);
    expect((await store.audits.get(open.id))?.auditorId).toBe(chosenId);
    const request = (await store.reassignments.listByStatus('resolved')).items.find((r) => r.auditId === open.id);
    expect(request).toMatchObject({ outcome: 'reassigned', reassignedToId: chosenId });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
