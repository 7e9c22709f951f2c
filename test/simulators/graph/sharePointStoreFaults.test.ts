import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphError, type GraphClient } from '../../../bot/store/sharepoint/graphClient';
import { LISTS } from '../../../bot/store/sharepoint/listMigrations';
import { openSharePointStores, type SharePointStores } from '../../../bot/store/sharepoint/sharePointStores';
import { ConflictError, allPages } from '../../../bot/store/storeInterface';
import type { Audit } from '../../../shared/schemas/audits';
import type { TrailEntry } from '../../../shared/schemas/trail';
import { buildAudit } from '../../fixtures/builders';
import { freshSharePointStores, simClient } from './graphHarness';
import { GraphSimulator, LIST_VIEW_THRESHOLD } from './graphSimulator';

// The simulator's clock is the one the client's waits move, so honouring Retry-After frees budget.
const clock = { t: 0 };
const sim = new GraphSimulator({ now: () => clock.t });
let sent = 0;
let client: GraphClient;
let siteId = '';
let store: SharePointStores;

beforeAll(async () => {
  await sim.start();
  client = simClient(sim, clock, { timeoutMs: 2_000, onSend: () => sent++ });
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(async () => {
  sim.ruPerMinute = Number.POSITIVE_INFINITY;
  sim.resetThrottle();
  sim.clearFaults();
  ({ siteId, stores: store } = await freshSharePointStores(sim, client));
  sim.resetStats();
  sent = 0;
});

let entryNo = 0;
const entry = (auditId: string, field = 'grading.overall.grade'): TrailEntry => ({
  id: `tr-${String(++entryNo).padStart(6, '0')}`,
  auditId,
  at: '2026-11-23T10:00:00.000Z',
  actorId: 'staff-actor',
  kind: 'field',
  field,
  before: null,
  after: 'good',
  textLengths: null,
});
const onTrailList = (method: string, path: string) => method === 'POST' && path.includes('/items') && !path.includes('/fields') && path.includes(sim.listByName(siteId, LISTS.trail)?.id ?? '?');
const trailIds = async (auditId: string) => (await allPages((p) => store.trail.listByAudit(auditId, p))).map((t) => t.id);

describe('SharePoint store on the simulator: costs', () => {
  it('an autosave is one HTTP request of 4 resource units; a page read is one request of 2', async () => {
    const a = await store.audits.create(buildAudit(), []);
    sim.resetStats();
    sent = 0;
    const saved = await store.audits.update({ ...a, status: 'inProgress' }, a.etag, [entry(a.id)]);
    expect(sent).toBe(1);
    expect(sim.stats.resourceUnits).toBe(4); // PATCH item (2) + POST trail row (2)
    sim.resetStats();
    sent = 0;
    await store.audits.update({ ...saved, form: { ...saved.form, caseProfile: 'More.' } }, saved.etag, [entry(a.id, 'form.caseProfile')]);
    expect(sent).toBe(1);
    expect(sim.stats.resourceUnits).toBe(4);
    sim.resetStats();
    sent = 0;
    await store.audits.listByAuditor(a.auditorId);
    expect(sent).toBe(1);
    expect(sim.stats.resourceUnits).toBe(2);
    expect(sim.stats.honorNonIndexed).toBe(0);
  });
});

describe('SharePoint store on the simulator: faults', () => {
  it('rides out a 429 storm on an autosave and loses nothing', async () => {
    const a = await store.audits.create(buildAudit(), []);
    sim.inject({ kind: '429', count: 3, retryAfter: 2 });
    const before = clock.t;
    const e = entry(a.id);
    const saved = await store.audits.update({ ...a, status: 'inProgress' }, a.etag, [e]);
    expect(clock.t - before).toBeGreaterThanOrEqual(6_000);
    expect((await store.audits.get(a.id))?.status).toBe('inProgress');
    expect(saved.etag).toBe((await store.audits.get(a.id))?.etag);
    expect(await trailIds(a.id)).toEqual([e.id]);
  });

  it('throttles by the resource-unit budget and the store waits it out', async () => {
    sim.ruPerMinute = 12;
    sim.resetThrottle();
    const a = await store.audits.create(buildAudit(), []);
    let etag = a.etag;
    let current: Audit = a;
    for (let i = 0; i < 5; i++) {
      const next = await store.audits.update({ ...current, form: { ...current.form, caseProfile: `v${i}` } }, etag, [entry(a.id)]);
      etag = next.etag;
      current = next;
    }
    expect(sim.stats.throttled).toBeGreaterThan(0);
    expect((await store.audits.get(a.id))?.form.caseProfile).toBe('v4');
    expect(await trailIds(a.id)).toHaveLength(5);
  });

  it('recovers a half-applied batch: the audit committed, trail rows throttled; the next write completes the trail in order', async () => {
    const a = await store.audits.create(buildAudit(), []);
    const e1 = entry(a.id);
    const e2 = entry(a.id);
    sim.inject({ kind: '429', count: 100, retryAfter: 1, match: onTrailList });
    const saved = await store.audits.update({ ...a, status: 'inProgress' }, a.etag, [e1, e2]);
    sim.clearFaults();
    expect((await store.audits.get(a.id))?.status).toBe('inProgress');
    expect(await trailIds(a.id)).toEqual([]); // half-applied: the rows are only in the audit item
    const e3 = entry(a.id);
    await store.audits.update({ ...saved, dueDate: '2027-01-31' }, saved.etag, [e3]);
    expect(await trailIds(a.id)).toEqual([e1.id, e2.id, e3.id]);
  });

  it('recovers after a crash: another process reads the audit and its first write completes the trail', async () => {
    const a = await store.audits.create(buildAudit(), []);
    const e1 = entry(a.id);
    sim.inject({ kind: '429', count: 100, retryAfter: 1, match: onTrailList });
    await store.audits.update({ ...a, status: 'inProgress' }, a.etag, [e1]);
    sim.clearFaults();
    const other = await openSharePointStores(client, siteId); // a fresh process knows nothing
    const loaded = await other.audits.get(a.id);
    if (!loaded) throw new Error('missing');
    const e2 = entry(a.id);
    await other.audits.update({ ...loaded, dueDate: '2027-02-01' }, loaded.etag, [e2]);
    expect(await trailIds(a.id)).toEqual([e1.id, e2.id]);
  });

  it('settles a lost answer: the batch was applied but the reply never came; nothing is doubled', async () => {
    const a = await store.audits.create(buildAudit(), []);
    sim.inject({ kind: 'applyThenDrop', count: 1, match: (m, p) => m === 'POST' && p === '/$batch' });
    const e1 = entry(a.id);
    const saved = await store.audits.update({ ...a, status: 'inProgress' }, a.etag, [e1]);
    expect(saved.etag).toBe((await store.audits.get(a.id))?.etag);
    expect(await trailIds(a.id)).toEqual([e1.id]);
    expect(sim.itemFields(siteId, LISTS.trail)).toHaveLength(1);
  });

  it('reports a stale etag as a conflict even when the batch was retried', async () => {
    const a = await store.audits.create(buildAudit(), []);
    await store.audits.update({ ...a, status: 'inProgress' }, a.etag, []);
    sim.inject({ kind: '429', count: 1, retryAfter: 1 });
    await expect(store.audits.update({ ...a, dueDate: '2027-03-01' }, a.etag, [entry(a.id)])).rejects.toBeInstanceOf(ConflictError);
    expect(await trailIds(a.id)).toEqual([]);
  });

  it('gives up with the Graph error when throttling never ends', async () => {
    sim.inject({ kind: '503', count: 1000, retryAfter: 1 });
    await expect(store.audits.get('audit-x')).rejects.toBeInstanceOf(GraphError);
  });
});

describe('SharePoint store on the simulator: large lists', () => {
  it('queries 100,000 audits by auditor, case and team without a threshold error, paging through all of one team', async () => {
    const template = JSON.stringify(buildAudit({ id: 'big-00000' }));
    const dueDate = buildAudit().dueDate;
    const rows = Array.from({ length: 100_000 }, (_, i) => {
      const id = `big-${String(i).padStart(6, '0')}`;
      const doc = template.replace('"big-00000"', JSON.stringify(id)).replace(/"auditorId":"[^"]*"/, `"auditorId":"aud-${i % 1000}"`).replace(/"caseId":"[^"]*"/, `"caseId":"case-${i % 50000}"`).replace(/"teamId":"[^"]*"/, `"teamId":"team-${i % 40}"`);
      return { Title: id, RecordId: id, WriteId: 'seed', Doc: doc, AuditorId: `aud-${i % 1000}`, CaseId: `case-${i % 50000}`, TeamId: `team-${i % 40}`, DueKey: `${dueDate}|${id}`, Version: 1 };
    });
    sim.seedItems(siteId, LISTS.audits, rows);
    const mine = await allPages((p) => store.audits.listByAuditor('aud-7', p));
    expect(mine).toHaveLength(100);
    expect(mine.every((a) => a.auditorId === 'aud-7')).toBe(true);
    const team = await allPages((p) => store.audits.listByTeam('team-3', p));
    expect(team).toHaveLength(2500);
    expect(new Set(team.map((a) => a.id)).size).toBe(2500);
    expect((await store.audits.listByCase('case-11')).items.map((a) => a.id)).toEqual(['big-000011', 'big-050011']);
    expect(sim.stats.honorNonIndexed).toBe(0);
  });
});
