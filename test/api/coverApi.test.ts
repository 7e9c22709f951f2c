import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../fixtures/testApp';
import { completeForm } from '../fixtures/completeForm';
import { buildAudit } from '../fixtures/builders';
import type { AuditDetail } from '../../shared/api/contracts';
import type { CoverOptionsResponse, CoverView, SetCoverResponse } from '../../shared/api/coverContracts';
import { londonDate } from '../../shared/calendar/londonTime';
import { allPages } from '../../bot/store/storeInterface';

// Monday 23/11/2026, 10:00 in London.
const now = new Date('2026-11-23T10:00:00.000Z');

/** The demo council's Child protection South team and the people around it. */
const P = {
  manager: 'tm-cp-south',
  deputy: 'dtm-cp-south',
  worker: 'sw-cp-south-1',
  awayWorker: 'sw-cp-south-2',
  hos: 'hos-cin-cp',
  otherManager: 'tm-cp-north',
  qa: 'qa-lead',
  admin: 'admin-business-support',
  director: 'sm-director',
  former: 'sw-former',
  auditor: 'tm-children-in-care',
} as const;

let dir: string;
let t: TestApp;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'practice-audit-cover-'));
  // No action is required below Good here: the actions have their own suites.
  await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ auditTypes: { childsJourneyMonthly: { submission: { actionWhenBelowGood: false } } } }));
  t = await startTestApp({ clock: () => now, dispatcher: false, settingsFile: path.join(dir, 'settings.json') });
});
afterAll(async () => {
  await t?.stop();
  await rm(dir, { recursive: true, force: true });
});

const send = async (method: 'GET' | 'PUT' | 'POST', url: string, as: string, payload?: object) =>
  t.app.server.inject({ method, url, headers: { cookie: await t.signIn(as) }, ...(payload ? { payload } : {}) });

const coverOf = async (staffId: string, as: string = staffId): Promise<CoverView> => {
  const res = await send('GET', `/api/staff/${staffId}/cover`, as);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

/** Sets cover with the etag just read (or the one given). */
const setCover = async (staffId: string, as: string, away: boolean, deputyId: string | null, etag?: string) =>
  send('PUT', `/api/staff/${staffId}/cover`, as, { etag: etag ?? (await coverOf(staffId, as)).etag, away, deputyId });

describe('away and cover: who may', () => {
  it('lets a team manager mark themselves away with their deputy, and writes it to the staff record', async () => {
    const before = await coverOf(P.manager);
    expect(before).toMatchObject({ staffId: P.manager, away: false, deputy: { id: P.deputy, active: true, away: false } });
    const res = await setCover(P.manager, P.manager, true, P.deputy, before.etag);
    expect(res.statusCode, res.body).toBe(200);
    const body: SetCoverResponse = res.json();
    expect(body).toMatchObject({ away: true, deputy: { id: P.deputy }, changed: true, warnings: [] });
    expect(body.etag).not.toBe(before.etag);
    expect(await t.app.store.staff.get(P.manager)).toMatchObject({ away: true, deputyId: P.deputy });
  });

  it('changes nothing when the same change is sent again, even with the etag it was first sent with', async () => {
    const stored = await t.app.store.staff.get(P.manager);
    const res = await setCover(P.manager, P.manager, true, P.deputy, 'an-etag-long-gone');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ changed: false, etag: stored?.etag });
    expect((await t.app.store.staff.get(P.manager))?.etag).toBe(stored?.etag);
  });

  it('lets the line manager, a QA lead, the principal social worker and an administrator change it', async () => {
    for (const [as, away] of [[P.hos, false], [P.qa, true], ['psw', false], [P.admin, true]] as const) {
      const res = await setCover(P.manager, as, away, P.deputy);
      expect(res.statusCode, `${as}: ${res.body}`).toBe(200);
      expect(res.json()).toMatchObject({ away, changed: true });
    }
  });

  it("refuses a worker, the deputy, another team manager and a senior manager who is not the line manager (403), reading or changing", async () => {
    const etag = (await coverOf(P.manager)).etag;
    for (const as of [P.worker, P.deputy, P.otherManager, P.director]) {
      const put = await setCover(P.manager, as, false, null, etag);
      expect(put.statusCode, as).toBe(403);
      expect(put.json().error).toBe('forbidden');
      expect((await send('GET', `/api/staff/${P.manager}/cover`, as)).statusCode).toBe(403);
      expect((await send('GET', `/api/staff/${P.manager}/cover/options`, as)).statusCode).toBe(403);
    }
    // Refused before the body is read: an invalid body from someone not allowed is still a 403.
    expect((await send('PUT', `/api/staff/${P.manager}/cover`, P.worker, { away: 'maybe' })).statusCode).toBe(403);
    expect((await t.app.store.staff.get(P.manager))?.etag).toBe(etag);
  });

  it('answers 404 for someone not in the directory and 401 when not signed in', async () => {
    expect((await send('GET', '/api/staff/nobody-here/cover', P.qa)).statusCode).toBe(404);
    const anon = await t.app.server.inject({ method: 'GET', url: `/api/staff/${P.manager}/cover` });
    expect(anon.statusCode).toBe(401);
  });
});

describe('away and cover: what may be saved', () => {
  const fieldsOf = (body: { fields?: { field: string; message: string }[] }) => body.fields ?? [];

  it('refuses a deputy who has left, is unknown, is the person themselves or is away, naming body.deputyId (400)', async () => {
    const cases: [string, RegExp][] = [
      [P.former, /has left/],
      ['nobody-here', /No one with this id/],
      [P.manager, /own deputy/],
      [P.awayWorker, /is marked away too/],
    ];
    for (const [deputyId, message] of cases) {
      const res = await setCover(P.manager, P.manager, true, deputyId);
      expect(res.statusCode, deputyId).toBe(400);
      expect(fieldsOf(res.json())).toEqual([{ field: 'body.deputyId', message: expect.stringMatching(message) }]);
    }
    // A colleague who is away may be named while the person is at work.
    const ok = await setCover(P.manager, P.manager, false, P.awayWorker);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('names each malformed field of the body', async () => {
    const etag = (await coverOf(P.manager)).etag;
    const bad = await send('PUT', `/api/staff/${P.manager}/cover`, P.manager, { etag, away: 'yes', deputyId: 'not an id!' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json()).map((f) => f.field).sort()).toEqual(['body.away', 'body.deputyId']);
    const extra = await send('PUT', `/api/staff/${P.manager}/cover`, P.manager, { etag, away: false, deputyId: null, reason: 'x' });
    expect(extra.statusCode).toBe(400);
  });

  it('refuses a change made from a stale etag (409) with the record as it is now, and writes nothing', async () => {
    const first = await coverOf(P.manager);
    const saved = await setCover(P.manager, P.hos, false, P.deputy, first.etag);
    expect(saved.statusCode, saved.body).toBe(200);
    const stale = await setCover(P.manager, P.manager, true, null, first.etag);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'conflict', current: { away: false, deputy: { id: P.deputy }, etag: saved.json().etag } });
    expect(await t.app.store.staff.get(P.manager)).toMatchObject({ away: false, deputyId: P.deputy });
  });

  it('allows going away with nobody named, with a warning saying alerts still come to the person until escalation', async () => {
    const res = await setCover(P.otherManager, P.otherManager, true, null);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ away: true, deputy: null, warnings: [{ code: 'noDeputy', message: expect.stringContaining('straight to the Head of Service') }] });
    const back = await setCover(P.otherManager, P.otherManager, false, `dtm-cp-north`);
    expect(back.json()).toMatchObject({ away: false, warnings: [] });
  });

  it('warns someone going away that a colleague they cover for is away too', async () => {
    // The deputy names the manager as their own cover (the demo council's pairs cover each other).
    expect((await setCover(P.deputy, P.deputy, true, P.manager)).statusCode).toBe(200);
    const res = await setCover(P.manager, P.manager, true, P.otherManager);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().warnings).toEqual([{ code: 'stillCovering', message: expect.stringMatching(/^You are covering for .+, who is away/) }]);
    // Put things back for the next tests.
    expect((await setCover(P.manager, P.manager, false, P.deputy)).statusCode).toBe(200);
    expect((await setCover(P.deputy, P.deputy, false, P.manager)).statusCode).toBe(200);
  });

  it('offers active colleagues with management duties as deputies, not the person, leavers or workers, and says whom the person covers for', async () => {
    const res = await send('GET', `/api/staff/${P.manager}/cover/options`, P.manager);
    expect(res.statusCode, res.body).toBe(200);
    const body: CoverOptionsResponse = res.json();
    const ids = body.candidates.map((c) => c.id);
    expect(ids).toContain(P.deputy);
    expect(ids).toContain(P.qa);
    for (const absent of [P.manager, P.former, P.worker]) expect(ids).not.toContain(absent);
    expect(body.candidates.find((c) => c.id === P.deputy)).toMatchObject({ teamName: 'Child protection South', jobRoles: expect.arrayContaining(['deputyTeamManager']) });
    expect(body.coveringFor.map((c) => c.id)).toEqual([P.deputy]);
    const names = body.candidates.map((c) => c.displayName);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-GB')));
  });
});

describe('away and cover: where the urgent concern goes', () => {
  it("sends the team's urgent concern to the deputy while the manager is away, and to the manager once back", async () => {
    const caseTeam = 'team-cp-south';
    const raise = async () => {
      const draft = buildAudit({ auditorId: P.auditor, auditType: 'childsJourneyMonthly', templateId: 'childs-journey' });
      const audit = await t.app.store.audits.create({ ...draft, caseSnapshot: { ...draft.caseSnapshot, teamId: caseTeam, workerId: P.worker } }, []);
      const detail: AuditDetail = (await send('GET', `/api/audits/${audit.id}`, P.auditor)).json();
      const form = completeForm(detail, londonDate(now));
      form.grading.overall = { grade: 'inadequate', inadequate: null };
      form.grading.outcomes = 'notMet';
      const saved = await send('PUT', `/api/audits/${audit.id}/form`, P.auditor, { etag: detail.audit.etag, form });
      expect(saved.statusCode, saved.body).toBe(200);
      const submitted = await send('POST', `/api/audits/${audit.id}/submit`, P.auditor, { etag: saved.json().etag });
      expect(submitted.statusCode, submitted.body).toBe(200);
      const [concern] = await t.app.store.concerns.listByAudit(audit.id);
      const queued = await allPages((p) => t.app.store.outbox.listByStatus('queued', p));
      const cards = queued.filter((n) => n.kind === 'urgentConcern' && JSON.stringify(n.payload).includes(audit.caseSnapshot.caseRef)).map((n) => n.recipientId);
      return { recipients: concern?.recipients.map((r) => `${r.role} ${r.staffId}`), cards };
    };

    expect((await setCover(P.manager, P.manager, true, P.deputy)).statusCode).toBe(200);
    const whileAway = await raise();
    expect(whileAway.recipients).toEqual([`deputy ${P.deputy}`, `worker ${P.worker}`]);
    expect(whileAway.cards).toEqual([P.deputy]);

    // Away with nobody covering (the deputy away too): the Head of Service is told at once as well.
    expect((await setCover(P.deputy, P.deputy, true, null)).statusCode).toBe(200);
    const uncovered = await raise();
    expect(uncovered.recipients).toEqual([`teamManager ${P.manager}`, `worker ${P.worker}`, `headOfService ${P.hos}`]);
    expect(uncovered.cards.sort()).toEqual([P.manager, P.hos].sort());
    expect((await setCover(P.deputy, P.deputy, false, null)).statusCode).toBe(200);

    expect((await setCover(P.manager, P.manager, false, P.deputy)).statusCode).toBe(200);
    const back = await raise();
    expect(back.recipients).toEqual([`teamManager ${P.manager}`, `worker ${P.worker}`]);
    expect(back.cards).toEqual([P.manager]);
  });
});

describe('away and cover: telling the deputy', () => {
  const northDeputy = 'dtm-cp-north';
  const coverNotices = async (recipientId: string) =>
    (await allPages((p) => t.app.store.outbox.listByStatus('queued', p))).filter((n) => n.kind === 'coverStarted' && n.recipientId === recipientId);
  const nameOf = async (id: string) => (await t.app.store.staff.get(id))?.displayName ?? '';

  it('queues one card to the deputy when someone goes away, and nothing when the change is repeated or they come back', async () => {
    const before = (await coverNotices(northDeputy)).length;
    const first = await coverOf(P.otherManager);
    const away = await setCover(P.otherManager, P.otherManager, true, northDeputy, first.etag);
    expect(away.statusCode, away.body).toBe(200);
    const queued = await coverNotices(northDeputy);
    expect(queued).toHaveLength(before + 1);
    const card = JSON.stringify(queued.at(-1)?.payload);
    expect(card).toContain(`You are covering for ${await nameOf(P.otherManager)} while they are away`);
    expect(card).toContain('has marked themselves away');
    expect(card).toContain('"type":"Action.OpenUrl"');
    expect(card).not.toMatch(/DEMO-/);

    // The same PUT again, with the etag it was first sent with: nothing more.
    expect((await setCover(P.otherManager, P.otherManager, true, northDeputy, first.etag)).json()).toMatchObject({ changed: false });
    expect(await coverNotices(northDeputy)).toHaveLength(before + 1);

    expect((await setCover(P.otherManager, P.otherManager, false, northDeputy)).statusCode).toBe(200);
    expect(await coverNotices(northDeputy)).toHaveLength(before + 1);
  });

  it('tells a new deputy named while the person is away, saying who made the change', async () => {
    expect((await setCover(P.otherManager, P.otherManager, true, northDeputy)).statusCode).toBe(200);
    const before = (await coverNotices(P.hos)).length;
    expect((await setCover(P.otherManager, P.admin, true, P.hos)).statusCode).toBe(200);
    const queued = await coverNotices(P.hos);
    expect(queued).toHaveLength(before + 1);
    expect(JSON.stringify(queued.at(-1)?.payload)).toContain(`${await nameOf(P.admin)} has marked ${await nameOf(P.otherManager)} as away`);
    expect((await setCover(P.otherManager, P.otherManager, false, northDeputy)).statusCode).toBe(200);
  });

  it('does not tell a deputy who made the change themselves', async () => {
    const before = (await coverNotices(P.qa)).length;
    const res = await setCover(P.otherManager, P.qa, true, P.qa);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ away: true, deputy: { id: P.qa }, changed: true });
    expect(await coverNotices(P.qa)).toHaveLength(before);
    expect((await setCover(P.otherManager, P.otherManager, false, northDeputy)).statusCode).toBe(200);
  });
});
