import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import { completeForm } from '../fixtures/completeForm';
import type { AuditDetail, PublishResponse, RoundPreview } from '../../shared/api/contracts';
import { closeRoundPreview, closeRoundResponse, type CloseRoundPreview } from '../../shared/api/roundCloseContracts';
import type { ChildCase } from '../../shared/schemas/cases';
import type { Audit } from '../../shared/schemas/audits';
import { caseIdForRef } from '../../shared/imports/caseRegisterImport';
import { isAwaitingSubmission } from '../../shared/lifecycle/auditLifecycle';
import { allPages, type WithETag } from '../../bot/store/storeInterface';

// Rounds drafted on Monday 02/11/2026 are due on Monday 30/11/2026 by default.
let now = new Date('2026-11-02T10:00:00.000Z');
const auditorIds = ['tm-cp-north', 'tm-children-in-care', 'tm-mash'];
let t: TestApp;
let lead: string;
let closing: PublishResponse;
let draft: RoundPreview;

const get = (url: string, cookie: string) => t.app.server.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, payload: object, cookie: string) => t.app.server.inject({ method: 'POST', url, payload, headers: { cookie } });

async function allCases(): Promise<WithETag<ChildCase>[]> {
  const out: WithETag<ChildCase>[] = [];
  for (const team of await t.app.store.teams.listAll()) out.push(...(await allPages((p) => t.app.store.cases.listByTeam(team.id, p))));
  return out;
}

async function auditsOf(round: PublishResponse): Promise<WithETag<Audit>[]> {
  const out: WithETag<Audit>[] = [];
  for (const id of round.auditIds) {
    const a = await t.app.store.audits.get(id);
    if (a) out.push(a);
  }
  return out;
}

/** The auditor completes and submits the audit through the API, as in the tab. */
async function submit(audit: Audit): Promise<void> {
  const cookie = await t.signIn(audit.auditorId);
  const d: AuditDetail = (await get(`/api/audits/${audit.id}`, cookie)).json();
  const saved = await t.app.server.inject({ method: 'PUT', url: `/api/audits/${audit.id}/form`, payload: { etag: d.audit.etag, form: completeForm(d, '2026-11-02') }, headers: { cookie } });
  expect(saved.statusCode, saved.body).toBe(200);
  const done = await post(`/api/audits/${audit.id}/submit`, { etag: saved.json().etag }, cookie);
  expect(done.statusCode, done.body).toBe(200);
}

const importedRef = 'CLS-0001';
const caseHeading =
  'Case reference,Initials,Date of birth,Expected date of birth,Team,Allocated worker,Legal status,Legal status history,Living situation,Disability,Most recent referral,Past teams,Past workers';

async function importOneCase(teamName: string): Promise<{ created: number }> {
  const csv = `${caseHeading}\n${importedRef},QZ,14/03/2015,,${teamName},,Child in need,,,no,,,\n`;
  const res = await post('/api/imports/cases/commit', { csv, acceptedCount: 1 }, lead);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await startTestApp({ clock: () => now, dispatcher: false });
  lead = await t.signIn(t.council.featured.qaLeadId);
  const teams = await t.app.store.teams.listAll();
  // An imported case (id from its reference), audited and submitted long ago: no round holds it.
  expect((await importOneCase(teams[0]!.name)).created).toBe(1);
  const a = await t.app.store.audits.get(t.council.audits[0]!.id);
  await t.app.store.audits.create(
    { ...a!, id: 'aud-imported-old', caseId: caseIdForRef(importedRef), caseSnapshot: { ...a!.caseSnapshot, caseRef: importedRef }, status: 'submitted', submittedAt: '2026-05-20T10:00:00.000Z', roundId: null },
    [],
  );

  const made: RoundPreview = (await post('/api/rounds', { month: '2026-11', auditType: 'managersMonthly', auditorIds, casesPerAuditor: 1, seed: 77 }, lead)).json();
  closing = (await post(`/api/rounds/${made.round.id}/publish`, { confirmConflicts: true }, lead)).json();
  expect(closing.auditIds).toHaveLength(3);
  draft = (await post('/api/rounds', { month: '2026-11', auditType: 'managersMonthly', auditorIds: [t.council.featured.managerId], casesPerAuditor: 2, seed: 78 }, lead)).json();
  expect(draft.round.status).toBe('draft');
  expect(draft.round.allocations.length).toBe(2);
  await submit((await auditsOf(closing))[0]!);
});
afterAll(async () => t?.stop());

describe('who may close a round', () => {
  it('is QA leads and the PSW only, and a refusal says nothing about the round', async () => {
    const worker = await t.signIn(t.council.featured.workerId);
    const manager = await t.signIn(t.council.featured.managerId);
    for (const cookie of [worker, manager]) {
      expect((await get(`/api/rounds/${closing.round.id}/close`, cookie)).statusCode).toBe(403);
      const res = await post(`/api/rounds/${closing.round.id}/close`, { reason: 'Trying it out anyway' }, cookie);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(closing.round.id);
    }
    expect((await t.app.server.inject({ method: 'POST', url: `/api/rounds/${closing.round.id}/close`, payload: {} })).statusCode).toBe(401);
    expect((await t.app.store.rounds.get(closing.round.id))?.status).toBe('published');
  });

  it('refuses a draft round and an unknown one', async () => {
    const res = await post(`/api/rounds/${draft.round.id}/close`, { reason: 'Not needed any more' }, lead);
    expect(res.statusCode).toBe(409);
    expect((await t.app.store.rounds.get(draft.round.id))?.status).toBe('draft');
    expect((await post('/api/rounds/rnd_none/close', { reason: 'Not needed any more' }, lead)).statusCode).toBe(404);
  });
});

describe('closing a round and purging the case register', () => {
  let preview: CloseRoundPreview;
  let before: WithETag<ChildCase>[];

  it('previews what would go, in counts, and asks for a reason before the due date', async () => {
    before = await allCases();
    const res = await get(`/api/rounds/${closing.round.id}/close`, lead);
    expect(res.statusCode, res.body).toBe(200);
    preview = closeRoundPreview.parse(res.json());
    expect(preview).toMatchObject({ roundId: closing.round.id, dueDate: '2026-11-30', reasonRequired: true, openAuditsInRound: 2 });
    const { removable, keptInOpenRounds, keptWithOpenAudits } = preview.purge;
    expect(removable + keptInOpenRounds + keptWithOpenAudits).toBe(before.length);
    expect(keptInOpenRounds).toBe(2); // the draft round's cases
    expect(removable).toBeGreaterThan(150);
    // The preview changed nothing.
    expect(await allCases()).toHaveLength(before.length);
  });

  it('refuses to close before the due date without a reason', async () => {
    const none = await post(`/api/rounds/${closing.round.id}/close`, {}, lead);
    expect(none.statusCode).toBe(400);
    expect(none.json().fields[0].field).toBe('body.reason');
    const short = await post(`/api/rounds/${closing.round.id}/close`, { reason: 'no' }, lead);
    expect(short.statusCode).toBe(400);
    expect((await t.app.store.rounds.get(closing.round.id))?.status).toBe('published');
    expect(await allCases()).toHaveLength(before.length);
  });

  it('finishes a purge cut short by a crash when closed again, counting every removed row once', async () => {
    const cases = t.app.store.cases;
    const realDelete = cases.delete.bind(cases);
    let deletes = 0;
    cases.delete = async (id, etag) => {
      if (++deletes > 150) throw new Error('simulated crash');
      return realDelete(id, etag);
    };
    try {
      const crashed = await post(`/api/rounds/${closing.round.id}/close`, { reason: 'Every auditor has told us they are done early' }, lead);
      expect(crashed.statusCode).toBe(500);
    } finally {
      cases.delete = realDelete;
    }
    const half = await t.app.store.rounds.get(closing.round.id);
    expect(half).toMatchObject({ status: 'closed', closedById: t.council.featured.qaLeadId, closeReason: 'Every auditor has told us they are done early' });
    expect(half?.purge).toMatchObject({ registerRowsRemoved: 100, completedAt: null });
    expect(half?.purge?.pendingCaseIds).toHaveLength(100);
    expect(await allCases()).toHaveLength(before.length - 150);

    // Closing again needs no reason: the round is closed; the purge is finished.
    const res = await post(`/api/rounds/${closing.round.id}/close`, {}, lead);
    expect(res.statusCode, res.body).toBe(200);
    const body = closeRoundResponse.parse(res.json());
    expect(body.removed).toBe(preview.purge.removable - 150);
    expect(body.round.status).toBe('closed');
    expect(body.round.purge).toMatchObject({ registerRowsRemoved: preview.purge.removable, completedAt: now.toISOString(), pendingCaseIds: [] });
    expect(body.keptInOpenRounds).toBe(2);
    expect(await allCases()).toHaveLength(before.length - preview.purge.removable);
  });

  it('keeps exactly the cases of open rounds and of open audits; the audited case of the closed round is gone', async () => {
    const left = await allCases();
    const inDraft = new Set(draft.round.allocations.map((a) => a.caseId));
    for (const c of left) {
      if (inDraft.has(c.id)) continue;
      const audits = await allPages((p) => t.app.store.audits.listByCase(c.id, p));
      expect(audits.some((a) => isAwaitingSubmission(a.status)), c.id).toBe(true);
    }
    for (const id of inDraft) expect(await t.app.store.cases.get(id)).not.toBeNull();
    const [submitted, ...open] = await auditsOf(closing);
    expect(submitted?.status).toBe('submitted');
    expect(await t.app.store.cases.get(submitted!.caseId)).toBeNull();
    for (const a of open) expect(await t.app.store.cases.get(a.caseId)).not.toBeNull();
    expect(await t.app.store.cases.getByRef(importedRef)).toBeNull();
  });

  it('leaves the audits readable from their snapshot: the audit, My audits, team audits and the round', async () => {
    const [submitted] = await auditsOf(closing);
    const auditor = await t.signIn(submitted!.auditorId);
    const d = await get(`/api/audits/${submitted!.id}`, auditor);
    expect(d.statusCode, d.body).toBe(200);
    expect((d.json() as AuditDetail).audit.caseSnapshot.caseRef).toBe(submitted!.caseSnapshot.caseRef);
    const mine = await get('/api/my/audits', auditor);
    expect(mine.statusCode).toBe(200);
    expect(mine.body).toContain(submitted!.id);
    const qa = await get(`/api/audits/${submitted!.id}`, lead);
    expect(qa.statusCode).toBe(200);
    const team = await t.app.store.teams.get(submitted!.caseSnapshot.teamId);
    expect(team?.managerId).toBeTruthy();
    const teamAudits = await get(`/api/team/audits?teamId=${team!.id}&limit=500`, await t.signIn(team!.managerId!));
    expect(teamAudits.statusCode, teamAudits.body).toBe(200);
    expect(teamAudits.body).toContain(submitted!.id);
    const round = await get(`/api/rounds/${closing.round.id}`, lead);
    expect(round.statusCode).toBe(200);
    const view: RoundPreview = round.json();
    expect(view.round.status).toBe('closed');
    expect(view.allocations.find((a) => a.caseId === submitted!.caseId)?.caseRef).toBe(submitted!.caseSnapshot.caseRef);
    const actions = await t.app.store.actions.listByCase(submitted!.caseId);
    expect(actions.items.every((a) => a.caseId === submitted!.caseId)).toBe(true);
    // A closed round cannot be published again.
    expect((await post(`/api/rounds/${closing.round.id}/publish`, { confirmConflicts: true }, lead)).statusCode).toBe(409);
  });

  it('is idempotent: closing again removes nothing more and keeps the count', async () => {
    const res = await post(`/api/rounds/${closing.round.id}/close`, {}, lead);
    expect(res.statusCode).toBe(200);
    const body = closeRoundResponse.parse(res.json());
    expect(body.removed).toBe(0);
    expect(body.round.purge?.registerRowsRemoved).toBe(preview.purge.removable);
    expect(body.round.closeReason).toBe('Every auditor has told us they are done early');
  });

  it("removes a case once its audit is submitted, when the round is closed again after the due date", async () => {
    const open = (await auditsOf(closing)).filter((a) => isAwaitingSubmission(a.status));
    expect(open).toHaveLength(2);
    await submit(open[0]!);
    now = new Date('2026-12-02T10:00:00.000Z');
    lead = await t.signIn(t.council.featured.qaLeadId);
    const p = closeRoundPreview.parse((await get(`/api/rounds/${closing.round.id}/close`, lead)).json());
    expect(p).toMatchObject({ reasonRequired: false, openAuditsInRound: 1, purge: { removable: 1 } });
    const body = closeRoundResponse.parse((await post(`/api/rounds/${closing.round.id}/close`, {}, lead)).json());
    expect(body.removed).toBe(1);
    expect(body.round.purge?.registerRowsRemoved).toBe(preview.purge.removable + 1);
    expect(await t.app.store.cases.get(open[0]!.caseId)).toBeNull();
    expect(await t.app.store.cases.get(open[1]!.caseId)).not.toBeNull();
  });

  it('lets a re-import bring a purged case back under the same id, so its audits still link to it', async () => {
    const teams = await t.app.store.teams.listAll();
    expect((await importOneCase(teams[0]!.name)).created).toBe(1);
    const back = await t.app.store.cases.getByRef(importedRef);
    expect(back?.id).toBe(caseIdForRef(importedRef));
    expect((await t.app.store.audits.listByCase(back!.id)).items.map((a) => a.id)).toContain('aud-imported-old');
  });
});

describe('closing after the due date', () => {
  it('needs no reason, and the round lists as closed', async () => {
    const made: RoundPreview = (await post('/api/rounds', { month: '2026-12', auditType: 'managersMonthly', auditorIds: ['tm-mash'], casesPerAuditor: 1, seed: 79 }, lead)).json();
    expect(made.round?.id, JSON.stringify(made)).toBeDefined();
    await post(`/api/rounds/${made.round.id}/publish`, { confirmConflicts: true }, lead);
    now = new Date('2027-01-05T10:00:00.000Z');
    lead = await t.signIn(t.council.featured.qaLeadId);
    const res = await post(`/api/rounds/${made.round.id}/close`, {}, lead);
    expect(res.statusCode, res.body).toBe(200);
    expect(closeRoundResponse.parse(res.json()).round).toMatchObject({ status: 'closed', closeReason: null, closedAt: now.toISOString() });
    const list = (await get('/api/rounds?month=2026-12', lead)).json() as { items: { id: string; status: string }[] };
    expect(list.items.find((r) => r.id === made.round.id)?.status).toBe('closed');
  });
});
