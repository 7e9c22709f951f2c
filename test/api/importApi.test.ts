import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import type { ImportCommitResponse, ImportPreviewResponse } from '../../shared/api/contracts';
import { jobRole, type StaffMember } from '../../shared/schemas/staff';
import { staffIdForEmail } from '../../shared/imports/staffImport';
import { caseIdForRef } from '../../shared/imports/caseRegisterImport';
import { featuredStaffIds } from '../../bot/demo/demoPeople';
import ExcelJS from 'exceljs';

let t: TestApp;
let qaCookie: string;

beforeAll(async () => {
  t = await startTestApp();
  qaCookie = await t.signIn(featuredStaffIds.qaLeadId);
});
afterAll(async () => t?.stop());

async function post(url: string, payload: unknown, cookie = qaCookie) {
  return t.app.server.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });
}
async function preview(register: 'staff' | 'cases', csv: string): Promise<ImportPreviewResponse> {
  const res = await post(`/api/imports/${register}/preview`, { csv });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
async function commit(register: 'staff' | 'cases', csv: string, acceptedCount: number): Promise<ImportCommitResponse> {
  const res = await post(`/api/imports/${register}/commit`, { csv, acceptedCount });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Everyone in the directory, straight from the store. */
async function allStaff(): Promise<StaffMember[]> {
  const byId = new Map<string, StaffMember>();
  for (const role of jobRole.options) {
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof t.app.store.staff.listByRole>> = await t.app.store.staff.listByRole(role, { cursor, limit: 500 });
      for (const s of page.items) byId.set(s.id, s);
      cursor = page.next;
    } while (cursor);
  }
  return [...byId.values()];
}
async function caseCount(teamId: string): Promise<number> {
  return (await t.app.store.cases.listByTeam(teamId, { limit: 500 })).items.length;
}

const issuesOn = (p: ImportPreviewResponse, line: number) => p.rejected.filter((r) => r.line === line);
const fieldsOn = (p: ImportPreviewResponse, line: number) => issuesOn(p, line).map((r) => r.field);

const staffHeading = 'Name,Email,Job roles,Team,Line manager,Deputy';
const staffFile = (...rows: string[]) => [staffHeading, ...rows].join('\r\n') + '\r\n';

const caseHeading =
  'Case reference,Initials,Date of birth,Expected date of birth,Team,Allocated worker,Legal status,Legal status history,Living situation,Disability,Most recent referral,Past teams,Past workers';
const caseFile = (...rows: string[]) => '\uFEFF' + [caseHeading, ...rows].join('\n') + '\n';

describe('who may import', () => {
  it('refuses a worker on every import route (403), and says so', async () => {
    const worker = t.council.staff.find((s) => s.active && s.jobRoles.every((r) => r === 'worker'))!;
    const cookie = await t.signIn(worker.id);
    for (const url of ['/api/imports/staff/preview', '/api/imports/cases/preview']) {
      const res = await post(url, { csv: staffFile('A Person,a.person@council.example,SW,,,') }, cookie);
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toBe('forbidden');
    }
    for (const url of ['/api/imports/staff/commit', '/api/imports/cases/commit']) {
      const res = await post(url, { csv: staffFile('A Person,a.person@council.example,SW,,,'), acceptedCount: 1 }, cookie);
      expect(res.statusCode).toBe(403);
    }
    expect(await t.app.store.staff.getByEmail('a.person@council.example')).toBeNull();
  });

  it('lets a principal social worker and an administrator preview', async () => {
    for (const id of ['psw', 'admin-business-support']) {
      const res = await post('/api/imports/staff/preview', { csv: staffFile('A Person,a.person@council.example,SW,,,') }, await t.signIn(id));
      expect(res.statusCode, res.body).toBe(200);
    }
  });

  it('answers 401 without a session', async () => {
    const res = await t.app.server.inject({ method: 'POST', url: '/api/imports/staff/preview', payload: { csv: 'x' } });
    expect(res.statusCode).toBe(401);
  });

  it('names the field when the body is not valid', async () => {
    const res = await post('/api/imports/staff/commit', { csv: staffFile('x'), acceptedCount: -1 });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields.map((f: { field: string }) => f.field)).toContain('body.acceptedCount');
    const tooBig = await post('/api/imports/cases/preview', { csv: 'a'.repeat(5 * 1024 * 1024 + 1) });
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().fields[0].field).toBe('body.csv');
  });
});

describe('staff directory import', () => {
  const team = () => t.council.teams[0]!;

  it('lists every kind of bad row with its line and field', async () => {
    const p = await preview(
      'staff',
      staffFile(
        `Good Person,good.one@council.example,SW,${team().name},,`, // 2 accepted
        `,no.name@council.example,SW,,,`, // 3 missing name
        `Bad Email,not-an-email,SW,,,`, // 4 bad e-mail
        `Odd Role,odd.role@council.example,Astronaut,,,`, // 5 unknown job role
        `No Team,no.team@council.example,SW,Imaginary team,,`, // 6 unknown team
        `Twice,good.one@council.example,SW,,,`, // 7 duplicate e-mail
        `Lost,lost.manager@council.example,SW,,nobody@council.example,`, // 8 unknown line manager
        `Self,self.managed@council.example,SW,,self.managed@council.example,`, // 9 own line manager
      ),
    );
    expect(p.fileErrors).toEqual([]);
    expect(p.rowCount).toBe(8);
    expect(p.acceptedCount).toBe(1);
    expect(p.rejectedRowCount).toBe(7);
    expect(fieldsOn(p, 2)).toEqual([]);
    expect(fieldsOn(p, 3)).toEqual(['name']);
    expect(fieldsOn(p, 4)).toEqual(['email']);
    expect(fieldsOn(p, 5)).toEqual(['job roles']);
    expect(fieldsOn(p, 6)).toEqual(['team']);
    expect(fieldsOn(p, 7)).toEqual(['email']);
    expect(issuesOn(p, 7)[0]!.reason).toMatch(/line 2/);
    expect(fieldsOn(p, 8)).toEqual(['line manager']);
    expect(fieldsOn(p, 9)).toEqual(['line manager']);
    for (const r of p.rejected) expect(r.reason.length).toBeGreaterThan(3);
  });

  it('reports a file it cannot read as a file error, and refuses to commit it', async () => {
    const csv = 'Colour,Shape\r\nred,square\r\n';
    const p = await preview('staff', csv);
    expect(p.fileErrors.length).toBeGreaterThan(0);
    const res = await post('/api/imports/staff/commit', { csv, acceptedCount: 0 });
    expect(res.statusCode).toBe(400);
  });

  it('writes nothing on preview', async () => {
    const before = await allStaff();
    const p = await preview('staff', staffFile(`Preview Only,preview.only@council.example,SW,${team().name},,`));
    expect(p.acceptedCount).toBe(1);
    expect(await t.app.store.staff.getByEmail('preview.only@council.example')).toBeNull();
    const after = await allStaff();
    expect(after.length).toBe(before.length);
  });

  it('commits the accepted rows, and an identical second commit changes nothing', async () => {
    const lead = t.council.staff.find((s) => s.id === featuredStaffIds.qaLeadId)!;
    const csv = staffFile(
      `New Manager,new.manager@council.example,Team manager,${team().name},${lead.email},`,
      `New Worker,new.worker@council.example,SW,${team().name},new.manager@council.example,`,
      `Bad Row,,SW,,,`,
    );
    const p = await preview('staff', csv);
    expect(p.acceptedCount).toBe(2);
    const before = (await allStaff()).length;

    const first = await commit('staff', csv, 2);
    expect(first).toEqual({ register: 'staff', acceptedCount: 2, created: 2, updated: 0, unchanged: 0 });
    const manager = await t.app.store.staff.getByEmail('new.manager@council.example');
    const worker = await t.app.store.staff.getByEmail('new.worker@council.example');
    expect(manager).toMatchObject({ id: staffIdForEmail('new.manager@council.example'), jobRoles: ['teamManager'], teamId: team().id, lineManagerId: lead.id });
    expect(worker).toMatchObject({ displayName: 'New Worker', lineManagerId: manager!.id, active: true });
    expect((await allStaff()).length).toBe(before + 2);

    const second = await commit('staff', csv, 2);
    expect(second).toEqual({ register: 'staff', acceptedCount: 2, created: 0, updated: 0, unchanged: 2 });
    expect((await allStaff()).length).toBe(before + 2);
    expect((await t.app.store.staff.getByEmail('new.worker@council.example'))!.etag).toBe(worker!.etag);
  });

  it("updates a person already in the directory, keeping their Entra id, absence and whether they are active", async () => {
    const person = t.council.staff.find((s) => s.active && s.jobRoles.every((r) => r === 'worker') && s.teamId !== null)!;
    const held = (await t.app.store.staff.get(person.id))!;
    await t.app.store.staff.put({ ...held, entraObjectId: 'entra-object-1', away: true }, held.etag);
    const teamName = t.council.teams.find((x) => x.id === person.teamId)!.name;
    const csv = staffFile(`Renamed Person,${person.email.toUpperCase()},SW; DTM,${teamName},,`);
    const result = await commit('staff', csv, 1);
    expect(result).toMatchObject({ created: 0, updated: 1 });
    const after = (await t.app.store.staff.get(person.id))!;
    expect(after).toMatchObject({ displayName: 'Renamed Person', jobRoles: ['worker', 'deputyTeamManager'], entraObjectId: 'entra-object-1', away: true, active: true });
    expect(after.email).toBe(person.email.toLowerCase());
  });

  it('refuses a commit whose accepted count is not the one confirmed, and writes nothing', async () => {
    const csv = staffFile(
      `Stale One,stale.one@council.example,SW,${team().name},,`,
      `Stale Two,stale.two@council.example,SW,${team().name},,`,
    );
    const res = await post('/api/imports/staff/commit', { csv, acceptedCount: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'conflict', acceptedCount: 2 });
    expect(await t.app.store.staff.getByEmail('stale.one@council.example')).toBeNull();
    expect(await t.app.store.staff.getByEmail('stale.two@council.example')).toBeNull();
  });
});

describe('open-case register import', () => {
  const team = () => t.council.teams.find((x) => x.id === 'team-cp-north') ?? t.council.teams[0]!;
  const workerOf = () => t.council.staff.find((s) => s.active && s.teamId === team().id && s.jobRoles.includes('worker'))!;
  const good = (ref: string) => `${ref},AB,14/03/2019,,${team().name},${workerOf().email},Child in need,CIN 05/01/2026-,,no,02/01/2026,,`;

  it('lists every kind of bad row with its line and field', async () => {
    const p = await preview(
      'cases',
      caseFile(
        good('IMP-1'), // 2 accepted
        `,CD,14/03/2019,,${team().name},,CIN,,,no,,,`, // 3 missing case reference
        `IMP-3,EF,31/02/2026,,${team().name},,CIN,,,no,,,`, // 4 impossible date
        `IMP-4,GH,14/03/2019,,Imaginary team,,CIN,,,no,,,`, // 5 unknown team
        `IMP-5,JK,14/03/2019,,${team().name},nobody@council.example,CIN,,,no,,,`, // 6 unknown worker
        good('imp-1'), // 7 duplicate case reference (ignoring case)
        `IMP-7,LM,14/03/2019,,${team().name},,CIN,,,,,,`, // 8 missing disability
      ),
    );
    expect(p.fileErrors).toEqual([]);
    expect(p.acceptedCount).toBe(1);
    expect(p.rejectedRowCount).toBe(6);
    expect(fieldsOn(p, 2)).toEqual([]);
    expect(fieldsOn(p, 3)).toEqual(['case reference']);
    expect(fieldsOn(p, 4)).toEqual(['date of birth']);
    expect(issuesOn(p, 4)[0]!.reason).toMatch(/31\/02\/2026|31 February|February/i);
    expect(fieldsOn(p, 5)).toEqual(['team']);
    expect(fieldsOn(p, 6)).toEqual(['allocated worker']);
    expect(fieldsOn(p, 7)).toEqual(['case reference']);
    expect(issuesOn(p, 7)[0]!.reason).toMatch(/line 2/);
    expect(fieldsOn(p, 8)).toEqual(['disability']);
  });

  it('passes warnings through with line and field', async () => {
    const otherTeam = t.council.teams.find((x) => x.id !== team().id)!;
    const p = await preview('cases', caseFile(`IMP-W,AB,14/03/2019,,${otherTeam.name},${workerOf().email},CIN,,,no,,,`));
    expect(p.acceptedCount).toBe(1);
    expect(p.warnings).toEqual([expect.objectContaining({ line: 2, field: 'allocated worker' })]);
  });

  it('writes nothing on preview', async () => {
    const before = await caseCount(team().id);
    await preview('cases', caseFile(good('IMP-PREVIEW')));
    expect(await t.app.store.cases.getByRef('IMP-PREVIEW')).toBeNull();
    expect(await caseCount(team().id)).toBe(before);
  });

  it('commits the accepted rows, and an identical second commit changes nothing', async () => {
    const csv = caseFile(good('IMP-100'), `IMP-101,CD,,01/03/2027,${team().name},,CP,,,yes,,,`, `IMP-102,EF,31/02/2026,,${team().name},,CIN,,,no,,,`);
    const before = await caseCount(team().id);
    const first = await commit('cases', csv, 2);
    expect(first).toEqual({ register: 'cases', acceptedCount: 2, created: 2, updated: 0, unchanged: 0 });
    const saved = await t.app.store.cases.getByRef('IMP-100');
    expect(saved).toMatchObject({ id: caseIdForRef('IMP-100'), initials: 'AB', teamId: team().id, workerId: workerOf().id, legalStatus: 'childInNeed', open: true });
    expect(await t.app.store.cases.getByRef('IMP-101')).toMatchObject({ dateOfBirth: null, expectedDateOfBirth: '2027-03-01', disability: true });
    expect(await t.app.store.cases.getByRef('IMP-102')).toBeNull();
    expect(await caseCount(team().id)).toBe(before + 2);

    const second = await commit('cases', csv, 2);
    expect(second).toEqual({ register: 'cases', acceptedCount: 2, created: 0, updated: 0, unchanged: 2 });
    expect(await caseCount(team().id)).toBe(before + 2);
    expect((await t.app.store.cases.getByRef('IMP-100'))!.etag).toBe(saved!.etag);

    // A changed row updates the same case, under the same id.
    const changed = await commit('cases', caseFile(good('IMP-100').replace(',no,', ',yes,')), 1);
    expect(changed).toMatchObject({ created: 0, updated: 1 });
    expect(await t.app.store.cases.getByRef('IMP-100')).toMatchObject({ id: saved!.id, disability: true });
    expect(await caseCount(team().id)).toBe(before + 2);
  });

  it('keeps the id of a case already held when its reference comes in again', async () => {
    const held = t.council.cases.find((c) => c.open && c.dateOfBirth !== null)!;
    const heldTeam = t.council.teams.find((x) => x.id === held.teamId)!;
    const csv = caseFile(`${held.caseRef},${held.initials},14/03/2019,,${heldTeam.name},,CIN,,,no,,,`);
    const result = await commit('cases', csv, 1);
    expect(result).toMatchObject({ created: 0, updated: 1 });
    expect(await t.app.store.cases.get(held.id)).toMatchObject({ caseRef: held.caseRef, dateOfBirth: '2019-03-14', workerId: null });
  });

  it('refuses a commit whose accepted count is not the one confirmed, and writes nothing', async () => {
    const csv = caseFile(good('IMP-STALE-1'), good('IMP-STALE-2'));
    const res = await post('/api/imports/cases/commit', { csv, acceptedCount: 3 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('conflict');
    expect(await t.app.store.cases.getByRef('IMP-STALE-1')).toBeNull();
  });
});

describe('Excel workbooks', () => {
  const team = () => t.council.teams.find((x) => x.id === 'team-cp-north') ?? t.council.teams[0]!;
  const workerOf = () => t.council.staff.find((s) => s.active && s.teamId === team().id && s.jobRoles.includes('worker'))!;

  /** A register as a case-management system saves it in Excel: real date cells, a formula, rich text. */
  async function workbook(rows: ExcelJS.CellValue[][]): Promise<string> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Open cases');
    sheet.addRow(caseHeading.split(','));
    for (const r of rows) sheet.addRow(r);
    sheet.getColumn(3).numFmt = 'dd/mm/yyyy';
    book.addWorksheet('Notes').addRow(['ignored: only the first worksheet is read']);
    return Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
  }
  const dob = new Date(Date.UTC(2019, 2, 14));
  const row = (ref: ExcelJS.CellValue, initials: ExcelJS.CellValue = 'AB', birth: ExcelJS.CellValue = dob): ExcelJS.CellValue[] =>
    [ref, initials, birth, null, team().name, workerOf().email, 'Child in need', 'CIN 05/01/2026-', null, 'no', '02/01/2026', null, null];

  it('previews a workbook like its CSV: row numbers as lines, dates read from date cells', async () => {
    const xlsx = await workbook([
      row('XL-1'), // 2 accepted: the date of birth is a date cell
      row({ richText: [{ text: 'XL-' }, { text: '2', font: { bold: true } }] }, { formula: 'UPPER("cd")', result: 'CD' }), // 3 accepted
      row('XL-3', 'EF', '31/02/2026'), // 4 impossible date typed as text
      row(null), // 5 missing case reference
    ]);
    const res = await post('/api/imports/cases/preview', { xlsx });
    expect(res.statusCode, res.body).toBe(200);
    const p: ImportPreviewResponse = res.json();
    expect(p.fileErrors).toEqual([]);
    expect(p.acceptedCount).toBe(2);
    expect(fieldsOn(p, 2)).toEqual([]);
    expect(fieldsOn(p, 3)).toEqual([]);
    expect(fieldsOn(p, 4)).toEqual(['date of birth']);
    expect(fieldsOn(p, 5)).toEqual(['case reference']);
    expect(await t.app.store.cases.getByRef('XL-1')).toBeNull();

    const done = await post('/api/imports/cases/commit', { xlsx, acceptedCount: 2 });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ created: 2 });
    expect(await t.app.store.cases.getByRef('XL-1')).toMatchObject({ dateOfBirth: '2019-03-14', initials: 'AB', teamId: team().id });
    expect(await t.app.store.cases.getByRef('XL-2')).toMatchObject({ initials: 'CD' });
  });

  it('refuses a file that is not a workbook, or a body with two files, naming the field', async () => {
    const notBook = await post('/api/imports/cases/preview', { xlsx: Buffer.from('Case reference,Initials\r\n').toString('base64') });
    expect(notBook.statusCode).toBe(400);
    expect(notBook.json().fields).toEqual([expect.objectContaining({ field: 'body.xlsx', message: expect.stringMatching(/not an Excel workbook/) })]);
    const broken = await post('/api/imports/cases/preview', { xlsx: Buffer.from('PK\u0003\u0004 then nothing a zip should hold').toString('base64') });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().fields[0].field).toBe('body.xlsx');
    const both = await post('/api/imports/cases/preview', { csv: caseFile(), xlsx: await workbook([]) });
    expect(both.statusCode).toBe(400);
    expect(both.json().fields[0].field).toBe('body.csv');
    const neither = await post('/api/imports/cases/preview', {});
    expect(neither.statusCode).toBe(400);
    const notBase64 = await post('/api/imports/cases/preview', { xlsx: 'not base64!' });
    expect(notBase64.statusCode).toBe(400);
    expect(notBase64.json().fields[0].field).toBe('body.xlsx');
  });
});

describe('API description', () => {
  it('documents the import routes with their bodies', async () => {
    const doc = (await t.app.server.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const p of ['/api/imports/staff/preview', '/api/imports/staff/commit', '/api/imports/cases/preview', '/api/imports/cases/commit']) {
      expect(doc.paths[p]?.post?.requestBody, p).toBeDefined();
    }
    expect(doc.paths['/api/imports/cases/commit'].post.requestBody.content['application/json'].schema.required).toEqual(['acceptedCount']);
  });
});
