import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerDeps } from '../server';
import { parseInput } from '../validation';
import { AppError } from '../appError';
import { roundListQuery, type AuditorCandidate, type AuditorCandidatesResponse, type RoundListResponse } from '../../../shared/api/contracts';
import type { JobRole, StaffMember } from '../../../shared/schemas/staff';
import type { Page, PageRequest } from '../../store/storeInterface';

/** Jobs whose holders audit case files: managers and the practice leads. Workers are audited, not auditors. */
export const AUDITOR_ROLES: readonly JobRole[] = ['teamManager', 'deputyTeamManager', 'headOfService', 'seniorManager', 'principalSocialWorker', 'qaLead'];

/** A service has a few hundred managers at most; the cap keeps a corrupt cursor chain from looping. */
const MAX_PAGES = 50;

function signedIn(req: FastifyRequest): StaffMember {
  if (!req.staff) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
  return req.staff;
}

async function readAll<T>(list: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < MAX_PAGES; i++) {
    const page: Page<T> = await list({ cursor, limit: 500 });
    out.push(...page.items);
    cursor = page.next;
    if (cursor === null) break;
  }
  return out;
}

/** What the QA lead needs to set up a round: who can audit, and the rounds already made for a month. */
export function registerRoundPlanningRoutes(app: FastifyInstance, deps: Pick<ServerDeps, 'store' | 'rounds'>): void {
  app.get('/api/staff/auditor-candidates', async (req): Promise<AuditorCandidatesResponse> => {
    deps.rounds.assertCanRunRounds(signedIn(req));
    const [teams, ...byRole] = await Promise.all([deps.store.teams.listAll(), ...AUDITOR_ROLES.map((role) => readAll((p) => deps.store.staff.listByRole(role, p)))]);
    const teamNames = new Map(teams.map((t) => [t.id, t.name]));
    const people = new Map<string, AuditorCandidate>();
    for (const s of byRole.flat()) {
      if (!s.active || people.has(s.id)) continue;
      people.set(s.id, { id: s.id, displayName: s.displayName, jobRoles: s.jobRoles, teamName: s.teamId === null ? null : (teamNames.get(s.teamId) ?? null) });
    }
    const items = [...people.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB') || a.id.localeCompare(b.id));
    return { items };
  });

  app.get('/api/rounds', async (req): Promise<RoundListResponse> => {
    deps.rounds.assertCanRunRounds(signedIn(req));
    const q = parseInput(roundListQuery, req.query, 'query');
    const rounds = await readAll((p) => deps.store.rounds.listByMonth(q.month, p));
    return {
      items: rounds.map((r) => ({
        id: r.id,
        month: r.month,
        auditType: r.auditType,
        themeTitle: r.theme?.title ?? null,
        status: r.status,
        auditorCount: r.auditorIds.length,
        allocationCount: r.allocations.length,
        dueDate: r.dueDate,
        createdAt: r.createdAt,
        publishedAt: r.publishedAt,
      })),
    };
  });
}
