import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseInput } from '../validation';
import { AppError } from '../appError';
import { directorySyncRequest, type DirectorySyncStatus } from '../../../shared/api/directoryContracts';
import { mayImportRegisters } from '../../../shared/access/importAccess';
import type { StaffMember } from '../../../shared/schemas/staff';
import type { DirectorySyncRuns } from '../../directory/directorySyncRuns';

/** Those who may import the staff directory may also see and start the Entra sync that replaces it. */
function directoryKeeper(req: FastifyRequest): StaffMember {
  if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
  if (!mayImportRegisters(req.staff)) throw new AppError('forbidden', 'The staff directory is for quality assurance leads, principal social workers and administrators.');
  return req.staff;
}

const status = (runs: DirectorySyncRuns | null): DirectorySyncStatus => ({ configured: runs !== null, running: runs?.running ?? false, lastRun: runs?.lastRun ?? null });

export function registerDirectoryRoutes(app: FastifyInstance, deps: { directorySync: DirectorySyncRuns | null }): void {
  app.get('/api/directory/sync', async (req): Promise<DirectorySyncStatus> => {
    directoryKeeper(req);
    return status(deps.directorySync);
  });

  /**
   * Starts a run and answers 202 at once: a first run over a large council writes a record per person
   * and would outlast the front end's request timeout (App Service: 230 s). The page asks GET for the outcome.
   */
  app.post('/api/directory/sync', async (req, reply): Promise<DirectorySyncStatus> => {
    const user = directoryKeeper(req);
    const body = parseInput(directorySyncRequest, req.body ?? {}, 'body');
    const runs = deps.directorySync;
    if (!runs) throw new AppError('conflict', 'Staff come from the staff import here: no Entra groups are set up (ENTRA_DIRECTORY_GROUPS).');
    // Marking many people as having left is the administrator's call: it can stop a service's alerts reaching its managers.
    if (body.confirmLeavers !== undefined && !user.jobRoles.includes('administrator'))
      throw new AppError('forbidden', 'Only an administrator can confirm marking many people as having left.');
    req.log.info({ staffId: user.id, confirmLeavers: body.confirmLeavers ?? null }, 'directory: sync asked for');
    void runs.run('administrator', body.confirmLeavers);
    reply.code(202);
    return status(runs);
  });
}
