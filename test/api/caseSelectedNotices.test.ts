import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import type { PublishResponse, RoundPreview } from '../../shared/api/contracts';
import { roundAuditId } from '../../shared/rounds/roundRules';
import { allocationNoticeId } from '../../bot/delivery/allocationNotice';
import { CASE_SELECTED_NOTICE_SUMMARY, caseSelectedNoticeId } from '../../bot/delivery/caseSelectedNotice';

// Collaborative audit types tell the case's worker and team manager; others tell only the auditor.
const now = new Date('2026-11-02T10:00:00.000Z');
let t: TestApp;
let lead: string;

beforeAll(async () => {
  t = await startTestApp({ clock: () => now });
  lead = await t.signIn(t.council.featured.qaLeadId);
});
afterAll(async () => t?.stop());

const auditorIds = ['tm-cp-north', 'tm-children-in-care', 'tm-mash'];

async function post(url: string, payload: unknown, cookie: string) {
  return t.app.server.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });
}
async function createRound(over: Record<string, unknown>): Promise<RoundPreview> {
  const res = await post('/api/rounds', { month: '2026-11', auditType: 'managersMonthly', auditorIds, casesPerAuditor: 1, ...over }, lead);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
async function publish(roundId: string): Promise<PublishResponse> {
  const res = await post(`/api/rounds/${roundId}/publish`, { confirmConflicts: true }, lead);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}
/** Who should hear as the team's manager: the manager, or their deputy while they are away. */
async function expectedManager(teamId: string): Promise<string | null> {
  const team = await t.app.store.teams.get(teamId);
  if (!team?.managerId) return null;
  const m = await t.app.store.staff.get(team.managerId);
  return m?.away && m.deputyId ? m.deputyId : team.managerId;
}

describe('case selected notices on publish', () => {
  it("a managers' monthly round tells each case's worker and team manager, once, with no child data in the preview", async () => {
    const round = await createRound({ seed: 4242 });
    // One team manager is away: their deputy hears instead.
    const firstAudit = roundAuditIdOf(round, 0);
    const firstCase = t.council.cases.find((c) => c.id === round.allocations[0]?.caseId);
    if (!firstCase || !firstAudit) throw new Error('no allocation');
    const team = await t.app.store.teams.get(firstCase.teamId);
    const manager = team?.managerId ? await t.app.store.staff.get(team.managerId) : null;
    if (manager) {
      const { etag, ...rest } = manager;
      // A deputy who holds or audits the case hears in that role, so the test names another deputy to see the cover.
      const holdsOrAudits = (id: string | null) => id === null || id === firstCase.workerId || id === round.allocations[0]?.auditorId;
      await t.app.store.staff.put({ ...rest, away: true, deputyId: holdsOrAudits(rest.deputyId) ? 'dtm-assessment' : rest.deputyId }, etag);
    }

    const published = await publish(round.round.id);
    let workerNotices = 0;
    let managerNotices = 0;
    for (const auditId of published.auditIds) {
      const audit = await t.app.store.audits.get(auditId);
      if (!audit) throw new Error('audit missing');
      expect(await t.app.store.outbox.get(allocationNoticeId(auditId))).toMatchObject({ recipientId: audit.auditorId });
      const worker = await t.app.store.outbox.get(caseSelectedNoticeId(auditId, 'worker'));
      if (audit.caseSnapshot.workerId && audit.caseSnapshot.workerId !== audit.auditorId) {
        expect(worker).toMatchObject({ recipientId: audit.caseSnapshot.workerId, kind: 'caseSelected', status: 'queued' });
        workerNotices++;
      } else expect(worker).toBeNull();
      const managerId = await expectedManager(audit.caseSnapshot.teamId);
      const mgr = await t.app.store.outbox.get(caseSelectedNoticeId(auditId, 'manager'));
      if (managerId && managerId !== audit.auditorId && managerId !== audit.caseSnapshot.workerId) {
        expect(mgr).toMatchObject({ recipientId: managerId });
        managerNotices++;
      } else expect(mgr).toBeNull();
      for (const n of [worker, mgr]) {
        if (!n) continue;
        const payload = n.payload as { summary: string; card: unknown };
        expect(Object.values(CASE_SELECTED_NOTICE_SUMMARY)).toContain(payload.summary);
        const c = t.council.cases.find((x) => x.id === audit.caseId);
        expect(payload.summary).not.toContain(audit.caseSnapshot.caseRef);
        expect(JSON.stringify(payload.card)).toContain(audit.caseSnapshot.caseRef);
        if (c) for (const field of Object.keys(c).filter((k) => /name/i.test(k))) expect(JSON.stringify(payload.card)).not.toContain(String((c as Record<string, unknown>)[field]));
      }
    }
    expect(workerNotices).toBeGreaterThan(0);
    expect(managerNotices).toBeGreaterThan(0);
    // The away manager's deputy heard about the first case, not the manager.
    if (!manager) throw new Error('the demo team should have a manager');
    const deputyNotice = await t.app.store.outbox.get(caseSelectedNoticeId(firstAudit, 'manager'));
    expect(deputyNotice?.recipientId).toBe((await t.app.store.staff.get(manager.id))?.deputyId);

    // Publishing again enqueues nothing new: the same notices, untouched.
    const before = await Promise.all(published.auditIds.map((id) => t.app.store.outbox.get(caseSelectedNoticeId(id, 'worker'))));
    const again = await publish(round.round.id);
    expect(again.created).toBe(0);
    const after = await Promise.all(published.auditIds.map((id) => t.app.store.outbox.get(caseSelectedNoticeId(id, 'worker'))));
    expect(after).toEqual(before);
  });

  it('a deep-dive round (not collaborative) tells only the auditor', async () => {
    const round = await createRound({ auditType: 'deepDive', seed: 77 });
    const published = await publish(round.round.id);
    expect(published.auditIds.length).toBeGreaterThan(0);
    for (const auditId of published.auditIds) {
      expect(await t.app.store.outbox.get(allocationNoticeId(auditId))).not.toBeNull();
      expect(await t.app.store.outbox.get(caseSelectedNoticeId(auditId, 'worker'))).toBeNull();
      expect(await t.app.store.outbox.get(caseSelectedNoticeId(auditId, 'manager'))).toBeNull();
    }
  });
});

function roundAuditIdOf(round: RoundPreview, i: number): string | null {
  const a = round.allocations[i];
  return a ? roundAuditId(round.round.id, a.caseId) : null;
}
