import { describe, expect, it } from 'vitest';
import type { AuditAction } from '../schemas/actions';
import type { JobRole } from '../schemas/staff';
import type { StaffActor } from '../access/staffActor';
import {
  actionCardVersion,
  approveAction,
  canApprove,
  canMarkDone,
  canReturn,
  describeActionState,
  dueDateProblem,
  isActionOverdue,
  markActionDone,
  returnAction,
  type ActionCommand,
  type ActionRefusalCode,
} from './actionLifecycle';

const names: Record<string, string> = { sw_1: 'Sam Owens', tm_1: 'Tamsin Reed', dtm_1: 'Dev Patel', tm_2: 'Toby Lane' };
const nameOf = (id: string) => names[id] ?? id;

function action(over: Partial<AuditAction> = {}): AuditAction {
  return {
    id: 'act_1',
    auditId: 'aud_1',
    caseId: 'case_1',
    teamId: 'team_a',
    caseRef: 'DEMO-1001',
    what: 'Update the plan with the family',
    sectionId: 'planning',
    why: 'Plan out of date',
    ownerId: 'sw_1',
    accountableManagerId: 'tm_1',
    dueDate: '2026-12-04',
    status: 'open',
    doneNote: null,
    doneAt: null,
    approvedById: null,
    approvedAt: null,
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    ...over,
  };
}
const done = (over: Partial<AuditAction> = {}) => action({ status: 'done', doneNote: 'Plan shared at review', doneAt: '2026-11-25T10:00:00.000Z', doneById: 'sw_1', ...over });
const approved = () => done({ status: 'approved', approvedById: 'tm_1', approvedAt: '2026-11-26T09:30:00.000Z' });

const person = (id: string, roles: JobRole[], over: Partial<StaffActor> = {}): StaffActor => ({ id, jobRoles: roles, teamId: 'team_a', active: true, deputyOf: [], ...over });

const actors = {
  owner: person('sw_1', ['worker']),
  accountableManager: person('tm_1', ['teamManager']),
  deputyOfManager: person('dtm_1', ['deputyTeamManager'], { deputyOf: ['tm_1'] }),
  managerOfAnotherTeam: person('tm_2', ['teamManager'], { teamId: 'team_b' }),
  deputyOfAnotherManager: person('dtm_2', ['deputyTeamManager'], { teamId: 'team_b', deputyOf: ['tm_2'] }),
  deputyManagerInSameTeam: person('dtm_3', ['deputyTeamManager']),
  headOfService: person('hos_1', ['headOfService'], { teamId: null }),
  qaLead: person('qa_1', ['qaLead'], { teamId: null }),
  colleague: person('sw_2', ['worker']),
  inactiveManager: person('tm_1', ['teamManager'], { active: false }),
} satisfies Record<string, StaffActor>;

type Outcome = true | ActionRefusalCode;

/** role × action (on an action in the state it acts on) → allowed, or the refusal. */
const matrix: Record<keyof typeof actors, { markDone: Outcome; approve: Outcome; return: Outcome }> = {
  owner: { markDone: true, approve: 'ownAction', return: 'ownAction' },
  accountableManager: { markDone: 'notOwner', approve: true, return: true },
  deputyOfManager: { markDone: 'notOwner', approve: true, return: true },
  managerOfAnotherTeam: { markDone: 'notOwner', approve: 'notAccountable', return: 'notAccountable' },
  deputyOfAnotherManager: { markDone: 'notOwner', approve: 'notAccountable', return: 'notAccountable' },
  deputyManagerInSameTeam: { markDone: 'notOwner', approve: 'notAccountable', return: 'notAccountable' },
  headOfService: { markDone: 'notOwner', approve: 'notAccountable', return: 'notAccountable' },
  qaLead: { markDone: 'notOwner', approve: 'notAccountable', return: 'notAccountable' },
  colleague: { markDone: 'notOwner', approve: 'notAccountable', return: 'notAccountable' },
  inactiveManager: { markDone: 'inactive', approve: 'inactive', return: 'inactive' },
};

const outcome = (d: ReturnType<typeof canApprove>): Outcome => (d.allowed ? true : d.code);

describe('authorisation matrix: role × action × ownership', () => {
  for (const [role, expected] of Object.entries(matrix) as [keyof typeof actors, (typeof matrix)[keyof typeof actors]][]) {
    it(`${role}: mark done ${String(expected.markDone)}, approve ${String(expected.approve)}, return ${String(expected.return)}`, () => {
      const a = actors[role];
      expect(outcome(canMarkDone(a, action()))).toBe(expected.markDone);
      expect(outcome(canApprove(a, done()))).toBe(expected.approve);
      expect(outcome(canReturn(a, done()))).toBe(expected.return);
    });
  }

  it('nobody approves their own action: a manager who owns it cannot approve it; their deputy can', () => {
    const own = done({ ownerId: 'tm_1', doneById: 'tm_1' });
    expect(outcome(canApprove(actors.accountableManager, own))).toBe('ownAction');
    expect(outcome(canReturn(actors.accountableManager, own))).toBe('ownAction');
    expect(canApprove(actors.deputyOfManager, own)).toEqual({ allowed: true, as: 'deputy' });
    expect(outcome(canMarkDone(actors.accountableManager, action({ ownerId: 'tm_1' })))).toBe(true);
  });

  it('nobody approves an action they marked done, even after it changed owner', () => {
    const handedOver = done({ ownerId: 'sw_2', doneById: 'dtm_1' });
    expect(outcome(canApprove(actors.deputyOfManager, handedOver))).toBe('markedDoneByYou');
    expect(outcome(canApprove(actors.accountableManager, handedOver))).toBe(true);
  });

  it('refuses each step in the wrong state, even for the right person', () => {
    expect(outcome(canMarkDone(actors.owner, done()))).toBe('notOpen');
    expect(outcome(canMarkDone(actors.owner, approved()))).toBe('notOpen');
    expect(outcome(canApprove(actors.accountableManager, action()))).toBe('notDone');
    expect(outcome(canApprove(actors.accountableManager, approved()))).toBe('notDone');
    expect(outcome(canReturn(actors.deputyOfManager, approved()))).toBe('notDone');
  });

  it('says who decides in the refusal', () => {
    expect(canApprove(actors.qaLead, done())).toEqual({ allowed: false, code: 'notAccountable', message: 'Only the accountable manager or their deputy can approve this action.' });
    expect(canApprove(actors.owner, done())).toMatchObject({ message: 'This is your own action: the accountable manager or their deputy must approve it.' });
  });
});

const at = new Date('2026-11-26T09:30:00.000Z');
const cmd = (actor: StaffActor, a: AuditAction, over: Partial<ActionCommand> = {}): ActionCommand => ({
  actor,
  expectedVersion: actionCardVersion(a),
  currentVersion: actionCardVersion(a),
  at,
  nameOf,
  ...over,
});

describe('transitions', () => {
  it('marks done with a note, recording who and when, and writes lengths (not the note) to the trail', () => {
    const a = action({ returned: { byId: 'tm_1', at: '2026-11-24T10:00:00.000Z', reason: 'Not yet shared' } });
    const r = markActionDone(a, { ...cmd(actors.owner, a), note: '  Plan shared at review meeting  ' });
    if (!r.ok) throw new Error(r.message);
    expect(r.action).toMatchObject({ status: 'done', doneNote: 'Plan shared at review meeting', doneAt: '2026-11-26T09:30:00.000Z', doneById: 'sw_1', returned: null });
    expect(r.trail).toEqual([
      { kind: 'status', field: 'actions.act_1.status', before: 'open', after: 'done', textLengths: null },
      { kind: 'field', field: 'actions.act_1.doneNote', before: null, after: null, textLengths: { before: 0, after: 29 } },
    ]);
    expect(JSON.stringify(r.trail)).not.toContain('Plan shared');
  });

  it('needs a note of evidence, at most 2000 characters', () => {
    expect(markActionDone(action(), { ...cmd(actors.owner, action()), note: '   ' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(markActionDone(action(), { ...cmd(actors.owner, action()), note: 'x'.repeat(2001) })).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('approves, recording who and when', () => {
    const r = approveAction(done(), cmd(actors.deputyOfManager, done()));
    expect(r.ok && r.action).toMatchObject({ status: 'approved', approvedById: 'dtm_1', approvedAt: '2026-11-26T09:30:00.000Z' });
    expect(r.ok && r.trail[0]).toEqual({ kind: 'status', field: 'actions.act_1.status', before: 'done', after: 'approved', textLengths: null });
  });

  it('returns with a reason: open again, the reason kept for the owner, the note kept to amend', () => {
    const r = returnAction(done(), { ...cmd(actors.accountableManager, done()), reason: 'Please attach the review minutes' });
    if (!r.ok) throw new Error(r.message);
    expect(r.action).toMatchObject({ status: 'open', doneAt: null, doneById: null, doneNote: 'Plan shared at review', returned: { byId: 'tm_1', reason: 'Please attach the review minutes' } });
    expect(describeActionState(r.action, nameOf)).toBe('This action was returned by Tamsin Reed on 26/11/2026 at 09:30 and is open again.');
    expect(returnAction(done(), { ...cmd(actors.accountableManager, done()), reason: ' ' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(returnAction(done(), { ...cmd(actors.accountableManager, done()), reason: 'x'.repeat(501) })).toMatchObject({ ok: false, code: 'invalid' });
  });

  it('refuses a stale card naming the current state: "already approved by … on …"', () => {
    const card = done();
    const now = approved();
    const r = approveAction(now, cmd(actors.deputyOfManager, now, { expectedVersion: actionCardVersion(card) }));
    expect(r).toEqual({ ok: false, code: 'stale', message: 'This action was already approved by Tamsin Reed on 26/11/2026 at 09:30.' });
    const replayDone = markActionDone(now, { ...cmd(actors.owner, now, { expectedVersion: actionCardVersion(action()) }), note: 'x' });
    expect(replayDone).toMatchObject({ ok: false, code: 'stale' });
  });

  it('answers a stranger with the authorisation refusal, not the state', () => {
    const r = approveAction(approved(), cmd(actors.managerOfAnotherTeam, approved(), { expectedVersion: 'old' }));
    expect(r).toMatchObject({ ok: false, code: 'notAccountable' });
    expect(!r.ok && r.message).not.toContain('Tamsin');
  });

  it('a drift notice recorded on the action does not make the card stale', () => {
    const a = action();
    const recorded: AuditAction = { ...a, driftNotifiedAt: '2026-12-11T09:00:00.000Z' };
    expect(actionCardVersion(recorded)).toBe(actionCardVersion(a));
    expect(actionCardVersion(done())).not.toBe(actionCardVersion(a));
  });
});

describe('concurrency: two managers approve at once, a double click, a replayed invoke', () => {
  /** A store with an etag, written conditionally, as the service does. */
  function store(initial: AuditAction) {
    let record = initial;
    let etag = 1;
    return {
      read: () => ({ action: record, etag }),
      write(next: AuditAction, expected: number): boolean {
        if (expected !== etag) return false;
        record = next;
        etag += 1;
        return true;
      },
    };
  }
  /** What the service does for a card click: read, decide, write conditionally; on a lost race, read again and decide again. */
  function click(s: ReturnType<typeof store>, actor: StaffActor, cardVersion: string, read = s.read()): { changed: boolean; message: string | null } {
    for (let current = read; ; current = s.read()) {
      const r = approveAction(current.action, { actor, expectedVersion: cardVersion, currentVersion: actionCardVersion(current.action), at, nameOf });
      if (!r.ok) return { changed: false, message: r.message };
      if (s.write(r.action, current.etag)) return { changed: true, message: null };
    }
  }

  it('makes exactly one change; the other gets "already approved"', () => {
    const s = store(done());
    const cardVersion = actionCardVersion(done());
    const readByBoth = s.read();
    const first = click(s, actors.accountableManager, cardVersion, readByBoth);
    const second = click(s, actors.deputyOfManager, cardVersion, readByBoth);
    expect([first.changed, second.changed]).toEqual([true, false]);
    expect(second.message).toBe('This action was already approved by Tamsin Reed on 26/11/2026 at 09:30.');
    expect(s.read()).toMatchObject({ etag: 2, action: { approvedById: 'tm_1' } });
    // Double click and replayed invoke: the same card again.
    expect(click(s, actors.accountableManager, cardVersion)).toEqual({ changed: false, message: 'This action was already approved by Tamsin Reed on 26/11/2026 at 09:30.' });
    expect(s.read().etag).toBe(2);
  });
});

describe('overdue and due dates', () => {
  it('is overdue only when open and past the due date', () => {
    expect(isActionOverdue(action({ dueDate: '2026-12-04' }), '2026-12-04')).toBe(false);
    expect(isActionOverdue(action({ dueDate: '2026-12-04' }), '2026-12-05')).toBe(true);
    expect(isActionOverdue(done({ dueDate: '2026-12-04' }), '2026-12-07')).toBe(false);
    expect(isActionOverdue(approved(), '2027-01-01')).toBe(false);
  });

  it('wants a working day after today', () => {
    expect(dueDateProblem('2026-11-24', '2026-11-23')).toBeNull();
    expect(dueDateProblem('2026-11-23', '2026-11-23')).toBe('The due date must be after today (23/11/2026).');
    expect(dueDateProblem('2026-11-20', '2026-11-23')).toMatch(/after today/);
    expect(dueDateProblem('2026-11-28', '2026-11-23')).toBe('28/11/2026 is not a working day: choose a weekday that is not a bank holiday.');
    expect(dueDateProblem('2026-12-25', '2026-11-23')).toMatch(/not a working day/);
    expect(dueDateProblem('2026-12-28', '2026-11-23')).toMatch(/not a working day/);
    expect(dueDateProblem('2026-12-24', '2026-11-23', ['2026-12-24'])).toMatch(/not a working day/);
    expect(dueDateProblem('24/12/2026', '2026-11-23')).toMatch(/as a date/);
    expect(dueDateProblem('2027-02-30', '2026-11-23')).toMatch(/as a date/);
  });
});
