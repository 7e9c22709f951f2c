import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type RunningApp } from '../../bot/app';
import { ConfigError, loadConfig } from '../../bot/config/appConfig';
import type { JobLease } from '../../bot/jobs/jobLease';
import { openSharePointStore } from '../../bot/store/sharepoint/openSharePointStore';
import { directorySyncStatus, type DirectorySyncRunDto } from '../../shared/api/directoryContracts';
import { buildService, buildStaff, buildTeam } from '../fixtures/builders';
import type { EntraSimulator } from '../simulators/entra/entraSimulator';
import type { GraphSimulator } from '../simulators/graph/graphSimulator';
import { simClient } from '../simulators/graph/graphHarness';
import { demoTenant, startTenantSimulators, tenantEnv, type TenantSimulators } from '../fixtures/tenantSimulators';

/**
 * Tenant mode with ENTRA_DIRECTORY_GROUPS, end to end on simulators: the staff directory comes from
 * Entra groups (Graph simulator's directory) into the SharePoint lists, on an administrator's request;
 * the staff file import is off; the leaver safety limit needs an administrator to confirm.
 */

const { siteId } = demoTenant;
const gid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const oid = (n: number) => `bbbbbbbb-0000-4000-8000-${String(n).padStart(12, '0')}`;
const ADMIN = oid(1);
const LEAD = oid(2);
const WORKERS = Array.from({ length: 30 }, (_, i) => oid(100 + i));
const G = { workers: gid(1), admins: gid(2), leads: gid(3) };
const emailOf = (id: string) => `person${id.slice(-4)}@demo-council.example`;

let sims: TenantSimulators;
let entra: EntraSimulator;
let graph: GraphSimulator;
let app: RunningApp;
let dataDir: string;

const groupsSetting = JSON.stringify({
  groups: [
    { id: G.workers, name: 'Synthetic social workers', jobRoles: ['worker'], teamId: 'team-a' },
    { id: G.admins, jobRoles: ['administrator'] },
    { id: G.leads, jobRoles: ['qaLead'] },
  ],
});

beforeAll(async () => {
  sims = await startTenantSimulators({ graph: true });
  entra = sims.entra;
  if (!sims.graph) throw new Error('no Graph simulator');
  graph = sims.graph;
  const seedStore = await openSharePointStore(simClient(graph), siteId);
  const service = buildService({ id: 'svc-1' });
  await seedStore.services.put(service, null);
  await seedStore.teams.put(buildTeam({ id: 'team-a', serviceId: service.id }), null);
  // The administrator who sets the app up is in the directory before the first sync (linked at sign-in).
  await seedStore.staff.put(buildStaff({ id: 'stf-admin', email: emailOf(ADMIN), entraObjectId: ADMIN, jobRoles: ['administrator'], teamId: null }), null);

  const person = (id: string) => graph.directory.addUser({ id, displayName: `Person ${id.slice(-4)}`, mail: emailOf(id), userPrincipalName: emailOf(id), accountEnabled: true, managerId: null });
  [ADMIN, LEAD, ...WORKERS].forEach(person);
  graph.directory.addGroup(G.workers, WORKERS);
  graph.directory.addGroup(G.admins, [ADMIN]);
  graph.directory.addGroup(G.leads, [LEAD]);

  dataDir = await mkdtemp(path.join(os.tmpdir(), 'pa-directory-'));
  const lease: JobLease = { acquire: async () => true, renew: async () => true, release: async () => undefined };
  app = await createApp(loadConfig(tenantEnv(dataDir, { ENTRA_DIRECTORY_GROUPS: groupsSetting })), {
    dispatcher: false,
    reminders: false,
    actionNudges: false,
    concernEscalations: false,
    directorySync: false,
    jobLease: lease,
    tenant: sims.hooks,
  });
});
afterAll(async () => {
  await app?.close();
  await sims?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const bearer = async (id: string, roles: string[] = []) => `Bearer ${await entra.issueUserToken({ claims: { oid: id, preferred_username: emailOf(id), roles } })}`;
const call = async (method: 'GET' | 'POST', url: string, auth: string, payload?: object) =>
  app.server.inject({ method, url, headers: { authorization: auth }, ...(payload ? { payload } : {}) });

/** Starts a run (202, as the page does), then asks for its outcome until it is in. */
async function syncNow(auth: string, payload: object = {}): Promise<DirectorySyncRunDto> {
  const started = await call('POST', '/api/directory/sync', auth, payload);
  expect(started.statusCode).toBe(202);
  for (let status = directorySyncStatus.parse(started.json()); ; status = directorySyncStatus.parse((await call('GET', '/api/directory/sync', auth)).json())) {
    if (!status.running) {
      if (!status.lastRun) throw new Error('no run recorded');
      return status.lastRun;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the Entra directory sync in tenant mode', () => {
  it('refuses a malformed ENTRA_DIRECTORY_GROUPS at start-up, naming the setting and the field', () => {
    const bad = JSON.stringify({ groups: [{ id: 'not-a-guid', jobRoles: ['worker'] }] });
    expect(() => loadConfig(tenantEnv(dataDir, { ENTRA_DIRECTORY_GROUPS: bad }))).toThrow(ConfigError);
    expect(() => loadConfig(tenantEnv(dataDir, { ENTRA_DIRECTORY_GROUPS: bad }))).toThrow(/ENTRA_DIRECTORY_GROUPS: .*groups\[0\]\.id/);
    expect(() => loadConfig(tenantEnv(dataDir, { ENTRA_DIRECTORY_GROUPS: '{groups' }))).toThrow(/ENTRA_DIRECTORY_GROUPS: .*not valid JSON/);
  });

  it('says it is set up and has not run yet; the staff file import is off', async () => {
    const admin = await bearer(ADMIN, ['Administrator']);
    const status = directorySyncStatus.parse((await call('GET', '/api/directory/sync', admin)).json());
    expect(status).toEqual({ configured: true, running: false, lastRun: null });
    const csv = 'email,display_name,job_roles\nx@demo-council.example,X,worker\n';
    for (const step of ['preview', 'commit']) {
      const imported = await call('POST', `/api/imports/staff/${step}`, admin, { csv, ...(step === 'commit' ? { acceptedCount: 1 } : {}) });
      expect(imported.statusCode).toBe(409);
      expect(imported.json().message).toMatch(/Entra groups/);
    }
  });

  it('brings everyone in the groups into the SharePoint lists when an administrator asks, then changes nothing on a second run', async () => {
    const admin = await bearer(ADMIN, ['Administrator']);
    const run = await syncNow(admin);
    expect(run).toMatchObject({ trigger: 'administrator', outcome: 'done', summary: { membersFound: 32, created: 31, markedInactive: 0, leaversHeldBack: 0, problems: [] } });
    // A worker from the group can now sign in.
    const worker = await call('GET', '/api/session', await bearer(WORKERS[0] as string));
    expect(worker.json()).toMatchObject({ jobRoles: ['worker'], teamId: 'team-a', mode: 'tenant' });
    const again = await syncNow(admin);
    expect(again).toMatchObject({ outcome: 'done', summary: { created: 0, updated: 0, unchanged: 32 } });
    expect(directorySyncStatus.parse((await call('GET', '/api/directory/sync', admin)).json()).lastRun).toEqual(again);
  });

  it('lets QA leads run it but not confirm many leavers; workers cannot see it', async () => {
    const lead = await bearer(LEAD, ['QALead']);
    expect((await call('GET', '/api/directory/sync', lead)).statusCode).toBe(200);
    expect((await call('POST', '/api/directory/sync', lead, { confirmLeavers: 3 })).statusCode).toBe(403);
    expect((await call('GET', '/api/directory/sync', await bearer(WORKERS[1] as string))).statusCode).toBe(403);
    for (const payload of [{ confirmLeavers: 'yes' }, { confirmLeavers: 0 }, { confirmLeavers: 2.5 }]) {
      const bad = await call('POST', '/api/directory/sync', lead, payload);
      expect(bad.statusCode).toBe(400);
      expect(bad.json().fields[0].field).toBe('body.confirmLeavers');
    }
    const unknown = await call('POST', '/api/directory/sync', lead, { everyone: true });
    expect(unknown.statusCode).toBe(400);
  });

  it('holds back a mass of leavers until an administrator confirms; then they can no longer sign in', async () => {
    for (const w of WORKERS.slice(0, 10)) graph.directory.removeMember(G.workers, w);
    const admin = await bearer(ADMIN, ['Administrator']);
    const held = await syncNow(await bearer(LEAD, ['QALead']));
    expect(held).toMatchObject({ outcome: 'done', summary: { markedInactive: 0, leaversHeldBack: 10 } });
    expect((await call('GET', '/api/session', await bearer(WORKERS[0] as string))).statusCode).toBe(200);
    const confirmed = await syncNow(admin, { confirmLeavers: 10 });
    expect(confirmed).toMatchObject({ outcome: 'done', summary: { markedInactive: 10, leaversHeldBack: 0 } });
    // The write went through this instance, so the remembered sign-in is forgotten at once.
    const gone = await call('GET', '/api/my/audits', await bearer(WORKERS[0] as string));
    expect(gone.statusCode).toBe(403);
    expect(gone.json().reason).toBe('inactive');
  });
});
