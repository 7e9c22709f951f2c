import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServerDeps } from '../server';
import { pageQuery, parseInput } from '../validation';
import { AppError } from '../appError';
import { id } from '../../../shared/schemas/common';
import { saveFormRequest, submitRequest } from '../../../shared/api/contracts';
import type { StaffMember } from '../../../shared/schemas/staff';

const auditParams = z.object({ id });
const teamQuery = z.object({ teamId: id.optional() });

function signedIn(req: FastifyRequest): StaffMember {
  if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
  return req.staff;
}

export function registerAuditRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/api/my/audits', async (req) => deps.audits.listMine(signedIn(req)));

  app.get('/api/team/teams', async (req) => deps.audits.teamsManagedBy(signedIn(req)));

  app.get('/api/team/audits', async (req) => {
    const q = parseInput(teamQuery, req.query, 'query');
    return deps.audits.listTeam(signedIn(req), q.teamId);
  });

  app.get('/api/audits/:id', async (req) => {
    const p = parseInput(auditParams, req.params, 'params');
    return deps.audits.getDetail(signedIn(req), p.id);
  });

  app.put('/api/audits/:id/form', async (req, reply) => {
    const p = parseInput(auditParams, req.params, 'params');
    const body = parseInput(saveFormRequest, req.body, 'body');
    const result = await deps.audits.saveForm(signedIn(req), p.id, body.etag, body.form);
    // Over the autosave budget: 202 "not saved yet" (see saveFormDeferred), never a 429 to the user.
    if ('saved' in result) void reply.code(202);
    return result;
  });

  app.post('/api/audits/:id/submit', async (req) => {
    const p = parseInput(auditParams, req.params, 'params');
    const body = parseInput(submitRequest, req.body, 'body');
    return deps.audits.submit(signedIn(req), p.id, body.etag);
  });

  app.get('/api/audits/:id/trail', async (req) => {
    const p = parseInput(auditParams, req.params, 'params');
    const q = parseInput(pageQuery, req.query, 'query');
    return deps.audits.readTrail(signedIn(req), p.id, q);
  });
}
