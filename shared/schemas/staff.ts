import { z } from 'zod';
import { id } from './common';

/**
 * Jobs people hold. Several per person. "Auditor" and "moderator" are not jobs: they are
 * memberships of a round's pool.
 */
export const jobRole = z.enum([
  'worker',
  'deputyTeamManager',
  'teamManager',
  'headOfService', // service manager / Head of Service
  'principalSocialWorker',
  'qaLead',
  'seniorManager',
  'administrator',
]);
export type JobRole = z.infer<typeof jobRole>;

export { jobRoleLabels } from './jobRoleLabels';

export const staffMember = z.object({
  id,
  displayName: z.string().min(1).max(120),
  /** Work e-mail / UPN: how a person is matched to their Teams identity. */
  email: z.email().max(254),
  /** Entra object id once seen (tenant mode). */
  entraObjectId: z.string().max(64).nullable().default(null),
  jobRoles: z.array(jobRole).min(1),
  teamId: id.nullable(),
  /** The chain every escalation follows. */
  lineManagerId: id.nullable(),
  /** Who covers this person's management duties when they are away. */
  deputyId: id.nullable(),
  away: z.boolean().default(false),
  active: z.boolean().default(true),
});
export type StaffMember = z.infer<typeof staffMember>;

export const service = z.object({
  id,
  name: z.string().min(1).max(120),
  headOfServiceId: id.nullable(),
});
export type Service = z.infer<typeof service>;

export const team = z.object({
  id,
  name: z.string().min(1).max(120),
  serviceId: id,
  managerId: id.nullable(),
});
export type Team = z.infer<typeof team>;
