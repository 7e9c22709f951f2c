import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { decodeDoc, withoutETag } from '../sqlite/sqliteRecord';
import { ConflictError, DuplicateError, InvalidCursorError, NotFoundError, pageLimit, type Page, type PageRequest, type WithETag } from '../storeInterface';
import { GraphOutcomeUnknownError, isOk, toGraphError, type BatchItem, type GraphClient, type GraphResponse } from './graphClient';

/**
 * One SharePoint list of versioned JSON records (the counterpart of SqliteVersionedTable).
 * The etag handed out binds the record id, the SharePoint item id and its eTag, so an update is
 * one PATCH with If-Match (https://learn.microsoft.com/en-us/graph/api/listitem-update: 412 when stale)
 * without first looking the item up. Every query filters on one indexed column and orders by an
 * indexed column (https://learn.microsoft.com/en-us/graph/api/listitem-list); never with
 * `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly`.
 */

export type Fields = Record<string, string | number | null>;

export interface SpItem {
  id: string;
  eTag?: string;
  fields: Record<string, unknown>;
}

export interface RecordListSpec<T extends { id: string }> {
  entity: string;
  schema: z.ZodType<T>;
  /** Indexed key columns and how to read each from a record (null clears it). */
  keys: Readonly<Record<string, (record: T) => string | null>>;
  /** Unique keys other than the id: enforced by SharePoint (`enforced`) or checked before writing (nullable ones). */
  unique?: readonly { column: string; key: string; value: (record: T) => string | null; enforced: boolean }[];
}

/** What an etag carries: record id, item id, SharePoint eTag, and for audits our version number. Reads and writes give the same string. */
export interface Token {
  recordId: string;
  itemId: string;
  spETag: string;
  version: number;
}

export function encodeToken(t: Token): string {
  return Buffer.from(JSON.stringify([t.recordId, t.itemId, t.spETag, t.version]), 'utf8').toString('base64url');
}

export function decodeToken(etag: string): Token | null {
  try {
    const v: unknown = JSON.parse(Buffer.from(etag, 'base64url').toString('utf8'));
    if (!Array.isArray(v) || v.length !== 4) return null;
    const [recordId, itemId, spETag, version] = v as unknown[];
    if (typeof recordId !== 'string' || typeof itemId !== 'string' || typeof spETag !== 'string' || typeof version !== 'number') return null;
    return { recordId, itemId, spETag, version };
  } catch {
    return null;
  }
}

/** OData string literal: quotes doubled. */
export const odataString = (v: string) => `'${v.replace(/'/g, "''")}'`;

export class SpList {
  constructor(
    readonly client: GraphClient,
    readonly siteId: string,
    readonly listId: string,
  ) {}

  get itemsPath(): string {
    return `/sites/${encodeURIComponent(this.siteId)}/lists/${this.listId}/items`;
  }

  /**
   * One page of `column eq value` ordered by `orderBy` (both indexed). The cursor is Graph's next
   * link, checked on the way back in so a cursor cannot be replayed against another filter.
   */
  async page(column: string, value: string, orderBy: string, select: readonly string[], request?: PageRequest): Promise<{ items: SpItem[]; next: string | null }> {
    return this.pageWhere(`fields/${column} eq ${odataString(value)}`, orderBy, select, request);
  }

  /**
   * One page of `from <= column < before` on one indexed text column, ordered by `orderBy`. The range
   * is the query's only filter, so it is the one the list view threshold counts: it must select
   * fewer than 5,000 items on a large list
   * (https://learn.microsoft.com/en-us/sharepoint/troubleshoot/lists-and-libraries/items-exceeds-list-view-threshold).
   */
  async pageRange(column: string, range: { from: string; before: string }, orderBy: string, select: readonly string[], request?: PageRequest): Promise<{ items: SpItem[]; next: string | null }> {
    return this.pageWhere(`fields/${column} ge ${odataString(range.from)} and fields/${column} lt ${odataString(range.before)}`, orderBy, select, request);
  }

  private async pageWhere(filter: string, orderBy: string, select: readonly string[], request?: PageRequest): Promise<{ items: SpItem[]; next: string | null }> {
    const limit = pageLimit(request);
    const params = new URLSearchParams();
    params.set('$expand', `fields($select=${select.join(',')})`);
    params.set('$filter', filter);
    params.set('$orderby', `fields/${orderBy}`);
    params.set('$top', String(limit));
    if (request?.cursor) params.set('$skiptoken', this.skipTokenFrom(request.cursor, params));
    const body = await this.client.json<{ value?: SpItem[]; '@odata.nextLink'?: string }>({ method: 'GET', url: `${this.itemsPath}?${params.toString()}` });
    const link = body['@odata.nextLink'];
    return { items: body.value ?? [], next: link ? Buffer.from(link, 'utf8').toString('base64url') : null };
  }

  private skipTokenFrom(cursor: string, expected: URLSearchParams): string {
    let url: URL;
    try {
      url = new URL(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw new InvalidCursorError();
    }
    const token = url.searchParams.get('$skiptoken');
    const same = url.pathname.endsWith(this.itemsPath) && url.searchParams.get('$filter') === expected.get('$filter') && url.searchParams.get('$orderby') === expected.get('$orderby');
    if (!same || !token) throw new InvalidCursorError();
    return token;
  }

  /** Every item of a small list (no filter), page by page. */
  async all(select: readonly string[], filter?: { column: string; value: string }): Promise<SpItem[]> {
    const params = new URLSearchParams();
    params.set('$expand', `fields($select=${select.join(',')})`);
    if (filter) params.set('$filter', `fields/${filter.column} eq ${odataString(filter.value)}`);
    params.set('$top', '500');
    const out: SpItem[] = [];
    for await (const page of this.client.pages<SpItem>(`${this.itemsPath}?${params.toString()}`)) out.push(...page);
    return out;
  }

  async first(column: string, value: string, select: readonly string[]): Promise<SpItem | null> {
    const params = new URLSearchParams();
    params.set('$expand', `fields($select=${select.join(',')})`);
    params.set('$filter', `fields/${column} eq ${odataString(value)}`);
    params.set('$top', '2');
    const body = await this.client.json<{ value?: SpItem[] }>({ method: 'GET', url: `${this.itemsPath}?${params.toString()}` });
    return body.value?.[0] ?? null;
  }

  async getItem(itemId: string, select: readonly string[]): Promise<SpItem | null> {
    const res = await this.client.send({ method: 'GET', url: `${this.itemsPath}/${itemId}?$expand=fields($select=${select.join(',')})` });
    if (res.status === 404) return null;
    if (!isOk(res)) throw toGraphError(res);
    return res.body as SpItem;
  }
}

const RECORD_SELECT = ['RecordId', 'WriteId', 'Doc'] as const;

export interface PreparedWrite {
  writeId: string;
  request: BatchItem;
  token: Token | null;
}

export class SpRecordList<T extends { id: string }> {
  readonly select: string[];

  constructor(
    readonly list: SpList,
    readonly spec: RecordListSpec<T>,
    extraSelect: readonly string[] = [],
  ) {
    this.select = [...RECORD_SELECT, ...extraSelect];
  }

  decode(item: SpItem): WithETag<T> {
    const doc = item.fields['Doc'];
    const recordId = String(item.fields['RecordId'] ?? '');
    const value = decodeDoc(this.spec.schema, this.spec.entity, { id: recordId, doc: typeof doc === 'string' ? doc : '' });
    const base: Token = { recordId, itemId: String(item.id), spETag: String(item.fields['@odata.etag'] ?? item.eTag ?? ''), version: Number(item.fields['Version'] ?? 0) };
    return { ...value, etag: encodeToken(base) };
  }

  async get(id: string): Promise<WithETag<T> | null> {
    const item = await this.list.first('RecordId', id, this.select);
    return item ? this.decode(item) : null;
  }

  async getBy(column: string, value: string): Promise<WithETag<T> | null> {
    const item = await this.list.first(column, value, this.select);
    return item ? this.decode(item) : null;
  }

  async page(column: string, value: string, orderBy: string, request?: PageRequest): Promise<Page<WithETag<T>>> {
    const p = await this.list.page(column, value, orderBy, this.select, request);
    return { items: p.items.map((i) => this.decode(i)), next: p.next };
  }

  async all(filter?: { column: string; value: string }): Promise<WithETag<T>[]> {
    return (await this.list.all(this.select, filter)).map((i) => this.decode(i));
  }

  /** Validates and builds the one request that writes the record (POST to create, PATCH with If-Match to update). */
  prepare(input: T, expectedETag: string | null, extraFields: Fields = {}, id = 'w'): { record: T; prepared: PreparedWrite } {
    const record = this.spec.schema.parse(withoutETag(input));
    const writeId = randomUUID();
    const fields: Fields = { Title: record.id, RecordId: record.id, WriteId: writeId, Doc: JSON.stringify(record), ...extraFields };
    for (const [col, read] of Object.entries(this.spec.keys)) fields[col] = read(record);
    if (expectedETag === null) {
      for (const k of Object.keys(fields)) if (fields[k] === null) delete fields[k];
      return { record, prepared: { writeId, token: null, request: { id, method: 'POST', url: this.list.itemsPath, body: { fields } } } };
    }
    const token = decodeToken(expectedETag);
    const usable = token && token.recordId === record.id ? token : null;
    return {
      record,
      prepared: {
        writeId,
        token: usable,
        request: { id, method: 'PATCH', url: `${this.list.itemsPath}/${usable?.itemId ?? '0'}/fields`, headers: { 'if-match': usable?.spETag ?? '"never"' }, body: fields },
      },
    };
  }

  /** Checks the unique keys SharePoint cannot enforce (nullable ones) before writing. */
  async checkUnchecked(record: T): Promise<void> {
    for (const u of this.spec.unique ?? []) {
      if (u.enforced) continue;
      const v = u.value(record);
      if (v === null) continue;
      const other = await this.list.first(u.column, v, ['RecordId']);
      if (other && other.fields['RecordId'] !== record.id) throw new DuplicateError(this.spec.entity, u.key, v);
    }
  }

  /** Turns the write's answer into the stored record, or the store's error. */
  async settle(record: T, prepared: PreparedWrite, res: GraphResponse | undefined, extraToken?: (t: Token) => Token): Promise<WithETag<T>> {
    const finish = (itemId: string, spETag: string) => {
      const base: Token = { recordId: record.id, itemId, spETag, version: 0 };
      return { ...record, etag: encodeToken(extraToken ? extraToken(base) : base) };
    };
    if (res && isOk(res)) {
      const b = res.body as { id?: string; eTag?: string; '@odata.etag'?: string };
      const spETag = b['@odata.etag'] ?? b.eTag ?? '';
      return finish(prepared.token?.itemId ?? String(b.id ?? ''), spETag);
    }
    const status = res?.status ?? 0;
    // A lost answer, or a conditional write repeated after an inner 429 that had in fact been applied:
    // the item carries the id of the write that made it, so look.
    if (status === 0 || status === 412 || status === 503) {
      const applied = await this.findWrite(record.id, prepared);
      if (applied) return finish(applied.itemId, applied.spETag);
    }
    if (prepared.request.method === 'POST') {
      if (status === 409) return this.duplicate(record);
      if (status === 0) throw new GraphOutcomeUnknownError(`create ${this.spec.entity}`, null);
    } else {
      if (status === 412 || status === 404 || !prepared.token) {
        if (await this.list.first('RecordId', record.id, ['RecordId'])) throw new ConflictError(this.spec.entity, record.id);
        throw new NotFoundError(this.spec.entity, record.id);
      }
      if (status === 409) return this.duplicate(record);
    }
    if (!res) throw new GraphOutcomeUnknownError(`write ${this.spec.entity}`, null);
    throw toGraphError(res);
  }

  private async findWrite(recordId: string, prepared: PreparedWrite): Promise<{ itemId: string; spETag: string } | null> {
    const item = prepared.token ? await this.list.getItem(prepared.token.itemId, ['RecordId', 'WriteId']) : await this.list.first('RecordId', recordId, ['RecordId', 'WriteId']);
    if (!item || item.fields['WriteId'] !== prepared.writeId || item.fields['RecordId'] !== recordId) return null;
    return { itemId: String(item.id), spETag: String(item.fields['@odata.etag'] ?? item.eTag ?? '') };
  }

  /** Names the key that clashed: the id first, then each unique key. */
  private async duplicate(record: T): Promise<never> {
    const byId = await this.list.first('RecordId', record.id, ['RecordId']);
    for (const u of this.spec.unique ?? []) {
      const v = u.value(record);
      if (v === null) continue;
      const other = await this.list.first(u.column, v, ['RecordId']);
      if (other && other.fields['RecordId'] !== record.id) throw new DuplicateError(this.spec.entity, u.key, v);
    }
    if (byId) throw new DuplicateError(this.spec.entity, 'id', record.id);
    throw new DuplicateError(this.spec.entity, 'id', record.id);
  }

  /** Create (null etag) or conditional update, one HTTP request in the normal case. */
  async write(input: T, expectedETag: string | null): Promise<WithETag<T>> {
    const { record, prepared } = this.prepare(input, expectedETag);
    await this.checkUnchecked(record);
    if (expectedETag !== null && !prepared.token) return this.settle(record, prepared, { status: 412, headers: {}, body: null });
    let res: GraphResponse | undefined;
    try {
      res = await this.list.client.send({ method: prepared.request.method, url: prepared.request.url, headers: prepared.request.headers, body: prepared.request.body });
    } catch (err) {
      if (!(err instanceof GraphOutcomeUnknownError)) throw err;
      res = undefined;
    }
    return this.settle(record, prepared, res);
  }

  /** Conditional delete: ConflictError if stale, NotFoundError if absent. */
  async remove(id: string, expectedETag: string): Promise<void> {
    const token = decodeToken(expectedETag);
    if (token && token.recordId === id) {
      const res = await this.list.client.send({ method: 'DELETE', url: `${this.list.itemsPath}/${token.itemId}`, headers: { 'if-match': token.spETag } });
      if (isOk(res)) return;
      if (res.status !== 412 && res.status !== 404) throw toGraphError(res);
    }
    if (await this.list.first('RecordId', id, ['RecordId'])) throw new ConflictError(this.spec.entity, id);
    throw new NotFoundError(this.spec.entity, id);
  }
}
