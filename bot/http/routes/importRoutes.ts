import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ImportService } from '../../imports/importService';
import { SpreadsheetError, xlsxToCsv } from '../../imports/spreadsheetToCsv';
import { parseInput } from '../validation';
import { AppError, invalidFields } from '../appError';
import { IMPORT_CSV_MAX_CHARS, IMPORT_XLSX_MAX_BYTES, importCommitRequest, importPreviewRequest, type ImportFileBody } from '../../../shared/api/contracts';
import type { StaffMember } from '../../../shared/schemas/staff';

/**
 * A 5 MB file may grow in JSON: quotes and line ends are escaped, and a character outside ASCII
 * takes up to 3 bytes. The zod schema enforces the 5 MB of text; this only lets such a body in.
 */
const IMPORT_BODY_LIMIT = Math.max(IMPORT_CSV_MAX_CHARS * 3, IMPORT_XLSX_MAX_BYTES * 2) + 64 * 1024;

/** A register of a large council is a few thousand rows; far beyond that is a wrong file. */
const SPREADSHEET_LIMITS = { maxRows: 50_000, maxColumns: 100, maxChars: IMPORT_CSV_MAX_CHARS };

function signedIn(req: FastifyRequest): StaffMember {
  if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
  return req.staff;
}

/** The file as CSV text: a workbook is read into the same text its CSV export would hold. */
async function fileText(body: ImportFileBody): Promise<string> {
  if (body.csv !== undefined) return body.csv;
  try {
    return await xlsxToCsv(Buffer.from(body.xlsx ?? '', 'base64'), SPREADSHEET_LIMITS);
  } catch (e) {
    if (e instanceof SpreadsheetError) throw invalidFields([{ field: 'body.xlsx', message: e.message }]);
    throw e;
  }
}

export function registerImportRoutes(app: FastifyInstance, deps: { imports: ImportService }): void {
  const opts = { bodyLimit: IMPORT_BODY_LIMIT };
  /** Who may import is checked before the body is read, so a refusal says nothing about the file. */
  const importer = (req: FastifyRequest): StaffMember => {
    const user = signedIn(req);
    deps.imports.assertCanImport(user);
    return user;
  };

  app.post('/api/imports/staff/preview', opts, async (req) => {
    const user = importer(req);
    const body = parseInput(importPreviewRequest, req.body, 'body');
    return deps.imports.previewStaff(user, await fileText(body));
  });

  app.post('/api/imports/staff/commit', opts, async (req) => {
    const user = importer(req);
    const body = parseInput(importCommitRequest, req.body, 'body');
    return deps.imports.commitStaff(user, await fileText(body), body.acceptedCount);
  });

  app.post('/api/imports/cases/preview', opts, async (req) => {
    const user = importer(req);
    const body = parseInput(importPreviewRequest, req.body, 'body');
    return deps.imports.previewCases(user, await fileText(body));
  });

  app.post('/api/imports/cases/commit', opts, async (req) => {
    const user = importer(req);
    const body = parseInput(importCommitRequest, req.body, 'body');
    return deps.imports.commitCases(user, await fileText(body), body.acceptedCount);
  });
}
