import { describe, expect, it } from 'vitest';
import { createRandom } from '../../shared/random/seededRandom';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  const policy = { baseMs: 100, capMs: 1_000 };

  it('stays within [0, min(cap, base·2^(n-1))) for every attempt', () => {
    const random = createRandom(1);
    for (let n = 1; n <= 40; n++) {
      for (let k = 0; k < 50; k++) {
        const d = backoffDelay(n, () => random.next(), policy);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(Math.min(1_000, 100 * 2 ** (n - 1)));
      }
    }
  });

  it('scales the random draw: the top of the range doubles until the cap', () => {
    const high = () => 0.999999;
    expect(backoffDelay(1, high, policy)).toBe(99);
    expect(backoffDelay(2, high, policy)).toBe(199);
    expect(backoffDelay(4, high, policy)).toBe(799);
    expect(backoffDelay(5, high, policy)).toBe(999);
    expect(backoffDelay(500, high, policy)).toBe(999);
  });

  it('spreads retries (jitter) and repeats for the same seed', () => {
    const draw = (seed: number) => {
      const r = createRandom(seed);
      return Array.from({ length: 20 }, () => backoffDelay(6, () => r.next(), policy));
    };
    const a = draw(3);
    expect(draw(3)).toEqual(a);
    expect(new Set(a).size).toBeGreaterThan(10);
  });
});
