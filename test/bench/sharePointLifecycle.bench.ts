/**
 * Tenant mode's cost on SharePoint, measured on the Graph simulator (test/simulators/graph):
 * 1. Graph requests and resource units for one audit's lifecycle through the REST API — publish a
 *    round of one allocation, open the audit, 30 autosaves, submit with 3 actions, the owner marks
 *    one done and the manager approves it. Outbox delivery is not included (about 4.1 RU per
 *    notification, test/simulators/graph/sharePointWorkStores.test.ts); the notifications queued are counted.
 * 2. Query latency with 100,000 audits (and proportional cases, actions, trail and outbox) seeded
 *    straight into the simulator: median and p95 over 50 queries of each kind the product makes.
 *    The latency is this process's store and Graph client plus the simulator on loopback (which
 *    scans its in-memory list per query): a comparison between query kinds, not SharePoint's speed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../bot/app';
import { loadConfig } from '../../bot/config/appConfig';
import { LISTS } from '../../bot/store/sharepoint/listMigrations';
import { allPages, type Store } from '../../bot/store/storeInterface';
import { actionCardVersion } from '../../shared/actions/actionLifecycle';
import type { AuditDetail } from '../../shared/api/contracts';
import { roundAuditId } from '../../shared/rounds/roundRules';
import { actionPeople, setUpActionOrg } from '../fixtures/actionOrg';
import { buildAction, buildAudit, buildCase } from '../fixtures/builders';
import { completeForm } from '../fixtures/completeForm';
import { buildRound } from '../contract/roundContract';
import { freshSharePointStore, simClient } from '../simulators/graph/graphHarness';
import { GraphSimulator } from '../simulators/graph/graphSimulator';

const now = new Date('2026-11-25T10:00:00.000Z');

async function lifecycle(): Promise<void> {
  const sim = new GraphSimulator();
  await sim.start();
  let sent = 0;
  const client = simClient(sim, undefined, { onSend: () => sent++ });
  const { siteId, store } = await freshSharePointStore(sim, client);
  const org = await setUpActionOrg(store);
  const childCase = await store.cases.put(buildCase({ id: 'case-bench-1', teamId: org.teamA, workerId: actionPeople.worker }), null);
  const round = buildRound({
    id: 'rnd-bench-1',
    auditType: 'childsJourneyMonthly',
    auditorIds: [actionPeople.qaLead],
    casesPerAuditor: 1,
    dueDate: '2026-12-18',
    createdBy: actionPeople.qaLead,
    allocations: [{ caseId: childCase.id, auditorId: actionPeople.qaLead, conflicts: [], reason: 'Picked at random' }],
  });
  await store.rounds.put(round, null);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pa-sp-bench-'));
  const app = await createApp(loadConfig({ DATA_DIR: dataDir, DEMO_DATA: 'off', LOG_LEVEL: 'silent', PORT: '0', TAB_DIR: 'dist/tab' }), {
    store,
    clock: () => now,
    dispatcher: false,
    reminders: false,
    actionNudges: false,
    concernEscalations: false,
  });
  const signIn = async (staffId: string) => {
    const res = await app.server.inject({ method: 'POST', url: '/api/session/demo', payload: { staffId } });
    const c = res.cookies.find((x) => x.name === 'pa_demo_session');
    if (!c) throw new Error(`sign-in failed: ${res.statusCode}`);
    return `${c.name}=${c.value}`;
  };
  const lead = await signIn(actionPeople.qaLead);
  const owner = await signIn(actionPeople.owner);
  const manager = await signIn(actionPeople.manager);
  const call = async (method: 'GET' | 'PUT' | 'POST', url: string, cookie: string, payload?: object) => {
    const res = await app.server.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    if (res.statusCode !== 200) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return res.json() as unknown;
  };

  const rows: { step: string; requests: number; ru: number; byKind: string }[] = [];
  const outboxBefore = sim.itemFields(siteId, LISTS.outbox).length;
  const measure = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    sim.resetStats();
    sent = 0;
    const out = await run();
    const byKind = Object.entries(sim.stats.byKind)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => `${k} ×${v.count}`)
      .join(', ');
    rows.push({ step, requests: sent, ru: sim.stats.resourceUnits, byKind });
    return out;
  };

  await measure('publish a round of one allocation', () => call('POST', `/api/rounds/${round.id}/publish`, lead, { confirmConflicts: false }));
  const auditId = roundAuditId(round.id, childCase.id);
  const detail = await measure('open the audit (auditor)', async () => (await call('GET', `/api/audits/${auditId}`, lead)) as AuditDetail);
  const form = completeForm(detail, '2026-11-25');
  form.actions = [
    { id: 'b1', what: 'Update the plan.', sectionId: null, why: 'Out of date.', ownerId: actionPeople.owner, accountableManagerId: actionPeople.manager, dueDate: '2026-12-04' },
    { id: 'b2', what: 'Record the visit.', sectionId: null, why: 'Notes missing.', ownerId: actionPeople.owner, accountableManagerId: actionPeople.manager, dueDate: '2026-12-07' },
    { id: 'b3', what: 'Book the review.', sectionId: null, why: 'Overdue.', ownerId: actionPeople.worker, accountableManagerId: actionPeople.manager, dueDate: '2026-12-11' },
  ];
  let etag = detail.audit.etag;
  await measure('30 autosaves', async () => {
    for (let i = 0; i < 30; i++) {
      form.caseProfile = `Synthetic case profile, draft ${i + 1}.`;
      const saved = (await call('PUT', `/api/audits/${auditId}/form`, lead, { etag, form })) as { etag?: string; saved?: boolean };
      if (!saved.etag) throw new Error(`autosave ${i + 1} was not saved: ${JSON.stringify(saved)}`);
      etag = saved.etag;
    }
  });
  await measure('submit with 3 actions', () => call('POST', `/api/audits/${auditId}/submit`, lead, { etag }));
  const action = (await store.actions.listByAudit(auditId)).find((a) => a.ownerId === actionPeople.owner);
  if (!action) throw new Error('no live action');
  await measure('owner marks one action done', () => call('POST', `/api/actions/${action.id}/done`, owner, { version: actionCardVersion(action), note: 'Plan updated.' }));
  const done = await store.actions.get(action.id);
  if (!done) throw new Error('action gone');
  await measure('manager approves it', () => call('POST', `/api/actions/${action.id}/approve`, manager, { version: actionCardVersion(done) }));
  const queued = sim.itemFields(siteId, LISTS.outbox).length - outboxBefore;

  console.log('Graph requests and resource units per audit lifecycle (REST API on the SharePoint store, simulator counters):');
  for (const r of rows) console.log(`  ${r.step.padEnd(36)} ${String(r.requests).padStart(4)} requests ${String(r.ru).padStart(5)} RU`);
  const total = rows.reduce((s, r) => ({ requests: s.requests + r.requests, ru: s.ru + r.ru }), { requests: 0, ru: 0 });
  console.log(`  ${'whole lifecycle'.padEnd(36)} ${String(total.requests).padStart(4)} requests ${String(total.ru).padStart(5)} RU`);
  const autosave = rows.find((r) => r.step === '30 autosaves');
  if (autosave) {
    console.log(`  per autosave: ${(autosave.requests / 30).toFixed(1)} requests, ${(autosave.ru / 30).toFixed(1)} RU (the reads that authorise and validate it, the write, the concern check)`);
    console.log(`  30 autosaves by Graph request kind (a $batch's inner requests counted too): ${autosave.byKind}`);
  }
  console.log(`  notifications queued on the way: ${queued} (delivery about 4.1 RU each, not included)`);
  await app.close();
  await sim.stop();
  await rm(dataDir, { recursive: true, force: true });
}

type Fields = Record<string, string | number | boolean | null>;

async function queryLatency(): Promise<void> {
  const AUDITS = 100_000;
  const CASES = 50_000;
  const ACTIONS = 60_000;
  const sim = new GraphSimulator();
  await sim.start();
  const { siteId, store } = await freshSharePointStore(sim, simClient(sim));
  const pad = (n: number) => String(n).padStart(6, '0');
  // Copies of one record written through the store, ids swapped, so the columns are the store's own.
  const template = (list: string, recordId: string) => {
    const proto = sim.itemFields(siteId, list).find((f) => f['RecordId'] === recordId);
    if (!proto) throw new Error(`no prototype in ${list}`);
    sim.deleteWhere(siteId, list, (f) => f['RecordId'] === recordId);
    const text = JSON.stringify(proto);
    return (subs: [string, string][]): Fields => {
      let t = text;
      for (const [from, to] of subs) t = t.split(from).join(to);
      return JSON.parse(t) as Fields;
    };
  };
  const seed = (list: string, n: number, row: (i: number) => Fields) => {
    for (let s = 0; s < n; s += 10_000) sim.seedItems(siteId, list, Array.from({ length: Math.min(10_000, n - s) }, (_, k) => row(s + k)));
  };
  const started = performance.now();
  const base = buildAudit();
  await store.audits.create(buildAudit({ id: 'ZAUDZ', auditorId: 'ZAUDITORZ', caseId: 'ZCASEZ', caseSnapshot: { ...base.caseSnapshot, teamId: 'ZTEAMZ' } }), []);
  const audit = template(LISTS.audits, 'ZAUDZ');
  seed(LISTS.audits, AUDITS, (i) => audit([['ZAUDITORZ', `auditor-${i % 1000}`], ['ZAUDZ', `aud-${pad(i)}`], ['ZCASEZ', `case-${pad(i % CASES)}`], ['ZTEAMZ', `team-${i % 40}`]]));
  await store.cases.put(buildCase({ id: 'ZCASEZ', caseRef: 'ZREFZ', teamId: 'ZTEAMZ' }), null);
  const childCase = template(LISTS.cases, 'ZCASEZ');
  seed(LISTS.cases, CASES, (i) => childCase([['ZCASEZ', `case-${pad(i)}`], ['ZREFZ', `TC${pad(i)}`], ['ZTEAMZ', `team-${i % 40}`]]));
  await store.actions.create(buildAction({ id: 'ZACTZ', auditId: 'ZAUDZ', caseId: 'ZCASEZ', teamId: 'ZTEAMZ', ownerId: 'ZOWNERZ' }));
  const action = template(LISTS.actions, 'ZACTZ');
  seed(LISTS.actions, ACTIONS, (i) => action([['ZACTZ', `act-${pad(i)}`], ['ZAUDZ', `aud-${pad(i)}`], ['ZCASEZ', `case-${pad(i % CASES)}`], ['ZTEAMZ', `team-${i % 40}`], ['ZOWNERZ', `owner-${i % 2000}`]]));
  seed(LISTS.trail, AUDITS, (i) => {
    const auditId = `aud-${pad(i % 20_000)}`;
    const id = `trl-${pad(i)}`;
    return { Title: id, RecordId: id, AuditId: auditId, Seq: `2026-11-23T10:00:00.000Z|${pad(i)}`, Doc: JSON.stringify({ id, auditId, at: '2026-11-23T10:00:00.000Z', actorId: 'staff-actor', kind: 'field', field: 'form.caseProfile', before: null, after: null, textLengths: null }) };
  });
  await store.outbox.enqueue({ id: 'ZNOTEZ', conversationKey: 'staff:s', recipientId: 's', kind: 'reminder', payload: { type: 'AdaptiveCard', version: '1.5', body: [] }, priority: 'routine' });
  const note = template(LISTS.outbox, 'ZNOTEZ');
  seed(LISTS.outbox, 30_300, (i) => {
    const status = i < 30_000 ? 'sent' : 'queued';
    const f = note([['ZNOTEZ', `n-${pad(i)}`], ['"status":"queued"', `"status":"${status}"`]]);
    f['Status'] = status;
    return f;
  });
  console.log(`seeded ${AUDITS} audits, ${CASES} cases, ${ACTIONS} actions, ${AUDITS} trail entries, 30,300 notifications in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const kinds: { name: string; run: (i: number) => Promise<number> }[] = [
    { name: 'audits by auditor (all pages)', run: async (i) => (await allPages((p) => store.audits.listByAuditor(`auditor-${(i * 37) % 1000}`, p))).length },
    { name: 'audits by case', run: async (i) => (await store.audits.listByCase(`case-${pad((i * 997) % CASES)}`)).items.length },
    { name: 'audits by team (first page)', run: async (i) => (await store.audits.listByTeam(`team-${i % 40}`)).items.length },
    { name: 'audits by team (all 2,500)', run: async (i) => (await allPages((p) => store.audits.listByTeam(`team-${i % 40}`, p))).length },
    { name: 'cases by team (all 1,250)', run: async (i) => (await allPages((p) => store.cases.listByTeam(`team-${i % 40}`, p))).length },
    { name: 'actions by owner (all pages)', run: async (i) => (await allPages((p) => store.actions.listByOwner(`owner-${(i * 41) % 2000}`, p))).length },
    { name: 'actions by team (all 1,500)', run: async (i) => (await allPages((p) => store.actions.listByTeam(`team-${i % 40}`, p))).length },
    { name: 'actions by audit', run: async (i) => (await store.actions.listByAudit(`aud-${pad((i * 1009) % ACTIONS)}`)).length },
    { name: 'trail by audit (first page)', run: async (i) => (await store.trail.listByAudit(`aud-${pad((i * 389) % 20_000)}`)).items.length },
    { name: 'outbox queued (first page)', run: async () => (await store.outbox.listByStatus('queued')).items.length },
    { name: 'audit by id', run: async (i) => ((await store.audits.get(`aud-${pad((i * 7919) % AUDITS)}`)) ? 1 : 0) },
  ];
  console.log('Query latency at 100,000 audits, 50 queries each (store + Graph client + simulator on loopback):');
  for (const k of kinds) {
    const times: number[] = [];
    let items = 0;
    sim.resetStats();
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      items += await k.run(i);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const at = (p: number) => (times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0).toFixed(1);
    console.log(
      `  ${k.name.padEnd(32)} median ${at(0.5).padStart(7)} ms  p95 ${at(0.95).padStart(7)} ms  ${(sim.stats.requests / 50).toFixed(1)} requests, ${(sim.stats.resourceUnits / 50).toFixed(1)} RU, ${(items / 50).toFixed(0)} items per query`,
    );
  }
  console.log(`  threshold refusals: none (every query above succeeded); Prefer HonorNonIndexed sent: ${sim.stats.honorNonIndexed}`);
  await sim.stop();
}

async function main() {
  await lifecycle();
  await queryLatency();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
