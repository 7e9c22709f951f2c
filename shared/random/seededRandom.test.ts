import { describe, expect, it } from 'vitest';
import { createRandom, hashSeed } from './seededRandom';

const take = (seed: number | string, n: number) => {
  const r = createRandom(seed);
  return Array.from({ length: n }, () => r.next());
};

describe('createRandom', () => {
  it('gives the same sequence for the same seed', () => {
    expect(take(42, 50)).toEqual(take(42, 50));
    expect(take('demo', 50)).toEqual(take('demo', 50));
  });

  it('gives different sequences for different seeds', () => {
    expect(take(1, 20)).not.toEqual(take(2, 20));
    expect(take('a', 20)).not.toEqual(take('b', 20));
    expect(take(0, 20)).not.toEqual(take(0xffffffff, 20));
  });

  it('keeps next() within [0, 1) and spreads values', () => {
    const values = take(7, 10_000);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean).toBeGreaterThan(0.47);
    expect(mean).toBeLessThan(0.53);
  });

  it('int() includes both bounds and nothing outside them', () => {
    const r = createRandom(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const v = r.int(-2, 3);
      expect(Number.isInteger(v)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(-2);
      expect(v).toBeLessThanOrEqual(3);
      seen.add(v);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(r.int(5, 5)).toBe(5);
  });

  it('int() refuses reversed or fractional bounds', () => {
    const r = createRandom(3);
    expect(() => r.int(4, 1)).toThrow(RangeError);
    expect(() => r.int(0.5, 2)).toThrow(RangeError);
  });

  it('pick() returns members and refuses an empty array', () => {
    const r = createRandom(9);
    const items = ['a', 'b', 'c'] as const;
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) seen.add(r.pick(items));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
    expect(() => r.pick([])).toThrow(RangeError);
  });

  it('shuffle() returns a permutation in a new array and leaves the input alone', () => {
    const r = createRandom(11);
    const input = Array.from({ length: 30 }, (_, i) => i);
    const copy = input.slice();
    const out = r.shuffle(input);
    expect(out).not.toBe(input);
    expect(input).toEqual(copy);
    expect([...out].sort((a, b) => a - b)).toEqual(input);
    expect(out).not.toEqual(input);
    expect(createRandom(11).shuffle(input)).toEqual(out);
  });

  it('shuffle() puts every item in every position over many runs (no bias towards staying put)', () => {
    const r = createRandom(5);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4_000; i++) counts[r.shuffle([0, 1, 2, 3]).indexOf(0)]! += 1;
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });

  it('chance() respects its probability', () => {
    const r = createRandom(13);
    expect(Array.from({ length: 100 }, () => r.chance(0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, () => r.chance(1)).every(Boolean)).toBe(true);
    const hits = Array.from({ length: 10_000 }, () => r.chance(0.25)).filter(Boolean).length;
    expect(hits).toBeGreaterThan(2_300);
    expect(hits).toBeLessThan(2_700);
  });

  it('fork() gives independent, repeatable streams that do not depend on how much the parent was used', () => {
    const a = createRandom(21);
    const b = createRandom(21);
    b.next();
    b.next();
    const fa = a.fork('cases');
    const fb = b.fork('cases');
    expect([fa.next(), fa.next()]).toEqual([fb.next(), fb.next()]);
    expect(createRandom(21).fork('cases').next()).not.toEqual(createRandom(21).fork('audits').next());
  });

  it('hashes string seeds stably and folds odd numeric seeds in', () => {
    expect(hashSeed('demo')).toBe(hashSeed('demo'));
    expect(hashSeed('demo')).not.toBe(hashSeed('Demo'));
    expect(take(-1, 5)).not.toEqual(take(1, 5));
    expect(take(1.5, 5)).not.toEqual(take(1, 5));
    expect(() => createRandom(Number.NaN)).toThrow(RangeError);
  });
});
