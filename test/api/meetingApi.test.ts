import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import type { PublishResponse, RoundPreview } from '../../shared/api/contracts';
import { meetingListResponse, meetingProposalView } from '../../shared/api/meetingContracts';
import type { Audit } from '../../shared/schemas/audits';
import { meetingAnsweredNoticeId, meetingProposedNoticeId } from '../../bot/delivery/meetingNotices';
import type { WithETag } from '../../bot/store/storeInterface';

// Monday 02/11/2026, 10:00 in London; the managers' monthly round is due on Monday 30/11/2026.
const now = new Date('2026-11-02T10:00:00.000Z');
let t: TestApp;
let audit: WithETag<Audit>;
let auditor: string;
let worker: string;
const workerOid = 'oid-meeting-worker';

beforeAll(async () => {
  t = await startTestApp({ clock: () => now, dispatcher: false });
  const lead = await t.signIn(t.council.featured.qaLeadId);
  const draft: RoundPreview = (await post('/api/rounds', { month: '2026-11', auditType: 'managersMonthly', auditorIds: ['tm-cp-north', 'tm-children-in-care'], casesPerAuditor: 1, seed: 5 }, lead)).json();
  const published: PublishResponse = (await post(`/api/rounds/${draft.round.id}/publish`, { confirmConflicts: true }, lead)).json();
  for (const id of published.auditIds) {
    const a = await t.app.store.audits.get(id);
    if (a?.caseSnapshot.workerId && a.caseSnapshot.workerId !== a.auditorId) {
      audit = a;
      break;
    }
  }
  if (!audit) throw new Error('no published audit with a case worker');
  // The worker is known to Teams by this object id (as the Agents Playground's user would be).
  const w = await t.app.store.staff.get(audit.caseSnapshot.workerId ?? '');
  if (!w) throw new Error('case worker missing');
  const { etag, ...rest } = w;
  await t.app.store.staff.put({ ...rest, entraObjectId: workerOid }, etag);
  auditor = await t.signIn(audit.auditorId);
  worker = await t.signIn(w.id);
});
afterAll(async () => t?.stop());

function post(url: string, payload: object, cookie?: string) {
  return t.app.server.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });
}
const get = (url: string, cookie?: string) => t.app.server.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

/** The worker proposes from the "case selected" card, through the bot endpoint. */
async function proposeFromTeams(meetingDate: string, meetingTime?: string) {
  const res = await post('/api/messages', {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `act-${meetingDate}-${meetingTime ?? ''}`,
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/_connector',
    from: { id: '29:worker', aadObjectId: workerOid },
    recipient: { id: '28:bot' },
    conversation: { id: 'a:worker', conversationType: 'personal' },
    value: { action: { type: 'Action.Execute', verb: 'proposeMeeting', data: { verb: 'proposeMeeting', auditId: audit.id, version: audit.etag, meetingDate, ...(meetingTime ? { meetingTime } : {}) } } },
  });
  expect(res.statusCode).toBe(200);
  return JSON.stringify(res.json());
}

const meetingsUrl = () => `/api/audits/${audit.id}/meetings`;
const responseUrl = (meetingId: string, auditId = audit.id) => `/api/audits/${auditId}/meetings/${meetingId}/response`;

describe('meeting proposals', () => {
  it('a proposal from Teams is listed for the auditor, who may answer, and for the worker, who may not', async () => {
    expect(await proposeFromTeams('2026-11-04', '10:00')).toContain('Meeting proposal sent');
    const mine = meetingListResponse.parse((await get(meetingsUrl(), auditor)).json());
    expect(mine.canRespond).toBe(true);
    expect(mine.items).toEqual([
      expect.objectContaining({ auditId: audit.id, proposedById: audit.caseSnapshot.workerId, proposerRole: 'worker', meetingDate: '2026-11-04', meetingTime: '10:00', status: 'proposed', response: null }),
    ]);
    expect(await t.app.store.outbox.get(meetingProposedNoticeId(mine.items[0]?.id ?? ''))).toMatchObject({ recipientId: audit.auditorId, status: 'queued' });
    const theirs = meetingListResponse.parse((await get(meetingsUrl(), worker)).json());
    expect(theirs).toMatchObject({ canRespond: false, items: [expect.objectContaining({ id: mine.items[0]?.id })] });
  });

  it('the auditor declines with a note: the proposer hears in Teams without the note, the trail keeps its length only', async () => {
    const list = meetingListResponse.parse((await get(meetingsUrl(), auditor)).json());
    const p = list.items.find((i) => i.meetingDate === '2026-11-04');
    if (!p) throw new Error('proposal missing');
    // The worker cannot answer their own proposal.
    expect((await post(responseUrl(p.id), { etag: p.etag, decision: 'accept' }, worker)).statusCode).toBe(403);

    const res = await post(responseUrl(p.id), { etag: p.etag, decision: 'decline', note: '  In court all that morning  ' }, auditor);
    expect(res.statusCode, res.body).toBe(200);
    const declined = meetingProposalView.parse(res.json());
    expect(declined).toMatchObject({ status: 'declined', response: { byId: audit.auditorId, note: 'In court all that morning' } });
    expect(declined.etag).not.toBe(p.etag);

    const notice = await t.app.store.outbox.get(meetingAnsweredNoticeId(p.id));
    expect(notice).toMatchObject({ recipientId: audit.caseSnapshot.workerId, kind: 'meetingAnswered', status: 'queued' });
    const card = JSON.stringify(notice?.payload);
    expect(card).toContain('Meeting time declined');
    expect(card).toContain(audit.caseSnapshot.caseRef);
    expect(card).not.toContain('court');

    const trail = (await t.app.store.trail.listByAudit(audit.id)).items.filter((e) => e.kind === 'meeting');
    expect(trail.map((e) => [e.actorId, e.before, e.after])).toEqual([
      [audit.caseSnapshot.workerId, null, 'meeting proposed for 2026-11-04 10:00'],
      [audit.auditorId, 'proposed', 'declined'],
    ]);
    expect(trail[1]?.textLengths).toEqual({ before: 0, after: 'In court all that morning'.length });
    expect(JSON.stringify(trail)).not.toContain('court');
    // The audit itself is untouched: the auditor's open form does not hit a conflict.
    expect((await t.app.store.audits.get(audit.id))?.etag).toBe(audit.etag);

    // The same answer again changes nothing; the other answer is refused.
    const again = await post(responseUrl(p.id), { etag: p.etag, decision: 'decline' }, auditor);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ etag: declined.etag, status: 'declined' });
    expect((await post(responseUrl(p.id), { etag: declined.etag, decision: 'accept' }, auditor)).statusCode).toBe(409);
  });

  it('the auditor accepts another time; a stale etag, an unknown proposal and a bad body are refused', async () => {
    await proposeFromTeams('2026-11-05');
    const p = meetingListResponse.parse((await get(meetingsUrl(), auditor)).json()).items.find((i) => i.meetingDate === '2026-11-05');
    if (!p) throw new Error('proposal missing');
    expect(p.meetingTime).toBeNull();
    expect((await post(responseUrl(p.id), { etag: '999', decision: 'accept' }, auditor)).statusCode).toBe(409);
    expect((await post(responseUrl('mtg-nothing'), { etag: '1', decision: 'accept' }, auditor)).statusCode).toBe(404);
    const bad = await post(responseUrl(p.id), { etag: p.etag, decision: 'maybe' }, auditor);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual([expect.objectContaining({ field: 'body.decision' })]);
    expect((await post(responseUrl(p.id), { etag: p.etag, decision: 'accept', note: 'x'.repeat(501) }, auditor)).statusCode).toBe(400);

    const res = await post(responseUrl(p.id), { etag: p.etag, decision: 'accept' }, auditor);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'accepted', response: { byId: audit.auditorId } });
    expect(res.json().response.note).toBeUndefined();
    expect(JSON.stringify((await t.app.store.outbox.get(meetingAnsweredNoticeId(p.id)))?.payload)).toContain('Meeting time accepted');
  });

  it('is for those who may read the audit; signed out is 401', async () => {
    const outsider = t.council.staff.find((s) => s.jobRoles.length === 1 && s.jobRoles[0] === 'worker' && s.teamId !== audit.caseSnapshot.teamId);
    if (!outsider) throw new Error('no worker in another team');
    const cookie = await t.signIn(outsider.id);
    expect((await get(meetingsUrl(), cookie)).statusCode).toBe(403);
    const [first] = meetingListResponse.parse((await get(meetingsUrl(), auditor)).json()).items;
    expect((await post(responseUrl(first?.id ?? ''), { etag: first?.etag ?? '', decision: 'accept' }, cookie)).statusCode).toBe(403);
    expect((await get(meetingsUrl())).statusCode).toBe(401);
    expect((await get('/api/audits/audit-none/meetings', auditor)).statusCode).toBe(404);
  });

  it('describes both routes in the OpenAPI document, with each path parameter', async () => {
    const doc = (await get('/api/openapi.json')).json();
    const answer = doc.paths['/api/audits/{id}/meetings/{meetingId}/response'].post;
    expect(answer.parameters.map((p: { name: string }) => p.name)).toEqual(['id', 'meetingId']);
    expect(answer.requestBody.content['application/json'].schema.properties.decision).toBeDefined();
    expect(doc.paths['/api/audits/{id}/meetings'].get.parameters.map((p: { name: string }) => p.name)).toEqual(['id']);
  });
});
