import type { JobRole, Service, StaffMember, Team } from '../schemas/staff';

/**
 * Who sees which list of actions. Decided here, from plain data, so the server's answer and the
 * tab's navigation agree (the server decides again on every request).
 *
 * - My actions: everyone, their own.
 * - Team actions: managers, for the teams they manage (recorded manager, a (deputy) team manager
 *   in the team, a Head of Service for their services' teams) and the teams of managers they
 *   deputise for, so a deputy covering an absence can approve.
 * - The action tracker: QA leads and senior managers across the service; Heads of Service for
 *   their own services' teams.
 */

const teamManagerRoles: readonly JobRole[] = ['teamManager', 'deputyTeamManager', 'headOfService'];
const serviceWideRoles: readonly JobRole[] = ['qaLead', 'seniorManager'];

type Person = Pick<StaffMember, 'id' | 'teamId' | 'jobRoles' | 'active'>;
interface Org {
  teams: readonly Pick<Team, 'id' | 'serviceId' | 'managerId'>[];
  services: readonly Pick<Service, 'id' | 'headOfServiceId'>[];
}

/** Whether to offer Team actions (the tab's link); the teams themselves come from `teamActionTeamIds`. */
export function mayManageTeamActions(user: Pick<StaffMember, 'jobRoles'>): boolean {
  return user.jobRoles.some((r) => teamManagerRoles.includes(r));
}

/** Whether to offer the service-wide action tracker. */
export function mayTrackActions(user: Pick<StaffMember, 'jobRoles'>): boolean {
  return user.jobRoles.some((r) => serviceWideRoles.includes(r)) || user.jobRoles.includes('headOfService');
}

/** The teams whose actions a manager sees under Team actions; `deputisedManagerIds` are the managers whose deputy they are. */
export function teamActionTeamIds(user: Person, org: Org, deputisedManagerIds: readonly string[] = []): string[] {
  if (!user.active) return [];
  const ids = new Set<string>();
  for (const t of org.teams) if (t.managerId !== null && (t.managerId === user.id || deputisedManagerIds.includes(t.managerId))) ids.add(t.id);
  if (user.teamId && user.jobRoles.some((r) => r === 'teamManager' || r === 'deputyTeamManager')) ids.add(user.teamId);
  if (user.jobRoles.includes('headOfService')) for (const id of headOfServiceTeamIds(user, org)) ids.add(id);
  return [...ids].sort();
}

/** The teams the tracker covers for this person; empty when they may not use it. */
export function trackerTeamIds(user: Person, org: Org): string[] {
  if (!user.active) return [];
  if (user.jobRoles.some((r) => serviceWideRoles.includes(r))) return org.teams.map((t) => t.id).sort();
  if (user.jobRoles.includes('headOfService')) return headOfServiceTeamIds(user, org).sort();
  return [];
}

function headOfServiceTeamIds(user: Pick<StaffMember, 'id'>, org: Org): string[] {
  const services = new Set(org.services.filter((s) => s.headOfServiceId === user.id).map((s) => s.id));
  return org.teams.filter((t) => services.has(t.serviceId)).map((t) => t.id);
}
