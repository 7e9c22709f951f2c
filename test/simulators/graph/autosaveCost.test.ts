import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../bot/app';
import { loadConfig } from '../../../bot/config/appConfig';
import type { AuditDetail } from '../../../shared/api/contracts';
import { actionPeople, setUpActionOrg } from '../../fixtures/actionOrg';
import { buildAudit, buildCase } from '../../fixtures/builders';
import { completeForm } from '../../fixtures/completeForm';
import type { Store } from '../../../bot/store/storeInterface';
import { freshSharePointStore, simClient } from './graphHarness';
import { GraphSimulator } from './graphSimulator';

const now = new Date('2026-11-25T10:00:00.000Z');
const sim = new GraphSimulator();
let sent = 0;
let dataDir = '';
let app: Awaited<ReturnType<typeof createApp>>;
let cookie = '';
let store: Store;
const auditId = 'aud-cost-1';

beforeAll(async () => {
  await sim.start();
  ({ store } = await freshSharePointStore(sim, simClient(sim, undefined, { onSend: () => sent++ })));
  const org = await setUpActionOrg(store);
  const childCase = await store.cases.put(buildCase({ id: 'case-cost-1', teamId: org.teamA, workerId: actionPeople.worker }), null);
  const base = buildAudit();
  await store.audits.create(
    buildAudit({ id: auditId, auditorId: actionPeople.qaLead, caseId: childCase.id, caseSnapshot: { ...base.caseSnapshot, teamId: org.teamA, workerId: actionPeople.worker } }),
    [],
  );
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'pa-sp-cost-'));
  app = await createApp(loadConfig({ DATA_DIR: dataDir, DEMO_DATA: 'off', LOG_LEVEL: 'silent', PORT: '0', TAB_DIR: 'dist/tab' }), {
    store,
    clock: () => now,
    dispatcher: false,
    reminders: false,
    actionNudges: false,
    concernEscalations: false,
  });
  const res = await app.server.inject({ method: 'POST', url: '/api/session/demo', payload: { staffId: actionPeople.qaLead } });
  const c = res.cookies.find((x) => x.name === 'pa_demo_session');
  if (!c) throw new Error(`sign-in failed: ${res.statusCode}`);
  cookie = `${c.name}=${c.value}`;
});
afterAll(async () => {
  await app.close();
  await sim.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const save = (etag: string, form: object) => app.server.inject({ method: 'PUT', url: `/api/audits/${auditId}/form`, headers: { cookie }, payload: { etag, form } });

describe('an autosave on the SharePoint store', () => {
  it('costs one $batch once the audit and the signed-in person are known, a read more for a newly named person, and a 409 on a stale etag', async () => {
    const detail = (await app.server.inject({ method: 'GET', url: `/api/audits/${auditId}`, headers: { cookie } })).json() as AuditDetail;
    const form = completeForm(detail, '2026-11-25');
    // The first save fills an empty form: dozens of trail rows, so several $batches of 20; not what is measured here.
    const first = await save(detail.audit.etag, form);
    expect(first.statusCode).toBe(200);
    let etag = (first.json() as { etag: string }).etag;
    for (let i = 0; i < 3; i++) {
      form.caseProfile = `Synthetic profile, draft ${i + 1}.`;
      sim.resetStats();
      sent = 0;
      const res = await save(etag, form);
      expect(res.statusCode).toBe(200);
      etag = (res.json() as { etag: string }).etag;
      // One request: the $batch (PATCH item 2 RU + one trail row 2 RU). The signed-in person is
      // remembered (bot/identity/signedInStaff.ts); nothing is read for authorisation or validation.
      expect(sent).toBe(1);
      expect(sim.stats.resourceUnits).toBe(4);
      expect(sim.stats.byKind['GET items']).toBeUndefined();
    }
    // A person the form names for the first time is checked: one read of 1 RU, then the write.
    form.actions = [{ id: 'c1', what: 'Update the plan.', sectionId: null, why: 'Out of date.', ownerId: actionPeople.owner, accountableManagerId: null, dueDate: '2026-12-04' }];
    sim.resetStats();
    sent = 0;
    const named = await save(etag, form);
    expect(named.statusCode).toBe(200);
    expect(sent).toBe(2);
    expect(sim.stats.byKind['GET items']?.count).toBe(1);
    etag = (named.json() as { etag: string }).etag;
    // The next save names nobody new: back to one request.
    form.caseProfile = 'Synthetic profile, final draft.';
    sim.resetStats();
    sent = 0;
    const again = await save(etag, form);
    expect(again.statusCode).toBe(200);
    expect(sent).toBe(1);
    // Another instance changes the audit: the kept version still matches the client's etag, and the
    // conditional write (412) refuses the save as a conflict.
    const current = await store.audits.get(auditId);
    if (!current) throw new Error('audit gone');
    const { etag: currentETag, ...rest } = current;
    await store.audits.update({ ...rest, form: { ...rest.form, caseProfile: 'Changed elsewhere.' } }, currentETag, []);
    form.caseProfile = 'Synthetic profile, after the other change.';
    const conflicted = await save((again.json() as { etag: string }).etag, form);
    expect(conflicted.statusCode).toBe(409);
    expect((await store.audits.get(auditId))?.form.caseProfile).toBe('Changed elsewhere.');
    // An etag this process did not write: the audit is read, and the stale etag is refused.
    const stale = await save(detail.audit.etag, form);
    expect(stale.statusCode).toBe(409);
  });
});
