import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServerDeps } from '../server';
import { parseInput } from '../validation';
import { AppError } from '../appError';
import { id } from '../../../shared/schemas/common';
import {
  askExemptionRequest,
  decideExemptionRequest,
  lineManagerViewRequest,
  withdrawExemptionRequest,
  type ExemptionDecisionResponse,
  type ExemptionListResponse,
  type ExemptionView,
} from '../../../shared/api/exemptionContracts';
import type { StaffMember } from '../../../shared/schemas/staff';
import { ExemptionService } from '../../exemptions/exemptionService';
import { tabLink } from '../../teams/tabLinks';

const exemptionParams = z.object({ id });

function signedIn(req: FastifyRequest): StaffMember {
  if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
  return req.staff;
}

/** Requests to be excused from auditing: the auditor asks, the line manager gives a view, a QA lead decides. */
export function registerExemptionRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const service = new ExemptionService({
    store: deps.store,
    clock: deps.clock,
    newId: (prefix) => `${prefix}_${randomUUID().replace(/-/g, '')}`,
    // The line manager gives a view on My audits.
    appUrl: tabLink(deps.config, '/'),
  });

  app.post('/api/exemptions', async (req): Promise<ExemptionView> => {
    const user = signedIn(req);
    return service.ask(user, parseInput(askExemptionRequest, req.body, 'body'));
  });

  app.get('/api/exemptions/mine', async (req): Promise<ExemptionListResponse> => service.mine(signedIn(req)));

  app.get('/api/exemptions/awaiting-my-view', async (req): Promise<ExemptionListResponse> => service.awaitingMyView(signedIn(req)));

  app.get('/api/exemptions/undecided', async (req): Promise<ExemptionListResponse> => service.undecided(signedIn(req)));

  app.get('/api/exemptions/recent-decisions', async (req): Promise<ExemptionListResponse> => service.recentDecisions(signedIn(req)));

  app.post('/api/exemptions/:id/line-manager-view', async (req): Promise<ExemptionView> => {
    const user = signedIn(req);
    const p = parseInput(exemptionParams, req.params, 'params');
    await service.assertMayAct(user, p.id, 'lineManagerView');
    return service.recordView(user, p.id, parseInput(lineManagerViewRequest, req.body, 'body'));
  });

  app.post('/api/exemptions/:id/decision', async (req): Promise<ExemptionDecisionResponse> => {
    const user = signedIn(req);
    const p = parseInput(exemptionParams, req.params, 'params');
    await service.assertMayAct(user, p.id, 'decide');
    return service.decide(user, p.id, parseInput(decideExemptionRequest, req.body, 'body'));
  });

  app.post('/api/exemptions/:id/withdraw', async (req): Promise<ExemptionView> => {
    const user = signedIn(req);
    const p = parseInput(exemptionParams, req.params, 'params');
    await service.assertMayAct(user, p.id, 'withdraw');
    return service.withdraw(user, p.id, parseInput(withdrawExemptionRequest, req.body, 'body'));
  });
}
