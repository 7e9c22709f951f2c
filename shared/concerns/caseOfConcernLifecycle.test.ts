import { describe, expect, it } from 'vitest';
import { emptyAuditForm } from '../schemas/audits';
import type { CaseOfConcern, UrgentConcern } from '../schemas/concerns';
import type { StaffActor } from '../access/staffActor';
import type { JobRole } from '../schemas/staff';
import { defaultConcernSettings } from '../settings/concernSettings';
import {
  addCaseOfConcernFollowUp,
  caseOfConcernId,
  caseOfConcernPermissions,
  closeCaseOfConcern,
  escalateCaseOfConcern,
  mayRaiseCaseOfConcern,
  proposesCaseOfConcern,
  settleRegisterProposal,
  raiseCaseOfConcern,
  respondToCaseOfConcern,
} from './caseOfConcernLifecycle';

const names: Record<string, string> = { tm_1: 'Tamsin Reed', hos_1: 'Harriet Cole', qa_1: 'Quinn Ash', snr_1: 'Sol Marr' };
const nameOf = (id: string) => names[id] ?? id;
const actor = (id: string, roles: JobRole[] = ['teamManager'], over: Partial<StaffActor> = {}): StaffActor => ({ id, jobRoles: roles, teamId: 'team_a', active: true, deputyOf: [], ...over });
const at = new Date('2026-11-23T10:00:00Z');
const later = new Date('2026-11-24T10:00:00Z');
const v = { expectedVersion: '1', currentVersion: '1', nameOf };

function raise(by: StaffActor = actor('auditor_1', ['worker'])): CaseOfConcern {
  const r = raiseCaseOfConcern({
    id: caseOfConcernId('case_1', 'aud_1', 1),
    actor: by,
    case: { caseId: 'case_1', teamId: 'team_a', caseRef: 'DEMO-1001', initials: 'AB' },
    audit: { id: 'aud_1', auditorId: 'auditor_1' },
    reason: 'Plan has not progressed for six months',
    alerted: [
      { staffId: 'tm_1', role: 'teamManager' },
      { staffId: 'hos_1', role: 'headOfService' },
    ],
    at,
  });
  if (!r.ok) throw new Error(r.message);
  return r.entry;
}

describe('raiseCaseOfConcern', () => {
  it("is raised by the audit's auditor or a QA lead, open, with a reason", () => {
    expect(raise()).toMatchObject({ id: 'coc-aud_1-1', status: 'open', raisedAs: 'auditor', raisedById: 'auditor_1', auditId: 'aud_1', response: null, followUps: [], escalations: [] });
    expect(raise(actor('qa_1', ['qaLead'])).raisedAs).toBe('qaLead');
  });
  it('refuses anyone else, and a blank reason', () => {
    const base = { id: 'coc-x', case: { caseId: 'case_1', teamId: 'team_a', caseRef: 'DEMO-1001', initials: 'AB' }, audit: null, alerted: [], at };
    expect(raiseCaseOfConcern({ ...base, actor: actor('tm_1'), reason: 'x' })).toMatchObject({ ok: false, code: 'notAllowed' });
    expect(raiseCaseOfConcern({ ...base, actor: actor('qa_1', ['qaLead']), reason: '  ' })).toMatchObject({ ok: false, code: 'invalid' });
    expect(raiseCaseOfConcern({ ...base, actor: actor('qa_1', ['qaLead'], { active: false }), reason: 'x' })).toMatchObject({ ok: false, code: 'inactive' });
  });
});

describe('the register lifecycle: open → responded → closed', () => {
  it('records the response, follow-ups, escalations with who and when, and the closure', () => {
    const responded = respondToCaseOfConcern(raise(), { ...v, actor: actor('tm_1'), text: 'Case discussed in supervision; plan reviewed', at: later });
    if (!responded.ok) throw new Error(responded.message);
    expect(responded.entry).toMatchObject({ status: 'responded', response: { byId: 'tm_1', at: '2026-11-24T10:00:00.000Z' } });
    const followed = addCaseOfConcernFollowUp(responded.entry, { ...v, actor: actor('qa_1', ['qaLead']), text: 'Recheck in January', at: later });
    if (!followed.ok) throw new Error(followed.message);
    const escalated = escalateCaseOfConcern(followed.entry, { ...v, actor: actor('qa_1', ['qaLead']), toId: 'snr_1', at: later });
    if (!escalated.ok) throw new Error(escalated.message);
    expect(escalated.entry.escalations).toEqual([{ byId: 'qa_1', toId: 'snr_1', at: '2026-11-24T10:00:00.000Z' }]);
    const closed = closeCaseOfConcern(escalated.entry, { ...v, actor: actor('hos_1', ['headOfService']), note: '', at: later });
    expect(closed.ok && closed.entry).toMatchObject({ status: 'closed', closure: { byId: 'hos_1' }, followUps: [{ byId: 'qa_1' }] });
  });

  it('lets only the manager side respond, while open', () => {
    const entry = raise();
    expect(respondToCaseOfConcern(entry, { ...v, actor: actor('qa_1', ['qaLead']), text: 'x', at })).toMatchObject({ ok: false, code: 'notAllowed' });
    expect(respondToCaseOfConcern(entry, { ...v, actor: actor('tm_2'), text: 'x', at })).toMatchObject({ ok: false, code: 'notAllowed' });
    expect(respondToCaseOfConcern(entry, { ...v, actor: actor('dtm_1', ['deputyTeamManager'], { deputyOf: ['tm_1'] }), text: 'x', at }).ok).toBe(true);
    expect(respondToCaseOfConcern(entry, { ...v, actor: actor('hos_1', ['headOfService']), text: 'x', at }).ok).toBe(true);
    const responded = respondToCaseOfConcern(entry, { ...v, actor: actor('tm_1'), text: 'x', at });
    if (!responded.ok) throw new Error(responded.message);
    const again = respondToCaseOfConcern(responded.entry, { ...v, actor: actor('hos_1', ['headOfService']), text: 'y', at });
    expect(again).toEqual({
      ok: false,
      code: 'wrongStatus',
      message: "This case of concern was responded to by Tamsin Reed on 23/11/2026 at 10:00. Only the case's team manager, their deputy or the Head of Service can respond, while the case of concern is open.",
    });
  });

  it('closes only once responded, by a QA lead or the Head of Service', () => {
    const entry = raise();
    expect(closeCaseOfConcern(entry, { ...v, actor: actor('qa_1', ['qaLead']), note: '', at })).toMatchObject({ ok: false, code: 'wrongStatus' });
    const responded = respondToCaseOfConcern(entry, { ...v, actor: actor('tm_1'), text: 'x', at });
    if (!responded.ok) throw new Error(responded.message);
    expect(closeCaseOfConcern(responded.entry, { ...v, actor: actor('tm_1'), note: '', at })).toMatchObject({ ok: false, code: 'notAllowed' });
    expect(closeCaseOfConcern(responded.entry, { ...v, actor: actor('qa_1', ['qaLead']), note: 'Assured', at }).ok).toBe(true);
  });

  it('refuses changes once closed and on a stale page', () => {
    const responded = respondToCaseOfConcern(raise(), { ...v, actor: actor('tm_1'), text: 'x', at });
    if (!responded.ok) throw new Error(responded.message);
    const closed = closeCaseOfConcern(responded.entry, { ...v, actor: actor('qa_1', ['qaLead']), note: '', at: later });
    if (!closed.ok) throw new Error(closed.message);
    expect(addCaseOfConcernFollowUp(closed.entry, { ...v, actor: actor('qa_1', ['qaLead']), text: 'x', at })).toMatchObject({ ok: false, code: 'wrongStatus' });
    expect(caseOfConcernPermissions(actor('qa_1', ['qaLead']), closed.entry)).toEqual({ respond: false, followUp: false, escalate: false, close: false });
    expect(respondToCaseOfConcern(raise(), { ...v, expectedVersion: '1', currentVersion: '2', actor: actor('tm_1'), text: 'x', at })).toMatchObject({ ok: false, code: 'stale' });
  });

  it('does not escalate to oneself or twice to the same person', () => {
    const entry = raise();
    expect(escalateCaseOfConcern(entry, { ...v, actor: actor('tm_1'), toId: 'tm_1', at })).toMatchObject({ ok: false, code: 'invalid' });
    const once = escalateCaseOfConcern(entry, { ...v, actor: actor('auditor_1', ['worker']), toId: 'snr_1', at });
    if (!once.ok) throw new Error(once.message);
    expect(escalateCaseOfConcern(once.entry, { ...v, actor: actor('tm_1'), toId: 'snr_1', at: later })).toEqual({
      ok: false,
      code: 'invalid',
      message: 'This case of concern was already escalated to Sol Marr on 23/11/2026 at 10:00.',
    });
    // Whoever it was escalated to joins the manager's side.
    expect(caseOfConcernPermissions(actor('snr_1', ['seniorManager']), once.entry).respond).toBe(true);
    expect(caseOfConcernPermissions(actor('stranger', ['worker']), once.entry)).toEqual({ respond: false, followUp: false, escalate: false, close: false });
  });
});

describe('proposesCaseOfConcern', () => {
  const settings = defaultConcernSettings();
  const audit = (grade: string, inadequate: boolean | null, childSafe: 'safe' | 'notSafe' = 'safe') => {
    const form = emptyAuditForm();
    form.grading.overall = { grade, inadequate };
    form.grading.childSafe = childSafe;
    return { form, finalGrade: null };
  };
  it('proposes an entry for Inadequate or its equivalent, or a child not safe', () => {
    expect(proposesCaseOfConcern(audit('inadequate', null), 'ofsted4', settings)).toBe(true);
    expect(proposesCaseOfConcern(audit('requiresImprovement', null), 'ofsted4', settings)).toBe(false);
    expect(proposesCaseOfConcern(audit('notYetGood', true), 'local3', settings)).toBe(true);
    expect(proposesCaseOfConcern(audit('notYetGood', false), 'local3', settings)).toBe(false);
    expect(proposesCaseOfConcern(audit('good', null, 'notSafe'), 'local3', settings)).toBe(true);
  });
});

describe('a proposed entry: raised or not needed, once, by the auditor or a QA lead', () => {
  const concern: UrgentConcern = {
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
    registerProposal: { status: 'proposed', entryId: null, byId: null, at: null },
    updatedAt: '2026-11-23T10:00:00.000Z',
  };
  const cmd = { auditorId: 'auditor_1', at: later, nameOf };

  it('lets the auditor or a QA lead settle it, nobody else', () => {
    expect(mayRaiseCaseOfConcern(actor('auditor_1', ['worker']), { auditorId: 'auditor_1' })).toBe(true);
    expect(mayRaiseCaseOfConcern(actor('qa_1', ['qaLead']), null)).toBe(true);
    expect(mayRaiseCaseOfConcern(actor('tm_1'), { auditorId: 'auditor_1' })).toBe(false);
    expect(mayRaiseCaseOfConcern(actor('auditor_1', ['worker'], { active: false }), { auditorId: 'auditor_1' })).toBe(false);
    expect(settleRegisterProposal(concern, { ...cmd, actor: actor('tm_1'), outcome: 'notRaised', entryId: null })).toMatchObject({ ok: false, code: 'notAllowed' });
    const raised = settleRegisterProposal(concern, { ...cmd, actor: actor('auditor_1', ['worker']), outcome: 'raised', entryId: 'coc-aud_1-1' });
    expect(raised).toMatchObject({ ok: true, concern: { registerProposal: { status: 'raised', entryId: 'coc-aud_1-1', byId: 'auditor_1', at: '2026-11-24T10:00:00.000Z' } } });
  });

  it('refuses a second decision, naming the first, and a concern that proposed nothing', () => {
    const first = settleRegisterProposal(concern, { ...cmd, actor: actor('qa_1', ['qaLead']), outcome: 'notRaised', entryId: null });
    if (!first.ok) throw new Error(first.message);
    expect(settleRegisterProposal(first.concern, { ...cmd, actor: actor('auditor_1', ['worker']), outcome: 'raised', entryId: 'coc-aud_1-1' })).toEqual({
      ok: false,
      code: 'wrongStatus',
      message: 'It was already decided that no case of concern is needed by Quinn Ash on 24/11/2026 at 10:00.',
    });
    const { registerProposal: _p, ...none } = concern;
    expect(settleRegisterProposal(none, { ...cmd, actor: actor('qa_1', ['qaLead']), outcome: 'notRaised', entryId: null })).toMatchObject({ ok: false, code: 'invalid' });
  });
});
