import type { StaffMember } from '../schemas/staff';

/**
 * Whether a change to someone's away status and deputy can be saved, and what it leaves
 * uncovered. While a person is away their alerts go to the deputy they name (shared/concerns/
 * urgentNotices.ts, shared/access/caseContacts.ts), so a deputy must be someone who can read
 * them: an active colleague, not the person themselves, and not away too. Going away with nobody
 * named is allowed (people fall ill), with a warning saying what then happens to the alerts.
 */

export interface CoverChange {
  away: boolean;
  deputyId: string | null;
}

export interface CoverWarning {
  /** `noDeputy`: away with nobody named; `stillCovering`: away while covering someone who is away. */
  code: 'noDeputy' | 'stillCovering';
  message: string;
}

export type CoverCheck = { ok: true; warnings: CoverWarning[] } | { ok: false; field: 'deputyId'; message: string };

export interface CoverChangeInput {
  subject: Pick<StaffMember, 'id' | 'jobRoles'>;
  change: CoverChange;
  /** The record `change.deputyId` names; null when it names nobody (or nobody in the directory). */
  deputy: Pick<StaffMember, 'id' | 'displayName' | 'active' | 'away'> | null;
  /** The people who name the subject as their deputy (only read when the subject is going away). */
  coveringFor: readonly Pick<StaffMember, 'id' | 'displayName' | 'active' | 'away'>[];
}

const listOf = (names: readonly string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

export function checkCoverChange({ subject, change, deputy, coveringFor }: CoverChangeInput): CoverCheck {
  if (change.deputyId !== null) {
    if (change.deputyId === subject.id) return { ok: false, field: 'deputyId', message: 'A person cannot be their own deputy: choose someone else.' };
    if (deputy === null || deputy.id !== change.deputyId) return { ok: false, field: 'deputyId', message: 'No one with this id is in the staff directory.' };
    if (!deputy.active) return { ok: false, field: 'deputyId', message: `${deputy.displayName} has left, so cannot cover: choose someone else.` };
    if (change.away && deputy.away)
      return { ok: false, field: 'deputyId', message: `${deputy.displayName} is marked away too, so would not see the alerts: choose someone who is at work.` };
  }
  if (!change.away) return { ok: true, warnings: [] };

  const warnings: CoverWarning[] = [];
  if (change.deputyId === null) {
    // urgentNotices: with no deputy an urgent concern about the team's cases also goes straight to the Head of Service; the rest waits for the person.
    const headOfService = subject.jobRoles.includes('headOfService') ? ' Concerns escalated to you as Head of Service also stay with you.' : '';
    warnings.push({
      code: 'noDeputy',
      message: `No one is named to cover you. While you are away, urgent concerns about your team's cases also go straight to the Head of Service, but everything else meant for you (approvals, exemption views, notices) still comes to you and waits.${headOfService}`,
    });
  }
  const awayColleagues = coveringFor.filter((p) => p.id !== subject.id && p.active && p.away).map((p) => p.displayName);
  if (awayColleagues.length > 0) {
    warnings.push({
      code: 'stillCovering',
      message: `You are covering for ${listOf(awayColleagues)}, who ${awayColleagues.length === 1 ? 'is' : 'are'} away: their alerts will still come to you. Ask for someone else to be named to cover them.`,
    });
  }
  return { ok: true, warnings };
}
