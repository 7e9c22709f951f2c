/**
 * CSV as spreadsheets and case-management systems export it (RFC 4180): comma-separated,
 * fields optionally in double quotes, `""` for a quote inside a quoted field, and quoted
 * fields may hold commas and line breaks. UTF-8 with or without a byte-order mark; CRLF, LF
 * or a lone CR end a line, mixed freely. Every row carries the line of the file it starts on,
 * so a preview can point the lead at the right place in their spreadsheet.
 */

export interface CsvRow {
  /** 1-based line in the file where the row starts (a quoted value can run over several lines). */
  line: number;
  fields: string[];
  /** Set when the row is malformed but the rest of the file can still be read (text after a closing quote). */
  problem?: string;
}

export interface CsvParseResult {
  rows: CsvRow[];
  /** A quote that is never closed swallows the rest of the file: rows after it are not read. */
  error: { line: number; reason: string } | null;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BOM = 0xfeff;

/**
 * Splits CSV text into rows of raw (untrimmed) fields. Empty lines are skipped, including the
 * one after a final line break; their lines still count. Line breaks inside quoted fields come
 * back as `\n`. A stray quote inside an unquoted field is kept as text, as spreadsheets do.
 */
export function parseCsv(text: string): CsvParseResult {
  const rows: CsvRow[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === BOM ? 1 : 0;
  let line = 1;

  // Copies text[from, to) with its line breaks made `\n`, counting them as it goes.
  const take = (from: number, to: number): string => {
    let out = '';
    let start = from;
    for (let k = from; k < to; k++) {
      const c = text.charCodeAt(k);
      if (c === LF) {
        line++;
      } else if (c === CR) {
        out += text.slice(start, k) + '\n';
        if (k + 1 < to && text.charCodeAt(k + 1) === LF) k++;
        start = k + 1;
        line++;
      }
    }
    return out + text.slice(start, to);
  };

  while (i < n) {
    const rowLine = line;
    const fields: string[] = [];
    let problem: string | undefined;

    for (;;) {
      let value: string;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        i++;
        value = '';
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            return {
              rows,
              error: {
                line: openLine,
                reason: `a quoted value that starts on line ${openLine} is never closed, so nothing from line ${openLine} on can be read`,
              },
            };
          }
          value += take(i, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            value += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        const end = fieldEnd(text, i);
        if (end > i) {
          problem ??= 'text follows the closing quote of a quoted value: the row may be damaged';
          value += text.slice(i, end);
          i = end;
        }
      } else {
        const end = fieldEnd(text, i);
        value = text.slice(i, end);
        i = end;
      }
      fields.push(value);

      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        continue;
      }
      i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      break;
    }

    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) rows.push(problem === undefined ? { line: rowLine, fields } : { line: rowLine, fields, problem });
  }
  return { rows, error: null };
}

function fieldEnd(text: string, from: number): number {
  let j = from;
  const n = text.length;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c === COMMA || c === LF || c === CR) break;
    j++;
  }
  return j;
}

/**
 * How headings and labels are compared: case, spaces and punctuation do not count, so
 * "Case reference", "case_ref " and "CaseRef" all become `caseref`/`casereference`.
 */
export function looseKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** A column an import understands. */
export interface ColumnSpec<K extends string> {
  key: K;
  /** The column's name in messages (the `field` of a rejection). */
  label: string;
  /** Headings accepted for it besides the label, compared with {@link looseKey}. */
  aliases: readonly string[];
  required: boolean;
}

export interface CsvTableRow<K extends string> {
  line: number;
  /** Each known column's value, trimmed; `''` when blank or when the file has no such column. */
  values: Record<K, string>;
}

export interface CsvTable<K extends string> {
  /** Line of the heading row; null when the file has none. */
  headingLine: number | null;
  /** The known columns the file has. */
  present: ReadonlySet<K>;
  rows: CsvTableRow<K>[];
  /** Rows that cannot be read as a whole; they are not in `rows`. */
  rowProblems: { line: number; reason: string }[];
  /** Problems with the file itself (empty, no data, a required column missing, a quote never closed). */
  fileErrors: { line: number | null; reason: string }[];
  /** Things the lead should know that stop nothing: ignored columns, skipped blank rows. */
  notes: string[];
}

/**
 * Reads a CSV file whose first non-empty row names the columns. Headings are matched to
 * `columns` ignoring case, spaces and punctuation; unknown columns are ignored (and noted);
 * rows whose cells are all blank are skipped (and noted).
 */
export function readCsvTable<K extends string>(text: string, columns: readonly ColumnSpec<K>[]): CsvTable<K> {
  const parsed = parseCsv(text);
  const table: CsvTable<K> = {
    headingLine: null,
    present: new Set<K>(),
    rows: [],
    rowProblems: [],
    fileErrors: [],
    notes: [],
  };
  // Leading rows of empty cells (",,,") are not the heading.
  const start = parsed.rows.findIndex((r) => r.fields.some((f) => f.trim() !== ''));
  const heading = start === -1 ? undefined : parsed.rows[start];
  const data = start === -1 ? [] : parsed.rows.slice(start + 1);
  if (heading === undefined) {
    table.fileErrors.push(
      parsed.error ?? { line: null, reason: 'the file is empty: it needs a heading row and one row for each record' },
    );
    return table;
  }
  table.headingLine = heading.line;

  const byAlias = new Map<string, ColumnSpec<K>>();
  for (const col of columns) for (const name of [col.label, col.key, ...col.aliases]) byAlias.set(looseKey(name), col);

  const indexOf = new Map<K, number>();
  const ignored: string[] = [];
  heading.fields.forEach((raw, index) => {
    const name = raw.trim();
    if (name === '') return;
    const col = byAlias.get(looseKey(name));
    if (col === undefined) {
      ignored.push(`"${name}"`);
      return;
    }
    const earlier = indexOf.get(col.key);
    if (earlier !== undefined) {
      table.fileErrors.push({
        line: heading.line,
        reason: `columns ${earlier + 1} and ${index + 1} both give the ${col.label}: keep one`,
      });
      return;
    }
    indexOf.set(col.key, index);
  });
  table.present = new Set(indexOf.keys());

  const missing = columns.filter((c) => c.required && !indexOf.has(c.key));
  if (missing.length > 0) {
    const single = heading.fields.length === 1 ? (heading.fields[0] ?? '') : '';
    const hint = single.includes(';')
      ? ' The columns seem to be separated by semicolons: save the file as "CSV (comma delimited)".'
      : single.includes('\t')
        ? ' The columns seem to be separated by tabs: save the file as "CSV (comma delimited)".'
        : '';
    table.fileErrors.push({
      line: heading.line,
      reason: `the heading row has no column for ${missing.map((c) => `the ${c.label}`).join(', ')}.${hint}`,
    });
  }
  if (ignored.length > 0) table.notes.push(`Columns ignored (not used by this import): ${ignored.join(', ')}.`);

  const blankLines: number[] = [];
  const width = heading.fields.length;
  for (const row of data) {
    if (row.problem !== undefined) {
      table.rowProblems.push({ line: row.line, reason: row.problem });
      continue;
    }
    if (row.fields.every((f) => f.trim() === '')) {
      blankLines.push(row.line);
      continue;
    }
    if (row.fields.length > width && row.fields.slice(width).some((f) => f.trim() !== '')) {
      table.rowProblems.push({
        line: row.line,
        reason: `the row has ${row.fields.length} values but the heading row names ${width} columns: a value containing a comma must be in double quotes`,
      });
      continue;
    }
    const values = {} as Record<K, string>;
    for (const col of columns) {
      const index = indexOf.get(col.key);
      values[col.key] = index === undefined ? '' : (row.fields[index] ?? '').trim();
    }
    table.rows.push({ line: row.line, values });
  }
  if (blankLines.length > 0) {
    table.notes.push(`Blank rows skipped: ${blankLines.length} (line${blankLines.length === 1 ? '' : 's'} ${listLines(blankLines)}).`);
  }

  if (parsed.error !== null) table.fileErrors.push(parsed.error);
  else if (table.rows.length === 0 && table.rowProblems.length === 0) {
    table.fileErrors.push({ line: heading.line, reason: 'the file has a heading row but no rows below it: there is nothing to import' });
  }
  return table;
}

/** "3, 8, 12" — at most ten, then "and N more", so a note stays short. */
function listLines(lines: number[]): string {
  const shown = lines.slice(0, 10).join(', ');
  return lines.length > 10 ? `${shown} and ${lines.length - 10} more` : shown;
}

/** One CSV line (RFC 4180): a field holding a comma, quote or line break, or edge spaces, is quoted. */
export function csvLine(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) || f !== f.trim() ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
}
