import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import type { RoundPreview } from '../../shared/api/contracts';
import { swapCandidatesResponse, type SwapCandidatesResponse } from '../../shared/api/swapCandidateContracts';
import type { ChildCase } from '../../shared/schemas/cases';
import { londonDate } from '../../shared/calendar/londonTime';
import { monthsBefore } from '../../shared/allocation/allocation';
import { allPages } from '../../bot/store/storeInterface';

// A fixed Monday early in the month, so the default due date is still ahead.
const now = new Date('2026-11-02T10:00:00.000Z');
const today = londonDate(now);
const auditorIds = ['tm-cp-north', 'tm-children-in-care', 'tm-mash'];

let t: TestApp;
let lead: string;

beforeAll(async () => {
  t = await startTestApp({ clock: () => now, dispatcher: false });
  lead = await t.signIn(t.council.featured.qaLeadId);
});
afterAll(async () => t?.stop());

const get = (url: string, cookie?: string) => t.app.server.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const post = (url: string, payload: object, cookie: string) => t.app.server.inject({ method: 'POST', url, payload, headers: { cookie } });

async function createRound(over: Record<string, unknown> = {}): Promise<RoundPreview> {
  const res = await post('/api/rounds', { month: '2026-11', auditType: 'managersMonthly', auditorIds, casesPerAuditor: 2, seed: 20261102, ...over }, lead);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function candidates(roundId: string, query: Record<string, string>, cookie = lead): Promise<SwapCandidatesResponse> {
  const res = await get(`/api/rounds/${roundId}/swap-candidates?${new URLSearchParams(query).toString()}`, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return swapCandidatesResponse.parse(res.json());
}

const cutoff = monthsBefore(today, 12);
/** Audited within the re-audit interval, counting audits this file's earlier tests published. */
const auditedRecently = async (caseId: string) =>
  (await allPages((p) => t.app.store.audits.listByCase(caseId, p))).some(
    (a) => !['withdrawn', 'exempted'].includes(a.status) && londonDate(new Date(a.allocatedAt)) > cutoff,
  );

describe('swap candidates: who may ask and what they must send', () => {
  it('is for QA leads and the PSW (403 otherwise, 401 signed out), and names bad query fields', async () => {
    const round = await createRound();
    const caseId = round.allocations[0]?.caseId ?? '';
    const worker = await t.signIn(t.council.featured.workerId);
    expect((await get(`/api/rounds/${round.round.id}/swap-candidates?caseId=${caseId}`, worker)).statusCode).toBe(403);
    expect((await get(`/api/rounds/${round.round.id}/swap-candidates?caseId=${caseId}`)).statusCode).toBe(401);

    const missing = await get(`/api/rounds/${round.round.id}/swap-candidates`, lead);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields.map((f: { field: string }) => f.field)).toContain('query.caseId');
    const tooMany = await get(`/api/rounds/${round.round.id}/swap-candidates?caseId=${caseId}&limit=500`, lead);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().fields[0].field).toBe('query.limit');
    const notInRound = await get(`/api/rounds/${round.round.id}/swap-candidates?caseId=case-nowhere`, lead);
    expect(notInRound.statusCode).toBe(400);
    expect(notInRound.json().fields[0].field).toBe('query.caseId');
    expect((await get(`/api/rounds/rnd-nowhere/swap-candidates?caseId=${caseId}`, lead)).statusCode).toBe(404);
  });

  it('refuses once the round is published', async () => {
    const round = await createRound({ seed: 77 });
    expect((await post(`/api/rounds/${round.round.id}/publish`, { confirmConflicts: true }, lead)).statusCode).toBe(200);
    const res = await get(`/api/rounds/${round.round.id}/swap-candidates?caseId=${round.allocations[0]?.caseId ?? ''}`, lead);
    expect(res.statusCode).toBe(409);
  });
});

describe('swap candidates: what is offered', () => {
  it('offers only open cases outside the round and the re-audit interval, in reference order, paged, each with the rule that decides it', async () => {
    const round = await createRound();
    const first = round.allocations[0];
    if (!first) throw new Error('no allocation');
    const inRound = new Set(round.allocations.map((a) => a.caseId));
    const all: SwapCandidatesResponse['items'] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: SwapCandidatesResponse = await candidates(round.round.id, { caseId: first.caseId, limit: '40', ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(40);
      all.push(...page.items);
      cursor = page.next;
      pages++;
    } while (cursor && pages < 100);
    expect(pages).toBeGreaterThan(1);

    const expected: ChildCase[] = [];
    for (const c of t.council.cases) if (c.open && !inRound.has(c.id) && !(await auditedRecently(c.id))) expected.push(c);
    expect(all.map((c) => c.caseId).sort()).toEqual(expected.map((c) => c.id).sort());
    const refs = all.map((c) => c.caseRef.toUpperCase());
    expect(refs).toEqual([...refs].sort());
    for (const c of all) {
      const record = t.council.cases.find((x) => x.id === c.caseId) as ChildCase;
      expect(c.caseRef).toBe(record.caseRef);
      expect(c.legalStatus).toBe(record.legalStatus);
      expect(c.reason.length).toBeGreaterThan(0);
      if (record.workerId === first.auditorId) expect(c).toMatchObject({ choosable: false, reason: expect.stringMatching(/allocated worker/) });
      // With conflict-free cases to spare, a linked case is never offered.
      if (c.conflicts.length > 0) expect(c.choosable).toBe(false);
    }
    expect(all.some((c) => c.choosable && c.conflicts.length === 0)).toBe(true);
    expect(all.some((c) => !c.choosable && c.conflicts.length > 0)).toBe(true);
  });

  it('finds cases by part of a case reference or a team name', async () => {
    const round = await createRound();
    const first = round.allocations[0];
    if (!first) throw new Error('no allocation');
    const some = (await candidates(round.round.id, { caseId: first.caseId })).items[0];
    if (!some) throw new Error('no candidate');
    const byRef = await candidates(round.round.id, { caseId: first.caseId, q: some.caseRef.slice(-3).toLowerCase() });
    expect(byRef.items.map((c) => c.caseId)).toContain(some.caseId);
    expect(byRef.items.every((c) => c.caseRef.toUpperCase().includes(some.caseRef.slice(-3).toUpperCase()) || c.teamName.toUpperCase().includes(some.caseRef.slice(-3).toUpperCase()))).toBe(true);
    const byTeam = await candidates(round.round.id, { caseId: first.caseId, q: 'leaving care', limit: '100' });
    expect(byTeam.items.length).toBeGreaterThan(0);
    expect(byTeam.items.every((c) => c.teamName === 'Leaving care')).toBe(true);
  });

  it('swaps in a conflict-free candidate, and the preview shows it', async () => {
    const round = await createRound({ seed: 4242 });
    const first = round.allocations[0];
    if (!first) throw new Error('no allocation');
    const clean = (await candidates(round.round.id, { caseId: first.caseId, limit: '100' })).items.find((c) => c.choosable && c.conflicts.length === 0);
    if (!clean) throw new Error('no conflict-free candidate');
    const res = await post(`/api/rounds/${round.round.id}/swap`, { caseId: first.caseId, newCaseId: clean.caseId }, lead);
    expect(res.statusCode, res.body).toBe(200);
    const after: RoundPreview = res.json();
    expect(after.allocations.find((a) => a.caseId === clean.caseId)).toMatchObject({ auditorId: first.auditorId, caseRef: clean.caseRef, conflicts: [] });
    // The case given up is offered again; the one taken is not.
    const again = await candidates(round.round.id, { caseId: clean.caseId, limit: '100', q: clean.caseRef });
    expect(again.items.map((c) => c.caseId)).not.toContain(clean.caseId);
  });
});

describe('swapping in a case with an unavoidable conflict', () => {
  let u: TestApp;
  let leadU: string;
  beforeAll(async () => {
    u = await startTestApp({ clock: () => now, dispatcher: false });
    leadU = await u.signIn(u.council.featured.qaLeadId);
    // Only the auditor's own team's cases stay open: every choice links them to the case.
    for (const team of await u.app.store.teams.listAll()) {
      if (team.id === 'team-cp-north') continue;
      for (const c of await allPages((p) => u.app.store.cases.listByTeam(team.id, p))) if (c.open) await u.app.store.cases.put({ ...c, open: false }, c.etag);
    }
  });
  afterAll(async () => u?.stop());

  it('offers the linked cases flagged, and swaps only once the lead confirms', async () => {
    const draft = await u.app.server.inject({
      method: 'POST',
      url: '/api/rounds',
      payload: { month: '2026-11', auditType: 'managersMonthly', auditorIds: ['tm-cp-north'], casesPerAuditor: 1, seed: 5 },
      headers: { cookie: leadU },
    });
    expect(draft.statusCode, draft.body).toBe(200);
    const round: RoundPreview = draft.json();
    const held = round.allocations[0];
    if (!held) throw new Error('no allocation');
    expect(held.conflicts).toContain('ownTeamCurrent');

    const res = await u.app.server.inject({ method: 'GET', url: `/api/rounds/${round.round.id}/swap-candidates?caseId=${held.caseId}&limit=100`, headers: { cookie: leadU } });
    const offered = swapCandidatesResponse.parse(res.json()).items;
    const linked = offered.find((c) => c.choosable);
    if (!linked) throw new Error('no linked candidate offered');
    expect(linked.conflicts).toContain('ownTeamCurrent');
    expect(linked.reason).toMatch(/needs your confirmation/);

    const swap = (confirmConflicts?: boolean) =>
      u.app.server.inject({
        method: 'POST',
        url: `/api/rounds/${round.round.id}/swap`,
        payload: { caseId: held.caseId, newCaseId: linked.caseId, ...(confirmConflicts === undefined ? {} : { confirmConflicts }) },
        headers: { cookie: leadU },
      });
    const unconfirmed = await swap();
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json().fields[0].field).toBe('body.confirmConflicts');
    expect((await u.app.store.rounds.get(round.round.id))?.allocations.map((a) => a.caseId)).toEqual([held.caseId]);

    const confirmed = await swap(true);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const after: RoundPreview = confirmed.json();
    expect(after.allocations).toEqual([expect.objectContaining({ caseId: linked.caseId, auditorId: 'tm-cp-north', conflicts: linked.conflicts })]);
    expect(after.needsConfirmation).toBe(true);
  });
});
