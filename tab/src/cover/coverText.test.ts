import { describe, expect, it } from 'vitest';
import { coverSavedMessage, deputyOptionText } from './coverText';

const dana = { id: 'dtm-1', displayName: 'Dana Deputy', active: true, away: false };

describe('coverSavedMessage', () => {
  it('says who has the alerts now', () => {
    expect(coverSavedMessage({ away: true, deputy: dana, changed: true, warnings: [] })).toBe('Saved: you are marked away. Your alerts go to Dana Deputy until you mark yourself back.');
    expect(coverSavedMessage({ away: false, deputy: dana, changed: true, warnings: [] })).toContain('Your alerts come to you; Dana Deputy will cover you');
    expect(coverSavedMessage({ away: false, deputy: null, changed: true, warnings: [] })).toBe('Saved: you are marked as at work. Your alerts come to you.');
  });

  it('adds the warnings after the confirmation, and says when nothing changed', () => {
    const text = coverSavedMessage({ away: true, deputy: null, changed: true, warnings: [{ code: 'noDeputy', message: 'No one is named to cover you.' }] });
    expect(text).toBe('Saved: you are marked away, with nobody named to cover you. No one is named to cover you.');
    expect(coverSavedMessage({ away: true, deputy: dana, changed: false, warnings: [] })).toMatch(/^Nothing needed changing/);
  });
});

describe('deputyOptionText', () => {
  it('names the person, their jobs and team, and marks anyone away', () => {
    expect(deputyOptionText({ displayName: 'Dana Deputy', jobRoles: ['deputyTeamManager', 'worker'], teamName: 'Child protection South', away: false })).toBe(
      'Dana Deputy (Deputy team manager, Social worker, Child protection South)',
    );
    expect(deputyOptionText({ displayName: 'Harper Head', jobRoles: ['headOfService'], teamName: null, away: true })).toBe('Harper Head (Service manager / Head of Service) – away');
  });
});
