import { describe, expect, it } from 'vitest';
import { axeViolations, screenshot } from './harness/browser';
import { useBrowserApp } from './harness/browserApp';
import { eventually, openPart, signInAs, staffName, submitButton } from './harness/tabPages';
import type { ServedApp } from './harness/servedApp';
import { buildAudit } from '../fixtures/builders';
import { urgentNoticeKey } from '../../shared/concerns/urgentNotices';
import { concernEmailKey } from '../../bot/delivery/concernNotices';

/** The demo council's people around one case of the Child protection South team. */
const P = { auditor: 'tm-children-in-care', manager: 'tm-cp-south', worker: 'sw-cp-south-1', hos: 'hos-cin-cp' } as const;

/** A submitted audit graded Inadequate, as the audit service hands it to the concern service. */
async function inadequateAudit(served: ServedApp, caseRef = 'DEMO-E2E-1') {
  const draft = buildAudit({ auditorId: P.auditor, status: 'submitted', submittedAt: new Date().toISOString() });
  const form = structuredClone(draft.form);
  form.grading.overall = { grade: 'inadequate', inadequate: null };
  const audit = await served.app.store.audits.create(
    {
      ...draft,
      form,
      finalGrade: { scale: 'ofsted4', value: { grade: 'inadequate', inadequate: null }, fourPoint: 'inadequate' },
      caseSnapshot: { ...draft.caseSnapshot, caseRef, initials: 'QZ', teamId: 'team-cp-south', workerId: P.worker },
    },
    [],
  );
  await served.app.concerns.onAuditChanged(audit, 'submitted', P.auditor);
  return audit;
}

async function openConcerns(app: ReturnType<typeof useBrowserApp>, staffId: string) {
  const { served, page } = app;
  if (await page.getByRole('button', { name: 'Sign out' }).count()) {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
  }
  await signInAs(page, served.baseUrl, staffName(served.council, staffId));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cases of concern' }).click();
  await page.getByRole('heading', { level: 1, name: 'Cases of concern' }).waitFor();
}

/**
 * The Cases of concern page: the team manager acknowledges an urgent concern, the auditor raises
 * the case of concern the audit proposed, the manager responds on the register.
 */
describe('cases of concern in the tab', () => {
  const app = useBrowserApp();

  it('lets the team manager acknowledge an urgent concern with the immediate action', async () => {
    const { served, page, errors } = app;
    const audit = await inadequateAudit(served);
    await openConcerns(app, P.manager);
    const urgent = page.getByRole('region', { name: 'Urgent concerns awaiting acknowledgement' });
    const item = urgent.getByRole('listitem').filter({ hasText: 'DEMO-E2E-1' });
    await item.waitFor();
    expect(await item.innerText()).toContain('Graded Inadequate');
    expect(await axeViolations(page)).toEqual([]);

    const form = item.getByRole('form', { name: 'Acknowledge the concern about DEMO-E2E-1' });
    await form.getByRole('button', { name: 'Acknowledge' }).click();
    await form.getByText('Say what immediate action is being taken.').waitFor();
    await form.getByRole('textbox', { name: /Immediate action being taken/ }).fill('Strategy discussion arranged for this afternoon');
    await screenshot(page, '90-urgent-concern-acknowledge');
    await form.getByRole('button', { name: 'Acknowledge' }).click();
    await urgent.getByRole('status').filter({ hasText: 'Concern about DEMO-E2E-1 (QZ) acknowledged' }).waitFor();
    expect(await item.innerText()).toContain(`Acknowledged by ${staffName(served.council, P.manager)}`);
    const [concern] = await served.app.store.concerns.listByAudit(audit.id);
    expect(concern?.acknowledgement).toMatchObject({ byId: P.manager, actionTaken: 'Strategy discussion arranged for this afternoon' });
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("lets the auditor raise the case of concern the audit proposed, and the manager respond on the register", async () => {
    const { served, page, errors } = app;
    await openConcerns(app, P.auditor);
    const proposals = page.getByRole('region', { name: 'Proposed by audits' });
    const proposal = proposals.getByRole('form', { name: 'Proposed case of concern: DEMO-E2E-1' });
    await proposal.waitFor();
    await proposal.getByRole('button', { name: 'Raise case of concern' }).click();
    await proposal.getByText('Give the reason for raising it.').waitFor();
    await proposal.getByRole('textbox', { name: /Reason for raising/ }).fill('Plans have not moved on for six months');
    await screenshot(page, '91-case-of-concern-proposed');
    expect(await axeViolations(page)).toEqual([]);
    await proposal.getByRole('button', { name: 'Raise case of concern' }).click();
    await page.getByRole('status').filter({ hasText: 'Case of concern raised for DEMO-E2E-1 (QZ)' }).waitFor();
    const register = page.getByRole('table', { name: 'Cases of concern register' });
    await register.getByRole('row').filter({ hasText: 'DEMO-E2E-1' }).waitFor();
    expect(await proposals.count()).toBe(0);

    await openConcerns(app, P.manager);
    const row = page.getByRole('table', { name: 'Cases of concern register' }).getByRole('row').filter({ hasText: 'DEMO-E2E-1' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Open: awaiting a response');
    await row.getByRole('button', { name: 'Respond: DEMO-E2E-1' }).click();
    const dialog = page.getByRole('dialog', { name: /Respond to the case of concern about DEMO-E2E-1/ });
    await dialog.getByRole('textbox', { name: /Response/ }).fill('Discussed in supervision; plan reviewed with the family');
    await screenshot(page, '92-case-of-concern-respond');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Send response' }).click();
    await page.getByRole('status').filter({ hasText: 'Response sent: DEMO-E2E-1 (QZ)' }).waitFor();
    await eventually(async () => row.innerText()).toContain('Responded to');
    expect(await row.innerText()).toContain('Discussed in supervision');
    await screenshot(page, '93-case-of-concern-register');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("shows where each person's e-mail copy stands", async () => {
    const { served, page, errors } = app;
    const audit = await inadequateAudit(served, 'DEMO-E2E-2');
    const [concern] = await served.app.store.concerns.listByAudit(audit.id);
    if (!concern) throw new Error('no concern raised');
    // The dispatcher writes the e-mails to the mail folder (local mode): both are sent.
    for (const id of [P.manager, P.worker]) await eventually(async () => (await served.app.store.outbox.get(concernEmailKey(urgentNoticeKey(concern.id, id))))?.status).toBe('sent');
    await openConcerns(app, P.manager);
    const item = page.getByRole('region', { name: 'Urgent concerns awaiting acknowledgement' }).getByRole('listitem').filter({ hasText: 'DEMO-E2E-2' }).first();
    const notice = item.getByRole('list', { name: 'Written notice about DEMO-E2E-2' });
    await notice.waitFor();
    expect(await notice.innerText()).toContain(`${staffName(served.council, P.manager)} (team manager): e-mail sent`);
    expect(await notice.innerText()).toContain(`${staffName(served.council, P.worker)} (worker): e-mail sent`);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("lets an auditor raise a case of concern from a submitted audit that did not propose one", async () => {
    const { served, page, errors } = app;
    const active = new Set(served.council.staff.filter((s) => s.active).map((s) => s.id));
    const audit = served.council.audits.find((a) => a.status === 'submitted' && a.finalGrade?.fourPoint === 'good' && active.has(a.auditorId));
    if (!audit) throw new Error('the demo council has no submitted Good audit');
    if (await page.getByRole('button', { name: 'Sign out' }).count()) {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/sign-in');
    }
    await signInAs(page, served.baseUrl, staffName(served.council, audit.auditorId));
    await page.goto(`${served.baseUrl}/audits/${audit.id}`);
    await page.getByRole('button', { name: 'Raise a case of concern' }).click();
    const dialog = page.getByRole('dialog', { name: new RegExp(`Raise a case of concern about ${audit.caseSnapshot.caseRef}`) });
    await dialog.getByRole('button', { name: 'Raise case of concern' }).click();
    await dialog.getByText('Give the reason for raising it.').waitFor();
    await dialog.getByRole('textbox', { name: /Reason for raising/ }).fill('Drift in the plan since the audit');
    await screenshot(page, '95-raise-case-of-concern-from-audit');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Raise case of concern' }).click();
    await page.getByRole('status').filter({ hasText: `Case of concern raised for ${audit.caseSnapshot.caseRef}` }).waitFor();
    const entries = await served.app.store.casesOfConcern.listByCase(audit.caseId);
    expect(entries.map((e) => ({ auditId: e.auditId, raisedById: e.raisedById, raisedAs: e.raisedAs }))).toEqual([{ auditId: audit.id, raisedById: audit.auditorId, raisedAs: 'auditor' }]);
    expect(errors).toEqual([]);
  });

  it('lets an auditor raise an urgent concern from the form with the child judged safe, out of hours, which sends the written notice', async () => {
    const { served, page, errors } = app;
    const auditId = 'aud-featured-childs-journey';
    if (await page.getByRole('button', { name: 'Sign out' }).count()) {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL('**/sign-in');
    }
    await signInAs(page, served.baseUrl, staffName(served.council, served.council.featured.auditorId));
    await page.goto(`${served.baseUrl}/audits/${auditId}`);
    await submitButton(page).waitFor();
    await openPart(page, 'Grading');
    await page.getByRole('button', { name: 'Raise an urgent child-protection concern' }).click();
    await page.getByText('Raise this concern now').waitFor();
    await page.getByRole('checkbox', { name: 'I have raised this concern directly' }).check();
    await page.getByRole('checkbox', { name: 'Raised out of hours with the out-of-hours duty service' }).check();
    await page.getByRole('button', { name: 'Use the time now' }).click();
    await page.getByText(/^Recorded as raised at \d\d\/\d\d\/\d{4}/).waitFor();
    await screenshot(page, '94-urgent-concern-out-of-hours');
    expect(await axeViolations(page)).toEqual([]);
    await eventually(async () => (await served.app.store.concerns.listByAudit(auditId)).map((c) => c.triggerKinds.join('+'))).toEqual(['urgentConcernRaised']);
    const [concern] = await served.app.store.concerns.listByAudit(auditId);
    expect(concern?.recipients.map((r) => r.staffId)).not.toContain(served.council.featured.auditorId);
    expect(concern?.recipients.length).toBeGreaterThan(0);
    expect((await served.app.store.audits.get(auditId))?.form.urgentConcern).toMatchObject({ raised: true, outOfHoursService: true, raisedWithId: null });
    expect(errors).toEqual([]);
  });
});
