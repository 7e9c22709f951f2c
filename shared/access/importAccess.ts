import type { JobRole } from '../schemas/staff';

/** Who may load the staff directory and the open-case register: they decide who audits and which cases can be sampled. */
const importRoles: readonly JobRole[] = ['qaLead', 'principalSocialWorker', 'administrator'];

export function mayImportRegisters(user: { jobRoles: readonly JobRole[] }): boolean {
  return user.jobRoles.some((r) => importRoles.includes(r));
}
