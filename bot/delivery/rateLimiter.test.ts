import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rateLimiter';

describe('RateLimiter', () => {
  it('paces the global rate with a small burst', () => {
    let t = 0;
    const limiter = new RateLimiter({ ratePerSecond: 40, marginMs: 0, now: () => t });
    let granted = 0;
    // One call per ms for a second, each to its own conversation: only the global limit applies.
    for (let i = 0; i < 1000; i++) {
      if (limiter.tryAcquire(`c-${i}`) === 0) granted += 1;
      t += 1;
    }
    expect(granted).toBeGreaterThanOrEqual(40);
    expect(granted).toBeLessThanOrEqual(44); // 40 per second plus the burst of 4
  });

  it('says how long to wait for a token', () => {
    let t = 0;
    const limiter = new RateLimiter({ ratePerSecond: 10, burst: 1, marginMs: 0, now: () => t });
    expect(limiter.tryAcquire('a')).toBe(0);
    expect(limiter.tryAcquire('b')).toBe(100);
    t += 100;
    expect(limiter.tryAcquire('b')).toBe(0);
  });

  it('keeps each conversation within 7 per second and 8 per two seconds', () => {
    let t = 0;
    const limiter = new RateLimiter({ ratePerSecond: 1000, burst: 1000, marginMs: 0, now: () => t });
    for (let i = 0; i < 7; i++) expect(limiter.tryAcquire('c')).toBe(0);
    expect(limiter.tryAcquire('c')).toBe(1000);
    expect(limiter.tryAcquire('other')).toBe(0);
    t = 1000;
    expect(limiter.tryAcquire('c')).toBe(0); // the 8th in 2 s
    expect(limiter.tryAcquire('c')).toBe(1000); // a 9th must wait for the first to leave the 2 s window
    t = 2000;
    expect(limiter.tryAcquire('c')).toBe(0);
  });

  it('never lets more than the windows allow through, whatever the timing', () => {
    let t = 0;
    const limiter = new RateLimiter({ ratePerSecond: 1000, burst: 1000, marginMs: 0, now: () => t });
    const granted: number[] = [];
    for (let i = 0; i < 120_000; i += 7) {
      t = i;
      if (limiter.tryAcquire('c') === 0) granted.push(t);
    }
    const maxIn = (ms: number) => Math.max(...granted.map((g) => granted.filter((x) => x > g - ms && x <= g).length));
    expect(maxIn(1000)).toBeLessThanOrEqual(7);
    expect(maxIn(2000)).toBeLessThanOrEqual(8);
    expect(maxIn(30_000)).toBeLessThanOrEqual(60);
    expect(granted.length).toBeGreaterThan(200);
  });

  it('holds a blocked conversation back until the given time', () => {
    let t = 0;
    const limiter = new RateLimiter({ now: () => t, marginMs: 0 });
    limiter.block('c', 3000);
    expect(limiter.tryAcquire('c')).toBe(3000);
    t = 3000;
    expect(limiter.tryAcquire('c')).toBe(0);
  });
});
