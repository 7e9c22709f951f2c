import { describe, expect, it } from 'vitest';
import { previewStaffImport, staffIdForEmail, type StaffImportExisting } from './staffImport';

const teams = [
  { id: 'team-blue', name: 'Blue Team' },
  { id: 'team-red', name: 'Red Team' },
];
const none: StaffImportExisting = { teams, staff: [] };
const heading = 'Name,Email,Job roles,Team,Line manager,Deputy';
const file = (...rows: string[]) => [heading, ...rows].join('\r\n') + '\r\n';
const fieldsOn = (p: { rejected: { line: number; field: string }[] }, line: number) =>
  p.rejected.filter((r) => r.line === line).map((r) => r.field);
const reasonsOn = (p: { rejected: { line: number; reason: string }[] }, line: number) =>
  p.rejected.filter((r) => r.line === line).map((r) => r.reason).join(' | ');

describe('previewStaffImport', () => {
  it('accepts a valid file, linking managers and deputies within it', () => {
    const p = previewStaffImport(
      '\uFEFF' +
        file(
          'Head One,HEAD.one@council.example,Service manager / Head of Service,,,',
          '"Manager, Team",tm@council.example,"Team manager; Social worker",Blue Team,head.one@council.example,dtm@council.example',
          'Deputy Manager,dtm@council.example,DTM,team-blue,tm@council.example,',
          'Worker One,w1@council.example,worker,blue team,tm@council.example,dtm@council.example',
        ),
      none,
    );
    expect(p.fileErrors).toEqual([]);
    expect(p.rejected).toEqual([]);
    expect(p.rowCount).toBe(4);
    expect(p.accepted.map((a) => a.line)).toEqual([2, 3, 4, 5]);
    const [head, tm, dtm, w1] = p.accepted.map((a) => a.staff);
    expect(head).toMatchObject({ email: 'head.one@council.example', jobRoles: ['headOfService'], teamId: null, lineManagerId: null });
    expect(tm).toMatchObject({
      displayName: 'Manager, Team',
      jobRoles: ['teamManager', 'worker'],
      teamId: 'team-blue',
      lineManagerId: head?.id,
      deputyId: dtm?.id,
      entraObjectId: null,
      away: false,
      active: true,
    });
    expect(w1).toMatchObject({ lineManagerId: tm?.id, deputyId: dtm?.id, jobRoles: ['worker'] });
    expect(tm?.id).toBe(staffIdForEmail('TM@council.example'));
    expect(tm?.id).toMatch(/^stf-[0-9a-f]{16}$/);
  });

  it('gives the same ids on a second import, and keeps the ids of people already in the directory', () => {
    const text = file('Worker One,w1@council.example,Social worker,Blue Team,,');
    expect(previewStaffImport(text, none).accepted[0]?.staff.id).toBe(previewStaffImport(text, none).accepted[0]?.staff.id);
    const known = previewStaffImport(text, { teams, staff: [{ id: 'sw-7', email: 'W1@council.example', lineManagerId: null }] });
    expect(known.accepted[0]?.staff.id).toBe('sw-7');
    expect(known.notes.join(' ')).not.toMatch(/not in this file/);
  });

  it('rejects missing values, bad e-mails, unknown roles and teams, each with line and field', () => {
    const p = previewStaffImport(
      file(
        ',a@council.example,Social worker,,,',
        'No Email,,Social worker,,,',
        'Bad Email,not-an-email,Social worker,,,',
        'No Role,b@council.example,,,,',
        'Odd Role,c@council.example,Social worker; Wizard,,,',
        'Lost,d@council.example,Social worker,Green Team,,',
      ),
      none,
    );
    expect(p.accepted).toEqual([]);
    expect(fieldsOn(p, 2)).toEqual(['name']);
    expect(fieldsOn(p, 3)).toEqual(['email']);
    expect(reasonsOn(p, 4)).toMatch(/"not-an-email" is not an e-mail address/);
    expect(fieldsOn(p, 5)).toEqual(['job roles']);
    expect(reasonsOn(p, 6)).toMatch(/"Wizard" is not a job role/);
    expect(fieldsOn(p, 7)).toEqual(['team']);
    expect(reasonsOn(p, 7)).toMatch(/no team called "Green Team"/);
  });

  it('lists every problem of a row', () => {
    const p = previewStaffImport(file(',x,Wizard,Green,,'), none);
    expect(fieldsOn(p, 2)).toEqual(['name', 'email', 'job roles', 'team']);
  });

  it('rejects the second row with an e-mail already used, naming the first line', () => {
    const p = previewStaffImport(
      file('One,dup@council.example,Social worker,,,', 'Other,x@council.example,Social worker,,,', 'Two,DUP@council.example,TM,,,'),
      none,
    );
    expect(p.accepted.map((a) => a.line)).toEqual([2, 3]);
    expect(p.rejected).toEqual([{ line: 4, field: 'email', reason: 'the same e-mail is already on line 2' }]);
  });

  it('rejects a line manager or deputy who cannot be found, or who is the person themself', () => {
    const p = previewStaffImport(
      file(
        'A,a@council.example,Social worker,,ghost@council.example,',
        'B,b@council.example,Social worker,,,ghost@council.example',
        'C,c@council.example,Team manager,,c@council.example,',
        'D,d@council.example,Social worker,,known@council.example,',
      ),
      { teams, staff: [{ id: 'stf-known', email: 'known@council.example', lineManagerId: null }] },
    );
    expect(p.rejected).toEqual([
      { line: 2, field: 'line manager', reason: expect.stringMatching(/ghost@council.example is in this file or in the staff directory/) },
      { line: 3, field: 'deputy', reason: expect.stringMatching(/ghost@council.example/) },
      { line: 4, field: 'line manager', reason: 'a person cannot be their own line manager' },
    ]);
    expect(p.accepted.map((a) => [a.line, a.staff.lineManagerId])).toEqual([[5, 'stf-known']]);
    expect(p.notes.join(' ')).toMatch(/1 person already in the staff directory is not in this file/);
  });

  it('rejects a row whose manager is new and whose manager row is rejected', () => {
    const p = previewStaffImport(
      file('Manager,m@council.example,Wizard,,,', 'Worker,w@council.example,Social worker,,m@council.example,'),
      none,
    );
    expect(p.accepted).toEqual([]);
    expect(p.rejected).toContainEqual({
      line: 3,
      field: 'line manager',
      reason: 'm@council.example is not in the staff directory and their row (line 2) is rejected',
    });
    // When the manager is already in the directory, the worker's row stands on its own.
    const known = previewStaffImport(
      file('Manager,m@council.example,Wizard,,,', 'Worker,w@council.example,Social worker,,m@council.example,'),
      { teams, staff: [{ id: 'stf-m', email: 'm@council.example', lineManagerId: null }] },
    );
    expect(known.accepted.map((a) => [a.line, a.staff.lineManagerId])).toEqual([[3, 'stf-m']]);
  });

  it('rejects line managers forming a loop within the file, naming the chain', () => {
    const p = previewStaffImport(
      file(
        'A,a@council.example,TM,,b@council.example,',
        'B,b@council.example,TM,,c@council.example,',
        'C,c@council.example,TM,,a@council.example,',
        'D,d@council.example,Social worker,,top@council.example,',
        'Top,top@council.example,Senior manager,,,',
      ),
      none,
    );
    expect(p.rejected.map((r) => [r.line, r.field])).toEqual([
      [2, 'line manager'],
      [3, 'line manager'],
      [4, 'line manager'],
    ]);
    expect(p.rejected[0]?.reason).toBe(
      'line managers form a loop: a@council.example (line 2) → b@council.example (line 3) → c@council.example (line 4) → a@council.example (line 2)',
    );
    expect(p.accepted.map((a) => a.line)).toEqual([5, 6]);
  });

  it('rejects a loop closed through someone already in the directory', () => {
    // The directory says boss reports to new; the file says new reports to boss.
    const p = previewStaffImport(file('New,new@council.example,TM,,boss@council.example,'), {
      teams,
      staff: [{ id: 'stf-boss', email: 'boss@council.example', lineManagerId: staffIdForEmail('new@council.example') }],
    });
    expect(p.accepted).toEqual([]);
    expect(p.rejected[0]).toMatchObject({ line: 2, field: 'line manager', reason: expect.stringMatching(/loop: .*boss@council.example → new/) });
  });

  it('rejects a loop that appears when a rejected row leaves its directory record in place', () => {
    // The directory: x reports to y. The file moves x under z (but x's row is rejected) and puts y under x.
    const p = previewStaffImport(
      file(
        'X,x@council.example,Wizard,,z@council.example,',
        'Y,y@council.example,Social worker,,x@council.example,',
        'Z,z@council.example,Senior manager,,,',
      ),
      {
        teams,
        staff: [
          { id: 'stf-x', email: 'x@council.example', lineManagerId: 'stf-y' },
          { id: 'stf-y', email: 'y@council.example', lineManagerId: null },
        ],
      },
    );
    expect(p.accepted.map((a) => a.line)).toEqual([4]);
    expect(p.rejected.map((r) => [r.line, r.field])).toEqual([
      [2, 'job roles'],
      [3, 'line manager'],
    ]);
    expect(p.rejected[1]?.reason).toMatch(/loop: y@council.example \(line 3\) → x@council.example → y@council.example/);
  });

  it('reports a row with more values than headings, and explains empty and heading-only files', () => {
    const p = previewStaffImport(file('A,a@council.example,Social worker,Blue Team,,,extra'), none);
    expect(p.rejected).toEqual([{ line: 2, field: 'row', reason: expect.stringMatching(/7 values/) }]);
    expect(previewStaffImport('', none).fileErrors[0]?.reason).toMatch(/empty/);
    expect(previewStaffImport(heading + '\n', none).fileErrors[0]?.reason).toMatch(/no rows below it/);
    expect(previewStaffImport('Name,Team\nA,Blue Team\n', none).fileErrors[0]?.reason).toMatch(/no column for the email, the job roles/);
  });

  it('reads header aliases and notes unknown columns', () => {
    const p = previewStaffImport('Display name,UPN,Roles,Team name,Reports to,Payroll no\nA,a@council.example,PSW,Red Team,,123\n', none);
    expect(p.fileErrors).toEqual([]);
    expect(p.accepted[0]?.staff).toMatchObject({ displayName: 'A', jobRoles: ['principalSocialWorker'], teamId: 'team-red' });
    expect(p.notes.join(' ')).toMatch(/"Payroll no"/);
  });
});
