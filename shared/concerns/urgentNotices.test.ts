import { describe, expect, it } from 'vitest';
import type { CaseContacts } from '../access/caseContacts';
import { emptyAuditForm } from '../schemas/audits';
import type { GradeScaleId, GradeValue } from '../schemas/grades';
import { defaultConcernSettings } from '../settings/concernSettings';
import { caseOfConcernRecipients, escalationRecipient, planUrgentConcern, urgentConcernRecipients, urgentNoticeKey } from './urgentNotices';
import { caseOfConcernTrigger, urgentTriggersFor, type TriggerAudit } from './urgentTriggers';

const contacts: CaseContacts = { workerId: 'sw_1', managerId: 'tm_1', deputyId: 'dtm_1', managerAway: false };
const settings = defaultConcernSettings();

function audit(over: { overall?: GradeValue | null; notSafe?: boolean; raised?: boolean } = {}): TriggerAudit {
  const form = emptyAuditForm();
  form.grading.overall = over.overall ?? null;
  form.grading.childSafe = over.notSafe ? 'notSafe' : 'safe';
  if (over.raised) form.urgentConcern = { raised: true, raisedWithId: 'tm_1', raisedAt: '2026-11-20T10:00:00.000Z' };
  return { id: 'aud_1', form, finalGrade: null };
}

describe('urgentConcernRecipients', () => {
  it('tells the team manager and the worker, never the auditor', () => {
    expect(urgentConcernRecipients(contacts, 'auditor_1')).toEqual([
      { staffId: 'tm_1', role: 'teamManager' },
      { staffId: 'sw_1', role: 'worker' },
    ]);
  });
  it('tells the deputy instead while the manager is away', () => {
    expect(urgentConcernRecipients({ ...contacts, managerAway: true }, 'auditor_1')[0]).toEqual({ staffId: 'dtm_1', role: 'deputy' });
    // Away with no deputy named: the manager still hears (the notice must reach someone).
    expect(urgentConcernRecipients({ ...contacts, managerAway: true, deputyId: null }, 'auditor_1')[0]).toEqual({ staffId: 'tm_1', role: 'teamManager' });
  });
  it('tells the Head of Service at once as well when nobody at the team level is there to read it', () => {
    const hos = 'hos_1';
    // Present manager, or an available deputy: the Head of Service hears only on escalation.
    expect(urgentConcernRecipients(contacts, 'auditor_1', hos).map((r) => r.role)).toEqual(['teamManager', 'worker']);
    expect(urgentConcernRecipients({ ...contacts, managerAway: true }, 'auditor_1', hos).map((r) => r.role)).toEqual(['deputy', 'worker']);
    // Away with no deputy: the manager (for when they are back) and the Head of Service now.
    expect(urgentConcernRecipients({ ...contacts, managerAway: true, deputyId: null }, 'auditor_1', hos)).toEqual([
      { staffId: 'tm_1', role: 'teamManager' },
      { staffId: 'sw_1', role: 'worker' },
      { staffId: 'hos_1', role: 'headOfService' },
    ]);
    // The deputy is away too (or has left): not sent to them; the Head of Service now.
    expect(urgentConcernRecipients({ ...contacts, managerAway: true, deputyUnavailable: true }, 'auditor_1', hos).map((r) => r.staffId)).toEqual(['tm_1', 'sw_1', 'hos_1']);
    // A team with no manager at all.
    expect(urgentConcernRecipients({ ...contacts, managerId: null, deputyId: null }, 'auditor_1', hos).map((r) => r.role)).toEqual(['worker', 'headOfService']);
    // The Head of Service raised it: they are not told of their own concern.
    expect(urgentConcernRecipients({ ...contacts, managerAway: true, deputyId: null }, hos, hos).map((r) => r.staffId)).toEqual(['tm_1', 'sw_1']);
  });
  it('tells the deputy when the manager raised it, and nobody twice', () => {
    expect(urgentConcernRecipients(contacts, 'tm_1')).toEqual([
      { staffId: 'dtm_1', role: 'deputy' },
      { staffId: 'sw_1', role: 'worker' },
    ]);
    expect(urgentConcernRecipients({ ...contacts, workerId: 'tm_1' }, 'auditor_1')).toEqual([{ staffId: 'tm_1', role: 'teamManager' }]);
    expect(urgentConcernRecipients({ ...contacts, workerId: null }, 'sw_1')).toEqual([{ staffId: 'tm_1', role: 'teamManager' }]);
  });
});

describe('caseOfConcernRecipients', () => {
  it('tells the team manager and the Head of Service', () => {
    expect(caseOfConcernRecipients(contacts, 'hos_1', 'qa_1')).toEqual([
      { staffId: 'tm_1', role: 'teamManager' },
      { staffId: 'hos_1', role: 'headOfService' },
    ]);
    expect(caseOfConcernRecipients(contacts, null, 'qa_1')).toEqual([{ staffId: 'tm_1', role: 'teamManager' }]);
    expect(caseOfConcernRecipients(contacts, 'hos_1', 'hos_1')).toEqual([{ staffId: 'tm_1', role: 'teamManager' }]);
  });
});

/** What the service does with a change: triggers → the concern to record → one notice per recipient. */
function notices(triggers: ReturnType<typeof urgentTriggersFor>, recorded: Set<string>): string[] {
  const plan = planUrgentConcern(triggers, recorded);
  if (!plan) return [];
  for (const k of plan.triggerKeys) recorded.add(k);
  return urgentConcernRecipients(contacts, 'auditor_1').map((r) => urgentNoticeKey(plan.id, r.staffId));
}

describe('each urgent trigger on both scales fires exactly one notice per recipient', () => {
  const inadequate: Record<GradeScaleId, GradeValue> = { ofsted4: { grade: 'inadequate', inadequate: null }, local3: { grade: 'notYetGood', inadequate: true } };
  const notInadequate: Record<GradeScaleId, GradeValue> = { ofsted4: { grade: 'requiresImprovement', inadequate: null }, local3: { grade: 'notYetGood', inadequate: false } };
  for (const scale of ['ofsted4', 'local3'] as const) {
    const cases = {
      inadequateGrade: { kind: 'submitted' as const, before: audit(), after: audit({ overall: inadequate[scale] }) },
      childNotSafe: { kind: 'submitted' as const, before: audit(), after: audit({ overall: notInadequate[scale], notSafe: true }) },
      urgentConcernRaised: { kind: 'saved' as const, before: audit(), after: audit({ raised: true }) },
      gradeBecameInadequate: { kind: 'regraded' as const, before: audit({ overall: notInadequate[scale] }), after: audit({ overall: inadequate[scale] }), changeId: 'rev_1' },
    };
    for (const [kind, change] of Object.entries(cases)) {
      it(`${scale}: ${kind}`, () => {
        const recorded = new Set<string>();
        const triggers = urgentTriggersFor(change, scale, settings);
        expect(triggers.map((t) => t.kind)).toEqual([kind]);
        const sent = notices(triggers, recorded);
        expect(sent).toHaveLength(2);
        expect(new Set(sent).size).toBe(2);
        // The same change again (a retry, a replay, a double click): nothing new.
        expect(notices(urgentTriggersFor(change, scale, settings), recorded)).toEqual([]);
      });
    }
    it(`${scale}: a case of concern`, () => {
      const recorded = new Set<string>();
      const t = caseOfConcernTrigger({ id: 'coc_1', auditId: 'aud_1', caseId: 'case_1' });
      const plan = planUrgentConcern([t], recorded);
      expect(plan?.triggerKinds).toEqual(['caseOfConcernRaised']);
      const sent = caseOfConcernRecipients(contacts, 'hos_1', 'qa_1').map((r) => urgentNoticeKey(plan?.id ?? '', r.staffId));
      expect(new Set(sent).size).toBe(2);
      expect(planUrgentConcern([t], new Set(plan?.triggerKeys))).toBeNull();
    });
    it(`${scale}: no trigger, no notice`, () => {
      const recorded = new Set<string>();
      expect(notices(urgentTriggersFor({ kind: 'submitted', before: audit(), after: audit({ overall: notInadequate[scale] }) }, scale, settings), recorded)).toEqual([]);
      expect(notices(urgentTriggersFor({ kind: 'saved', before: audit(), after: audit({ overall: inadequate[scale], notSafe: true }) }, scale, settings), recorded)).toEqual([]);
      expect(planUrgentConcern([])).toBeNull();
    });
  }

  it('puts triggers fired together in one concern: one notice per recipient, not one per trigger', () => {
    const recorded = new Set<string>();
    const triggers = urgentTriggersFor({ kind: 'submitted', before: audit(), after: audit({ overall: { grade: 'inadequate', inadequate: null }, notSafe: true, raised: true }) }, 'ofsted4', settings);
    expect(triggers.map((t) => t.kind)).toEqual(['inadequateGrade', 'childNotSafe', 'urgentConcernRaised']);
    const plan = planUrgentConcern(triggers);
    expect(plan?.triggerKinds).toEqual(['inadequateGrade', 'childNotSafe', 'urgentConcernRaised']);
    expect(notices(triggers, recorded)).toHaveLength(2);
  });

  it('leaves out triggers already recorded, e.g. a concern raised before the audit was submitted', () => {
    const raised = urgentTriggersFor({ kind: 'saved', before: audit(), after: audit({ raised: true }) }, 'ofsted4', settings);
    const first = planUrgentConcern(raised);
    const atSubmit = urgentTriggersFor({ kind: 'submitted', before: null, after: audit({ overall: { grade: 'inadequate', inadequate: null }, raised: true }) }, 'ofsted4', settings);
    const second = planUrgentConcern(atSubmit, new Set(first?.triggerKeys));
    expect(second?.triggerKinds).toEqual(['inadequateGrade']);
    expect(second?.id).not.toBe(first?.id);
    expect(planUrgentConcern(atSubmit, new Set(first?.triggerKeys))).toEqual(second); // stable id
  });
});

describe('escalationRecipient', () => {
  const hos = { id: 'hos_1', away: false, active: true, deputyId: 'dep_1' };
  const deputy = { id: 'dep_1', active: true, away: false };

  it('is the Head of Service when they are in', () => {
    expect(escalationRecipient(hos, deputy)).toEqual({ toId: 'hos_1', coveringForId: null });
  });

  it('is their deputy, recorded as covering, while they are away or have left', () => {
    expect(escalationRecipient({ ...hos, away: true }, deputy)).toEqual({ toId: 'dep_1', coveringForId: 'hos_1' });
    expect(escalationRecipient({ ...hos, active: false }, deputy)).toEqual({ toId: 'dep_1', coveringForId: 'hos_1' });
  });

  it('stays with the Head of Service when nobody can cover, and is nobody without a Head of Service', () => {
    expect(escalationRecipient({ ...hos, away: true }, null)).toEqual({ toId: 'hos_1', coveringForId: null });
    expect(escalationRecipient({ ...hos, away: true }, { ...deputy, away: true })).toEqual({ toId: 'hos_1', coveringForId: null });
    expect(escalationRecipient({ ...hos, away: true }, { ...deputy, active: false })).toEqual({ toId: 'hos_1', coveringForId: null });
    expect(escalationRecipient({ ...hos, away: true, deputyId: 'someone_else' }, deputy)).toEqual({ toId: 'hos_1', coveringForId: null });
    expect(escalationRecipient(null, deputy)).toBeNull();
  });
});
