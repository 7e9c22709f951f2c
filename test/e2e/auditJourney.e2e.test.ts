import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, launchChromium, newContext, screenshot } from './harness/browser';
import { serveApp, type ServedApp } from './harness/servedApp';
import {
  collectPageErrors,
  demoAudit,
  eventually,
  focusedField,
  openPart,
  panel,
  partButton,
  partsNav,
  partState,
  problemList,
  radio,
  staffName,
  submitButton,
  userButton,
} from './harness/tabPages';

/**
 * The featured auditor's deep dive of the 17-year-old care leaver in supported accommodation, from
 * sign-in to submission, in the order an auditor meets it. The tests share one page and build on
 * each other: each leaves the audit where the next one starts.
 */
describe('deep dive audit journey', () => {
  let served: ServedApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let auditId: string;
  let caseRef: string;
  let auditorName: string;

  const domains = [
    { label: 'Contact and referral', grade: 'Good' },
    { label: 'Recording and information', grade: 'Requires improvement' },
    { label: 'Assessment', grade: 'Good' },
    { label: 'Planning', grade: 'Good' },
    { label: 'Reviews', grade: 'Outstanding' },
    { label: 'Management oversight', grade: 'Good' },
  ];
  const includedSections = ['1b Assessment', "2 Child's voice and understanding", '9 Permanence and placement planning', '10 Independence'];

  beforeAll(async () => {
    [served, browser] = await Promise.all([serveApp(), launchChromium()]);
    context = await newContext(browser);
    page = await context.newPage();
    errors = collectPageErrors(page);
    auditId = served.council.featured.careLeaverDeepDiveAuditId;
    caseRef = demoAudit(served.council, auditId).caseSnapshot.caseRef;
    auditorName = staffName(served.council, served.council.featured.auditorId);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await served?.stop();
  });

  it('sends a signed-out visitor to sign-in, signs the auditor in and lists the care leaver’s deep dive on My audits', async () => {
    await page.goto(`${served.baseUrl}/`);
    await page.waitForURL('**/sign-in');
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await page.getByText('Demo sign-in — synthetic data, local mode only').waitFor();
    await userButton(page, auditorName).waitFor();
    await screenshot(page, '01-sign-in');
    expect(await axeViolations(page)).toEqual([]);

    await userButton(page, auditorName).click();
    await page.getByRole('heading', { level: 1, name: 'My audits' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByRole('banner').getByText(auditorName, { exact: true }).waitFor();

    const row = page
      .getByRole('table', { name: 'Audits allocated to you' })
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: caseRef, exact: true }) });
    await row.waitFor();
    const cells = await row.getByRole('cell').allInnerTexts();
    expect(cells[0]).toBe(caseRef);
    expect(cells[2]).toBe('Deep dive audit');
    expect(cells[4]).toBe('Allocated');
    await screenshot(page, '02-my-audits');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('opens the deep dive with sections 9 and 10 proposed and included for a 17-year-old care leaver, and 1d not', async () => {
    await page.getByRole('link', { name: caseRef, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${caseRef} `) }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/audits/${auditId}`);
    await submitButton(page).waitFor();
    expect(await page.locator('dl').first().innerText()).toContain('Deep dive audit');

    // Included sections are still to do; sections the case does not call for are left out.
    expect(await partState(page, '9 Permanence and placement planning')).toBe('Incomplete');
    expect(await partState(page, '10 Independence')).toBe('Incomplete');
    expect(await partState(page, '1b Assessment')).toBe('Incomplete');
    expect(await partState(page, '1d Child protection')).toBe('Not included');
    expect(await partState(page, '1a Early help')).toBe('Not included');
    expect(await partState(page, '1c Child in need')).toBe('Not included');

    await openPart(page, '9 Permanence and placement planning');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('panel-heading');
    let text = await panel(page).innerText();
    expect(text).toContain('Proposed for this case.');
    expect(text).toMatch(/Care leaver from \d\d\/\d\d\/\d{4}, still current — within the look-back/);
    expect(text).toContain('This section is included in the audit.');
    await panel(page).getByRole('textbox', { name: 'Evidence' }).waitFor();

    await openPart(page, '10 Independence');
    text = await panel(page).innerText();
    expect(text).toContain('Proposed for this case.');
    expect(text).toContain('Aged 17 at allocation (16 or over)');
    expect(text).toContain('Living situation: Supported living');
    expect(text).toContain('This section is included in the audit.');
    await screenshot(page, '03-deep-dive-section-10');
    expect(await axeViolations(page)).toEqual([]);

    await openPart(page, '1d Child protection');
    text = await panel(page).innerText();
    expect(text).toContain('Not proposed for this case.');
    expect(text).toContain('No period of child protection');
    expect(text).toContain('This section is not included in the audit.');
    expect(await panel(page).getByRole('textbox', { name: 'Evidence' }).count()).toBe(0);
    await panel(page).getByRole('button', { name: 'Include this section' }).waitFor();
    await screenshot(page, '04-deep-dive-section-1d');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('grades the practice areas with the suggested grade and its rules, then lists every gap when submitted too early', async () => {
    await openPart(page, 'Grading');
    const suggested = page.getByRole('region', { name: 'Suggested overall grade' });
    expect(await suggested.innerText()).toContain('No suggestion yet: grade the practice areas first.');

    for (const d of domains) await radio(page, `Grade for ${d.label.toLowerCase()}`, d.grade).check();
    // Four of six areas are Good, but outcomes are not yet recorded: the rules cap the suggestion.
    await eventually(() => suggested.innerText()).toContain('Good is the most common grade among the 6 graded areas');
    let text = await suggested.innerText();
    expect(text).toContain(
      'Good is the most common grade among the 6 graded areas (Outstanding: Reviews; Good: Contact and referral, Assessment, Planning and Management oversight; Requires improvement: Recording and information), so Good is suggested.',
    );
    expect(text).toContain("The child's outcomes have not been recorded as met or on the way, so the overall grade can be no higher than Requires improvement.");
    expect(text.split('\n')).toContain('Requires improvement');

    // A child judged not safe: the urgent alert and the Inadequate rule, clean for assistive technology.
    await radio(page, 'Is the child safe?', 'Not safe').check();
    await page.getByText('Raise this concern now').waitFor();
    await eventually(() => suggested.innerText()).toContain('The child is judged not safe, so the overall grade is Inadequate.');
    expect((await suggested.innerText()).split('\n')).toContain('Inadequate');
    await page.getByRole('checkbox', { name: 'I have raised this concern directly' }).waitFor();
    await screenshot(page, '05-grading-not-safe');
    expect(await axeViolations(page)).toEqual([]);

    await radio(page, 'Is the child safe?', 'Safe').check();
    await page.getByText('Raise this concern now').waitFor({ state: 'detached' });
    await radio(page, "The child's outcomes", 'On the way').check();
    await eventually(async () => (await suggested.innerText()).split('\n')).toContain('Good');
    text = await suggested.innerText();
    expect(text).not.toContain('outcomes');
    expect(text).not.toContain('not safe');
    await screenshot(page, '06-grading-suggested-good');

    await submitButton(page).click();
    const problems = problemList(page);
    await problems.waitFor();
    // The summary takes focus so a screen reader announces it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    const messages = await problems.getByRole('link').allInnerTexts();
    expect(messages).toEqual(
      expect.arrayContaining([
        'Case profile: write a brief story of the case.',
        'Section 1b Assessment: write the evidence you saw.',
        'Section 9 Permanence and placement planning: write the evidence you saw.',
        'Section 10 Independence: write the evidence you saw.',
        'Assessment: write the evidence for the grade.',
        'Management oversight: write the evidence for the grade.',
        'Overall grade: choose a grade.',
        'Summary: write your judgement.',
        'Summary: write the impact on the child.',
      ]),
    );
    // Only what is missing: not sections left out, not what was answered.
    expect(messages.filter((m) => /Section 1[acd] /.test(m))).toEqual([]);
    expect(messages.filter((m) => /choose a grade/.test(m))).toEqual(['Overall grade: choose a grade.']);
    expect(messages.filter((m) => /^(Child safety|Child's outcomes|Urgent concern|Participants|Child's views|Parents' views)/.test(m))).toEqual([]);
    // Profile + 10 included sections (1b, 2 to 10) + 6 domain evidences + overall + 3 summary texts.
    expect(messages).toHaveLength(21);
    await screenshot(page, '07-problem-list');
    expect(await axeViolations(page)).toEqual([]);

    // A problem link takes focus to its field, on its own part of the form, marked invalid.
    await problems.getByRole('link', { name: 'Section 9 Permanence and placement planning: write the evidence you saw.' }).click();
    await page.getByRole('heading', { level: 2, name: '9 Permanence and placement planning' }).waitFor();
    await eventually(async () => (await focusedField(page)).id).toBe('field-sections-9-evidence');
    let focused = await focusedField(page);
    expect(focused.invalid).toBe('true');
    expect(focused.description).toContain('Section 9 Permanence and placement planning: write the evidence you saw.');
    expect(await partButton(page, '9 Permanence and placement planning').getAttribute('aria-current')).toBe('step');

    await problems.getByRole('link', { name: 'Overall grade: choose a grade.' }).click();
    await page.getByRole('heading', { level: 2, name: 'Grading' }).waitFor();
    await eventually(async () => (await focusedField(page)).fieldsetId).toBe('field-grading-overall');
    focused = await focusedField(page);
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe('radio');
    const groupDescription = await page.locator('#field-grading-overall').getAttribute('aria-describedby');
    expect(groupDescription).toContain('field-grading-overall-error');
    expect(await page.locator('#field-grading-overall-error').innerText()).toContain('Overall grade: choose a grade.');

    await problems.getByRole('link', { name: 'Assessment: write the evidence for the grade.' }).click();
    await eventually(async () => (await focusedField(page)).id).toBe('field-grading-domains-assessment-evidence');
    focused = await focusedField(page);
    expect(focused.invalid).toBe('true');
    await screenshot(page, '08-problem-followed');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('completes every remaining item, submits, and stays submitted with the final grade after a reload', async () => {
    const evidence = (part: string) => `Synthetic evidence for ${part}: recorded and followed through on the child's file.`;

    await openPart(page, 'Case profile');
    await panel(page).getByRole('textbox', { name: 'Case profile' }).fill('A synthetic young person leaving care, living in supported accommodation.');

    const sectionNames = await partsNav(page).getByRole('button').allInnerTexts();
    const practiceSections: string[] = [];
    for (const name of sectionNames.map((n) => n.replace(/\s+/g, ' ').trim())) {
      if (!/^\d/.test(name)) continue;
      if ((await partState(page, name)) === 'Not included') continue;
      practiceSections.push(name);
      await openPart(page, name);
      await panel(page).getByRole('textbox', { name: 'Evidence' }).fill(evidence(name));
    }
    expect(practiceSections).toEqual([
      '1b Assessment',
      "2 Child's voice and understanding",
      '3 Decision-making and management oversight',
      '4 Information sharing and partnership working',
      '5 Diversity and culture',
      '6 Plans and reviews',
      '7 Direct work and recording',
      '8 Feedback from the child and family',
      '9 Permanence and placement planning',
      '10 Independence',
    ]);
    // Mark one prompt as seen: prompts guide but do not block submission.
    await openPart(page, '10 Independence');
    const firstPrompt = panel(page).getByRole('group').first();
    await firstPrompt.getByRole('radio', { name: 'Seen', exact: true }).check();

    await openPart(page, 'Grading');
    for (const d of domains)
      await page.getByRole('textbox', { name: `Evidence for the ${d.label.toLowerCase()} grade` }).fill(`Synthetic evidence for ${d.label}.`);
    await radio(page, 'Overall grade for practice on this case', 'Good').check();
    await page.getByRole('textbox', { name: 'Judgement' }).fill('Practice on the case is good and consistent.');
    await page.getByRole('textbox', { name: 'Evidence for the overall grade' }).fill('Plans were reviewed on time and followed through.');
    await page.getByRole('textbox', { name: 'Impact on the child' }).fill('The young person is settled and preparing for independence.');
    // Good matches the suggestion: no reason to give.
    expect(await page.getByRole('textbox', { name: 'Why does the overall grade differ from the suggested grade?' }).count()).toBe(0);

    for (const name of includedSections) expect(await partState(page, name)).toBe('Complete');
    expect(await partState(page, 'Grading')).toBe('Complete');
    expect(await partState(page, '1d Child protection')).toBe('Not included');

    await submitButton(page).click();
    const message = page.locator('#submit-message');
    await message.getByText('Audit submitted').waitFor();
    expect(await message.innerText()).toContain('Final grade: Good.');
    expect(await message.innerText()).toMatch(/Submitted on \d\d\/\d\d\/\d{4}/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('submit-message');
    expect(await submitButton(page).count()).toBe(0);
    expect(await problemList(page).count()).toBe(0);
    await page.getByText('Read only', { exact: true }).waitFor();
    await screenshot(page, '09-submitted');

    const stored = await served.app.store.audits.get(auditId);
    expect(stored?.status).toBe('submitted');
    expect(stored?.finalGrade?.value).toEqual({ grade: 'good', inadequate: null });
    expect(stored?.form.sections['9']?.evidence).toBe(evidence('9 Permanence and placement planning'));
    expect(stored?.form.sections['1d']).toBeUndefined();
    expect(Object.values(stored?.form.sections['10']?.prompts ?? {}).map((p) => p.state)).toContain('seen');
    expect(stored?.form.grading.domains.reviews?.value).toEqual({ grade: 'outstanding', inadequate: null });

    await page.reload();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${caseRef} `) }).waitFor();
    await page.locator('#submit-message').waitFor();
    expect(await page.locator('#submit-message').innerText()).toContain('Final grade: Good.');
    await page.getByText('Read only', { exact: true }).waitFor();
    expect(await submitButton(page).count()).toBe(0);
    await openPart(page, '9 Permanence and placement planning');
    expect(await panel(page).getByRole('textbox', { name: 'Evidence' }).inputValue()).toBe(evidence('9 Permanence and placement planning'));
    expect(await panel(page).getByRole('button', { name: 'Remove this section' }).count()).toBe(0);
    await screenshot(page, '10-submitted-read-only-section');
    expect(await axeViolations(page)).toEqual([]);
    await openPart(page, 'Grading');
    expect(await page.locator('#field-grading-overall').innerText()).toContain('Good');
    await screenshot(page, '11-submitted-read-only-grading');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My audits' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: caseRef, exact: true }) });
    await eventually(async () => (await row.getByRole('cell').allInnerTexts()).slice(4)).toEqual(['Submitted', 'Good']);
    expect(errors).toEqual([]);
  });
});
