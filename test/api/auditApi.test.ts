import { undocumentedRoutes } from '../../bot/http/openApi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import { completeForm } from '../fixtures/completeForm';
import type { AuditDetail } from '../../shared/api/contracts';
import { londonDate } from '../../shared/calendar/londonTime';

let t: TestApp;
const today = londonDate(new Date());

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.stop());

async function get(url: string, cookie?: string) {
  return t.app.server.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
}
async function send(method: 'PUT' | 'POST', url: string, payload: unknown, cookie?: string) {
  return t.app.server.inject({ method, url, payload: payload as object, headers: cookie ? { cookie } : {} });
}
async function detail(id: string, cookie: string): Promise<AuditDetail> {
  const res = await get(`/api/audits/${id}`, cookie);
  expect(res.statusCode).toBe(200);
  return res.json();
}

describe('sessions', () => {
  it('answers 401 to a request without a session', async () => {
    const res = await get('/api/my/audits');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('unauthenticated');
  });
  it('refuses a forged cookie', async () => {
    const res = await get('/api/my/audits', 'pa_demo_session=someone.9999999999999.forged');
    expect(res.statusCode).toBe(401);
  });
  it('names the field when demo sign-in gets a bad body', async () => {
    const res = await send('POST', '/api/session/demo', { staffId: 'not an id!' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('body.staffId');
  });
  it('lists demo users and signs one in', async () => {
    const users = (await get('/api/session/demo-users')).json();
    expect(users.length).toBeGreaterThanOrEqual(30);
    const cookie = await t.signIn(t.council.featured.auditorId);
    const me = (await get('/api/session', cookie)).json();
    expect(me).toMatchObject({ id: t.council.featured.auditorId, mode: 'local' });
  });
});

describe('reading audits', () => {
  it("lists the auditor's own audits, including the care leaver's deep dive", async () => {
    const cookie = await t.signIn(t.council.featured.auditorId);
    const page = (await get('/api/my/audits', cookie)).json();
    expect(page.items.every((a: { auditorId: string }) => a.auditorId === t.council.featured.auditorId)).toBe(true);
    expect(page.items.map((a: { id: string }) => a.id)).toContain(t.council.featured.careLeaverDeepDiveAuditId);
  });

  it('proposes sections 9 and 10 and not 1d for the 17-year-old care leaver in supported living', async () => {
    const cookie = await t.signIn(t.council.featured.auditorId);
    const d = await detail(t.council.featured.careLeaverDeepDiveAuditId, cookie);
    const proposed = (id: string) => d.proposals.find((p) => p.sectionId === id)?.proposed;
    expect(proposed('9')).toBe(true);
    expect(proposed('10')).toBe(true);
    expect(proposed('1d')).toBe(false);
    expect(d.canEdit).toBe(true);
  });

  it("refuses another auditor's audit", async () => {
    const other = t.council.audits.find((a) => a.auditorId !== t.council.featured.auditorId && a.status === 'allocated');
    expect(other).toBeDefined();
    const cookie = await t.signIn(t.council.featured.auditorId);
    const outsider = t.council.staff.find(
      (s) => s.jobRoles.every((r) => r === 'worker') && s.id !== other!.caseSnapshot.workerId && s.teamId !== other!.caseSnapshot.teamId,
    )!;
    const res = await get(`/api/audits/${other!.id}`, await t.signIn(outsider.id));
    expect(res.statusCode).toBe(403);
    expect(cookie).toBeTruthy();
  });

  it('lets a worker see audits of their own cases only', async () => {
    const collaborative = t.council.audits.find((a) => a.auditType !== 'deepDive' && a.caseSnapshot.workerId && a.status !== 'submitted')!;
    const worker = collaborative.caseSnapshot.workerId!;
    const cookie = await t.signIn(worker);
    expect((await get(`/api/audits/${collaborative.id}`, cookie)).statusCode).toBe(200);
    const notTheirs = t.council.audits.find(
      (a) => a.caseSnapshot.workerId !== worker && a.caseSnapshot.teamId !== t.council.staff.find((s) => s.id === worker)!.teamId && a.auditorId !== worker,
    )!;
    expect((await get(`/api/audits/${notTheirs.id}`, cookie)).statusCode).toBe(403);
  });

  it('logs reads from outside the case team', async () => {
    const qa = t.council.featured.qaLeadId;
    const id = t.council.featured.careLeaverDeepDiveAuditId;
    const before = (await t.app.store.accessLog.listByAudit(id, { limit: 500 })).items.length;
    expect((await get(`/api/audits/${id}`, await t.signIn(qa))).statusCode).toBe(200);
    const after = (await t.app.store.accessLog.listByAudit(id, { limit: 500 })).items;
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ actorId: qa, auditId: id, grantedBy: 'qualityAssurance' });
  });

  it('names the bad parameter', async () => {
    const cookie = await t.signIn(t.council.featured.auditorId);
    const res = await get('/api/audits/has%20space', cookie);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('params.id');
  });
});

describe('autosave and submission', () => {
  it('validates the body and names each field', async () => {
    const cookie = await t.signIn(t.council.featured.auditorId);
    const d = await detail(t.council.featured.careLeaverDeepDiveAuditId, cookie);
    const bad = { etag: d.audit.etag, form: { ...d.audit.form, grading: { ...d.audit.form.grading, outcomes: 'brilliant', childSafe: 42 } } };
    const res = await send('PUT', `/api/audits/${d.audit.id}/form`, bad, cookie);
    expect(res.statusCode).toBe(400);
    const fields = res.json().fields.map((f: { field: string }) => f.field);
    expect(fields).toContain('body.form.grading.outcomes');
    expect(fields).toContain('body.form.grading.childSafe');
    expect((await detail(d.audit.id, cookie)).audit.etag).toBe(d.audit.etag); // nothing written
  });

  it('refuses a section or prompt the template does not have', async () => {
    const cookie = await t.signIn(t.council.featured.auditorId);
    const d = await detail(t.council.featured.careLeaverDeepDiveAuditId, cookie);
    const form = { ...d.audit.form, sections: { 'no-such-section': { prompts: {}, evidence: 'x' } } };
    const res = await send('PUT', `/api/audits/${d.audit.id}/form`, { etag: d.audit.etag, form }, cookie);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('form.sections.no-such-section');
  });

  it('saves, then refuses a stale write with a conflict, and records the trail without copying text', async () => {
    const cookie = await t.signIn(t.council.featured.auditorId);
    const d = await detail(t.council.featured.careLeaverDeepDiveAuditId, cookie);
    const words = 'The young person said: I want to stay where I am.';
    const form = { ...d.audit.form, caseProfile: words, grading: { ...d.audit.form.grading, outcomes: 'onTheWay' as const } };
    const ok = await send('PUT', `/api/audits/${d.audit.id}/form`, { etag: d.audit.etag, form }, cookie);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().status).toBe('inProgress');
    expect(ok.json().etag).not.toBe(d.audit.etag);
    const stale = await send('PUT', `/api/audits/${d.audit.id}/form`, { etag: d.audit.etag, form: { ...form, caseProfile: 'other' } }, cookie);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBe('conflict');
    const trail = (await get(`/api/audits/${d.audit.id}/trail?limit=200`, cookie)).json().items as { kind: string; field: string; before: string | null; after: string | null; textLengths: unknown }[];
    expect(trail.find((e) => e.field === 'caseProfile')).toMatchObject({ before: null, after: null, textLengths: { before: 0, after: words.length } });
    expect(trail.find((e) => e.field === 'grading.outcomes')).toMatchObject({ after: 'onTheWay' });
    expect(trail[0]).toMatchObject({ kind: 'created', actorId: 'demo-loader' });
    expect(trail.find((e) => e.kind === 'status')).toMatchObject({ before: 'allocated', after: 'inProgress' });
    expect(JSON.stringify(trail)).not.toContain('stay where I am');
  });

  it('refuses an incomplete submission listing every missing item, then accepts a complete one and makes it read-only', async () => {
    const cookie = await t.signIn(t.council.featured.auditorId);
    let d = await detail(t.council.featured.careLeaverDeepDiveAuditId, cookie);
    const refused = await send('POST', `/api/audits/${d.audit.id}/submit`, { etag: d.audit.etag }, cookie);
    expect(refused.statusCode).toBe(422);
    const fields = refused.json().problems.map((p: { field: string }) => p.field);
    expect(fields).toContain('grading.overall');
    expect(fields).toContain('sections.9.evidence');
    expect(fields).toContain('sections.10.evidence');
    expect(fields).not.toContain('sections.1d.evidence');

    const saved = await send('PUT', `/api/audits/${d.audit.id}/form`, { etag: d.audit.etag, form: completeForm(d, today) }, cookie);
    expect(saved.statusCode).toBe(200);
    const submitted = await send('POST', `/api/audits/${d.audit.id}/submit`, { etag: saved.json().etag }, cookie);
    expect(submitted.statusCode).toBe(200);
    d = submitted.json();
    expect(d.audit.status).toBe('submitted');
    expect(d.audit.finalGrade).toMatchObject({ fourPoint: 'good' });
    expect(d.canEdit).toBe(false);
    const after = await send('PUT', `/api/audits/${d.audit.id}/form`, { etag: d.audit.etag, form: d.audit.form }, cookie);
    expect(after.statusCode).toBe(409);
    expect(after.json().error).toBe('notEditable');
  });

  it('refuses changes from someone who is not the auditor', async () => {
    const collaborative = t.council.audits.find((a) => a.auditType !== 'deepDive' && a.caseSnapshot.workerId && a.status === 'allocated')!;
    const cookie = await t.signIn(collaborative.caseSnapshot.workerId!);
    const d = await detail(collaborative.id, cookie);
    expect(d.canEdit).toBe(false);
    const res = await send('PUT', `/api/audits/${d.audit.id}/form`, { etag: d.audit.etag, form: d.audit.form }, cookie);
    expect(res.statusCode).toBe(403);
  });

  it('requires JSON for changes (no cross-site form posts)', async () => {
    const cookie = await t.signIn(t.council.featured.auditorId);
    const res = await t.app.server.inject({ method: 'POST', url: '/api/session/sign-out', payload: 'a=b', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(415);
  });
});

describe('service', () => {
  it('answers /healthz', async () => {
    expect((await get('/healthz')).json()).toEqual({ status: 'ok', mode: 'local' });
  });
  it('describes its API in OpenAPI generated from the schemas', async () => {
    const doc = (await get('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const put = doc.paths['/api/audits/{id}/form'].put;
    expect(put.requestBody.content['application/json'].schema.properties.form).toBeDefined();
  });
  it('documents every API route it serves', () => {
    expect(t.app.server.registeredRoutes.filter((r) => r.url.startsWith('/api/')).length).toBeGreaterThan(40);
    expect(undocumentedRoutes(t.app.server.registeredRoutes)).toEqual([]);
    expect(undocumentedRoutes([{ method: 'POST', url: '/api/not/described/:id' }])).toEqual(['POST /api/not/described/{id}']);
  });
  it('gives a manager their team audits and refuses a worker', async () => {
    const res = await get('/api/team/audits', await t.signIn(t.council.featured.managerId));
    expect(res.statusCode).toBe(200);
    expect(res.json().items.length).toBeGreaterThan(0);
    const worker = t.council.staff.find((s) => s.jobRoles.length === 1 && s.jobRoles[0] === 'worker')!;
    expect((await get('/api/team/audits', await t.signIn(worker.id))).statusCode).toBe(403);
  });
});

describe('my audits', () => {
  it('lists audits still to do first, soonest due first, then finished ones latest first', async () => {
    const page = (await get('/api/my/audits', await t.signIn(t.council.featured.auditorId))).json() as { items: { status: string; dueDate: string; submittedAt: string | null }[] };
    const open = ['allocated', 'inProgress', 'returnedForDevelopment'];
    const firstDone = page.items.findIndex((a) => !open.includes(a.status));
    expect(firstDone).toBeGreaterThan(0);
    expect(page.items.slice(firstDone).every((a) => !open.includes(a.status))).toBe(true);
    const dues = page.items.slice(0, firstDone).map((a) => a.dueDate);
    expect(dues).toEqual([...dues].sort());
    const subs = page.items.slice(firstDone).map((a) => a.submittedAt ?? '');
    expect(subs).toEqual([...subs].sort().reverse());
  });
});

describe('related records and lists', () => {
  it("shows the case's finished audits and their open actions, and logs them when read from outside the team", async () => {
    const cookie = await t.signIn(t.council.featured.auditorId);
    const d = await detail(t.council.featured.careLeaverDeepDiveAuditId, cookie);
    expect(d.earlierAudits.map((a) => a.id)).toContain('aud-featured-earlier');
    expect(d.earlierAudits.every((a) => a.submittedAt !== null)).toBe(true);
    expect(d.openActions.length).toBeGreaterThan(0);
    expect(d.openActions.every((a) => a.auditId === 'aud-featured-earlier' && a.status !== 'approved')).toBe(true);
    const log = (await t.app.store.accessLog.listByAudit('aud-featured-earlier', { limit: 500 })).items;
    expect(log.some((e) => e.actorId === t.council.featured.auditorId && e.grantedBy === 'related:auditor')).toBe(true);
  });

  it('never shows an open audit of the same case as related', async () => {
    const cookie = await t.signIn(t.council.featured.qaLeadId);
    const d = await detail('aud-featured-earlier', cookie);
    const open = ['allocated', 'inProgress', 'returnedForDevelopment'];
    expect(d.earlierAudits.some((a) => open.includes(a.status))).toBe(false);
  });

  it('answers a forged paging cursor with 400 naming it', async () => {
    const cookie = await t.signIn(t.council.featured.auditorId);
    const res = await get(`/api/audits/${t.council.featured.careLeaverDeepDiveAuditId}/trail?cursor=garbage`, cookie);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('query.cursor');
  });

  it('lets a QA lead pick any team, and answers 404 for a team that does not exist', async () => {
    const cookie = await t.signIn(t.council.featured.qaLeadId);
    const teams = (await get('/api/team/teams', cookie)).json() as { id: string }[];
    expect(teams.length).toBe(t.council.teams.length);
    expect((await get('/api/team/audits?teamId=no-such-team', cookie)).statusCode).toBe(404);
    const page = (await get(`/api/team/audits?teamId=${teams[1]!.id}`, cookie)).json();
    expect(page.teamId).toBe(teams[1]!.id);
  });

  it('keeps a manager to their own teams', async () => {
    const cookie = await t.signIn(t.council.featured.managerId);
    const other = t.council.teams.find((x) => x.managerId !== t.council.featured.managerId)!;
    expect((await get(`/api/team/audits?teamId=${other.id}`, cookie)).statusCode).toBe(403);
  });
});
