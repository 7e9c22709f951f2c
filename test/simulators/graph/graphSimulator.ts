import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphUserEndpoints } from './userEndpoints';
import { SimDirectory } from './directoryRoutes';

/**
 * A local stand-in for the Microsoft Graph endpoints the SharePoint store uses: sites, lists,
 * columns, list items and JSON batching, with the documented large-list, throttling and
 * concurrency rules enforced so the store is tested against them. State is in memory.
 *
 * Rules and where they come from (see also /work/shared/platform-notes.md):
 * - Items, `$expand=fields(select=…)`, `$filter`, one indexed field at a time:
 *   https://learn.microsoft.com/en-us/graph/api/listitem-list
 * - Filter/orderby on a non-indexed field → 400 invalidRequest (message as reported in
 *   https://github.com/microsoftgraph/microsoft-graph-docs/issues/2279).
 * - List view threshold of 5,000: queries whose indexed filter still selects more than 5,000 items
 *   fail (https://learn.microsoft.com/en-us/previous-versions/office/developer/sharepoint-2010/ee557257(v=office.14));
 *   Graph's wrapping `notSupported`/`tooManyResources` as shown in
 *   https://docs.uipath.com/activities/other/latest/productivity/working-with-sharepoint-lists.md
 *   (the HTTP status of that wrapping is not documented; 500 follows SharePoint REST's SPQueryThrottledException).
 * - If-Match with a stale eTag → 412: https://learn.microsoft.com/en-us/graph/api/listitem-update
 * - Paging with `$top` and `@odata.nextLink` carrying a `$skiptoken`: https://learn.microsoft.com/en-us/graph/paging
 * - `$batch`: at most 20 requests, unique ids, 424 for dependants of a failed request, inner
 *   responses in any order, each request throttled on its own: https://learn.microsoft.com/graph/json-batching
 * - Throttling: 429/503 with Retry-After; resource units per request (1 single item, 2 multi-item
 *   query or write); throttled requests still count; app budget per minute (lowest band 1,250):
 *   https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online
 * - 20 indexed columns per list: reported (https://advaiya.com/how-to-deal-with-sharepoint-online-list-threshold/),
 *   not found on a Microsoft page. Single line of text is at most 255 characters:
 *   https://learn.microsoft.com/graph/api/resources/lookupcolumn
 */

export const LIST_VIEW_THRESHOLD = 5000;
export const MAX_INDEXED_COLUMNS = 20;
export const MAX_BATCH_REQUESTS = 20;
export const SINGLE_LINE_MAX = 255;
/** Default and maximum `$top` for list items (reported, not in Microsoft's documentation). */
const DEFAULT_TOP = 200;
const MAX_TOP = 5000;

type FieldValue = string | number | boolean | null;

export interface SimColumn {
  id: string;
  name: string;
  kind: 'text' | 'note' | 'number' | 'boolean';
  indexed: boolean;
  enforceUniqueValues: boolean;
  maxLength: number;
}

interface SimItem {
  id: number;
  guid: string;
  version: number;
  fields: Record<string, FieldValue>;
}

interface SimList {
  id: string;
  displayName: string;
  columns: Map<string, SimColumn>;
  items: Map<number, SimItem>;
  nextItemId: number;
}

interface SimSite {
  id: string;
  displayName: string;
  lists: Map<string, SimList>;
}

export type FaultKind = '429' | '503' | 'timeout' | 'applyThenDrop';

export interface Fault {
  kind: FaultKind;
  /** How many matching requests it hits. */
  count: number;
  /** Seconds, for 429/503. */
  retryAfter?: number;
  /** Which requests (method and path relative to /v1.0, inner batch requests included); all when absent. */
  match?: (method: string, path: string) => boolean;
  /** `applyThenDrop`: applies the request, then closes the connection without answering (a lost response). */
}

export interface SimulatorOptions {
  /** App budget per rolling minute; the lowest documented band is 1,250. Infinity turns throttling off. */
  ruPerMinute?: number;
  /** Injectable clock (ms), so tests can move time instead of waiting. */
  now?: () => number;
  /** Longest plain multi-line text; not verified against Microsoft's limits. */
  noteMaxLength?: number;
  /** Items above which a column can no longer be indexed (SharePoint refuses indexing large lists); not verified. */
  maxItemsToIndex?: number;
}

export interface SimStats {
  requests: number;
  batches: number;
  resourceUnits: number;
  throttled: number;
  /** Requests that sent `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly` (the store must never). */
  honorNonIndexed: number;
  byKind: Record<string, { count: number; ru: number }>;
}

interface InnerRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: unknown;
}

interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode?: string,
  ) {
    super(message);
  }
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): SimResponse => ({ status, body, headers });

export class GraphSimulator {
  private readonly sites = new Map<string, SimSite>();
  private server: http.Server | null = null;
  private readonly faults: Fault[] = [];
  /** [time ms, RU] of requests in the rolling window. */
  private window: [number, number][] = [];
  private readonly now: () => number;
  private readonly noteMaxLength: number;
  private readonly maxItemsToIndex: number;
  ruPerMinute: number;
  baseUrl = '';
  stats: SimStats = GraphSimulator.emptyStats();
  /** sendMail and Teams app installation for users (see userEndpoints.ts). */
  readonly users = new GraphUserEndpoints();
  /** Entra users, groups and managers the directory sync reads (see directoryRoutes.ts). */
  readonly directory = new SimDirectory();

  constructor(options: SimulatorOptions = {}) {
    this.ruPerMinute = options.ruPerMinute ?? Number.POSITIVE_INFINITY;
    this.now = options.now ?? Date.now;
    this.noteMaxLength = options.noteMaxLength ?? 63_999;
    this.maxItemsToIndex = options.maxItemsToIndex ?? 20_000;
  }

  private static emptyStats(): SimStats {
    return { requests: 0, batches: 0, resourceUnits: 0, throttled: 0, honorNonIndexed: 0, byKind: {} };
  }

  resetStats(): void {
    this.stats = GraphSimulator.emptyStats();
  }

  /** Clears the rolling RU window (as if a minute had passed). */
  resetThrottle(): void {
    this.window = [];
  }

  addSite(id: string, displayName = 'Practice Audit'): void {
    if (!this.sites.has(id)) this.sites.set(id, { id, displayName, lists: new Map() });
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}/v1.0`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    this.server = null;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  // ---- direct access for tests: seeding large fixtures without HTTP or throttling ----

  listByName(siteId: string, name: string): SimList | undefined {
    return [...(this.sites.get(siteId)?.lists.values() ?? [])].find((l) => l.displayName.toLowerCase() === name.toLowerCase());
  }

  /** Inserts items straight into a list (no HTTP, no RU). Types and lengths are checked; unique values are trusted (the check is quadratic). */
  seedItems(siteId: string, listName: string, rows: Record<string, FieldValue>[]): void {
    const list = this.listByName(siteId, listName);
    if (!list) throw new Error(`No list ${listName}`);
    for (const fields of rows) this.insertItem(list, fields, false);
  }

  columns(siteId: string, listName: string): SimColumn[] {
    return [...(this.listByName(siteId, listName)?.columns.values() ?? [])];
  }

  itemFields(siteId: string, listName: string): Record<string, FieldValue>[] {
    return [...(this.listByName(siteId, listName)?.items.values() ?? [])].map((i) => ({ ...i.fields }));
  }

  /** Changes an item's fields behind the store's back (another writer). */
  tamper(siteId: string, listName: string, match: (fields: Record<string, FieldValue>) => boolean, patch: Record<string, FieldValue>): void {
    const list = this.listByName(siteId, listName);
    for (const item of list?.items.values() ?? []) {
      if (match(item.fields)) {
        Object.assign(item.fields, patch);
        item.version++;
      }
    }
  }

  deleteWhere(siteId: string, listName: string, match: (fields: Record<string, FieldValue>) => boolean): number {
    const list = this.listByName(siteId, listName);
    let n = 0;
    for (const item of [...(list?.items.values() ?? [])]) {
      if (match(item.fields)) {
        list?.items.delete(item.id);
        n++;
      }
    }
    return n;
  }

  // ---- HTTP ----

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const url = new URL(req.url ?? '/', 'http://sim');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
    let body: unknown = null;
    const text = Buffer.concat(chunks).toString('utf8');
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        return this.write(res, json(400, { error: { code: 'BadRequest', message: 'Invalid JSON body' } }));
      }
    }
    if (!url.pathname.startsWith('/v1.0/')) return this.write(res, json(404, { error: { code: 'itemNotFound', message: 'Unknown version' } }));
    if (!/^Bearer \S+/.test(headers['authorization'] ?? '')) {
      return this.write(res, json(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty.' } }));
    }
    const path = url.pathname.slice('/v1.0'.length);
    const method = (req.method ?? 'GET').toUpperCase();
    this.stats.requests++;

    const fault = this.takeFault(method, path);
    if (fault?.kind === 'timeout') return; // never answered; the client's timeout must fire
    let response: SimResponse;
    if (method === 'POST' && path === '/$batch') {
      this.stats.batches++;
      // A throttled batch envelope is refused before any inner request runs.
      if (fault && fault.kind !== 'applyThenDrop') return this.write(res, this.faultResponse(fault));
      response = this.batch(body);
    } else {
      // A throttled (429/503) request is refused, not applied; only `applyThenDrop` runs it.
      if (fault && fault.kind !== 'applyThenDrop') return this.write(res, this.faultResponse(fault));
      response = this.execute({ method, path, query: url.searchParams, headers, body });
    }
    if (fault?.kind === 'applyThenDrop') {
      res.destroy();
      return;
    }
    if (fault) return this.write(res, this.faultResponse(fault));
    this.write(res, response);
  }

  private write(res: http.ServerResponse, r: SimResponse): void {
    res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
    res.end(r.status === 204 ? undefined : JSON.stringify(r.body));
  }

  private takeFault(method: string, path: string): Fault | null {
    const f = this.faults.find((x) => x.count > 0 && (!x.match || x.match(method, path)));
    if (!f) return null;
    f.count--;
    return f;
  }

  private faultResponse(f: Fault): SimResponse {
    const retryAfter = String(f.retryAfter ?? 1);
    if (f.kind === '503') return json(503, { error: { code: 'serviceNotAvailable', message: 'Server Too Busy' } }, { 'retry-after': retryAfter });
    return json(429, { error: { code: 'TooManyRequests', message: 'Please retry again later.', innerError: { code: '429' } } }, { 'retry-after': retryAfter });
  }

  /** The Graph JSON batch: validate the envelope, then run each request on its own (throttled on its own). */
  private batch(body: unknown): SimResponse {
    const requests = (body as { requests?: unknown } | null)?.requests;
    if (!Array.isArray(requests)) return json(400, { error: { code: 'BadRequest', message: 'Missing requests array' } });
    if (requests.length > MAX_BATCH_REQUESTS) {
      return json(400, { error: { code: 'BadRequest', message: `Number of batch requests exceeds the limit of ${MAX_BATCH_REQUESTS}.` } });
    }
    const ids = new Set<string>();
    const parsed: { id: string; dependsOn: string[]; req: InnerRequest | null }[] = [];
    for (const r of requests as Record<string, unknown>[]) {
      const id = typeof r['id'] === 'string' ? r['id'] : '';
      if (!id || ids.has(id.toLowerCase())) return json(400, { error: { code: 'BadRequest', message: 'Batch request ids must be present and unique' } });
      ids.add(id.toLowerCase());
      const dependsOn = Array.isArray(r['dependsOn']) ? (r['dependsOn'] as unknown[]).filter((d): d is string => typeof d === 'string') : [];
      for (const d of dependsOn) {
        if (!parsed.some((p) => p.id === d)) return json(400, { error: { code: 'BadRequest', message: `dependsOn "${d}" is not an earlier request` } });
      }
      const rawUrl = typeof r['url'] === 'string' ? r['url'] : '';
      const u = new URL(rawUrl.startsWith('/') ? rawUrl : `/${rawUrl}`, 'http://sim');
      const hdrs: Record<string, string> = {};
      for (const [k, v] of Object.entries((r['headers'] as Record<string, unknown> | undefined) ?? {})) if (typeof v === 'string') hdrs[k.toLowerCase()] = v;
      parsed.push({
        id,
        dependsOn,
        req: { method: String(r['method'] ?? 'GET').toUpperCase(), path: u.pathname, query: u.searchParams, headers: hdrs, body: r['body'] ?? null },
      });
    }
    const status = new Map<string, number>();
    const responses: ({ id: string } & SimResponse)[] = [];
    for (const p of parsed) {
      let r: SimResponse;
      if (p.dependsOn.some((d) => (status.get(d) ?? 500) >= 400)) {
        r = json(424, { error: { code: 'failedDependency', message: 'A request this one depends on failed' } });
      } else if (p.req) {
        const fault = this.takeFault(p.req.method, p.req.path);
        if (fault?.kind === 'applyThenDrop' || fault?.kind === 'timeout') {
          // Inner requests cannot be dropped on their own: apply, then the reply reports 503.
          this.execute(p.req);
          r = this.faultResponse({ ...fault, kind: '503' });
        } else if (fault) {
          r = this.faultResponse(fault);
        } else {
          r = this.execute(p.req);
        }
      } else {
        r = json(400, { error: { code: 'BadRequest', message: 'Bad request' } });
      }
      status.set(p.id, r.status);
      responses.push({ id: p.id, ...r });
    }
    // Inner responses may come back in any order: reverse them so clients match by id.
    return json(200, { responses: responses.reverse() });
  }

  /** Runs one request: RU accounting and throttling first, then the endpoint. */
  private execute(req: InnerRequest): SimResponse {
    // Directory reads (GET /groups, /users/{id}, /users/{id}/manager) first: userEndpoints takes every /users/ path.
    if (this.directory.handles(req.method, req.path)) return this.directory.route(req.path, req.query, this.baseUrl);
    // Mail and Teams endpoints are not SharePoint's: no list rules, no SharePoint resource units.
    if (this.users.handles(req.path)) return this.users.route(req.method, req.path, req.body);
    const kind = this.kindOf(req);
    const ru = kind.ru;
    const t = this.now();
    this.window = this.window.filter(([at]) => at > t - 60_000);
    const used = this.window.reduce((s, [, r]) => s + r, 0);
    // Throttled requests still count toward the limit (documented).
    this.window.push([t, ru]);
    this.stats.resourceUnits += ru;
    const k = (this.stats.byKind[kind.name] ??= { count: 0, ru: 0 });
    k.count++;
    k.ru += ru;
    if (used + ru > this.ruPerMinute) {
      this.stats.throttled++;
      const oldest = this.window[0]?.[0] ?? t;
      const retryAfter = Math.max(1, Math.ceil((oldest + 60_000 - t) / 1000));
      return json(
        429,
        { error: { code: 'TooManyRequests', message: 'Please retry again later.', innerError: { code: '429' } } },
        { 'retry-after': String(retryAfter), 'ratelimit-limit': String(this.ruPerMinute), 'ratelimit-remaining': '0', 'ratelimit-reset': String(retryAfter) },
      );
    }
    if ((req.headers['prefer'] ?? '').includes('HonorNonIndexedQueriesWarningMayFailRandomly')) this.stats.honorNonIndexed++;
    try {
      const r = this.route(req);
      if (this.ruPerMinute !== Number.POSITIVE_INFINITY && used + ru >= 0.8 * this.ruPerMinute) {
        r.headers['ratelimit-limit'] = String(this.ruPerMinute);
        r.headers['ratelimit-remaining'] = String(Math.max(0, this.ruPerMinute - used - ru));
      }
      return r;
    } catch (err) {
      if (err instanceof HttpError) {
        return json(err.status, { error: { code: err.code, message: err.message, ...(err.innerCode ? { innerError: { code: err.innerCode } } : {}) } });
      }
      return json(500, { error: { code: 'generalException', message: err instanceof Error ? err.message : 'error' } });
    }
  }

  private kindOf(req: InnerRequest): { name: string; ru: number } {
    const p = req.path.split('/').filter(Boolean);
    if (req.method !== 'GET') return { name: `${req.method} ${p[4] === 'items' ? 'item' : (p[4] ?? p[2] ?? 'site')}`, ru: 2 };
    // GET: a collection is a multi-item query (2 RU), one resource a single-item read (1 RU).
    const collection = p.length === 3 || (p.length === 5 && (p[4] === 'items' || p[4] === 'columns'));
    return collection ? { name: `GET ${p[p.length - 1]}`, ru: 2 } : { name: `GET ${p[4] ?? p[2] ?? 'site'}`, ru: 1 };
  }

  // ---- endpoints ----

  private route(req: InnerRequest): SimResponse {
    const p = req.path.split('/').filter(Boolean).map(decodeURIComponent);
    if (p[0] !== 'sites' || !p[1]) throw new HttpError(400, 'invalidRequest', 'Unsupported path');
    const site = this.sites.get(p[1]);
    if (!site) throw new HttpError(404, 'itemNotFound', 'The site was not found');
    if (p.length === 2 && req.method === 'GET') return json(200, { id: site.id, displayName: site.displayName });
    if (p[2] !== 'lists') throw new HttpError(400, 'invalidRequest', 'Unsupported path');
    if (p.length === 3) {
      if (req.method === 'GET') return json(200, { value: [...site.lists.values()].map((l) => this.listJson(l, req.query)) });
      if (req.method === 'POST') return this.createList(site, req.body);
    }
    const list = this.findList(site, p[3] ?? '');
    if (p.length === 4 && req.method === 'GET') return json(200, this.listJson(list, req.query));
    if (p[4] === 'columns') {
      if (p.length === 5 && req.method === 'GET') return json(200, { value: [...list.columns.values()].map(columnJson) });
      if (p.length === 5 && req.method === 'POST') return json(201, columnJson(this.addColumn(list, req.body)));
      if (p.length === 6 && req.method === 'PATCH') return this.patchColumn(list, p[5] ?? '', req.body);
    }
    if (p[4] === 'items') {
      if (p.length === 5 && req.method === 'GET') return this.query(list, req);
      if (p.length === 5 && req.method === 'POST') return this.createItem(list, req.body);
      const item = list.items.get(Number(p[5]));
      if (!item) throw new HttpError(404, 'itemNotFound', 'The item was not found');
      if (p.length === 6 && req.method === 'GET') return json(200, this.itemJson(item, selectedFields(req.query)));
      if (p.length === 6 && req.method === 'DELETE') {
        this.checkIfMatch(item, req.headers);
        list.items.delete(item.id);
        return json(204, null);
      }
      if (p.length === 7 && p[6] === 'fields' && req.method === 'PATCH') {
        this.checkIfMatch(item, req.headers);
        const patch = this.checkFields(list, req.body, item.id);
        Object.assign(item.fields, patch);
        for (const [k, v] of Object.entries(patch)) if (v === null) delete item.fields[k];
        item.version++;
        return json(200, { '@odata.etag': etagOf(item), ...item.fields, id: String(item.id) });
      }
    }
    throw new HttpError(400, 'invalidRequest', `Unsupported request ${req.method} ${req.path}`);
  }

  private findList(site: SimSite, idOrTitle: string): SimList {
    const l = site.lists.get(idOrTitle) ?? [...site.lists.values()].find((x) => x.displayName.toLowerCase() === idOrTitle.toLowerCase());
    if (!l) throw new HttpError(404, 'itemNotFound', 'The list was not found');
    return l;
  }

  private listJson(l: SimList, query: URLSearchParams): Record<string, unknown> {
    const out: Record<string, unknown> = { id: l.id, displayName: l.displayName, name: l.displayName, list: { template: 'genericList' } };
    if ((query.get('$expand') ?? '').includes('columns')) out['columns'] = [...l.columns.values()].map(columnJson);
    return out;
  }

  private createList(site: SimSite, body: unknown): SimResponse {
    const b = (body ?? {}) as { displayName?: unknown; columns?: unknown };
    if (typeof b.displayName !== 'string' || !b.displayName) throw new HttpError(400, 'invalidRequest', 'displayName is required');
    if ([...site.lists.values()].some((l) => l.displayName.toLowerCase() === (b.displayName as string).toLowerCase())) {
      throw new HttpError(409, 'nameAlreadyExists', 'A list with this name already exists');
    }
    const list: SimList = { id: randomUUID(), displayName: b.displayName, columns: new Map(), items: new Map(), nextItemId: 1 };
    // Every generic list has Title (single line of text).
    list.columns.set('Title', { id: randomUUID(), name: 'Title', kind: 'text', indexed: false, enforceUniqueValues: false, maxLength: SINGLE_LINE_MAX });
    for (const c of Array.isArray(b.columns) ? b.columns : []) this.addColumn(list, c);
    site.lists.set(list.id, list);
    return json(201, this.listJson(list, new URLSearchParams('$expand=columns')));
  }

  private addColumn(list: SimList, body: unknown): SimColumn {
    const b = (body ?? {}) as Record<string, unknown>;
    const name = typeof b['name'] === 'string' ? b['name'] : '';
    if (!/^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(name)) throw new HttpError(400, 'invalidRequest', 'Invalid column name');
    if (list.columns.has(name)) throw new HttpError(409, 'nameAlreadyExists', `A column named ${name} already exists`);
    const text = b['text'] as { allowMultipleLines?: boolean; maxLength?: number } | undefined;
    const kind: SimColumn['kind'] = b['number'] ? 'number' : b['boolean'] ? 'boolean' : text?.allowMultipleLines ? 'note' : 'text';
    const indexed = b['indexed'] === true;
    const unique = b['enforceUniqueValues'] === true;
    if (kind === 'note' && (indexed || unique)) throw new HttpError(400, 'invalidRequest', 'Multiple lines of text cannot be indexed');
    if (unique && !indexed) throw new HttpError(400, 'invalidRequest', 'A column that enforces unique values must be indexed');
    if (indexed) this.checkCanIndex(list);
    const maxLength = kind === 'text' ? Math.min(text?.maxLength ?? SINGLE_LINE_MAX, SINGLE_LINE_MAX) : this.noteMaxLength;
    const col: SimColumn = { id: randomUUID(), name, kind, indexed, enforceUniqueValues: unique, maxLength };
    list.columns.set(name, col);
    return col;
  }

  private checkCanIndex(list: SimList): void {
    const n = [...list.columns.values()].filter((c) => c.indexed).length;
    if (n >= MAX_INDEXED_COLUMNS) {
      throw new HttpError(400, 'invalidRequest', `The list already has the maximum of ${MAX_INDEXED_COLUMNS} indexed columns`);
    }
    if (list.items.size > this.maxItemsToIndex) {
      throw new HttpError(500, 'notSupported', 'The attempted operation is prohibited because it exceeds the list view threshold.', 'tooManyResources');
    }
  }

  private patchColumn(list: SimList, idOrName: string, body: unknown): SimResponse {
    const col = [...list.columns.values()].find((c) => c.id === idOrName || c.name === idOrName);
    if (!col) throw new HttpError(404, 'itemNotFound', 'The column was not found');
    const b = (body ?? {}) as Record<string, unknown>;
    if (b['indexed'] === true && !col.indexed) {
      if (col.kind === 'note') throw new HttpError(400, 'invalidRequest', 'Multiple lines of text cannot be indexed');
      this.checkCanIndex(list);
      col.indexed = true;
    }
    return json(200, columnJson(col));
  }

  private checkIfMatch(item: SimItem, headers: Record<string, string>): void {
    const ifMatch = headers['if-match'];
    if (ifMatch !== undefined && ifMatch !== '*' && ifMatch !== etagOf(item)) {
      throw new HttpError(412, 'resourceModified', 'The resource has changed since the caller last read it');
    }
  }

  private checkFields(list: SimList, body: unknown, selfId: number | null, checkUnique = true): Record<string, FieldValue> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'invalidRequest', 'Fields must be an object');
    const out: Record<string, FieldValue> = {};
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (k.startsWith('@odata')) continue;
      const col = list.columns.get(k);
      if (!col) throw new HttpError(400, 'invalidRequest', `Field '${k}' is not recognized`);
      if (v === null) {
        out[k] = null;
        continue;
      }
      const ok = col.kind === 'number' ? typeof v === 'number' : col.kind === 'boolean' ? typeof v === 'boolean' : typeof v === 'string';
      if (!ok) throw new HttpError(400, 'invalidRequest', `Field '${k}' has the wrong type`);
      if (typeof v === 'string' && v.length > col.maxLength) throw new HttpError(400, 'invalidRequest', `Field '${k}' is longer than ${col.maxLength} characters`);
      out[k] = v as FieldValue;
    }
    for (const col of list.columns.values()) {
      const v = out[col.name];
      if (!checkUnique || !col.enforceUniqueValues || v === undefined || v === null || v === '') continue;
      for (const other of list.items.values()) {
        if (other.id !== selfId && String(other.fields[col.name] ?? '').toLowerCase() === String(v).toLowerCase()) {
          throw new HttpError(409, 'nameAlreadyExists', `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${col.name}].`);
        }
      }
    }
    return out;
  }

  private insertItem(list: SimList, fields: Record<string, FieldValue>, checkUnique = true): SimItem {
    const checked = this.checkFields(list, fields, null, checkUnique);
    const item: SimItem = { id: list.nextItemId++, guid: randomUUID(), version: 1, fields: {} };
    for (const [k, v] of Object.entries(checked)) if (v !== null) item.fields[k] = v;
    list.items.set(item.id, item);
    return item;
  }

  private createItem(list: SimList, body: unknown): SimResponse {
    const fields = (body as { fields?: unknown } | null)?.fields;
    const item = this.insertItem(list, (fields ?? {}) as Record<string, FieldValue>);
    return json(201, this.itemJson(item, null));
  }

  private itemJson(item: SimItem, select: string[] | null): Record<string, unknown> {
    const fields: Record<string, unknown> = { '@odata.etag': etagOf(item), id: String(item.id) };
    for (const [k, v] of Object.entries(item.fields)) if (!select || select.includes(k)) fields[k] = v;
    return { id: String(item.id), eTag: etagOf(item), '@odata.etag': etagOf(item), fields };
  }

  /** GET items: filter (one indexed field), order (indexed only), threshold, keyset paging by skiptoken. */
  private query(list: SimList, req: InnerRequest): SimResponse {
    const q = req.query;
    const honor = (req.headers['prefer'] ?? '').includes('HonorNonIndexedQueriesWarningMayFailRandomly');
    const large = list.items.size > LIST_VIEW_THRESHOLD;
    const conditions = q.get('$filter') ? parseFilter(q.get('$filter') ?? '') : [];
    const order = parseOrderBy(q.get('$orderby'));
    const referenced = [...new Set([...conditions.map((c) => c.field), ...order.map((o) => o.field)])];
    for (const f of referenced) {
      const col = list.columns.get(f);
      if (!col) throw new HttpError(400, 'invalidRequest', `Field '${f}' is not recognized`);
      if (!col.indexed && !honor) {
        throw new HttpError(
          400,
          'invalidRequest',
          `Field '${f}' cannot be referenced in filter or orderby as it is not indexed. Provide the 'Prefer: HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.`,
        );
      }
    }
    const filterFields = new Set(conditions.map((c) => c.field));
    if (filterFields.size > 1) throw new HttpError(400, 'invalidRequest', 'Only one indexed field can be filtered at a time');
    const matching = [...list.items.values()].filter((i) => conditions.every((c) => matches(i.fields[c.field], c)));
    if (large) {
      const scansAll = referenced.some((f) => !list.columns.get(f)?.indexed);
      // An indexed filter must bring the set under the threshold; unfiltered reads page by the index.
      if (scansAll || (conditions.length > 0 && matching.length > LIST_VIEW_THRESHOLD)) {
        throw new HttpError(500, 'notSupported', 'The request is unprocessable because it uses too many resources', 'tooManyResources');
      }
    }
    const keyOf = (i: SimItem): FieldValue[] => [...order.map((o) => i.fields[o.field] ?? null), i.id];
    const dir = order.map((o) => (o.desc ? -1 : 1));
    const cmpKeys = (a: FieldValue[], b: FieldValue[]): number => {
      for (let n = 0; n < a.length; n++) {
        const c = compareValues(a[n] ?? null, b[n] ?? null) * (dir[n] ?? 1);
        if (c !== 0) return c;
      }
      return 0;
    };
    matching.sort((a, b) => cmpKeys(keyOf(a), keyOf(b)));
    let rest = matching;
    const skip = q.get('$skiptoken');
    if (skip !== null) {
      let after: FieldValue[];
      try {
        after = JSON.parse(Buffer.from(skip, 'base64url').toString('utf8')) as FieldValue[];
      } catch {
        throw new HttpError(400, 'invalidRequest', 'Invalid skip token');
      }
      if (!Array.isArray(after) || after.length !== order.length + 1) throw new HttpError(400, 'invalidRequest', 'Invalid skip token');
      rest = matching.filter((i) => cmpKeys(keyOf(i), after) > 0);
    }
    const topRaw = Number(q.get('$top') ?? DEFAULT_TOP);
    const top = Number.isFinite(topRaw) && topRaw > 0 ? Math.min(MAX_TOP, Math.floor(topRaw)) : DEFAULT_TOP;
    const page = rest.slice(0, top);
    const select = selectedFields(q);
    const out: Record<string, unknown> = { value: page.map((i) => this.itemJson(i, select)) };
    const last = page[page.length - 1];
    if (rest.length > top && last) {
      const next = new URLSearchParams(q);
      next.set('$skiptoken', Buffer.from(JSON.stringify(keyOf(last))).toString('base64url'));
      out['@odata.nextLink'] = `${this.baseUrl}${req.path}?${next.toString()}`;
    }
    return json(200, out);
  }
}

function columnJson(c: SimColumn): Record<string, unknown> {
  const out: Record<string, unknown> = { id: c.id, name: c.name, displayName: c.name, indexed: c.indexed, enforceUniqueValues: c.enforceUniqueValues };
  if (c.kind === 'number') out['number'] = {};
  else if (c.kind === 'boolean') out['boolean'] = {};
  else out['text'] = { allowMultipleLines: c.kind === 'note', maxLength: c.maxLength };
  return out;
}

const etagOf = (item: SimItem): string => `"${item.guid},${item.version}"`;

/** `$expand=fields($select=A,B)` (also without the `$`); null selects every field. */
function selectedFields(q: URLSearchParams): string[] | null {
  const m = /fields\((?:\$)?select=([^)]*)\)/.exec(q.get('$expand') ?? q.get('expand') ?? '');
  return m?.[1] ? m[1].split(',').map((s) => s.trim()) : null;
}

interface Condition {
  field: string;
  op: 'eq' | 'ne' | 'lt' | 'gt' | 'le' | 'ge' | 'startswith';
  value: FieldValue;
}

/** `fields/X op value [and fields/X op value …]`, and `startswith(fields/X,'v')`. */
export function parseFilter(filter: string): Condition[] {
  const parts = filter.split(/\s+and\s+(?=(?:[^']*'[^']*')*[^']*$)/i);
  return parts.map((part) => {
    const s = part.trim();
    const sw = /^startswith\(\s*fields\/(\w+)\s*,\s*'((?:[^']|'')*)'\s*\)$/i.exec(s);
    if (sw) return { field: sw[1] ?? '', op: 'startswith', value: (sw[2] ?? '').replace(/''/g, "'") };
    const m = /^fields\/(\w+)\s+(eq|ne|lt|gt|le|ge)\s+(.+)$/i.exec(s);
    if (!m) throw new HttpError(400, 'invalidRequest', `Invalid filter clause: ${s}`);
    const raw = (m[3] ?? '').trim();
    let value: FieldValue;
    if (/^'(?:[^']|'')*'$/.test(raw)) value = raw.slice(1, -1).replace(/''/g, "'");
    else if (raw === 'true' || raw === 'false') value = raw === 'true';
    else if (raw === 'null') value = null;
    else if (/^-?\d+(\.\d+)?$/.test(raw)) value = Number(raw);
    else throw new HttpError(400, 'invalidRequest', `Invalid filter value: ${raw}`);
    return { field: m[1] ?? '', op: (m[2] ?? 'eq').toLowerCase() as Condition['op'], value };
  });
}

function parseOrderBy(orderby: string | null): { field: string; desc: boolean }[] {
  if (!orderby) return [];
  return orderby.split(',').map((part) => {
    const m = /^\s*fields\/(\w+)(?:\s+(asc|desc))?\s*$/i.exec(part);
    if (!m) throw new HttpError(400, 'invalidRequest', `Invalid orderby: ${part}`);
    return { field: m[1] ?? '', desc: (m[2] ?? '').toLowerCase() === 'desc' };
  });
}

function compareValues(a: FieldValue, b: FieldValue): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function matches(v: FieldValue | undefined, c: Condition): boolean {
  const value = v ?? null;
  if (c.op === 'startswith') return typeof value === 'string' && typeof c.value === 'string' && value.startsWith(c.value);
  // SharePoint text comparisons ignore case.
  const cmp = typeof value === 'string' && typeof c.value === 'string' ? compareValues(value.toLowerCase(), c.value.toLowerCase()) : compareValues(value, c.value);
  switch (c.op) {
    case 'eq':
      return cmp === 0;
    case 'ne':
      return cmp !== 0;
    case 'lt':
      return cmp < 0;
    case 'gt':
      return cmp > 0;
    case 'le':
      return cmp <= 0;
    case 'ge':
      return cmp >= 0;
  }
}
