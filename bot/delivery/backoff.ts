/**
 * Exponential backoff with full jitter: a uniformly random wait in [0, min(cap, base · 2^(n-1))]
 * for the n-th retry. Full jitter spreads retries of a burst that failed together, which is what
 * the Teams rate-limit doc asks for ("exponential backoff plus random jitter").
 */
export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, capMs: 60_000 };

/** `attempt` counts from 1 (the first retry); `random` returns a float in [0, 1). */
export function backoffDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^(n-1) overflows to Infinity for large n; min() with the cap keeps it finite.
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** (n - 1));
  return Math.floor(random() * ceiling);
}
