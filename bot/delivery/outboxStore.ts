import { z } from 'zod';
import { id, isoDateTime } from '../../shared/schemas/common';
import type { Page, PageRequest } from '../store/storeInterface';
import type { UndeliverableReason } from './deliveryOutcome';

/**
 * The outbox: notifications written with the change that causes them, delivered later by the
 * dispatcher. Delivery is at least once; the only duplicates possible are notifications that were
 * 'sending' when the process died (the call may have reached Teams before the crash), which
 * `resetSending` puts back in the queue and counts.
 *
 * Life of a notification: queued → sending → sent | queued (retry later) | failed | undeliverable.
 * failed and undeliverable can be put back with `requeue` (the QA lead's "retry").
 */

export const notificationStatus = z.enum(['queued', 'sending', 'sent', 'failed', 'undeliverable']);
export type NotificationStatus = z.infer<typeof notificationStatus>;

export const notificationPriority = z.enum(['urgent', 'routine']);
export type NotificationPriority = z.infer<typeof notificationPriority>;

/** notInstalled: we hold no conversation with the recipient (the app was never installed or opened). */
export const undeliverableReason = z.enum(['blocked', 'uninstalled', 'notFound', 'disabled', 'notInstalled']);

export const outboxNotification = z
  .object({
    id,
    /**
     * The key the per-conversation rate limit counts under: the Bot Connector conversation id, or a
     * stable per-recipient key (e.g. `staff:<id>`) when the conversation is looked up at send time.
     * Not an app id, so no id pattern.
     */
    conversationKey: z.string().min(1).max(512),
    recipientId: id,
    kind: z.string().min(1).max(64),
    /** The Adaptive Card (or whole activity) to send, as JSON. */
    payload: z.record(z.string(), z.unknown()),
    priority: notificationPriority,
    status: notificationStatus,
    /** Calls made whose outcome is known (a crash mid-call is not counted). */
    attempts: z.number().int().min(0),
    nextAttemptAt: isoDateTime,
    activityId: z.string().min(1).max(512).nullable(),
    lastError: z.string().max(500).nullable(),
    undeliverableReason: undeliverableReason.nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .strict();
export type OutboxNotification = z.infer<typeof outboxNotification>;

/** What a caller supplies to enqueue; the store fills in the delivery state. */
export type NewNotification = Pick<OutboxNotification, 'id' | 'conversationKey' | 'recipientId' | 'kind' | 'payload' | 'priority'> & {
  /** Earliest send time; default now. */
  notBefore?: string;
};

export type StatusCounts = Record<NotificationStatus, number>;

/** The notification is not in the state the call needs (e.g. markSent on one no longer 'sending'). */
export class OutboxStateError extends Error {
  override readonly name = 'OutboxStateError';
  constructor(
    readonly notificationId: string,
    readonly expected: readonly NotificationStatus[],
    readonly actual: NotificationStatus | null,
  ) {
    super(`Notification "${notificationId}" is ${actual ?? 'missing'}, expected ${expected.join(' or ')}`);
  }
}

export interface OutboxStore {
  /**
   * Adds a queued notification. Idempotent by id: the same notification again returns the stored
   * one whatever its state; a different one under a used id throws DuplicateError.
   */
  enqueue(n: NewNotification): Promise<OutboxNotification>;
  get(id: string): Promise<OutboxNotification | null>;
  /**
   * Marks up to `limit` queued notifications due at `now` as 'sending' and returns them: urgent
   * first, then oldest (createdAt, then id). Atomic: two dispatchers never claim the same one.
   */
  claimDue(now: Date, limit: number): Promise<OutboxNotification[]>;
  /** sending → sent, with the connector's activity id (for later updates). Counts the attempt. */
  markSent(id: string, activityId: string | null): Promise<OutboxNotification>;
  /** sending → queued, due at `at`; counts the attempt and records the error. */
  reschedule(id: string, at: Date, error: string): Promise<OutboxNotification>;
  /** sending → queued, due at `at`, without counting an attempt (held back by the client-side limiter). */
  release(id: string, at: Date): Promise<OutboxNotification>;
  /** sending → failed (gave up, or not retryable); counts the attempt. */
  markFailed(id: string, error: string): Promise<OutboxNotification>;
  /** sending → undeliverable: the recipient cannot be reached (blocked, uninstalled, ...). */
  markUndeliverable(id: string, reason: UndeliverableReason, error: string): Promise<OutboxNotification>;
  /** failed | undeliverable → queued, due now, attempts back to 0 (a person asked to retry). */
  requeue(id: string): Promise<OutboxNotification>;
  /**
   * At start-up, before any dispatcher runs: every 'sending' → 'queued', due now. Returns how many:
   * these are the only notifications that may reach their recipient twice.
   */
  resetSending(): Promise<number>;
  /** Paged, oldest first (createdAt, then id). */
  listByStatus(status: NotificationStatus, page?: PageRequest): Promise<Page<OutboxNotification>>;
  countByStatus(): Promise<StatusCounts>;
}
