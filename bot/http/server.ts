import { registerDemoFileRoutes } from './routes/demoFileRoutes';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import type { Store } from '../store/storeInterface';
import { InvalidCursorError } from '../store/storeInterface';
import type { StaffMember } from '../../shared/schemas/staff';
import type { AuditService } from '../audits/auditService';
import type { RoundService } from '../rounds/roundService';
import type { MeetingService } from '../meetings/meetingService';
import type { ReassignAudit } from '../reassignments/reassignAudit';
import type { ImportService } from '../imports/importService';
import type { AppConfig } from '../config/appConfig';
import type { DemoSessions } from '../identity/demoSession';
import type { Logger } from './logger';
import { AppError } from './appError';
import { registerSessionRoutes } from './routes/sessionRoutes';
import { registerAuditRoutes } from './routes/auditRoutes';
import { registerRoundRoutes } from './routes/roundRoutes';
import { registerImportRoutes } from './routes/importRoutes';
import { registerRoundPlanningRoutes } from './routes/roundPlanningRoutes';
import { registerStaticFiles } from './routes/staticFiles';
import { registerReassignmentRoutes } from './routes/reassignmentRoutes';
import { registerChasingRoutes } from './routes/chasingRoutes';
import { registerMeetingRoutes } from './routes/meetingRoutes';
import { registerExemptionRoutes } from './routes/exemptionRoutes';
import { registerRoundClosingRoutes } from './routes/roundClosingRoutes';
import { registerActionRoutes } from './routes/actionRoutes';
import type { ActionService } from '../actions/actionService';
import { registerConcernRoutes } from './routes/concernRoutes';
import type { ConcernService } from '../concerns/concernService';
import type { CaseOfConcernService } from '../concerns/caseOfConcernService';
import type { AuditType } from '../../shared/schemas/audits';
import type { AuditTypeSettings } from '../../shared/settings/auditTypeSettings';
import { openApiDocument } from './openApi';
import type { BotAdapter, TurnLogic } from '../teams/botAdapter';
import { BOT_MESSAGES_PATH, registerBotRoutes } from '../teams/botRoutes';
import type { SsoRefusalReason, SsoTokenValidator } from '../identity/ssoTokenValidator';
import { resolveSsoStaff } from '../identity/ssoStaff';
import type { SignedInStaff } from '../identity/signedInStaff';
import type { DirectorySyncRuns } from '../directory/directorySyncRuns';
import { registerDirectoryRoutes } from './routes/directoryRoutes';
import { registerCoverRoutes } from './routes/coverRoutes';

export interface ServerDeps {
  config: Pick<AppConfig, 'mode' | 'tabDir' | 'publicUrl' | 'demoData' | 'demoSeed' | 'tenant'>;
  store: Store;
  /** Remembers the signed-in person's record for a few minutes (it watches `store`'s staff writes); absent, it is read on every request. */
  signedIn?: SignedInStaff;
  audits: AuditService;
  rounds: RoundService;
  /** Meeting proposals for collaborative audits; absent, their routes are not served. */
  meetings?: MeetingService;
  /** Action tracking (My actions, Team actions, the tracker); absent, its routes are not served. */
  actions?: ActionService;
  /** Urgent concerns and the cases of concern register; absent, their routes are not served. */
  concerns?: { concerns: ConcernService; casesOfConcern: CaseOfConcernService };
  /** Passing an audit to another auditor to resolve a request to reassign it. */
  reassign: ReassignAudit;
  imports: ImportService;
  sessions: DemoSessions;
  logger: Logger;
  clock: () => Date;
  /** Audit-type settings in force (the council's file merged over the defaults). */
  settings: Record<AuditType, AuditTypeSettings>;
  /** The Teams bot's messaging endpoint; absent, the service has no bot. */
  bot?: { adapter: BotAdapter; logic: TurnLogic };
  /** Tenant mode: validates the Teams SSO token each request carries as `Authorization: Bearer`. */
  sso?: SsoTokenValidator;
  /** Tenant mode with ENTRA_DIRECTORY_GROUPS: the Entra directory sync; null or absent, staff come from the import. */
  directorySync?: DirectorySyncRuns | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: StaffMember | null;
  }
  interface FastifyInstance {
    registeredRoutes: readonly { method: string; url: string }[];
  }
}

/** Routes that answer without a signed-in user. */
const publicApi = new Set(['/api/session', '/api/session/demo-users', '/api/session/demo', '/api/session/sign-out', '/api/openapi.json', BOT_MESSAGES_PATH]);

export async function buildServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({ loggerInstance: deps.logger as FastifyBaseLogger, bodyLimit: 1024 * 1024 });
  await app.register(cookie);
  app.decorateRequest('staff', null);
  // Every route as registered, so a test can check each /api route is in the OpenAPI document.
  const registered: { method: string; url: string }[] = [];
  app.decorate('registeredRoutes', registered);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) registered.push({ method, url: r.url });
  });

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    // The tab is framed by Teams (and its web/Outlook hosts); nowhere else.
    reply.header(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' https://res.cdn.office.net; connect-src 'self'; frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com https://outlook.office.com",
    );
    if ((_req.url ?? '').startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.addHook('preHandler', async (req) => {
    const path = req.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/')) return;
    req.staff = await authenticate(req, deps);
    if (!req.staff && !publicApi.has(path)) throw new AppError('unauthenticated', 'Sign in to use Practice Audit.');
    // Cookies ride along on cross-site form posts; JSON bodies do not, so state changes must be JSON.
    if (req.method !== 'GET' && req.method !== 'HEAD' && !(req.headers['content-type'] ?? '').startsWith('application/json'))
      throw new AppError('invalid', 'Send the request body as JSON (Content-Type: application/json).');
  });

  app.setErrorHandler((error, req, reply) => {
    if (error instanceof AppError) {
      return reply.code(error.status).send({ error: error.code, message: error.message, ...error.details });
    }
    if (error instanceof InvalidCursorError) {
      return reply.code(400).send({ error: 'invalid', message: 'The paging cursor was not recognised: start again from the first page.', fields: [{ field: 'query.cursor', message: 'is not a cursor this list issued' }] });
    }
    const fastifyError = error as { statusCode?: number; code?: string; message?: string };
    if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return reply.code(fastifyError.statusCode).send({ error: 'invalid', message: fastifyError.message ?? 'Bad request', fields: [{ field: 'body', message: fastifyError.message ?? 'not accepted' }] });
    }
    req.log.error({ err: { type: (error as Error).name, message: (error as Error).message, stack: (error as Error).stack } }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'Something went wrong on the server. Try again: repeating it is safe and finishes anything left part-done.' });
  });

  app.get('/healthz', async () => ({ status: 'ok', mode: deps.config.mode }));
  app.get('/api/openapi.json', async () => openApiDocument(deps.config.publicUrl));
  registerSessionRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerRoundRoutes(app, deps);
  registerImportRoutes(app, deps);
  registerRoundPlanningRoutes(app, deps);
  registerReassignmentRoutes(app, deps);
  registerChasingRoutes(app, deps);
  if (deps.meetings) registerMeetingRoutes(app, deps.meetings);
  registerExemptionRoutes(app, deps);
  registerRoundClosingRoutes(app, deps);
  if (deps.actions) registerActionRoutes(app, deps.actions);
  if (deps.concerns) registerConcernRoutes(app, deps.concerns);
  registerDemoFileRoutes(app, deps);
  registerCoverRoutes(app, deps);
  registerDirectoryRoutes(app, { directorySync: deps.directorySync ?? null });
  if (deps.bot) registerBotRoutes(app, deps.bot);
  registerStaticFiles(app, deps.config.tabDir);
  return app;
}

async function authenticate(req: FastifyRequest, deps: ServerDeps): Promise<StaffMember | null> {
  if (deps.config.mode === 'tenant') return authenticateSso(req, deps);
  if (deps.config.mode !== 'local') return null;
  const id = deps.sessions.verify(req.cookies['pa_demo_session'], deps.clock());
  if (!id) return null;
  const staff = await signInLookups(deps).get(id);
  if (!staff || !staff.active) return null;
  const { etag: _etag, ...rest } = staff;
  return rest;
}

const signInLookups = (deps: ServerDeps) => (deps.signedIn ? deps.signedIn.lookups() : deps.store.staff);

/** What the tab is told when its Teams token is refused (the reason code goes with it; the token never does). */
const ssoRefusalMessages: Partial<Record<SsoRefusalReason, string>> = {
  expired: 'Your Teams sign-in has expired: reload Practice Audit.',
  notYetValid: 'Your Teams sign-in is not valid yet: check this device\'s clock, then reload.',
  wrongAudience: 'The sign-in token was issued for another app, not Practice Audit.',
  tenantNotAllowed: 'Practice Audit accepts sign-ins from this council\'s Microsoft 365 organisation only.',
  missingScope: 'The sign-in token does not allow access to Practice Audit (access_as_user): ask your administrator to check the app registration.',
};

/**
 * Tenant mode: the person is who a valid Teams SSO token says (tenant id + object id), found in the
 * staff directory, with app roles giving the service-wide rights. The demo cookie means nothing
 * here. The bot endpoint is skipped: its Bot Connector token is checked by the bot adapter.
 */
async function authenticateSso(req: FastifyRequest, deps: ServerDeps): Promise<StaffMember | null> {
  const path = req.url.split('?')[0] ?? '';
  if (path === BOT_MESSAGES_PATH) return null;
  const header = req.headers.authorization;
  if (!header) return null;
  if (!deps.sso) throw new AppError('unavailable', 'Sign-in is not set up on this service.');
  const validation = await deps.sso.validate(header);
  if (!validation.ok) {
    req.log.info({ reason: validation.reason }, 'sso: token refused');
    if (validation.status === 503) throw new AppError('unavailable', 'Sign-in could not be checked just now (Microsoft\'s signing keys were unreachable): try again in a minute.', { reason: validation.reason });
    throw new AppError('unauthenticated', ssoRefusalMessages[validation.reason] ?? 'Your Teams sign-in was not accepted: reload Practice Audit.', { reason: validation.reason });
  }
  const resolved = await resolveSsoStaff(signInLookups(deps), validation.identity);
  if (!resolved.ok) {
    req.log.info({ reason: resolved.code }, 'sso: signed in, but refused by the staff directory');
    throw new AppError('forbidden', resolved.message, { reason: resolved.code });
  }
  if (resolved.linkedNow) req.log.info({ staffId: resolved.staff.id }, 'sso: Microsoft account linked to its staff record at first sign-in');
  return resolved.staff;
}
