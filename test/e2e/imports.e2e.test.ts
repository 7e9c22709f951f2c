import { describe, expect, it } from 'vitest';
import { axeViolations, screenshot } from './harness/browser';
import { useBrowserApp } from './harness/browserApp';
import { signInAs, staffName } from './harness/tabPages';
import { featuredStaffIds } from '../../bot/demo/demoPeople';
import ExcelJS from 'exceljs';

/** A QA lead loads an open-case register with one bad row: sees it named, imports the rest. */
describe('importing the open-case register', () => {
  const app = useBrowserApp();

  it('previews a file, names its bad row, and imports the accepted rows after confirmation', async () => {
    const { served, page, errors } = app;
    const team = served.council.teams[0]!;
    const csv = [
      'Case reference,Initials,Date of birth,Team,Legal status,Disability',
      `E2E-1,AB,14/03/2019,${team.name},CIN,no`,
      `E2E-2,CD,01/06/2015,${team.name},CP,yes`,
      `E2E-3,EF,31/02/2026,${team.name},CIN,no`,
    ].join('\r\n');

    await signInAs(page, served.baseUrl, staffName(served.council, featuredStaffIds.qaLeadId));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
    await page.getByRole('radio', { name: 'Open-case register' }).check();
    // Local mode offers the demo council's register to try the import with.
    const demoLink = page.getByRole('link', { name: 'open-case register (CSV)' });
    expect(await demoLink.getAttribute('href')).toBe('/api/demo/files/open-case-register.csv');
    const demoFile = await page.request.get(`${served.baseUrl}/api/demo/files/open-case-register.csv`);
    expect(demoFile.status()).toBe(200);
    await page.getByLabel(/^CSV or Excel file/).setInputFiles({ name: 'open-cases.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Check file' }).click();

    const rejected = page.getByRole('table', { name: /^Rejected rows/ });
    await rejected.waitFor();
    const rows = rejected.getByRole('row');
    expect(await rows.count()).toBe(2); // the heading row and the one bad row
    const cells = await rows.nth(1).getByRole('cell').allInnerTexts();
    expect(cells.slice(0, 2)).toEqual(['4', 'date of birth']);
    expect(await page.getByRole('status').first().innerText()).toContain('2 rows can be imported, 1 row is rejected');
    expect(await served.app.store.cases.getByRef('E2E-1')).toBeNull();
    await screenshot(page, '60-import-preview');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Import 2 rows' }).click();
    const confirm = page.getByRole('group', { name: 'Import 2 rows?' });
    await confirm.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Import 2 rows?');
    expect(await served.app.store.cases.getByRef('E2E-1')).toBeNull();
    expect(await axeViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Yes, import 2 rows' }).click();

    await page.getByRole('status').filter({ hasText: 'Imported 2 rows' }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Imported 2 rows' }).innerText()).toContain('2 added');
    expect(await served.app.store.cases.getByRef('E2E-1')).toMatchObject({ initials: 'AB', teamId: team.id });
    expect(await served.app.store.cases.getByRef('E2E-2')).toMatchObject({ legalStatus: 'childProtection', disability: true });
    expect(await served.app.store.cases.getByRef('E2E-3')).toBeNull();
    await screenshot(page, '61-import-done');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('reads an Excel workbook the same way, dates from date cells', async () => {
    const { served, page, errors } = app;
    const team = served.council.teams[0]!;
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Open cases');
    sheet.addRow(['Case reference', 'Initials', 'Date of birth', 'Team', 'Legal status', 'Disability']);
    sheet.addRow(['E2E-X1', 'GH', new Date(Date.UTC(2018, 4, 9)), team.name, 'CIN', 'no']);
    sheet.addRow(['E2E-X2', 'JK', '30/02/2020', team.name, 'CIN', 'no']);
    sheet.getColumn(3).numFmt = 'dd/mm/yyyy';
    const buffer = Buffer.from(await book.xlsx.writeBuffer());

    await page.goto(`${served.baseUrl}/imports`);
    await page.getByRole('radio', { name: 'Open-case register' }).check();
    await page.getByLabel(/^CSV or Excel file/).setInputFiles({ name: 'open-cases.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await page.getByRole('button', { name: 'Check file' }).click();
    const rejected = page.getByRole('table', { name: /^Rejected rows/ });
    await rejected.waitFor();
    expect((await rejected.getByRole('row').nth(1).getByRole('cell').allInnerTexts()).slice(0, 2)).toEqual(['3', 'date of birth']);
    await page.getByRole('button', { name: 'Import 1 row' }).click();
    await page.getByRole('group', { name: 'Import 1 row?' }).getByRole('button', { name: 'Yes, import 1 row' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported 1 row' }).waitFor();
    expect(await served.app.store.cases.getByRef('E2E-X1')).toMatchObject({ initials: 'GH', dateOfBirth: '2018-05-09' });
    expect(errors).toEqual([]);
  });
});

/**
 * Tenant mode with Entra groups: the page's panel. Local mode has no Entra, so the browser stands in
 * for the two directory routes with the answers tenant mode gives (their server side runs against the
 * Graph and Entra simulators in test/api/directorySyncApi.test.ts); everything else is the real app.
 */
describe('the staff directory from Entra groups', () => {
  const app = useBrowserApp();

  it('shows the last sync and who was held back, turns the staff file import off, and syncs on request', async () => {
    const { served, page, errors } = app;
    const summary = {
      membersFound: 212, created: 0, updated: 3, unchanged: 197, markedInactive: 0, leaversHeldBack: 12,
      problems: [
        { entraObjectId: '', email: null, reason: '12 people are in none of the groups any more: nobody was marked.' },
        { entraObjectId: '7d3f1c9a-0000-4000-8000-00000000d001', email: 'sam.example@demo-council.example', reason: 'no job role from any group' },
      ],
    };
    const held = { at: '2026-11-23T07:00:04.000Z', trigger: 'nightly', outcome: 'done', summary };
    const done = { at: '2026-11-23T10:15:00.000Z', trigger: 'administrator', outcome: 'done', summary: { ...summary, updated: 0, unchanged: 200 } };
    const posted: unknown[] = [];
    let polls = 0;
    await page.route('**/api/directory/sync', async (route) => {
      if (route.request().method() === 'POST') {
        posted.push(route.request().postDataJSON());
        // Started (202), then still running once, then done: the page asks until the outcome is in.
        polls = 2;
        await route.fulfill({ status: 202, json: { configured: true, running: true, lastRun: held } });
      } else if (polls > 0) {
        polls--;
        await route.fulfill({ json: { configured: true, running: polls > 0, lastRun: polls > 0 ? held : done } });
      } else await route.fulfill({ json: { configured: true, running: false, lastRun: posted.length ? done : held } });
    });

    await signInAs(page, served.baseUrl, staffName(served.council, featuredStaffIds.qaLeadId));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).click();
    const panel = page.getByRole('region', { name: 'Staff directory from Microsoft Entra' });
    await panel.waitFor();
    expect(await panel.innerText()).toContain('Nightly run, 23/11/2026, 07:00');
    expect(await panel.innerText()).toContain('12 people are in none of the groups any more: too many');
    expect(await panel.innerText()).toContain('Not brought in or not up to date (1)');
    expect(await panel.innerText()).toContain('sam.example@demo-council.example: no job role from any group');
    expect(await panel.innerText()).toContain('ask an administrator to confirm');
    // Only an administrator may confirm marking many as having left.
    expect(await panel.getByRole('button', { name: /mark .* as having left/ }).count()).toBe(0);
    expect(await page.getByRole('radio', { name: /^Staff directory/ }).isDisabled()).toBe(true);
    expect(await page.getByRole('radio', { name: 'Open-case register' }).isChecked()).toBe(true);
    await screenshot(page, '62-directory-from-entra');
    expect(await axeViolations(page)).toEqual([]);

    await panel.getByRole('button', { name: 'Sync now' }).click();
    await panel.getByRole('status').filter({ hasText: 'brought up to date' }).waitFor();
    expect(posted).toEqual([{}]);
    expect(await panel.innerText()).toContain('Run on request, 23/11/2026, 10:15');
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
