import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultAuditTypeSettings } from '../../shared/settings/auditTypeSettings';
import type { Audit } from '../../shared/schemas/audits';
import { buildAudit, buildStaff, buildTeam } from '../../test/fixtures/builders';
import { meetingProposedNoticeId, MEETING_PROPOSED_SUMMARY } from '../delivery/meetingNotices';
import { MeetingService } from '../meetings/meetingService';
import { openSqliteStore } from '../store/sqlite/openSqliteStore';
import type { Store } from '../store/storeInterface';
import { createActivityRouter } from './activityRouter';
import type { BotTurn, IncomingActivity, InvokeReply } from './botAdapter';

let store: Store;
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

// Monday 23/11/2026, 12:00 in London; the audit is due on Friday 11/12/2026.
const now = new Date('2026-11-23T12:00:00Z');
const oid = { auditor: 'oid-auditor', worker: 'oid-worker', manager: 'oid-manager', deputy: 'oid-deputy', other: 'oid-other' } as const;

async function setUp(auditOver: Partial<Audit> = {}) {
  await store.teams.put(buildTeam({ id: 'team-a', managerId: 'tm-a' }), null);
  await store.staff.put(buildStaff({ id: 'aud-1', displayName: 'Alex Auditor', entraObjectId: oid.auditor, jobRoles: ['teamManager'], teamId: 'team-b' }), null);
  await store.staff.put(buildStaff({ id: 'sw-a', displayName: 'Sam Worker', entraObjectId: oid.worker, jobRoles: ['worker'], teamId: 'team-a' }), null);
  await store.staff.put(buildStaff({ id: 'tm-a', displayName: 'Morgan Manager', entraObjectId: oid.manager, jobRoles: ['teamManager'], teamId: 'team-a', deputyId: 'dtm-a' }), null);
  await store.staff.put(buildStaff({ id: 'dtm-a', displayName: 'Dana Deputy', entraObjectId: oid.deputy, jobRoles: ['deputyTeamManager'], teamId: 'team-a' }), null);
  await store.staff.put(buildStaff({ id: 'sw-x', displayName: 'Other Worker', entraObjectId: oid.other, jobRoles: ['worker'], teamId: 'team-a' }), null);
  const draft = buildAudit({ auditorId: 'aud-1', auditType: 'managersMonthly', templateId: 'managers-monthly', dueDate: '2026-12-11', ...auditOver });
  const audit = await store.audits.create({ ...draft, caseSnapshot: { ...draft.caseSnapshot, teamId: 'team-a', workerId: 'sw-a' } }, []);
  const router = createActivityRouter({
    staff: store.staff,
    audits: { listMine: async () => ({ items: [], next: null }) },
    conversations: { put: async () => {}, getByAad: async () => null, getByTeamsUserId: async () => null },
    links: { appUrl: 'http://localhost:3978/', auditUrl: (id) => `http://localhost:3978/audits/${id}` },
    clock: () => now,
    logger: { info: () => {}, warn: () => {} },
    meetings: new MeetingService({ store, settings: defaultAuditTypeSettings, clock: () => now, auditLink: (id) => `http://localhost:3978/audits/${id}` }),
  });
  return { router, audit };
}

const activity = (over: Partial<IncomingActivity>, who: string): IncomingActivity => ({
  type: 'invoke',
  id: 'act-1',
  channelId: 'msteams',
  serviceUrl: 'http://localhost:5000/_connector',
  from: { id: `29:${who}`, aadObjectId: who },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:personal', conversationType: 'personal' },
  ...over,
});

const propose = (auditId: string, meetingDate: string, meetingTime?: string, version = '1') => ({
  name: 'adaptiveCard/action',
  value: { action: { type: 'Action.Execute', verb: 'proposeMeeting', data: { verb: 'proposeMeeting', auditId, version, meetingDate, ...(meetingTime === undefined ? {} : { meetingTime }) } } },
});

async function run(router: Awaited<ReturnType<typeof setUp>>['router'], a: IncomingActivity) {
  const cards: unknown[] = [];
  const texts: string[] = [];
  const turn: BotTurn = { activity: a, sendCard: async (card) => (cards.push(card), 'm1'), sendText: async (text) => (texts.push(text), 'm2'), updateCard: async () => undefined };
  const reply = (await router(turn)) as InvokeReply | undefined;
  return { reply, json: JSON.stringify(reply?.body ?? null), cards, texts };
}

describe('proposing a meeting from the "case selected" card', () => {
  it("records the worker's proposal, writes the trail without touching the audit, and tells the auditor", async () => {
    const { router, audit } = await setUp();
    const { reply, json } = await run(router, activity(propose(audit.id, '2026-11-25', '10:00'), oid.worker));
    expect(reply).toMatchObject({ status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' } });
    expect(json).toContain('Meeting proposal sent');
    expect(json).toContain('The auditor has been told');
    expect(json).toContain('Wednesday 25/11/2026');

    const [proposal, ...more] = await store.meetings.listByAudit(audit.id);
    expect(more).toEqual([]);
    expect(proposal).toMatchObject({ proposedById: 'sw-a', proposerRole: 'worker', meetingDate: '2026-11-25', meetingTime: '10:00', status: 'proposed', response: null });
    expect((await store.trail.listByAudit(audit.id)).items).toEqual([
      expect.objectContaining({ kind: 'meeting', actorId: 'sw-a', before: null, after: 'meeting proposed for 2026-11-25 10:00' }),
    ]);
    // The auditor's open form keeps its etag: no conflict on their next autosave.
    expect((await store.audits.get(audit.id))?.etag).toBe(audit.etag);

    const notice = await store.outbox.get(meetingProposedNoticeId(proposal?.id ?? ''));
    expect(notice).toMatchObject({ recipientId: 'aud-1', kind: 'meetingProposed', status: 'queued', payload: { summary: MEETING_PROPOSED_SUMMARY } });
    const card = JSON.stringify(notice?.payload.card);
    for (const expected of [audit.caseSnapshot.caseRef, 'Sam Worker', "the case's worker", '25/11/2026', '10:00', `/audits/${audit.id}`]) expect(card).toContain(expected);
    expect(MEETING_PROPOSED_SUMMARY).not.toContain(audit.caseSnapshot.caseRef);
  });

  it("accepts the team's manager and the manager's deputy, each in their own capacity", async () => {
    const { router, audit } = await setUp();
    expect((await run(router, activity(propose(audit.id, '2026-11-26'), oid.manager))).json).toContain('Meeting proposal sent');
    expect((await run(router, activity(propose(audit.id, '2026-11-27', '09:00'), oid.deputy))).json).toContain('Meeting proposal sent');
    const roles = (await store.meetings.listByAudit(audit.id)).map((p) => [p.proposedById, p.proposerRole, p.meetingTime]);
    // Same instant, so listed by id: the order says nothing here.
    expect(roles).toHaveLength(2);
    expect(roles).toEqual(expect.arrayContaining([['tm-a', 'teamManager', null], ['dtm-a', 'deputy', '09:00']]));
    expect(await store.outbox.countByStatus()).toMatchObject({ queued: 2 });
  });

  it('refuses anyone else, whatever the card says, without naming the case', async () => {
    const { router, audit } = await setUp();
    for (const who of [oid.other, oid.auditor]) {
      const { json } = await run(router, activity(propose(audit.id, '2026-11-25', '10:00'), who));
      expect(json).toContain('Meeting not proposed');
      expect(json).toContain("Only the case's worker and the manager of the case's team");
      expect(json).not.toContain(audit.caseSnapshot.caseRef);
    }
    const unknownAudit = await run(router, activity(propose('audit-none', '2026-11-25'), oid.worker));
    expect(unknownAudit.json).toContain('Meeting not proposed');
    expect(await store.meetings.listByAudit(audit.id)).toEqual([]);
    expect((await store.outbox.countByStatus()).queued).toBe(0);
  });

  it('refuses the worker of an audit done without them (not collaborative)', async () => {
    const { router, audit } = await setUp({ auditType: 'deepDive', templateId: 'childs-journey' });
    const { json } = await run(router, activity(propose(audit.id, '2026-11-25'), oid.worker));
    expect(json).toContain('Meeting not proposed');
    expect(json).not.toContain(audit.caseSnapshot.caseRef);
    expect(await store.meetings.listByAudit(audit.id)).toEqual([]);
  });

  it('records one proposal, one trail entry and one notice when the same invoke arrives twice', async () => {
    const { router, audit } = await setUp();
    await run(router, activity(propose(audit.id, '2026-11-25', '10:00'), oid.worker));
    const again = await run(router, activity(propose(audit.id, '2026-11-25', '10:00', '7'), oid.worker));
    expect(again.json).toContain('Meeting already proposed');
    expect(again.json).toContain('You had already proposed this time');
    expect(await store.meetings.listByAudit(audit.id)).toHaveLength(1);
    expect((await store.trail.listByAudit(audit.id)).items).toHaveLength(1);
    expect((await store.outbox.countByStatus()).queued).toBe(1);
    // Another time is another proposal.
    await run(router, activity(propose(audit.id, '2026-11-25', '14:00'), oid.worker));
    expect(await store.meetings.listByAudit(audit.id)).toHaveLength(2);
  });

  it('refuses a date or time that cannot be used, saying why and offering the form again', async () => {
    const { router, audit } = await setUp();
    const refusals: [string, string | undefined, string][] = [
      ['2026-11-28', undefined, '28/11/2026 is a weekend or a bank holiday'],
      ['2026-11-20', '10:00', '20/11/2026 has passed'],
      ['2026-12-14', undefined, 'after the audit is due (11/12/2026)'],
      ['2026-11-25', '19:30', 'between 08:00 and 18:00'],
    ];
    for (const [date, time, message] of refusals) {
      const { json } = await run(router, activity(propose(audit.id, date, time), oid.worker));
      expect(json).toContain('Choose another time');
      expect(json).toContain(message);
      expect(json).toContain('"verb":"proposeMeeting"');
    }
    // Malformed input never reaches the service.
    const malformed = await run(router, activity(propose(audit.id, '2026-11-25', '25:00'), oid.worker));
    expect(malformed.reply).toMatchObject({ status: 200, body: { statusCode: 400, type: 'application/vnd.microsoft.error' } });
    expect(await store.meetings.listByAudit(audit.id)).toEqual([]);
    expect((await store.trail.listByAudit(audit.id)).items).toEqual([]);
  });

  it('refuses an audit that is no longer open', async () => {
    const { router, audit } = await setUp({ status: 'submitted', submittedAt: '2026-11-20T10:00:00.000Z' });
    const { json } = await run(router, activity(propose(audit.id, '2026-11-25'), oid.worker));
    expect(json).toContain('no longer open');
    expect(await store.meetings.listByAudit(audit.id)).toEqual([]);
  });

  it('accepts the Action.Submit fallback too', async () => {
    const { router, audit } = await setUp();
    const { cards } = await run(router, activity({ type: 'message', value: { verb: 'proposeMeeting', auditId: audit.id, version: '1', meetingDate: '2026-11-25', meetingTime: '' } }, oid.worker));
    expect(JSON.stringify(cards[0])).toContain('Meeting proposal sent');
    expect((await store.meetings.listByAudit(audit.id))[0]).toMatchObject({ meetingTime: null });
  });
});
