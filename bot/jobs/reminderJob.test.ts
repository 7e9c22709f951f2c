import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/fixtures/testApp';
import type { PublishResponse, RoundPreview } from '../../shared/api/contracts';
import { defaultAuditTypeSettings } from '../../shared/settings/auditTypeSettings';
import { reminderKey } from '../../shared/chasing/reminders';
import { cardText } from '../../shared/cards/cardChecks';
import { REMINDER_NOTICE_KIND, reminderNoticeId, runReminders, type ReminderJobDeps } from './reminderJob';
import { resolveAuditTypeSettings } from '../../shared/settings/auditTypeSettings';
import { EscalationService, escalationNoticeId } from '../chasing/escalationService';

// Round drafted on Monday 02/11/2026; its default due date is Monday 30/11/2026.
const created = new Date('2026-11-02T10:00:00.000Z');
const dueSoonDay = new Date('2026-11-25T09:00:00.000Z'); // Wednesday: 3 working days before
const saturday = new Date('2026-11-28T09:00:00.000Z');
const firstOverdue = new Date('2026-12-01T09:00:00.000Z'); // Tuesday
const noOverdue = new Date('2026-12-02T09:00:00.000Z'); // one working day later: not yet
const secondOverdue = new Date('2026-12-03T09:00:00.000Z'); // two working days later

let t: TestApp;
let deps: ReminderJobDeps;
let published: PublishResponse;
const auditorIds = ['tm-cp-north', 'tm-children-in-care', 'tm-mash'];

beforeAll(async () => {
  t = await startTestApp({ clock: () => created, dispatcher: false });
  deps = { store: t.app.store, settings: defaultAuditTypeSettings, myAuditsUrl: 'http://localhost:3978/' };
  const lead = await t.signIn(t.council.featured.qaLeadId);
  const post = (url: string, payload: object) => t.app.server.inject({ method: 'POST', url, payload, headers: { cookie: lead } });
  const draft = await post('/api/rounds', { month: '2026-11', auditType: 'managersMonthly', auditorIds, casesPerAuditor: 2, seed: 20261102 });
  expect(draft.statusCode, draft.body).toBe(200);
  const round: RoundPreview = draft.json();
  const res = await post(`/api/rounds/${round.round.id}/publish`, { confirmConflicts: true });
  expect(res.statusCode, res.body).toBe(200);
  published = res.json();
  expect(published.round.dueDate).toBe('2026-11-30');
  expect(published.auditIds.length).toBeGreaterThan(0);
});
afterAll(async () => t?.stop());

async function auditorsOfRound(): Promise<string[]> {
  const ids = new Set<string>();
  for (const id of published.auditIds) {
    const a = await t.app.store.audits.get(id);
    if (a) ids.add(a.auditorId);
  }
  return [...ids].sort();
}

describe('runReminders', () => {
  it('sends one due-soon reminder per auditor 3 working days before the due date, without child data', async () => {
    const auditors = await auditorsOfRound();
    const result = await runReminders(deps, dueSoonDay);
    expect(result).toEqual({ today: '2026-11-25', auditsChecked: published.auditIds.length, reminders: auditors.length, enqueued: auditors.length, escalations: 0, escalationsEnqueued: 0 });
    for (const auditorId of auditors) {
      const n = await t.app.store.outbox.get(reminderNoticeId(reminderKey(auditorId, '2026-11-25')));
      expect(n).toMatchObject({ kind: REMINDER_NOTICE_KIND, recipientId: auditorId, status: 'queued', priority: 'routine' });
      const text = cardText(n?.payload.card);
      expect(text).toMatch(/A reminder: you have \d audits? due by Monday 30\/11\/2026\./);
      const json = JSON.stringify(n?.payload);
      for (const id of published.auditIds) {
        const a = await t.app.store.audits.get(id);
        expect(json).not.toContain(a?.caseSnapshot.caseRef);
        expect(json).not.toContain(`(${a?.caseSnapshot.initials})`);
        expect(json).not.toContain(id);
      }
    }
  });

  it('enqueues nothing new when run again the same day', async () => {
    const before = await t.app.store.outbox.countByStatus();
    const again = await runReminders(deps, new Date('2026-11-25T15:00:00.000Z'));
    expect(again.reminders).toBeGreaterThan(0);
    expect(again.enqueued).toBe(0);
    expect(await t.app.store.outbox.countByStatus()).toEqual(before);
  });

  it('sends nothing on a Saturday, nor on a working day with nothing due', async () => {
    expect(await runReminders(deps, saturday)).toMatchObject({ reminders: 0, enqueued: 0 });
    expect(await runReminders(deps, new Date('2026-11-24T09:00:00.000Z'))).toMatchObject({ reminders: 0, enqueued: 0 });
  });

  it('chases overdue audits the first working day after the due date, then every 2 working days', async () => {
    const auditors = await auditorsOfRound();
    expect(await runReminders(deps, firstOverdue)).toMatchObject({ reminders: auditors.length, enqueued: auditors.length });
    const n = await t.app.store.outbox.get(reminderNoticeId(reminderKey(auditors[0] ?? '', '2026-12-01')));
    expect(cardText(n?.payload.card)).toMatch(/passed the due date/);
    expect(await runReminders(deps, noOverdue)).toMatchObject({ reminders: 0 });
    expect(await runReminders(deps, secondOverdue)).toMatchObject({ reminders: auditors.length });
  });

  it('stops reminding about an audit once it is submitted', async () => {
    const byAuditor = new Map<string, string[]>();
    for (const id of published.auditIds) {
      const a = await t.app.store.audits.get(id);
      if (a) byAuditor.set(a.auditorId, [...(byAuditor.get(a.auditorId) ?? []), id]);
    }
    // Submit every audit of one auditor: they drop out; the others are still chased.
    const [done, ids] = [...byAuditor.entries()].sort(([x], [y]) => x.localeCompare(y))[0] ?? ['', []];
    for (const id of ids) {
      const a = await t.app.store.audits.get(id);
      if (!a) throw new Error('audit missing');
      const { etag, ...audit } = a;
      await t.app.store.audits.update({ ...audit, status: 'submitted' }, etag, []);
    }
    const day = new Date('2026-12-07T09:00:00.000Z'); // 5 working days after: an overdue day
    const result = await runReminders(deps, day);
    expect(result.reminders).toBe(byAuditor.size - 1);
    expect(await t.app.store.outbox.get(reminderNoticeId(reminderKey(done, '2026-12-07')))).toBeNull();
  });
});

describe('automatic escalation (chasing.autoEscalate)', () => {
  const withAuto = (): ReminderJobDeps => ({
    ...deps,
    settings: resolveAuditTypeSettings({ auditTypes: { managersMonthly: { chasing: { autoEscalate: { enabled: true, afterWorkingDaysOverdue: 2 } } } } }),
  });
  const escalationsOn = async (day: string): Promise<string[]> => {
    const ids: string[] = [];
    for (const a of await auditorsOfRound()) if (await t.app.store.outbox.get(escalationNoticeId(a, day))) ids.push(a);
    return ids;
  };
  /** Auditors with audits still open, and the line managers the directory names for them. */
  const stillOverdue = async (): Promise<Map<string, string | null>> => {
    const out = new Map<string, string | null>();
    for (const id of published.auditIds) {
      const a = await t.app.store.audits.get(id);
      if (a && a.status !== 'submitted') out.set(a.auditorId, (await t.app.store.staff.get(a.auditorId))?.lineManagerId ?? null);
    }
    return out;
  };

  it('is off by default: the job tells no line manager', async () => {
    const result = await runReminders(deps, new Date('2026-12-08T09:00:00.000Z'));
    expect(result).toMatchObject({ escalations: 0, escalationsEnqueued: 0 });
    expect(await escalationsOn('2026-12-08')).toEqual([]);
  });

  it('sends nothing on a non-working day', async () => {
    const result = await runReminders(withAuto(), new Date('2026-12-12T09:00:00.000Z')); // Saturday
    expect(result).toMatchObject({ reminders: 0, escalations: 0, escalationsEnqueued: 0 });
    expect(await escalationsOn('2026-12-12')).toEqual([]);
  });

  it("tells each overdue auditor's line manager once a day, whether the job runs twice or the lead sends too", async () => {
    const overdue = await stillOverdue();
    const withManager = [...overdue.entries()].filter(([, m]) => m !== null);
    expect(withManager.length).toBeGreaterThan(0);
    const first = await runReminders(withAuto(), new Date('2026-12-08T09:00:00.000Z'));
    expect(first).toMatchObject({ escalations: overdue.size, escalationsEnqueued: withManager.length });
    for (const [auditorId, managerId] of withManager) {
      const n = await t.app.store.outbox.get(escalationNoticeId(auditorId, '2026-12-08'));
      expect(n).toMatchObject({ kind: 'escalation', recipientId: managerId, status: 'queued' });
      for (const id of published.auditIds) expect(JSON.stringify(n?.payload)).not.toContain((await t.app.store.audits.get(id))?.caseSnapshot.caseRef);
    }
    const before = await t.app.store.outbox.countByStatus();
    const again = await runReminders(withAuto(), new Date('2026-12-08T16:00:00.000Z'));
    expect(again).toMatchObject({ escalations: overdue.size, escalationsEnqueued: 0 });
    expect(await t.app.store.outbox.countByStatus()).toEqual(before);
    // The QA lead's send the same day is the same notice: nothing new.
    const lead = (await t.app.store.staff.get(t.council.featured.qaLeadId))!;
    const manual = new EscalationService({ store: t.app.store, clock: () => new Date('2026-12-08T17:00:00.000Z'), settings: withAuto().settings });
    const [auditorId] = withManager[0]!;
    expect(await manual.escalate(lead, auditorId)).toEqual({ notificationId: escalationNoticeId(auditorId, '2026-12-08'), enqueued: false });
    expect(await t.app.store.outbox.countByStatus()).toEqual(before);
  });

  it('sends nothing of its own after the lead has sent the notice that day', async () => {
    const [auditorId] = [...(await stillOverdue()).entries()].find(([, m]) => m !== null)!;
    const lead = (await t.app.store.staff.get(t.council.featured.qaLeadId))!;
    const manual = new EscalationService({ store: t.app.store, clock: () => new Date('2026-12-09T08:00:00.000Z'), settings: withAuto().settings });
    expect((await manual.escalate(lead, auditorId)).enqueued).toBe(true);
    const result = await runReminders(withAuto(), new Date('2026-12-09T09:00:00.000Z'));
    expect(await t.app.store.outbox.get(escalationNoticeId(auditorId, '2026-12-09'))).not.toBeNull();
    expect(result.escalationsEnqueued).toBe(result.escalations - 1 - [...(await stillOverdue()).values()].filter((m) => m === null).length);
  });
});
