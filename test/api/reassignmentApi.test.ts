import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import { reassignmentListResponse, type PublishResponse, type RoundPreview } from '../../shared/api/contracts';
import { ReassignmentService } from '../../bot/reassignments/reassignmentService';

const now = new Date('2026-11-02T10:00:00.000Z');
const auditorIds = ['tm-cp-north', 'tm-children-in-care'];
let t: TestApp;
let lead: string;
let auditIds: string[];

beforeAll(async () => {
  t = await startTestApp({ clock: () => now, dispatcher: false });
  lead = await t.signIn(t.council.featured.qaLeadId);
  const draft: RoundPreview = (await post('/api/rounds', { month: '2026-11', auditType: 'managersMonthly', auditorIds, casesPerAuditor: 1, seed: 11 }, lead)).json();
  const published: PublishResponse = (await post(`/api/rounds/${draft.round.id}/publish`, { confirmConflicts: true }, lead)).json();
  auditIds = published.auditIds;
});
afterAll(async () => t?.stop());

const get = (url: string, cookie: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, payload: object, cookie: string) => t.app.server.inject({ method: 'POST', url, payload, headers: { cookie } });

/** The auditor asks, as the bot would on "Can't do this". */
async function askToReassign(auditId: string, reason: string) {
  const audit = await t.app.store.audits.get(auditId);
  const auditor = audit && (await t.app.store.staff.get(audit.auditorId));
  if (!audit || !auditor) throw new Error('published audit or its auditor missing');
  const outcome = await new ReassignmentService({ store: t.app.store, clock: () => now }).request(auditor, auditId, reason);
  return { audit, auditor, outcome };
}

describe('requests to reassign', () => {
  it('lists open requests for the QA lead with case ref, initials, auditor and reason, and resolves them', async () => {
    const auditId = auditIds[0] ?? '';
    const { audit, auditor, outcome } = await askToReassign(auditId, 'Away on leave until the due date');
    expect(outcome.kind).toBe('sent');
    const res = await get('/api/reassignment-requests?status=open', lead);
    expect(res.statusCode).toBe(200);
    const list = reassignmentListResponse.parse(res.json());
    expect(list.items).toEqual([
      expect.objectContaining({ auditId, caseRef: audit.caseSnapshot.caseRef, initials: audit.caseSnapshot.initials, auditorName: auditor.displayName, reason: 'Away on leave until the due date' }),
    ]);
    const id = list.items[0]?.id ?? '';
    const resolved = await post(`/api/reassignment-requests/${id}/resolve`, {}, lead);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ id, status: 'resolved' });
    expect((await post(`/api/reassignment-requests/${id}/resolve`, {}, lead)).statusCode).toBe(200);
    expect(reassignmentListResponse.parse((await get('/api/reassignment-requests', lead)).json()).items).toEqual([]);
  });

  it('is for QA leads and the PSW only; an unknown request is 404; signed out is 401', async () => {
    await askToReassign(auditIds[1] ?? '', 'Conflict of interest');
    const list = reassignmentListResponse.parse((await get('/api/reassignment-requests', lead)).json());
    const id = list.items[0]?.id ?? '';
    const worker = await t.signIn(t.council.featured.workerId);
    expect((await get('/api/reassignment-requests?status=open', worker)).statusCode).toBe(403);
    expect((await post(`/api/reassignment-requests/${id}/resolve`, {}, worker)).statusCode).toBe(403);
    expect((await post('/api/reassignment-requests/rr-nothing-1/resolve', {}, lead)).statusCode).toBe(404);
    expect((await t.app.server.inject({ method: 'GET', url: '/api/reassignment-requests' })).statusCode).toBe(401);
    expect((await get('/api/reassignment-requests?status=resolved', lead)).statusCode).toBe(400);
    // The worker's attempt changed nothing.
    expect(reassignmentListResponse.parse((await get('/api/reassignment-requests', lead)).json()).items.map((r) => r.id)).toEqual([id]);
  });
});
