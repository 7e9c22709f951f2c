import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphClient } from '../../../bot/store/sharepoint/graphClient';
import { LISTS } from '../../../bot/store/sharepoint/listMigrations';
import { allPages, type Store } from '../../../bot/store/storeInterface';
import { recentMonths, runReminders } from '../../../bot/jobs/reminderJob';
import { auditsDueBetween } from '../../../bot/reports/auditsDue';
import { siteLists } from '../../../bot/store/sharepoint/sharePointStores';
import { daysInMonth, isoDateOf } from '../../../shared/calendar/calendarDays';
import { reportMonths } from '../../../shared/reports/reportMonths';
import { londonDate } from '../../../shared/calendar/londonTime';
import { roundAuditId } from '../../../shared/rounds/roundRules';
import { defaultAuditTypeSettings } from '../../../shared/settings/auditTypeSettings';
import { buildAction, buildAudit, buildCase } from '../../fixtures/builders';
import { buildUrgentConcern } from '../../contract/concernContract';
import { buildRound } from '../../contract/roundContract';
import { freshSharePointStore, simClient } from './graphHarness';
import { GraphSimulator, LIST_VIEW_THRESHOLD } from './graphSimulator';

/**
 * A large council's site: 100,000 audits with proportional cases, actions, trail, outbox and
 * concerns, seeded straight into the simulator (no HTTP, no throttling). Every list query the
 * product makes on SharePoint must keep under the 5,000-item threshold and page through all its
 * items. Each list's rows are copies of one record written through the store, with its ids
 * swapped, so the seeded columns are exactly what the store itself writes.
 */

type Fields = Record<string, string | number | boolean | null>;

const AUDITS = 100_000;
const CASES = 50_000;
const ACTIONS = 60_000;
const TEAMS = 40;
const AUDITORS = 1_000;
const OWNERS = 2_000;
const now = new Date('2026-11-25T10:00:00.000Z');
const today = londonDate(now);
const months = recentMonths(today, 2);
const ROUNDS_PER_MONTH = 3;
const PER_ROUND = 40;
/** Audits made by the recent rounds (the reminder job's reading): the first ones seeded. */
const ROUND_AUDITS = months.length * ROUNDS_PER_MONTH * PER_ROUND;
/** The months audits fall due in: four years, about 2,100 a month (the last also holds the round audits). */
const DUE_MONTHS = reportMonths('2023-07', '2027-06');
/** The round audits stay due after the reminder job's horizon (as the template); the rest spread over every day of the months. */
const TEMPLATE_DUE = '2027-06-30';
const dueOf = (i: number): string => {
  if (i < ROUND_AUDITS) return TEMPLATE_DUE;
  const month = DUE_MONTHS[i % DUE_MONTHS.length] ?? TEMPLATE_DUE;
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return isoDateOf(y, m, (Math.floor(i / DUE_MONTHS.length) % daysInMonth(y, m)) + 1);
};

const sim = new GraphSimulator();
let client: GraphClient;
let siteId = '';
let store: Store;

const pad = (n: number) => String(n).padStart(6, '0');
const roundIdOf = (k: number) => `rnd-${months[Math.floor(k / ROUNDS_PER_MONTH)]}-${k % ROUNDS_PER_MONTH}`;
const caseIdOf = (i: number) => `case-${pad(i % CASES)}`;
const auditIdOf = (i: number) => (i < ROUND_AUDITS ? roundAuditId(roundIdOf(Math.floor(i / PER_ROUND)), caseIdOf(i)) : `aud-${pad(i)}`);

/** The item the store wrote for a record, as a template whose tokens are replaced per copy. */
function template(list: string, recordId: string): (subs: [string, string][]) => Fields {
  const proto = sim.itemFields(siteId, list).find((f) => f['RecordId'] === recordId);
  if (!proto) throw new Error(`no prototype ${recordId} in ${list}`);
  sim.deleteWhere(siteId, list, (f) => f['RecordId'] === recordId);
  const text = JSON.stringify(proto);
  return (subs) => {
    let t = text;
    for (const [from, to] of subs) t = t.split(from).join(to);
    return JSON.parse(t) as Fields;
  };
}

function seed(list: string, n: number, row: (i: number) => Fields): void {
  const chunk = 10_000;
  for (let start = 0; start < n; start += chunk) sim.seedItems(siteId, list, Array.from({ length: Math.min(chunk, n - start) }, (_, k) => row(start + k)));
}

beforeAll(async () => {
  await sim.start();
  client = simClient(sim);
  ({ siteId, store } = await freshSharePointStore(sim, client));

  // One record of each kind through the store, then copies.
  const base = buildAudit();
  await store.audits.create(
    buildAudit({ id: 'ZAUDZ', auditorId: 'ZAUDITORZ', caseId: 'ZCASEZ', dueDate: TEMPLATE_DUE, caseSnapshot: { ...base.caseSnapshot, teamId: 'ZTEAMZ', caseRef: 'ZREFZ' } }),
    [],
  );
  const audit = template(LISTS.audits, 'ZAUDZ');
  seed(LISTS.audits, AUDITS, (i) =>
    audit([
      ['ZAUDITORZ', `auditor-${i % AUDITORS}`],
      ['ZAUDZ', auditIdOf(i)],
      ['ZCASEZ', caseIdOf(i)],
      ['ZTEAMZ', `team-${i % TEAMS}`],
      ['ZREFZ', `TC${pad(i % CASES)}`],
      // The template's due date is in its Doc and its DueKey only: both change together.
      [TEMPLATE_DUE, dueOf(i)],
    ]),
  );

  await store.cases.put(buildCase({ id: 'ZCASEZ', caseRef: 'ZREFZ', teamId: 'ZTEAMZ' }), null);
  const childCase = template(LISTS.cases, 'ZCASEZ');
  seed(LISTS.cases, CASES, (i) =>
    childCase([
      ['ZCASEZ', caseIdOf(i)],
      ['ZREFZ', `TC${pad(i)}`],
      ['ZTEAMZ', `team-${i % TEAMS}`],
    ]),
  );

  await store.actions.create(buildAction({ id: 'ZACTZ', auditId: 'ZAUDZ', caseId: 'ZCASEZ', teamId: 'ZTEAMZ', ownerId: 'ZOWNERZ' }));
  const action = template(LISTS.actions, 'ZACTZ');
  seed(LISTS.actions, ACTIONS, (i) =>
    action([
      ['ZACTZ', `act-${pad(i)}`],
      ['ZAUDZ', auditIdOf(i)],
      ['ZCASEZ', caseIdOf(i)],
      ['ZTEAMZ', `team-${i % TEAMS}`],
      ['ZOWNERZ', `owner-${i % OWNERS}`],
    ]),
  );

  // Trail rows as the store writes them (sharePointStores.ts): two per audit for half the audits, and a long one.
  const trailRow = (auditId: string, n: number, seq: string): Fields => {
    const id = `trl-${auditId}-${n}`;
    const entry = { id, auditId, at: '2026-11-23T10:00:00.000Z', actorId: 'staff-actor', kind: 'field', field: 'form.caseProfile', before: null, after: null, textLengths: null };
    return { Title: id, RecordId: id, AuditId: auditId, Seq: seq, Doc: JSON.stringify(entry) };
  };
  seed(LISTS.trail, AUDITS, (i) => trailRow(auditIdOf(i % (AUDITS / 2)), i, `2026-11-23T10:00:00.000Z|${pad(i)}`));
  seed(LISTS.trail, 600, (i) => trailRow(auditIdOf(1234), AUDITS + i, `2026-11-24T10:00:00.000Z|${pad(i)}`));

  // The outbox: most notifications sent long ago, a few queued, sending and failed.
  await store.outbox.enqueue({ id: 'ZNOTEZ', conversationKey: 'staff:ZRECIPZ', recipientId: 'ZRECIPZ', kind: 'reminder', payload: { type: 'AdaptiveCard', version: '1.5', body: [] }, priority: 'routine' });
  const note = template(LISTS.outbox, 'ZNOTEZ');
  const noteIn = (status: string, prefix: string) => (i: number) => {
    const f = note([
      ['ZNOTEZ', `${prefix}-${pad(i)}`],
      ['ZRECIPZ', `staff-${i % 3000}`],
      ['"status":"queued"', `"status":"${status}"`],
    ]);
    // The seeded clock is the real one: make them due at the test's "now".
    f['Status'] = status;
    return f;
  };
  seed(LISTS.outbox, 30_000, noteIn('sent', 'n-sent'));
  seed(LISTS.outbox, 300, noteIn('queued', 'n-queued'));
  seed(LISTS.outbox, 40, noteIn('sending', 'n-sending'));
  seed(LISTS.outbox, 100, noteIn('failed', 'n-failed'));

  // Rounds: three a month for three years, the recent ones published with the first audits' allocations.
  for (let k = 0; k < months.length * ROUNDS_PER_MONTH; k++) {
    const allocations = Array.from({ length: PER_ROUND }, (_, a) => ({ caseId: caseIdOf(k * PER_ROUND + a), auditorId: `auditor-${(k * PER_ROUND + a) % AUDITORS}`, conflicts: [], reason: 'Picked at random' }));
    await store.rounds.put(buildRound({ id: roundIdOf(k), month: months[Math.floor(k / ROUNDS_PER_MONTH)], status: 'published', publishedAt: '2026-09-01T09:00:00.000Z', allocations }), null);
  }
  await store.rounds.put(buildRound({ id: 'ZRNDZ', month: '2023-01', status: 'closed' }), null);
  const round = template(LISTS.rounds, 'ZRNDZ');
  seed(LISTS.rounds, 36 * ROUNDS_PER_MONTH, (i) => {
    const f = round([['ZRNDZ', `rnd-old-${pad(i)}`]]);
    return f;
  });

  // Urgent concerns: about one audit in ten; a few awaiting acknowledgement or proposed for the register.
  await store.concerns.create(buildUrgentConcern('ZAUDZ', { id: 'ZCONCZ' }), []);
  const concern = template(LISTS.concerns, 'ZCONCZ');
  seed(LISTS.concerns, 10_000, (i) => {
    const f = concern([
      ['ZCONCZ', `uc-${pad(i)}`],
      ['ZAUDZ', auditIdOf(i * 10)],
    ]);
    // Only the indexed columns are varied: the queries below never read the other states' documents.
    f['Status'] = i < 200 ? 'awaitingAcknowledgement' : 'acknowledged';
    f['RegisterProposal'] = i < 50 ? 'proposed' : 'notRaised';
    return f;
  });
  sim.resetStats();
}, 300_000);

afterAll(async () => {
  await sim.stop();
});

const ids = <T extends { id: string }>(xs: T[]) => new Set(xs.map((x) => x.id)).size;

describe('a site with 100,000 audits: every query the product makes stays under the threshold and pages through', () => {
  it('has the lists over the threshold', () => {
    for (const [list, min] of [
      [LISTS.audits, AUDITS],
      [LISTS.cases, CASES],
      [LISTS.actions, ACTIONS],
      [LISTS.trail, AUDITS],
      [LISTS.outbox, 30_000],
      [LISTS.concerns, 10_000],
    ] as const)
      expect(sim.listByName(siteId, list)?.items.size).toBeGreaterThanOrEqual(min);
  });

  it('audits by auditor, case and team', async () => {
    const mine = await allPages((p) => store.audits.listByAuditor('auditor-7', p));
    expect(mine).toHaveLength(AUDITS / AUDITORS);
    expect(mine.every((a) => a.auditorId === 'auditor-7')).toBe(true);
    expect((await allPages((p) => store.audits.listByCase(caseIdOf(11), p))).map((a) => a.id).sort()).toEqual([auditIdOf(11), auditIdOf(CASES + 11)].sort());
    const team = await allPages((p) => store.audits.listByTeam('team-3', p));
    expect(team).toHaveLength(AUDITS / TEAMS);
    expect(ids(team)).toBe(AUDITS / TEAMS);
    // In the store's order: due date, then id.
    const keys = team.map((a) => `${a.dueDate}|${a.id}`);
    expect(new Set(team.map((a) => a.dueDate.slice(0, 7))).size).toBeGreaterThan(1);
    expect(keys).toEqual([...keys].sort());
  }, 60_000);

  it('cases by team', async () => {
    const team = await allPages((p) => store.cases.listByTeam('team-5', p));
    expect(team).toHaveLength(CASES / TEAMS);
    expect(ids(team)).toBe(CASES / TEAMS);
  }, 60_000);

  it('actions by owner, team, case and audit', async () => {
    expect(await allPages((p) => store.actions.listByOwner('owner-9', p))).toHaveLength(ACTIONS / OWNERS);
    const team = await allPages((p) => store.actions.listByTeam('team-4', p));
    expect(team).toHaveLength(ACTIONS / TEAMS);
    expect(ids(team)).toBe(ACTIONS / TEAMS);
    expect((await allPages((p) => store.actions.listByCase(caseIdOf(12), p))).map((a) => a.id).sort()).toEqual([`act-${pad(12)}`, `act-${pad(CASES + 12)}`]);
    expect((await store.actions.listByAudit(auditIdOf(950))).map((a) => a.id)).toEqual([`act-${pad(950)}`]);
  }, 60_000);

  it("an audit's trail, 602 entries, in order", async () => {
    const trail = await allPages((p) => store.trail.listByAudit(auditIdOf(1234), p));
    expect(trail).toHaveLength(602);
    expect(ids(trail)).toBe(602);
    expect(trail.slice(-600).map((t) => t.id)).toEqual(Array.from({ length: 600 }, (_, i) => `trl-${auditIdOf(1234)}-${AUDITS + i}`));
  }, 60_000);

  it('the outbox beside 30,000 sent notifications: queued and failed pages, a claim, the restart reset', async () => {
    const queued = await allPages((p) => store.outbox.listByStatus('queued', p));
    expect(queued).toHaveLength(300);
    expect(await allPages((p) => store.outbox.listByStatus('failed', p))).toHaveLength(100);
    const claimed = await store.outbox.claimDue(new Date(Date.now() + 60_000), 50);
    expect(claimed).toHaveLength(50);
    expect(await store.outbox.resetSending()).toBe(40 + 50);
    expect(await allPages((p) => store.outbox.listByStatus('queued', p))).toHaveLength(300 + 40);
  }, 60_000);

  it('rounds by month and by status', async () => {
    expect(await allPages((p) => store.rounds.listByMonth(months[0] ?? '', p))).toHaveLength(ROUNDS_PER_MONTH);
    expect(await allPages((p) => store.rounds.listByStatus('published', p))).toHaveLength(months.length * ROUNDS_PER_MONTH);
    expect(await allPages((p) => store.rounds.listByStatus('draft', p))).toHaveLength(0);
  }, 60_000);

  it('urgent concerns awaiting acknowledgement and proposed for the register', async () => {
    expect(await allPages((p) => store.concerns.listByStatus('awaitingAcknowledgement', p))).toHaveLength(200);
    expect(await allPages((p) => store.concerns.listByRegisterProposal('proposed', p))).toHaveLength(50);
    expect(await store.concerns.listByAudit(auditIdOf(10))).toHaveLength(1);
  }, 60_000);

  it("the reminder job reads every open audit of the recent rounds (the product's widest audit read)", async () => {
    const result = await runReminders({ store, settings: defaultAuditTypeSettings, myAuditsUrl: 'https://audit.example/my' }, now);
    expect(result.auditsChecked).toBe(ROUND_AUDITS);
  }, 120_000);

  it('reports page through every audit, month by month over four years, each once in order', async () => {
    const expected = new Map<string, number>();
    for (let i = 0; i < AUDITS; i++) expected.set(dueOf(i).slice(0, 7), (expected.get(dueOf(i).slice(0, 7)) ?? 0) + 1);
    expect(Math.max(...expected.values())).toBeLessThan(LIST_VIEW_THRESHOLD);
    const requestsBefore = sim.stats.requests;
    const got = new Map<string, number>();
    const seen = new Set<string>();
    let last = '';
    let inOrder = true;
    for await (const a of auditsDueBetween(store, DUE_MONTHS[0] ?? '', DUE_MONTHS[DUE_MONTHS.length - 1] ?? '')) {
      const key = `${a.dueDate}|${a.id}`;
      if (key <= last) inOrder = false;
      last = key;
      seen.add(a.id);
      got.set(a.dueDate.slice(0, 7), (got.get(a.dueDate.slice(0, 7)) ?? 0) + 1);
    }
    expect(seen.size).toBe(AUDITS);
    expect(seen.has(auditIdOf(0)) && seen.has(auditIdOf(AUDITS - 1))).toBe(true);
    expect(inOrder).toBe(true);
    // Each audit came back in the month its Doc says it is due: the DueKey range and the record agree.
    expect(got).toEqual(expected);
    // About five pages of 500 a month: paged, not one request per month nor one per audit.
    expect(sim.stats.requests - requestsBefore).toBeLessThan(DUE_MONTHS.length * 7);
    expect(sim.stats.honorNonIndexed).toBe(0);
  }, 120_000);

  it('refuses a due-date range wider than a month here: the threshold counts what the range selects', async () => {
    const audits = (await siteLists(client, siteId))(LISTS.audits);
    const range = "fields/DueKey ge '2023-07-01' and fields/DueKey lt '2023-11-01'";
    const res = await client.send({ method: 'GET', url: `${audits.itemsPath}?$filter=${encodeURIComponent(range)}&$orderby=fields/DueKey&$top=10` });
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ error: { code: 'notSupported', innerError: { code: 'tooManyResources' } } });
    const month = await store.audits.listDueInMonth('2023-07', { limit: 10 });
    expect(month.items).toHaveLength(10);
    expect(month.next).not.toBeNull();
  });

  it('never asked SharePoint to scan a non-indexed column', () => {
    expect(sim.stats.requests).toBeGreaterThan(0);
    expect(sim.stats.honorNonIndexed).toBe(0);
  });
});
