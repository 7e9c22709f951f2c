import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type RunningApp } from '../../bot/app';
import { loadConfig } from '../../bot/config/appConfig';
import type { JobLease } from '../../bot/jobs/jobLease';
import { openSharePointStore } from '../../bot/store/sharepoint/openSharePointStore';
import { buildAudit, buildService, buildStaff, buildTeam } from '../fixtures/builders';
import type { EntraSimulator } from '../simulators/entra/entraSimulator';
import type { GraphSimulator } from '../simulators/graph/graphSimulator';
import { simClient } from '../simulators/graph/graphHarness';
import { demoTenant, startTenantSimulators, tenantEnv, type TenantSimulators } from '../fixtures/tenantSimulators';
import { exemptionNoticeId } from '../../bot/delivery/exemptionNotice';
import { myAuditsEntityId } from '../../manifest/teamsManifest';
import { londonDate } from '../../shared/calendar/londonTime';

/**
 * The service built from tenant settings, end to end on simulators: SharePoint lists on the Graph
 * simulator (provisioned as `npm run provision` would), app-only Graph tokens and Teams SSO from
 * the Entra simulator, the single-tenant bot adapter. Nothing of local mode is used: no demo data,
 * no demo sign-in, no SQLite store.
 */

const { tenantId, clientId, host, siteId } = demoTenant;
const oid = '7d3f1c9a-0000-4000-8000-00000000c001';
const teamsAppId = 'e3a1f0c2-6666-4a4a-9b9b-0000000000ee';

let sims: TenantSimulators;
let entra: EntraSimulator;
let graph: GraphSimulator;
let app: RunningApp;
let dataDir: string;
const leaseCalls: string[] = [];

beforeAll(async () => {
  sims = await startTenantSimulators({ graph: true });
  entra = sims.entra;
  if (!sims.graph) throw new Error('no Graph simulator');
  graph = sims.graph;

  // Seeded through the SharePoint store itself (a member of staff, their team and an audit allocated to them).
  const seedStore = await openSharePointStore(simClient(graph), siteId);
  const service = buildService({ id: 'svc-1' });
  await seedStore.services.put(service, null);
  await seedStore.teams.put(buildTeam({ id: 'team-a', serviceId: service.id }), null);
  await seedStore.staff.put(buildStaff({ id: 'stf-manager', teamId: 'team-a', jobRoles: ['teamManager'] }), null);
  const auditor = buildStaff({ id: 'stf-auditor', email: 'ash.lark@demo-council.example', entraObjectId: oid, teamId: 'team-a', jobRoles: ['worker'], lineManagerId: 'stf-manager' });
  await seedStore.staff.put(auditor, null);
  await seedStore.audits.create(buildAudit({ id: 'aud-sp-1', auditorId: auditor.id }), []);

  dataDir = await mkdtemp(path.join(os.tmpdir(), 'pa-tenant-'));
  const config = loadConfig(tenantEnv(dataDir, { TEAMS_APP_ID: teamsAppId }));
  // The blob lease has its own Azurite test (bot/jobs/blobJobLease.test.ts); here a lease that records its use.
  const lease: JobLease = {
    acquire: async () => (leaseCalls.push('acquire'), true),
    renew: async () => (leaseCalls.push('renew'), true),
    release: async () => void leaseCalls.push('release'),
  };
  app = await createApp(config, {
    reminders: false,
    actionNudges: false,
    concernEscalations: false,
    jobLease: lease,
    tenant: sims.hooks,
  });
});
afterAll(async () => {
  await app?.close();
  await sims?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('tenant mode on simulators', () => {
  it('reports tenant mode', async () => {
    expect((await app.server.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok', mode: 'tenant' });
  });

  it('answers My audits with a valid Teams token, from the SharePoint lists', async () => {
    const before = graph.stats.requests;
    const token = await entra.issueUserToken({ claims: { oid, preferred_username: 'ash.lark@demo-council.example' } });
    const res = await app.server.inject({ method: 'GET', url: '/api/my/audits', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((a: { id: string }) => a.id)).toEqual(['aud-sp-1']);
    // Read from SharePoint through Graph, with an app-only token from the tenant's token endpoint.
    expect(graph.stats.requests).toBeGreaterThan(before);
    expect(entra.appTokensIssued).toBeGreaterThan(0);
  });

  it('refuses a bot activity without a valid Bot Connector token (401), and never runs the turn', async () => {
    const activity = {
      type: 'message',
      id: 'act-1',
      text: 'help',
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/uk/',
      from: { id: '29:u', aadObjectId: oid },
      recipient: { id: `28:${clientId}` },
      conversation: { id: 'a:c', conversationType: 'personal', tenantId },
    };
    const none = await app.server.inject({ method: 'POST', url: '/api/messages', payload: activity });
    expect(none.statusCode).toBe(401);
    // A user's SSO token is not a Bot Connector token.
    const ssoToken = await entra.issueUserToken({ claims: { oid } });
    const wrong = await app.server.inject({ method: 'POST', url: '/api/messages', payload: activity, headers: { authorization: `Bearer ${ssoToken}` } });
    expect(wrong.statusCode).toBe(401);
    expect(await app.conversations.getByAad(oid)).toBeNull();
  });

  it("links its cards to the tab inside Teams: a deep link whose sub-page id is the tab's page", async () => {
    const token = await entra.issueUserToken({ claims: { oid, preferred_username: 'ash.lark@demo-council.example' } });
    const thisMonth = londonDate(new Date()).slice(0, 7);
    const res = await app.server.inject({ method: 'POST', url: '/api/exemptions', headers: { authorization: `Bearer ${token}` }, payload: { fromMonth: thisMonth, reason: 'On leave' } });
    expect(res.statusCode).toBe(200);
    // The line manager's card: "Give your view" opens My audits, where the request waits.
    const notice = await app.store.outbox.get(exemptionNoticeId(res.json().id));
    const card = JSON.stringify(notice?.payload['card']);
    const link = /"url":"([^"]+)"/.exec(card)?.[1] ?? '';
    const url = new URL(link);
    expect(`${url.origin}${url.pathname}`).toBe(`https://teams.microsoft.com/l/entity/${teamsAppId}/${myAuditsEntityId}`);
    expect(JSON.parse(url.searchParams.get('context') ?? '{}')).toEqual({ subEntityId: '/' });
    expect(url.searchParams.get('webUrl')).toBe(`https://${host}/`);
    expect(card).not.toContain(`"url":"https://${host}`);
  });

  it('runs the dispatcher only under the job lease', async () => {
    expect(leaseCalls[0]).toBe('acquire');
    expect(app.dispatcher).not.toBeNull();
  });
});
