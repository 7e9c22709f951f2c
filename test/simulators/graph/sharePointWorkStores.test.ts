import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { NewNotification } from '../../../bot/delivery/outboxStore';
import type { GraphClient } from '../../../bot/store/sharepoint/graphClient';
import { LISTS } from '../../../bot/store/sharepoint/listMigrations';
import { openSharePointStore } from '../../../bot/store/sharepoint/openSharePointStore';
import { allPages, type Store } from '../../../bot/store/storeInterface';
import type { TrailEntry } from '../../../shared/schemas/trail';
import { buildAction, buildAudit } from '../../fixtures/builders';
import { buildProposal } from '../../contract/meetingProposalContract';
import { freshSharePointStore, simClient } from './graphHarness';
import { GraphSimulator, LIST_VIEW_THRESHOLD } from './graphSimulator';

// The simulator's clock is the one the client's waits move, so honouring Retry-After frees budget.
const clock = { t: 0 };
const sim = new GraphSimulator({ now: () => clock.t });
let sent = 0;
let client: GraphClient;
let siteId = '';
let store: Store;

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
  ({ siteId, store } = await freshSharePointStore(sim, client));
  sim.resetStats();
  sent = 0;
});

let n = 0;
const note = (over: Partial<NewNotification> = {}): NewNotification => ({
  id: `n-${++n}`,
  conversationKey: 'staff:staff-1',
  recipientId: 'staff-1',
  kind: 'auditAllocated',
  payload: { type: 'AdaptiveCard', version: '1.5', body: [] },
  priority: 'routine',
  ...over,
});
const entry = (auditId: string): TrailEntry => ({
  id: `tr-w-${String(++n).padStart(6, '0')}`,
  auditId,
  at: '2026-11-23T10:00:00.000Z',
  actorId: 'staff-actor',
  kind: 'status',
  field: 'actions.x.status',
  before: 'open',
  after: 'done',
  textLengths: null,
});
const onTrailList = (method: string, path: string) => method === 'POST' && path.includes(sim.listByName(siteId, LISTS.trail)?.id ?? '?') && !path.includes('/fields');
const trailIds = async (auditId: string) => (await allPages((p) => store.trail.listByAudit(auditId, p))).map((t) => t.id);

describe('SharePoint outbox on the simulator', () => {
  it('costs about 4 resource units per notification delivered (claim + mark sent), with no read before marking', async () => {
    for (let i = 0; i < 20; i++) await store.outbox.enqueue(note());
    const enqueueRu = sim.stats.resourceUnits / 20;
    sim.resetStats();
    sent = 0;
    const claimed = await store.outbox.claimDue(new Date(Date.now() + 1000), 20);
    expect(claimed).toHaveLength(20);
    expect(sent).toBe(2); // one query, one $batch of 20 conditional PATCHes
    for (const c of claimed) await store.outbox.markSent(c.id, `1:${c.id}`);
    expect(sent).toBe(22);
    const perNotification = sim.stats.resourceUnits / 20;
    expect(enqueueRu).toBe(2);
    expect(perNotification).toBe(4.1); // (query 2 + 20 claims × 2 + 20 mark-sent × 2) / 20
    expect(sim.stats.honorNonIndexed).toBe(0);
    expect((await store.outbox.countByStatus()).sent).toBe(20);

    // A lone notification, claimed by a dispatcher asking for up to 10: one query, one claim, one mark.
    const lone = await store.outbox.enqueue(note());
    sim.resetStats();
    expect((await store.outbox.claimDue(new Date(Date.now() + 1000), 10)).map((x) => x.id)).toEqual([lone.id]);
    await store.outbox.markSent(lone.id, null);
    expect(sim.stats.resourceUnits).toBe(6);
  });

  it('two instances claiming at once never take the same notification, and between them take all', async () => {
    const other = await openSharePointStore(client, siteId); // a second App Service instance
    for (let i = 0; i < 60; i++) await store.outbox.enqueue(note({ priority: i % 3 === 0 ? 'urgent' : 'routine' }));
    const now = new Date(Date.now() + 1000);
    const [a, b, c] = await Promise.all([store.outbox.claimDue(now, 40), other.outbox.claimDue(now, 40), other.outbox.claimDue(now, 40)]);
    const ids = [...a, ...b, ...c].map((x) => x.id);
    expect(ids).toHaveLength(60);
    expect(new Set(ids).size).toBe(60);
    expect((await store.outbox.countByStatus()).sending).toBe(60);
  });

  it('rides out inner 429s on the claim batch and claims each once', async () => {
    for (let i = 0; i < 5; i++) await store.outbox.enqueue(note());
    sim.inject({ kind: '429', count: 3, retryAfter: 1, match: (m, p) => m === 'PATCH' && p.endsWith('/fields') });
    sent = 0;
    const claimed = await store.outbox.claimDue(new Date(Date.now() + 1000), 10);
    expect(new Set(claimed.map((x) => x.id)).size).toBe(5);
    expect(sent).toBe(3); // the query, the batch, and one more batch for the three throttled claims
    expect(await store.outbox.claimDue(new Date(Date.now() + 1000), 10)).toEqual([]);
  });

  it('marks sent from another instance (no eTag held) by reading first; a stale held eTag is re-read, not lost', async () => {
    await store.outbox.enqueue(note());
    const [c] = await store.outbox.claimDue(new Date(Date.now() + 1000), 1);
    if (!c) throw new Error('nothing claimed');
    const other = await openSharePointStore(client, siteId);
    await other.outbox.release(c.id, new Date(0)); // the other instance moves it on
    const [again] = await other.outbox.claimDue(new Date(Date.now() + 1000), 1);
    expect(again?.id).toBe(c.id);
    // This instance still holds the claim's eTag, now stale: it reads again and succeeds.
    await expect(store.outbox.markSent(c.id, '1:x')).resolves.toMatchObject({ status: 'sent', activityId: '1:x' });
  });

  it('claims from a list holding more sent notifications than the list view threshold', async () => {
    const template = { conversationKey: 'c', recipientId: 'staff-1', kind: 'k', payload: {}, priority: 'routine', status: 'sent', attempts: 1, activityId: null, lastError: null, undeliverableReason: null };
    const rows = Array.from({ length: LIST_VIEW_THRESHOLD + 1000 }, (_, i) => {
      const id = `old-${String(i).padStart(6, '0')}`;
      const at = '2026-10-01T09:00:00.000Z';
      const doc = JSON.stringify({ id, ...template, nextAttemptAt: at, createdAt: at, updatedAt: at });
      return { Title: id, RecordId: id, WriteId: 'seed', Doc: doc, Status: 'sent', ClaimKey: `1|${at}|${id}`, CreatedKey: `${at}|${id}` };
    });
    sim.seedItems(siteId, LISTS.outbox, rows);
    const fresh = await store.outbox.enqueue(note());
    expect((await store.outbox.claimDue(new Date(Date.now() + 1000), 10)).map((x) => x.id)).toEqual([fresh.id]);
    expect(await store.outbox.resetSending()).toBe(1);
    expect((await store.outbox.listByStatus('queued')).items.map((x) => x.id)).toEqual([fresh.id]);
    expect(sim.stats.honorNonIndexed).toBe(0);
  });
});

describe('SharePoint work stores on the simulator: trail written with the record', () => {
  it('an action step is one request; with its trail row throttled it commits, and the next write completes the trail', async () => {
    const audit = await store.audits.create(buildAudit(), []);
    const action = await store.actions.create(buildAction({ auditId: audit.id }));
    sim.resetStats();
    sent = 0;
    const e1 = entry(audit.id);
    sim.inject({ kind: '429', count: 100, retryAfter: 1, match: onTrailList });
    const done = await store.actions.update({ ...action, status: 'done', doneNote: 'Done.', doneAt: '2026-11-25T10:00:00.000Z' }, action.etag, [e1]);
    sim.clearFaults();
    expect((await store.actions.get(action.id))?.status).toBe('done');
    expect(await trailIds(audit.id)).toEqual([]);
    // A fresh process (knowing nothing) approves it: its write posts the missing row first.
    const other = await openSharePointStore(client, siteId);
    const loaded = await other.actions.get(action.id);
    if (!loaded) throw new Error('missing');
    const e2 = entry(audit.id);
    await other.actions.update({ ...loaded, status: 'approved', approvedById: 'staff-manager', approvedAt: '2026-11-26T10:00:00.000Z' }, done.etag, [e2]);
    expect(await trailIds(audit.id)).toEqual([e1.id, e2.id]);
    expect((await store.audits.get(audit.id))?.etag).toBe(audit.etag);
  });

  it('a proposal whose answer was lost is created once, with one trail row, and a replay reports it as existing', async () => {
    const audit = await store.audits.create(buildAudit(), []);
    const p = buildProposal(audit.id);
    const e = { ...entry(audit.id), kind: 'meeting' as const, field: `meetings.${p.id}` };
    sim.inject({ kind: 'applyThenDrop', count: 1, match: (m, path) => m === 'POST' && path === '/$batch' });
    const first = await store.meetings.create(p, [e]);
    expect(first.created).toBe(true);
    const replay = await store.meetings.create(p, [{ ...e, id: `${e.id}-b` }]);
    expect(replay).toEqual({ proposal: first.proposal, created: false });
    expect(await trailIds(audit.id)).toEqual([e.id]);
    expect(sim.itemFields(siteId, LISTS.meetings)).toHaveLength(1);
  });

  it('an action create replayed after a lost answer returns the one stored action', async () => {
    const a = buildAction();
    sim.inject({ kind: 'applyThenDrop', count: 1, match: (m, path) => m === 'POST' && path === '/$batch' });
    const first = await store.actions.create(a);
    expect(await store.actions.create(a)).toEqual(first);
    expect(sim.itemFields(siteId, LISTS.actions)).toHaveLength(1);
  });

  it("lists one owner's actions with more than the threshold in the list", async () => {
    const template = buildAction({ id: 'big-000000' });
    const rows = Array.from({ length: LIST_VIEW_THRESHOLD + 2000 }, (_, i) => {
      const id = `big-${String(i).padStart(6, '0')}`;
      const doc = JSON.stringify({ ...template, id, ownerId: `own-${i % 100}`, auditId: `au-${i % 3000}` });
      return { Title: id, RecordId: id, WriteId: 'seed', Doc: doc, AuditId: `au-${i % 3000}`, CaseId: template.caseId, TeamId: `team-${i % 10}`, OwnerId: `own-${i % 100}`, DueKey: `${template.dueDate}|${id}`, Version: 1 };
    });
    sim.seedItems(siteId, LISTS.actions, rows);
    expect(await allPages((p) => store.actions.listByOwner('own-7', p))).toHaveLength(70);
    expect(await allPages((p) => store.actions.listByTeam('team-3', p))).toHaveLength(700);
    expect((await store.actions.listByAudit('au-5')).map((a) => a.id)).toEqual(['big-000005', 'big-003005', 'big-006005']);
    expect(sim.stats.honorNonIndexed).toBe(0);
  });
});
