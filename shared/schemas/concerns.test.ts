import { describe, expect, it } from 'vitest';
import { caseOfConcern, urgentConcern } from './concerns';

const concern = {
  id: 'uc_1',
  auditId: 'aud_1',
  caseId: 'case_1',
  teamId: 'team_a',
  caseRef: 'DEMO-1001',
  initials: 'AB',
  auditType: 'deepDive',
  triggerKinds: ['inadequateGrade'],
  triggerKeys: ['uc-aud_1-inadequateGrade-submission'],
  judgement: { scale: 'ofsted4', grade: { grade: 'inadequate', inadequate: null }, fourPoint: 'inadequate', childSafe: 'safe' },
  raisedById: 'auditor_1',
  raisedAt: '2026-11-23T10:00:00.000Z',
  recipients: [{ staffId: 'tm_1', role: 'teamManager' }],
  acknowledgement: null,
  escalation: null,
  email: { status: 'pending', at: null },
  updatedAt: '2026-11-23T10:00:00.000Z',
};

describe('concern schemas', () => {
  it('accept a well-formed urgent concern and refuse one without a trigger or with a blank acknowledgement', () => {
    expect(urgentConcern.parse(concern)).toEqual(concern);
    expect(urgentConcern.safeParse({ ...concern, triggerKinds: [] }).success).toBe(false);
    expect(urgentConcern.safeParse({ ...concern, triggerKinds: ['somethingElse'] }).success).toBe(false);
    expect(urgentConcern.safeParse({ ...concern, acknowledgement: { byId: 'tm_1', at: '2026-11-23T11:00:00.000Z', actionTaken: '   ' } }).success).toBe(false);
    expect(urgentConcern.safeParse({ ...concern, initials: 'Zebedee' }).success).toBe(false);
  });

  it('accept a register entry and refuse a blank reason or an unknown status', () => {
    const entry = {
      id: 'coc-aud_1-1',
      caseId: 'case_1',
      auditId: null,
      teamId: 'team_a',
      caseRef: 'DEMO-1001',
      initials: 'AB',
      raisedById: 'qa_1',
      raisedAs: 'qaLead',
      raisedAt: '2026-11-23T10:00:00.000Z',
      reason: 'Drift in planning',
      status: 'open',
      alerted: [],
      response: null,
      followUps: [],
      escalations: [],
      closure: null,
      updatedAt: '2026-11-23T10:00:00.000Z',
    };
    expect(caseOfConcern.parse(entry)).toEqual(entry);
    expect(caseOfConcern.safeParse({ ...entry, reason: ' ' }).success).toBe(false);
    expect(caseOfConcern.safeParse({ ...entry, status: 'proposed' }).success).toBe(false);
  });
});
