import { describe, expect, it } from 'vitest';
import { DirectorySettingError, parseDirectoryGroups } from './directoryGroups';

const g1 = '0F6C2A1E-1111-4000-8000-000000000001';
const g2 = '7b1d9e40-2222-4000-8000-000000000002';

describe('parseDirectoryGroups', () => {
  it('reads the JSON text, lower-casing group ids and defaulting job roles', () => {
    const parsed = parseDirectoryGroups(JSON.stringify({ groups: [{ id: g1, jobRoles: ['worker'], teamId: 'team-north' }, { id: g2, teamId: 'team-south' }] }));
    expect(parsed.groups).toEqual([
      { id: g1.toLowerCase(), jobRoles: ['worker'], teamId: 'team-north' },
      { id: g2, jobRoles: [], teamId: 'team-south' },
    ]);
  });

  it.each([
    ['not JSON', '{groups:', /ENTRA_DIRECTORY_GROUPS is not valid JSON/],
    ['no groups', { groups: [] }, /groups: lists no groups/],
    ['a group id that is not a GUID', { groups: [{ id: 'North workers', jobRoles: ['worker'] }] }, /groups\[0\]\.id: must be the group's Entra object id/],
    ['an unknown job role', { groups: [{ id: g1, jobRoles: ['worker'] }, { id: g2, jobRoles: ['socialWorker'] }] }, /groups\[1\]\.jobRoles\[0\]: .*worker/],
    ['a group giving nothing', { groups: [{ id: g1 }] }, /groups\[0\]: gives neither job roles nor a team/],
    ['the same group twice', { groups: [{ id: g1, jobRoles: ['worker'] }, { id: g1.toLowerCase(), teamId: 'team-north' }] }, /groups\[1\]\.id: is the same group as groups\[0\]/],
    ['a bad team id', { groups: [{ id: g1, teamId: 'team north' }] }, /groups\[0\]\.teamId: must be letters, digits/],
    ['an unknown field', { groups: [{ id: g1, jobRoles: ['worker'], team: 'North' }] }, /groups\[0\]: .*team/],
  ])('refuses %s, naming the field', (_what, raw, message) => {
    expect(() => parseDirectoryGroups(raw)).toThrow(DirectorySettingError);
    expect(() => parseDirectoryGroups(raw)).toThrow(message);
  });
});
