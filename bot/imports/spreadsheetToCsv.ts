import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvLine } from '../../shared/imports/csv';

/**
 * Excel workbooks (.xlsx) for the register imports, turned into the CSV text the import checks
 * already read, so a workbook and its CSV export are checked by one code path and the preview's
 * line numbers are the workbook's row numbers.
 *
 * The workbook is read as a stream (exceljs' WorkbookReader) and reading stops as soon as a limit
 * is passed, so a small file that unzips to a huge sheet cannot exhaust memory. Only the first
 * worksheet is read. Dates come out as dd/mm/yyyy (Excel stores them as day numbers; exceljs turns
 * date-formatted cells into UTC dates), numbers as written, formulas as their last result. A
 * line break inside a cell becomes a space, so one row is always one line.
 */

export class SpreadsheetError extends Error {
  override readonly name = 'SpreadsheetError';
}

export interface SpreadsheetLimits {
  maxRows: number;
  maxColumns: number;
  /** Longest CSV text produced (the CSV import's own limit). */
  maxChars: number;
}

type CellValue = ExcelJS.CellValue;

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function ukDate(d: Date): string {
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : ukDate(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('error' in value) return '';
  if ('formula' in value || 'sharedFormula' in value) return 'result' in value ? cellText(value.result as CellValue) : '';
  if ('text' in value) return typeof value.text === 'string' ? value.text : cellText(value.text as CellValue);
  return '';
}

const oneLine = (text: string): string => text.replace(/\r\n|\r|\n/g, ' ');

/** The first worksheet of an .xlsx workbook as CSV text (CRLF line ends, row N on line N). */
export async function xlsxToCsv(bytes: Uint8Array, limits: SpreadsheetLimits): Promise<string> {
  // An .xlsx file is a zip archive: it starts "PK\x03\x04".
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    throw new SpreadsheetError('is not an Excel workbook (.xlsx); save it as .xlsx or export it as CSV');
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const lines: string[] = [];
  let chars = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (row.number > limits.maxRows) throw new SpreadsheetError(`has more than ${limits.maxRows.toLocaleString('en-GB')} rows`);
        const values = Array.isArray(row.values) ? (row.values as CellValue[]) : [];
        if (values.length - 1 > limits.maxColumns) throw new SpreadsheetError(`row ${row.number} has more than ${limits.maxColumns} columns`);
        // Rows the reader skips (empty ones) stay as empty lines so line numbers stay row numbers.
        while (lines.length < row.number - 1) lines.push('');
        const line = csvLine(values.slice(1).map((v) => oneLine(cellText(v))));
        chars += line.length + 2;
        if (chars > limits.maxChars) throw new SpreadsheetError('holds more text than the 5 MB an import accepts');
        lines.push(line);
      }
      break; // the first worksheet only
    }
  } catch (e) {
    if (e instanceof SpreadsheetError) throw e;
    throw new SpreadsheetError('could not be read as an Excel workbook; open it in Excel, save it as .xlsx and try again');
  }
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new SpreadsheetError('has no rows in its first worksheet');
  return `${lines.join('\r\n')}\r\n`;
}
