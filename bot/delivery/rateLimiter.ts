/**
 * Client-side pacing for proactive messages, so the bot stays under Teams' caps instead of
 * learning them from 429s (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit,
 * /work/shared/platform-notes.md §2):
 * - a global token bucket, by default 40 per second: safely under the 50 RPS per app per tenant;
 * - per conversation, rolling windows matching "Send to conversation" per bot per thread:
 *   7 per 1 s, 8 per 2 s, 60 per 30 s, 1,800 per 3,600 s.
 * Windows are measured a little long (`marginMs`) because the service sees arrival times, which
 * network jitter can bunch closer together than the send times seen here.
 */

export interface RateWindow {
  limit: number;
  ms: number;
}

export const CONVERSATION_WINDOWS: readonly RateWindow[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
  { limit: 1_800, ms: 3_600_000 },
];

export const DEFAULT_RATE_PER_SECOND = 40;

export interface RateLimiterOptions {
  ratePerSecond?: number;
  /** Bucket size; default a tenth of a second's worth (at least 1), so sends are paced, not bunched. */
  burst?: number;
  windows?: readonly RateWindow[];
  marginMs?: number;
  now?: () => number;
}

export class RateLimiter {
  private readonly rate: number;
  private readonly burst: number;
  private readonly windows: readonly RateWindow[];
  private readonly margin: number;
  private readonly now: () => number;
  private readonly longest: number;
  private tokens: number;
  private refilledAt: number;
  /** Per conversation: times of granted calls, oldest first. */
  private readonly history = new Map<string, number[]>();
  private readonly blockedUntil = new Map<string, number>();
  private grants = 0;

  constructor(options: RateLimiterOptions = {}) {
    this.rate = options.ratePerSecond ?? DEFAULT_RATE_PER_SECOND;
    if (!(this.rate > 0)) throw new RangeError('ratePerSecond must be positive');
    this.burst = options.burst ?? Math.max(1, Math.floor(this.rate / 10));
    this.windows = options.windows ?? CONVERSATION_WINDOWS;
    this.margin = options.marginMs ?? 50;
    this.now = options.now ?? Date.now;
    this.longest = Math.max(0, ...this.windows.map((w) => w.ms + this.margin));
    this.tokens = this.burst;
    this.refilledAt = this.now();
  }

  /** 0 when the call may go now (and it is counted); otherwise ms to wait before asking again. */
  tryAcquire(key: string): number {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.refilledAt) / 1000) * this.rate);
    this.refilledAt = t;

    let wait = this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.rate) * 1000;
    const blocked = this.blockedUntil.get(key);
    if (blocked !== undefined) {
      if (blocked > t) wait = Math.max(wait, blocked - t);
      else this.blockedUntil.delete(key);
    }
    const times = (this.history.get(key) ?? []).filter((x) => x > t - this.longest);
    for (const w of this.windows) {
      const span = w.ms + this.margin;
      const inWindow = times.filter((x) => x > t - span);
      if (inWindow.length >= w.limit) {
        const blocker = inWindow[inWindow.length - w.limit] as number;
        wait = Math.max(wait, blocker + span - t);
      }
    }
    if (wait > 0) {
      if (times.length > 0) this.history.set(key, times);
      else this.history.delete(key);
      return Math.ceil(wait);
    }
    this.tokens -= 1;
    times.push(t);
    this.history.set(key, times);
    if (++this.grants % 1000 === 0) this.prune(t);
    return 0;
  }

  /** Holds a conversation back until `untilMs` (after a 429 for it). */
  block(key: string, untilMs: number): void {
    this.blockedUntil.set(key, Math.max(untilMs, this.blockedUntil.get(key) ?? 0));
  }

  /** Forgets conversations with nothing inside the longest window, so memory stays bounded. */
  private prune(t: number): void {
    for (const [key, times] of this.history) {
      const last = times[times.length - 1];
      if (last === undefined || last <= t - this.longest) this.history.delete(key);
    }
  }
}
