import { isDeepStrictEqual } from 'node:util';
import {
  OutboxStateError,
  notificationStatus,
  outboxNotification,
  type NotificationStatus,
  type OutboxNotification,
  type OutboxStore,
  type StatusCounts,
} from '../../delivery/outboxStore';
import { outboxIso, outboxSteps, type OutboxStep } from '../../delivery/outboxSteps';
import { ConflictError, DuplicateError, NotFoundError, type WithETag } from '../storeInterface';
import { GraphOutcomeUnknownError, isOk, MAX_BATCH, type GraphClient, type GraphResponse } from './graphClient';
import { SpRecordList, type PreparedWrite, type SpList } from './spRecordList';

/**
 * The outbox on SharePoint. In tenant mode it is the list "PA Outbox" on the audit site, beside
 * the records whose changes cause the notifications, so no second store has to be kept in step
 * and the runtime identity needs nothing beyond its `write` grant on that site.
 *
 * Claiming is atomic across instances without a lock: a claim is a conditional PATCH
 * (If-Match with the item's eTag) of queued → sending; a 412 means another dispatcher claimed it
 * first (https://learn.microsoft.com/en-us/graph/api/listitem-update), so it is skipped and the
 * query repeated for the next due one. Due ones are found with one query on the indexed Status
 * column ordered by the indexed ClaimKey (`rank|createdAt|id`: urgent first, then oldest); the
 * queued set is small, so the query stays well under the 5,000-item threshold, and "due" is
 * checked on the record itself. Claims go out 20 to a $batch, each conditional on its own.
 *
 * Cost (simulator counters, test/simulators/graph/sharePointWorkStores.test.ts): with claims of 20, a
 * notification delivered costs about 4.1 resource units (its claim PATCH 2, its mark-sent PATCH 2,
 * a twentieth of the claim query's 2) and 2 more to enqueue; a lone notification costs 6 (query,
 * claim, mark sent). The mark-sent needs no read because the claim's eTag is kept in this process.
 * The whole lowest band (1,250 RU a minute) would carry about 300 deliveries a minute; in practice
 * the outbox shares it with autosaves (4 RU each).
 *
 * Not yet bounded: 'sent' notifications stay in the list, so once more than 5,000 have been sent,
 * `listByStatus('sent')` and `countByStatus` (tests and monitoring only) would meet the threshold;
 * a retention purge of old sent ones is still to come.
 */

const ENTITY = 'Notification';
const MAX_CLAIM = 500;
const TRANSITION_ATTEMPTS = 5;
const HELD_MAX = 5000;

const iso = outboxIso;
const bare = (n: WithETag<OutboxNotification>): OutboxNotification => {
  const { etag: _etag, ...rest } = n;
  return rest;
};

export function sharePointOutboxStore(client: GraphClient, items: SpList, clock: () => Date = () => new Date()): OutboxStore {
  const table = new SpRecordList<OutboxNotification>(items, {
    entity: ENTITY,
    schema: outboxNotification,
    keys: {
      Status: (n) => n.status,
      ClaimKey: (n) => `${n.priority === 'urgent' ? 0 : 1}|${iso(n.createdAt)}|${n.id}`,
      CreatedKey: (n) => `${iso(n.createdAt)}|${n.id}`,
    },
  });

  /** The latest version this process wrote of notifications in flight, so marking one needs no read first. */
  const held = new Map<string, WithETag<OutboxNotification>>();
  const hold = (n: WithETag<OutboxNotification>) => {
    held.delete(n.id);
    if (n.status === 'sending' || n.status === 'queued') {
      if (held.size >= HELD_MAX) held.delete(held.keys().next().value ?? '');
      held.set(n.id, n);
    }
    return bare(n);
  };

  /** Checks the state and writes the change conditionally; a conflict (someone else wrote it) reads again and retries. */
  const transition = async (
    id: string,
    { from, change }: OutboxStep,
  ): Promise<OutboxNotification> => {
    for (let attempt = 1; ; attempt++) {
      const cached = attempt === 1 ? held.get(id) : undefined;
      const current = cached ?? (await table.get(id));
      if (!current) throw new NotFoundError(ENTITY, id);
      if (!from.includes(current.status)) {
        if (cached) continue; // what this process held may be out of date: read it
        throw new OutboxStateError(id, from, current.status);
      }
      const now = iso(clock());
      try {
        return hold(await table.write({ ...bare(current), ...change(bare(current), now), updatedAt: now }, current.etag));
      } catch (err) {
        if (!(err instanceof ConflictError) || attempt >= TRANSITION_ATTEMPTS) throw err;
        held.delete(id);
      }
    }
  };

  /**
   * Sends up to 20 conditional writes in one $batch; returns what each became: the stored record,
   * 'lost' (another writer got there first), or the error that stopped it.
   */
  const writeEach = async (writes: { record: OutboxNotification; prepared: PreparedWrite }[]): Promise<(WithETag<OutboxNotification> | 'lost' | Error)[]> => {
    let res: Map<string, GraphResponse> | null = null;
    try {
      res = await client.batch(writes.map((w) => w.prepared.request));
    } catch (err) {
      if (!(err instanceof GraphOutcomeUnknownError)) throw err;
    }
    const out: (WithETag<OutboxNotification> | 'lost' | Error)[] = [];
    for (const w of writes) {
      const r = res?.get(w.prepared.request.id);
      if (r?.status === 412) {
        out.push('lost');
        continue;
      }
      try {
        // 2xx, or an unknown outcome: settle looks for this write's id on the item.
        out.push(await table.settle(w.record, w.prepared, r));
      } catch (err) {
        out.push(err instanceof ConflictError || err instanceof NotFoundError ? 'lost' : err instanceof Error ? err : new Error(String(err)));
      }
    }
    return out;
  };

  /** Every notification of one status, in claim order (a small set: queued or sending). */
  async function* inStatus(status: NotificationStatus): AsyncGenerator<WithETag<OutboxNotification>[]> {
    let cursor: string | null = null;
    do {
      const page = await table.page('Status', status, 'ClaimKey', { cursor, limit: MAX_CLAIM });
      yield page.items;
      cursor = page.next;
    } while (cursor);
  }

  return {
    enqueue: async (input) => {
      const now = iso(clock());
      const parsed = outboxNotification.parse({
        id: input.id,
        conversationKey: input.conversationKey,
        recipientId: input.recipientId,
        kind: input.kind,
        payload: input.payload,
        priority: input.priority,
        status: 'queued',
        attempts: 0,
        nextAttemptAt: input.notBefore ? iso(input.notBefore) : now,
        activityId: null,
        lastError: null,
        undeliverableReason: null,
        createdAt: now,
        updatedAt: now,
      } satisfies OutboxNotification);
      try {
        return hold(await table.write(parsed, null));
      } catch (err) {
        if (!(err instanceof DuplicateError)) throw err;
        const existing = await table.get(parsed.id);
        if (!existing) throw err;
        const same = (['conversationKey', 'recipientId', 'kind', 'payload', 'priority'] as const).every((k) => isDeepStrictEqual(existing[k], parsed[k]));
        if (!same) throw new DuplicateError(ENTITY, 'id', parsed.id);
        return bare(existing);
      }
    },

    get: async (id) => {
      const n = await table.get(id);
      return n ? bare(n) : null;
    },

    claimDue: async (now, limit) => {
      const want = Math.min(MAX_CLAIM, Math.max(0, Math.floor(limit)));
      const at = now.getTime();
      const claimed: OutboxNotification[] = [];
      const lost = new Set<string>();
      while (claimed.length < want) {
        // The first due ones in claim order, skipping any another dispatcher took from under us.
        const due: WithETag<OutboxNotification>[] = [];
        for await (const page of inStatus('queued')) {
          for (const n of page) if (Date.parse(n.nextAttemptAt) <= at && !lost.has(n.id) && due.length < want - claimed.length) due.push(n);
          if (due.length >= want - claimed.length) break;
        }
        if (due.length === 0) break;
        // Fewer due than wanted means the queue held no more; only a lost claim is worth another look.
        const lastLook = due.length < want - claimed.length;
        const lostBefore = lost.size;
        const stamp = iso(clock());
        let failure: Error | null = null;
        for (let i = 0; i < due.length && !failure; i += MAX_BATCH) {
          const chunk = due.slice(i, i + MAX_BATCH);
          const writes = chunk.map((n, k) => table.prepare({ ...bare(n), status: 'sending', updatedAt: stamp }, n.etag, {}, `c${k}`));
          for (const [k, r] of (await writeEach(writes)).entries()) {
            if (r === 'lost') lost.add(chunk[k]?.id ?? '');
            else if (r instanceof Error) failure ??= r;
            else claimed.push(hold(r));
          }
        }
        // Hand over what was claimed (so it is sent, not stranded as 'sending'); the error comes back on the next call.
        if (failure) {
          if (claimed.length === 0) throw failure;
          break;
        }
        if (lastLook && lost.size === lostBefore) break;
      }
      return claimed;
    },

    markSent: (id, activityId) => transition(id, outboxSteps.markSent(activityId)),
    reschedule: (id, at, error) => transition(id, outboxSteps.reschedule(at, error)),
    release: (id, at) => transition(id, outboxSteps.release(at)),
    markFailed: (id, error) => transition(id, outboxSteps.markFailed(error)),
    markUndeliverable: (id, reason, error) => transition(id, outboxSteps.markUndeliverable(reason, error)),
    requeue: (id) => transition(id, outboxSteps.requeue()),

    resetSending: async () => {
      const sending: WithETag<OutboxNotification>[] = [];
      for await (const page of inStatus('sending')) sending.push(...page);
      const now = iso(clock());
      let count = 0;
      for (let i = 0; i < sending.length; i += MAX_BATCH) {
        const chunk = sending.slice(i, i + MAX_BATCH);
        const writes = chunk.map((n, k) => table.prepare({ ...bare(n), ...outboxSteps.putBack().change(n, now), updatedAt: now }, n.etag, {}, `r${k}`));
        const results = await writeEach(writes);
        for (const [k, r] of results.entries()) {
          if (r instanceof Error) throw r;
          if (r !== 'lost') {
            hold(r);
            count++;
            continue;
          }
          // Changed since the read: put it back only if it is still sending.
          try {
            await transition(chunk[k]?.id ?? '', outboxSteps.putBack());
            count++;
          } catch (err) {
            if (!(err instanceof OutboxStateError) && !(err instanceof NotFoundError)) throw err;
          }
        }
      }
      return count;
    },

    listByStatus: async (status, page) => {
      const p = await table.page('Status', notificationStatus.parse(status), 'CreatedKey', page);
      return { items: p.items.map(bare), next: p.next };
    },

    countByStatus: async () => {
      const counts: StatusCounts = { queued: 0, sending: 0, sent: 0, failed: 0, undeliverable: 0 };
      for (const s of notificationStatus.options) counts[s] = (await items.all(['RecordId'], { column: 'Status', value: s })).length;
      return counts;
    },
  };
}
