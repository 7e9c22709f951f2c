import { isDeepStrictEqual } from 'node:util';
import {
  OutboxStateError,
  notificationStatus,
  outboxNotification,
  type OutboxNotification,
  type OutboxStore,
  type StatusCounts,
} from '../../delivery/outboxStore';
import { outboxIso, outboxSteps, type OutboxStep } from '../../delivery/outboxSteps';
import { DuplicateError, NotFoundError } from '../storeInterface';
import { keysetPage } from './sqliteKeyset';
import { decodeDoc, type DocRow, type SqliteConnection } from './sqliteRecord';

const ENTITY = 'Notification';
const MAX_CLAIM = 500;

const iso = outboxIso;

export function sqliteOutboxStore(conn: SqliteConnection, clock: () => Date = () => new Date()): OutboxStore {
  const decode = (row: DocRow): OutboxNotification => decodeDoc(outboxNotification, ENTITY, row);

  const read = (id: string): OutboxNotification | null => {
    const row = conn.stmt('SELECT id, doc FROM outbox WHERE id = ?').get(id) as DocRow | undefined;
    return row ? decode(row) : null;
  };

  const write = (n: OutboxNotification, insert: boolean): OutboxNotification => {
    const valid = outboxNotification.parse(n);
    const cols = [valid.status, valid.priority === 'urgent' ? 0 : 1, iso(valid.nextAttemptAt), iso(valid.createdAt), JSON.stringify(valid)];
    if (insert) {
      conn
        .stmt('INSERT INTO outbox (id, status, priority_rank, next_attempt_at, created_at, doc) VALUES (?, ?, ?, ?, ?, ?)')
        .run(valid.id, ...cols);
    } else {
      conn
        .stmt('UPDATE outbox SET status = ?, priority_rank = ?, next_attempt_at = ?, created_at = ?, doc = ? WHERE id = ?')
        .run(...cols, valid.id);
    }
    return valid;
  };

  /** Reads, checks the state, applies `change` and writes: one transaction. */
  const transition = (
    id: string,
    { from, change }: OutboxStep,
  ): Promise<OutboxNotification> =>
    Promise.resolve().then(() =>
      conn.tx(() => {
        const current = read(id);
        if (!current) throw new NotFoundError(ENTITY, id);
        if (!from.includes(current.status)) throw new OutboxStateError(id, from, current.status);
        const now = iso(clock());
        return write({ ...current, ...change(current, now), updatedAt: now }, false);
      }),
    );

  return {
    enqueue: async (input) => {
      const now = iso(clock());
      const candidate: OutboxNotification = {
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
      };
      const parsed = outboxNotification.parse(candidate);
      return conn.tx(() => {
        const existing = read(parsed.id);
        if (existing) {
          const same = (['conversationKey', 'recipientId', 'kind', 'payload', 'priority'] as const).every((k) =>
            isDeepStrictEqual(existing[k], parsed[k]),
          );
          if (same) return existing;
          throw new DuplicateError(ENTITY, 'id', parsed.id);
        }
        return write(parsed, true);
      });
    },

    get: async (id) => read(id),

    claimDue: async (now, limit) => {
      const n = Math.min(MAX_CLAIM, Math.max(0, Math.floor(limit)));
      if (n === 0) return [];
      const at = iso(now);
      const stamp = iso(clock());
      return conn.tx(() => {
        const rows = conn
          .stmt(
            `SELECT id, doc FROM outbox WHERE status = 'queued' AND next_attempt_at <= ?
             ORDER BY priority_rank, created_at, id LIMIT ?`,
          )
          .all(at, n) as DocRow[];
        return rows.map((row) => write({ ...decode(row), status: 'sending', updatedAt: stamp }, false));
      });
    },

    markSent: (id, activityId) => transition(id, outboxSteps.markSent(activityId)),
    reschedule: (id, at, error) => transition(id, outboxSteps.reschedule(at, error)),
    release: (id, at) => transition(id, outboxSteps.release(at)),
    markFailed: (id, error) => transition(id, outboxSteps.markFailed(error)),
    markUndeliverable: (id, reason, error) => transition(id, outboxSteps.markUndeliverable(reason, error)),
    requeue: (id) => transition(id, outboxSteps.requeue()),

    resetSending: async () => {
      const now = iso(clock());
      return conn.tx(() => {
        const rows = conn.stmt(`SELECT id, doc FROM outbox WHERE status = 'sending'`).all() as DocRow[];
        const putBack = outboxSteps.putBack();
        for (const row of rows) {
          const n = decode(row);
          write({ ...n, ...putBack.change(n, now), updatedAt: now }, false);
        }
        return rows.length;
      });
    },

    listByStatus: async (status, page) =>
      keysetPage<DocRow & { created_at: string }, OutboxNotification>(
        conn,
        {
          select: 'SELECT id, doc, created_at FROM outbox',
          filter: 'status = ?',
          filterValue: notificationStatus.parse(status),
          keys: [
            { expr: 'created_at', alias: 'created_at', type: 'string' },
            { expr: 'id', alias: 'id', type: 'string' },
          ],
        },
        page,
        decode,
      ),

    countByStatus: async () => {
      const counts: StatusCounts = { queued: 0, sending: 0, sent: 0, failed: 0, undeliverable: 0 };
      const rows = conn.stmt('SELECT status, count(*) AS n FROM outbox GROUP BY status').all() as { status: string; n: number }[];
      for (const r of rows) {
        const s = notificationStatus.safeParse(r.status);
        if (s.success) counts[s.data] = r.n;
      }
      return counts;
    },
  };
}
