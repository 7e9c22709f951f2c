import { describe, expect, it } from 'vitest';
import { childCase } from '../schemas/cases';
import { caseIdForRef, previewCaseImport, type CaseImportExisting, type CaseImportPreview } from './caseRegisterImport';

const existing: CaseImportExisting = {
  teams: [
    { id: 'team-blue', name: 'Blue Team' },
    { id: 'team-red', name: 'Red Team' },
  ],
  staff: [
    { id: 'stf-ann', email: 'ann@council.example', displayName: 'Ann Worker', teamId: 'team-blue' },
    { id: 'stf-bob', email: 'bob@council.example', displayName: 'Bob Worker', teamId: 'team-red' },
  ],
  today: '2026-11-23',
};

const heading =
  'Case reference,Initials,Date of birth,Expected date of birth,Team,Allocated worker,Legal status,Legal status history,Living situation,Disability,Most recent referral,Past teams,Past workers';
const file = (...rows: string[]) => [heading, ...rows].join('\n') + '\n';
const good = 'CR-1,AB,14/03/2019,,Blue Team,ann@council.example,Child in need,CIN 05/01/2026-,,no,02/01/2026,,';
const fieldsOn = (p: CaseImportPreview, line: number) => p.rejected.filter((r) => r.line === line).map((r) => r.field);
const reasonsOn = (p: CaseImportPreview, line: number) => p.rejected.filter((r) => r.line === line).map((r) => r.reason).join(' | ');

describe('previewCaseImport', () => {
  it('accepts a valid small file in full, with BOM and CRLF, checked against the childCase schema', () => {
    const text =
      '\uFEFF' +
      [
        heading,
        good,
        '"CR-2",c.d.,,01/03/2027,team-red,,CP,"CIN 01/02/2026-15/06/2026; CP 16/06/2026-",,yes,,,',
        'CR/3,EF,2009-05-10,,Red Team,bob@council.example,LAC,"Child in need 01/02/2024-15/06/2024\nCP 15/06/2024-01/09/2024\nLAC 01/09/2024-",Supported living,N,10/09/2024,Blue Team;Red Team,ann@council.example; bob@council.example',
      ].join('\r\n') +
      '\r\n';
    const p = previewCaseImport(text, existing);
    expect(p.fileErrors).toEqual([]);
    expect(p.rejected).toEqual([]);
    expect(p.warnings).toEqual([]);
    expect(p.rowCount).toBe(3);
    expect(p.accepted.map((a) => a.line)).toEqual([2, 3, 4]);
    for (const a of p.accepted) expect(childCase.safeParse(a.childCase).success).toBe(true);
    const [one, unborn, older] = p.accepted.map((a) => a.childCase);
    expect(one).toEqual({
      id: caseIdForRef('CR-1'),
      caseRef: 'CR-1',
      initials: 'AB',
      dateOfBirth: '2019-03-14',
      expectedDateOfBirth: null,
      teamId: 'team-blue',
      workerId: 'stf-ann',
      legalStatus: 'childInNeed',
      legalStatusHistory: [{ status: 'childInNeed', from: '2026-01-05', to: null }],
      livingSituation: null,
      disability: false,
      mostRecentReferral: '2026-01-02',
      pastTeamIds: [],
      pastWorkerIds: [],
      open: true,
    });
    expect(unborn).toMatchObject({ initials: 'CD', dateOfBirth: null, expectedDateOfBirth: '2027-03-01', workerId: null, disability: true });
    expect(older).toMatchObject({
      caseRef: 'CR/3',
      legalStatus: 'childInCare',
      livingSituation: 'supportedLiving',
      pastTeamIds: ['team-blue', 'team-red'],
      pastWorkerIds: ['stf-ann', 'stf-bob'],
    });
    expect(older?.legalStatusHistory).toHaveLength(3);
    expect(one?.id).toMatch(/^case-[0-9a-f]{16}$/);
  });

  it('derives the same id from the same reference, and keeps the id of a case already held', () => {
    expect(caseIdForRef('cr-1')).toBe(caseIdForRef(' CR-1 '));
    expect(caseIdForRef('CR-1')).not.toBe(caseIdForRef('CR-2'));
    const p = previewCaseImport(file(good), { ...existing, cases: [{ id: 'case-old', caseRef: 'cr-1' }, { id: 'case-x', caseRef: 'CR-9' }] });
    expect(p.accepted[0]?.childCase.id).toBe('case-old');
    expect(p.notes.join(' ')).toMatch(/1 case already held is not in this file/);
  });

  it('rejects each kind of bad row with its line and field', () => {
    const rows = [
      ',AB,14/03/2019,,Blue Team,,CIN,,,no,,,', // 2 missing case reference
      'CR-3,,14/03/2019,,Blue Team,,CIN,,,no,,,', // 3 missing initials
      'CR-4,AB,31/02/2026,,Blue Team,,CIN,,,no,,,', // 4 impossible date
      'CR-5,AB,01/12/2026,,Blue Team,,CIN,,,no,,,', // 5 born after today
      'CR-6,AB,14/03/2019,01/03/2027,Blue Team,,CIN,,,no,,,', // 6 both dates
      'CR-7,AB,,,Blue Team,,CIN,,,no,,,', // 7 neither date
      'CR-8,AB,14/03/2019,,Green Team,,CIN,,,no,,,', // 8 unknown team
      'CR-9,AB,14/03/2019,,Blue Team,nobody@council.example,CIN,,,no,,,', // 9 unknown worker
      'CR-10,AB,14/03/2019,,Blue Team,,Fostered,,,no,,,', // 10 unknown legal status
      'CR-11,AB,14/03/2019,,Blue Team,,CP,"CIN 01/02/2024-15/06/2024; CP 01/06/2024-",,no,,,', // 11 overlapping history
      'CR-12,AB,14/03/2019,,Blue Team,,CIN,"CIN 01/02/2024-15/06/2024; CP 16/06/2024-",,no,,,', // 12 open period is not the status
      'cr-3,AB,14/03/2019,,Blue Team,,CIN,,,no,,,', // 13 duplicate reference (of line 3)
      'CR-14,AB,14/03/2019,,Blue Team,,CIN,,Boarding school,no,,,', // 14 unknown living situation
      'CR-15,AB,14/03/2019,,Blue Team,,CIN,,,maybe,,,', // 15 disability not yes/no
      'CR-16,AB,14/03/2019,,Blue Team,,CIN,,,no,01/02/27,,', // 16 two-digit year
      'CR-17,AB,14/03/2019,,Blue Team,,CIN,,,no,30/11/2026,,', // 17 referral after today
      'CR 18,AB,14/03/2019,,Blue Team,,CIN,,,no,,,', // 18 reference with a space
      'CR-19,Alexander,14/03/2019,,Blue Team,,CIN,,,no,,,', // 19 a name, not initials
      'CR-20,AB,14/03/2019,,Blue Team,,,,,,,,', // 20 missing status and disability
      'CR-21,AB,12/31/2019,,Blue Team,,CIN,,,no,,,', // 21 American order
      'CR-22,AB,14/03/2019,,Blue Team,Ann Worker,CIN,,,no,,,', // 22 a name, not an e-mail
    ];
    const p = previewCaseImport(file(...rows), existing);
    expect(p.fileErrors).toEqual([]);
    expect(p.accepted).toEqual([]);
    const expected: [number, string[], RegExp][] = [
      [2, ['case reference'], /missing/],
      [3, ['initials'], /missing/],
      [4, ['date of birth'], /31\/02\/2026" is not a real date/],
      [5, ['date of birth'], /01\/12\/2026 is after today/],
      [6, ['date of birth'], /not both/],
      [7, ['date of birth'], /missing/],
      [8, ['team'], /no team called "Green Team"/],
      [9, ['allocated worker'], /nobody@council.example is in the staff directory/],
      [10, ['legal status'], /"Fostered" is not a legal status/],
      [11, ['legal status history'], /overlap/],
      [12, ['legal status history'], /current period is Child protection/],
      [13, ['case reference'], /already on line 3/],
      [14, ['living situation'], /"Boarding school" is not a living situation/],
      [15, ['disability'], /"maybe" is not yes or no/],
      [16, ['most recent referral'], /two-digit year/],
      [17, ['most recent referral'], /after today/],
      [18, ['case reference'], /letters, digits/],
      [19, ['initials'], /initials only/],
      [20, ['legal status', 'disability'], /missing/],
      [21, ['date of birth'], /no month 31/],
      [22, ['allocated worker'], /"Ann Worker" is not an e-mail address/],
    ];
    for (const [line, fields, reason] of expected) {
      expect(fieldsOn(p, line), `line ${line}`).toEqual(fields);
      expect(reasonsOn(p, line), `line ${line}`).toMatch(reason);
    }
    expect(p.rejected).toHaveLength(22);
    // The reason for bad initials never repeats what was typed: it may be a child's name.
    expect(reasonsOn(p, 19)).not.toMatch(/Alexander/i);
  });

  it('warns, without rejecting, about a worker outside the case team, a passed expected date, a missing 16+ living situation and unknown past teams or workers', () => {
    const p = previewCaseImport(
      file(
        'CR-1,AB,14/03/2019,,Blue Team,bob@council.example,CIN,,,no,,,',
        'CR-2,CD,,01/11/2026,Blue Team,,CIN,,,no,,,',
        'CR-3,EF,01/01/2010,,Blue Team,,CIN,,,no,,,',
        'CR-4,GH,14/03/2019,,Blue Team,,CIN,CIN 01/01/2025-01/02/2025,,no,,Old Team;Red Team,gone@council.example;bob@council.example',
      ),
      existing,
    );
    expect(p.rejected).toEqual([]);
    expect(p.accepted).toHaveLength(4);
    expect(p.warnings.map((w) => [w.line, w.field])).toEqual([
      [2, 'allocated worker'],
      [3, 'expected date of birth'],
      [4, 'living situation'],
      [5, 'legal status history'],
      [5, 'past teams'],
      [5, 'past workers'],
    ]);
    expect(p.warnings[0]?.reason).toMatch(/Bob Worker \(bob@council.example\) is in team Red Team .* not Blue Team/);
    expect(p.accepted[3]?.childCase).toMatchObject({ pastTeamIds: ['team-red'], pastWorkerIds: ['stf-bob'] });
  });

  it('reads header aliases and notes unknown columns', () => {
    const p = previewCaseImport(
      'CaseRef,Child initials,DOB,Team id,Worker email,Status,Disabled,Child surname\nCR-1,ab,1/2/2020,team-blue,ANN@council.example,EH,Y,Hidden\n',
      existing,
    );
    expect(p.fileErrors).toEqual([]);
    expect(p.accepted[0]?.childCase).toMatchObject({
      initials: 'AB',
      dateOfBirth: '2020-02-01',
      teamId: 'team-blue',
      workerId: 'stf-ann',
      legalStatus: 'earlyHelp',
      disability: true,
      legalStatusHistory: [],
      mostRecentReferral: null,
    });
    expect(p.notes.join(' ')).toMatch(/Columns ignored.*"Child surname"/);
  });

  it('explains an empty file, a heading-only file and a file without any date-of-birth column', () => {
    expect(previewCaseImport('', existing)).toMatchObject({ fileErrors: [{ line: null }], accepted: [], rowCount: 0 });
    const headingOnly = previewCaseImport(heading + '\r\n', existing);
    expect(headingOnly.fileErrors).toEqual([{ line: 1, reason: expect.stringMatching(/no rows below it/) }]);
    const noDob = previewCaseImport('Case ref,Initials,Team,Legal status,Disability\nCR-1,AB,Blue Team,CIN,no\n', existing);
    expect(noDob.fileErrors.map((e) => e.reason).join()).toMatch(/no column for the date of birth/);
  });

  it('reads a file with quoted commas and line breaks, rejecting the right lines after them', () => {
    const p = previewCaseImport(
      file(
        'CR-1,AB,14/03/2019,,"Blue Team",ann@council.example,"Child in need","CIN 05/01/2026-",,no,,"Red Team; Blue Team",',
        'CR-2,AB,31/02/2019,,Blue Team,,CIN,"CIN 01/01/2025-01/02/2025;\nCIN 05/01/2026-",,no,,,',
        'CR-3,AB,31/02/2019,,Blue Team,,CIN,,,no,,,',
      ),
      existing,
    );
    expect(p.accepted.map((a) => a.line)).toEqual([2]);
    expect(p.rejected.map((r) => [r.line, r.field])).toEqual([
      [3, 'date of birth'],
      [5, 'date of birth'],
    ]);
  });

  // Speed is measured in test/bench, not asserted here: this checks a large register is read whole.
  it('previews a 5,000-row register in full', () => {
    const rows = Array.from({ length: 5000 }, (_, k) => {
      const n = k + 1;
      const day = String((k % 28) + 1).padStart(2, '0');
      const team = k % 2 === 0 ? 'Blue Team' : 'Red Team';
      const worker = k % 2 === 0 ? 'ann@council.example' : 'bob@council.example';
      return `CR-${n},AB,${day}/0${(k % 9) + 1}/2015,,${team},${worker},Child in need,"CIN 01/02/2024-15/06/2024; CP 16/06/2024-01/09/2025; CIN 01/09/2025-",Living with family,no,${day}/01/2026,Red Team,ann@council.example`;
    });
    const text = file(...rows);
    const p = previewCaseImport(text, existing);
    expect(p.rowCount).toBe(5000);
    expect(p.accepted).toHaveLength(5000);
    expect(p.rejected).toEqual([]);
    expect(new Set(p.accepted.map((a) => a.childCase.id)).size).toBe(5000);
  });
});
