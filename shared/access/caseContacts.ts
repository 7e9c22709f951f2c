import type { CaseSelectedAudience } from '../cards/caseSelectedCard';
import type { MeetingProposerRole } from '../schemas/meetingProposals';

/**
 * The people a collaborative audit involves besides its auditor: the case's worker at allocation
 * and the manager of the case's team, whose deputy stands in while they are away. One rule for
 * who is told a case was selected and who may propose a meeting about it, so the two agree.
 */
export interface CaseContacts {
  workerId: string | null;
  managerId: string | null;
  /** The manager's deputy, if the directory names one. */
  deputyId: string | null;
  managerAway: boolean;
  /** The named deputy is away too, or has left (read only when the manager is away; absent: available). */
  deputyUnavailable?: boolean;
}

/** Who hears that the case was selected: the worker, and the manager (their deputy while they are away); never the auditor, nobody twice. */
export function caseSelectedRecipients(contacts: CaseContacts, auditorId: string): { audience: CaseSelectedAudience; staffId: string }[] {
  const out: { audience: CaseSelectedAudience; staffId: string }[] = [];
  const { workerId } = contacts;
  const managerId = contacts.managerAway && contacts.deputyId ? contacts.deputyId : contacts.managerId;
  if (workerId && workerId !== auditorId) out.push({ audience: 'worker', staffId: workerId });
  if (managerId && managerId !== auditorId && managerId !== workerId) out.push({ audience: 'manager', staffId: managerId });
  return out;
}

/**
 * In what capacity someone may propose a meeting with the auditor, or null if they may not. The
 * deputy may whether or not the manager is away now: the card may have reached them while the
 * manager was. The auditor never proposes to themselves.
 */
export function meetingProposerRoleOf(staffId: string, contacts: CaseContacts, auditorId: string): MeetingProposerRole | null {
  if (staffId === auditorId) return null;
  if (staffId === contacts.workerId) return 'worker';
  if (staffId === contacts.managerId) return 'teamManager';
  if (staffId === contacts.deputyId) return 'deputy';
  return null;
}
