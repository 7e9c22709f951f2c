import { describe, expect, it } from 'vitest';
import { axeViolations, screenshot } from './harness/browser';
import { useBrowserApp } from './harness/browserApp';
import {
  demoAudit,
  eventually,
  focusedField,
  openPart,
  problemList,
  radio,
  signInAs,
  staffName,
  submitButton,
} from './harness/tabPages';

/**
 * WCAG 2.2 AA (as axe checks it) on the views not met on the auditor's journey: a team manager's
 * Team audits page and a submitted audit they open read-only, and the urgent "Not safe" path of
 * the grading panel before and after a submit attempt.
 */
describe('accessibility of the manager’s views and the urgent concern', () => {
  const app = useBrowserApp();

  it("shows a team manager their team's audits, including the care leaver's deep dive", async () => {
    const { served, page, errors } = app;
    const { managerId, auditorId, careLeaverDeepDiveAuditId } = served.council.featured;
    await signInAs(page, served.baseUrl, staffName(served.council, managerId));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Team audits' }).click();
    await page.getByRole('heading', { level: 1, name: 'Team audits' }).waitFor();
    const table = page.getByRole('table', { name: /^Audits of / });
    await table.waitFor();
    const deepDive = table
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: demoAudit(served.council, careLeaverDeepDiveAuditId).caseSnapshot.caseRef, exact: true }) });
    const cells = await deepDive.getByRole('cell').allInnerTexts();
    expect(cells.slice(2, 5)).toEqual(['Deep dive audit', staffName(served.council, auditorId), 'Allocated']);
    await screenshot(page, '40-team-audits');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('opens a submitted audit of the team read-only, with its final grade', async () => {
    const { page, errors } = app;
    const submittedRow = page.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Submitted', exact: true }) }).first();
    await submittedRow.waitFor();
    const caseRef = await submittedRow.getByRole('link').innerText();
    const grade = (await submittedRow.getByRole('cell').allInnerTexts())[6] ?? '';
    expect(grade).not.toBe('—');
    await submittedRow.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${caseRef} `) }).waitFor();
    await page.getByText('Read only', { exact: true }).waitFor();
    expect(await page.locator('#submit-message').innerText()).toContain(`Final grade: ${grade}.`);
    expect(await submitButton(page).count()).toBe(0);
    expect(await page.getByRole('textbox').evaluateAll((els) => els.every((el) => (el as HTMLTextAreaElement).readOnly))).toBe(true);
    await screenshot(page, '41-read-only-audit');
    expect(await axeViolations(page)).toEqual([]);

    await openPart(page, 'Grading');
    expect(await page.getByRole('radio').count()).toBe(0);
    await screenshot(page, '42-read-only-grading');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('raises the urgent concern when the child is not safe, with its alert and fields clean before and after a submit attempt', async () => {
    const { served, page, errors } = app;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await signInAs(page, served.baseUrl, staffName(served.council, served.council.featured.auditorId));
    await page.goto(`${served.baseUrl}/audits/aud-featured-managers-monthly`);
    await submitButton(page).waitFor();
    await openPart(page, 'Grading');

    await radio(page, 'Is the child safe?', 'Not safe').check();
    await page.getByText('Raise this concern now').waitFor();
    const suggested = page.getByRole('region', { name: 'Suggested overall grade' });
    await eventually(() => suggested.innerText()).toContain('The child is judged not safe, so the overall grade is Inadequate.');
    await screenshot(page, '43-not-safe-alert');
    expect(await axeViolations(page)).toEqual([]);

    // A grade above what the rules allow is refused, not just advised against.
    await radio(page, 'Overall grade for practice on this case', 'Good').check();
    await page.getByText('Good is above what the rules allow: the highest overall grade is Inadequate.').waitFor();
    // No reason can lift a grade above the ceiling, so none is asked for.
    expect(await page.getByRole('textbox', { name: 'Why does the overall grade differ from the suggested grade?' }).count()).toBe(0);

    await submitButton(page).click();
    const problems = problemList(page);
    await problems.waitFor();
    const messages = await problems.getByRole('link').allInnerTexts();
    expect(messages).toContain(
      "Urgent concern: the child is judged not safe. Raise it directly and at once with the case's manager, then record it here.",
    );
    expect(messages.some((m) => m.startsWith('Overall grade: Good is not allowed.'))).toBe(true);
    await problems.getByRole('link', { name: /^Urgent concern/ }).click();
    await eventually(async () => (await focusedField(page)).id).toBe('field-urgentConcern-raised');
    await screenshot(page, '44-not-safe-problems');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('checkbox', { name: 'I have raised this concern directly' }).check();
    await page.getByRole('combobox', { name: 'Raised with' }).selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Use the time now' }).click();
    await page.getByText(/^Recorded as raised at \d\d\/\d\d\/\d{4}/).waitFor();
    await radio(page, 'Overall grade for practice on this case', 'Inadequate').check();
    await eventually(async () => (await served.app.store.audits.get('aud-featured-managers-monthly'))?.form.urgentConcern.raised).toBe(true);
    const stored = await served.app.store.audits.get('aud-featured-managers-monthly');
    expect(stored?.form.urgentConcern.raisedWithId).not.toBeNull();
    expect(stored?.form.urgentConcern.raisedAt).not.toBeNull();
    await screenshot(page, '45-not-safe-recorded');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
