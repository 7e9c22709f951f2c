import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type RunningApp } from '../../bot/app';
import { loadConfig } from '../../bot/config/appConfig';
import { DemoSessions, demoSessionCookie } from '../../bot/identity/demoSession';
import { seedDemoCouncil } from '../../bot/demo/seedDemoCouncil';
import { openSqliteStore } from '../../bot/store/sqlite/openSqliteStore';
import type { StaffMember } from '../../shared/schemas/staff';
import { londonDate } from '../../shared/calendar/londonTime';
import type { EntraSimulator } from '../simulators/entra/entraSimulator';
import { startTenantSimulators, tenantEnv, type TenantSimulators } from '../fixtures/tenantSimulators';

/**
 * Tenant mode's sign-in: every API request carries the Teams SSO token as a Bearer token, validated
 * against the tenant's keys (the Entra simulator) and mapped to the staff directory. The store here
 * is SQLite (the same Store interface as SharePoint's); test/api/tenantMode.test.ts runs on the
 * SharePoint store.
 */


let sims: TenantSimulators;
let sim: EntraSimulator;
let app: RunningApp;
let dataDir: string;
let qaLead: StaffMember;
let worker: StaffMember;

beforeAll(async () => {
  sims = await startTenantSimulators();
  sim = sims.entra;
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'pa-sso-'));
  const store = openSqliteStore(path.join(dataDir, 'practice-audit.sqlite'));
  await seedDemoCouncil(store, { seed: 424242, today: londonDate(new Date()) });
  const lead = await store.staff.get('qa-lead');
  const workers = await store.staff.listByRole('worker', { limit: 5 });
  if (!lead || !workers.items[0]) throw new Error('demo council has no QA lead or worker');
  qaLead = lead;
  worker = workers.items[0];
  const config = loadConfig(tenantEnv(dataDir));
  app = await createApp(config, {
    store,
    dispatcher: false,
    reminders: false,
    actionNudges: false,
    concernEscalations: false,
    tenant: { entraFetch: sim.fetch, authorityHost: sim.authorityHost },
  });
});
afterAll(async () => {
  await app?.close();
  await sims?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const tokenFor = (staff: StaffMember, oid: string, extra: Record<string, unknown> = {}, version: 1 | 2 = 2) =>
  sim.issueUserToken({ version, claims: { oid, preferred_username: staff.email, upn: staff.email, ...extra } });
const get = (url: string, authorization?: string, cookie?: string) =>
  app.server.inject({ method: 'GET', url, headers: { ...(authorization ? { authorization } : {}), ...(cookie ? { cookie } : {}) } });

describe('tenant mode: Teams SSO on every request', () => {
  it('serves a request with a valid token as that member of staff, with app roles as the service-wide rights', async () => {
    const oid = '7d3f1c9a-0000-4000-8000-00000000a101';
    const asLead = await get('/api/session', `Bearer ${await tokenFor(qaLead, oid, { roles: ['QALead'] })}`);
    expect(asLead.statusCode).toBe(200);
    expect(asLead.json()).toMatchObject({ id: qaLead.id, mode: 'tenant' });
    expect(asLead.json().jobRoles).toContain('qaLead');
    // The first sign-in linked the Microsoft account: now it is found by object id alone.
    expect((await app.store.staff.get(qaLead.id))?.entraObjectId).toBe(oid);
    // Without the app role, the directory's "QA lead" gives nothing service-wide.
    const withoutRole = await get('/api/session', `Bearer ${await tokenFor(qaLead, oid, { preferred_username: undefined, upn: undefined })}`);
    expect(withoutRole.statusCode).toBe(200);
    expect(withoutRole.json().jobRoles).not.toContain('qaLead');
  });

  it('answers My audits for the signed-in person (v1.0 token, Application ID URI audience)', async () => {
    const res = await get('/api/my/audits', `Bearer ${await tokenFor(worker, '7d3f1c9a-0000-4000-8000-00000000a102', {}, 1)}`);
    expect(res.statusCode).toBe(200);
  });

  it('refuses a token for another audience with 401 and a reason', async () => {
    const token = await tokenFor(worker, '7d3f1c9a-0000-4000-8000-00000000a102', { aud: 'api://elsewhere.example/another-app' });
    const res = await get('/api/my/audits', `Bearer ${token}`);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'unauthenticated', reason: 'wrongAudience' });
    expect(res.json().message).toMatch(/another app/);
  });

  it('refuses an expired token and a forged signature with 401', async () => {
    const expired = await sim.issueUserToken({ expiresIn: -600, claims: { preferred_username: worker.email } });
    expect((await get('/api/my/audits', `Bearer ${expired}`)).json()).toMatchObject({ reason: 'expired' });
    const forged = await sim.issueUserToken({ signWith: 'foreignKey', claims: { preferred_username: worker.email } });
    expect((await get('/api/my/audits', `Bearer ${forged}`)).statusCode).toBe(401);
  });

  it('refuses a valid token for someone not in the staff directory with 403', async () => {
    const token = await sim.issueUserToken({ claims: { oid: '7d3f1c9a-0000-4000-8000-00000000a1ff', preferred_username: 'visitor@elsewhere.example' } });
    const res = await get('/api/my/audits', `Bearer ${token}`);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: 'forbidden', reason: 'notInDirectory' });
  });

  it('asks for a sign-in when there is no token', async () => {
    expect((await get('/api/my/audits')).statusCode).toBe(401);
  });

  it('refuses the demo cookie and has no demo routes', async () => {
    // Tenant mode keeps no session secret on disk: a well-formed cookie is simply not a sign-in.
    await expect(readFile(path.join(dataDir, 'session-secret'))).rejects.toThrow();
    const secret = randomBytes(32);
    const cookie = `${demoSessionCookie}=${new DemoSessions(secret).issue(worker.id, new Date())}`;
    expect((await get('/api/my/audits', undefined, cookie)).statusCode).toBe(401);
    expect((await get('/api/session', undefined, cookie)).statusCode).toBe(401);
    const signIn = await app.server.inject({ method: 'POST', url: '/api/session/demo', payload: { staffId: worker.id } });
    expect(signIn.statusCode).toBe(404);
    expect(signIn.cookies).toHaveLength(0);
    expect((await get('/api/session/demo-users')).statusCode).toBe(404);
  });
});
