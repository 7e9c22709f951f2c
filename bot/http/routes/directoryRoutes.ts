import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseInput } from '../validation';
import { AppError } from '../appError';
import { directorySyncRequest, type DirectorySyncRunDto, type DirectorySyncStatus } from '../../../shared/api/directoryContracts';
import { mayImportRegisters } from '../../../shared/access/importAccess';
import type { StaffMember } from '../../../shared/schemas/staff';
import type { DirectorySyncRuns } from '../../directory/directorySyncRuns';

/** Those who may import the staff directory may also see and start the Entra sync that replaces it. */
function directoryKeeper(req: FastifyRequest): StaffMember {
  if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
  if (!mayImportRegisters(req.staff)) throw new AppError('forbidden', 'The staff directory is for quality assurance leads, principal social workers and administrators.');
  return req.staff;
}

export function registerDirectoryRoutes(app: FastifyInstance, deps: { directorySync: DirectorySyncRuns | null }): void {
  app.get('/api/directory/sync', async (req): Promise<DirectorySyncStatus> => {
    directoryKeeper(req);
    return { configured: deps.directorySync !== null, lastRun: deps.directorySync?.lastRun ?? null };
  });

  app.post('/api/directory/sync', async (req): Promise<DirectorySyncRunDto> => {
    const user = directoryKeeper(req);
    const body = parseInput(directorySyncRequest, req.body ?? {}, 'body');
    if (!deps.directorySync) throw new AppError('conflict', 'Staff come from the staff import here: no Entra groups are set up (ENTRA_DIRECTORY_GROUPS).');
    // Marking many people as having left is the administrator's call: it can stop a service's alerts reaching its managers.
    if (body.allowManyLeavers && !user.jobRoles.includes('administrator'))
      throw new AppError('forbidden', 'Only an administrator can confirm marking many people as having left.');
    const run = await deps.directorySync.run('administrator', body.allowManyLeavers);
    req.log.info({ staffId: user.id, outcome: run.outcome, allowManyLeavers: body.allowManyLeavers }, 'directory: sync run on request');
    return run;
  });
}
