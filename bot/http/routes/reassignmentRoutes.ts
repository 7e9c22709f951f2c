import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServerDeps } from '../server';
import { parseInput } from '../validation';
import { AppError } from '../appError';
import { reassignmentListQuery, type ReassignmentListResponse, type ReassignmentResolveResponse } from '../../../shared/api/contracts';
import type { StaffMember } from '../../../shared/schemas/staff';
import { ReassignmentService } from '../../reassignments/reassignmentService';
import { reassignRequest, type ReassignCandidatesResponse, type ReassignResponse } from '../../../shared/api/reassignContracts';

const requestParams = z.object({ id: z.string().min(1).max(80).regex(/^[A-Za-z0-9_-]+$/) });

function signedIn(req: FastifyRequest): StaffMember {
  if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
  return req.staff;
}

/** The QA lead's view of auditors' requests to reassign an audit (QA leads and the PSW only). */
export function registerReassignmentRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const service = new ReassignmentService({ store: deps.store, clock: deps.clock });

  app.get('/api/reassignment-requests', async (req): Promise<ReassignmentListResponse> => {
    const user = signedIn(req);
    parseInput(reassignmentListQuery, req.query, 'query');
    return service.listOpen(user);
  });

  app.post('/api/reassignment-requests/:id/resolve', async (req): Promise<ReassignmentResolveResponse> => {
    const user = signedIn(req);
    const p = parseInput(requestParams, req.params, 'params');
    const r = await service.resolve(user, p.id);
    return { id: r.id, status: r.status, resolvedAt: r.resolvedAt };
  });

  app.get('/api/reassignment-requests/:id/candidates', async (req): Promise<ReassignCandidatesResponse> => {
    const user = signedIn(req);
    deps.rounds.assertCanRunRounds(user);
    const p = parseInput(requestParams, req.params, 'params');
    return deps.reassign.candidates(user, p.id);
  });

  app.post('/api/reassignment-requests/:id/reassign', async (req): Promise<ReassignResponse> => {
    const user = signedIn(req);
    // Access first, so a refusal says nothing about the input.
    deps.rounds.assertCanRunRounds(user);
    const p = parseInput(requestParams, req.params, 'params');
    const body = parseInput(reassignRequest, req.body, 'body');
    return deps.reassign.reassign(user, p.id, body);
  });
}
