import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphError, GraphOutcomeUnknownError, type GraphClient } from '../../../bot/store/sharepoint/graphClient';
import { LISTS, listMigrations, type ListMigration } from '../../../bot/store/sharepoint/listMigrations';
import { checkMigrations, describeReport, provisionSite } from '../../../bot/store/sharepoint/provisioning';
import { runProvision } from '../../../bot/store/sharepoint/provisionCommand';
import { simClient } from './graphHarness';
import { GraphSimulator, LIST_VIEW_THRESHOLD } from './graphSimulator';

const sim = new GraphSimulator();
const clock = { t: 0 };
let client: GraphClient;
let siteNo = 0;
let site = '';

beforeAll(async () => {
  await sim.start();
  client = simClient(sim, clock);
});
afterAll(async () => {
  await sim.stop();
});
beforeEach(() => {
  site = `sim-site-${++siteNo}`;
  sim.addSite(site);
  sim.ruPerMinute = Number.POSITIVE_INFINITY;
  sim.resetThrottle();
  sim.clearFaults();
});

const raw = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>) =>
  fetch(`${sim.baseUrl}${url}`, { method, headers: { authorization: 'Bearer t', 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });

async function bigList(name = 'Big', n = LIST_VIEW_THRESHOLD + 2): Promise<string> {
  const created = await client.json<{ id: string }>({
    method: 'POST',
    url: `/sites/${site}/lists`,
    body: { displayName: name, columns: [{ name: 'Team', text: {}, indexed: true }, { name: 'Colour', text: {} }, { name: 'Doc', text: { allowMultipleLines: true } }] },
  });
  // Seeded straight into memory: 5,002 items, all but one (5,001) in team-a.
  sim.seedItems(site, name, Array.from({ length: n }, (_, i) => ({ Title: `i${i}`, Team: i === 0 ? 'team-b' : 'team-a', Colour: i % 2 ? 'red' : 'blue' })));
  return created.id;
}

describe('Graph simulator: large-list rules', () => {
  it('refuses a filter or an order on a non-indexed column, with the documented message', async () => {
    const id = await bigList();
    const res = await raw('GET', `/sites/${site}/lists/${id}/items?$filter=fields/Colour eq 'red'`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalidRequest');
    expect(body.error.message).toMatch(/Field 'Colour' cannot be referenced in filter or orderby as it is not indexed/);
    expect((await raw('GET', `/sites/${site}/lists/${id}/items?$orderby=fields/Colour`)).status).toBe(400);
  });

  it('fails the threshold when the indexed filter is not selective, or the Prefer header is used on a large list', async () => {
    const id = await bigList();
    const wide = await raw('GET', `/sites/${site}/lists/${id}/items?$filter=fields/Team eq 'team-a'&$top=10`);
    expect(wide.status).toBe(500);
    expect(((await wide.json()) as { error: { code: string; innerError: { code: string } } }).error).toMatchObject({ code: 'notSupported', innerError: { code: 'tooManyResources' } });
    const narrow = await raw('GET', `/sites/${site}/lists/${id}/items?$filter=fields/Team eq 'team-b'`);
    expect(narrow.status).toBe(200);
    expect(((await narrow.json()) as { value: unknown[] }).value).toHaveLength(1);
    const prefer = await raw('GET', `/sites/${site}/lists/${id}/items?$filter=fields/Colour eq 'red'`, undefined, { prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' });
    expect(prefer.status).toBe(500);
    expect(sim.stats.honorNonIndexed).toBeGreaterThan(0);
  });

  it('pages an unfiltered large list by its index with next links, each item once', async () => {
    const id = await bigList('Pager', 12);
    const seen: string[] = [];
    for await (const page of client.pages<{ fields: { Title: string } }>(`/sites/${site}/lists/${id}/items?$expand=fields($select=Title)&$orderby=fields/Team&$top=5`)) {
      expect(page.length).toBeLessThanOrEqual(5);
      seen.push(...page.map((p) => p.fields.Title));
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
  });

  it('refuses a 21st indexed column', async () => {
    const columns = Array.from({ length: 20 }, (_, i) => ({ name: `K${i}`, text: {}, indexed: true }));
    const l = await client.json<{ id: string }>({ method: 'POST', url: `/sites/${site}/lists`, body: { displayName: 'Wide', columns } });
    const res = await client.send({ method: 'POST', url: `/sites/${site}/lists/${l.id}/columns`, body: { name: 'K20', text: {}, indexed: true } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/maximum of 20 indexed columns/);
    const plain = await client.send({ method: 'POST', url: `/sites/${site}/lists/${l.id}/columns`, body: { name: 'Plain', text: {} } });
    expect(plain.status).toBe(201);
    expect(() => checkMigrations([{ version: 1, name: 'too wide', steps: [{ kind: 'createList', list: 'X', columns: Array.from({ length: 21 }, (_, i) => ({ name: `C${i}`, kind: 'text' as const, indexed: true })) }] }])).toThrow(/21 indexed columns/);
  });

  it('keeps single-line text to 255 characters', async () => {
    const l = await client.json<{ id: string }>({ method: 'POST', url: `/sites/${site}/lists`, body: { displayName: 'Short', columns: [] } });
    const res = await client.send({ method: 'POST', url: `/sites/${site}/lists/${l.id}/items`, body: { fields: { Title: 'x'.repeat(256) } } });
    expect(res.status).toBe(400);
  });
});

describe('Graph simulator: concurrency, batches and throttling', () => {
  it('answers 412 to a stale If-Match, on update and on delete', async () => {
    const l = await client.json<{ id: string }>({ method: 'POST', url: `/sites/${site}/lists`, body: { displayName: 'Etags', columns: [] } });
    const item = await client.json<{ id: string; eTag: string }>({ method: 'POST', url: `/sites/${site}/lists/${l.id}/items`, body: { fields: { Title: 'one' } } });
    const ok = await client.json<{ '@odata.etag': string }>({ method: 'PATCH', url: `/sites/${site}/lists/${l.id}/items/${item.id}/fields`, headers: { 'if-match': item.eTag }, body: { Title: 'two' } });
    expect(ok['@odata.etag']).not.toBe(item.eTag);
    const stale = await client.send({ method: 'PATCH', url: `/sites/${site}/lists/${l.id}/items/${item.id}/fields`, headers: { 'if-match': item.eTag }, body: { Title: 'three' } });
    expect(stale.status).toBe(412);
    expect((await client.send({ method: 'DELETE', url: `/sites/${site}/lists/${l.id}/items/${item.id}`, headers: { 'if-match': item.eTag } })).status).toBe(412);
  });

  it('refuses a batch of more than 20 requests, and duplicate ids', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => ({ id: String(i), method: 'GET', url: `/sites/${site}` }));
    expect((await raw('POST', '/$batch', { requests })).status).toBe(400);
    expect((await raw('POST', '/$batch', { requests: requests.slice(0, 20) })).status).toBe(200);
    expect((await raw('POST', '/$batch', { requests: [requests[0], requests[0]] })).status).toBe(400);
    await expect(client.batch(requests.map((r) => ({ ...r, method: 'GET' as const })))).rejects.toThrow(/at most 20/);
  });

  it('fails dependants of a failed request with 424', async () => {
    const res = await raw('POST', '/$batch', {
      requests: [
        { id: 'a', method: 'GET', url: `/sites/${site}/lists/nope` },
        { id: 'b', method: 'GET', url: `/sites/${site}`, dependsOn: ['a'] },
      ],
    });
    const body = (await res.json()) as { responses: { id: string; status: number }[] };
    expect(Object.fromEntries(body.responses.map((r) => [r.id, r.status]))).toEqual({ a: 404, b: 424 });
  });

  it('throttles past the resource-unit budget with Retry-After, counting 1 per single read and 2 per query', async () => {
    sim.ruPerMinute = 10;
    sim.resetStats();
    for (let i = 0; i < 10; i++) expect((await raw('GET', `/sites/${site}`)).status).toBe(200);
    const res = await raw('GET', `/sites/${site}`);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(sim.stats.resourceUnits).toBe(11);
    sim.resetThrottle();
    sim.resetStats();
    for (let i = 0; i < 5; i++) expect((await raw('GET', `/sites/${site}/lists`)).status).toBe(200);
    expect((await raw('GET', `/sites/${site}/lists`)).status).toBe(429);
    expect(sim.stats.resourceUnits).toBe(12);
  });

  it('the client waits out Retry-After on 429 and 503 and gives up with the error after its attempts', async () => {
    sim.inject({ kind: '429', count: 2, retryAfter: 7 });
    sim.inject({ kind: '503', count: 1, retryAfter: 3 });
    const before = clock.t;
    await client.json({ method: 'GET', url: `/sites/${site}` });
    expect(clock.t - before).toBe(17_000);
    sim.inject({ kind: '429', count: 50, retryAfter: 1 });
    await expect(client.json({ method: 'GET', url: `/sites/${site}` })).rejects.toBeInstanceOf(GraphError);
    sim.clearFaults();
  });

  it('times out a request that gets no answer: a read is repeated, a write is reported as of unknown outcome', async () => {
    const quick = simClient(sim, clock, { timeoutMs: 100 });
    sim.inject({ kind: 'timeout', count: 1, match: (m) => m === 'GET' });
    await expect(quick.json({ method: 'GET', url: `/sites/${site}` })).resolves.toMatchObject({ id: site });
    sim.inject({ kind: 'timeout', count: 1, match: (m) => m === 'POST' });
    await expect(quick.json({ method: 'POST', url: `/sites/${site}/lists`, body: { displayName: 'Slow' } })).rejects.toBeInstanceOf(GraphOutcomeUnknownError);
  });
});

describe('provisioning', () => {
  it('creates on the first run, changes nothing on the second, and a new migration adds only its column and index', async () => {
    const first = await provisionSite(client, site);
    expect(first.changes).toHaveLength(Object.keys(LISTS).length);
    expect(sim.columns(site, LISTS.audits).filter((c) => c.indexed).map((c) => c.name).sort()).toEqual(['AuditorId', 'CaseId', 'DueKey', 'RecordId', 'TeamId']);
    expect(sim.columns(site, LISTS.staff).filter((c) => c.indexed).length).toBeLessThanOrEqual(20);

    sim.resetStats();
    const second = await provisionSite(client, site);
    expect(second.changes).toEqual([]);
    expect(describeReport(second)).toMatch(/nothing changed/);
    expect(sim.stats.byKind['POST lists'] ?? sim.stats.byKind['POST columns']).toBeUndefined();

    const next: ListMigration[] = [
      ...listMigrations,
      { version: listMigrations.length + 1, name: 'status', steps: [{ kind: 'addColumn', list: LISTS.audits, column: { name: 'Status', kind: 'text', indexed: true } }] },
    ];
    const third = await provisionSite(client, site, next);
    expect(third).toEqual({ version: listMigrations.length + 1, changes: ['PA Audits: column Status added (indexed)'] });
    expect((await provisionSite(client, site, next)).changes).toEqual([]);
  });

  it('indexes an existing column in an upgrade', async () => {
    await provisionSite(client, site);
    const next: ListMigration[] = [...listMigrations, { version: listMigrations.length + 1, name: 'index', steps: [{ kind: 'indexColumn', list: LISTS.audits, column: 'Version' }] }];
    expect((await provisionSite(client, site, next)).changes).toEqual(['PA Audits: column Version indexed']);
  });

  it('runs as a command from settings, and names a missing one', async () => {
    const lines: string[] = [];
    await runProvision({ SHAREPOINT_SITE_ID: site, GRAPH_ACCESS_TOKEN: 'x', GRAPH_BASE_URL: sim.baseUrl }, (l) => lines.push(l));
    await runProvision({ SHAREPOINT_SITE_ID: site, GRAPH_ACCESS_TOKEN: 'x', GRAPH_BASE_URL: sim.baseUrl }, (l) => lines.push(l));
    expect(lines[0]).toContain(`Brought the site to schema version ${listMigrations.length}:`);
    expect(lines[1]).toContain(`already matches schema version ${listMigrations.length}; nothing changed`);
    await expect(runProvision({ GRAPH_ACCESS_TOKEN: 'x' }, () => undefined)).rejects.toThrow(/SHAREPOINT_SITE_ID/);
  });
});
