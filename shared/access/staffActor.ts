import type { JobRole, StaffMember } from '../schemas/staff';

/**
 * The person doing something, as authorisation rules need them: from the staff directory record
 * matched to the signed-in (or card activity's) identity, never from anything a card sent.
 */
export interface StaffActor {
  id: string;
  jobRoles: readonly JobRole[];
  teamId: string | null;
  active: boolean;
  /** The people whose deputy this person is (staff whose `deputyId` names them). */
  deputyOf: readonly string[];
}

/** Builds the actor for `member` from the directory (the deputy-of list is the reverse of `deputyId`). */
export function staffActor(
  member: Pick<StaffMember, 'id' | 'jobRoles' | 'teamId' | 'active'>,
  directory: Iterable<Pick<StaffMember, 'id' | 'deputyId'>>,
): StaffActor {
  const deputyOf: string[] = [];
  for (const s of directory) if (s.deputyId === member.id && s.id !== member.id) deputyOf.push(s.id);
  return { id: member.id, jobRoles: [...member.jobRoles], teamId: member.teamId, active: member.active, deputyOf: deputyOf.sort() };
}

/** The staff member themselves, or someone whose deputy they are. */
export function isOrDeputises(actor: Pick<StaffActor, 'id' | 'deputyOf'>, staffId: string | null): boolean {
  return staffId !== null && (actor.id === staffId || actor.deputyOf.includes(staffId));
}
