import { trailEntry, type TrailEntry } from '../../../shared/schemas/trail';
import { DuplicateError, type Page, type PageRequest, type WithETag } from '../storeInterface';
import { GraphOutcomeUnknownError, isOk, MAX_BATCH, type BatchItem, type GraphClient, type GraphResponse } from './graphClient';
import { decodeToken, type SpItem, type SpList, type SpRecordList, type Token } from './spRecordList';

/** A per-process monotonic key (ms + counter): trail and access-log rows sort in the order written. */
let lastMs = 0;
let counter = 0;
export function nextSeq(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else counter++;
  return `${String(lastMs).padStart(15, '0')}.${String(counter).padStart(6, '0')}`;
}

interface PendingEntry {
  seq: string;
  entry: TrailEntry;
}

/** The extra columns a list written with trail entries needs (see listMigrations). */
export const TRAILED_SELECT = ['Version', 'PendingTrail'] as const;

/**
 * Records written together with trail entries of an audit (the audit itself, an action step, a
 * meeting proposal, a concern). A write is ONE $batch: the record's POST or conditional PATCH first,
 * then the trail rows, each depending on the one before (a fully sequential batch, as
 * https://learn.microsoft.com/graph/json-batching advises with dependsOn), so nothing of the trail
 * is written unless the record was, and a stale etag (412) fails the rest with 424. The item also
 * keeps the entries of its latest write (`PendingTrail`), committed atomically with it. Recovery of
 * a half-applied batch (record written, some trail rows throttled or lost): the inner 429s are
 * retried; if rows are still missing the etag returned says so, and the next write of that record
 * writes them again from `PendingTrail` (rows are idempotent: their entry id is a unique column, so
 * a repeat gets 409 and is taken as done). An etag from a read is treated the same way, so a crash
 * between the two halves loses nothing.
 */
export class SpTrailedList<T extends { id: string }> {
  /**
   * What this process knows of each record's latest write: its pending entries and whether their rows
   * are known to exist. Unknown (another process wrote it, or this one restarted) counts as not confirmed.
   */
  private readonly seen = new Map<string, { version: number; pending: PendingEntry[]; confirmed: boolean }>();

  constructor(
    private readonly client: GraphClient,
    /** Built with TRAILED_SELECT as extra columns. */
    readonly table: SpRecordList<T>,
    private readonly trailItems: SpList,
    /** The audit a record's trail entries must belong to (null: it may have none). */
    private readonly auditOf: (record: T) => string | null,
  ) {}

  decode(item: SpItem): WithETag<T> {
    const r = this.table.decode(item);
    this.remember(r.id, Number(item.fields['Version'] ?? 0), readPending(item), false);
    return r;
  }

  async get(id: string): Promise<WithETag<T> | null> {
    const item = await this.table.list.first('RecordId', id, this.table.select);
    return item ? this.decode(item) : null;
  }

  async all(filter: { column: string; value: string }): Promise<WithETag<T>[]> {
    return (await this.table.list.all(this.table.select, filter)).map((i) => this.decode(i));
  }

  async page(column: string, value: string, orderBy: string, request?: PageRequest): Promise<Page<WithETag<T>>> {
    const p = await this.table.list.page(column, value, orderBy, this.table.select, request);
    return { items: p.items.map((i) => this.decode(i)), next: p.next };
  }

  /** A page of `from <= column < before` (see SpList.pageRange). */
  async pageRange(column: string, range: { from: string; before: string }, orderBy: string, request?: PageRequest): Promise<Page<WithETag<T>>> {
    const p = await this.table.list.pageRange(column, range, orderBy, this.table.select, request);
    return { items: p.items.map((i) => this.decode(i)), next: p.next };
  }

  /**
   * Create by id, idempotently: when the id is taken, the stored record is returned with
   * `created: false` and nothing is written (the POST's 409 fails the trail rows with 424).
   */
  async createOnce(input: T, entries: readonly TrailEntry[]): Promise<{ record: WithETag<T>; created: boolean }> {
    try {
      return { record: await this.write(input, null, entries), created: true };
    } catch (err) {
      if (!(err instanceof DuplicateError) || err.key !== 'id') throw err;
      const existing = await this.get(input.id);
      if (!existing) throw err;
      return { record: existing, created: false };
    }
  }

  async write(input: T, expectedETag: string | null, entries: readonly TrailEntry[]): Promise<WithETag<T>> {
    this.checkTrail(input, entries);
    const token = expectedETag === null ? null : decodeToken(expectedETag);
    const carried = await this.pendingFor(token && token.recordId === input.id ? token : null);
    const fresh = entries.map((entry) => ({ seq: nextSeq(), entry }));
    const pending = [...carried.filter((c) => !fresh.some((f) => f.entry.id === c.entry.id)), ...fresh];
    const version = (token?.version ?? 0) + 1;
    const { table } = this;
    const { record, prepared } = table.prepare(input, expectedETag, { Version: version, PendingTrail: JSON.stringify(pending) });
    if (expectedETag !== null && !prepared.token) return table.settle(record, prepared, { status: 412, headers: {}, body: null });

    // The record write and as many rows as fit go in one request; the rest follow once it is committed.
    const inFirst = pending.slice(0, MAX_BATCH - 1);
    const items: BatchItem[] = [prepared.request, ...inFirst.map((p, n) => this.trailRow(p, `t${n}`, n === 0 ? 'w' : `t${n - 1}`))];
    let res: Map<string, GraphResponse> | null = null;
    try {
      res = await this.client.batch(items);
    } catch (err) {
      if (!(err instanceof GraphOutcomeUnknownError)) throw err;
    }
    let rowsOk = res !== null && isOk(res.get('w')) && items.slice(1).every((it) => rowDone(res?.get(it.id)));
    const stored = await table.settle(record, prepared, res?.get('w'), (t) => ({ ...t, version }));
    // Committed. Finish the trail: the rows not in the first batch, or all again if the answer was lost or partly throttled.
    const rest = rowsOk ? pending.slice(inFirst.length) : pending;
    if (rest.length > 0) rowsOk = await this.writeRows(rest);
    this.remember(record.id, version, pending, rowsOk);
    return stored;
  }

  private checkTrail(record: T, entries: readonly TrailEntry[]): void {
    const auditId = this.auditOf(record);
    for (const t of entries) {
      if (t.auditId !== auditId) throw new Error(`Trail entry "${t.id}" belongs to audit "${t.auditId}", not "${auditId ?? '(none)'}"`);
      trailEntry.parse(t);
    }
  }

  private remember(id: string, version: number, pending: PendingEntry[], confirmed: boolean): void {
    const known = this.seen.get(id);
    if (!confirmed && known && known.version === version && known.confirmed) return;
    if (this.seen.size > 2000) this.seen.delete(this.seen.keys().next().value ?? '');
    this.seen.set(id, { version, pending, confirmed });
  }

  private trailRow(p: PendingEntry, id: string, dependsOn?: string): BatchItem {
    return {
      id,
      method: 'POST',
      url: this.trailItems.itemsPath,
      body: { fields: { Title: p.entry.id, RecordId: p.entry.id, AuditId: p.entry.auditId, Seq: p.seq, Doc: JSON.stringify(p.entry) } },
      ...(dependsOn ? { dependsOn: [dependsOn] } : {}),
    };
  }

  /** Writes rows in sequential batches of 20; returns whether every row is now there. */
  private async writeRows(rows: PendingEntry[]): Promise<boolean> {
    let ok = true;
    for (let i = 0; i < rows.length; i += MAX_BATCH) {
      const chunk = rows.slice(i, i + MAX_BATCH);
      const items = chunk.map((p, n) => this.trailRow(p, `t${n}`, n > 0 ? `t${n - 1}` : undefined));
      try {
        const res = await this.client.batch(items);
        ok = ok && items.every((it) => rowDone(res.get(it.id)));
      } catch (err) {
        if (!(err instanceof GraphOutcomeUnknownError)) throw err;
        ok = false;
      }
    }
    return ok;
  }

  private async pendingFor(token: Token | null): Promise<PendingEntry[]> {
    if (!token) return [];
    const known = this.seen.get(token.recordId);
    if (known && known.version === token.version) return known.confirmed ? [] : known.pending;
    const item = await this.table.list.getItem(token.itemId, ['Version', 'PendingTrail', 'RecordId']);
    return item && item.fields['RecordId'] === token.recordId ? readPending(item) : [];
  }
}

function readPending(item: SpItem): PendingEntry[] {
  const raw = item.fields['PendingTrail'];
  if (typeof raw !== 'string' || !raw) return [];
  const parsed = JSON.parse(raw) as { seq: string; entry: unknown }[];
  return parsed.map((p) => ({ seq: p.seq, entry: trailEntry.parse(p.entry) }));
}

/** 201, or 409 (the row exists: an earlier attempt wrote it). */
const rowDone = (r: GraphResponse | undefined): boolean => isOk(r) || r?.status === 409;
