import type { JobRole } from '../../../shared/schemas/staff';
import type { DemoUser } from '../api/apiClient';
import { jobRoleOrder } from '../common/roles';

export interface DemoUserGroup {
  role: JobRole;
  users: DemoUser[];
}

/** Demo users grouped by their first (main) job role, groups in the service's role order, names A–Z. */
export function groupDemoUsers(users: readonly DemoUser[]): DemoUserGroup[] {
  const byRole = new Map<JobRole, DemoUser[]>();
  for (const user of users) {
    const role = user.jobRoles[0];
    if (!role) continue;
    byRole.set(role, [...(byRole.get(role) ?? []), user]);
  }
  return jobRoleOrder
    .filter((role) => byRole.has(role))
    .map((role) => ({ role, users: [...(byRole.get(role) ?? [])].sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB')) }));
}
