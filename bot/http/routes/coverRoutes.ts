import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { id } from '../../../shared/schemas/common';
import { setCoverRequest, type CoverOptionsResponse, type CoverView, type SetCoverResponse } from '../../../shared/api/coverContracts';
import type { StaffMember } from '../../../shared/schemas/staff';
import { CoverService } from '../../cover/coverService';
import type { ServerDeps } from '../server';
import { AppError } from '../appError';
import { tabLink } from '../../teams/tabLinks';
import { parseInput } from '../validation';

const staffParams = z.object({ id });

function signedIn(req: FastifyRequest): StaffMember {
  if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
  return req.staff;
}

/** Away and cover: read, the deputies to choose from, and the conditional change. */
export function registerCoverRoutes(app: FastifyInstance, deps: Pick<ServerDeps, 'store' | 'logger' | 'config'>): void {
  // The deputy's card opens the tab's home.
  const service = new CoverService({ store: deps.store, logger: deps.logger, appUrl: tabLink(deps.config, '/') });

  app.get('/api/staff/:id/cover', async (req): Promise<CoverView> => service.view(signedIn(req), parseInput(staffParams, req.params, 'params').id));

  app.get('/api/staff/:id/cover/options', async (req): Promise<CoverOptionsResponse> => service.options(signedIn(req), parseInput(staffParams, req.params, 'params').id));

  app.put('/api/staff/:id/cover', async (req): Promise<SetCoverResponse> => {
    const user = signedIn(req);
    const p = parseInput(staffParams, req.params, 'params');
    // The body is read once the person is known to be allowed: a refusal never depends on what was sent.
    return service.set(user, p.id, () => parseInput(setCoverRequest, req.body, 'body'));
  });
}
