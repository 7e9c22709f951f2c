import { describe, expect, it } from 'vitest';
import { checkCoverChange, type CoverChangeInput } from './coverChange';

const deputy = { id: 'dtm_1', displayName: 'Dana Deputy', active: true, away: false };
const base: CoverChangeInput = { subject: { id: 'tm_1', jobRoles: ['teamManager'] }, change: { away: true, deputyId: 'dtm_1' }, deputy, coveringFor: [] };

describe('checkCoverChange', () => {
  it('accepts going away with an active deputy at work, with no warning', () => {
    expect(checkCoverChange(base)).toEqual({ ok: true, warnings: [] });
  });

  it('refuses the person as their own deputy', () => {
    const r = checkCoverChange({ ...base, change: { away: false, deputyId: 'tm_1' }, deputy: { ...deputy, id: 'tm_1' } });
    expect(r).toEqual({ ok: false, field: 'deputyId', message: expect.stringContaining('cannot be their own deputy') });
  });

  it('refuses a deputy who is not in the directory, or a record that is not the one named', () => {
    expect(checkCoverChange({ ...base, deputy: null })).toMatchObject({ ok: false, field: 'deputyId', message: expect.stringContaining('No one with this id') });
    expect(checkCoverChange({ ...base, change: { away: true, deputyId: 'someone_else' } })).toMatchObject({ ok: false, field: 'deputyId' });
  });

  it('refuses a deputy who has left, whether or not the person is going away', () => {
    for (const away of [true, false]) {
      const r = checkCoverChange({ ...base, change: { away, deputyId: 'dtm_1' }, deputy: { ...deputy, active: false } });
      expect(r).toEqual({ ok: false, field: 'deputyId', message: 'Dana Deputy has left, so cannot cover: choose someone else.' });
    }
  });

  it('refuses a deputy who is away when the person goes away, and says so; naming them while at work is fine', () => {
    const awayDeputy = { ...deputy, away: true };
    const r = checkCoverChange({ ...base, deputy: awayDeputy });
    expect(r).toMatchObject({ ok: false, field: 'deputyId', message: expect.stringContaining('Dana Deputy is marked away too') });
    expect(checkCoverChange({ ...base, change: { away: false, deputyId: 'dtm_1' }, deputy: awayDeputy })).toEqual({ ok: true, warnings: [] });
  });

  it('allows going away with nobody named, warning that alerts still come to the person until escalation', () => {
    const r = checkCoverChange({ ...base, change: { away: true, deputyId: null }, deputy: null });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.map((w) => w.code)).toEqual(['noDeputy']);
    expect(r.warnings[0]?.message).toMatch(/straight to the Head of Service.*still comes to you/);
    expect(r.warnings[0]?.message).not.toContain('as Head of Service');
  });

  it('tells a Head of Service with nobody named that escalations stay with them too', () => {
    const r = checkCoverChange({ ...base, subject: { id: 'hos_1', jobRoles: ['headOfService'] }, change: { away: true, deputyId: null }, deputy: null });
    expect(r.ok && r.warnings[0]?.message).toContain('Concerns escalated to you as Head of Service also stay with you.');
  });

  it('gives no warning about cover when the person is at work, deputy or not', () => {
    expect(checkCoverChange({ ...base, change: { away: false, deputyId: null }, deputy: null })).toEqual({ ok: true, warnings: [] });
    const covering = [{ id: 'x', displayName: 'Ash Away', active: true, away: true }];
    expect(checkCoverChange({ ...base, change: { away: false, deputyId: null }, deputy: null, coveringFor: covering })).toEqual({ ok: true, warnings: [] });
  });

  it('warns a person going away that the away colleagues they cover for will still be sent to them', () => {
    const coveringFor = [
      { id: 'a', displayName: 'Ash Away', active: true, away: true },
      { id: 'b', displayName: 'Bay Back', active: true, away: false },
      { id: 'c', displayName: 'Cal Gone', active: false, away: true },
      { id: 'd', displayName: 'Dee Away', active: true, away: true },
    ];
    const r = checkCoverChange({ ...base, coveringFor });
    expect(r).toEqual({
      ok: true,
      warnings: [{ code: 'stillCovering', message: 'You are covering for Ash Away and Dee Away, who are away: their alerts will still come to you. Ask for someone else to be named to cover them.' }],
    });
    const one = checkCoverChange({ ...base, change: { away: true, deputyId: null }, deputy: null, coveringFor: coveringFor.slice(0, 1) });
    expect(one.ok && one.warnings.map((w) => w.code)).toEqual(['noDeputy', 'stillCovering']);
    expect(one.ok && one.warnings[1]?.message).toContain('Ash Away, who is away');
  });
});
