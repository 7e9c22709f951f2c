import { describe, expect, it } from 'vitest';
import { defaultActionSettings } from '../settings/actionSettings';
import { addDays } from '../calendar/calendarDays';
import { isWorkingDay } from '../calendar/workingDays';
import { planActionNudges, type NudgeAction, type NudgeRouting } from './actionNudges';

const settings = defaultActionSettings(); // drift after 5 working days, escalation after 10, 10 shown
const routing: NudgeRouting = { headOfServiceByTeam: new Map([['team_a', 'hos_1'], ['team_b', 'hos_1'], ['team_c', null]]) };

function action(over: Partial<NudgeAction> = {}): NudgeAction {
  return {
    id: 'act_1',
    ownerId: 'sw_1',
    accountableManagerId: 'tm_1',
    teamId: 'team_a',
    dueDate: '2026-11-20',
    status: 'open',
    doneAt: null,
    doneById: null,
    driftNotifiedAt: null,
    driftEscalatedAt: null,
    ...over,
  };
}

describe('overdue digests', () => {
  it('sends one digest per owner, never one per action, oldest due first', () => {
    const plan = planActionNudges(
      [action({ id: 'act_b', dueDate: '2026-11-19' }), action({ id: 'act_a', dueDate: '2026-11-20' }), action({ id: 'act_c', ownerId: 'sw_2' }), action({ id: 'act_d', dueDate: '2026-11-23' })],
      '2026-11-23',
      settings,
      routing,
    );
    expect(plan.overdueDigests).toEqual([
      { ownerId: 'sw_1', key: 'act-overdue-sw_1-2026-11-23', actionIds: ['act_b', 'act_a'], shownIds: ['act_b', 'act_a'], moreCount: 0, oldestDueDate: '2026-11-19' },
      { ownerId: 'sw_2', key: 'act-overdue-sw_2-2026-11-23', actionIds: ['act_c'], shownIds: ['act_c'], moreCount: 0, oldestDueDate: '2026-11-20' },
    ]);
  });

  it('summarises a long list: the first K, and how many more', () => {
    const many = Array.from({ length: 23 }, (_, i) => action({ id: `act_${String(i).padStart(2, '0')}` }));
    const [digest] = planActionNudges(many, '2026-11-23', settings, routing).overdueDigests;
    expect(digest?.actionIds).toHaveLength(23);
    expect(digest?.shownIds).toEqual(many.slice(0, 10).map((a) => a.id));
    expect(digest?.moreCount).toBe(13);
  });

  it('leaves out actions not yet due, done, approved; counts an action read twice once', () => {
    const plan = planActionNudges(
      [action({ dueDate: '2026-11-23' }), action({ id: 'act_2', status: 'done', doneAt: '2026-11-23T08:00:00.000Z' }), action({ id: 'act_3', status: 'approved' }), action({ id: 'act_4' }), action({ id: 'act_4' })],
      '2026-11-23',
      settings,
      routing,
    );
    expect(plan.overdueDigests).toEqual([expect.objectContaining({ actionIds: ['act_4'] })]);
  });

  it('sends nothing on weekends, bank holidays or closure days', () => {
    for (const day of ['2026-11-28', '2026-11-29', '2026-12-25', '2026-12-28', '2027-03-26'])
      expect(planActionNudges([action()], day, settings, routing)).toMatchObject({ overdueDigests: [], driftNotices: [], driftEscalations: [], approvalNudges: [] });
    expect(planActionNudges([action()], '2026-11-24', settings, routing, ['2026-11-24']).overdueDigests).toEqual([]);
    expect(planActionNudges([action()], '2026-11-24', settings, routing).overdueDigests).toHaveLength(1);
  });

  it('is the same plan, with the same keys, when run twice the same day', () => {
    const actions = [action(), action({ id: 'act_2', ownerId: 'sw_2', dueDate: '2026-11-02' })];
    expect(planActionNudges(actions, '2026-11-23', settings, routing)).toEqual(planActionNudges(actions, '2026-11-23', settings, routing));
    expect(planActionNudges(actions, '2026-11-24', settings, routing).overdueDigests[0]?.key).toBe('act-overdue-sw_1-2026-11-24');
  });
});

describe('drift', () => {
  // Due Friday 20/11/2026: 5 working days overdue on Friday 27/11, 10 on Friday 4/12.
  it('tells the accountable manager at 5 working days overdue, once', () => {
    expect(planActionNudges([action()], '2026-11-26', settings, routing).driftNotices).toEqual([]);
    const plan = planActionNudges([action(), action({ id: 'act_2', ownerId: 'sw_2' })], '2026-11-27', settings, routing);
    expect(plan.driftNotices).toEqual([
      {
        stage: 'manager',
        recipientId: 'tm_1',
        key: 'act-drift-tm_1-2026-11-27',
        actionIds: ['act_1', 'act_2'],
        byOwner: [
          { id: 'sw_1', count: 1 },
          { id: 'sw_2', count: 1 },
        ],
        byTeam: [{ id: 'team_a', count: 2 }],
        oldestDueDate: '2026-11-20',
      },
    ]);
    expect(planActionNudges([action({ driftNotifiedAt: '2026-11-27T09:00:00.000Z' })], '2026-11-30', settings, routing).driftNotices).toEqual([]);
  });

  it('catches up a missed day: an action past the threshold and not yet told is told', () => {
    expect(planActionNudges([action()], '2026-12-01', settings, routing).driftNotices).toHaveLength(1);
  });

  it('escalates to the Head of Service at 10 working days ("drift escalated"), once', () => {
    const told = action({ driftNotifiedAt: '2026-11-27T09:00:00.000Z' });
    expect(planActionNudges([told], '2026-12-03', settings, routing).driftEscalations).toEqual([]);
    const plan = planActionNudges([told, action({ id: 'act_b', teamId: 'team_b', driftNotifiedAt: '2026-11-27T09:00:00.000Z', accountableManagerId: 'tm_2' })], '2026-12-04', settings, routing);
    expect(plan.driftNotices).toEqual([]);
    expect(plan.driftEscalations).toEqual([
      expect.objectContaining({ stage: 'headOfService', recipientId: 'hos_1', key: 'act-drift-escalated-hos_1-2026-12-04', actionIds: ['act_1', 'act_b'], byTeam: [{ id: 'team_a', count: 1 }, { id: 'team_b', count: 1 }] }),
    ]);
    expect(planActionNudges([{ ...told, driftEscalatedAt: '2026-12-04T09:00:00.000Z' }], '2026-12-07', settings, routing).driftEscalations).toEqual([]);
  });

  it('counts working days, not calendar days: Christmas 2026 does not count', () => {
    const due = action({ dueDate: '2026-12-21' });
    // 22, 23, 24, 29, 30 December are the five working days after the 21st.
    expect(planActionNudges([due], '2026-12-29', settings, routing).driftNotices).toEqual([]);
    expect(planActionNudges([due], '2026-12-30', settings, routing).driftNotices).toHaveLength(1);
  });

  it('tells the deputy covering an away manager; a manager who owns the action hears through their digest', () => {
    const away: NudgeRouting = { ...routing, coverFor: new Map([['tm_1', 'dtm_1']]) };
    expect(planActionNudges([action()], '2026-11-27', settings, away).driftNotices[0]?.recipientId).toBe('dtm_1');
    const own = planActionNudges([action({ ownerId: 'tm_1' })], '2026-11-27', settings, routing);
    expect(own.driftNotices).toEqual([]);
    expect(own.overdueDigests[0]?.ownerId).toBe('tm_1');
  });

  it('reports an action that should escalate but whose service has no Head of Service', () => {
    const plan = planActionNudges([action({ teamId: 'team_c', driftNotifiedAt: '2026-11-27T09:00:00.000Z' })], '2026-12-04', settings, routing);
    expect(plan.driftEscalations).toEqual([]);
    expect(plan.unrouted).toEqual([{ actionId: 'act_1', reason: 'noHeadOfService' }]);
  });
});

describe('done, awaiting approval', () => {
  const doneAction = (over: Partial<NudgeAction> = {}) => action({ status: 'done', doneAt: '2026-11-23T10:00:00.000Z', doneById: 'sw_1', ...over });

  it("nudges the manager 2 working days after it was marked done and every 2 after, never the owner", () => {
    const days = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30'];
    const nudged = days.map((d) => planActionNudges([doneAction()], d, settings, routing).approvalNudges);
    expect(nudged.map((n) => n.length)).toEqual([0, 1, 0, 1, 0]);
    expect(nudged[1]).toEqual([{ recipientId: 'tm_1', key: 'act-approval-tm_1-2026-11-25', actionIds: ['act_1'], oldestDoneDate: '2026-11-23' }]);
    for (const list of nudged) for (const n of list) expect(n.recipientId).not.toBe('sw_1');
  });

  it('uses the London date of marking done (23:30 UTC in summer is the next day)', () => {
    const late = doneAction({ doneAt: '2026-06-30T23:30:00.000Z' }); // 1 July in London
    expect(planActionNudges([late], '2026-07-02', settings, routing).approvalNudges).toEqual([]);
    expect(planActionNudges([late], '2026-07-03', settings, routing).approvalNudges[0]?.oldestDoneDate).toBe('2026-07-01');
  });

  it("goes to the deputy when the manager owns the action, and is reported when there is nobody else", () => {
    const own = doneAction({ ownerId: 'tm_1', doneById: 'tm_1' });
    const withDeputy: NudgeRouting = { ...routing, deputyOf: new Map([['tm_1', 'dtm_1']]) };
    expect(planActionNudges([own], '2026-11-25', settings, withDeputy).approvalNudges[0]?.recipientId).toBe('dtm_1');
    expect(planActionNudges([own], '2026-11-25', settings, routing)).toMatchObject({ approvalNudges: [], unrouted: [{ actionId: 'act_1', reason: 'noApprover' }] });
  });

  it('lists every action waiting on the approver in one nudge', () => {
    const plan = planActionNudges([doneAction(), doneAction({ id: 'act_2', doneAt: '2026-11-19T10:00:00.000Z' }), doneAction({ id: 'act_3', doneAt: '2026-11-25T10:00:00.000Z' })], '2026-11-25', settings, routing);
    expect(plan.approvalNudges).toEqual([expect.objectContaining({ recipientId: 'tm_1', actionIds: ['act_2', 'act_1'] })]);
  });
});

describe('scale: 20,000 actions, 5,000 overdue, 400 owners', () => {
  it('computes one digest per owner with overdue actions, fast', () => {
    const today = '2026-11-23';
    const actions: NudgeAction[] = [];
    for (let i = 0; i < 20_000; i++) {
      const overdueOne = i < 5_000;
      const offset = overdueOne ? -(1 + (i % 120)) : 1 + (i % 90);
      actions.push(
        action({
          id: `act_${i}`,
          ownerId: `sw_${i % 400}`,
          accountableManagerId: `tm_${i % 40}`,
          teamId: `team_${i % 40}`,
          dueDate: addDays(today, offset),
          status: overdueOne ? 'open' : i % 3 === 0 ? 'done' : 'open',
          doneAt: !overdueOne && i % 3 === 0 ? '2026-11-10T10:00:00.000Z' : null,
        }),
      );
    }
    expect(isWorkingDay(today)).toBe(true);
    const started = performance.now();
    const plan = planActionNudges(actions, today, settings, { headOfServiceByTeam: new Map(Array.from({ length: 40 }, (_, t) => [`team_${t}`, `hos_${t % 4}`])) });
    const ms = performance.now() - started;
    expect(plan.overdueDigests).toHaveLength(400);
    expect(plan.overdueDigests.reduce((n, d) => n + d.actionIds.length, 0)).toBe(5_000);
    expect(plan.driftNotices.length).toBeLessThanOrEqual(40);
    expect(plan.driftEscalations.length).toBeLessThanOrEqual(4);
    expect(ms).toBeLessThan(1_000);
  });
});
