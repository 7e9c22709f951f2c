import { z } from 'zod';
import { jobRoleLabels } from '../schemas/jobRoleLabels';
import { staffMember, type JobRole, type StaffMember } from '../schemas/staff';
import { readCsvTable, type ColumnSpec } from './csv';
import { stableImportId, type ImportFileError, type ImportIssue } from './importPreview';
import { createLabelLookup, createTeamLookup } from './nameLookups';

/**
 * Staff directory import: one row per person.
 *
 * | column | required | headings accepted (case, spaces and punctuation ignored) | value |
 * |---|---|---|---|
 * | name | yes | Name, Display name, Full name, Staff name, Employee name | as shown in the app, up to 120 characters |
 * | email | yes | Email, E-mail, Email address, Work email, UPN, User principal name, Mail | work e-mail / UPN; stored in lower case |
 * | job roles | yes | Job roles, Job role, Roles, Role | one or more, separated by `;` or `,`: id, label or abbreviation (see {@link matchJobRole}) |
 * | team | no | Team, Team name, Team id | a team's name or id; blank for people outside a team |
 * | line manager | no | Line manager, Line manager email, Manager, Manager email, Reports to | the manager's e-mail, in this file or already in the directory |
 * | deputy | no | Deputy, Deputy email | the e-mail of whoever covers this person's management duties |
 *
 * A person's id is kept if their e-mail is already in the directory, and otherwise derived from
 * the e-mail (`stf-` and 16 hex digits), so importing the same file again updates people rather
 * than adding them twice. Rows are rejected (all their problems listed) for: a missing or bad
 * value; an unknown job role or team; an e-mail that appears earlier in the file (the later
 * row is rejected, naming the earlier line); a line manager or deputy who is the person
 * themself, or who is neither in the file nor in the directory, or whose own row is rejected
 * and who is not already in the directory; and line managers that form a loop.
 */
export interface StaffImportPreview {
  /** While any, the file cannot be imported at all. */
  fileErrors: ImportFileError[];
  /** Rows that can be saved, ready to store; saved all together or not at all. */
  accepted: { line: number; staff: StaffMember }[];
  /** A row may appear several times, once per problem; rejected rows are never in `accepted`. */
  rejected: ImportIssue[];
  /** Things that stop nothing: ignored columns, blank rows, people in the directory but not in the file. */
  notes: string[];
  /** Data rows read (the heading and blank rows not counted). */
  rowCount: number;
}

export interface StaffImportExisting {
  teams: readonly { id: string; name: string }[];
  /** People already in the directory, matched by e-mail: they keep their id and can be named as managers or deputies. */
  staff: readonly Pick<StaffMember, 'id' | 'email' | 'lineManagerId'>[];
}

type StaffColumn = 'name' | 'email' | 'jobRoles' | 'team' | 'lineManager' | 'deputy';

const COLUMNS: readonly ColumnSpec<StaffColumn>[] = [
  { key: 'name', label: 'name', aliases: ['Display name', 'Full name', 'Staff name', 'Employee name'], required: true },
  {
    key: 'email',
    label: 'email',
    aliases: ['E-mail', 'Email address', 'Work email', 'Work e-mail', 'UPN', 'User principal name', 'Mail'],
    required: true,
  },
  { key: 'jobRoles', label: 'job roles', aliases: ['Job role', 'Roles', 'Role'], required: true },
  { key: 'team', label: 'team', aliases: ['Team name', 'Team id'], required: false },
  {
    key: 'lineManager',
    label: 'line manager',
    aliases: ['Line manager email', 'Line manager e-mail', 'Manager', 'Manager email', 'Reports to'],
    required: false,
  },
  { key: 'deputy', label: 'deputy', aliases: ['Deputy email', 'Deputy e-mail'], required: false },
];

const FIELD: Record<StaffColumn, string> = {
  name: 'name',
  email: 'email',
  jobRoles: 'job roles',
  team: 'team',
  lineManager: 'line manager',
  deputy: 'deputy',
};

/** Job roles by id, label (as `jobRoleLabels`) or the abbreviations councils use. */
export const matchJobRole = createLabelLookup<JobRole>({
  worker: [jobRoleLabels.worker, 'SW'],
  deputyTeamManager: [jobRoleLabels.deputyTeamManager, 'DTM'],
  teamManager: [jobRoleLabels.teamManager, 'TM'],
  headOfService: [jobRoleLabels.headOfService, 'Service manager', 'Head of Service', 'HoS'],
  principalSocialWorker: [jobRoleLabels.principalSocialWorker, 'PSW'],
  qaLead: [jobRoleLabels.qaLead, 'QA lead', 'QA'],
  seniorManager: [jobRoleLabels.seniorManager],
  administrator: [jobRoleLabels.administrator, 'Admin'],
});

const emailSchema = z.email().max(254);

/** The id a person gets from an import when they are not yet in the directory. */
export function staffIdForEmail(email: string): string {
  return stableImportId('stf-', email.trim().toLowerCase());
}

interface Candidate {
  line: number;
  id: string;
  email: string | null;
  staff: StaffMember | null;
  /** E-mails of the manager and deputy, resolved after every row's e-mail is known. */
  lineManagerEmail: string;
  deputyEmail: string;
  issues: ImportIssue[];
}

/** Checks a staff directory file and says, row by row, what would be saved and what cannot be. */
export function previewStaffImport(text: string, existing: StaffImportExisting): StaffImportPreview {
  const table = readCsvTable(text, COLUMNS);
  const preview: StaffImportPreview = {
    fileErrors: table.fileErrors,
    accepted: [],
    rejected: table.rowProblems.map((p) => ({ line: p.line, field: 'row', reason: p.reason })),
    notes: table.notes,
    rowCount: table.rows.length + table.rowProblems.length,
  };
  if (table.headingLine === null) return preview;

  const findTeam = createTeamLookup(existing.teams);
  const existingByEmail = new Map(existing.staff.map((s) => [s.email.toLowerCase(), s]));
  const firstLineOfEmail = new Map<string, number>();
  const candidates: Candidate[] = [];

  // 1. Each row on its own.
  for (const row of table.rows) {
    const v = row.values;
    const issues: ImportIssue[] = [];
    const problem = (field: StaffColumn, reason: string) => issues.push({ line: row.line, field: FIELD[field], reason });

    const displayName = v.name.replace(/\s+/g, ' ');
    if (displayName === '') problem('name', 'missing');
    else if (displayName.length > 120) problem('name', 'longer than 120 characters');

    let email: string | null = null;
    if (v.email === '') problem('email', 'missing');
    else {
      const lower = v.email.toLowerCase();
      if (!emailSchema.safeParse(lower).success) problem('email', `"${v.email}" is not an e-mail address`);
      else {
        email = lower;
        const first = firstLineOfEmail.get(lower);
        if (first !== undefined) problem('email', `the same e-mail is already on line ${first}`);
        else firstLineOfEmail.set(lower, row.line);
      }
    }

    const jobRoles: JobRole[] = [];
    const roleTexts = v.jobRoles.split(/[;,]/).map((r) => r.trim()).filter((r) => r !== '');
    if (roleTexts.length === 0) problem('jobRoles', 'missing: give at least one job role');
    for (const roleText of roleTexts) {
      const role = matchJobRole(roleText);
      if (role === undefined) problem('jobRoles', `"${roleText}" is not a job role (known: ${Object.values(jobRoleLabels).join('; ')})`);
      else if (!jobRoles.includes(role)) jobRoles.push(role);
    }

    let teamId: string | null = null;
    if (v.team !== '') {
      const team = findTeam(v.team);
      if (team.ok) teamId = team.id;
      else problem('team', team.reason);
    }

    const id = email === null ? '' : (existingByEmail.get(email)?.id ?? staffIdForEmail(email));
    const staff: StaffMember = {
      id,
      displayName,
      email: email ?? '',
      entraObjectId: null,
      jobRoles,
      teamId,
      lineManagerId: null,
      deputyId: null,
      away: false,
      active: true,
    };
    candidates.push({
      line: row.line,
      id,
      email,
      staff: issues.length === 0 ? staff : null,
      lineManagerEmail: v.lineManager.toLowerCase(),
      deputyEmail: v.deputy.toLowerCase(),
      issues,
    });
  }

  // 2. Line managers and deputies, now every e-mail in the file is known.
  const fileRowByEmail = new Map<string, Candidate>();
  for (const c of candidates) if (c.email !== null && firstLineOfEmail.get(c.email) === c.line) fileRowByEmail.set(c.email, c);
  /** For each row, the file rows it needs saved with it (managers and deputies not yet in the directory). */
  const needs = new Map<Candidate, { row: Candidate; field: 'lineManager' | 'deputy' }[]>();

  const resolve = (c: Candidate, field: 'lineManager' | 'deputy', typed: string): string | null => {
    if (typed === '') return null;
    const role = field === 'lineManager' ? 'line manager' : 'deputy';
    const issue = (reason: string) => c.issues.push({ line: c.line, field: FIELD[field], reason });
    if (!emailSchema.safeParse(typed).success) {
      issue(`"${typed}" is not an e-mail address`);
      return null;
    }
    if (typed === c.email) {
      issue(`a person cannot be their own ${role}`);
      return null;
    }
    const inFile = fileRowByEmail.get(typed);
    if (inFile !== undefined) {
      if (!existingByEmail.has(typed)) needs.set(c, [...(needs.get(c) ?? []), { row: inFile, field }]);
      return inFile.id;
    }
    const known = existingByEmail.get(typed);
    if (known !== undefined) return known.id;
    issue(`no one with the e-mail ${typed} is in this file or in the staff directory`);
    return null;
  };

  for (const c of candidates) {
    const lineManagerId = resolve(c, 'lineManager', c.lineManagerEmail);
    const deputyId = resolve(c, 'deputy', c.deputyEmail);
    if (c.issues.length > 0 || c.staff === null) {
      c.staff = null;
      continue;
    }
    const checked = staffMember.safeParse({ ...c.staff, lineManagerId, deputyId });
    if (checked.success) c.staff = checked.data;
    else {
      c.staff = null;
      for (const zi of checked.error.issues) c.issues.push({ line: c.line, field: fieldOfPath(zi.path), reason: zi.message });
    }
  }

  // 3. Rows that rely on a rejected row, and line-manager loops, until nothing more changes:
  // rejecting a row restores that person's directory record, which can close a loop of its own.
  const emailOfId = new Map<string, string>();
  for (const s of existing.staff) emailOfId.set(s.id, s.email.toLowerCase());
  for (const c of candidates) if (c.email !== null) emailOfId.set(c.id, c.email);

  for (let changed = true; changed; ) {
    changed = false;
    for (const c of candidates) {
      if (c.staff === null) continue;
      for (const need of needs.get(c) ?? []) {
        if (need.row.staff !== null) continue;
        c.issues.push({
          line: c.line,
          field: FIELD[need.field],
          reason: `${need.row.email ?? 'that person'} is not in the staff directory and their row (line ${need.row.line}) is rejected`,
        });
        c.staff = null;
        changed = true;
        break;
      }
    }
    if (changed) continue;

    const managerOf = new Map<string, string | null>();
    for (const s of existing.staff) managerOf.set(s.id, s.lineManagerId);
    for (const c of candidates) if (c.staff !== null) managerOf.set(c.id, c.staff.lineManagerId);
    const accepted = new Map<string, Candidate>();
    for (const c of candidates) if (c.staff !== null) accepted.set(c.id, c);

    for (const loop of lineManagerLoops([...accepted.keys()], managerOf)) {
      const chain = [...loop, loop[0] as string]
        .map((id) => {
          const line = accepted.get(id)?.line;
          return `${emailOfId.get(id) ?? id}${line === undefined ? '' : ` (line ${line})`}`;
        })
        .join(' → ');
      for (const id of loop) {
        const c = accepted.get(id);
        if (c === undefined) continue;
        c.issues.push({ line: c.line, field: FIELD.lineManager, reason: `line managers form a loop: ${chain}` });
        c.staff = null;
        changed = true;
      }
    }
  }

  for (const c of candidates) {
    if (c.staff !== null) preview.accepted.push({ line: c.line, staff: c.staff });
    else preview.rejected.push(...c.issues);
  }
  preview.rejected.sort((a, b) => a.line - b.line);

  const untouched = existing.staff.filter((s) => !fileRowByEmail.has(s.email.toLowerCase())).length;
  if (untouched > 0) {
    preview.notes.push(
      `${untouched} ${untouched === 1 ? 'person' : 'people'} already in the staff directory ${untouched === 1 ? 'is' : 'are'} not in this file and will be left as they are.`,
    );
  }
  return preview;
}

/**
 * Every loop in the line-manager chains that passes through one of `starts`, each once, as the
 * ids in chain order. Walks each chain once (colouring), so long chains cost nothing extra.
 */
function lineManagerLoops(starts: readonly string[], managerOf: ReadonlyMap<string, string | null>): string[][] {
  const done = new Set<string>();
  const loops: string[][] = [];
  for (const start of starts) {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let cur: string | null | undefined = start;
    while (cur !== null && cur !== undefined && !done.has(cur)) {
      const at = onPath.get(cur);
      if (at !== undefined) {
        loops.push(path.slice(at));
        break;
      }
      onPath.set(cur, path.length);
      path.push(cur);
      cur = managerOf.get(cur);
    }
    for (const id of path) done.add(id);
  }
  return loops;
}

function fieldOfPath(path: readonly PropertyKey[]): string {
  const key = path[0];
  if (key === 'displayName') return FIELD.name;
  if (key === 'teamId') return FIELD.team;
  if (key === 'lineManagerId') return FIELD.lineManager;
  if (key === 'deputyId') return FIELD.deputy;
  if (key === 'jobRoles') return FIELD.jobRoles;
  return FIELD.email;
}
