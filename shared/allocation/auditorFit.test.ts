import { describe, expect, it } from 'vitest';
import { auditorFit, reauditRefusal } from './allocation';

const ties = { teamId: 'team-a', workerId: 'sw-a1', pastTeamIds: ['team-b'], pastWorkerIds: ['sw-b1', 'tm-c'] };

describe('auditorFit', () => {
  it("bars the case's allocated worker outright", () => {
    const fit = auditorFit(ties, { id: 'sw-a1', teamId: 'team-a' });
    expect(fit).toEqual({ barred: true, reason: expect.stringMatching(/allocated worker/) });
  });

  it('flags current and past team links and a past personal link, in the order the allocation lists them', () => {
    expect(auditorFit(ties, { id: 'tm-a', teamId: 'team-a' })).toMatchObject({ barred: false, conflicts: ['ownTeamCurrent'] });
    expect(auditorFit(ties, { id: 'tm-b', teamId: 'team-b' })).toMatchObject({ barred: false, conflicts: ['ownTeamPast'] });
    const both = auditorFit(ties, { id: 'tm-c', teamId: 'team-b' });
    expect(both).toMatchObject({ barred: false, conflicts: ['ownTeamPast', 'ownCasePast'] });
    expect(both.reason).toMatch(/^The auditor's team worked on the case before .* and the auditor worked on the case before/);
  });

  it("links the case to the team its worker sits in now, when the staff's teams are given", () => {
    const fit = auditorFit({ ...ties, pastTeamIds: [] }, { id: 'tm-x', teamId: 'team-x' }, { 'sw-b1': 'team-x' });
    expect(fit).toMatchObject({ barred: false, conflicts: ['ownTeamPast'] });
    expect(auditorFit({ ...ties, pastTeamIds: [] }, { id: 'tm-x', teamId: 'team-x' })).toEqual({ barred: false, conflicts: [], reason: 'No link between the auditor and the case.' });
  });

  it('never flags an auditor outside any team for a team link', () => {
    expect(auditorFit(ties, { id: 'qa', teamId: null })).toMatchObject({ barred: false, conflicts: [] });
  });
});

describe('reauditRefusal', () => {
  it('refuses a case audited within the interval and allows one audited before it or never', () => {
    expect(reauditRefusal({ roundDate: '2026-11-02' }, { lastAuditedOn: '2026-01-10' })).toMatch(/10\/01\/2026, within the 12-month re-audit interval/);
    expect(reauditRefusal({ roundDate: '2026-11-02' }, { lastAuditedOn: '2025-11-02' })).toBeNull();
    expect(reauditRefusal({ roundDate: '2026-11-02', reauditIntervalMonths: 6 }, { lastAuditedOn: '2026-05-01' })).toBeNull();
    expect(reauditRefusal({ roundDate: '2026-11-02' }, { lastAuditedOn: null })).toBeNull();
    expect(reauditRefusal({ roundDate: '2026-02-31' }, { lastAuditedOn: null })).toMatch(/not a real date/);
  });
});
