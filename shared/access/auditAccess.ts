import type { Audit } from '../schemas/audits';
import type { JobRole, StaffMember, Team } from '../schemas/staff';
import type { Service } from '../schemas/staff';
import { isEditableByAuditor } from '../lifecycle/auditLifecycle';

/**
 * Who may read or change an audit. Decided here, from plain data, so the REST API and the
 * Teams card actions ask the same question and can never disagree.
 */
export type AccessGrant =
  | 'auditor'
  | 'qualityAssurance'
  | 'caseWorker'
  | 'teamManager'
  | 'headOfService';

export interface AccessContext {
  /** Teams in the organisation (small reference data). */
  teams: readonly Pick<Team, 'id' | 'serviceId' | 'managerId'>[];
  services: readonly Pick<Service, 'id' | 'headOfServiceId'>[];
  /** The case's allocated worker now (the snapshot keeps the one at allocation). */
  currentCaseWorkerId: string | null;
  collaborative: boolean;
}

export interface AuditAccess {
  canRead: boolean;
  canEdit: boolean;
  grantedBy: AccessGrant | null;
  /** A read by someone outside the case's team goes to the access log. */
  outsideCaseTeam: boolean;
}

const qualityRoles: readonly JobRole[] = ['qaLead', 'principalSocialWorker', 'seniorManager'];
const managerRoles: readonly JobRole[] = ['teamManager', 'deputyTeamManager'];

const hasAnyRole = (user: Pick<StaffMember, 'jobRoles'>, roles: readonly JobRole[]) =>
  user.jobRoles.some((r) => roles.includes(r));

/** Teams a person manages: as the team's recorded manager, or as a (deputy) team manager in it. */
export function managedTeamIds(user: Pick<StaffMember, 'id' | 'teamId' | 'jobRoles'>, ctx: Pick<AccessContext, 'teams' | 'services'>): string[] {
  const ids = new Set<string>();
  for (const t of ctx.teams) if (t.managerId === user.id) ids.add(t.id);
  if (user.teamId && hasAnyRole(user, managerRoles)) ids.add(user.teamId);
  if (user.jobRoles.includes('headOfService')) {
    const services = new Set(ctx.services.filter((s) => s.headOfServiceId === user.id).map((s) => s.id));
    for (const t of ctx.teams) if (services.has(t.serviceId)) ids.add(t.id);
  }
  return [...ids];
}

export function auditAccess(
  user: Pick<StaffMember, 'id' | 'teamId' | 'jobRoles' | 'active'>,
  audit: Pick<Audit, 'auditorId' | 'status' | 'caseSnapshot'>,
  ctx: AccessContext,
): AuditAccess {
  const outsideCaseTeam = user.teamId !== audit.caseSnapshot.teamId;
  const grant = (grantedBy: AccessGrant | null): AuditAccess => ({
    canRead: grantedBy !== null,
    canEdit: grantedBy === 'auditor' && isEditableByAuditor(audit.status),
    grantedBy,
    outsideCaseTeam,
  });
  if (!user.active) return grant(null);
  if (audit.auditorId === user.id) return grant('auditor');
  const isCaseWorker = user.id === audit.caseSnapshot.workerId || user.id === ctx.currentCaseWorkerId;
  // An audit done without the worker stays closed to them until it is submitted, whatever other
  // role they hold (a deputy manager may also carry cases).
  if (isCaseWorker && !ctx.collaborative && isEditableByAuditor(audit.status)) return grant(null);
  if (hasAnyRole(user, qualityRoles)) return grant('qualityAssurance');
  const team = ctx.teams.find((t) => t.id === audit.caseSnapshot.teamId);
  if (team) {
    if (team.managerId === user.id || (user.teamId === team.id && hasAnyRole(user, managerRoles))) return grant('teamManager');
    if (ctx.services.some((s) => s.id === team.serviceId && s.headOfServiceId === user.id)) return grant('headOfService');
  }
  if (isCaseWorker) return grant('caseWorker');
  return grant(null);
}
