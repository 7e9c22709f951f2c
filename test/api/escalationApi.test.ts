import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import type { PublishResponse, RoundPreview } from '../../shared/api/contracts';
import { escalateResponse, overdueListResponse } from '../../shared/api/chasingContracts';
import { escalationNoticeId } from '../../bot/chasing/escalationService';

// Publish a November round, then move the clock past its due date (Monday 30/11/2026).
let now = new Date('2026-11-02T10:00:00.000Z');
const auditorIds = ['tm-cp-north', 'tm-children-in-care', 'tm-mash'];
let t: TestApp;
let lead: string;
let published: PublishResponse;

const get = (url: string, cookie: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, payload: object, cookie: string) => t.app.server.inject({ method: 'POST', url, payload, headers: { cookie } });

beforeAll(async () => {
  t = await startTestApp({ clock: () => now, dispatcher: false });
  lead = await t.signIn(t.council.featured.qaLeadId);
  const draft: RoundPreview = (await post('/api/rounds', { month: '2026-11', auditType: 'managersMonthly', auditorIds, casesPerAuditor: 2, seed: 31 }, lead)).json();
  published = (await post(`/api/rounds/${draft.round.id}/publish`, { confirmConflicts: true }, lead)).json();
  now = new Date('2026-12-03T10:00:00.000Z');
  // Sessions expire as the clock moves on: sign in again in December.
  lead = await t.signIn(t.council.featured.qaLeadId);
});
afterAll(async () => t?.stop());

describe('GET /api/chasing/overdue', () => {
  it('lists overdue audits by auditor with their line manager and a notice free of child identifiers', async () => {
    const res = await get('/api/chasing/overdue', lead);
    expect(res.statusCode).toBe(200);
    const body = overdueListResponse.parse(res.json());
    expect(body.today).toBe('2026-12-03');
    expect(published.auditIds.length).toBe(6);
    for (const auditorId of auditorIds) {
      const item = body.items.find((i) => i.auditorId === auditorId);
      const auditor = await t.app.store.staff.get(auditorId);
      expect(item?.auditorName).toBe(auditor?.displayName);
      expect(item?.overdueCount).toBeGreaterThanOrEqual(2);
      expect(item?.lineManagerId).toBe(auditor?.lineManagerId ?? null);
      if (auditor?.lineManagerId) expect(item?.lineManagerName).toBe((await t.app.store.staff.get(auditor.lineManagerId))?.displayName);
      expect(item?.notice).toContain(`${auditor?.displayName} has ${item?.overdueCount} audits past their due date of`);
      for (const id of published.auditIds) {
        const audit = await t.app.store.audits.get(id);
        expect(res.body).not.toContain(audit?.caseSnapshot.caseRef);
        expect(res.body).not.toContain(audit?.caseId);
      }
    }
    const ours = body.items.find((i) => i.auditorId === auditorIds[0]);
    expect(ours?.daysOverdue).toBeGreaterThanOrEqual(3);
  });

  it('is for QA leads and the PSW only', async () => {
    const worker = await t.signIn(t.council.featured.workerId);
    expect((await get('/api/chasing/overdue', worker)).statusCode).toBe(403);
    expect((await post('/api/chasing/escalate', { auditorId: auditorIds[0]! }, worker)).statusCode).toBe(403);
  });
});

describe('POST /api/chasing/escalate', () => {
  it('queues one notice to the line manager, and a second send the same day queues nothing', async () => {
    const list = overdueListResponse.parse((await get('/api/chasing/overdue', lead)).json());
    const item = list.items.find((i) => i.lineManagerId !== null && auditorIds.includes(i.auditorId));
    expect(item).toBeDefined();
    const first = escalateResponse.parse((await post('/api/chasing/escalate', { auditorId: item!.auditorId }, lead)).json());
    expect(first).toEqual({ notificationId: escalationNoticeId(item!.auditorId, '2026-12-03'), enqueued: true });
    const second = escalateResponse.parse((await post('/api/chasing/escalate', { auditorId: item!.auditorId }, lead)).json());
    expect(second).toEqual({ notificationId: first.notificationId, enqueued: false });
    const n = await t.app.store.outbox.get(first.notificationId);
    expect(n?.recipientId).toBe(item!.lineManagerId);
    expect(n?.kind).toBe('escalation');
    expect(n?.status).toBe('queued');
    const payload = JSON.stringify(n?.payload);
    expect(payload).toContain(item!.notice);
    for (const id of published.auditIds) {
      const audit = await t.app.store.audits.get(id);
      expect(payload).not.toContain(audit?.caseSnapshot.caseRef);
    }
  });

  it('refuses an auditor with nothing overdue', async () => {
    expect((await post('/api/chasing/escalate', { auditorId: t.council.featured.qaLeadId }, lead)).statusCode).toBe(400);
  });
});
