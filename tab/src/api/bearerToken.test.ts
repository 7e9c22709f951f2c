import { afterEach, describe, expect, it, vi } from 'vitest';
import { authorizeRequestsWith, getSession } from './apiClient';
import { createBearerTokens, tokenExpiry } from './bearerToken';

const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const jwt = (exp: number, n = 0) => `${part({ alg: 'RS256', kid: 'k' })}.${part({ exp, n })}.sig`;

describe('tokenExpiry', () => {
  it('reads exp from a JWT, and null from anything else', () => {
    expect(tokenExpiry(jwt(1_900_000_000))).toBe(1_900_000_000_000);
    expect(tokenExpiry('opaque-token')).toBeNull();
    expect(tokenExpiry(`${part({})}.${part({ exp: 'soon' })}.x`)).toBeNull();
    expect(tokenExpiry('a.!!!.c')).toBeNull();
  });
});

describe('createBearerTokens', () => {
  it('caches the token until five minutes before it expires, then asks Teams again', async () => {
    let clock = 1_000_000_000_000;
    const exp = clock / 1000 + 3600;
    const getToken = vi.fn(async () => jwt(exp, getToken.mock.calls.length));
    const tokens = createBearerTokens(getToken, { now: () => clock });
    const first = await tokens.authorization();
    expect(first).toBe(`Bearer ${jwt(exp, 1)}`);
    clock += 54 * 60_000;
    expect(await tokens.authorization()).toBe(first);
    expect(getToken).toHaveBeenCalledTimes(1);
    clock += 2 * 60_000; // within the five-minute margin
    expect(await tokens.authorization()).toBe(`Bearer ${jwt(exp, 2)}`);
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it('shares one Teams call between concurrent requests', async () => {
    const getToken = vi.fn(async () => jwt(Date.now() / 1000 + 3600));
    const tokens = createBearerTokens(getToken);
    await Promise.all([tokens.authorization(), tokens.authorization(), tokens.authorization()]);
    expect(getToken).toHaveBeenCalledTimes(1);
  });

  it('sends no token after a failure, and does not retry until the back-off has passed', async () => {
    let clock = 0;
    const getToken = vi.fn(async (): Promise<string> => {
      throw new Error('resourceDisabled');
    });
    const tokens = createBearerTokens(getToken, { now: () => clock, failureBackoffMs: 60_000 });
    expect(await tokens.authorization()).toBeNull();
    clock += 30_000;
    expect(await tokens.authorization()).toBeNull();
    expect(getToken).toHaveBeenCalledTimes(1);
    clock += 31_000;
    await tokens.authorization();
    expect(getToken).toHaveBeenCalledTimes(2);
  });

  it('forgets the token when invalidated', async () => {
    const getToken = vi.fn(async () => jwt(Date.now() / 1000 + 3600));
    const tokens = createBearerTokens(getToken);
    await tokens.authorization();
    tokens.invalidate();
    await tokens.authorization();
    expect(getToken).toHaveBeenCalledTimes(2);
  });
});

describe('API calls carry the SSO token only inside Teams', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    authorizeRequestsWith(Promise.resolve(null));
  });

  function stubFetch(status = 200) {
    const calls: Headers[] = [];
    vi.stubGlobal('fetch', async (_path: string, init: RequestInit) => {
      calls.push(new Headers(init.headers));
      return new Response(status === 200 ? JSON.stringify({ id: 's-1' }) : JSON.stringify({ error: 'unauthenticated', message: 'Sign in' }), { status });
    });
    return calls;
  }

  it('sends no Authorization header in a plain browser (local mode)', async () => {
    const calls = stubFetch();
    authorizeRequestsWith(Promise.resolve(null));
    await getSession();
    expect(calls[0]?.has('authorization')).toBe(false);
  });

  it('sends Bearer <token> inside Teams, and refetches the token after a 401', async () => {
    const calls = stubFetch(401);
    const token = jwt(Math.floor(Date.now() / 1000) + 3600);
    const getToken = vi.fn(async () => token);
    authorizeRequestsWith(Promise.resolve(createBearerTokens(getToken)));
    expect(await getSession()).toBeNull();
    expect(calls[0]?.get('authorization')).toBe(`Bearer ${token}`);
    await getSession();
    expect(getToken).toHaveBeenCalledTimes(2); // the 401 invalidated the cached token
  });

  it('retries a failed getAuthToken at once when the server answers 401 (tenant mode)', async () => {
    stubFetch(401);
    let fail = true;
    const getToken = vi.fn(async () => {
      if (fail) throw new Error('timed out');
      return jwt(Math.floor(Date.now() / 1000) + 3600);
    });
    authorizeRequestsWith(Promise.resolve(createBearerTokens(getToken)));
    await getSession();
    fail = false;
    const calls = stubFetch(200);
    await getSession();
    expect(getToken).toHaveBeenCalledTimes(2);
    expect(calls[0]?.get('authorization')).toMatch(/^Bearer /);
  });
});
