import { describe, expect, it } from 'vitest';
import { looseKey, parseCsv, readCsvTable, type ColumnSpec } from './csv';

describe('parseCsv', () => {
  it('reads a file with a byte-order mark and CRLF line ends', () => {
    const r = parseCsv('\uFEFFa,b\r\n1,2\r\n3,4\r\n');
    expect(r.error).toBeNull();
    expect(r.rows).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
  });

  it('accepts LF, CRLF and lone CR mixed in one file', () => {
    const r = parseCsv('a,b\n1,2\r\n3,4\r5,6');
    expect(r.rows.map((row) => [row.line, ...row.fields])).toEqual([
      [1, 'a', 'b'],
      [2, '1', '2'],
      [3, '3', '4'],
      [4, '5', '6'],
    ]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields, and numbers rows by their first line', () => {
    const r = parseCsv('name,note\r\n"Smith, J","said ""no""\r\nthen left"\r\nnext,"a\nb\nc"\nlast,x\n');
    expect(r.error).toBeNull();
    expect(r.rows).toEqual([
      { line: 1, fields: ['name', 'note'] },
      { line: 2, fields: ['Smith, J', 'said "no"\nthen left'] },
      { line: 4, fields: ['next', 'a\nb\nc'] },
      { line: 7, fields: ['last', 'x'] },
    ]);
  });

  it('keeps empty fields, including a trailing one, and skips empty lines while still counting them', () => {
    const r = parseCsv('a,,c,\n\n\n,,\nz\n\n');
    expect(r.rows).toEqual([
      { line: 1, fields: ['a', '', 'c', ''] },
      { line: 4, fields: ['', '', ''] },
      { line: 5, fields: ['z'] },
    ]);
  });

  it('names the line where a quote is never closed', () => {
    const r = parseCsv('a,b\n1,2\n3,"open\n4,5\n6,7\n');
    expect(r.error?.line).toBe(3);
    expect(r.error?.reason).toMatch(/line 3 is never closed/);
    expect(r.rows.map((row) => row.line)).toEqual([1, 2]);
  });

  it('flags text after a closing quote without losing the rest of the file', () => {
    const r = parseCsv('a,b\n"x"y,2\n3,4\n');
    expect(r.error).toBeNull();
    expect(r.rows[1]).toMatchObject({ line: 2, fields: ['xy', '2'], problem: expect.stringMatching(/closing quote/) });
    expect(r.rows[2]).toEqual({ line: 3, fields: ['3', '4'] });
  });

  it('keeps a stray quote inside an unquoted field as text', () => {
    expect(parseCsv('5\'11",x').rows[0]?.fields).toEqual(['5\'11"', 'x']);
  });
});

type Col = 'ref' | 'team' | 'note';
const columns: ColumnSpec<Col>[] = [
  { key: 'ref', label: 'case reference', aliases: ['Case ref', 'case_ref', 'CaseRef'], required: true },
  { key: 'team', label: 'team', aliases: ['Team name'], required: true },
  { key: 'note', label: 'note', aliases: [], required: false },
];

describe('readCsvTable', () => {
  it('matches headings ignoring case, spaces and punctuation, through aliases', () => {
    expect(looseKey(' Case_Ref ')).toBe('caseref');
    for (const heading of ['Case reference', 'case_ref', 'CaseRef', ' CASE REF ']) {
      const t = readCsvTable(`${heading},Team name\nR1,Blue\n`, columns);
      expect(t.fileErrors).toEqual([]);
      expect(t.rows).toEqual([{ line: 2, values: { ref: 'R1', team: 'Blue', note: '' } }]);
    }
  });

  it('ignores unknown columns with a note, not an error', () => {
    const t = readCsvTable('Case ref,Surname,Team,Ward\nR1,Secret,Blue,7\n', columns);
    expect(t.fileErrors).toEqual([]);
    expect(t.notes.join(' ')).toMatch(/Columns ignored.*"Surname", "Ward"/);
    expect(t.rows[0]?.values).toEqual({ ref: 'R1', team: 'Blue', note: '' });
  });

  it('explains an empty file, a blank one and a heading-only one', () => {
    expect(readCsvTable('', columns).fileErrors).toEqual([{ line: null, reason: expect.stringMatching(/file is empty/) }]);
    expect(readCsvTable('\uFEFF\r\n ,\r\n', columns).fileErrors[0]?.reason).toMatch(/file is empty/);
    const headingOnly = readCsvTable('Case ref,Team\r\n', columns);
    expect(headingOnly.fileErrors).toEqual([{ line: 1, reason: expect.stringMatching(/heading row but no rows/) }]);
    expect(headingOnly.rows).toEqual([]);
  });

  it('names required columns that are missing, and spots semicolon-separated files', () => {
    expect(readCsvTable('Case ref,Note\nR1,x\n', columns).fileErrors[0]?.reason).toMatch(/no column for the team/);
    expect(readCsvTable('Case ref;Team\nR1;Blue\n', columns).fileErrors[0]?.reason).toMatch(/separated by semicolons/);
  });

  it('refuses two columns for the same thing', () => {
    const t = readCsvTable('Case ref,CaseRef,Team\nR1,R2,Blue\n', columns);
    expect(t.fileErrors[0]?.reason).toMatch(/columns 1 and 2 both give the case reference/);
  });

  it('trims values, treats missing trailing cells as blank, and rejects rows with extra values', () => {
    const t = readCsvTable('Case ref,Team,Note\n R1 , Blue \nR2,Red,a,b\nR3,Green,,,\n', columns);
    expect(t.rows).toEqual([
      { line: 2, values: { ref: 'R1', team: 'Blue', note: '' } },
      { line: 4, values: { ref: 'R3', team: 'Green', note: '' } },
    ]);
    expect(t.rowProblems).toEqual([{ line: 3, reason: expect.stringMatching(/4 values but the heading row names 3/) }]);
  });

  it('skips blank rows with a note', () => {
    const t = readCsvTable('Case ref,Team\nR1,Blue\n,\n , \nR2,Red\n', columns);
    expect(t.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(t.notes.join(' ')).toMatch(/Blank rows skipped: 2 \(lines 3, 4\)/);
  });

  it('reports an unterminated quote as a file error, keeping the rows before it', () => {
    const t = readCsvTable('Case ref,Team\nR1,Blue\nR2,"Red\nR3,Green\n', columns);
    expect(t.fileErrors).toEqual([{ line: 3, reason: expect.stringMatching(/never closed/) }]);
    expect(t.rows.map((r) => r.values.ref)).toEqual(['R1']);
  });
});
