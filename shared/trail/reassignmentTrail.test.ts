import { describe, expect, it } from 'vitest';
import { buildAudit } from '../../test/fixtures/builders';
import { trailEntry } from '../schemas/trail';
import { reassignmentTrail } from './reassignmentTrail';

const AT = '2026-11-23T10:00:00.000Z';

function ids() {
  let n = 0;
  return () => `t-${++n}`;
}

describe('reassignmentTrail', () => {
  const before = buildAudit({ id: 'audit-r', auditorId: 'tm-a', status: 'inProgress' });
  before.form.sections = { profile: { prompts: {}, evidence: 'Something written about the child' } };
  const after = { ...before, auditorId: 'tm-b' };

  it('records who passed the audit from whom to whom, for which request, and its status then', () => {
    const entries = reassignmentTrail(before, after, { actorId: 'qa-lead', at: AT, requestId: 'rr-audit-r-1', confirmedConflicts: [] }, ids());
    for (const e of entries) trailEntry.parse(e);
    expect(entries.map(({ field, before: b, after: a, actorId, kind }) => ({ field, b, a, actorId, kind }))).toEqual([
      { field: 'auditorId', b: 'tm-a', a: 'tm-b', actorId: 'qa-lead', kind: 'field' },
      { field: 'reassignment.requestId', b: null, a: 'rr-audit-r-1', actorId: 'qa-lead', kind: 'field' },
      { field: 'reassignment.statusAtHandover', b: null, a: 'inProgress', actorId: 'qa-lead', kind: 'field' },
    ]);
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(entries.every((e) => e.auditId === 'audit-r' && e.at === AT)).toBe(true);
  });

  it('records conflicts the lead confirmed, and never copies the form', () => {
    const entries = reassignmentTrail(before, after, { actorId: 'qa-lead', at: AT, requestId: 'rr-audit-r-1', confirmedConflicts: ['ownTeamPast', 'ownCasePast'] }, ids());
    expect(entries.find((e) => e.field === 'reassignment.conflictsConfirmed')?.after).toBe('ownTeamPast,ownCasePast');
    expect(JSON.stringify(entries)).not.toContain('Something written');
  });
});
