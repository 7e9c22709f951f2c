import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  actionTrackerQuery,
  approveActionRequest,
  markActionDoneRequest,
  myActionsQuery,
  returnActionRequest,
  teamActionsQuery,
  type ActionListResponse,
  type ActionView,
} from '../../../shared/api/actionContracts';
import { id } from '../../../shared/schemas/common';
import type { StaffMember } from '../../../shared/schemas/staff';
import type { ActionService } from '../../actions/actionService';
import { AppError } from '../appError';
import { parseInput } from '../validation';

const actionParams = z.object({ id });

function signedIn(req: FastifyRequest): StaffMember {
  if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
  return req.staff;
}

/**
 * Action tracking: My actions, Team actions, the service-wide tracker, and done / approve / return.
 * Who may see or do what is decided in ActionService from the signed-in person.
 */
export function registerActionRoutes(app: FastifyInstance, actions: ActionService): void {
  app.get('/api/actions/mine', async (req): Promise<ActionListResponse> => actions.listMine(signedIn(req), parseInput(myActionsQuery, req.query, 'query')));

  app.get('/api/actions/team', async (req): Promise<ActionListResponse> => actions.listTeam(signedIn(req), parseInput(teamActionsQuery, req.query, 'query')));

  app.get('/api/actions', async (req): Promise<ActionListResponse> => actions.listTracker(signedIn(req), parseInput(actionTrackerQuery, req.query, 'query')));

  app.post('/api/actions/:id/done', async (req): Promise<ActionView> => {
    const user = signedIn(req);
    const p = parseInput(actionParams, req.params, 'params');
    const body = parseInput(markActionDoneRequest, req.body, 'body');
    return actions.viewOutcome(user, await actions.markDone(user, p.id, body.version, body.note), 'body.note');
  });

  app.post('/api/actions/:id/approve', async (req): Promise<ActionView> => {
    const user = signedIn(req);
    const p = parseInput(actionParams, req.params, 'params');
    const body = parseInput(approveActionRequest, req.body, 'body');
    return actions.viewOutcome(user, await actions.approve(user, p.id, body.version), null);
  });

  app.post('/api/actions/:id/return', async (req): Promise<ActionView> => {
    const user = signedIn(req);
    const p = parseInput(actionParams, req.params, 'params');
    const body = parseInput(returnActionRequest, req.body, 'body');
    return actions.viewOutcome(user, await actions.return(user, p.id, body.version, body.reason), 'body.reason');
  });
}
