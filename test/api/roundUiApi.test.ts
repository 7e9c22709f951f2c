import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import { auditorCandidatesResponse, roundListResponse, type RoundPreview } from '../../shared/api/contracts';
import type { JobRole } from '../../shared/schemas/staff';

// A fixed Monday early in the month, so the default due date is still ahead.
const now = new Date('2026-11-02T10:00:00.000Z');
let t: TestApp;
let lead: string;
let worker: string;

beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
  lead = await t.signIn(t.council.featured.qaLeadId);
  worker = await t.signIn(t.council.featured.workerId);
});
afterAll(async () => t?.stop());

const get = (url: string, cookie: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, payload: object, cookie: string) => t.app.server.inject({ method: 'POST', url, payload, headers: { cookie } });
const auditing: JobRole[] = ['teamManager', 'deputyTeamManager', 'headOfService', 'seniorManager', 'principalSocialWorker', 'qaLead'];

describe('GET /api/staff/auditor-candidates', () => {
  it('refuses a worker (403) and anyone signed out (401)', async () => {
    expect((await get('/api/staff/auditor-candidates', worker)).statusCode).toBe(403);
    expect((await t.app.server.inject({ method: 'GET', url: '/api/staff/auditor-candidates' })).statusCode).toBe(401);
  });

  it('lists every active member of staff who can audit, once, with their team, and nobody else', async () => {
    const res = await get('/api/staff/auditor-candidates', lead);
    expect(res.statusCode, res.body).toBe(200);
    const { items } = auditorCandidatesResponse.parse(res.json());
    const expected = t.council.staff.filter((s) => s.active && s.jobRoles.some((r) => auditing.includes(r)));
    expect(expected.length).toBeGreaterThan(3);
    expect(items.map((i) => i.id).sort()).toEqual(expected.map((s) => s.id).sort());
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const teamName = (teamId: string | null) => t.council.teams.find((x) => x.id === teamId)?.name ?? null;
    for (const s of expected) expect(items.find((i) => i.id === s.id)).toEqual({ id: s.id, displayName: s.displayName, jobRoles: s.jobRoles, teamName: teamName(s.teamId) });
    expect(items.some((i) => i.id === t.council.featured.workerId)).toBe(false);
    expect(items.some((i) => i.id === t.council.featured.auditorId)).toBe(true);
  });

  it('leaves out someone who has left', async () => {
    const stored = await t.app.store.staff.get(t.council.featured.auditorId);
    if (!stored) throw new Error('featured auditor missing');
    const { etag, ...member } = stored;
    await t.app.store.staff.put({ ...member, active: false }, etag);
    try {
      const { items } = auditorCandidatesResponse.parse((await get('/api/staff/auditor-candidates', lead)).json());
      expect(items.some((i) => i.id === t.council.featured.auditorId)).toBe(false);
    } finally {
      const again = await t.app.store.staff.get(t.council.featured.auditorId);
      if (again) await t.app.store.staff.put({ ...member, active: true }, again.etag);
    }
  });
});

describe('GET /api/rounds?month=', () => {
  it('refuses a worker (403) and names a bad month (400)', async () => {
    expect((await get('/api/rounds?month=2026-11', worker)).statusCode).toBe(403);
    const bad = await get('/api/rounds?month=2026-13', lead);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].field).toBe('query.month');
    expect((await get('/api/rounds', lead)).statusCode).toBe(400);
  });

  it("lists the month's rounds with their status and counts, and only that month's", async () => {
    const before = roundListResponse.parse((await get('/api/rounds?month=2026-11', lead)).json()).items;
    const body = { month: '2026-11', auditType: 'managersMonthly', auditorIds: ['tm-cp-north', 'tm-mash'], casesPerAuditor: 2, seed: 7 };
    const created = await post('/api/rounds', body, lead);
    expect(created.statusCode, created.body).toBe(200);
    const preview: RoundPreview = created.json();

    const after = roundListResponse.parse((await get('/api/rounds?month=2026-11', lead)).json()).items;
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((r) => r.id === preview.round.id)).toEqual({
      id: preview.round.id,
      month: '2026-11',
      auditType: 'managersMonthly',
      themeTitle: null,
      status: 'draft',
      auditorCount: 2,
      allocationCount: preview.round.allocations.length,
      dueDate: '2026-11-30',
      createdAt: preview.round.createdAt,
      publishedAt: null,
    });
    const october = roundListResponse.parse((await get('/api/rounds?month=2026-10', lead)).json()).items;
    expect(october.some((r) => r.id === preview.round.id)).toBe(false);

    expect((await post(`/api/rounds/${preview.round.id}/publish`, { confirmConflicts: preview.needsConfirmation }, lead)).statusCode).toBe(200);
    const published = roundListResponse.parse((await get('/api/rounds?month=2026-11', lead)).json()).items.find((r) => r.id === preview.round.id);
    expect(published?.status).toBe('published');
    expect(published?.publishedAt).not.toBeNull();
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await t.app.server.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/rounds'].get).toBeDefined();
    expect(doc.paths['/api/rounds'].post).toBeDefined();
    expect(doc.paths['/api/staff/auditor-candidates'].get).toBeDefined();
  });
});
