import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { SpreadsheetError, xlsxToCsv } from './spreadsheetToCsv';

const limits = { maxRows: 1000, maxColumns: 20, maxChars: 100_000 };

async function book(fill: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('Sheet 1'));
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('xlsxToCsv', () => {
  it('writes each row on its own line, quoting commas and quotes, flattening line breaks', async () => {
    const bytes = await book((s) => {
      s.addRow(['Case reference', 'Note']);
      s.addRow(['R-1', 'Smith, "Jo"']);
      s.addRow(['R-2', 'two\nlines']);
      s.getCell('A5').value = 'R-5';
    });
    expect(await xlsxToCsv(bytes, limits)).toBe('Case reference,Note\r\nR-1,"Smith, ""Jo"""\r\nR-2,two lines\r\n\r\nR-5\r\n');
  });

  it('writes dates as dd/mm/yyyy, numbers as written and booleans as TRUE/FALSE', async () => {
    const bytes = await book((s) => {
      s.addRow([new Date(Date.UTC(2026, 11, 25)), 42, 3.5, true, false]);
      s.getCell('A1').numFmt = 'dd/mm/yyyy';
    });
    expect(await xlsxToCsv(bytes, limits)).toBe('25/12/2026,42,3.5,TRUE,FALSE\r\n');
  });

  it('stops reading past the row limit', async () => {
    const bytes = await book((s) => {
      for (let i = 0; i < 30; i++) s.addRow([`R-${i}`]);
    });
    await expect(xlsxToCsv(bytes, { ...limits, maxRows: 25 })).rejects.toThrow(/more than 25 rows/);
  });

  it('refuses an empty first worksheet and anything that is not a workbook', async () => {
    await expect(xlsxToCsv(await book(() => {}), limits)).rejects.toThrow(SpreadsheetError);
    await expect(xlsxToCsv(new TextEncoder().encode('a,b\r\n'), limits)).rejects.toThrow(/not an Excel workbook/);
  });
});
