import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import { buildAudit } from '../fixtures/builders';
import type { CaseOfConcernRegisterResponse, UrgentConcernListResponse, UrgentConcernView } from '../../shared/api/concernContracts';
import { escalationNoticeKey, urgentNoticeKey } from '../../shared/concerns/urgentNotices';
import { concernEmailKey } from '../../bot/delivery/concernNotices';
import { DEMO_CONCERN_AUDIT_IDS } from '../../bot/demo/demoConcerns';

/**
 * What follows an urgent concern: the council's own settings file (concerns block), where each
 * e-mail copy stands, and escalation to the Head of Service's deputy while they are away. Also
 * the demo council's seeded concerns, register entry and actions.
 */

// Monday 23/11/2026, 10:00 in London.
let now = new Date('2026-11-23T10:00:00.000Z');
const clock = () => now;

/** The demo council's people around one case of the Child protection South team. */
const P = { auditor: 'tm-children-in-care', manager: 'tm-cp-south', worker: 'sw-cp-south-1', hos: 'hos-cin-cp', hosDeputy: 'tm-cp-north', qa: 'qa-lead' } as const;

let dir: string;
let t: TestApp;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'practice-audit-concern-follow-up-'));
  await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ concerns: { acknowledgeWithinWorkingHours: 1 }, actions: { driftAfterWorkingDays: 3 } }));
  t = await startTestApp({ clock, dispatcher: false, settingsFile: path.join(dir, 'settings.json') });
});
afterAll(async () => {
  await t?.stop();
  await rm(dir, { recursive: true, force: true });
});

const get = async <T>(url: string, staffId: string): Promise<T> => {
  const res = await t.app.server.inject({ method: 'GET', url, headers: { cookie: await t.signIn(staffId) } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};

let caseNo = 0;
/** A submitted audit graded Inadequate, as the audit service hands it to the concern service; returns its concern. */
async function inadequateConcern() {
  const draft = buildAudit({ auditorId: P.auditor, status: 'submitted', submittedAt: now.toISOString() });
  const form = structuredClone(draft.form);
  form.grading.overall = { grade: 'inadequate', inadequate: null };
  const audit = await t.app.store.audits.create(
    {
      ...draft,
      form,
      finalGrade: { scale: 'ofsted4', value: { grade: 'inadequate', inadequate: null }, fourPoint: 'inadequate' },
      caseSnapshot: { ...draft.caseSnapshot, caseRef: `DEMO-FU-${++caseNo}`, initials: 'QZ', teamId: 'team-cp-south', workerId: P.worker },
    },
    [],
  );
  await t.app.concerns.onAuditChanged(audit, 'submitted', P.auditor);
  const [concern] = await t.app.store.concerns.listByAudit(audit.id);
  if (!concern) throw new Error('no concern raised');
  return concern;
}

async function setAway(staffId: string, away: boolean) {
  const s = await t.app.store.staff.get(staffId);
  if (!s) throw new Error(`no ${staffId}`);
  const { etag, ...rest } = s;
  await t.app.store.staff.put({ ...rest, away }, etag);
}

/** Takes a queued notification through the dispatcher's steps to sent or failed. */
async function deliver(id: string, outcome: 'sent' | 'failed') {
  const claimed = await t.app.store.outbox.claimDue(new Date('2100-01-01T00:00:00.000Z'), 1000);
  expect(claimed.map((n) => n.id)).toContain(id);
  for (const n of claimed) {
    if (n.id === id && outcome === 'failed') await t.app.store.outbox.markFailed(n.id, '550 mailbox unavailable');
    else if (n.id === id) await t.app.store.outbox.markSent(n.id, null);
    else await t.app.store.outbox.release(n.id, now);
  }
}

describe("the council's settings file", () => {
  it('sets the acknowledgement time from its concerns block', async () => {
    const concern = await inadequateConcern();
    const view = await get<UrgentConcernView>(`/api/concerns/${concern.id}`, P.manager);
    // One working hour, not the default four.
    expect(view.acknowledgeBy).toBe('2026-11-23T11:00:00.000Z');
  });

  it('stops the service on a malformed field, naming it', async () => {
    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ auditTypes: {}, concerns: { acknowledgeWithinWorkingHours: 'soon' } }));
    await expect(startTestApp({ clock, dispatcher: false, settingsFile: bad })).rejects.toThrow(/concerns\.acknowledgeWithinWorkingHours/);
    await writeFile(bad, JSON.stringify({ concerns: { notYetGoodAlerts: 'never' } }));
    await expect(startTestApp({ clock, dispatcher: false, settingsFile: bad })).rejects.toThrow(/concerns\.notYetGoodAlerts/);
  });
});

describe("where each person's e-mail copy stands", () => {
  it('reads pending, then sent or not delivered, from the outbox', async () => {
    const concern = await inadequateConcern();
    const emailOf = (v: UrgentConcernView, id: string) => v.recipients.find((r) => r.id === id)?.email;
    let view = await get<UrgentConcernView>(`/api/concerns/${concern.id}`, P.manager);
    expect(emailOf(view, P.manager)).toBe('pending');
    expect(emailOf(view, P.worker)).toBe('pending');

    await deliver(concernEmailKey(urgentNoticeKey(concern.id, P.manager)), 'sent');
    await deliver(concernEmailKey(urgentNoticeKey(concern.id, P.worker)), 'failed');
    view = await get<UrgentConcernView>(`/api/concerns/${concern.id}`, P.manager);
    expect(emailOf(view, P.manager)).toBe('sent');
    expect(emailOf(view, P.worker)).toBe('notDelivered');
    // The card's own delivery is not the e-mail's.
    expect((await t.app.store.outbox.get(urgentNoticeKey(concern.id, P.manager)))?.status).toBe('queued');
  });
});

describe('escalation while the Head of Service is away', () => {
  it("goes to the Head of Service's deputy, recorded as covering; they may acknowledge", async () => {
    const concern = await inadequateConcern();
    await setAway(P.hos, true);
    try {
      const due = new Date('2026-11-23T11:00:00.000Z');
      await t.app.concerns.escalateOverdue(due);
      const stored = await t.app.store.concerns.get(concern.id);
      expect(stored?.escalation).toEqual({ toId: P.hosDeputy, at: due.toISOString(), coveringForId: P.hos });
      expect(await t.app.store.outbox.get(escalationNoticeKey(concern.id, P.hosDeputy))).toMatchObject({ recipientId: P.hosDeputy, priority: 'urgent' });
      expect(await t.app.store.outbox.get(concernEmailKey(escalationNoticeKey(concern.id, P.hosDeputy)))).not.toBeNull();
      expect(await t.app.store.outbox.get(escalationNoticeKey(concern.id, P.hos))).toBeNull();
      const trail = (await t.app.store.trail.listByAudit(concern.auditId)).items.filter((e) => e.after?.startsWith('escalated'));
      expect(trail.map((e) => e.after)).toEqual([expect.stringContaining("Head of Service's deputy")]);

      const view = await get<UrgentConcernView>(`/api/concerns/${concern.id}`, P.hosDeputy);
      expect(view.escalation).toMatchObject({ to: { id: P.hosDeputy }, coveringFor: { id: P.hos }, email: 'pending' });
      expect(view.canAcknowledge).toBe(true);
    } finally {
      await setAway(P.hos, false);
    }
  });

  it('goes to the Head of Service when they are in', async () => {
    now = new Date('2026-11-24T10:00:00.000Z');
    const concern = await inadequateConcern();
    await t.app.concerns.escalateOverdue(new Date('2026-11-24T11:00:00.000Z'));
    expect((await t.app.store.concerns.get(concern.id))?.escalation).toEqual({ toId: P.hos, at: '2026-11-24T11:00:00.000Z' });
  });
});

describe("the demo council's concerns and actions", () => {
  const willow = 'tm-leaving-care';

  it('gives the featured team manager a concern to acknowledge and a case of concern on the register', async () => {
    const awaiting = await get<UrgentConcernListResponse>('/api/concerns/urgent', willow);
    const mine = awaiting.items.filter((c) => c.auditId === DEMO_CONCERN_AUDIT_IDS.awaiting);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.canAcknowledge).toBe(true);
    // Seeded history: no e-mail on record.
    expect(mine[0]?.recipients.every((r) => r.email === null)).toBe(true);
    const register = await get<CaseOfConcernRegisterResponse>('/api/cases-of-concern', willow);
    expect(register.items.filter((e) => e.auditId === DEMO_CONCERN_AUDIT_IDS.acknowledged).map((e) => e.status)).toEqual(['responded']);
  });

  it('gives her actions awaiting her approval, and the owner open, returned and overdue ones', async () => {
    const actions = (await t.app.store.actions.listByAudit(DEMO_CONCERN_AUDIT_IDS.acknowledged)).map((a) => ({ status: a.status, returned: Boolean(a.returned), accountable: a.accountableManagerId }));
    expect(actions.every((a) => a.accountable === willow)).toBe(true);
    expect(actions.map((a) => a.status).sort()).toEqual(['approved', 'done', 'open', 'open', 'open']);
    expect(actions.filter((a) => a.returned)).toHaveLength(1);
  });
});
