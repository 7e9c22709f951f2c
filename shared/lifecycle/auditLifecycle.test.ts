import { describe, expect, it } from 'vitest';
import { auditStatus, type AuditStatus } from '../schemas/audits';
import { applyTransition, isAwaitingSubmission, isEditableByAuditor, mayBeReassigned, statusLabels, transitions, type AuditTransition } from './auditLifecycle';

const allTransitions = Object.keys(transitions) as AuditTransition[];

describe('audit lifecycle', () => {
  it('allows the built transitions from their states', () => {
    expect(applyTransition('allocated', 'start')).toEqual({ ok: true, to: 'inProgress' });
    expect(applyTransition('inProgress', 'submit')).toEqual({ ok: true, to: 'submitted' });
    expect(applyTransition('returnedForDevelopment', 'resume')).toEqual({ ok: true, to: 'inProgress' });
  });

  it('refuses an available transition from the wrong state, saying why', () => {
    expect(applyTransition('submitted', 'submit')).toEqual({
      ok: false,
      reason: 'notAllowedFrom',
      message: '"Submit" is not possible while the audit is submitted.',
    });
    expect(applyTransition('allocated', 'submit')).toEqual({
      ok: false,
      reason: 'notAllowedFrom',
      message: '"Submit" is not possible while the audit is allocated.',
    });
    expect(applyTransition('inProgress', 'start')).toMatchObject({ ok: false, reason: 'notAllowedFrom', message: expect.stringContaining('in progress') });
    expect(applyTransition('closed', 'resume')).toMatchObject({ ok: false, reason: 'notAllowedFrom' });
  });

  it('refuses transitions not built yet, from every state', () => {
    const unavailable = allTransitions.filter((t) => !transitions[t].available);
    expect(unavailable).toEqual(expect.arrayContaining(['returnForDevelopment', 'dispute', 'moderate', 'exempt', 'withdraw', 'close']));
    for (const t of unavailable)
      for (const from of auditStatus.options) {
        const result = applyTransition(from, t);
        expect(result).toEqual({
          ok: false,
          reason: 'notAvailable',
          message: `"${transitions[t].label}" is not available in this version of Practice Audit yet.`,
        });
      }
  });

  it('gives every state a label and every available transition exactly its from states', () => {
    for (const s of auditStatus.options) expect(statusLabels[s]).toBeTruthy();
    for (const t of allTransitions.filter((x) => transitions[x].available))
      for (const from of auditStatus.options) {
        const result = applyTransition(from, t);
        expect(result.ok).toBe(transitions[t].from.includes(from));
        if (result.ok) expect(result.to).toBe(transitions[t].to);
      }
  });

  it('lets the auditor edit only open audits', () => {
    const editable: AuditStatus[] = ['allocated', 'inProgress', 'returnedForDevelopment'];
    for (const s of auditStatus.options) expect(isEditableByAuditor(s), s).toBe(editable.includes(s));
  });
});

describe('isAwaitingSubmission', () => {
  it('holds for audits not yet submitted (or returned), and for nothing after submission', () => {
    const waiting = auditStatus.options.filter((s) => isAwaitingSubmission(s));
    expect(waiting.sort()).toEqual(['allocated', 'inProgress', 'returnedForDevelopment']);
    for (const s of ['submitted', 'moderated', 'partBDone', 'closed', 'exempted', 'withdrawn'] as const) expect(isAwaitingSubmission(s)).toBe(false);
  });
});

describe('mayBeReassigned', () => {
  it('holds only before the audit is first submitted', () => {
    expect(auditStatus.options.filter((s) => mayBeReassigned(s)).sort()).toEqual(['allocated', 'inProgress']);
  });
});
