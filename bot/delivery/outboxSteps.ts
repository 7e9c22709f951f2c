import type { UndeliverableReason } from './deliveryOutcome';
import type { NotificationStatus, OutboxNotification } from './outboxStore';

/**
 * The steps of a notification's life after it is queued (see OutboxStore): for each, the states it
 * may start from and what it changes. Every store applies these same steps under its own
 * concurrency control (a SQLite transaction, a conditional SharePoint write).
 */
export interface OutboxStep {
  from: readonly NotificationStatus[];
  /** `now` is the store's clock as an ISO string. */
  change: (current: OutboxNotification, now: string) => Partial<OutboxNotification>;
}

const MAX_ERROR = 500;

/** Canonical UTC form, so stored times compare correctly as text. */
export const outboxIso = (d: Date | string): string => new Date(d).toISOString();

const clip = (text: string): string => (text.length > MAX_ERROR ? `${text.slice(0, MAX_ERROR - 1)}…` : text);

export const outboxSteps = {
  markSent: (activityId: string | null): OutboxStep => ({
    from: ['sending'],
    change: (n) => ({ status: 'sent', activityId, attempts: n.attempts + 1, lastError: null }),
  }),
  reschedule: (at: Date, error: string): OutboxStep => ({
    from: ['sending'],
    change: (n) => ({ status: 'queued', nextAttemptAt: outboxIso(at), attempts: n.attempts + 1, lastError: clip(error) }),
  }),
  release: (at: Date): OutboxStep => ({ from: ['sending'], change: () => ({ status: 'queued', nextAttemptAt: outboxIso(at) }) }),
  markFailed: (error: string): OutboxStep => ({
    from: ['sending'],
    change: (n) => ({ status: 'failed', attempts: n.attempts + 1, lastError: clip(error) }),
  }),
  markUndeliverable: (reason: UndeliverableReason, error: string): OutboxStep => ({
    from: ['sending'],
    change: (n) => ({ status: 'undeliverable', attempts: n.attempts + 1, lastError: clip(error), undeliverableReason: reason }),
  }),
  /** At start-up, a notification left 'sending' by a process that died goes back in the queue, due now. */
  putBack: (): OutboxStep => ({ from: ['sending'], change: (_n, now) => ({ status: 'queued', nextAttemptAt: now }) }),
  requeue: (): OutboxStep => ({
    from: ['failed', 'undeliverable'],
    change: (_n, now) => ({ status: 'queued', attempts: 0, nextAttemptAt: now, undeliverableReason: null }),
  }),
};
