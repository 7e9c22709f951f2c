import { describe, expect, it } from 'vitest';
import type { AllocationCase, AllocationRequest, AllocationResult } from '../allocation/allocation';
import { swapCandidates } from './swapCandidates';

const kase = (id: string, teamId: string, extra: Partial<AllocationCase> = {}): AllocationCase => ({
  id,
  teamId,
  workerId: null,
  legalStatus: 'childInNeed',
  ageBand: '5-9',
  pastTeamIds: [],
  pastWorkerIds: [],
  lastAuditedOn: null,
  ...extra,
});

const names: Record<string, string> = { 'team-a': 'Assessment', 'team-b': 'Brookside', 'team-c': 'Child protection' };

function setup(cases: AllocationCase[]) {
  const req: AllocationRequest = {
    seed: 1,
    roundDate: '2026-11-02',
    casesPerAuditor: 1,
    auditors: [{ id: 'aud-a', teamId: 'team-a', capacity: 1 }],
    cases: [kase('c-held', 'team-b'), ...cases],
  };
  const result: AllocationResult = {
    seed: 1,
    allocations: [{ caseId: 'c-held', auditorId: 'aud-a', conflicts: [], reason: 'drawn' }],
    needsConfirmation: false,
    unallocatedAuditors: [],
    problems: [],
    historyChecked: '',
  };
  const details = new Map(req.cases.map((c) => [c.id, { caseRef: `REF-${c.id.toUpperCase()}`, teamName: names[c.teamId] ?? 'Unknown team' }]));
  return { req, result, details, allocation: { caseId: 'c-held', auditorId: 'aud-a' } };
}

describe('swapCandidates', () => {
  it('lists open cases outside the round and outside the re-audit interval, in case-reference order, a page at a time', () => {
    const s = setup([kase('c3', 'team-b'), kase('c1', 'team-c'), kase('c-recent', 'team-b', { lastAuditedOn: '2026-06-01' }), kase('c2', 'team-b', { lastAuditedOn: '2025-01-01' })]);
    const first = swapCandidates(s.req, s.result, s.allocation, s.details, { limit: 2 });
    expect(first.items.map((i) => i.caseRef)).toEqual(['REF-C1', 'REF-C2']);
    expect(first.next).toBe('REF-C2');
    const second = swapCandidates(s.req, s.result, s.allocation, s.details, { limit: 2, after: first.next });
    expect(second.items.map((i) => i.caseRef)).toEqual(['REF-C3']);
    expect(second.next).toBeNull();
  });

  it('finds cases by part of the reference or the team name, ignoring case', () => {
    const s = setup([kase('c1', 'team-c'), kase('c2', 'team-b'), kase('x9', 'team-b')]);
    expect(swapCandidates(s.req, s.result, s.allocation, s.details, { limit: 10, q: 'ref-c' }).items.map((i) => i.caseRef)).toEqual(['REF-C1', 'REF-C2']);
    expect(swapCandidates(s.req, s.result, s.allocation, s.details, { limit: 10, q: 'brook' }).items.map((i) => i.caseRef)).toEqual(['REF-C2', 'REF-X9']);
    expect(swapCandidates(s.req, s.result, s.allocation, s.details, { limit: 10, q: 'nothing like it' }).items).toEqual([]);
  });

  it('says which cases the rules allow, with the legal status and age band, and why others are refused', () => {
    const s = setup([kase('c1', 'team-b', { legalStatus: 'childInCare', ageBand: '10-15' }), kase('c2', 'team-a'), kase('c3', 'team-c', { workerId: 'aud-a' })]);
    const items = swapCandidates(s.req, s.result, s.allocation, s.details, { limit: 10 }).items;
    expect(items[0]).toMatchObject({ caseId: 'c1', choosable: true, conflicts: [], legalStatus: 'childInCare', legalStatusLabel: 'Child in care', ageBand: '10-15', teamName: 'Brookside' });
    // Own team while a conflict-free case is still free: refused, with the link shown.
    expect(items[1]).toMatchObject({ caseId: 'c2', choosable: false, conflicts: ['ownTeamCurrent'], reason: expect.stringMatching(/conflict-free case is still available/) });
    // The auditor's own case: never.
    expect(items[2]).toMatchObject({ caseId: 'c3', choosable: false, conflicts: [], reason: expect.stringMatching(/allocated worker/) });
  });

  it('offers a linked case, flagged for confirmation, when no conflict-free case is left for the auditor', () => {
    const s = setup([kase('c2', 'team-a'), kase('c4', 'team-b', { pastWorkerIds: ['aud-a'] })]);
    s.req.cases[0] = kase('c-held', 'team-a');
    s.result.allocations[0] = { caseId: 'c-held', auditorId: 'aud-a', conflicts: ['ownTeamCurrent'], reason: 'least linked' };
    const items = swapCandidates(s.req, s.result, s.allocation, s.details, { limit: 10 }).items;
    expect(items.map((i) => [i.caseId, i.choosable, i.conflicts])).toEqual([
      ['c2', true, ['ownTeamCurrent']],
      ['c4', true, ['ownCasePast']],
    ]);
    expect(items[0]?.reason).toMatch(/needs your confirmation/);
  });
});
