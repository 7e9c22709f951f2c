import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { classifyDelivery, type HttpResult } from './deliveryOutcome';
import type { OutboxNotification, OutboxStore } from './outboxStore';
import { RateLimiter, type RateWindow } from './rateLimiter';

/**
 * Delivers the outbox: claims due notifications, sends each through `send` under the client-side
 * rate limiter, and records the outcome (sent, retry later, failed, undeliverable).
 *
 * At least once, duplicates bounded: a notification is 'sending' in the store before its call and
 * 'sent' only after it; a crash leaves at most `maxInFlight` of them 'sending', which
 * `OutboxStore.resetSending` (run once at start-up, before `start`) puts back and counts.
 */

export interface DispatcherOptions {
  outbox: OutboxStore;
  /** One call to the Bot Connector; should time out on its own and report `{ kind: 'timeout' }`. */
  send: (n: OutboxNotification) => Promise<HttpResult>;
  /** Global client-side rate (default 40 per second). */
  ratePerSecond?: number;
  conversationWindows?: readonly RateWindow[];
  /** Calls per notification before it goes to 'failed' (default 10). */
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  /** Most notifications 'sending' at once: the bound on duplicates after a crash (default 50). */
  maxInFlight?: number;
  /** A notification the limiter would hold longer than this goes back to the queue instead (default 1 s). */
  maxHoldMs?: number;
  /** How long the loop sleeps when nothing is due (default 500 ms). */
  idleMs?: number;
  random?: () => number;
  now?: () => number;
  /**
   * Store errors (claiming, or recording an outcome: that notification then stays 'sending' until
   * the next start-up). `notificationId` is null for a failed claim.
   */
  onError?: (err: unknown, notificationId: string | null) => void;
}

export interface DispatchTally {
  claimed: number;
  sent: number;
  retried: number;
  deferred: number;
  failed: number;
  undeliverable: number;
}

type Result = keyof Omit<DispatchTally, 'claimed'> | 'abandoned';

const emptyTally = (): DispatchTally => ({ claimed: 0, sent: 0, retried: 0, deferred: 0, failed: 0, undeliverable: 0 });

export class Dispatcher {
  private readonly o: Required<Omit<DispatcherOptions, 'conversationWindows' | 'onError'>> & Pick<DispatcherOptions, 'onError'>;
  private readonly limiter: RateLimiter;
  private readonly inFlight = new Set<Promise<unknown>>();
  private running = false;
  private killed = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** Outcomes since construction, for progress and tests. */
  readonly tally: DispatchTally = emptyTally();

  constructor(options: DispatcherOptions) {
    // `??` per field, so an explicit undefined still gets the default.
    this.o = {
      outbox: options.outbox,
      send: options.send,
      ratePerSecond: options.ratePerSecond ?? 40,
      maxAttempts: options.maxAttempts ?? 10,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      maxInFlight: options.maxInFlight ?? 50,
      maxHoldMs: options.maxHoldMs ?? 1_000,
      idleMs: options.idleMs ?? 500,
      random: options.random ?? Math.random,
      now: options.now ?? Date.now,
      onError: options.onError,
    };
    if (this.o.maxAttempts < 1 || this.o.maxInFlight < 1) throw new RangeError('maxAttempts and maxInFlight must be at least 1');
    this.limiter = new RateLimiter({
      ratePerSecond: this.o.ratePerSecond,
      ...(options.conversationWindows ? { windows: options.conversationWindows } : {}),
      now: this.o.now,
    });
  }

  /** One round: claim what is due (up to maxInFlight), deliver it all, and return the tally of this round. */
  async runOnce(): Promise<DispatchTally> {
    const round = emptyTally();
    const claimed = await this.o.outbox.claimDue(new Date(this.o.now()), this.o.maxInFlight);
    round.claimed = claimed.length;
    this.tally.claimed += claimed.length;
    const results = await Promise.all(claimed.map((n) => this.track(n)));
    for (const r of results) if (r !== 'abandoned') round[r] += 1;
    return round;
  }

  /** Runs until `stop`: keeps up to maxInFlight notifications moving, claiming more as slots free. */
  start(): void {
    if (this.running || this.killed) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops claiming and waits for the calls in flight to be recorded. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await Promise.all(this.inFlight);
  }

  /**
   * Simulates the process dying (kill -9): nothing more is claimed or written, calls in flight are
   * left as they are, and their notifications stay 'sending' in the store. For tests.
   */
  kill(): void {
    this.killed = true;
    this.running = false;
    this.wake?.();
  }

  private async run(): Promise<void> {
    while (this.running) {
      const free = this.o.maxInFlight - this.inFlight.size;
      let claimed: OutboxNotification[] = [];
      if (free > 0) {
        try {
          claimed = await this.o.outbox.claimDue(new Date(this.o.now()), free);
        } catch (err) {
          this.o.onError?.(err, null);
        }
        if (this.killed) return;
        this.tally.claimed += claimed.length;
        for (const n of claimed) void this.track(n);
      }
      if (!this.running) return;
      // Nothing due, or no free slot: wait for a call to finish or the idle interval.
      if (claimed.length === 0 || this.inFlight.size >= this.o.maxInFlight) await this.pause(claimed.length === 0 ? this.o.idleMs : 1_000);
    }
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        if (this.wake === done) this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private track(n: OutboxNotification): Promise<Result> {
    const p = this.deliver(n).catch((err: unknown): Result => {
      if (!this.killed) this.o.onError?.(err, n.id);
      return 'abandoned';
    });
    this.inFlight.add(p);
    void p.then((r) => {
      this.inFlight.delete(p);
      if (r !== 'abandoned') this.tally[r] += 1;
      this.wake?.();
    });
    return p;
  }

  private async deliver(n: OutboxNotification): Promise<Result> {
    const { outbox, now } = this.o;
    for (;;) {
      const wait = this.limiter.tryAcquire(n.conversationKey);
      if (wait === 0) break;
      if (wait > this.o.maxHoldMs) {
        if (this.killed) return 'abandoned';
        await outbox.release(n.id, new Date(now() + wait));
        return 'deferred';
      }
      await sleep(wait);
      if (this.killed) return 'abandoned';
    }

    let result: HttpResult;
    try {
      result = await this.o.send(n);
    } catch (err) {
      result = { kind: 'networkError', message: err instanceof Error ? err.message : String(err) };
    }
    if (this.killed) return 'abandoned';

    const at = now();
    const outcome = classifyDelivery(result, at);
    const attempt = n.attempts + 1;
    switch (outcome.kind) {
      case 'delivered':
        await outbox.markSent(n.id, outcome.activityId);
        return 'sent';
      case 'undeliverable':
        await outbox.markUndeliverable(n.id, outcome.reason, outcome.error);
        return 'undeliverable';
      case 'failed':
        await outbox.markFailed(n.id, outcome.error);
        return 'failed';
      case 'retryAfter':
      case 'retryWithBackoff': {
        if (attempt >= this.o.maxAttempts) {
          await outbox.markFailed(n.id, `gave up after ${attempt} attempts; last: ${outcome.error}`);
          return 'failed';
        }
        let delay: number;
        if (outcome.kind === 'retryAfter') {
          // Never earlier than Retry-After; a little jitter so a throttled burst does not return as one.
          delay = outcome.ms + Math.floor(this.o.random() * this.o.backoff.baseMs);
          this.limiter.block(n.conversationKey, at + outcome.ms);
        } else {
          delay = backoffDelay(attempt, this.o.random, this.o.backoff);
        }
        await outbox.reschedule(n.id, new Date(at + delay), outcome.error);
        return 'retried';
      }
    }
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
