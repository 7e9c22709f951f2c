import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseInput } from '../validation';
import { AppError } from '../appError';
import { buildDemoCouncil } from '../../demo/demoCouncil';
import { demoCaseRegisterCsv, demoStaffDirectoryCsv } from '../../demo/demoRegisterFiles';
import { londonDate } from '../../../shared/calendar/londonTime';
import { mayImportRegisters } from '../../../shared/access/importAccess';
import type { AppConfig } from '../../config/appConfig';

const demoFileParams = z.object({ file: z.enum(['staff-directory.csv', 'open-case-register.csv']) });

/**
 * Local mode with demo data: the demo council's directory and register as downloadable CSV, for
 * trying the imports. Built from the same seed as the demo data, for today.
 */
export function registerDemoFileRoutes(app: FastifyInstance, deps: { config: Pick<AppConfig, 'mode' | 'demoData' | 'demoSeed'>; clock: () => Date }): void {
  app.get('/api/demo/files/:file', async (req, reply) => {
    if (deps.config.mode !== 'local' || !deps.config.demoData) throw new AppError('notFound', 'Demo files exist only in local mode with demo data.');
    if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
    if (!mayImportRegisters(req.staff)) throw new AppError('forbidden', 'Imports are for quality assurance leads, principal social workers and administrators.');
    const { file } = parseInput(demoFileParams, req.params, 'params');
    const council = buildDemoCouncil({ seed: deps.config.demoSeed, today: londonDate(deps.clock()) });
    const text = file === 'staff-directory.csv' ? demoStaffDirectoryCsv(council) : demoCaseRegisterCsv(council);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="demo-${file}"`)
      .header('cache-control', 'no-store')
      .send(`\uFEFF${text}`);
  });
}
