import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import type { PublishResponse, RoundPreview } from '../../shared/api/contracts';
import { reassignmentListResponse } from '../../shared/api/contracts';
import { reassignCandidatesResponse, reassignResponse, type ReassignCandidatesResponse } from '../../shared/api/reassignContracts';
import type { Audit } from '../../shared/schemas/audits';
import type { TrailEntry } from '../../shared/schemas/trail';
import { ReassignmentService } from '../../bot/reassignments/reassignmentService';
import { allocationNoticeId, reassignedAllocationNoticeId } from '../../bot/delivery/allocationNotice';
import { AUDIT_PASSED_ON_NOTICE_KIND, auditPassedOnNoticeId } from '../../bot/delivery/auditPassedOnNotice';
import { allPages, type WithETag } from '../../bot/store/storeInterface';

const now = new Date('2026-11-02T10:00:00.000Z');
const pool = ['tm-cp-north', 'tm-children-in-care', 'tm-mash'];
let t: TestApp;
let lead: string;
/** Published audits not yet used by a test: each test takes its own. */
const spare: string[] = [];

beforeAll(async () => {
  t = await startTestApp({ clock: () => now, dispatcher: false });
  lead = await t.signIn(t.council.featured.qaLeadId);
  const draft: RoundPreview = (await post('/api/rounds', { month: '2026-11', auditType: 'managersMonthly', auditorIds: pool, casesPerAuditor: 4, seed: 8 }, lead)).json();
  const published: PublishResponse = (await post(`/api/rounds/${draft.round.id}/publish`, { confirmConflicts: true }, lead)).json();
  spare.push(...published.auditIds);
});
afterAll(async () => t?.stop());

const get = (url: string, cookie?: string) => t.app.server.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const post = (url: string, payload: object, cookie?: string) => t.app.server.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });

async function audit(id: string): Promise<WithETag<Audit>> {
  const a = await t.app.store.audits.get(id);
  if (!a) throw new Error(`audit ${id} missing`);
  return a;
}

/** Takes an unused published audit and has its auditor ask for it to be reassigned, as "Can't do this" does. */
async function askedFor(): Promise<{ audit: WithETag<Audit>; requestId: string }> {
  const id = spare.shift();
  if (!id) throw new Error('no spare audit left');
  const a = await audit(id);
  const auditor = await t.app.store.staff.get(a.auditorId);
  if (!auditor) throw new Error('auditor missing');
  const outcome = await new ReassignmentService({ store: t.app.store, clock: () => now }).request(auditor, id, 'On leave until the due date');
  expect(outcome.kind).toBe('sent');
  const open = await t.app.store.reassignments.listByStatus('open');
  const request = open.items.find((r) => r.auditId === id);
  if (!request) throw new Error('request not recorded');
  return { audit: a, requestId: request.id };
}

async function candidatesFor(requestId: string): Promise<ReassignCandidatesResponse> {
  const res = await get(`/api/reassignment-requests/${requestId}/candidates`, lead);
  expect(res.statusCode, res.body).toBe(200);
  return reassignCandidatesResponse.parse(res.json());
}

const trailOf = async (auditId: string): Promise<TrailEntry[]> => allPages((p) => t.app.store.trail.listByAudit(auditId, p));

/** Someone who may audit and has no link to the audit's case. */
async function cleanChoice(requestId: string): Promise<ReassignCandidatesResponse['items'][number]> {
  const found = (await candidatesFor(requestId)).items.find((c) => c.choosable && c.conflicts.length === 0);
  if (!found) throw new Error('no conflict-free candidate');
  return found;
}

describe('reassigning: who may, and what they must send', () => {
  it('is for QA leads and the PSW (403, whatever the body), needs sign-in (401), and an existing request (404)', async () => {
    const { audit: a, requestId } = await askedFor();
    const worker = await t.signIn(t.council.featured.workerId);
    expect((await get(`/api/reassignment-requests/${requestId}/candidates`, worker)).statusCode).toBe(403);
    expect((await post(`/api/reassignment-requests/${requestId}/reassign`, { auditorId: 'tm-mash', etag: a.etag }, worker)).statusCode).toBe(403);
    expect((await post(`/api/reassignment-requests/${requestId}/reassign`, { nonsense: true }, worker)).statusCode).toBe(403);
    // The auditor being relieved may not pick their own successor either.
    const asker = await t.signIn(a.auditorId);
    expect((await post(`/api/reassignment-requests/${requestId}/reassign`, { auditorId: 'tm-mash', etag: a.etag }, asker)).statusCode).toBe(403);
    expect((await post(`/api/reassignment-requests/${requestId}/reassign`, { auditorId: 'tm-mash', etag: a.etag })).statusCode).toBe(401);
    expect((await get('/api/reassignment-requests/rr-nothing-1/candidates', lead)).statusCode).toBe(404);
    expect((await post('/api/reassignment-requests/rr-nothing-1/reassign', { auditorId: 'tm-mash', etag: a.etag }, lead)).statusCode).toBe(404);
    expect((await audit(a.id)).auditorId).toBe(a.auditorId);
    expect((await t.app.store.reassignments.get(requestId))?.status).toBe('open');
  });

  it('names each bad field (400): missing, unknown, the asking auditor, someone inactive or who does not audit', async () => {
    const { audit: a, requestId } = await askedFor();
    const url = `/api/reassignment-requests/${requestId}/reassign`;
    const fieldsOf = (res: { json(): { fields?: { field: string }[] } }) => (res.json().fields ?? []).map((f) => f.field);

    const empty = await post(url, {}, lead);
    expect(empty.statusCode).toBe(400);
    expect(fieldsOf(empty)).toEqual(expect.arrayContaining(['body.auditorId', 'body.etag']));
    const extra = await post(url, { auditorId: 'tm-mash', etag: a.etag, note: 'free text' }, lead);
    expect(extra.statusCode).toBe(400);
    const notBool = await post(url, { auditorId: 'tm-mash', etag: a.etag, confirmConflicts: 'yes' }, lead);
    expect(fieldsOf(notBool)).toEqual(['body.confirmConflicts']);

    for (const [auditorId, why] of [
      [a.auditorId, /asked/],
      ['sw-former', /active/],
      [t.council.featured.workerId, /audits case files/],
      ['nobody-at-all', /active/],
    ] as const) {
      const res = await post(url, { auditorId, etag: a.etag }, lead);
      expect(res.statusCode, auditorId).toBe(400);
      expect(res.json().fields).toEqual([{ field: 'body.auditorId', message: expect.stringMatching(why) }]);
    }
    expect((await audit(a.id)).etag).toBe(a.etag);
  });
});

describe('reassigning: the choice offered and the rules', () => {
  it('lists staff who can audit, not the asking auditor, with the round pool marked and each one’s links to the case', async () => {
    const { audit: a, requestId } = await askedFor();
    const list = await candidatesFor(requestId);
    expect(list).toMatchObject({ requestId, auditId: a.id, caseRef: a.caseSnapshot.caseRef, initials: a.caseSnapshot.initials, auditEtag: a.etag, started: false });
    const ids = list.items.map((c) => c.id);
    expect(ids).not.toContain(a.auditorId);
    expect(ids).not.toContain(t.council.featured.workerId);
    expect(ids).not.toContain('sw-former');
    for (const p of pool.filter((x) => x !== a.auditorId)) expect(list.items.find((c) => c.id === p)?.inRoundPool).toBe(true);
    expect(list.items.find((c) => c.id === t.council.featured.qaLeadId)?.inRoundPool).toBe(false);
    // The manager of the case's team is linked to it now: offered, flagged.
    const team = await t.app.store.teams.get(a.caseSnapshot.teamId);
    const manager = list.items.find((c) => c.id === team?.managerId);
    expect(manager).toMatchObject({ choosable: true, conflicts: expect.arrayContaining(['ownTeamCurrent']) });
    // Conflict-free first, then linked, then barred.
    const rank = (c: (typeof list.items)[number]) => (!c.choosable ? 2 : c.conflicts.length > 0 ? 1 : 0);
    const ranks = list.items.map(rank);
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
  });

  it("never passes the audit to the case's worker; a linked auditor needs the lead's confirmation", async () => {
    const { audit: a, requestId } = await askedFor();
    // Make a manager the case's allocated worker: the allocation bars them outright.
    const c = await t.app.store.cases.get(a.caseId);
    if (!c) throw new Error('case missing');
    const workerManager = pool.find((p) => p !== a.auditorId) ?? '';
    await t.app.store.cases.put({ ...c, workerId: workerManager }, c.etag);

    const list = await candidatesFor(requestId);
    expect(list.items.find((x) => x.id === workerManager)).toMatchObject({ choosable: false, conflicts: [], reason: expect.stringMatching(/allocated worker/) });
    const url = `/api/reassignment-requests/${requestId}/reassign`;
    const barred = await post(url, { auditorId: workerManager, etag: a.etag, confirmConflicts: true }, lead);
    expect(barred.statusCode).toBe(409);
    expect(barred.json().fields[0].field).toBe('body.auditorId');

    const linked = list.items.find((x) => x.choosable && x.conflicts.length > 0);
    if (!linked) throw new Error('no linked candidate');
    const unconfirmed = await post(url, { auditorId: linked.id, etag: a.etag }, lead);
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().fields[0].field).toBe('body.confirmConflicts');
    expect((await audit(a.id)).auditorId).toBe(a.auditorId);

    const confirmed = await post(url, { auditorId: linked.id, etag: a.etag, confirmConflicts: true }, lead);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const trail = await trailOf(a.id);
    expect(trail.find((e) => e.field === 'reassignment.conflictsConfirmed')?.after).toBe(linked.conflicts.join(','));
  });

  it('refuses a stale version (409) and changes nothing', async () => {
    const { audit: a, requestId } = await askedFor();
    const choice = await cleanChoice(requestId);
    // The auditor saves a draft meanwhile.
    const cookie = await t.signIn(a.auditorId);
    const saved = await t.app.server.inject({ method: 'PUT', url: `/api/audits/${a.id}/form`, payload: { etag: a.etag, form: { ...a.form, caseProfile: 'Notes so far' } }, headers: { cookie } });
    expect(saved.statusCode, saved.body).toBe(200);
    const res = await post(`/api/reassignment-requests/${requestId}/reassign`, { auditorId: choice.id, etag: a.etag }, lead);
    expect(res.statusCode).toBe(409);
    expect(res.json().fields[0].field).toBe('body.etag');
    expect((await audit(a.id)).auditorId).toBe(a.auditorId);
    expect((await t.app.store.reassignments.get(requestId))?.status).toBe('open');
  });

  it('refuses once the audit is submitted (409, saying why), in the picker and on reassigning', async () => {
    const { audit: a, requestId } = await askedFor();
    const choice = await cleanChoice(requestId);
    const { etag, ...rest } = a;
    const submitted = await t.app.store.audits.update({ ...rest, status: 'submitted', submittedAt: now.toISOString() }, etag, []);
    const list = await get(`/api/reassignment-requests/${requestId}/candidates`, lead);
    expect(list.statusCode).toBe(409);
    expect(list.json().message).toMatch(/submitted, so it can no longer be passed/);
    const res = await post(`/api/reassignment-requests/${requestId}/reassign`, { auditorId: choice.id, etag: submitted.etag }, lead);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/no longer be passed to another auditor/);
    expect((await audit(a.id)).auditorId).toBe(a.auditorId);
  });
});

describe('reassigning: what it does', () => {
  it('passes the audit on, keeps a started form, writes the trail, queues both cards and resolves the request; a retry changes nothing', async () => {
    const { audit: a, requestId } = await askedFor();
    const cookie = await t.signIn(a.auditorId);
    const saved = await t.app.server.inject({ method: 'PUT', url: `/api/audits/${a.id}/form`, payload: { etag: a.etag, form: { ...a.form, caseProfile: 'Started: notes so far' } }, headers: { cookie } });
    expect(saved.statusCode, saved.body).toBe(200);
    const list = await candidatesFor(requestId);
    expect(list.started).toBe(true);
    const choice = list.items.find((c) => c.choosable && c.conflicts.length === 0);
    if (!choice) throw new Error('no conflict-free candidate');
    const trailBefore = (await trailOf(a.id)).length;
    const outboxBefore = await t.app.store.outbox.countByStatus();

    const res = await post(`/api/reassignment-requests/${requestId}/reassign`, { auditorId: choice.id, etag: list.auditEtag }, lead);
    expect(res.statusCode, res.body).toBe(200);
    expect(reassignResponse.parse(res.json())).toMatchObject({ requestId, auditId: a.id, auditorId: choice.id, outcome: 'reassigned', changed: true });

    const moved = await audit(a.id);
    expect(moved).toMatchObject({ auditorId: choice.id, status: 'inProgress', form: { caseProfile: 'Started: notes so far' } });
    const trail = (await trailOf(a.id)).slice(trailBefore);
    expect(trail.map((e) => [e.field, e.before, e.after, e.actorId])).toEqual([
      ['auditorId', a.auditorId, choice.id, t.council.featured.qaLeadId],
      ['reassignment.requestId', null, requestId, t.council.featured.qaLeadId],
      ['reassignment.statusAtHandover', null, 'inProgress', t.council.featured.qaLeadId],
    ]);
    expect(JSON.stringify(trail)).not.toContain('On leave');

    const card = await t.app.store.outbox.get(reassignedAllocationNoticeId(requestId));
    expect(card).toMatchObject({ recipientId: choice.id, kind: 'allocation', status: 'queued' });
    expect(card?.id).not.toBe(allocationNoticeId(a.id));
    expect(JSON.stringify(card?.payload)).toContain(a.caseSnapshot.caseRef);
    const told = await t.app.store.outbox.get(auditPassedOnNoticeId(requestId));
    expect(told).toMatchObject({ recipientId: a.auditorId, kind: AUDIT_PASSED_ON_NOTICE_KIND, status: 'queued' });
    expect(JSON.stringify(told?.payload)).toContain(a.caseSnapshot.initials);
    expect(JSON.stringify(told?.payload)).not.toContain('On leave');
    expect(JSON.stringify(told?.payload)).not.toContain(choice.displayName);

    expect(await t.app.store.reassignments.get(requestId)).toMatchObject({ status: 'resolved', outcome: 'reassigned', reassignedToId: choice.id, resolvedById: t.council.featured.qaLeadId });
    const open = reassignmentListResponse.parse((await get('/api/reassignment-requests', lead)).json());
    expect(open.items.map((i) => i.id)).not.toContain(requestId);
    const theirs = (await get('/api/my/audits', await t.signIn(choice.id))).json().items as { id: string }[];
    expect(theirs.map((x) => x.id)).toContain(a.id);
    const former = (await get('/api/my/audits', cookie)).json().items as { id: string }[];
    expect(former.map((x) => x.id)).not.toContain(a.id);

    // A retry (double click, lost answer) with the same choice and the old version changes nothing.
    const again = await post(`/api/reassignment-requests/${requestId}/reassign`, { auditorId: choice.id, etag: list.auditEtag }, lead);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ auditorId: choice.id, changed: false });
    expect((await trailOf(a.id)).length).toBe(trailBefore + 3);
    const outboxAfter = await t.app.store.outbox.countByStatus();
    expect(outboxAfter.queued).toBe(outboxBefore.queued + 2);
    expect((await audit(a.id)).etag).toBe(moved.etag);

    // Another choice now, or marking it dealt with, cannot undo it.
    const other = (await candidatesFor((await askedFor()).requestId)).items.find((c) => c.id !== choice.id && c.choosable && c.conflicts.length === 0);
    const different = await post(`/api/reassignment-requests/${requestId}/reassign`, { auditorId: other?.id ?? 'tm-mash', etag: moved.etag }, lead);
    expect(different.statusCode).toBe(409);
    expect(different.json().message).toMatch(/already been passed/);
    expect((await get(`/api/reassignment-requests/${requestId}/candidates`, lead)).statusCode).toBe(409);
    expect((await post(`/api/reassignment-requests/${requestId}/resolve`, {}, lead)).statusCode).toBe(200);
    expect((await t.app.store.reassignments.get(requestId))?.outcome).toBe('reassigned');
  });

  it('finishes a reassignment interrupted after the audit moved, without a second trail entry', async () => {
    const { audit: a, requestId } = await askedFor();
    const choice = await cleanChoice(requestId);
    // As if a first try moved the audit and stopped before queuing the cards and resolving.
    const { etag, ...rest } = a;
    const moved = await t.app.store.audits.update({ ...rest, auditorId: choice.id }, etag, []);
    const res = await post(`/api/reassignment-requests/${requestId}/reassign`, { auditorId: choice.id, etag: a.etag }, lead);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ changed: true, auditorId: choice.id });
    expect((await audit(a.id)).etag).toBe(moved.etag);
    expect(await t.app.store.outbox.get(reassignedAllocationNoticeId(requestId))).toMatchObject({ recipientId: choice.id });
    expect(await t.app.store.outbox.get(auditPassedOnNoticeId(requestId))).toMatchObject({ recipientId: a.auditorId });
    expect((await t.app.store.reassignments.get(requestId))?.outcome).toBe('reassigned');
  });

  it("records 'dealt with' as the outcome when the lead marks a request as dealt with; it cannot be reassigned afterwards", async () => {
    const { audit: a, requestId } = await askedFor();
    expect((await post(`/api/reassignment-requests/${requestId}/resolve`, {}, lead)).statusCode).toBe(200);
    expect((await t.app.store.reassignments.get(requestId))?.outcome).toBe('dealtWith');
    const res = await post(`/api/reassignment-requests/${requestId}/reassign`, { auditorId: 'tm-mash', etag: a.etag }, lead);
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toMatch(/marked as dealt with/);
  });
});
