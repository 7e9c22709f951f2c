import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type RunningApp } from '../../../bot/app';
import { newActionsNoticeId } from '../../../bot/actions/actionNotices';
import { loadConfig } from '../../../bot/config/appConfig';
import type { GraphClient } from '../../../bot/store/sharepoint/graphClient';
import { LISTS } from '../../../bot/store/sharepoint/listMigrations';
import { allPages, type Store } from '../../../bot/store/storeInterface';
import { actionIdFor } from '../../../shared/actions/actionIds';
import type { AuditDetail } from '../../../shared/api/contracts';
import type { DraftAction } from '../../../shared/schemas/audits';
import { actionPeople, setUpActionOrg, type ActionOrg } from '../../fixtures/actionOrg';
import { buildAudit } from '../../fixtures/builders';
import { completeForm } from '../../fixtures/completeForm';
import { freshSharePointStore, simClient } from './graphHarness';
import { GraphSimulator } from './graphSimulator';

/**
 * A submission on SharePoint is several writes with no transaction across them (the audit and its
 * trail, one item per live action, one outbox item per owner's card). Here the Graph simulator
 * breaks the sequence part-way, the auditor submits again, and the end state must be the same as
 * an unbroken submission: one submitted audit, three live actions, each card queued once.
 */

// The simulator's clock is the one the client's waits move, so Retry-After costs no real time.
const clock = { t: 0 };
const sim = new GraphSimulator({ now: () => clock.t });
const now = new Date('2026-11-25T10:00:00.000Z');
let client: GraphClient;
let siteId = '';
let store: Store;
let org: ActionOrg;
let app: RunningApp;
let dataDir = '';
let cookie = '';

beforeAll(async () => {
  await sim.start();
  client = simClient(sim, clock, { timeoutMs: 2_000 });
  ({ siteId, store } = await freshSharePointStore(sim, client));
  org = await setUpActionOrg(store);
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'pa-sp-submit-'));
  const config = loadConfig({ DATA_DIR: dataDir, DEMO_DATA: 'off', LOG_LEVEL: 'silent', PORT: '0', TAB_DIR: 'dist/tab' });
  app = await createApp(config, { store, clock: () => now, dispatcher: false, reminders: false, actionNudges: false, concernEscalations: false });
  const res = await app.server.inject({ method: 'POST', url: '/api/session/demo', payload: { staffId: actionPeople.qaLead } });
  const c = res.cookies.find((x) => x.name === 'pa_demo_session');
  if (!c) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  cookie = `${c.name}=${c.value}`;
});
afterAll(async () => {
  await app?.close();
  await sim.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  sim.clearFaults();
  sim.ruPerMinute = Number.POSITIVE_INFINITY;
  sim.resetThrottle();
});

const drafts: DraftAction[] = [
  { id: 'c1', what: 'Update the plan with the family.', sectionId: null, why: 'Out of date.', ownerId: actionPeople.owner, accountableManagerId: actionPeople.manager, dueDate: '2026-12-04' },
  { id: 'c2', what: 'Record the visit.', sectionId: null, why: 'Notes missing.', ownerId: actionPeople.owner, accountableManagerId: actionPeople.manager, dueDate: '2026-12-07' },
  { id: 'c3', what: 'Book the review.', sectionId: null, why: 'Overdue.', ownerId: actionPeople.worker, accountableManagerId: actionPeople.manager, dueDate: '2026-12-11' },
];

/** A fresh audit of team A allocated to the QA lead, filled in with three draft actions and saved; returns its id and etag. */
async function readyToSubmit(): Promise<{ auditId: string; etag: string }> {
  const base = buildAudit();
  const created = await store.audits.create(buildAudit({ auditorId: actionPeople.qaLead, status: 'inProgress', caseSnapshot: { ...base.caseSnapshot, teamId: org.teamA } }), []);
  const detailRes = await app.server.inject({ method: 'GET', url: `/api/audits/${created.id}`, headers: { cookie } });
  expect(detailRes.statusCode, detailRes.body).toBe(200);
  const detail = detailRes.json() as AuditDetail;
  const form = completeForm(detail, '2026-11-25');
  form.actions = drafts;
  const saved = await app.server.inject({ method: 'PUT', url: `/api/audits/${created.id}/form`, payload: { etag: detail.audit.etag, form }, headers: { cookie } });
  expect(saved.statusCode, saved.body).toBe(200);
  return { auditId: created.id, etag: (saved.json() as { etag: string }).etag };
}

const submit = (auditId: string, etag: string) => app.server.inject({ method: 'POST', url: `/api/audits/${auditId}/submit`, payload: { etag }, headers: { cookie } });

const listId = (name: string) => sim.listByName(siteId, name)?.id ?? '?';
/** Item creations on one list, whether sent alone or inside a $batch. */
const createsOn = (name: string) => (method: string, p: string) => method === 'POST' && p.endsWith(`/lists/${listId(name)}/items`);
/** Matches the nth (1-based) and later creations on a list; the counter sees every attempt. */
function fromNthCreate(name: string, n: number): (method: string, p: string) => boolean {
  let seen = 0;
  const on = createsOn(name);
  return (method, p) => on(method, p) && ++seen >= n;
}

const ownerNotices = (auditId: string) => [newActionsNoticeId(auditId, actionPeople.owner), newActionsNoticeId(auditId, actionPeople.worker)].sort();

/** The end state of one clean submission, read from the simulator's own items (duplicates would show). */
async function expectSubmittedOnce(auditId: string): Promise<void> {
  const rows = sim.itemFields(siteId, LISTS.audits).filter((f) => f['RecordId'] === auditId);
  expect(rows).toHaveLength(1);
  const audit = await store.audits.get(auditId);
  expect(audit?.status).toBe('submitted');
  const trail = await allPages((p) => store.trail.listByAudit(auditId, p));
  expect(trail.filter((e) => e.field === 'status' && e.after === 'submitted')).toHaveLength(1);
  expect(new Set(trail.map((e) => e.id)).size).toBe(trail.length);

  const actionRows = sim.itemFields(siteId, LISTS.actions).filter((f) => f['AuditId'] === auditId);
  expect(actionRows.map((f) => f['RecordId']).sort()).toEqual(drafts.map((d) => actionIdFor(auditId, d.id)).sort());
  const live = await store.actions.listByAudit(auditId);
  expect(live.map((a) => a.status)).toEqual(['open', 'open', 'open']);

  const outboxIds = sim.itemFields(siteId, LISTS.outbox).map((f) => String(f['RecordId']));
  expect(new Set(outboxIds).size).toBe(outboxIds.length);
  expect(outboxIds.filter((id) => id.includes(auditId)).sort()).toEqual(ownerNotices(auditId));
  for (const id of ownerNotices(auditId)) expect(await store.outbox.get(id)).toMatchObject({ status: 'queued' });
}

describe('submission on SharePoint, broken part-way and submitted again', () => {
  it('a clean submission: one audit, three actions, one card per owner; submitting again adds nothing', async () => {
    const { auditId, etag } = await readyToSubmit();
    expect((await submit(auditId, etag)).statusCode).toBe(200);
    await expectSubmittedOnce(auditId);
    const outboxBefore = sim.itemFields(siteId, LISTS.outbox).length;
    expect((await submit(auditId, etag)).statusCode).toBe(200);
    expect(sim.itemFields(siteId, LISTS.outbox)).toHaveLength(outboxBefore);
    await expectSubmittedOnce(auditId);
  });

  it('Graph stops answering at the second action: the submit fails, the audit is submitted with one action; the retry finishes it', async () => {
    const { auditId, etag } = await readyToSubmit();
    // 503 on every attempt from the second action's creation on, longer than the client and store retry.
    sim.inject({ kind: '503', count: 1000, retryAfter: 1, match: fromNthCreate(LISTS.actions, 2) });
    const first = await submit(auditId, etag);
    expect(first.statusCode).toBeGreaterThanOrEqual(500);
    expect((await store.audits.get(auditId))?.status).toBe('submitted');
    expect(sim.itemFields(siteId, LISTS.actions).filter((f) => f['AuditId'] === auditId)).toHaveLength(1);
    expect(sim.itemFields(siteId, LISTS.outbox).filter((f) => String(f['RecordId']).includes(auditId))).toHaveLength(0);
    sim.clearFaults();
    const again = await submit(auditId, etag);
    expect(again.statusCode, again.body).toBe(200);
    await expectSubmittedOnce(auditId);
  });

  it('Graph stops answering at the second card: the retry queues the missing card only', async () => {
    const { auditId, etag } = await readyToSubmit();
    sim.inject({ kind: '503', count: 1000, retryAfter: 1, match: fromNthCreate(LISTS.outbox, 2) });
    expect((await submit(auditId, etag)).statusCode).toBeGreaterThanOrEqual(500);
    expect(sim.itemFields(siteId, LISTS.actions).filter((f) => f['AuditId'] === auditId)).toHaveLength(3);
    expect(sim.itemFields(siteId, LISTS.outbox).filter((f) => String(f['RecordId']).includes(auditId))).toHaveLength(1);
    sim.clearFaults();
    expect((await submit(auditId, etag)).statusCode).toBe(200);
    await expectSubmittedOnce(auditId);
  });

  it('answers lost after being applied (the audit batch, an action, a card): nothing doubled, nothing lost', async () => {
    const { auditId, etag } = await readyToSubmit();
    sim.inject({ kind: 'applyThenDrop', count: 1, match: (m, p) => m === 'POST' && p === '/$batch' });
    sim.inject({ kind: 'applyThenDrop', count: 1, match: fromNthCreate(LISTS.actions, 2) });
    sim.inject({ kind: 'applyThenDrop', count: 1, match: createsOn(LISTS.outbox) });
    const first = await submit(auditId, etag);
    sim.clearFaults();
    // The store settles lost answers itself; if one still surfaced, the retry must finish the job.
    if (first.statusCode !== 200) expect((await submit(auditId, etag)).statusCode).toBe(200);
    await expectSubmittedOnce(auditId);
  });

  it('a 429 storm during the submit: the client waits it out and nothing is lost', async () => {
    const { auditId, etag } = await readyToSubmit();
    const before = clock.t;
    sim.inject({ kind: '429', count: 5, retryAfter: 3 });
    sim.inject({ kind: '429', count: 5, retryAfter: 3, match: createsOn(LISTS.actions) });
    sim.inject({ kind: '429', count: 5, retryAfter: 3, match: createsOn(LISTS.outbox) });
    const res = await submit(auditId, etag);
    expect(res.statusCode, res.body).toBe(200);
    expect(clock.t - before).toBeGreaterThanOrEqual(15 * 3_000);
    await expectSubmittedOnce(auditId);
  });

  it('a throttling budget too small for the submission: every write waits for the budget, and nothing is lost', async () => {
    const { auditId, etag } = await readyToSubmit();
    sim.ruPerMinute = 10;
    sim.resetThrottle();
    sim.resetStats();
    const res = await submit(auditId, etag);
    expect(res.statusCode, res.body).toBe(200);
    expect(sim.stats.throttled).toBeGreaterThan(0);
    sim.ruPerMinute = Number.POSITIVE_INFINITY;
    await expectSubmittedOnce(auditId);
  });
});
