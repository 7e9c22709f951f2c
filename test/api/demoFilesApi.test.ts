import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import type { ImportPreviewResponse } from '../../shared/api/contracts';
import { featuredStaffIds } from '../../bot/demo/demoPeople';

let t: TestApp;
let lead: string;
beforeAll(async () => {
  t = await startTestApp();
  lead = await t.signIn(featuredStaffIds.qaLeadId);
});
afterAll(async () => t?.stop());

const get = (url: string, cookie?: string) => t.app.server.inject({ method: 'GET', url, ...(cookie ? { headers: { cookie } } : {}) });

describe('demo register files (local mode)', () => {
  it('gives a QA lead the open-case register, which previews with every row accepted', async () => {
    const res = await get('/api/demo/files/open-case-register.csv', lead);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="demo-open-case-register.csv"');
    const preview = await t.app.server.inject({ method: 'POST', url: '/api/imports/cases/preview', headers: { cookie: lead }, payload: { csv: res.body } });
    const p: ImportPreviewResponse = preview.json();
    expect(p.rejectedRowCount).toBe(0);
    expect(p.acceptedCount).toBe(t.council.cases.filter((c) => c.open).length);
  });

  it('gives the staff directory, and refuses people who do not import', async () => {
    const staff = await get('/api/demo/files/staff-directory.csv', lead);
    expect(staff.statusCode).toBe(200);
    expect(staff.body.split('\r\n')[0]).toBe('\uFEFFName,Email,Job roles,Team,Line manager,Deputy');
    expect((await get('/api/demo/files/staff-directory.csv')).statusCode).toBe(401);
    expect((await get('/api/demo/files/staff-directory.csv', await t.signIn(featuredStaffIds.workerId))).statusCode).toBe(403);
    const unknown = await get('/api/demo/files/passwords.csv', lead);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields[0].field).toBe('params.file');
  });
});
