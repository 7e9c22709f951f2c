/**
 * The `Authorization` header the tab sends inside Teams: the SSO token from teams-js
 * `authentication.getAuthToken()`, kept until shortly before it expires. The tab only reads the
 * token's `exp` to time the refresh; the server verifies everything.
 */
export interface BearerTokens {
  /** `Bearer <token>`, or null when no token can be had (the request then goes without one). */
  authorization(): Promise<string | null>;
  /** Forget the cached token (after the server answered 401). */
  invalidate(): void;
}

/** `exp` of a JWT in milliseconds, read without verifying; null if it cannot be read. */
export function tokenExpiry(token: string): number | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json: unknown = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    const exp = json && typeof json === 'object' && 'exp' in json ? json.exp : null;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}

export function createBearerTokens(
  getToken: () => Promise<string>,
  options: { now?: () => number; refreshMarginMs?: number; failureBackoffMs?: number } = {},
): BearerTokens {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 5 * 60_000;
  // Long, because in local mode inside Teams (no SSO set up) getAuthToken fails every time and the
  // cookie session works; in tenant mode the server's 401 calls invalidate(), which ends the wait.
  const backoff = options.failureBackoffMs ?? 10 * 60_000;
  let cached: { header: string; refreshAt: number } | null = null;
  let failedUntil = 0;
  let pending: Promise<string | null> | null = null;

  return {
    authorization() {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.header);
      if (now() < failedUntil) return Promise.resolve(null);
      // Concurrent requests share one getAuthToken call.
      pending ??= getToken().then(
        (token) => {
          pending = null;
          const exp = tokenExpiry(token);
          // A token whose expiry cannot be read is used for this request only.
          cached = exp === null ? null : { header: `Bearer ${token}`, refreshAt: exp - margin };
          return `Bearer ${token}`;
        },
        () => {
          pending = null;
          cached = null;
          failedUntil = now() + backoff;
          return null;
        },
      );
      return pending;
    },
    invalidate() {
      cached = null;
      failedUntil = 0;
    },
  };
}
