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
});
