import { describe, expect, it } from 'vitest';
import { canSeeTeamAudits, jobRoleOrder, rolesText } from './roles';

describe('roles', () => {
  it('offers team audits to managers and quality roles, not to workers', () => {
    expect(canSeeTeamAudits(['worker'])).toBe(false);
    expect(canSeeTeamAudits(['worker', 'deputyTeamManager'])).toBe(true);
    expect(canSeeTeamAudits(['teamManager'])).toBe(true);
    expect(canSeeTeamAudits(['headOfService'])).toBe(true);
    expect(canSeeTeamAudits(['administrator'])).toBe(false);
  });

  it('names roles in words', () => {
    expect(rolesText(['teamManager', 'worker'])).toBe('Team manager, Social worker');
    expect(jobRoleOrder[0]).toBe('worker');
  });
});
