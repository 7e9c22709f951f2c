import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../server';
import { parseInput } from '../validation';
import { AppError } from '../appError';
import { demoSignInRequest, type Me } from '../../../shared/api/contracts';
import type { StaffMember } from '../../../shared/schemas/staff';
import { jobRole } from '../../../shared/schemas/staff';
import { demoSessionCookie } from '../../identity/demoSession';

const toMe = (s: StaffMember, mode: 'local' | 'tenant'): Me => ({ id: s.id, displayName: s.displayName, jobRoles: s.jobRoles, teamId: s.teamId, mode });

export function registerSessionRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const localOnly = () => {
    if (deps.config.mode !== 'local') throw new AppError('notFound', 'Demo sign-in exists only in local mode.');
  };

  app.get('/api/session', async (req) => {
    if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
    return toMe(req.staff, deps.config.mode);
  });

  app.get('/api/session/demo-users', async () => {
    localOnly();
    const [teams, seen] = [await deps.store.teams.listAll(), new Map<string, StaffMember>()];
    for (const role of jobRole.options) {
      const page = await deps.store.staff.listByRole(role, { limit: 200 });
      for (const s of page.items) if (s.active) seen.set(s.id, s);
    }
    const teamName = new Map(teams.map((t) => [t.id, t.name]));
    return [...seen.values()]
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB'))
      .map((s) => ({ id: s.id, displayName: s.displayName, jobRoles: s.jobRoles, teamName: s.teamId ? teamName.get(s.teamId) ?? null : null }));
  });

  app.post('/api/session/demo', async (req, reply) => {
    localOnly();
    const { staffId } = parseInput(demoSignInRequest, req.body, 'body');
    const staff = await deps.store.staff.get(staffId);
    if (!staff || !staff.active) throw new AppError('invalid', 'No demo user has that id.', { fields: [{ field: 'body.staffId', message: 'is not a demo user' }] });
    reply.setCookie(demoSessionCookie, deps.sessions.issue(staff.id, deps.clock()), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: deps.config.publicUrl.startsWith('https:'),
    });
    req.log.info({ staffId: staff.id }, 'demo sign-in');
    return toMe(staff, deps.config.mode);
  });

  app.post('/api/session/sign-out', async (_req, reply) => {
    reply.clearCookie(demoSessionCookie, { path: '/' });
    return { signedOut: true };
  });
}
