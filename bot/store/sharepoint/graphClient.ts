/**
 * A small Graph client built from composable behaviours (as pnpjs does): authorisation, a timeout,
 * retry honouring Retry-After on 429/503, jittered backoff on 502/504 and lost connections for
 * requests that are safe to repeat, paging by `@odata.nextLink`, and JSON batches of at most 20
 * with inner 429/503 retried. Built on fetch rather than @microsoft/microsoft-graph-client: that
 * SDK's RetryHandler does not look inside batch responses and its batch builder only checks the
 * payload shape, so we would wrap both anyway; fetch keeps each behaviour small and testable.
 *
 * Documentation followed:
 * - throttling, Retry-After, 429/503: https://learn.microsoft.com/sharepoint/dev/general-development/how-to-avoid-getting-throttled-or-blocked-in-sharepoint-online
 * - paging: https://learn.microsoft.com/en-us/graph/paging
 * - batching (≤ 20, dependsOn, 424, any order): https://learn.microsoft.com/graph/json-batching
 */

export interface GraphRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version root, e.g. `/sites/{id}/lists`, or an absolute next link. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  signal?: AbortSignal;
}

export interface GraphResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** A non-2xx answer from Graph. */
export class GraphError extends Error {
  override readonly name = 'GraphError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly innerCode: string | null = null,
  ) {
    super(`Graph ${status} ${code}: ${message}`);
  }
}

/** A write was sent but no answer came back: it may or may not have been applied. */
export class GraphOutcomeUnknownError extends Error {
  override readonly name = 'GraphOutcomeUnknownError';
  constructor(readonly request: string, cause: unknown) {
    super(`No answer from Graph for ${request}; it may have been applied`, { cause });
  }
}

export type Handler = (req: GraphRequest) => Promise<GraphResponse>;
export type Behaviour = (next: Handler) => Handler;

export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com/v1.0 */
  baseUrl: string;
  getToken: () => Promise<string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
  maxAttempts?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called once per HTTP request sent (for metrics; never given bodies or tokens). */
  onSend?: (req: GraphRequest) => void;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The innermost handler: one fetch. A lost connection surfaces as a thrown error. */
export function fetchHandler(baseUrl: string, doFetch: typeof fetch, onSend?: (req: GraphRequest) => void): Handler {
  return async (req) => {
    onSend?.(req);
    const url = /^https?:\/\//.test(req.url) ? req.url : `${baseUrl}${req.url}`;
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    let body: string | undefined;
    if (req.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.body);
    }
    const res = await doFetch(url, { method: req.method, headers, body, signal: req.signal });
    const text = await res.text();
    const out: Record<string, string> = {};
    res.headers.forEach((v, k) => {
      out[k.toLowerCase()] = v;
    });
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, headers: out, body: parsed };
  };
}

export const withAuth =
  (getToken: () => Promise<string>): Behaviour =>
  (next) =>
  async (req) =>
    next({ ...req, headers: { ...req.headers, authorization: `Bearer ${await getToken()}` } });

/** Aborts a request that takes longer than `ms`; the abort surfaces as a thrown error. */
export const withTimeout =
  (ms: number): Behaviour =>
  (next) =>
  async (req) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(`Graph request timed out after ${ms} ms`)), ms);
    try {
      return await next({ ...req, signal: controller.signal });
    } finally {
      clearTimeout(timer);
    }
  };

/** Only reads are repeated after a lost answer; a write may have been applied and is reported as unknown. */
const safeToRepeat = (req: GraphRequest) => req.method === 'GET';

/** Retry-After (seconds) from a throttled answer, in ms; RateLimit-Reset too, honouring the greater. */
export function retryAfterMs(headers: Record<string, string>): number | null {
  const values = [headers['retry-after'], headers['ratelimit-reset']]
    .map((v) => (v === undefined ? Number.NaN : Number(v)))
    .filter((v) => Number.isFinite(v) && v >= 0);
  return values.length ? Math.max(...values) * 1000 : null;
}

export const withRetry =
  (opts: { maxAttempts: number; sleep: (ms: number) => Promise<void>; random: () => number }): Behaviour =>
  (next) =>
  async (req) => {
    for (let attempt = 1; ; attempt++) {
      const backoff = Math.min(30_000, 500 * 2 ** (attempt - 1)) * (0.5 + opts.random());
      let res: GraphResponse;
      try {
        res = await next(req);
      } catch (err) {
        if (!safeToRepeat(req)) throw new GraphOutcomeUnknownError(`${req.method} ${shortUrl(req.url)}`, err);
        if (attempt >= opts.maxAttempts) throw err;
        await opts.sleep(backoff);
        continue;
      }
      // 429 and 503 mean "not done, come back later" (documented); 502/504 are transient gateways.
      const throttled = res.status === 429 || res.status === 503;
      const transient = res.status === 502 || res.status === 504;
      if ((!throttled && !transient) || attempt >= opts.maxAttempts) return res;
      if (transient && !safeToRepeat(req)) return res;
      await opts.sleep((throttled ? retryAfterMs(res.headers) : null) ?? backoff);
    }
  };

const shortUrl = (url: string) => url.replace(/^https?:\/\/[^/]+/, '').split('?')[0] ?? url;

export interface BatchItem {
  id: string;
  method: GraphRequest['method'];
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  dependsOn?: string[];
}

export const MAX_BATCH = 20;

export class GraphClient {
  private readonly handler: Handler;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxAttempts: number;

  constructor(options: GraphClientOptions) {
    this.sleep = options.sleep ?? realSleep;
    this.maxAttempts = options.maxAttempts ?? 6;
    const behaviours: Behaviour[] = [
      withRetry({ maxAttempts: this.maxAttempts, sleep: this.sleep, random: options.random ?? Math.random }),
      withAuth(options.getToken),
      withTimeout(options.timeoutMs ?? 30_000),
    ];
    const base = fetchHandler(options.baseUrl.replace(/\/$/, ''), options.fetch ?? fetch, options.onSend);
    this.handler = behaviours.reduceRight<Handler>((next, b) => b(next), base);
  }

  /** Sends one request with the behaviours above; returns whatever status came back last. */
  send(req: GraphRequest): Promise<GraphResponse> {
    return this.handler(req);
  }

  /** Sends and throws GraphError unless 2xx. */
  async json<T>(req: GraphRequest): Promise<T> {
    const res = await this.send(req);
    if (res.status < 200 || res.status > 299) throw toGraphError(res);
    return res.body as T;
  }

  /** Pages of a collection, following `@odata.nextLink` until there is none. */
  async *pages<T>(url: string, headers?: Record<string, string>): AsyncGenerator<T[]> {
    let next: string | null = url;
    while (next) {
      const body: { value?: T[]; '@odata.nextLink'?: string } = await this.json({ method: 'GET', url: next, headers });
      yield body.value ?? [];
      next = body['@odata.nextLink'] ?? null;
    }
  }

  /**
   * One JSON batch (≤ 20). Inner 429/503 answers — and the 424s of requests that depended on them —
   * are sent again after the longest Retry-After, up to the attempt limit. Inner requests are
   * re-sent as they were, so writes in a batch must be idempotent or conditional (If-Match).
   * Returns the last answer for every id.
   */
  async batch(items: BatchItem[]): Promise<Map<string, GraphResponse>> {
    if (items.length > MAX_BATCH) throw new Error(`A Graph batch holds at most ${MAX_BATCH} requests, not ${items.length}`);
    const results = new Map<string, GraphResponse>();
    let pending = items;
    for (let attempt = 1; pending.length > 0; attempt++) {
      const sentIds = new Set(pending.map((p) => p.id));
      const body = {
        requests: pending.map((p) => {
          const deps = (p.dependsOn ?? []).filter((d) => sentIds.has(d));
          return { id: p.id, method: p.method, url: p.url, ...(p.headers || p.body !== undefined ? { headers: { ...(p.body !== undefined ? { 'content-type': 'application/json' } : {}), ...p.headers } } : {}), ...(p.body !== undefined ? { body: p.body } : {}), ...(deps.length ? { dependsOn: deps } : {}) };
        }),
      };
      const res = await this.send({ method: 'POST', url: '/$batch', body });
      if (res.status !== 200) throw toGraphError(res);
      const responses = (res.body as { responses?: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[] }).responses ?? [];
      for (const r of responses) {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
        results.set(r.id, { status: r.status, headers, body: r.body ?? null });
      }
      // Retry what was throttled, and what failed only because something throttled came first;
      // a 424 caused by a real failure (e.g. a 412) must stay failed, never run without its condition.
      const retryIds = new Set<string>();
      for (const p of pending) {
        const s = results.get(p.id)?.status;
        if (s === undefined || s === 429 || s === 503) retryIds.add(p.id);
        else if (s === 424 && (p.dependsOn ?? []).every((d) => retryIds.has(d) || isOk(results.get(d)))) retryIds.add(p.id);
      }
      const retry = pending.filter((p) => retryIds.has(p.id));
      const throttled = retry.filter((p) => results.get(p.id)?.status !== 424);
      if (throttled.length === 0 || attempt >= this.maxAttempts) break;
      const wait = Math.max(1000, ...throttled.map((p) => retryAfterMs(results.get(p.id)?.headers ?? {}) ?? 0));
      await this.sleep(wait);
      pending = retry;
    }
    return results;
  }
}

export function toGraphError(res: GraphResponse): GraphError {
  const err = (res.body as { error?: { code?: string; message?: string; innerError?: { code?: string } } } | null)?.error;
  return new GraphError(res.status, err?.code ?? 'unknown', err?.message ?? `HTTP ${res.status}`, err?.innerError?.code ?? null);
}

export const isOk = (r: GraphResponse | undefined): boolean => r !== undefined && r.status >= 200 && r.status < 300;
