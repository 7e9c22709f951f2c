import { csvLine } from '../../shared/imports/csv';
import { ukDate } from '../../shared/calendar/londonTime';
import { jobRoleLabels } from '../../shared/schemas/jobRoleLabels';
import type { ChildCase } from '../../shared/schemas/cases';
import type { StaffMember, Team } from '../../shared/schemas/staff';
import type { DemoCouncil } from './demoCouncil';

/**
 * The demo council's staff directory and open-case register as its HR and case-management
 * systems would export them, so a new user can try the imports (and bring back the register rows
 * purged when a round closes) without writing a file by hand. Synthetic data only.
 */

const line = (fields: readonly string[]) => `${csvLine(fields)}\r\n`;

export function demoStaffDirectoryCsv(council: Pick<DemoCouncil, 'staff' | 'teams'>): string {
  const teamName = new Map(council.teams.map((t: Team) => [t.id, t.name]));
  const email = new Map(council.staff.map((s: StaffMember) => [s.id, s.email]));
  const rows = council.staff
    .filter((s) => s.active)
    .map((s) => [
      s.displayName,
      s.email,
      s.jobRoles.map((r) => jobRoleLabels[r]).join('; '),
      s.teamId ? (teamName.get(s.teamId) ?? '') : '',
      s.lineManagerId ? (email.get(s.lineManagerId) ?? '') : '',
      s.deputyId ? (email.get(s.deputyId) ?? '') : '',
    ]);
  return [['Name', 'Email', 'Job roles', 'Team', 'Line manager', 'Deputy'], ...rows].map(line).join('');
}

function history(c: ChildCase): string {
  return c.legalStatusHistory.map((p) => `${p.status} ${ukDate(p.from)}-${p.to === null ? '' : ukDate(p.to)}`).join('; ');
}

export function demoCaseRegisterCsv(council: Pick<DemoCouncil, 'cases' | 'staff' | 'teams'>): string {
  const teamName = new Map(council.teams.map((t: Team) => [t.id, t.name]));
  const email = new Map(council.staff.map((s: StaffMember) => [s.id, s.email]));
  const names = (ids: readonly string[], of: Map<string, string>) => ids.map((i) => of.get(i)).filter((v): v is string => v !== undefined).join('; ');
  const heading = [
    'Case reference', 'Initials', 'Date of birth', 'Expected date of birth', 'Team', 'Allocated worker', 'Legal status',
    'Legal status history', 'Living situation', 'Disability', 'Most recent referral', 'Past teams', 'Past workers',
  ];
  const rows = council.cases
    .filter((c) => c.open)
    .map((c) => [
      c.caseRef,
      c.initials,
      c.dateOfBirth ? ukDate(c.dateOfBirth) : '',
      c.expectedDateOfBirth ? ukDate(c.expectedDateOfBirth) : '',
      teamName.get(c.teamId) ?? c.teamId,
      c.workerId ? (email.get(c.workerId) ?? '') : '',
      c.legalStatus,
      history(c),
      c.livingSituation ?? '',
      c.disability ? 'yes' : 'no',
      c.mostRecentReferral ? ukDate(c.mostRecentReferral) : '',
      names(c.pastTeamIds, teamName),
      names(c.pastWorkerIds, email),
    ]);
  return [heading, ...rows].map(line).join('');
}
