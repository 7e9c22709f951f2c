import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import { completeForm } from '../fixtures/completeForm';
import { buildAudit } from '../fixtures/builders';
import type { AuditDetail } from '../../shared/api/contracts';
import type { CaseOfConcernRegisterResponse, CaseOfConcernView, UrgentConcernListResponse, UrgentConcernView } from '../../shared/api/concernContracts';
import type { AuditForm } from '../../shared/schemas/audits';
import type { GradeValue } from '../../shared/schemas/grades';
import { londonDate } from '../../shared/calendar/londonTime';
import { escalationNoticeKey, urgentNoticeKey } from '../../shared/concerns/urgentNotices';
import { allPages } from '../../bot/store/storeInterface';
import type { OutboxNotification } from '../../bot/delivery/outboxStore';
import { concernEmailKey } from '../../bot/delivery/concernNotices';
import { caseOfConcernNoticeId } from '../../bot/concerns/caseOfConcernService';

// Monday 23/11/2026, 10:00 in London.
let now = new Date('2026-11-23T10:00:00.000Z');
const clock = () => now;

/** The demo council's people around one case of the Child protection South team. */
const P = {
  auditor: 'tm-children-in-care',
  manager: 'tm-cp-south',
  deputy: 'dtm-cp-south',
  worker: 'sw-cp-south-1',
  hos: 'hos-cin-cp',
  otherManager: 'tm-mash',
  qa: 'qa-lead',
  director: 'sm-director',
} as const;
const TEAM = 'team-cp-south';

let dir: string;
let t4: TestApp;
let t3: TestApp;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'practice-audit-concerns-'));
  // No action is required below Good in these tests: the actions have their own suites.
  const base = { submission: { actionWhenBelowGood: false } };
  await writeFile(path.join(dir, 'ofsted4.json'), JSON.stringify({ auditTypes: { childsJourneyMonthly: base } }));
  await writeFile(path.join(dir, 'local3.json'), JSON.stringify({ auditTypes: { childsJourneyMonthly: { ...base, gradeScale: 'local3' } } }));
  [t4, t3] = await Promise.all([
    startTestApp({ clock, dispatcher: false, settingsFile: path.join(dir, 'ofsted4.json') }),
    startTestApp({ clock, dispatcher: false, settingsFile: path.join(dir, 'local3.json') }),
  ]);
});
afterAll(async () => {
  await Promise.all([t4?.stop(), t3?.stop()]);
  await rm(dir, { recursive: true, force: true });
});

const send = (t: TestApp, method: 'GET' | 'PUT' | 'POST', url: string, cookie: string, payload?: object) =>
  t.app.server.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

async function newAudit(t: TestApp) {
  const draft = buildAudit({ auditorId: P.auditor, auditType: 'childsJourneyMonthly', templateId: 'childs-journey' });
  return t.app.store.audits.create({ ...draft, caseSnapshot: { ...draft.caseSnapshot, teamId: TEAM, workerId: P.worker } }, []);
}

/** Completes the form with a Good grade, applies `change`, saves it as the auditor; `submit` submits it too. */
async function auditWith(t: TestApp, change: (f: AuditForm) => void, submit = true) {
  const audit = await newAudit(t);
  const cookie = await t.signIn(P.auditor);
  const detail: AuditDetail = (await send(t, 'GET', `/api/audits/${audit.id}`, cookie)).json();
  const form = completeForm(detail, londonDate(now));
  change(form);
  const saved = await send(t, 'PUT', `/api/audits/${audit.id}/form`, cookie, { etag: detail.audit.etag, form });
  expect(saved.statusCode, saved.body).toBe(200);
  let etag: string = saved.json().etag;
  if (submit) {
    const res = await send(t, 'POST', `/api/audits/${audit.id}/submit`, cookie, { etag });
    expect(res.statusCode, res.body).toBe(200);
    etag = res.json().audit.etag;
  }
  return { audit, cookie, form, etag };
}

const concernKinds = new Set(['urgentConcern', 'urgentConcernWorker', 'concernEmail', 'caseOfConcern']);

/** The concern notices queued about a case, as "recipient channel kind" lines, sorted. */
async function noticesAbout(t: TestApp, caseRef: string): Promise<string[]> {
  const queued: OutboxNotification[] = await allPages((p) => t.app.store.outbox.listByStatus('queued', p));
  return queued
    .filter((n) => concernKinds.has(n.kind) && JSON.stringify(n.payload).includes(caseRef))
    .map((n) => `${n.recipientId} ${n.payload['channel'] === 'email' ? 'email' : 'card'} ${n.priority}${n.payload['alert'] === true ? ' alert' : ''}`)
    .sort();
}

const oneEach = (...ids: string[]) => ids.flatMap((id) => [`${id} card urgent alert`, `${id} email urgent`]).sort();

const scales: { name: string; app: () => TestApp; inadequate: GradeValue; notInadequate: GradeValue }[] = [
  { name: "Ofsted's four grades", app: () => t4, inadequate: { grade: 'inadequate', inadequate: null }, notInadequate: { grade: 'requiresImprovement', inadequate: null } },
  { name: 'the local three-level scale', app: () => t3, inadequate: { grade: 'notYetGood', inadequate: true }, notInadequate: { grade: 'notYetGood', inadequate: false } },
];

const raiseOnForm = (f: AuditForm, at = '2026-11-23T09:30:00.000Z') => {
  f.urgentConcern = { raised: true, raisedWithId: P.manager, raisedAt: at };
};

describe.each(scales)('urgent concern triggers on $name', ({ app, inadequate, notInadequate }) => {
  it('an Inadequate grade (or its equivalent): one urgent card and one e-mail to the team manager and to the worker, none to the auditor', async () => {
    const t = app();
    const { audit } = await auditWith(t, (f) => {
      f.grading.overall = inadequate;
      f.grading.outcomes = 'notMet';
    });
    expect(await noticesAbout(t, audit.caseSnapshot.caseRef)).toEqual(oneEach(P.manager, P.worker));
    const [concern, ...more] = await t.app.store.concerns.listByAudit(audit.id);
    expect(more).toEqual([]);
    expect(concern).toMatchObject({ triggerKinds: ['inadequateGrade'], raisedById: P.auditor, registerProposal: { status: 'proposed' }, acknowledgement: null });
    const card = JSON.stringify((await t.app.store.outbox.get(urgentNoticeKey(concern?.id ?? '', P.manager)))?.payload);
    for (const s of ['Urgent', audit.caseSnapshot.caseRef, 'Acknowledge', 'acknowledgeConcern']) expect(card).toContain(s);
    const workerCard = JSON.stringify((await t.app.store.outbox.get(urgentNoticeKey(concern?.id ?? '', P.worker)))?.payload);
    expect(workerCard).toContain('not a judgement of you');
    expect(workerCard).not.toContain('acknowledgeConcern');
    const email = (await t.app.store.outbox.get(concernEmailKey(urgentNoticeKey(concern?.id ?? '', P.manager))))?.payload;
    expect(email).toMatchObject({ channel: 'email', subject: expect.stringContaining(audit.caseSnapshot.caseRef) });
    expect(String(email?.['text'])).toContain('Please acknowledge by: 23/11/2026 at 14:00');
    // Nothing typed about the child reaches a card or an e-mail.
    expect(card + JSON.stringify(email)).not.toMatch(/Synthetic case profile|Plans reviewed|The child is settled/);
    const trail = (await t.app.store.trail.listByAudit(audit.id)).items.filter((e) => e.kind === 'concern');
    expect(trail).toEqual([expect.objectContaining({ actorId: P.auditor, field: `concerns.${concern?.id}`, before: null })]);
  });

  it('a child judged not safe: the raising recorded on the form is one notice at once; the submission one more, never two for one change', async () => {
    const t = app();
    const { audit, cookie, etag } = await auditWith(
      t,
      (f) => {
        f.grading.childSafe = 'notSafe';
        f.grading.overall = inadequate;
        f.grading.outcomes = 'notMet';
        raiseOnForm(f);
      },
      false,
    );
    const ref = audit.caseSnapshot.caseRef;
    expect(await noticesAbout(t, ref)).toEqual(oneEach(P.manager, P.worker));
    expect((await t.app.store.concerns.listByAudit(audit.id)).map((c) => c.triggerKinds)).toEqual([['urgentConcernRaised']]);
    const res = await send(t, 'POST', `/api/audits/${audit.id}/submit`, cookie, { etag });
    expect(res.statusCode, res.body).toBe(200);
    expect(await noticesAbout(t, ref)).toEqual([...oneEach(P.manager, P.worker), ...oneEach(P.manager, P.worker)].sort());
    expect((await t.app.store.concerns.listByAudit(audit.id)).map((c) => c.triggerKinds.join('+')).sort()).toEqual(['inadequateGrade+childNotSafe', 'urgentConcernRaised']);
  });

  it('an urgent concern raised with the child safe and practice Good: one notice on the save; a corrected time and the submission add nothing', async () => {
    const t = app();
    const { audit, cookie, form, etag } = await auditWith(t, (f) => raiseOnForm(f), false);
    const ref = audit.caseSnapshot.caseRef;
    expect(await noticesAbout(t, ref)).toEqual(oneEach(P.manager, P.worker));
    // The auditor corrects the time of the raising: the same raising, no second notice.
    const corrected = structuredClone(form);
    raiseOnForm(corrected, '2026-11-23T09:40:00.000Z');
    const saved = await send(t, 'PUT', `/api/audits/${audit.id}/form`, cookie, { etag, form: corrected });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = await send(t, 'POST', `/api/audits/${audit.id}/submit`, cookie, { etag: saved.json().etag });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(await noticesAbout(t, ref)).toEqual(oneEach(P.manager, P.worker));
    const [concern, ...more] = await t.app.store.concerns.listByAudit(audit.id);
    expect(more).toEqual([]);
    expect(concern?.triggerKeys).toHaveLength(2);
    expect(concern?.registerProposal).toBeUndefined();
  });

  it('no trigger, no notice: Good, and below Good but not Inadequate', async () => {
    const t = app();
    const good = await auditWith(t, () => undefined);
    const below = await auditWith(t, (f) => {
      f.grading.overall = notInadequate;
      f.grading.outcomes = 'notMet';
    });
    for (const a of [good.audit, below.audit]) {
      expect(await noticesAbout(t, a.caseSnapshot.caseRef)).toEqual([]);
      expect(await t.app.store.concerns.listByAudit(a.id)).toEqual([]);
    }
  });

  it('a replayed submit fires nothing twice', async () => {
    const t = app();
    const { audit, cookie } = await auditWith(t, (f) => {
      f.grading.overall = inadequate;
      f.grading.outcomes = 'notMet';
    });
    const before = await noticesAbout(t, audit.caseSnapshot.caseRef);
    // The tab retries with the etag it had before the first submit landed.
    const replay = await send(t, 'POST', `/api/audits/${audit.id}/submit`, cookie, { etag: audit.etag });
    expect(replay.statusCode, replay.body).toBe(200);
    expect(await noticesAbout(t, audit.caseSnapshot.caseRef)).toEqual(before);
    expect(await t.app.store.concerns.listByAudit(audit.id)).toHaveLength(1);
  });
});

/** An Inadequate submission on Ofsted's scale; returns its concern and the card version the managers hold. */
async function inadequateConcern(t: TestApp) {
  const { audit } = await auditWith(t, (f) => {
    f.grading.overall = { grade: 'inadequate', inadequate: null };
    f.grading.outcomes = 'notMet';
  });
  const [concern] = await t.app.store.concerns.listByAudit(audit.id);
  if (!concern) throw new Error('no concern raised');
  const view: UrgentConcernView = (await send(t, 'GET', `/api/concerns/${concern.id}`, await t.signIn(P.manager))).json();
  return { audit, concern, version: view.version };
}

async function setAway(t: TestApp, staffId: string, away: boolean) {
  const s = await t.app.store.staff.get(staffId);
  if (!s) throw new Error(`no ${staffId}`);
  const { etag, ...rest } = s;
  await t.app.store.staff.put({ ...rest, away }, etag);
}

describe('who hears', () => {
  it('while the team manager is away the deputy gets the notice instead', async () => {
    await setAway(t4, P.manager, true);
    try {
      const { audit } = await inadequateConcern(t4);
      expect(await noticesAbout(t4, audit.caseSnapshot.caseRef)).toEqual(oneEach(P.deputy, P.worker));
    } finally {
      await setAway(t4, P.manager, false);
    }
  });
});

describe('acknowledging an urgent concern', () => {
  const ack = async (who: string, id: string, version: string, actionTaken = 'Strategy discussion arranged for today') =>
    send(t4, 'POST', `/api/concerns/${id}/acknowledge`, await t4.signIn(who), { version, actionTaken });

  it('is for the managers it went to: the worker, auditor, a QA lead, another team’s manager and the Head of Service (before escalation) are refused', async () => {
    const { concern, version } = await inadequateConcern(t4);
    for (const who of [P.worker, P.auditor, P.qa, P.otherManager, P.hos]) {
      const res = await ack(who, concern.id, version);
      expect(res.statusCode, who).toBe(403);
    }
    expect((await t4.app.store.concerns.get(concern.id))?.acknowledgement).toBeNull();
    expect((await send(t4, 'POST', `/api/concerns/uc_nothing/acknowledge`, await t4.signIn(P.manager), { version, actionTaken: 'x' })).statusCode).toBe(404);
    expect((await ack(P.manager, concern.id, version, '   ')).statusCode).toBe(400);
  });

  it('records who, when and the action once; a stale version, a replay and the deputy after it get the concern as it is now', async () => {
    const { audit, concern, version } = await inadequateConcern(t4);
    expect((await ack(P.manager, concern.id, 'v_stale')).statusCode).toBe(409);

    const res = await ack(P.manager, concern.id, version);
    expect(res.statusCode, res.body).toBe(200);
    const view: UrgentConcernView = res.json();
    expect(view).toMatchObject({ acknowledgement: { by: { id: P.manager }, at: now.toISOString(), actionTaken: 'Strategy discussion arranged for today' }, canAcknowledge: false });
    expect(view.version).not.toBe(version);

    for (const who of [P.manager, P.deputy]) {
      const again = await ack(who, concern.id, version, 'Something else');
      expect(again.statusCode).toBe(409);
      expect(again.json().message).toMatch(/^This concern was already acknowledged by .+ on 23\/11\/2026 at 10:00\.$/);
      expect(again.json().concern).toMatchObject({ acknowledgement: { by: { id: P.manager }, actionTaken: 'Strategy discussion arranged for today' } });
    }
    const stored = await t4.app.store.concerns.get(concern.id);
    expect(stored?.acknowledgement?.byId).toBe(P.manager);

    // One trail entry, with the length of the action only.
    const trail = (await t4.app.store.trail.listByAudit(audit.id)).items.filter((e) => e.after === 'acknowledged');
    expect(trail).toEqual([expect.objectContaining({ actorId: P.manager, before: 'awaiting acknowledgement', textLengths: { before: 0, after: 'Strategy discussion arranged for today'.length } })]);
    expect(JSON.stringify(await t4.app.store.trail.listByAudit(audit.id))).not.toContain('Strategy discussion');

    // The manager's card is updated for everyone it went to, and shows who and when, never the action.
    const updates = (await allPages((p) => t4.app.store.outbox.listByStatus('queued', p))).filter((n) => n.kind === 'cardUpdate' && n.payload['target'] === urgentNoticeKey(concern.id, P.manager));
    expect(updates).toHaveLength(1);
    const card = JSON.stringify(await t4.app.concerns.renderCard(concern.id, P.manager));
    expect(card).toMatch(/Acknowledged by .+ on 23\/11\/2026 at 10:00/);
    expect(card).not.toContain('Strategy discussion');
    expect(card).not.toContain('acknowledgeConcern');
    expect(await t4.app.concerns.renderCard(concern.id, P.worker)).toBeNull();
  });

  it('the deputy may acknowledge; two managers at once make exactly one change', async () => {
    const first = await inadequateConcern(t4);
    expect((await ack(P.deputy, first.concern.id, first.version)).statusCode).toBe(200);

    const { concern, version } = await inadequateConcern(t4);
    const results = await Promise.all([ack(P.manager, concern.id, version, 'Manager visit'), ack(P.deputy, concern.id, version, 'Deputy call')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const stored = await t4.app.store.concerns.get(concern.id);
    const winner = results.find((r) => r.statusCode === 200)?.json() as UrgentConcernView;
    expect(stored?.acknowledgement?.byId).toBe(winner.acknowledgement?.by.id);
    expect(results.find((r) => r.statusCode === 409)?.json().message).toContain('already acknowledged');
  });

  it('lists concerns awaiting acknowledgement for the managers they went to, not for other teams', async () => {
    const { concern } = await inadequateConcern(t4);
    const mine: UrgentConcernListResponse = (await send(t4, 'GET', '/api/concerns/urgent', await t4.signIn(P.manager))).json();
    expect(mine.items.find((i) => i.id === concern.id)).toMatchObject({ canAcknowledge: true, caseRef: concern.caseRef });
    const other: UrgentConcernListResponse = (await send(t4, 'GET', '/api/concerns/urgent', await t4.signIn(P.otherManager))).json();
    expect(other.items.some((i) => i.id === concern.id)).toBe(false);
    expect((await send(t4, 'GET', `/api/concerns/${concern.id}`, await t4.signIn(P.otherManager))).statusCode).toBe(403);
    const qa: UrgentConcernListResponse = (await send(t4, 'GET', '/api/concerns/urgent', await t4.signIn(P.qa))).json();
    expect(qa.items.find((i) => i.id === concern.id)).toMatchObject({ canAcknowledge: false });
  });
});

describe('escalation to the Head of Service', () => {
  it('counts only working hours (Christmas and the Boxing Day substitute excluded), escalates once by card and e-mail, and lets the Head of Service acknowledge', async () => {
    const saved = now;
    try {
      // Thursday 24/12/2026 15:00: two working hours that day; Friday 25 and Monday 28 are bank holidays.
      now = new Date('2026-12-24T15:00:00.000Z');
      const { audit, concern, version } = await inadequateConcern(t4);
      const before = await noticesAbout(t4, audit.caseSnapshot.caseRef);
      // (Earlier tests' concerns, long overdue by now, escalate on these runs: only this one is watched.)
      await t4.app.concerns.escalateOverdue(new Date('2026-12-28T16:00:00.000Z'));
      await t4.app.concerns.escalateOverdue(new Date('2026-12-29T10:59:00.000Z'));
      expect((await t4.app.store.concerns.get(concern.id))?.escalation).toBeNull();
      expect(await noticesAbout(t4, audit.caseSnapshot.caseRef)).toEqual(before);

      const due = new Date('2026-12-29T11:00:00.000Z');
      expect((await t4.app.concerns.escalateOverdue(due)).escalated).toBe(1);
      expect((await t4.app.store.concerns.get(concern.id))?.escalation).toEqual({ toId: P.hos, at: due.toISOString() });
      expect(await t4.app.store.outbox.get(escalationNoticeKey(concern.id, P.hos))).toMatchObject({ recipientId: P.hos, priority: 'urgent', payload: { alert: true } });
      const email = await t4.app.store.outbox.get(concernEmailKey(escalationNoticeKey(concern.id, P.hos)));
      expect(email?.payload['subject']).toMatch(/^Urgent, not yet acknowledged/);
      const after = await noticesAbout(t4, audit.caseSnapshot.caseRef);
      expect(after).toEqual([...before, ...oneEach(P.hos)].sort());

      // Run again (or by a second process): nothing more.
      await t4.app.concerns.escalateOverdue(new Date('2026-12-29T11:05:00.000Z'));
      expect(await noticesAbout(t4, audit.caseSnapshot.caseRef)).toEqual(after);
      const trail = (await t4.app.store.trail.listByAudit(audit.id)).items.filter((e) => e.after?.startsWith('escalated'));
      expect(trail).toHaveLength(1);

      // The managers' cards now show the escalation; the Head of Service may acknowledge.
      expect(JSON.stringify(await t4.app.concerns.renderCard(concern.id, P.manager))).toContain('escalated to');
      now = new Date('2026-12-29T11:30:00.000Z');
      expect((await send(t4, 'POST', `/api/concerns/${concern.id}/acknowledge`, await t4.signIn(P.hos), { version, actionTaken: 'Spoke to the team manager' })).statusCode).toBe(200);
    } finally {
      now = saved;
    }
  });

  it('never escalates a concern acknowledged in time', async () => {
    const { concern, version } = await inadequateConcern(t4);
    expect((await send(t4, 'POST', `/api/concerns/${concern.id}/acknowledge`, await t4.signIn(P.manager), { version, actionTaken: 'Visit today' })).statusCode).toBe(200);
    await t4.app.concerns.escalateOverdue(new Date('2027-01-15T12:00:00.000Z'));
    expect((await t4.app.store.concerns.get(concern.id))?.escalation).toBeNull();
    expect(await t4.app.store.outbox.get(escalationNoticeKey(concern.id, P.hos))).toBeNull();
  });
});

describe('the cases of concern register', () => {
  const register = async (who: string, query = ''): Promise<CaseOfConcernRegisterResponse> => {
    const res = await send(t4, 'GET', `/api/cases-of-concern${query}`, await t4.signIn(who));
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const post = async (who: string, url: string, body: object) => send(t4, 'POST', url, await t4.signIn(who), body);

  it('an Inadequate submission proposes an entry to its auditor and QA leads, whom alone may raise it; raising alerts the manager and Head of Service', async () => {
    const { audit, concern } = await inadequateConcern(t4);
    expect((await register(P.auditor)).proposals.map((p) => p.concernId)).toContain(concern.id);
    expect((await register(P.qa)).proposals.map((p) => p.concernId)).toContain(concern.id);
    expect((await register(P.manager)).proposals.map((p) => p.concernId)).not.toContain(concern.id);

    const reason = 'Planning has drifted for six months';
    for (const who of [P.manager, P.worker, P.otherManager, P.hos]) expect((await post(who, '/api/cases-of-concern', { auditId: audit.id, reason })).statusCode, who).toBe(403);
    expect((await post(P.auditor, '/api/cases-of-concern', { auditId: audit.id, reason: ' ' })).statusCode).toBe(400);

    const res = await post(P.auditor, '/api/cases-of-concern', { auditId: audit.id, reason });
    expect(res.statusCode, res.body).toBe(200);
    const entry: CaseOfConcernView = res.json();
    expect(entry).toMatchObject({ status: 'open', raisedAs: 'auditor', auditId: audit.id, reason, alerted: [expect.objectContaining({ id: P.manager, role: 'teamManager' }), expect.objectContaining({ id: P.hos, role: 'headOfService' })] });
    // A double click reaches the same entry.
    expect((await post(P.auditor, '/api/cases-of-concern', { auditId: audit.id, reason })).json().id).toBe(entry.id);
    expect((await t4.app.store.concerns.get(concern.id))?.registerProposal).toMatchObject({ status: 'raised', entryId: entry.id, byId: P.auditor });
    expect((await register(P.qa)).proposals.map((p) => p.concernId)).not.toContain(concern.id);
    // The auditor manages another team, yet sees the entry they raised.
    expect((await register(P.auditor)).items.find((i) => i.id === entry.id)?.permissions).toMatchObject({ respond: false, followUp: true, close: false });
    expect((await register(P.otherManager)).items.some((i) => i.id === entry.id)).toBe(false);

    for (const who of [P.manager, P.hos]) {
      const card = await t4.app.store.outbox.get(caseOfConcernNoticeId(entry.id, who));
      expect(card).toMatchObject({ kind: 'caseOfConcern', priority: 'urgent', payload: { alert: true } });
      expect(JSON.stringify(card?.payload)).not.toContain(reason);
      const mail = await t4.app.store.outbox.get(concernEmailKey(caseOfConcernNoticeId(entry.id, who)));
      expect(mail?.payload['channel']).toBe('email');
      expect(JSON.stringify(mail?.payload)).not.toContain(reason);
    }
    const trail = (await t4.app.store.trail.listByAudit(audit.id)).items.filter((e) => e.field === `casesOfConcern.${entry.id}`);
    expect(trail).toEqual([expect.objectContaining({ actorId: P.auditor, textLengths: { before: 0, after: reason.length } })]);
  });

  it('a proposal can be declined as not needed by its auditor or a QA lead only', async () => {
    const { concern } = await inadequateConcern(t4);
    expect((await post(P.manager, `/api/cases-of-concern/proposals/${concern.id}/not-needed`, {})).statusCode).toBe(403);
    expect((await post(P.qa, `/api/cases-of-concern/proposals/${concern.id}/not-needed`, {})).statusCode).toBe(200);
    expect((await t4.app.store.concerns.get(concern.id))?.registerProposal).toMatchObject({ status: 'notRaised', byId: P.qa });
    expect((await post(P.auditor, `/api/cases-of-concern/proposals/${concern.id}/not-needed`, {})).statusCode).toBe(409);
  });

  it('responded to by the manager side, followed up, escalated and closed, each by whom the rules allow', async () => {
    const demoCase = (await t4.app.store.cases.listByTeam(TEAM)).items[0];
    if (!demoCase) throw new Error('no case in the team');
    // Directly on a case: a QA lead only.
    expect((await post(P.auditor, '/api/cases-of-concern', { caseRef: demoCase.caseRef, reason: 'Repeated referrals' })).statusCode).toBe(403);
    expect((await post(P.qa, '/api/cases-of-concern', { caseRef: 'NO-SUCH-REF', reason: 'x' })).statusCode).toBe(404);
    let entry: CaseOfConcernView = (await post(P.qa, '/api/cases-of-concern', { caseRef: demoCase.caseRef, reason: 'Repeated referrals' })).json();
    expect(entry).toMatchObject({ raisedAs: 'qaLead', auditId: null, teamId: TEAM, permissions: { respond: false, followUp: true, escalate: true, close: false } });

    // The register: the team's manager and Head of Service see it; another team's manager does not.
    expect((await register(P.manager)).items.find((i) => i.id === entry.id)?.permissions).toMatchObject({ respond: true, close: false });
    expect((await register(P.hos)).items.some((i) => i.id === entry.id)).toBe(true);
    expect((await register(P.otherManager)).items.some((i) => i.id === entry.id)).toBe(false);
    expect((await send(t4, 'GET', `/api/cases-of-concern?teamId=${TEAM}`, await t4.signIn(P.otherManager))).statusCode).toBe(403);
    expect((await register(P.qa, '?status=closed')).items.some((i) => i.id === entry.id)).toBe(false);

    const url = (step: string) => `/api/cases-of-concern/${entry.id}/${step}`;
    for (const who of [P.qa, P.worker, P.otherManager]) expect((await post(who, url('respond'), { etag: entry.etag, text: 'Reviewed' })).statusCode, who).toBe(403);
    expect((await post(P.manager, url('close'), { etag: entry.etag, note: '' })).statusCode).toBe(409); // not responded yet
    expect((await post(P.manager, url('respond'), { etag: 'stale', text: 'Reviewed' })).statusCode).toBe(409);
    let res = await post(P.manager, url('respond'), { etag: entry.etag, text: 'Case reviewed in supervision; plan updated' });
    expect(res.statusCode, res.body).toBe(200);
    entry = res.json();
    expect(entry).toMatchObject({ status: 'responded', response: { by: { id: P.manager } } });
    const update = (await allPages((p) => t4.app.store.outbox.listByStatus('queued', p))).filter((n) => n.kind === 'cardUpdate' && n.payload['target'] === caseOfConcernNoticeId(entry.id, P.manager));
    expect(update).toHaveLength(1);

    expect((await post(P.otherManager, url('follow-ups'), { etag: entry.etag, text: 'x' })).statusCode).toBe(403);
    res = await post(P.qa, url('follow-ups'), { etag: entry.etag, text: 'Recheck in January' });
    expect(res.statusCode).toBe(200);
    entry = res.json();

    res = await post(P.manager, url('escalate'), { etag: entry.etag, toId: P.director });
    expect(res.statusCode, res.body).toBe(200);
    entry = res.json();
    expect(entry.escalations).toEqual([expect.objectContaining({ by: expect.objectContaining({ id: P.manager }), to: expect.objectContaining({ id: P.director }) })]);
    expect(await t4.app.store.outbox.get(caseOfConcernNoticeId(entry.id, P.director))).toMatchObject({ recipientId: P.director, kind: 'caseOfConcern' });

    expect((await post(P.manager, url('close'), { etag: entry.etag, note: '' })).statusCode).toBe(403);
    res = await post(P.qa, url('close'), { etag: entry.etag, note: 'Assured' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', closure: { by: { id: P.qa } }, permissions: { respond: false, followUp: false, escalate: false, close: false } });
    expect((await register(P.qa, '?status=closed')).items.some((i) => i.id === entry.id)).toBe(true);
  });

  it('needs a signed-in user', async () => {
    expect((await t4.app.server.inject({ method: 'GET', url: '/api/cases-of-concern' })).statusCode).toBe(401);
    expect((await t4.app.server.inject({ method: 'GET', url: '/api/concerns/urgent' })).statusCode).toBe(401);
  });
});
