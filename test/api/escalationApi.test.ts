import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import type { PublishResponse, RoundPreview } from '../../shared/api/contracts';
import { escalateResponse, overdueListResponse } from '../../shared/api/chasingContracts';
import { escalationNoticeId, nextTierNoticeId } from '../../bot/chasing/escalationService';

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

describe('repeated misses: the next tier of line management', () => {
  /** An earlier round's audit, submitted after its due date (or never). */
  const lateAudit = async (auditorId: string, dueDate: string, submittedAt: string | null) => {
    const base = (await t.app.store.audits.get(published.auditIds[0]!))!;
    const { etag: _etag, ...audit } = base;
    await t.app.store.audits.create(
      { ...audit, id: `aud-late-${auditorId}-${dueDate}`, auditorId, roundId: `rnd_past_${dueDate.slice(0, 7).replace('-', '')}`, dueDate, status: submittedAt ? 'submitted' : 'inProgress', submittedAt },
      [],
    );
  };

  beforeAll(async () => {
    // Hazel Wren (tm-cp-north): October's managers' audit was late too, so 2 of her last 3 rounds are missed.
    await lateAudit('tm-cp-north', '2026-10-30', '2026-11-04T10:00:00.000Z');
  });

  it('proposes an auditor who missed 2 of their last 3 rounds, with a notice for the line manager\'s manager', async () => {
    const body = overdueListResponse.parse((await get('/api/chasing/overdue', lead)).json());
    const hazel = body.items.find((i) => i.auditorId === 'tm-cp-north');
    const auditor = await t.app.store.staff.get('tm-cp-north');
    const lineManager = await t.app.store.staff.get(auditor!.lineManagerId!);
    const next = await t.app.store.staff.get(lineManager!.lineManagerId!);
    expect(hazel?.nextTier).toMatchObject({ missed: 2, ofRounds: 3, managerId: next!.id, managerName: next!.displayName, noRecipient: null });
    expect(hazel?.nextTier?.notice).toContain(`${auditor!.displayName} has missed the due date in 2 of their last 3 audit rounds`);
    expect(hazel?.nextTier?.notice).toContain(`Could you talk with ${lineManager!.displayName}, their line manager`);
    // One late round is not a pattern.
    expect(body.items.find((i) => i.auditorId === 'tm-children-in-care')?.nextTier).toBeNull();
    expect(body.items.find((i) => i.auditorId === 'tm-mash')?.nextTier).toBeNull();
  });

  it('sends the next-tier notice once a day, without child identifiers, and refuses an auditor not proposed', async () => {
    const first = escalateResponse.parse((await post('/api/chasing/escalate-next-tier', { auditorId: 'tm-cp-north' }, lead)).json());
    expect(first).toEqual({ notificationId: nextTierNoticeId('tm-cp-north', '2026-12-03'), enqueued: true });
    const again = escalateResponse.parse((await post('/api/chasing/escalate-next-tier', { auditorId: 'tm-cp-north' }, lead)).json());
    expect(again).toEqual({ notificationId: first.notificationId, enqueued: false });
    const n = await t.app.store.outbox.get(first.notificationId);
    const lineManager = await t.app.store.staff.get((await t.app.store.staff.get('tm-cp-north'))!.lineManagerId!);
    expect(n).toMatchObject({ kind: 'escalationNextTier', recipientId: lineManager!.lineManagerId, status: 'queued' });
    // Apart from the line manager's own notice.
    expect(first.notificationId).not.toBe(escalationNoticeId('tm-cp-north', '2026-12-03'));
    const payload = JSON.stringify(n?.payload);
    for (const id of published.auditIds) {
      const audit = await t.app.store.audits.get(id);
      expect(payload).not.toContain(audit?.caseSnapshot.caseRef);
      expect(payload).not.toContain(`(${audit?.caseSnapshot.initials})`);
    }
    const refused = await post('/api/chasing/escalate-next-tier', { auditorId: 'tm-mash' }, lead);
    expect(refused.statusCode).toBe(409);
    expect((await post('/api/chasing/escalate-next-tier', { auditorId: t.council.featured.qaLeadId }, lead)).statusCode).toBe(400);
    const worker = await t.signIn(t.council.featured.workerId);
    expect((await post('/api/chasing/escalate-next-tier', { auditorId: 'tm-cp-north' }, worker)).statusCode).toBe(403);
  });

  it('says so when the line manager has no manager, and suggests who to contact', async () => {
    await lateAudit('tm-mash', '2026-10-30', null);
    const auditor = await t.app.store.staff.get('tm-mash');
    const lineManager = await t.app.store.staff.get(auditor!.lineManagerId!);
    const { etag, ...held } = lineManager!;
    await t.app.store.staff.put({ ...held, lineManagerId: null }, etag);
    const body = overdueListResponse.parse((await get('/api/chasing/overdue', lead)).json());
    const mash = body.items.find((i) => i.auditorId === 'tm-mash');
    expect(mash?.nextTier).toMatchObject({ missed: 2, managerId: null, managerName: null, notice: null });
    expect(mash?.nextTier?.noRecipient).toContain(`names no manager for ${lineManager!.displayName}`);
    const refused = await post('/api/chasing/escalate-next-tier', { auditorId: 'tm-mash' }, lead);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain(`names no manager for ${lineManager!.displayName}`);
    // The line manager's own notice is still there to send.
    expect(mash?.lineManagerId).toBe(lineManager!.id);
  });
});
