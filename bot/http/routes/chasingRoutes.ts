import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerDeps } from '../server';
import { parseInput } from '../validation';
import { AppError } from '../appError';
import { escalateRequest, type EscalateResponse, type OverdueListResponse } from '../../../shared/api/chasingContracts';
import type { StaffMember } from '../../../shared/schemas/staff';
import { EscalationService } from '../../chasing/escalationService';

function signedIn(req: FastifyRequest): StaffMember {
  if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
  return req.staff;
}

/** Overdue audits and the QA lead's notice to line managers (QA leads and the PSW only). */
export function registerChasingRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const service = new EscalationService({ store: deps.store, clock: deps.clock, settings: deps.settings });

  app.get('/api/chasing/overdue', async (req): Promise<OverdueListResponse> => service.list(signedIn(req)));

  app.post('/api/chasing/escalate', async (req): Promise<EscalateResponse> => {
    const user = signedIn(req);
    // Access first, so a refusal says nothing about the input.
    deps.rounds.assertCanRunRounds(user);
    const body = parseInput(escalateRequest, req.body, 'body');
    return service.escalate(user, body.auditorId);
  });

  app.post('/api/chasing/escalate-next-tier', async (req): Promise<EscalateResponse> => {
    const user = signedIn(req);
    deps.rounds.assertCanRunRounds(user);
    const body = parseInput(escalateRequest, req.body, 'body');
    return service.escalateNextTier(user, body.auditorId);
  });
}
