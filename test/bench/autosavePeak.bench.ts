/**
 * Peak autosaving against SharePoint's lowest throttling band (1,250 RU a minute per app per tenant).
 *
 * What is real: the AuditService (authorisation, validation, trail diff), its autosave budget
 * (bot/audits/saveBudget.ts at 900 RU a minute), the SharePoint store and GraphClient, over HTTP to the
 * Graph simulator set to 1,250 RU a minute. What is simulated: time (one clock drives the simulator, the
 * budget, the service and the GraphClient's Retry-After waits; requests take no simulated time), the
 * signed-in person's record read as every request authenticates (bot/identity/signedInStaff.ts, 5 minutes), and the
 * tab: each auditor is a model of tab/src/auditForm/autosaveQueue.ts (800 ms debounce, one save in flight,
 * typing during a save re-arms the debounce, a 202 "not saved yet" waits the server's retryAfterMs plus up
 * to 20% jitter without being cut short by typing, then sends the newest form). The concern checks that run
 * after a save in the app (onAuditChanged) are left out.
 *
 * Typing: each of AUDITORS (200) auditors types in bursts (a keystroke every 150–400 ms for 5–40 s), with
 * pauses of 3–40 s, for MINUTES (10) simulated minutes; then saving runs until every tab has settled.
 * Prints: Graph 429s that reached a user (target 0), keystrokes lost (target 0: each audit as stored equals
 * its auditor's last typed form), save lag p50/p95/max (keystroke to stored), RU a minute.
 */
import { GraphError } from '../../bot/store/sharepoint/graphClient';
import { SignedInStaff } from '../../bot/identity/signedInStaff';
import { AuditService } from '../../bot/audits/auditService';
import { AUTOSAVE_RU_PER_SAVE, READ_RU, SaveBudget } from '../../bot/audits/saveBudget';
import { AppError } from '../../bot/http/appError';
import { TemplateCatalogue, builtInTemplates } from '../../shared/templates/templateCatalogue';
import { resolveCouncilSettings } from '../../shared/settings/councilSettings';
import { createRandom } from '../../shared/random/seededRandom';
import type { StaffMember } from '../../shared/schemas/staff';
import type { AuditForm } from '../../shared/schemas/audits';
import { buildAudit, buildCase, buildService, buildStaff, buildTeam } from '../fixtures/builders';
import { GraphSimulator } from '../simulators/graph/graphSimulator';
import { freshSharePointStore, simClient } from '../simulators/graph/graphHarness';

const AUDITORS = Number(process.env.AUDITORS ?? 200);
const MINUTES = Number(process.env.MINUTES ?? 10);
const BUDGET_RU = Number(process.env.AUTOSAVE_RU_PER_MINUTE ?? 900);
const DEBOUNCE_MS = 800;
const BASE = Date.parse('2026-11-23T09:00:00.000Z');

interface Auditor {
  staff: StaffMember;
  auditId: string;
  etag: string;
  form: AuditForm;
  /** Keystroke n was typed at typedAt[n - 1]. */
  typedAt: number[];
  typed: number;
  stored: number;
  inFlight: boolean;
  /** Pending timer: when it fires, and whether typing may re-arm it. */
  timer: { at: number; seq: number } | null;
  deferred: boolean;
  burstEnds: number;
}

type Event = { at: number; who: number; kind: 'key' } | { at: number; who: number; kind: 'timer'; seq: number };

/** A binary heap of events by time. */
class Events {
  private heap: Event[] = [];
  get size() {
    return this.heap.length;
  }
  push(e: Event) {
    const h = this.heap;
    h.push(e);
    for (let i = h.length - 1; i > 0; ) {
      const p = (i - 1) >> 1;
      if (h[p]!.at <= h[i]!.at) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }
  pop(): Event | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length && last) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l]!.at < h[m]!.at) m = l;
        if (r < h.length && h[r]!.at < h[m]!.at) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i]!, h[m]!];
        i = m;
      }
    }
    return top;
  }
}

async function main() {
  const clock = { t: 0 };
  const sim = new GraphSimulator({ now: () => clock.t });
  await sim.start();
  const client = simClient(sim, clock, { timeoutMs: 30_000 });
  const { store } = await freshSharePointStore(sim, client);

  const svc = buildService({ id: 'service-a' });
  await store.services.put(svc, null);
  await store.teams.put(buildTeam({ id: 'team-a', serviceId: svc.id }), null);
  const auditors: Auditor[] = [];
  for (let i = 0; i < AUDITORS; i++) {
    const staff = buildStaff({ jobRoles: ['worker'], teamId: 'team-a' });
    await store.staff.put(staff, null);
    const c = buildCase({ teamId: 'team-a' });
    await store.cases.put(c, null);
    const a = await store.audits.create(buildAudit({ auditorId: staff.id, caseId: c.id }), []);
    auditors.push({ staff, auditId: a.id, etag: a.etag, form: a.form, typedAt: [], typed: 0, stored: 0, inFlight: false, timer: null, deferred: false, burstEnds: 0 });
  }

  const budget = new SaveBudget({ ruPerMinute: BUDGET_RU, ruPerSave: AUTOSAVE_RU_PER_SAVE, now: () => clock.t });
  const service = new AuditService({
    store,
    templates: new TemplateCatalogue(builtInTemplates()),
    settings: resolveCouncilSettings({}).auditTypes,
    clock: () => new Date(BASE + clock.t),
    newId: (() => {
      let n = 0;
      return (prefix: string) => `${prefix}_${++n}`;
    })(),
    saveBudget: budget,
  });

  // Each request first finds who is signed in, as bot/http/server.ts does.
  const cache = new SignedInStaff({ now: () => clock.t, onRead: () => budget.spend(READ_RU) });
  cache.watching(store);
  const signedIn = cache.lookups();

  sim.ruPerMinute = 1_250;
  sim.resetThrottle();
  sim.resetStats();

  const random = createRandom(20261123);
  const events = new Events();
  const endTyping = MINUTES * 60_000;
  let timerSeq = 0;
  const counts = { saves: 0, deferred: 0, userErrors: 0, graph429ToUser: 0, conflicts: 0 };
  const lags: number[] = [];
  const ruByMinute: number[] = [];
  let minuteMark = 60_000;
  let ruAtMark = 0;

  const arm = (who: number, ms: number) => {
    const a = auditors[who]!;
    a.timer = { at: clock.t + ms, seq: ++timerSeq };
    events.push({ at: a.timer.at, who, kind: 'timer', seq: a.timer.seq });
  };
  const textOf = (n: number) => `Typed ${n} keystrokes.`;

  const send = async (who: number) => {
    const a = auditors[who]!;
    if (a.inFlight || a.stored === a.typed) return;
    const sending = a.typed;
    a.inFlight = true;
    try {
      if (!(await signedIn.get(a.staff.id))) throw new Error('signed-in person not found');
      const r = await service.saveForm(a.staff, a.auditId, a.etag, { ...a.form, caseProfile: textOf(sending) });
      a.inFlight = false;
      if ('saved' in r) {
        counts.deferred++;
        arm(who, r.retryAfterMs + Math.round(Math.min(2_000, r.retryAfterMs * 0.2) * random.next()));
        a.deferred = true;
        return;
      }
      counts.saves++;
      a.etag = r.etag;
      for (let k = a.stored + 1; k <= sending; k++) lags.push(clock.t - a.typedAt[k - 1]!);
      a.stored = sending;
      if (a.typed > a.stored && a.timer === null) await send(who);
    } catch (e) {
      a.inFlight = false;
      counts.userErrors++;
      if (e instanceof GraphError && e.status === 429) counts.graph429ToUser++;
      if (e instanceof AppError && e.code === 'conflict') counts.conflicts++;
      else arm(who, 5_000); // the queue's backoff
    }
  };

  auditors.forEach((_, who) => events.push({ at: random.int(0, 30_000), who, kind: 'key' }));
  const started = performance.now();
  for (let e = events.pop(); e; e = events.pop()) {
    clock.t = Math.max(clock.t, e.at);
    while (clock.t >= minuteMark) {
      ruByMinute.push(sim.stats.resourceUnits - ruAtMark);
      ruAtMark = sim.stats.resourceUnits;
      minuteMark += 60_000;
    }
    const a = auditors[e.who]!;
    if (e.kind === 'key') {
      if (clock.t >= endTyping) continue;
      a.typed++;
      a.typedAt.push(clock.t);
      // The tab's change(): the draft is kept; a wait the server asked for is not cut short by typing.
      if (!(a.deferred && a.timer !== null)) arm(e.who, DEBOUNCE_MS);
      if (clock.t >= a.burstEnds) a.burstEnds = clock.t + random.int(5_000, 40_000);
      const gap = clock.t + 400 < a.burstEnds ? random.int(150, 400) : random.int(3_000, 40_000);
      if (gap > 400) a.burstEnds = 0;
      events.push({ at: clock.t + gap, who: e.who, kind: 'key' });
    } else {
      if (a.timer?.seq !== e.seq) continue; // re-armed since
      a.timer = null;
      a.deferred = false;
      await send(e.who);
    }
  }
  ruByMinute.push(sim.stats.resourceUnits - ruAtMark);
  const settledAt = clock.t;
  const totalRu = sim.stats.resourceUnits;
  const throttled = sim.stats.throttled;

  // Every audit as stored must be its auditor's last typed form.
  sim.ruPerMinute = Number.POSITIVE_INFINITY;
  let lost = 0;
  let keystrokes = 0;
  for (const a of auditors) {
    keystrokes += a.typed;
    const stored = await store.audits.get(a.auditId);
    if (stored?.form.caseProfile !== textOf(a.typed)) lost += a.typed - a.stored || 1;
  }
  await sim.stop();

  lags.sort((x, y) => x - y);
  const pct = (p: number) => ((lags[Math.min(lags.length - 1, Math.floor((p / 100) * lags.length))] ?? 0) / 1000).toFixed(1);
  const typingMinutes = ruByMinute.slice(0, MINUTES);
  console.log(`auditors ${AUDITORS}, typing for ${MINUTES} simulated minutes, settled after ${(settledAt / 60_000).toFixed(1)} min (${((performance.now() - started) / 1000).toFixed(1)} s real)`);
  console.log(`Graph at 1,250 RU/min; autosave budget ${BUDGET_RU} RU/min at ${AUTOSAVE_RU_PER_SAVE} RU a save`);
  console.log(`keystrokes ${keystrokes}; autosaves stored ${counts.saves}; "not saved yet" answers ${counts.deferred}`);
  console.log(`Graph 429s: ${throttled} seen by the service, ${counts.graph429ToUser} reached a user (target 0); other errors to users ${counts.userErrors - counts.graph429ToUser}`);
  console.log(`keystrokes lost ${lost} (target 0)`);
  console.log(`save lag (keystroke to stored): p50 ${pct(50)} s, p95 ${pct(95)} s, max ${pct(100)} s`);
  console.log(`RU: ${totalRu} in all, ${(totalRu / Math.max(1, counts.saves)).toFixed(1)} per stored autosave; per minute while typing: max ${Math.max(...typingMinutes)}, mean ${Math.round(typingMinutes.reduce((s, x) => s + x, 0) / typingMinutes.length)}`);
  console.log(`RU by minute: ${ruByMinute.join(', ')}`);
  console.log(`by kind: ${Object.entries(sim.stats.byKind).map(([k, v]) => `${k} ${v.count}×/${v.ru} RU`).join('; ')}`);
  if (lost > 0 || counts.graph429ToUser > 0) process.exitCode = 1;
}

void main();
