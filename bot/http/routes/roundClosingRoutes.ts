import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServerDeps } from '../server';
import { parseInput } from '../validation';
import { AppError } from '../appError';
import { id } from '../../../shared/schemas/common';
import { closeRoundRequest, type CloseRoundPreview, type CloseRoundResponse } from '../../../shared/api/roundCloseContracts';
import type { StaffMember } from '../../../shared/schemas/staff';
import { RoundClosingService } from '../../rounds/roundClosing';

const roundParams = z.object({ id });

function signedIn(req: FastifyRequest): StaffMember {
  if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
  return req.staff;
}

/** Closing a round and purging the case register (QA leads and the PSW only). */
export function registerRoundClosingRoutes(app: FastifyInstance, deps: Pick<ServerDeps, 'store' | 'clock' | 'rounds'>): void {
  const closing = new RoundClosingService({ store: deps.store, clock: deps.clock });

  app.get('/api/rounds/:id/close', async (req): Promise<CloseRoundPreview> => {
    const user = signedIn(req);
    deps.rounds.assertCanRunRounds(user);
    const p = parseInput(roundParams, req.params, 'params');
    return closing.preview(user, p.id);
  });

  app.post('/api/rounds/:id/close', async (req): Promise<CloseRoundResponse> => {
    const user = signedIn(req);
    // Access first, so a refusal says nothing about the input.
    deps.rounds.assertCanRunRounds(user);
    const p = parseInput(roundParams, req.params, 'params');
    const body = parseInput(closeRoundRequest, req.body ?? {}, 'body');
    return closing.close(user, p.id, body.reason);
  });
}
