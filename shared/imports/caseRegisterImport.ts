import { z } from 'zod';
import { ukDate } from '../calendar/londonTime';
import { ageInYears } from '../cases/caseSnapshot';
import {
  childCase,
  legalStatusLabels,
  livingSituationLabels,
  type ChildCase,
  type LegalStatus,
  type LegalStatusPeriod,
  type LivingSituation,
} from '../schemas/cases';
import type { IsoDate } from '../schemas/common';
import type { StaffMember } from '../schemas/staff';
import { readCsvTable, type ColumnSpec } from './csv';
import { stableImportId, type ImportFileError, type ImportIssue } from './importPreview';
import { matchLegalStatus, parseLegalStatusHistory } from './legalStatusHistoryCell';
import { createLabelLookup, createTeamLookup } from './nameLookups';
import { parseUkDate } from './ukDate';

/**
 * Open-case register import: the case-management system's export of open cases, one row per
 * child. Headings are matched ignoring case, spaces and punctuation; other columns are ignored
 * (and noted). Dates are dd/mm/yyyy (d/m/yyyy and yyyy-mm-dd also read; see `parseUkDate`).
 *
 * | column | required | headings accepted | value |
 * |---|---|---|---|
 * | case reference | yes | Case reference, Case ref, CaseRef, Case reference number, Case number, Case no, Case id, Reference | letters, digits, `/` or `-`, up to 32; unique in the file (compared ignoring case) |
 * | initials | yes | Initials, Child initials, Child's initials | 1 to 4 letters; dots and spaces dropped, made capitals ("j.b." → JB) |
 * | date of birth | one of these two | Date of birth, DOB, Birth date | not after today |
 * | expected date of birth | one of these two | Expected date of birth, Expected DOB, EDD, Expected date of delivery | unborn babies only: they have no date of birth |
 * | team | yes | Team, Team name, Team id, Allocated team, Current team | a team's name or id |
 * | allocated worker | no | Allocated worker, Worker, Worker email, Allocated worker email, Social worker | the worker's e-mail, in the staff directory; blank when unallocated |
 * | legal status | yes | Legal status, Current legal status, Status | id, label or abbreviation (EH, CIN, CP, CPP, S47, CiC, LAC, CLA, Leaving care) |
 * | legal status history | no | Legal status history, Status history, History | `childInNeed 01/02/2024-15/06/2024; childProtection 16/06/2024-` (see `parseLegalStatusHistory`) |
 * | living situation | no | Living situation, Living arrangement(s), Accommodation | id or label (see {@link matchLivingSituation}); expected for young people of 16 and over |
 * | disability | yes | Disability, Disabled, Has disability | yes / no (also y/n, true/false, 1/0) |
 * | most recent referral | no | Most recent referral (date), Latest referral (date), Last referral (date), Referral date | a date not after today |
 * | past teams | no | Past teams, Previous teams | team names or ids separated by `;` |
 * | past workers | no | Past workers, Previous workers, Past worker emails, Previous worker emails | e-mails separated by `;` or `,` |
 *
 * Rejected (line, field, reason; every problem of a row listed): a required value missing; a
 * bad date (31/02/2026, a two-digit year, American order); a date of birth, referral or history
 * date after today; both or neither of date of birth and expected date; an unknown team, legal
 * status or living situation; a worker not in the staff directory; a case reference already on
 * an earlier line (the later row is rejected, naming the earlier line); a history that cannot be
 * read, has overlapping periods, or whose open period is not the legal status.
 *
 * Warnings (the row is still accepted, and the lead sees why): the allocated worker's team in
 * the staff directory is not the case's team — the register is the system of record for who
 * holds the case, the directory can lag behind moves and cover, and dropping the row would take
 * an open case out of the random sample; an expected date of birth that has passed; no living
 * situation for a young person of 16 or over; a history with no open period; a past team or
 * past worker that is not set up — dropped from the lists, since no auditor can belong to it,
 * so it cannot cause a conflict of interest (import the staff directory first).
 *
 * Ids: a case already held (`existing.cases`) keeps its id; otherwise `case-` and 16 hex digits
 * derived from the reference, so importing the register again updates the same cases.
 */
export interface CaseImportPreview {
  /** While any, the file cannot be imported at all. */
  fileErrors: ImportFileError[];
  /** Rows that can be saved (checked with the `childCase` schema); saved all together or not at all. */
  accepted: { line: number; childCase: ChildCase }[];
  /** A row may appear several times, once per problem; rejected rows are never in `accepted`. */
  rejected: ImportIssue[];
  /** About accepted rows: worth a look before confirming, but nothing is wrong enough to refuse them. */
  warnings: ImportIssue[];
  /** Things that stop nothing: ignored columns, blank rows, held cases missing from the file. */
  notes: string[];
  /** Data rows read (the heading and blank rows not counted). */
  rowCount: number;
}

export interface CaseImportExisting {
  teams: readonly { id: string; name: string }[];
  staff: readonly Pick<StaffMember, 'id' | 'email' | 'displayName' | 'teamId'>[];
  /** Cases already held, so a case keeps its id when its reference comes in again. */
  cases?: readonly Pick<ChildCase, 'id' | 'caseRef'>[];
  /** Today in Europe/London: no date of birth, referral or history date may be after it. */
  today: IsoDate;
}

type CaseColumn =
  | 'caseRef'
  | 'initials'
  | 'dateOfBirth'
  | 'expectedDateOfBirth'
  | 'team'
  | 'worker'
  | 'legalStatus'
  | 'legalStatusHistory'
  | 'livingSituation'
  | 'disability'
  | 'mostRecentReferral'
  | 'pastTeams'
  | 'pastWorkers';

const COLUMNS: readonly ColumnSpec<CaseColumn>[] = [
  {
    key: 'caseRef',
    label: 'case reference',
    aliases: ['Case ref', 'case_ref', 'CaseRef', 'Case reference number', 'Case number', 'Case no', 'Case id', 'Reference'],
    required: true,
  },
  { key: 'initials', label: 'initials', aliases: ['Child initials', "Child's initials"], required: true },
  { key: 'dateOfBirth', label: 'date of birth', aliases: ['DOB', 'Birth date'], required: false },
  {
    key: 'expectedDateOfBirth',
    label: 'expected date of birth',
    aliases: ['Expected DOB', 'EDD', 'Expected date of delivery'],
    required: false,
  },
  { key: 'team', label: 'team', aliases: ['Team name', 'Team id', 'Allocated team', 'Current team'], required: true },
  {
    key: 'worker',
    label: 'allocated worker',
    aliases: ['Worker', 'Worker email', 'Allocated worker email', 'Allocated worker e-mail', 'Social worker'],
    required: false,
  },
  { key: 'legalStatus', label: 'legal status', aliases: ['Current legal status', 'Status'], required: true },
  { key: 'legalStatusHistory', label: 'legal status history', aliases: ['Status history', 'History'], required: false },
  {
    key: 'livingSituation',
    label: 'living situation',
    aliases: ['Living arrangement', 'Living arrangements', 'Accommodation'],
    required: false,
  },
  { key: 'disability', label: 'disability', aliases: ['Disabled', 'Has disability'], required: true },
  {
    key: 'mostRecentReferral',
    label: 'most recent referral',
    aliases: [
      'Most recent referral date',
      'Latest referral',
      'Latest referral date',
      'Last referral',
      'Last referral date',
      'Referral date',
    ],
    required: false,
  },
  { key: 'pastTeams', label: 'past teams', aliases: ['Previous teams'], required: false },
  {
    key: 'pastWorkers',
    label: 'past workers',
    aliases: ['Previous workers', 'Past worker emails', 'Previous worker emails'],
    required: false,
  },
];

const FIELD = Object.fromEntries(COLUMNS.map((c) => [c.key, c.label])) as Record<CaseColumn, string>;

/** Living situations by id, label (as `livingSituationLabels`) or common wording. */
export const matchLivingSituation = createLabelLookup<LivingSituation>({
  withFamily: [livingSituationLabels.withFamily, 'With family', 'Family', 'At home'],
  fosterOrResidentialCare: [livingSituationLabels.fosterOrResidentialCare, 'Foster care', 'Residential care', 'Foster', 'Residential'],
  supportedLiving: [livingSituationLabels.supportedLiving, 'Supported accommodation', 'Supported'],
  independentLiving: [livingSituationLabels.independentLiving, 'Independent'],
  leftHome: [livingSituationLabels.leftHome],
  homeless: [livingSituationLabels.homeless],
  other: [livingSituationLabels.other],
});

const YES = new Set(['yes', 'y', 'true', '1']);
const NO = new Set(['no', 'n', 'false', '0']);
const emailSchema = z.email();
const caseRefShape = /^[A-Za-z0-9/-]{1,32}$/;

/** The id a case gets from an import when it is not already held. */
export function caseIdForRef(caseRef: string): string {
  return stableImportId('case-', caseRef.trim().toUpperCase());
}

/** Checks an open-case register file and says, row by row, what would be saved and what cannot be. */
export function previewCaseImport(text: string, existing: CaseImportExisting): CaseImportPreview {
  const table = readCsvTable(text, COLUMNS);
  const preview: CaseImportPreview = {
    fileErrors: table.fileErrors,
    accepted: [],
    rejected: table.rowProblems.map((p) => ({ line: p.line, field: 'row', reason: p.reason })),
    warnings: [],
    notes: table.notes,
    rowCount: table.rows.length + table.rowProblems.length,
  };
  if (table.headingLine === null) return preview;
  if (!table.present.has('dateOfBirth') && !table.present.has('expectedDateOfBirth')) {
    preview.fileErrors.push({
      line: table.headingLine,
      reason: 'the heading row has no column for the date of birth (or the expected date of birth, for unborn babies)',
    });
  }

  const today = existing.today;
  const findTeam = createTeamLookup(existing.teams);
  const staffByEmail = new Map(existing.staff.map((s) => [s.email.toLowerCase(), s]));
  const teamName = new Map(existing.teams.map((t) => [t.id, t.name]));
  const heldIdByRef = new Map((existing.cases ?? []).map((c) => [c.caseRef.trim().toUpperCase(), c.id]));
  const firstLineOfRef = new Map<string, number>();

  for (const row of table.rows) {
    const v = row.values;
    const issues: ImportIssue[] = [];
    const warnings: ImportIssue[] = [];
    const problem = (field: CaseColumn, reason: string) => issues.push({ line: row.line, field: FIELD[field], reason });
    const warn = (field: CaseColumn, reason: string) => warnings.push({ line: row.line, field: FIELD[field], reason });
    const date = (field: CaseColumn): IsoDate | null => {
      if (v[field] === '') return null;
      const parsed = parseUkDate(v[field]);
      if (parsed.ok) return parsed.date;
      problem(field, parsed.reason);
      return null;
    };

    const caseRef = v.caseRef;
    const refKey = caseRef.toUpperCase();
    if (caseRef === '') problem('caseRef', 'missing');
    else if (!caseRefShape.test(caseRef)) problem('caseRef', 'must be up to 32 letters, digits, / or -');
    else {
      const first = firstLineOfRef.get(refKey);
      if (first !== undefined) problem('caseRef', `the same case reference is already on line ${first}`);
      else firstLineOfRef.set(refKey, row.line);
    }

    // Only initials are held about a child; the reason never repeats what was typed, in case it is a name.
    const initials = v.initials.replace(/[\s.'-]/g, '').toUpperCase();
    if (v.initials === '') problem('initials', 'missing');
    else if (!/^[A-Z]{1,4}$/.test(initials)) problem('initials', "must be the child's initials only: 1 to 4 letters");

    const dateOfBirth = date('dateOfBirth');
    const expectedDateOfBirth = date('expectedDateOfBirth');
    const dobGiven = v.dateOfBirth !== '';
    const eddGiven = v.expectedDateOfBirth !== '';
    if (dobGiven && eddGiven) {
      problem('dateOfBirth', 'give a date of birth or, for an unborn baby, an expected date of birth: not both');
    } else if (!dobGiven && !eddGiven) {
      problem('dateOfBirth', 'missing: give a date of birth or, for an unborn baby, an expected date of birth');
    }
    if (dateOfBirth !== null && dateOfBirth > today) problem('dateOfBirth', `${ukDate(dateOfBirth)} is after today`);
    if (expectedDateOfBirth !== null && !dobGiven && expectedDateOfBirth < today) {
      warn('expectedDateOfBirth', `${ukDate(expectedDateOfBirth)} has passed: if the baby has been born, give the date of birth`);
    }

    let teamId = '';
    if (v.team === '') problem('team', 'missing');
    else {
      const team = findTeam(v.team);
      if (team.ok) teamId = team.id;
      else problem('team', team.reason);
    }

    let workerId: string | null = null;
    if (v.worker !== '') {
      const email = v.worker.toLowerCase();
      const worker = staffByEmail.get(email);
      if (worker === undefined && !emailSchema.safeParse(email).success) {
        problem('worker', `"${v.worker}" is not an e-mail address: give the worker's work e-mail`);
      } else if (worker === undefined) {
        problem('worker', `no one with the e-mail ${email} is in the staff directory (import the staff directory first)`);
      } else {
        workerId = worker.id;
        if (teamId !== '' && worker.teamId !== teamId) {
          const where = worker.teamId === null ? 'no team' : `team ${teamName.get(worker.teamId) ?? worker.teamId}`;
          warn(
            'worker',
            `${worker.displayName} (${email}) is in ${where} in the staff directory, not ${teamName.get(teamId) ?? teamId}: accepted as the register says; check the directory`,
          );
        }
      }
    }

    let legalStatus: LegalStatus | null = null;
    if (v.legalStatus === '') problem('legalStatus', 'missing');
    else {
      legalStatus = matchLegalStatus(v.legalStatus) ?? null;
      if (legalStatus === null) {
        problem('legalStatus', `"${v.legalStatus}" is not a legal status (known: ${Object.values(legalStatusLabels).join('; ')})`);
      }
    }

    let legalStatusHistory: LegalStatusPeriod[] = [];
    if (v.legalStatusHistory !== '') {
      const history = parseLegalStatusHistory(v.legalStatusHistory, { today, current: legalStatus });
      if (history.ok) {
        legalStatusHistory = history.periods;
        for (const w of history.warnings) warn('legalStatusHistory', w);
      } else for (const r of history.reasons) problem('legalStatusHistory', r);
    }

    let livingSituation: LivingSituation | null = null;
    if (v.livingSituation !== '') {
      livingSituation = matchLivingSituation(v.livingSituation) ?? null;
      if (livingSituation === null) {
        problem(
          'livingSituation',
          `"${v.livingSituation}" is not a living situation (known: ${Object.values(livingSituationLabels).join('; ')})`,
        );
      }
    } else if (dateOfBirth !== null && dateOfBirth <= today && ageInYears(dateOfBirth, today) >= 16) {
      warn('livingSituation', 'no living situation for a young person aged 16 or over');
    }

    let disability = false;
    const disabilityKey = v.disability.toLowerCase();
    if (v.disability === '') problem('disability', 'missing: yes or no');
    else if (YES.has(disabilityKey)) disability = true;
    else if (!NO.has(disabilityKey)) problem('disability', `"${v.disability}" is not yes or no`);

    const mostRecentReferral = date('mostRecentReferral');
    if (mostRecentReferral !== null && mostRecentReferral > today) {
      problem('mostRecentReferral', `${ukDate(mostRecentReferral)} is after today`);
    }

    const pastTeamIds: string[] = [];
    for (const typed of splitList(v.pastTeams, /;/)) {
      const team = findTeam(typed);
      if (!team.ok) warn('pastTeams', `${team.reason}: left out of the past teams`);
      else if (!pastTeamIds.includes(team.id)) pastTeamIds.push(team.id);
    }
    const pastWorkerIds: string[] = [];
    for (const typed of splitList(v.pastWorkers, /[;,]/)) {
      const email = typed.toLowerCase();
      const worker = staffByEmail.get(email);
      if (worker === undefined) {
        const what = emailSchema.safeParse(email).success ? `no one with the e-mail ${email} is in the staff directory` : `"${typed}" is not an e-mail address`;
        warn('pastWorkers', `${what}: left out of the past workers`);
      } else if (!pastWorkerIds.includes(worker.id)) pastWorkerIds.push(worker.id);
    }

    if (issues.length === 0) {
      const checked = childCase.safeParse({
        id: heldIdByRef.get(refKey) ?? caseIdForRef(caseRef),
        caseRef,
        initials,
        dateOfBirth,
        expectedDateOfBirth,
        teamId,
        workerId,
        legalStatus,
        legalStatusHistory,
        livingSituation,
        disability,
        mostRecentReferral,
        pastTeamIds,
        pastWorkerIds,
        open: true,
      });
      if (checked.success) {
        preview.accepted.push({ line: row.line, childCase: checked.data });
        preview.warnings.push(...warnings);
        continue;
      }
      for (const zi of checked.error.issues) problem(fieldOfPath(zi.path), zi.message);
    }
    preview.rejected.push(...issues);
  }
  preview.rejected.sort((a, b) => a.line - b.line);

  if (existing.cases !== undefined) {
    const missing = existing.cases.filter((c) => !firstLineOfRef.has(c.caseRef.trim().toUpperCase())).length;
    if (missing > 0) {
      preview.notes.push(`${missing} ${missing === 1 ? 'case' : 'cases'} already held ${missing === 1 ? 'is' : 'are'} not in this file.`);
    }
  }
  return preview;
}

function splitList(cell: string, separator: RegExp): string[] {
  return cell
    .split(separator)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function fieldOfPath(path: readonly PropertyKey[]): CaseColumn {
  const key = path[0];
  if (key === 'teamId') return 'team';
  if (key === 'workerId') return 'worker';
  if (key === 'pastTeamIds') return 'pastTeams';
  if (key === 'pastWorkerIds') return 'pastWorkers';
  if (typeof key === 'string' && key in FIELD) return key as CaseColumn;
  return 'caseRef';
}
