import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import type { PublishResponse, RoundPreview } from '../../shared/api/contracts';
import { exemptionDecisionResponse, exemptionListResponse, exemptionView, type ExemptionView } from '../../shared/api/exemptionContracts';
import { exemptionNoticeId } from '../../bot/delivery/exemptionNotice';
import { cardPayload } from '../../bot/delivery/allocationNotice';
import { cardText } from '../../shared/cards/cardChecks';

// A Monday early in November 2026: December and January are ahead, October is past.
const now = new Date('2026-11-02T10:00:00.000Z');
let t: TestApp;
const cookies: Record<string, string> = {};

/**
 * People of the demo council: the auditor is a team manager whose line manager is the head of
 * service; that head of service's deputy is another team manager (Hazel Wren, the featured auditor).
 */
const AUDITOR = 'tm-cp-south';
const LINE_MANAGER = 'hos-cin-cp';
const DEPUTY = 'tm-cp-north';
const LEAD = 'qa-lead';
const PSW = 'psw';
const WORKER = 'sw-leaving-care-1';
const OTHER_MANAGER = 'tm-leaving-care';

const REASON = 'Long leave over the winter for a family matter';

beforeAll(async () => {
  t = await startTestApp({ clock: () => now, dispatcher: false });
  for (const id of [AUDITOR, LINE_MANAGER, DEPUTY, LEAD, PSW, WORKER, OTHER_MANAGER]) cookies[id] = await t.signIn(id);
});
afterAll(async () => t?.stop());

const as = (who: string): string => {
  const c = cookies[who];
  if (!c) throw new Error(`not signed in: ${who}`);
  return c;
};
const get = (url: string, who: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie: as(who) } });
const post = (url: string, payload: unknown, who: string) => t.app.server.inject({ method: 'POST', url, payload: payload as object, headers: { cookie: as(who) } });
const fieldsOf = (res: { json(): unknown }): string[] => ((res.json() as { fields?: { field: string }[] }).fields ?? []).map((f) => f.field);
const messageFor = (res: { json(): unknown }, field: string): string | undefined =>
  ((res.json() as { fields?: { field: string; message: string }[] }).fields ?? []).find((f) => f.field === field)?.message;

async function ask(who: string, body: Record<string, unknown>): Promise<ExemptionView> {
  const res = await post('/api/exemptions', { reason: REASON, ...body }, who);
  expect(res.statusCode, res.body).toBe(200);
  return exemptionView.parse(res.json());
}
const ids = async (url: string, who: string): Promise<string[]> => {
  const res = await get(url, who);
  expect(res.statusCode, res.body).toBe(200);
  return exemptionListResponse.parse(res.json()).items.map((i) => i.id);
};

describe('asking to be excused', () => {
  it('records the request for the signed-in auditor and tells their line manager, without the reason', async () => {
    const made = await ask(AUDITOR, { fromMonth: '2026-12', toMonth: '2027-01', auditTypes: ['deepDive'] });
    expect(made).toMatchObject({ auditorId: AUDITOR, months: ['2026-12', '2027-01'], auditTypes: ['deepDive'], reason: REASON, status: 'requested', lineManagerView: null, decision: null });
    const notice = await t.app.store.outbox.get(exemptionNoticeId(made.id));
    expect(notice).toMatchObject({ recipientId: LINE_MANAGER, kind: 'exemptionRequested', status: 'queued' });
    const payload = cardPayload.parse(notice?.payload);
    const auditorName = t.council.staff.find((s) => s.id === AUDITOR)?.displayName ?? '';
    expect(cardText(payload.card)).toContain(`${auditorName} has asked to be excused from auditing in December 2026 to January 2027.`);
    expect(JSON.stringify(notice)).not.toContain('family matter');

    expect(await ids('/api/exemptions/mine', AUDITOR)).toContain(made.id);
    expect(await ids('/api/exemptions/mine', OTHER_MANAGER)).not.toContain(made.id);
    expect(await ids('/api/exemptions/awaiting-my-view', LINE_MANAGER)).toContain(made.id);
    expect(await ids('/api/exemptions/awaiting-my-view', DEPUTY)).toContain(made.id);
    expect(await ids('/api/exemptions/awaiting-my-view', OTHER_MANAGER)).not.toContain(made.id);
    expect(await ids('/api/exemptions/awaiting-my-view', AUDITOR)).not.toContain(made.id);
    expect(await ids('/api/exemptions/undecided', LEAD)).toContain(made.id);

    // One undecided request per month: a second for January is refused until the first is settled.
    const again = await post('/api/exemptions', { fromMonth: '2027-01', reason: 'Still away' }, AUDITOR);
    expect(again.statusCode).toBe(409);
    expect(fieldsOf(again)).toEqual(['body.fromMonth']);
  });

  it('covers every audit type, and one month, unless told otherwise', async () => {
    const made = await ask(OTHER_MANAGER, { fromMonth: '2026-11' });
    expect(made.months).toEqual(['2026-11']);
    expect(made.auditTypes).toEqual(['childsJourneyMonthly', 'deepDive', 'managersMonthly']);
  });

  it('names each field it refuses, and saves nothing', async () => {
    const before = await ids('/api/exemptions/mine', WORKER);
    const past = await post('/api/exemptions', { fromMonth: '2026-10', toMonth: '2026-12', reason: REASON }, WORKER);
    expect(past.statusCode).toBe(400);
    expect(messageFor(past, 'body.fromMonth')).toMatch(/past/);
    const backwards = await post('/api/exemptions', { fromMonth: '2027-02', toMonth: '2027-01', reason: REASON }, WORKER);
    expect(fieldsOf(backwards)).toEqual(['body.toMonth']);
    const tooLong = await post('/api/exemptions', { fromMonth: '2026-12', toMonth: '2027-06', reason: REASON }, WORKER);
    expect(messageFor(tooLong, 'body.toMonth')).toBe('makes the request longer than 6 months');
    const bad = await post('/api/exemptions', { fromMonth: '2026-13', reason: '  ', auditTypes: [] }, WORKER);
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(['body.auditTypes', 'body.fromMonth', 'body.reason']);
    expect(fieldsOf(await post('/api/exemptions', { fromMonth: '2026-12', reason: REASON, auditTypes: ['audit'] }, WORKER))).toEqual(['body.auditTypes.0']);
    // Only for oneself: the body cannot name somebody else.
    const forOther = await post('/api/exemptions', { fromMonth: '2026-12', reason: REASON, auditorId: AUDITOR }, WORKER);
    expect(forOther.statusCode).toBe(400);
    expect(await ids('/api/exemptions/mine', WORKER)).toEqual(before);
    expect((await t.app.server.inject({ method: 'POST', url: '/api/exemptions', payload: { fromMonth: '2026-12', reason: REASON } })).statusCode).toBe(401);
  });
});

describe("the line manager's view and the decision", () => {
  let request: ExemptionView;
  let roundAuditIds: string[] = [];

  beforeAll(async () => {
    // A December round published before the request: its audit is the auditor's, allocated, not started.
    const draft = await post('/api/rounds', { month: '2026-12', auditType: 'managersMonthly', auditorIds: [AUDITOR], casesPerAuditor: 1, seed: 7 }, LEAD);
    expect(draft.statusCode, draft.body).toBe(200);
    const published = await post(`/api/rounds/${(draft.json() as RoundPreview).round.id}/publish`, { confirmConflicts: true }, LEAD);
    expect(published.statusCode, published.body).toBe(200);
    roundAuditIds = (published.json() as PublishResponse).auditIds;
    expect(roundAuditIds).toHaveLength(1);
    request = (await exemptionListResponse.parse((await get('/api/exemptions/mine', AUDITOR)).json())).items.find((i) => i.status === 'requested') as ExemptionView;
    expect(request).toBeDefined();
    // The request of the first test covers deep dives only; widen the test's subject to the managers' audit.
    const withdrawn = await post(`/api/exemptions/${request.id}/withdraw`, { etag: request.etag }, AUDITOR);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    request = await ask(AUDITOR, { fromMonth: '2026-12', toMonth: '2027-01', auditTypes: ['managersMonthly'] });
  });

  it('takes the view of the line manager or their deputy only, once, and conditional on the version', async () => {
    const body = { etag: request.etag, supports: true, comment: 'Agreed at supervision; cover is arranged.' };
    for (const who of [WORKER, LEAD, OTHER_MANAGER, AUDITOR]) expect((await post(`/api/exemptions/${request.id}/line-manager-view`, body, who)).statusCode, who).toBe(403);
    // Refused before the body is read: a bad body from someone else is still 403.
    expect((await post(`/api/exemptions/${request.id}/line-manager-view`, {}, WORKER)).statusCode).toBe(403);
    const missing = await post(`/api/exemptions/${request.id}/line-manager-view`, { etag: request.etag, supports: 'yes', comment: ' ' }, LINE_MANAGER);
    expect(missing.statusCode).toBe(400);
    expect(fieldsOf(missing).sort()).toEqual(['body.comment', 'body.supports']);
    expect((await post(`/api/exemptions/${request.id}/line-manager-view`, { ...body, etag: '999' }, LINE_MANAGER)).statusCode).toBe(409);
    expect((await post('/api/exemptions/exm_nothing/line-manager-view', body, LINE_MANAGER)).statusCode).toBe(404);

    const res = await post(`/api/exemptions/${request.id}/line-manager-view`, body, LINE_MANAGER);
    expect(res.statusCode, res.body).toBe(200);
    const viewed = exemptionView.parse(res.json());
    expect(viewed.status).toBe('lineManagerConsulted');
    expect(viewed.lineManagerView).toMatchObject({ supports: true, comment: body.comment, byId: LINE_MANAGER, at: now.toISOString() });
    expect(viewed.etag).not.toBe(request.etag);
    // Given once: the deputy cannot overwrite it.
    expect((await post(`/api/exemptions/${request.id}/line-manager-view`, { ...body, etag: viewed.etag, supports: false }, DEPUTY)).statusCode).toBe(409);
    expect(await ids('/api/exemptions/awaiting-my-view', LINE_MANAGER)).not.toContain(request.id);
    request = viewed;
  });

  it('is decided by a QA lead only, with a note to refuse, conditional on the version; audits are listed, not changed', async () => {
    const audit = await t.app.store.audits.get(roundAuditIds[0] ?? '');
    expect(audit?.status).toBe('allocated');
    for (const who of [WORKER, LINE_MANAGER, AUDITOR]) expect((await post(`/api/exemptions/${request.id}/decision`, { etag: request.etag, outcome: 'agreed' }, who)).statusCode, who).toBe(403);
    const noNote = await post(`/api/exemptions/${request.id}/decision`, { etag: request.etag, outcome: 'refused' }, LEAD);
    expect(noNote.statusCode).toBe(400);
    expect(messageFor(noNote, 'body.note')).toMatch(/why the request is refused/);
    expect(fieldsOf(await post(`/api/exemptions/${request.id}/decision`, { etag: request.etag, outcome: 'maybe' }, LEAD))).toEqual(['body.outcome']);
    expect((await post(`/api/exemptions/${request.id}/decision`, { etag: '1', outcome: 'agreed' }, LEAD)).statusCode).toBe(409);

    const res = await post(`/api/exemptions/${request.id}/decision`, { etag: request.etag, outcome: 'agreed' }, LEAD);
    expect(res.statusCode, res.body).toBe(200);
    const decided = exemptionDecisionResponse.parse(res.json());
    expect(decided.exemption.status).toBe('agreed');
    expect(decided.exemption.decision).toMatchObject({ outcome: 'agreed', note: '', byId: LEAD, lineManagerConsulted: true });
    expect(decided.auditsToReassign).toEqual([
      { auditId: audit?.id, roundId: audit?.roundId, caseRef: audit?.caseSnapshot.caseRef, initials: audit?.caseSnapshot.initials, auditType: 'managersMonthly', dueDate: audit?.dueDate },
    ]);
    // Nothing was done to the audit itself.
    expect(await t.app.store.audits.get(audit?.id ?? '')).toEqual(audit);

    // Final: no second decision, no withdrawal.
    const etag = decided.exemption.etag;
    expect((await post(`/api/exemptions/${request.id}/decision`, { etag, outcome: 'refused', note: 'Changed my mind' }, PSW)).statusCode).toBe(409);
    expect((await post(`/api/exemptions/${request.id}/withdraw`, { etag }, AUDITOR)).statusCode).toBe(409);
    expect(await ids('/api/exemptions/undecided', LEAD)).not.toContain(request.id);
    expect(await ids('/api/exemptions/recent-decisions', LEAD)).toContain(request.id);
    expect((await get('/api/exemptions/undecided', WORKER)).statusCode).toBe(403);
    expect((await get('/api/exemptions/recent-decisions', LINE_MANAGER)).statusCode).toBe(403);
    const mine = exemptionListResponse.parse((await get('/api/exemptions/mine', AUDITOR)).json()).items.find((i) => i.id === request.id);
    expect(mine?.decision?.byName).toBe(t.council.staff.find((s) => s.id === LEAD)?.displayName);
  });

  it('keeps an exempted auditor out of a new round for a covered month and audit type only', async () => {
    const refused = await post('/api/rounds', { month: '2026-12', auditType: 'managersMonthly', auditorIds: [DEPUTY, AUDITOR], casesPerAuditor: 1, seed: 8 }, LEAD);
    expect(refused.statusCode).toBe(400);
    expect((refused.json() as { fields: unknown[] }).fields).toEqual([{ field: 'body.auditorIds.1', message: 'has an agreed exemption for December 2026' }]);
    const january = await post('/api/rounds', { month: '2027-01', auditType: 'managersMonthly', auditorIds: [AUDITOR], casesPerAuditor: 1, seed: 8 }, LEAD);
    expect(messageFor(january, 'body.auditorIds.0')).toBe('has an agreed exemption for January 2027');
    // Another month, or another audit type, is not covered.
    expect((await post('/api/rounds', { month: '2027-02', auditType: 'managersMonthly', auditorIds: [AUDITOR], casesPerAuditor: 1, seed: 8 }, LEAD)).statusCode).toBe(200);
    const deepDive = await post('/api/rounds', { month: '2026-12', auditType: 'deepDive', auditorIds: [AUDITOR], casesPerAuditor: 1, seed: 8, calendarOverrideReason: 'Extra deep dive this winter' }, LEAD);
    expect(deepDive.statusCode, deepDive.body).toBe(200);
  });

  it("lets a lead decide without the line manager's view only with a note, recorded as not consulted", async () => {
    const made = await ask(OTHER_MANAGER, { fromMonth: '2027-03' });
    const bare = await post(`/api/exemptions/${made.id}/decision`, { etag: made.etag, outcome: 'agreed', note: '  ' }, LEAD);
    expect(bare.statusCode).toBe(400);
    expect(messageFor(bare, 'body.note')).toMatch(/without the line manager/);
    const res = await post(`/api/exemptions/${made.id}/decision`, { etag: made.etag, outcome: 'refused', note: 'Line manager on long leave; this month is needed for the deep dive.' }, PSW);
    expect(res.statusCode, res.body).toBe(200);
    const decided = exemptionDecisionResponse.parse(res.json());
    expect(decided.exemption).toMatchObject({ status: 'refused', lineManagerView: null });
    expect(decided.exemption.decision).toMatchObject({ outcome: 'refused', byId: PSW, lineManagerConsulted: false });
    expect(decided.auditsToReassign).toEqual([]);
  });

  it('stops a drafted round from being published once one of its auditors is excused for its month', async () => {
    const draft = await post('/api/rounds', { month: '2027-05', auditType: 'managersMonthly', auditorIds: [OTHER_MANAGER], casesPerAuditor: 1, seed: 9 }, LEAD);
    expect(draft.statusCode, draft.body).toBe(200);
    const roundId = (draft.json() as RoundPreview).round.id;
    const made = await ask(OTHER_MANAGER, { fromMonth: '2027-05' });
    const agreed = await post(`/api/exemptions/${made.id}/decision`, { etag: made.etag, outcome: 'agreed', note: 'Agreed: line manager on leave, capacity confirmed by the service.' }, LEAD);
    expect(agreed.statusCode, agreed.body).toBe(200);
    const publish = await post(`/api/rounds/${roundId}/publish`, { confirmConflicts: true }, LEAD);
    expect(publish.statusCode).toBe(409);
    expect(publish.json()).toMatchObject({ fields: [{ field: 'round.auditorIds.0', message: 'has an agreed exemption for May 2027' }] });
    expect((await t.app.store.rounds.get(roundId))?.status).toBe('draft');
  });

  it("never lets a lead decide their own request", async () => {
    const own = await ask(LEAD, { fromMonth: '2026-12' });
    expect((await post(`/api/exemptions/${own.id}/decision`, { etag: own.etag, outcome: 'agreed', note: 'Fine' }, LEAD)).statusCode).toBe(403);
    const res = await post(`/api/exemptions/${own.id}/decision`, { etag: own.etag, outcome: 'agreed', note: 'Agreed while the line manager is away' }, PSW);
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('withdrawing', () => {
  it('is for the auditor who asked, while undecided, conditional on the version', async () => {
    const made = await ask(DEPUTY, { fromMonth: '2027-02', toMonth: '2027-04' });
    for (const who of [LINE_MANAGER, LEAD, WORKER]) expect((await post(`/api/exemptions/${made.id}/withdraw`, { etag: made.etag }, who)).statusCode, who).toBe(403);
    expect(fieldsOf(await post(`/api/exemptions/${made.id}/withdraw`, {}, DEPUTY))).toEqual(['body.etag']);
    expect((await post(`/api/exemptions/${made.id}/withdraw`, { etag: '42' }, DEPUTY)).statusCode).toBe(409);
    const res = await post(`/api/exemptions/${made.id}/withdraw`, { etag: made.etag }, DEPUTY);
    expect(res.statusCode, res.body).toBe(200);
    const withdrawn = exemptionView.parse(res.json());
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawnAt: now.toISOString() });
    expect((await post(`/api/exemptions/${made.id}/withdraw`, { etag: withdrawn.etag }, DEPUTY)).statusCode).toBe(409);
    expect(await ids('/api/exemptions/undecided', LEAD)).not.toContain(made.id);
    // The month is free to ask about again.
    await ask(DEPUTY, { fromMonth: '2027-03' });
  });
});

describe('demo data', () => {
  it('has a request awaiting the featured manager and one ready for a QA lead', async () => {
    const managerCookie = await t.signIn(t.council.featured.managerId);
    const awaiting = await t.app.server.inject({ method: 'GET', url: '/api/exemptions/awaiting-my-view', headers: { cookie: managerCookie } });
    expect(exemptionListResponse.parse(awaiting.json()).items.map((i) => i.id)).toEqual(['exm-demo-deputy']);
    const undecided = exemptionListResponse.parse((await get('/api/exemptions/undecided', LEAD)).json()).items;
    expect(undecided.find((i) => i.id === 'exm-demo-manager')?.lineManagerView?.supports).toBe(true);
  });
});
