import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/openSqliteStore';
import { allPages, type Store } from '../store/storeInterface';
import { ActionCards } from '../actions/actionCards';
import { actionLinks } from '../actions/actionLinks';
import { runActionNudges, type ActionNudgeJobDeps } from './actionNudgeJob';
import { DailyScheduler } from './scheduler';
import { approvalNudgeKey, driftNoticeKey, overdueDigestKey } from '../../shared/actions/actionNudges';
import { defaultActionSettings } from '../../shared/settings/actionSettings';
import { TemplateCatalogue, builtInTemplates } from '../../shared/templates/templateCatalogue';
import { defaultAuditTypeLabels } from '../../shared/cards/cardInputs';
import type { OutboxNotification } from '../delivery/outboxStore';
import { actionPeople, setUpActionOrg, type ActionOrg } from '../../test/fixtures/actionOrg';

// Tuesday 01/12/2026, 09:00 in London (GMT).
const tuesday = new Date('2026-12-01T09:00:00.000Z');
const p = actionPeople;
let store: Store;
let org: ActionOrg;
let deps: ActionNudgeJobDeps;

beforeEach(async () => {
  store = openSqliteStore(':memory:');
  org = await setUpActionOrg(store);
  const links = actionLinks({ mode: 'local', publicUrl: 'http://localhost:3978' });
  deps = {
    store,
    settings: defaultActionSettings(), // drift after 5 working days, escalated after 10, 10 listed, approvals nudged from 2 working days
    cards: new ActionCards({ store, templates: new TemplateCatalogue(builtInTemplates()), links, labels: defaultAuditTypeLabels() }),
    links,
  };
});
afterEach(async () => store.close());

const everything = async (): Promise<OutboxNotification[]> => allPages((page) => store.outbox.listByStatus('queued', page));

async function overdueWork() {
  // The owner: 12 overdue actions (one only just), one far enough to drift to the manager, one to the Head of Service.
  for (let i = 0; i < 10; i++) await org.action({ dueDate: '2026-11-27', what: `Typed action wording ${i}` });
  const drifting = await org.action({ dueDate: '2026-11-20' }); // 7 working days late on 01/12
  const escalated = await org.action({ dueDate: '2026-11-10' }); // 15 working days late
  // Another owner: one overdue action.
  await org.action({ ownerId: p.worker, dueDate: '2026-11-30' });
  // Marked done by the owner on Wednesday 25/11: waiting on the manager for 4 working days (nudged from 2, every 2).
  await org.action({ status: 'done', doneNote: 'Done.', doneAt: '2026-11-25T11:00:00.000Z', doneById: p.owner, dueDate: '2026-11-26' });
  // Not overdue, approved, and done recently: no nudge.
  await org.action({ dueDate: '2026-12-10' });
  await org.action({ status: 'approved', dueDate: '2026-11-02', approvedById: p.manager, approvedAt: '2026-11-05T10:00:00.000Z', doneAt: '2026-11-04T10:00:00.000Z', doneById: p.owner, doneNote: 'x' });
  return { drifting, escalated };
}

describe('the daily action nudges', () => {
  it('one digest per owner of their overdue actions, long lists summarised with a link, no typed text', async () => {
    await overdueWork();
    const result = await runActionNudges(deps, tuesday);
    expect(result).toMatchObject({ today: '2026-12-01', workingDay: true, digests: 2, digestsEnqueued: 2 });
    const digests = (await everything()).filter((n) => n.kind === 'actionsOverdue');
    expect(digests.map((n) => [n.id, n.recipientId]).sort()).toEqual(
      [
        [overdueDigestKey(p.owner, '2026-12-01'), p.owner],
        [overdueDigestKey(p.worker, '2026-12-01'), p.worker],
      ].sort(),
    );
    const ownerCard = JSON.stringify(digests.find((n) => n.recipientId === p.owner)?.payload);
    expect(ownerCard).toContain('12 actions have passed the due date.');
    expect(ownerCard).toContain('And 2 more: see them all in My actions.');
    expect(ownerCard).toContain('DEMO-7001 (QZ)');
    expect(ownerCard).toContain('http://localhost:3978/actions/mine');
    expect(ownerCard).not.toContain('Typed action wording');
  });

  it('drift goes to the accountable manager, later to the Head of Service, each recorded on the action once', async () => {
    const { drifting, escalated } = await overdueWork();
    const result = await runActionNudges(deps, tuesday);
    expect(result).toMatchObject({ driftNotices: 1, driftEnqueued: 1, driftEscalations: 1, escalationsEnqueued: 1, driftRecorded: 3 });
    const drift = await store.outbox.get(driftNoticeKey('manager', p.manager, '2026-12-01'));
    expect(drift).toMatchObject({ recipientId: p.manager, kind: 'actionsDrift' });
    expect(JSON.stringify(drift?.payload)).toContain('2 actions are more than 5 working days past the due date');
    expect(JSON.stringify(drift?.payload)).toContain('Olive Owner');
    const hos = await store.outbox.get(driftNoticeKey('headOfService', p.headOfService, '2026-12-01'));
    expect(hos).toMatchObject({ recipientId: p.headOfService, kind: 'actionsDriftEscalated', payload: { summary: 'Drift escalated: overdue actions' } });
    expect(JSON.stringify(hos?.payload)).toContain('Northside Family Help');
    expect((await store.actions.get(drifting.id))?.driftNotifiedAt).toBe(tuesday.toISOString());
    expect((await store.actions.get(escalated.id))).toMatchObject({ driftNotifiedAt: tuesday.toISOString(), driftEscalatedAt: tuesday.toISOString() });

    // The next working day: digests again, but no drift card about the same actions.
    const wednesday = new Date('2026-12-02T09:00:00.000Z');
    const next = await runActionNudges(deps, wednesday);
    expect(next).toMatchObject({ digestsEnqueued: 2, driftNotices: 0, driftEscalations: 0 });
  });

  it('done and awaiting approval: the manager is nudged, never the owner', async () => {
    await overdueWork();
    const result = await runActionNudges(deps, tuesday);
    expect(result).toMatchObject({ approvalNudges: 1, approvalNudgesEnqueued: 1 });
    const nudge = await store.outbox.get(approvalNudgeKey(p.manager, '2026-12-01'));
    expect(nudge).toMatchObject({ recipientId: p.manager, kind: 'actionApprovalsWaiting' });
    expect(JSON.stringify(nudge?.payload)).toContain('1 action marked done is waiting for you to approve or return');
    expect((await everything()).filter((n) => n.recipientId === p.owner).map((n) => n.kind)).toEqual(['actionsOverdue']);
  });

  it('run twice the same day, or restarted: nothing is sent twice', async () => {
    await overdueWork();
    const first = await runActionNudges(deps, tuesday);
    const queued = (await everything()).map((n) => n.id).sort();
    expect(queued.length).toBe(first.digestsEnqueued + first.driftEnqueued + first.escalationsEnqueued + first.approvalNudgesEnqueued);
    const again = await runActionNudges(deps, new Date('2026-12-01T09:01:00.000Z'));
    expect(again).toMatchObject({ digestsEnqueued: 0, driftEnqueued: 0, escalationsEnqueued: 0, approvalNudgesEnqueued: 0, driftRecorded: 0 });
    // A restart: a new scheduler (it remembers nothing) runs the job again at 15:00.
    const restarted = new DailyScheduler({ clock: () => new Date('2026-12-01T15:00:00.000Z'), job: (now) => runActionNudges(deps, now) });
    expect(await restarted.tick()).toBe(true);
    expect((await everything()).map((n) => n.id).sort()).toEqual(queued);
  });

  it('a crash after the drift card was queued but before it was recorded: the rerun records it and queues nothing new', async () => {
    const { drifting } = await overdueWork();
    await runActionNudges(deps, tuesday);
    const cur = await store.actions.get(drifting.id);
    if (!cur) throw new Error('missing');
    const { etag, ...rest } = cur;
    await store.actions.update({ ...rest, driftNotifiedAt: null }, etag);
    const rerun = await runActionNudges(deps, tuesday);
    expect(rerun).toMatchObject({ driftNotices: 1, driftEnqueued: 0, driftRecorded: 1 });
    expect((await store.actions.get(drifting.id))?.driftNotifiedAt).toBe(tuesday.toISOString());
  });

  it.each([
    ['Saturday 28/11/2026', '2026-11-28T09:00:00.000Z'],
    ['Sunday 29/11/2026', '2026-11-29T09:00:00.000Z'],
    ['Christmas Day, Friday 25/12/2026', '2026-12-25T09:00:00.000Z'],
    ['the Boxing Day substitute, Monday 28/12/2026', '2026-12-28T09:00:00.000Z'],
  ])('nothing on %s', async (_day, at) => {
    await overdueWork();
    const result = await runActionNudges(deps, new Date(at));
    expect(result).toMatchObject({ workingDay: false, actionsChecked: 0, digests: 0 });
    expect(await everything()).toEqual([]);
    // Nor does the scheduler call the job on such a day.
    let calls = 0;
    const scheduler = new DailyScheduler({ clock: () => new Date(at), job: async () => void calls++ });
    expect(await scheduler.tick()).toBe(false);
    expect(calls).toBe(0);
  });

  it('the scheduler runs it from 09:00 London, once a working day', async () => {
    let now = new Date('2026-12-01T08:59:00.000Z');
    let calls = 0;
    const scheduler = new DailyScheduler({ clock: () => now, job: async (at) => (calls++, runActionNudges(deps, at)) });
    expect(await scheduler.tick()).toBe(false);
    now = new Date('2026-12-01T09:00:00.000Z');
    expect(await scheduler.tick()).toBe(true);
    expect(await scheduler.tick()).toBe(false);
    expect(calls).toBe(1);
  });
});
