import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import type { PublishResponse, RoundPreview } from '../../shared/api/contracts';
import type { ChildCase } from '../../shared/schemas/cases';
import { londonDate } from '../../shared/calendar/londonTime';
import { monthsBefore } from '../../shared/allocation/allocation';
import { roundAuditId } from '../../shared/rounds/roundRules';

// A fixed Monday early in the month, so the default due date (30/11/2026) is still ahead.
const now = new Date('2026-11-02T10:00:00.000Z');
const today = londonDate(now);
let t: TestApp;
let lead: string;

beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
  lead = await t.signIn(t.council.featured.qaLeadId);
});
afterAll(async () => t?.stop());

const auditorIds = ['tm-cp-north', 'tm-children-in-care', 'tm-mash'];

async function get(url: string, cookie: string) {
  return t.app.server.inject({ method: 'GET', url, headers: { cookie } });
}
async function post(url: string, payload: unknown, cookie: string) {
  return t.app.server.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });
}
const roundBody = (over: Record<string, unknown> = {}) => ({ month: '2026-11', auditType: 'managersMonthly', auditorIds, casesPerAuditor: 2, seed: 20261102, ...over });

async function createRound(over: Record<string, unknown> = {}): Promise<RoundPreview> {
  const res = await post('/api/rounds', roundBody(over), lead);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const teamOf = (staffId: string) => t.council.staff.find((s) => s.id === staffId)?.teamId ?? null;
const cutoff = monthsBefore(today, 12);
/** Open and not audited within the re-audit interval: a case the round may take. */
function available(c: ChildCase): boolean {
  return c.open && !t.council.audits.some((a) => a.caseId === c.id && !['withdrawn', 'exempted'].includes(a.status) && londonDate(new Date(a.allocatedAt)) > cutoff);
}
/** No link between the auditor and the case, now or in its history. */
function cleanFor(auditorId: string, c: ChildCase): boolean {
  const team = teamOf(auditorId);
  const people = [c.workerId, ...c.pastWorkerIds].filter((x): x is string => x !== null);
  return c.teamId !== team && !c.pastTeamIds.includes(team ?? '') && !people.includes(auditorId) && !people.some((p) => teamOf(p) === team);
}

describe('who may run rounds', () => {
  it('refuses a worker (403), whatever they send', async () => {
    const worker = await t.signIn(t.council.featured.workerId);
    expect((await post('/api/rounds', roundBody(), worker)).statusCode).toBe(403);
    expect((await post('/api/rounds', { month: 'soon' }, worker)).statusCode).toBe(403);
    const round = await createRound();
    expect((await get(`/api/rounds/${round.round.id}`, worker)).statusCode).toBe(403);
    expect((await post(`/api/rounds/${round.round.id}/publish`, { confirmConflicts: true }, worker)).statusCode).toBe(403);
    expect((await get(`/api/rounds/${round.round.id}`, lead)).json().round.status).toBe('draft');
  });
});

describe('creating a round', () => {
  it('names the field that was not accepted', async () => {
    const cases = await post('/api/rounds', roundBody({ casesPerAuditor: 0 }), lead);
    expect(cases.statusCode).toBe(400);
    expect(cases.json().fields[0].field).toBe('body.casesPerAuditor');

    const month = await post('/api/rounds', roundBody({ month: '2026-13' }), lead);
    expect(month.json().fields[0].field).toBe('body.month');

    const unknown = await post('/api/rounds', roundBody({ auditorIds: ['tm-cp-north', 'nobody-here'] }), lead);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().fields).toEqual([{ field: 'body.auditorIds.1', message: 'is not a member of staff' }]);

    const weekend = await post('/api/rounds', roundBody({ dueDate: '2026-11-28' }), lead);
    expect(weekend.statusCode).toBe(400);
    expect(weekend.json().fields[0]).toMatchObject({ field: 'body.dueDate', message: expect.stringMatching(/not a working day/) });
  });

  it("refuses a Child's Journey round in December unless the lead gives a reason", async () => {
    const refused = await post('/api/rounds', roundBody({ month: '2026-12', auditType: 'childsJourneyMonthly' }), lead);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields[0]).toMatchObject({ field: 'body.calendarOverrideReason', message: expect.stringMatching(/December/) });

    const overridden = await createRound({ month: '2026-12', auditType: 'childsJourneyMonthly', calendarOverrideReason: 'Inspection preparation needs a December sample.' });
    expect(overridden.round.calendarOverrideReason).toBe('Inspection preparation needs a December sample.');
    expect(overridden.calendarRefusal).toMatch(/December/);
    expect(overridden.round.dueDate).toBe('2026-12-31');
  });

  it('previews allocations with their reasons, even loads and no avoidable conflict; the same seed gives the same round', async () => {
    const created = await createRound();
    expect(created.round).toMatchObject({ status: 'draft', dueDate: '2026-11-30', seed: 20261102, createdBy: t.council.featured.qaLeadId });
    const preview: RoundPreview = (await get(`/api/rounds/${created.round.id}`, lead)).json();
    expect(preview.allocations).toHaveLength(auditorIds.length * 2);
    for (const id of auditorIds) expect(preview.allocations.filter((a) => a.auditorId === id)).toHaveLength(2);
    expect(new Set(preview.allocations.map((a) => a.caseId)).size).toBe(preview.allocations.length);
    for (const a of preview.allocations) {
      expect(a.reason.length).toBeGreaterThan(10);
      expect(a.conflicts).toEqual([]);
      const c = t.council.cases.find((x) => x.id === a.caseId);
      expect(c && available(c) && cleanFor(a.auditorId, c)).toBe(true);
      expect(a.caseRef).toBe(c?.caseRef);
    }
    expect(preview.needsConfirmation).toBe(false);

    const again = await createRound();
    expect(again.round.id).not.toBe(created.round.id);
    expect(again.round.allocations).toEqual(created.round.allocations);
  });
});

describe('adjusting a draft', () => {
  it('swaps only as the rules allow', async () => {
    const round = await createRound({ seed: 99 });
    const first = round.allocations[0];
    if (!first) throw new Error('no allocation');
    const taken = new Set(round.allocations.map((a) => a.caseId));
    const auditorTeam = teamOf(first.auditorId);

    const ownTeam = t.council.cases.find((c) => c.teamId === auditorTeam && available(c) && !taken.has(c.id) && c.workerId !== first.auditorId);
    if (!ownTeam) throw new Error('the demo council should have an own-team case');
    const linked = await post(`/api/rounds/${round.round.id}/swap`, { caseId: first.caseId, newCaseId: ownTeam.id }, lead);
    expect(linked.statusCode).toBe(409);
    expect(linked.json().message).toMatch(/conflict-free case is still available/);

    const other = round.allocations.find((a) => a.auditorId !== first.auditorId);
    const held = await post(`/api/rounds/${round.round.id}/swap`, { caseId: first.caseId, newCaseId: other?.caseId }, lead);
    expect(held.statusCode).toBe(409);

    const clean = t.council.cases.find((c) => available(c) && !taken.has(c.id) && cleanFor(first.auditorId, c));
    if (!clean) throw new Error('the demo council should have a spare clean case');
    const swapped = await post(`/api/rounds/${round.round.id}/swap`, { caseId: first.caseId, newCaseId: clean.id }, lead);
    expect(swapped.statusCode, swapped.body).toBe(200);
    const after: RoundPreview = swapped.json();
    expect(after.allocations.find((a) => a.caseId === clean.id)).toMatchObject({ auditorId: first.auditorId, conflicts: [], reason: expect.stringMatching(/Swapped in/) });
    expect(after.allocations.some((a) => a.caseId === first.caseId)).toBe(false);
    expect(after.allocations).toHaveLength(round.allocations.length);
  });

  it('removes a case from a draft, and refuses one not in it', async () => {
    const round = await createRound({ seed: 5 });
    const gone = round.allocations[1]?.caseId;
    const res = await post(`/api/rounds/${round.round.id}/remove`, { caseId: gone }, lead);
    expect(res.statusCode).toBe(200);
    expect((res.json() as RoundPreview).allocations.map((a) => a.caseId)).not.toContain(gone);
    const again = await post(`/api/rounds/${round.round.id}/remove`, { caseId: gone }, lead);
    expect(again.statusCode).toBe(400);
    expect(again.json().fields[0].field).toBe('body.caseId');
  });
});

describe('publishing', () => {
  it("creates one audit per allocation, in the auditors' My audits; publishing again creates nothing", async () => {
    const theme = { id: 'planning', title: 'Planning', questions: [{ id: 'plan-smart', text: 'Are the plan’s actions specific and timed?' }] };
    const round = await createRound({ seed: 314, theme });
    const res = await post(`/api/rounds/${round.round.id}/publish`, { confirmConflicts: false }, lead);
    expect(res.statusCode, res.body).toBe(200);
    const published: PublishResponse = res.json();
    expect(published.created).toBe(round.allocations.length);
    expect(published.round.status).toBe('published');
    expect(published.auditIds).toEqual(round.allocations.map((a) => roundAuditId(round.round.id, a.caseId)));

    for (const a of round.allocations) {
      const cookie = await t.signIn(a.auditorId);
      const mine = (await get('/api/my/audits', cookie)).json().items as { id: string; status: string; dueDate: string }[];
      expect(mine.filter((m) => m.id === roundAuditId(round.round.id, a.caseId))).toEqual([
        expect.objectContaining({ status: 'allocated', dueDate: '2026-11-30' }),
      ]);
    }
    const stored = await t.app.store.audits.get(roundAuditId(round.round.id, round.allocations[0]?.caseId ?? ''));
    const c = t.council.cases.find((x) => x.id === stored?.caseId);
    expect(stored).toMatchObject({ roundId: round.round.id, theme, purpose: 'core', templateId: 'managers-monthly', caseSnapshot: { caseRef: c?.caseRef, teamId: c?.teamId } });
    expect(stored?.lookBack.to).toBe(today);

    const again = await post(`/api/rounds/${round.round.id}/publish`, { confirmConflicts: false }, lead);
    expect(again.statusCode).toBe(200);
    expect((again.json() as PublishResponse).created).toBe(0);
    expect((again.json() as PublishResponse).auditIds).toEqual(published.auditIds);
    const first = round.allocations[0];
    if (!first) throw new Error('no allocation');
    const mineAfter = (await get('/api/my/audits', await t.signIn(first.auditorId))).json().items as { id: string }[];
    expect(mineAfter.filter((m) => m.id.startsWith(`aud-${round.round.id}`))).toHaveLength(2);

    const swap = await post(`/api/rounds/${round.round.id}/remove`, { caseId: first.caseId }, lead);
    expect(swap.statusCode).toBe(409);
  });

  it('refuses a bad publish body, naming the field', async () => {
    const round = await createRound({ seed: 2 });
    const res = await post(`/api/rounds/${round.round.id}/publish`, {}, lead);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields[0].field).toBe('body.confirmConflicts');
  });
});
