import type { JobRole, StaffMember } from '../schemas/staff';

/**
 * Who may mark someone away and name who covers them. Away and cover decide who receives urgent
 * alerts, so the circle is small: the person, their line manager, and the people who keep the
 * directory right (QA leads, principal social workers, administrators). A deputy may not change the
 * cover of the person they deputise for.
 */
export type CoverGrant = 'self' | 'lineManager' | 'qualityAssurance' | 'administrator';

const qualityRoles: readonly JobRole[] = ['qaLead', 'principalSocialWorker'];

export function coverGrant(
  actor: Pick<StaffMember, 'id' | 'jobRoles' | 'active'>,
  subject: Pick<StaffMember, 'id' | 'lineManagerId'>,
): CoverGrant | null {
  if (!actor.active) return null;
  if (actor.id === subject.id) return 'self';
  if (subject.lineManagerId === actor.id) return 'lineManager';
  if (actor.jobRoles.some((r) => qualityRoles.includes(r))) return 'qualityAssurance';
  if (actor.jobRoles.includes('administrator')) return 'administrator';
  return null;
}

/** Jobs with management duties, whose alerts a deputy takes over: the tab offers them the control. */
const managementRoles: readonly JobRole[] = ['teamManager', 'deputyTeamManager', 'headOfService', 'principalSocialWorker', 'seniorManager'];

export function hasManagementDuties(user: { jobRoles: readonly JobRole[] }): boolean {
  return user.jobRoles.some((r) => managementRoles.includes(r));
}

/** Whom the tab offers as a deputy: people with management duties and QA leads (the server accepts any active colleague). */
export const DEPUTY_CANDIDATE_ROLES: readonly JobRole[] = [...managementRoles, 'qaLead'];
