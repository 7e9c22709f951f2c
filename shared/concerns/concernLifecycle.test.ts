import { describe, expect, it } from 'vitest';
import { emptyAuditForm, type Audit } from '../schemas/audits';
import type { UrgentConcern } from '../schemas/concerns';
import { defaultConcernSettings, resolveConcernSettings } from '../settings/concernSettings';
import type { StaffActor } from '../access/staffActor';
import {
  acknowledgeConcern,
  acknowledgementDueBy,
  canAcknowledge,
  concernJudgementLabel,
  describeConcernState,
  escalateConcern,
  isAcknowledgementOverdue,
  newUrgentConcern,
  recordConcernEmail,
} from './concernLifecycle';
import { planUrgentConcern, urgentConcernRecipients } from './urgentNotices';
import { urgentTriggersFor } from './urgentTriggers';

const settings = defaultConcernSettings();
const names: Record<string, string> = { tm_1: 'Tamsin Reed', dtm_1: 'Dev Patel', hos_1: 'Harriet Cole' };
const nameOf = (id: string) => names[id] ?? id;
const actor = (id: string, over: Partial<StaffActor> = {}): StaffActor => ({ id, jobRoles: ['teamManager'], teamId: 'team_a', active: true, deputyOf: [], ...over });

function submittedAudit(): Pick<Audit, 'id' | 'caseId' | 'auditType' | 'caseSnapshot' | 'form' | 'finalGrade'> {
  const form = emptyAuditForm();
  form.grading.overall = { grade: 'notYetGood', inadequate: true };
  form.grading.childSafe = 'notSafe';
  return {
    id: 'aud_1',
    caseId: 'case_1',
    auditType: 'childsJourneyMonthly',
    form,
    finalGrade: null,
    caseSnapshot: {
      caseRef: 'DEMO-1001',
      initials: 'AB',
      teamId: 'team_a',
      workerId: 'sw_1',
      legalStatus: 'childInNeed',
      legalStatusHistory: [],
      livingSituation: null,
      disability: false,
      ageYears: 7,
      ageBand: '5-9',
      mostRecentReferral: null,
    },
  };
}

function raised(at = '2026-11-23T10:00:00.000Z'): UrgentConcern {
  const audit = submittedAudit();
  const plan = planUrgentConcern(urgentTriggersFor({ kind: 'submitted', before: null, after: audit }, 'local3', settings));
  if (!plan) throw new Error('expected a concern');
  const recipients = urgentConcernRecipients({ workerId: 'sw_1', managerId: 'tm_1', deputyId: 'dtm_1', managerAway: false }, 'auditor_1');
  return newUrgentConcern({ plan, audit, scale: 'local3', raisedById: 'auditor_1', recipients, at: new Date(at) });
}

const cmd = (over: Partial<Parameters<typeof acknowledgeConcern>[1]> = {}) => ({
  actor: actor('tm_1'),
  actionTaken: 'Strategy discussion arranged for this afternoon',
  at: new Date('2026-11-23T11:00:00.000Z'),
  expectedVersion: '1',
  currentVersion: '1',
  nameOf,
  ...over,
});

describe('newUrgentConcern', () => {
  it('records the case reference, initials, judgement codes and recipients, unacknowledged, e-mail pending', () => {
    const c = raised();
    expect(c).toMatchObject({
      auditId: 'aud_1',
      caseRef: 'DEMO-1001',
      initials: 'AB',
      triggerKinds: ['inadequateGrade', 'childNotSafe'],
      judgement: { scale: 'local3', grade: { grade: 'notYetGood', inadequate: true }, fourPoint: 'inadequate', childSafe: 'notSafe' },
      raisedById: 'auditor_1',
      raisedAt: '2026-11-23T10:00:00.000Z',
      recipients: [
        { staffId: 'tm_1', role: 'teamManager' },
        { staffId: 'sw_1', role: 'worker' },
      ],
      acknowledgement: null,
      escalation: null,
      email: { status: 'pending', at: null },
    });
    expect(concernJudgementLabel(c)).toBe("Graded Doesn't yet meet Good (inadequate practice); child judged not safe");
  });
});

describe('acknowledgement due-by, within working hours (09:00–17:00 Monday to Friday, bank holidays excluded)', () => {
  const due = (raisedAt: string, s = settings) => acknowledgementDueBy({ raisedAt }, s).toISOString();
  it('is 4 working hours later on an ordinary day', () => {
    expect(due('2026-11-23T10:00:00.000Z')).toBe('2026-11-23T14:00:00.000Z');
  });
  it('carries over the evening and the weekend', () => {
    expect(due('2026-11-23T15:00:00.000Z')).toBe('2026-11-24T11:00:00.000Z');
    expect(due('2026-11-27T16:00:00.000Z')).toBe('2026-11-30T12:00:00.000Z'); // Friday → Monday
    expect(due('2026-11-28T20:00:00.000Z')).toBe('2026-11-30T13:00:00.000Z'); // raised on Saturday
  });
  it('skips Christmas 2026: the 25th (Friday) and the 28th (Boxing Day substitute)', () => {
    expect(due('2026-12-24T15:00:00.000Z')).toBe('2026-12-29T11:00:00.000Z');
  });
  it('skips Easter 2027 (Good Friday 26 March, Easter Monday 29 March)', () => {
    expect(due('2027-03-25T15:00:00.000Z')).toBe('2027-03-30T10:00:00.000Z'); // 30 March is BST: 11:00 London
  });
  it('follows the clock changes: BST in summer, GMT after 25 October 2026', () => {
    expect(due('2026-10-23T15:00:00.000Z')).toBe('2026-10-26T12:00:00.000Z'); // 16:00 BST Friday: 1 h, then 3 h from 09:00 GMT Monday
    expect(due('2026-07-01T08:00:00.000Z')).toBe('2026-07-01T12:00:00.000Z'); // 09:00 BST + 4h
  });
  it("honours the council's working hours and closure days", () => {
    const s = resolveConcernSettings({ workingHours: { start: '08:00', end: '16:00' }, extraClosureDays: ['2026-11-24'], acknowledgeWithinWorkingHours: 2 });
    expect(due('2026-11-23T15:00:00.000Z', s)).toBe('2026-11-25T09:00:00.000Z');
  });
  it('is overdue from the due-by instant, and never once acknowledged', () => {
    const c = raised();
    expect(isAcknowledgementOverdue(c, new Date('2026-11-23T13:59:59.999Z'), settings)).toBe(false);
    expect(isAcknowledgementOverdue(c, new Date('2026-11-23T14:00:00.000Z'), settings)).toBe(true);
    const acked = acknowledgeConcern(c, cmd());
    expect(acked.ok && isAcknowledgementOverdue(acked.concern, new Date('2026-12-01T12:00:00Z'), settings)).toBe(false);
  });
});

describe('acknowledgeConcern', () => {
  it('records who, when and the action being taken', () => {
    const r = acknowledgeConcern(raised(), cmd());
    expect(r.ok && r.concern.acknowledgement).toEqual({ byId: 'tm_1', at: '2026-11-23T11:00:00.000Z', actionTaken: 'Strategy discussion arranged for this afternoon' });
  });

  it('lets the manager, their deputy and the Head of Service it escalated to; not the worker, another manager or the auditor', () => {
    const c = raised();
    expect(canAcknowledge(actor('tm_1'), c).allowed).toBe(true);
    expect(canAcknowledge(actor('dtm_1', { deputyOf: ['tm_1'] }), c).allowed).toBe(true);
    expect(canAcknowledge(actor('sw_1', { jobRoles: ['worker'] }), c)).toMatchObject({ allowed: false, code: 'notRecipient' });
    expect(canAcknowledge(actor('tm_2'), c)).toMatchObject({ allowed: false, code: 'notRecipient' });
    expect(canAcknowledge(actor('auditor_1'), c).allowed).toBe(false);
    expect(canAcknowledge(actor('hos_1', { jobRoles: ['headOfService'] }), c).allowed).toBe(false);
    const escalated = escalateConcern(c, { headOfServiceId: 'hos_1', at: new Date('2026-11-23T15:00:00Z'), settings, nameOf });
    expect(escalated.ok && canAcknowledge(actor('hos_1', { jobRoles: ['headOfService'] }), escalated.concern).allowed).toBe(true);
    expect(canAcknowledge(actor('tm_1', { active: false }), c)).toMatchObject({ allowed: false, code: 'inactive' });
  });

  it('changes it exactly once: a second click, a replay or another manager gets who acknowledged it and when', () => {
    const first = acknowledgeConcern(raised(), cmd());
    if (!first.ok) throw new Error(first.message);
    const again = acknowledgeConcern(first.concern, cmd({ expectedVersion: '1', currentVersion: '2' }));
    expect(again).toEqual({ ok: false, code: 'alreadyAcknowledged', message: 'This concern was already acknowledged by Tamsin Reed on 23/11/2026 at 11:00.' });
    const deputy = acknowledgeConcern(first.concern, cmd({ actor: actor('dtm_1', { deputyOf: ['tm_1'] }), expectedVersion: '2', currentVersion: '2' }));
    expect(deputy).toMatchObject({ ok: false, code: 'alreadyAcknowledged' });
  });

  it('refuses a stale card, describing the current state', () => {
    const r = acknowledgeConcern(raised(), cmd({ expectedVersion: '1', currentVersion: '2' }));
    expect(r).toMatchObject({ ok: false, code: 'stale' });
    expect(!r.ok && r.message).toMatch(/^This concern is awaiting acknowledgement\./);
  });

  it('refuses an empty or over-long action', () => {
    expect(acknowledgeConcern(raised(), cmd({ actionTaken: '  ' }))).toMatchObject({ ok: false, code: 'invalid' });
    expect(acknowledgeConcern(raised(), cmd({ actionTaken: 'x'.repeat(2001) }))).toMatchObject({ ok: false, code: 'invalid' });
  });
});

describe('escalateConcern', () => {
  it('escalates to the Head of Service once overdue, once', () => {
    const c = raised();
    expect(escalateConcern(c, { headOfServiceId: 'hos_1', at: new Date('2026-11-23T13:00:00Z'), settings, nameOf })).toEqual({
      ok: false,
      code: 'notOverdue',
      message: 'This concern is not due for acknowledgement until 23/11/2026 at 14:00.',
    });
    const r = escalateConcern(c, { headOfServiceId: 'hos_1', at: new Date('2026-11-23T14:00:00Z'), settings, nameOf });
    if (!r.ok) throw new Error(r.message);
    expect(r.concern.escalation).toEqual({ toId: 'hos_1', at: '2026-11-23T14:00:00.000Z' });
    expect(describeConcernState(r.concern, nameOf)).toBe('This concern is awaiting acknowledgement; it was escalated to Harriet Cole on 23/11/2026 at 14:00.');
    expect(escalateConcern(r.concern, { headOfServiceId: 'hos_1', at: new Date('2026-11-24T14:00:00Z'), settings, nameOf })).toMatchObject({ ok: false, code: 'alreadyEscalated' });
  });
  it('never escalates an acknowledged concern, nor without a Head of Service', () => {
    const acked = acknowledgeConcern(raised(), cmd());
    if (!acked.ok) throw new Error(acked.message);
    expect(escalateConcern(acked.concern, { headOfServiceId: 'hos_1', at: new Date('2026-11-30T14:00:00Z'), settings, nameOf })).toMatchObject({ ok: false, code: 'alreadyAcknowledged' });
    expect(escalateConcern(raised(), { headOfServiceId: null, at: new Date('2026-11-30T14:00:00Z'), settings, nameOf })).toMatchObject({ ok: false, code: 'noHeadOfService' });
  });
});

describe('recordConcernEmail', () => {
  it('records the e-mail outcome', () => {
    expect(recordConcernEmail(raised(), 'sent', new Date('2026-11-23T10:01:00Z')).email).toEqual({ status: 'sent', at: '2026-11-23T10:01:00.000Z' });
  });
});
