import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  acknowledgeConcernRequest,
  caseOfConcernTextRequest,
  closeCaseOfConcernRequest,
  escalateCaseOfConcernRequest,
  raiseCaseOfConcernRequest,
  registerQuery,
  type CaseOfConcernRegisterResponse,
  type CaseOfConcernView,
  type UrgentConcernListResponse,
  type UrgentConcernView,
} from '../../../shared/api/concernContracts';
import { id } from '../../../shared/schemas/common';
import type { StaffMember } from '../../../shared/schemas/staff';
import type { CaseOfConcernService } from '../../concerns/caseOfConcernService';
import type { ConcernService } from '../../concerns/concernService';
import { AppError } from '../appError';
import { parseInput } from '../validation';

const params = z.object({ id });

function signedIn(req: FastifyRequest): StaffMember {
  if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
  return req.staff;
}

/**
 * Urgent concerns (listed for the managers they went to; acknowledged, the same path as the card)
 * and the cases of concern register. Every route decides who may do what from the signed-in user.
 */
export function registerConcernRoutes(app: FastifyInstance, services: { concerns: ConcernService; casesOfConcern: CaseOfConcernService }): void {
  const { concerns, casesOfConcern } = services;

  app.get('/api/concerns/urgent', async (req): Promise<UrgentConcernListResponse> => concerns.listAwaiting(signedIn(req)));

  app.get('/api/concerns/:id', async (req): Promise<UrgentConcernView> => {
    const user = signedIn(req);
    return concerns.getView(user, parseInput(params, req.params, 'params').id);
  });

  app.post('/api/concerns/:id/acknowledge', async (req): Promise<UrgentConcernView> => {
    const user = signedIn(req);
    const p = parseInput(params, req.params, 'params');
    const body = parseInput(acknowledgeConcernRequest, req.body, 'body');
    const outcome = await concerns.acknowledge(user, p.id, body.version, body.actionTaken);
    if (outcome.ok) return concerns.view(outcome.concern, true);
    switch (outcome.code) {
      case 'notFound':
        throw new AppError('notFound', outcome.message);
      case 'inactive':
      case 'notRecipient':
        throw new AppError('forbidden', outcome.message);
      case 'invalid':
        throw new AppError('invalid', outcome.message, { fields: [{ field: 'body.actionTaken', message: 'is required (at most 2000 characters)' }] });
      default:
        // Already acknowledged, or a stale page: the concern as it is now comes with the refusal.
        throw new AppError('conflict', outcome.message, { concern: outcome.concern ? await concerns.view(outcome.concern, false) : null });
    }
  });

  app.get('/api/cases-of-concern', async (req): Promise<CaseOfConcernRegisterResponse> => {
    const user = signedIn(req);
    return casesOfConcern.register(user, parseInput(registerQuery, req.query, 'query'));
  });

  app.post('/api/cases-of-concern', async (req): Promise<CaseOfConcernView> => {
    const user = signedIn(req);
    return casesOfConcern.raise(user, parseInput(raiseCaseOfConcernRequest, req.body, 'body'));
  });

  app.post('/api/cases-of-concern/proposals/:id/not-needed', async (req): Promise<{ ok: true }> => {
    const user = signedIn(req);
    await casesOfConcern.proposalNotNeeded(user, parseInput(params, req.params, 'params').id);
    return { ok: true };
  });

  app.post('/api/cases-of-concern/:id/respond', async (req): Promise<CaseOfConcernView> => {
    const user = signedIn(req);
    const body = parseInput(caseOfConcernTextRequest, req.body, 'body');
    return casesOfConcern.respond(user, parseInput(params, req.params, 'params').id, body.etag, body.text);
  });

  app.post('/api/cases-of-concern/:id/follow-ups', async (req): Promise<CaseOfConcernView> => {
    const user = signedIn(req);
    const body = parseInput(caseOfConcernTextRequest, req.body, 'body');
    return casesOfConcern.followUp(user, parseInput(params, req.params, 'params').id, body.etag, body.text);
  });

  app.post('/api/cases-of-concern/:id/escalate', async (req): Promise<CaseOfConcernView> => {
    const user = signedIn(req);
    const body = parseInput(escalateCaseOfConcernRequest, req.body, 'body');
    return casesOfConcern.escalate(user, parseInput(params, req.params, 'params').id, body.etag, body.toId);
  });

  app.post('/api/cases-of-concern/:id/close', async (req): Promise<CaseOfConcernView> => {
    const user = signedIn(req);
    const body = parseInput(closeCaseOfConcernRequest, req.body, 'body');
    return casesOfConcern.close(user, parseInput(params, req.params, 'params').id, body.etag, body.note);
  });
}
