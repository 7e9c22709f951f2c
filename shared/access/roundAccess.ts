import type { JobRole } from '../schemas/staff';

/** Who runs audit rounds: they choose the auditors and the cases. Matches RoundService's check on the server. */
const roundRoles: readonly JobRole[] = ['qaLead', 'principalSocialWorker'];

export function mayRunRounds(user: { jobRoles: readonly JobRole[] }): boolean {
  return user.jobRoles.some((r) => roundRoles.includes(r));
}
