import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultAuditTypeSettings } from '../../shared/settings/auditTypeSettings';
import { defaultConcernSettings } from '../../shared/settings/concernSettings';
import { urgentNoticeKey } from '../../shared/concerns/urgentNotices';
import { buildAudit, buildService, buildStaff, buildTeam } from '../../test/fixtures/builders';
import { ConcernService } from '../concerns/concernService';
import { openSqliteStore } from '../store/sqlite/openSqliteStore';
import { allPages, type Store } from '../store/storeInterface';
import { createActivityRouter } from './activityRouter';
import type { BotTurn, IncomingActivity, InvokeReply } from './botAdapter';

let store: Store;
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

// Monday 23/11/2026, 10:00 in London.
const now = new Date('2026-11-23T10:00:00Z');
const oid = { auditor: 'oid-auditor', worker: 'oid-worker', manager: 'oid-manager', deputy: 'oid-deputy', other: 'oid-other', hos: 'oid-hos' } as const;

async function setUp() {
  await store.services.put(buildService({ id: 'svc-a', headOfServiceId: 'hos-a' }), null);
  await store.teams.put(buildTeam({ id: 'team-a', serviceId: 'svc-a', managerId: 'tm-a' }), null);
  await store.staff.put(buildStaff({ id: 'aud-1', displayName: 'Alex Auditor', entraObjectId: oid.auditor, jobRoles: ['teamManager'], teamId: 'team-b' }), null);
  await store.staff.put(buildStaff({ id: 'sw-a', displayName: 'Sam Worker', entraObjectId: oid.worker, jobRoles: ['worker'], teamId: 'team-a' }), null);
  await store.staff.put(buildStaff({ id: 'tm-a', displayName: 'Morgan Manager', entraObjectId: oid.manager, jobRoles: ['teamManager'], teamId: 'team-a', deputyId: 'dtm-a' }), null);
  await store.staff.put(buildStaff({ id: 'dtm-a', displayName: 'Dana Deputy', entraObjectId: oid.deputy, jobRoles: ['deputyTeamManager'], teamId: 'team-a', deputyId: 'tm-a' }), null);
  await store.staff.put(buildStaff({ id: 'tm-x', displayName: 'Other Manager', entraObjectId: oid.other, jobRoles: ['teamManager'], teamId: 'team-x' }), null);
  await store.staff.put(buildStaff({ id: 'hos-a', displayName: 'Harper Head', entraObjectId: oid.hos, jobRoles: ['headOfService'], teamId: null }), null);
  const draft = buildAudit({ auditorId: 'aud-1', status: 'submitted', submittedAt: now.toISOString() });
  const form = structuredClone(draft.form);
  form.grading.overall = { grade: 'inadequate', inadequate: null };
  const audit = await store.audits.create(
    { ...draft, form, finalGrade: { scale: 'ofsted4', value: { grade: 'inadequate', inadequate: null }, fourPoint: 'inadequate' }, caseSnapshot: { ...draft.caseSnapshot, teamId: 'team-a', workerId: 'sw-a' } },
    [],
  );
  const concerns = new ConcernService({
    store,
    settings: defaultAuditTypeSettings,
    concernSettings: defaultConcernSettings(),
    clock: () => now,
    links: { auditUrl: (id) => `http://localhost:3978/audits/${id}` },
    logger: { error: () => undefined },
  });
  await concerns.onAuditChanged(audit, 'submitted', 'aud-1');
  const [concern] = await store.concerns.listByAudit(audit.id);
  if (!concern) throw new Error('no concern raised');
  const managerCard = (await store.outbox.get(urgentNoticeKey(concern.id, 'tm-a')))?.payload['card'];
  const version = JSON.stringify(managerCard).match(/"version":"(v[^"]+)"/)?.[1];
  if (!version) throw new Error('no version on the card');
  const router = createActivityRouter({
    staff: store.staff,
    audits: { listMine: async () => ({ items: [], next: null }) },
    conversations: { put: async () => {}, getByAad: async () => null, getByTeamsUserId: async () => null },
    links: { appUrl: 'http://localhost:3978/', auditUrl: (id) => `http://localhost:3978/audits/${id}` },
    clock: () => now,
    logger: { info: () => {}, warn: () => {} },
    concerns,
  });
  return { router, audit, concern, version };
}

const activity = (value: unknown, who: string, over: Partial<IncomingActivity> = {}): IncomingActivity => ({
  type: 'invoke',
  name: 'adaptiveCard/action',
  id: 'act-1',
  channelId: 'msteams',
  serviceUrl: 'http://localhost:5000/_connector',
  from: { id: `29:${who}`, aadObjectId: who },
  recipient: { id: '28:bot' },
  conversation: { id: 'a:personal', conversationType: 'personal' },
  value,
  ...over,
});

const acknowledge = (concernId: string, version: string, actionTaken = 'Strategy discussion arranged for today') => ({
  action: { type: 'Action.Execute', verb: 'acknowledgeConcern', data: { verb: 'acknowledgeConcern', concernId, version, actionTaken } },
});
const refresh = (concernId: string, version: string) => ({ action: { type: 'Action.Execute', verb: 'refreshConcern', data: { verb: 'refreshConcern', concernId, version } } });

async function run(router: Awaited<ReturnType<typeof setUp>>['router'], a: IncomingActivity) {
  const cards: unknown[] = [];
  const texts: string[] = [];
  const turn: BotTurn = { activity: a, sendCard: async (card) => (cards.push(card), 'm1'), sendText: async (text) => (texts.push(text), 'm2'), updateCard: async () => undefined };
  const reply = (await router(turn)) as InvokeReply | undefined;
  return { reply, json: JSON.stringify(reply?.body ?? null), cards, texts };
}

const CARD = 'application/vnd.microsoft.card.adaptive';
const MESSAGE = 'application/vnd.microsoft.activity.message';

describe('acknowledging an urgent concern from its card', () => {
  it('records the manager’s acknowledgement, answers with the updated card and queues an update of every manager’s card', async () => {
    const { router, audit, concern, version } = await setUp();
    const { reply, json } = await run(router, activity(acknowledge(concern.id, version), oid.manager));
    expect(reply).toMatchObject({ status: 200, body: { statusCode: 200, type: CARD } });
    expect(json).toContain('Acknowledged by Morgan Manager on 23/11/2026 at 10:00');
    expect(json).not.toContain('Strategy discussion');
    expect(json).not.toContain('"verb":"acknowledgeConcern"');
    const stored = await store.concerns.get(concern.id);
    expect(stored?.acknowledgement).toEqual({ byId: 'tm-a', at: now.toISOString(), actionTaken: 'Strategy discussion arranged for today' });
    const updates = (await allPages((p) => store.outbox.listByStatus('queued', p))).filter((n) => n.kind === 'cardUpdate');
    expect(updates.map((u) => [u.recipientId, u.payload['target']])).toEqual([['tm-a', urgentNoticeKey(concern.id, 'tm-a')]]);
    expect((await store.trail.listByAudit(audit.id)).items.filter((e) => e.after === 'acknowledged')).toHaveLength(1);
  });

  it('two managers at once: exactly one change; the other gets the current card naming who acknowledged', async () => {
    const { router, audit, concern, version } = await setUp();
    const [a, b] = await Promise.all([
      run(router, activity(acknowledge(concern.id, version, 'Manager visit'), oid.manager)),
      run(router, activity(acknowledge(concern.id, version, 'Deputy call'), oid.deputy, { id: 'act-2' })),
    ]);
    const stored = await store.concerns.get(concern.id);
    const winner = stored?.acknowledgement?.byId === 'tm-a' ? 'Morgan Manager' : 'Dana Deputy';
    for (const r of [a, b]) {
      expect(r.reply).toMatchObject({ status: 200, body: { type: CARD } });
      expect(r.json).toContain(`Acknowledged by ${winner}`);
      expect(r.json).not.toContain('"verb":"acknowledgeConcern"');
    }
    expect((await store.trail.listByAudit(audit.id)).items.filter((e) => e.after === 'acknowledged')).toHaveLength(1);
  });

  it('a replayed invoke or a stale card changes nothing and shows the card as it is now', async () => {
    const { router, audit, concern, version } = await setUp();
    await run(router, activity(acknowledge(concern.id, version), oid.manager));
    const first = await store.concerns.get(concern.id);
    const replay = await run(router, activity(acknowledge(concern.id, version, 'Again'), oid.manager));
    expect(replay.json).toContain('Acknowledged by Morgan Manager');
    const stale = await run(router, activity(acknowledge(concern.id, 'v_stale', 'Stale'), oid.deputy));
    expect(stale.json).toContain('Acknowledged by Morgan Manager');
    expect(await store.concerns.get(concern.id)).toEqual(first);
    expect((await store.trail.listByAudit(audit.id)).items.filter((e) => e.after === 'acknowledged')).toHaveLength(1);
  });

  it('refuses the worker, the auditor, another team’s manager and the Head of Service before escalation, by the activity’s identity whatever the card says', async () => {
    const { router, concern, version } = await setUp();
    for (const who of [oid.worker, oid.auditor, oid.other, oid.hos]) {
      const r = await run(router, activity(acknowledge(concern.id, version), who));
      expect(r.reply).toMatchObject({ status: 200, body: { type: MESSAGE } });
      expect(r.json).toContain("Only the case's team manager, their deputy or the Head of Service can acknowledge");
    }
    const stranger = await run(router, activity(acknowledge(concern.id, version), 'oid-nobody'));
    expect(stranger.json).not.toContain('Acknowledged');
    expect((await store.concerns.get(concern.id))?.acknowledgement).toBeNull();
  });

  it('accepts the Action.Submit fallback as a message and answers with the card', async () => {
    const { router, concern, version } = await setUp();
    const r = await run(router, activity(undefined, oid.deputy, { type: 'message', name: undefined, value: acknowledge(concern.id, version).action.data }));
    expect(r.cards).toHaveLength(1);
    expect(JSON.stringify(r.cards[0])).toContain('Acknowledged by Dana Deputy');
    expect((await store.concerns.get(concern.id))?.acknowledgement?.byId).toBe('dtm-a');
  });

  it('a refresh shows each person their own view: Acknowledge for the managers, nothing for others', async () => {
    const { router, concern, version } = await setUp();
    expect((await run(router, activity(refresh(concern.id, version), oid.deputy))).json).toContain('"verb":"acknowledgeConcern"');
    const worker = await run(router, activity(refresh(concern.id, version), oid.worker));
    expect(worker.reply).toMatchObject({ body: { type: MESSAGE } });
  });
});
