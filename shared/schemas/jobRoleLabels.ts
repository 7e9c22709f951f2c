import type { JobRole } from './staff';

/** Job roles in words. Kept apart from the zod schemas so the tab's first page can show them without loading zod. */
export const jobRoleLabels: Record<JobRole, string> = {
  worker: 'Social worker',
  deputyTeamManager: 'Deputy team manager',
  teamManager: 'Team manager',
  headOfService: 'Service manager / Head of Service',
  principalSocialWorker: 'Principal social worker',
  qaLead: 'Quality assurance lead',
  seniorManager: 'Senior manager',
  administrator: 'Administrator',
};
