import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ImportService } from '../../imports/importService';
import { parseInput } from '../validation';
import { AppError } from '../appError';
import { IMPORT_CSV_MAX_CHARS, importCommitRequest, importPreviewRequest } from '../../../shared/api/contracts';
import type { StaffMember } from '../../../shared/schemas/staff';

/**
 * A 5 MB file may grow in JSON: quotes and line ends are escaped, and a character outside ASCII
 * takes up to 3 bytes. The zod schema enforces the 5 MB of text; this only lets such a body in.
 */
const IMPORT_BODY_LIMIT = IMPORT_CSV_MAX_CHARS * 3 + 64 * 1024;

function signedIn(req: FastifyRequest): StaffMember {
  if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
  return req.staff;
}

export function registerImportRoutes(app: FastifyInstance, deps: { imports: ImportService }): void {
  const opts = { bodyLimit: IMPORT_BODY_LIMIT };

  app.post('/api/imports/staff/preview', opts, async (req) => {
    const body = parseInput(importPreviewRequest, req.body, 'body');
    return deps.imports.previewStaff(signedIn(req), body.csv);
  });

  app.post('/api/imports/staff/commit', opts, async (req) => {
    const body = parseInput(importCommitRequest, req.body, 'body');
    return deps.imports.commitStaff(signedIn(req), body.csv, body.acceptedCount);
  });

  app.post('/api/imports/cases/preview', opts, async (req) => {
    const body = parseInput(importPreviewRequest, req.body, 'body');
    return deps.imports.previewCases(signedIn(req), body.csv);
  });

  app.post('/api/imports/cases/commit', opts, async (req) => {
    const body = parseInput(importCommitRequest, req.body, 'body');
    return deps.imports.commitCases(signedIn(req), body.csv, body.acceptedCount);
  });
}
