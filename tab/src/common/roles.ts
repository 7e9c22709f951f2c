import type { JobRole } from '../../../shared/schemas/staff';
import { jobRoleLabels } from '../../../shared/schemas/jobRoleLabels';

/** Roles that see their teams' audits (the server checks again: this only decides whether to offer the link). */
const teamAuditRoles: readonly JobRole[] = [
  'teamManager',
  'deputyTeamManager',
  'headOfService',
  'qaLead',
  'principalSocialWorker',
  'seniorManager',
];

export function canSeeTeamAudits(roles: readonly JobRole[]): boolean {
  return roles.some((r) => teamAuditRoles.includes(r));
}

export function rolesText(roles: readonly JobRole[]): string {
  return roles.map((r) => jobRoleLabels[r]).join(', ');
}

export const roleLabel = (role: JobRole): string => jobRoleLabels[role];

/** Job roles in the order the service lists them (most hands-on first). */
export const jobRoleOrder: readonly JobRole[] = Object.keys(jobRoleLabels) as JobRole[];
