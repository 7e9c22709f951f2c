import type { JobRole } from '../../../shared/schemas/staff';
import type { AuditType } from '../../../shared/schemas/audits';
import type { AuditorCandidate } from '../../../shared/api/contracts';
import { jobRoleLabels } from '../../../shared/schemas/jobRoleLabels';
import { londonDate } from '../../../shared/calendar/londonTime';

/** Words for rounds in the tab. Kept here (not from the settings module) so the page does not load zod. */
export const auditTypeNames: Record<AuditType, string> = {
  managersMonthly: "Managers' monthly audit",
  childsJourneyMonthly: "Child's Journey monthly audit",
  deepDive: 'Deep dive audit',
};

export type ConflictKind = 'ownTeamCurrent' | 'ownTeamPast' | 'ownCasePast';

/** Conflicts said in words, so they do not rely on colour. */
export const conflictWords: Record<ConflictKind, string> = {
  ownTeamCurrent: "The case is held by the auditor's own team",
  ownTeamPast: "The auditor's team worked on this case before",
  ownCasePast: 'The auditor worked on this case before',
};

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `YYYY-MM` as "November 2026". */
export function monthName(month: string): string {
  const [y, m] = month.split('-');
  return `${monthNames[Number(m) - 1] ?? m} ${y}`;
}

/** This month and the next `count - 1`, London time, as `YYYY-MM`. */
export function upcomingMonths(now: Date, count = 3): string[] {
  const [y, m] = londonDate(now).split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = m - 1 + i;
    return `${y + Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/** Order of the auditor groups: each person is listed once, under the first of their roles here. */
const groupOrder: readonly JobRole[] = ['teamManager', 'deputyTeamManager', 'headOfService', 'seniorManager', 'principalSocialWorker', 'qaLead'];

export interface AuditorGroup {
  role: JobRole;
  label: string;
  people: AuditorCandidate[];
}

export function groupAuditors(candidates: readonly AuditorCandidate[]): AuditorGroup[] {
  const groups = groupOrder.map((role): AuditorGroup => ({ role, label: jobRoleLabels[role], people: [] }));
  for (const c of candidates) {
    const group = groups.find((g) => c.jobRoles.includes(g.role));
    group?.people.push(c);
  }
  return groups.filter((g) => g.people.length > 0);
}

/** A theme's id from its title: the schema wants lower-case letters, digits and dashes. */
export function themeId(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return slug || 'theme';
}

