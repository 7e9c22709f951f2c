import { describe, expect, it } from 'vitest';
import { axeViolations, screenshot } from './harness/browser';
import { useBrowserApp } from './harness/browserApp';
import { signInAs, staffName } from './harness/tabPages';
import { featuredStaffIds } from '../../bot/demo/demoPeople';

/**
 * Requests to be excused from auditing, from the demo data: the featured manager gives a view on
 * her deputy's request, the featured auditor asks, and the QA lead decides on the Rounds page.
 */
describe('requests to be excused from auditing', () => {
  const app = useBrowserApp();

  it("lets a line manager give a view on a team member's request from My audits", async () => {
    const { served, page, errors } = app;
    const deputy = staffName(served.council, 'dtm-leaving-care');
    await signInAs(page, served.baseUrl, staffName(served.council, featuredStaffIds.managerId));
    const section = page.getByRole('region', { name: 'Requests from your team' });
    const item = section.getByRole('listitem').filter({ hasText: deputy });
    await item.waitFor();
    expect(await item.innerText()).toContain('Covering two vacant posts');
    await screenshot(page, '80-exemption-team-requests');
    expect(await axeViolations(page)).toEqual([]);

    await item.getByRole('button', { name: /^Send your view/ }).click();
    await item.getByText('Choose whether you support the request.').waitFor();
    await item.getByRole('radio', { name: 'Supports' }).check();
    await item.getByRole('textbox', { name: /Comment/ }).fill('Agreed in supervision; cover is in place.');
    await item.getByRole('button', { name: /^Send your view/ }).click();
    await section.getByText('No requests are waiting for your view.').waitFor();
    expect(await section.getByRole('status').innerText()).toContain(`Your view on ${deputy}'s request`);
    expect((await served.app.store.exemptions.get('exm-demo-deputy'))?.lineManagerView?.supports).toBe(true);
    expect(errors).toEqual([]);
  });

  it('lets an auditor ask to be excused, with the reason required', async () => {
    const { served, page, errors } = app;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await signInAs(page, served.baseUrl, staffName(served.council, featuredStaffIds.auditorId));
    const section = page.getByRole('region', { name: 'Being excused from auditing' });
    await section.getByText('You have not asked to be excused from auditing.').waitFor();
    await section.getByRole('button', { name: 'Ask to be excused from auditing' }).click();
    const form = section.getByRole('form', { name: 'Ask to be excused from auditing' });
    await form.getByRole('button', { name: 'Send request' }).click();
    await form.getByRole('alert').filter({ hasText: 'Say why you cannot audit in these months.' }).waitFor();
    await form.getByRole('textbox', { name: /Why you cannot audit/ }).fill('Long leave for most of this month.');
    await screenshot(page, '81-exemption-ask');
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Send request' }).click();
    const mine = section.getByRole('list', { name: 'Your requests to be excused from auditing' });
    await mine.getByRole('listitem').first().waitFor();
    expect(await mine.innerText()).toContain("Waiting for the line manager's view");
    expect(await section.getByRole('status').innerText()).toMatch(/^Your request for \w+ \d{4} was sent to your line manager\.$/);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('lets the QA lead agree a request on the Rounds page, and asks for a note to decide without the line manager', async () => {
    const { served, page, errors } = app;
    const manager = staffName(served.council, 'tm-mash');
    const auditor = staffName(served.council, featuredStaffIds.auditorId);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await signInAs(page, served.baseUrl, staffName(served.council, featuredStaffIds.qaLeadId));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rounds' }).click();
    const section = page.getByRole('region', { name: 'Requests to be excused from auditing' });
    const waiting = section.getByRole('list', { name: 'Requests waiting for a decision' });
    const managersRequest = waiting.getByRole('listitem').filter({ hasText: manager });
    await managersRequest.waitFor();
    expect(await managersRequest.innerText()).toContain('supports the request');
    await screenshot(page, '82-exemption-decisions');
    expect(await axeViolations(page)).toEqual([]);

    const auditorsRequest = waiting.getByRole('listitem').filter({ hasText: auditor });
    await auditorsRequest.getByRole('button', { name: /^Refuse/ }).click();
    await auditorsRequest.getByText(/without the line manager's view/).waitFor();

    await managersRequest.getByRole('button', { name: /^Agree/ }).click();
    await section.getByRole('status').filter({ hasText: `${manager}'s request` }).waitFor();
    const decided = section.getByRole('list', { name: 'Requests decided in the last 30 days' });
    expect(await decided.innerText()).toContain(`${manager}:`);
    expect((await served.app.store.exemptions.get('exm-demo-manager'))?.status).toBe('agreed');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
