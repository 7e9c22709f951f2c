/**
 * One instance at a time: scheduled jobs and the outbox dispatcher run only on the instance that
 * holds the job lease, so scaling the service out never sends a card or an e-mail twice.
 *
 * A lease expires unless renewed (60 s, renewed every 20 s), so when its holder dies another
 * instance takes over within a minute; a holder that stops cleanly releases it at once.
 */
export interface JobLease {
  /** Takes the lease if it is free or has expired (or renews it if it is already ours); true if we hold it now. */
  acquire(): Promise<boolean>;
  /** Extends our lease; false if it is no longer ours. */
  renew(): Promise<boolean>;
  /** Gives our lease up at once; does nothing if we do not hold it. */
  release(): Promise<void>;
}

export const LEASE_SECONDS = 60;
export const RENEW_EVERY_MS = 20_000;

export interface LeaseKeeperDeps {
  lease: JobLease;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  leaseMs?: number;
  renewEveryMs?: number;
  /** Called when this instance gains (true) or loses (false) the lease: start or stop the work here. */
  onChange?: (holding: boolean) => void | Promise<void>;
  /** A failed acquire or renew (storage unreachable); ids only in logs. */
  onError?: (err: unknown) => void;
}

/**
 * Keeps trying for the lease and renews it while held. `holding` turns false as soon as two renewals
 * in a row have failed (40 s after the last success), a full renewal period before the lease can
 * expire and pass to another instance, so the two never both believe they hold it.
 */
export class LeaseKeeper {
  private readonly now: () => number;
  private readonly leaseMs: number;
  private readonly renewEveryMs: number;
  private confirmedAt: number | null = null;
  private reported = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private ticking: Promise<boolean> | null = null;

  constructor(private readonly deps: LeaseKeeperDeps) {
    this.now = deps.now ?? Date.now;
    this.leaseMs = deps.leaseMs ?? LEASE_SECONDS * 1000;
    this.renewEveryMs = deps.renewEveryMs ?? RENEW_EVERY_MS;
    if (this.renewEveryMs * 2 >= this.leaseMs) throw new RangeError('renew at least three times per lease period');
  }

  /** True while the lease is ours with a safety margin to spare. */
  get holding(): boolean {
    return this.confirmedAt !== null && this.now() - this.confirmedAt < this.leaseMs - this.renewEveryMs;
  }

  start(): void {
    if (this.timer) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), this.renewEveryMs);
    // Never keeps the process alive on its own.
    this.timer.unref?.();
  }

  /** Stops renewing, tells the work to stop, then releases the lease so another instance takes over at once. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    const held = this.confirmedAt !== null;
    this.confirmedAt = null;
    await this.report();
    if (held) await this.deps.lease.release();
  }

  /** One attempt: renew if held, else try to acquire. Returns whether we hold the lease after it. */
  async tick(): Promise<boolean> {
    if (this.ticking) return this.ticking;
    this.ticking = (async () => {
      try {
        const ok = this.confirmedAt !== null ? await this.deps.lease.renew() : await this.deps.lease.acquire();
        this.confirmedAt = ok ? this.now() : null;
      } catch (err) {
        // Unreachable storage: keep the last confirmation; `holding` lapses on its own.
        this.deps.onError?.(err);
      }
      await this.report();
      return this.holding;
    })();
    try {
      return await this.ticking;
    } finally {
      this.ticking = null;
    }
  }

  private async report(): Promise<void> {
    const holding = this.holding;
    if (holding === this.reported) return;
    this.reported = holding;
    await this.deps.onChange?.(holding);
  }
}

/** Wraps a scheduled job so it runs only on the lease holder; elsewhere it is skipped (returns null). */
export function onlyOnLeaseHolder<T>(keeper: { readonly holding: boolean }, job: (now: Date) => Promise<T>): (now: Date) => Promise<T | null> {
  return async (now) => (keeper.holding ? job(now) : null);
}
