import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServerDeps } from '../server';
import { parseInput } from '../validation';
import { AppError } from '../appError';
import { id } from '../../../shared/schemas/common';
import { createRoundRequest, publishRequest, removeRequest, swapRequest } from '../../../shared/api/contracts';
import type { StaffMember } from '../../../shared/schemas/staff';
import { retryRoundDelivery } from '../../delivery/roundRetry';
import { swapCandidatesQuery } from '../../../shared/api/swapCandidateContracts';

const roundParams = z.object({ id });

function signedIn(req: FastifyRequest): StaffMember {
  if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
  return req.staff;
}

export function registerRoundRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.post('/api/rounds', async (req) => {
    const user = signedIn(req);
    deps.rounds.assertCanRunRounds(user);
    const body = parseInput(createRoundRequest, req.body, 'body');
    return deps.rounds.createDraft(user, body);
  });

  app.get('/api/rounds/:id', async (req) => {
    const p = parseInput(roundParams, req.params, 'params');
    return deps.rounds.preview(signedIn(req), p.id);
  });

  app.post('/api/rounds/:id/swap', async (req) => {
    deps.rounds.assertCanRunRounds(signedIn(req));
    const p = parseInput(roundParams, req.params, 'params');
    const body = parseInput(swapRequest, req.body, 'body');
    return deps.rounds.swap(signedIn(req), p.id, body.caseId, body.newCaseId, body.confirmConflicts);
  });

  app.get('/api/rounds/:id/swap-candidates', async (req) => {
    deps.rounds.assertCanRunRounds(signedIn(req));
    const p = parseInput(roundParams, req.params, 'params');
    const q = parseInput(swapCandidatesQuery, req.query, 'query');
    return deps.rounds.swapCandidates(signedIn(req), p.id, q);
  });

  app.post('/api/rounds/:id/remove', async (req) => {
    deps.rounds.assertCanRunRounds(signedIn(req));
    const p = parseInput(roundParams, req.params, 'params');
    const body = parseInput(removeRequest, req.body, 'body');
    return deps.rounds.remove(signedIn(req), p.id, body.caseId);
  });

  app.post('/api/rounds/:id/publish', async (req) => {
    deps.rounds.assertCanRunRounds(signedIn(req));
    const p = parseInput(roundParams, req.params, 'params');
    const body = parseInput(publishRequest, req.body, 'body');
    return deps.rounds.publish(signedIn(req), p.id, body.confirmConflicts);
  });

  app.get('/api/rounds/:id/delivery', async (req) => {
    deps.rounds.assertCanRunRounds(signedIn(req));
    const p = parseInput(roundParams, req.params, 'params');
    return deps.rounds.delivery(signedIn(req), p.id);
  });

  app.post('/api/rounds/:id/delivery/retry', async (req) => {
    deps.rounds.assertCanRunRounds(signedIn(req));
    const p = parseInput(roundParams, req.params, 'params');
    return retryRoundDelivery(deps.store, deps.rounds, signedIn(req), p.id);
  });
}
