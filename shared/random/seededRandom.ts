/**
 * A small seeded pseudo-random generator (mulberry32). Demo data and random case selection
 * must be repeatable: the same seed always gives the same sequence, on server and in the tab.
 * Not for anything secret.
 */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** One item of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates); the input is left as it was. */
  shuffle<T>(items: readonly T[]): T[];
  /** True with probability p. */
  chance(p: number): boolean;
  /** An independent generator derived from this one's seed and a label, so one stream's length never shifts another's. */
  fork(label: string): SeededRandom;
}

/** FNV-1a: turns a string seed into 32 bits. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRandom(seed: number | string): SeededRandom {
  const seed32 = typeof seed === 'string' ? hashSeed(seed) : normaliseSeed(seed);
  let state = seed32;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const int = (min: number, max: number): number => {
    if (!Number.isInteger(min) || !Number.isInteger(max)) throw new RangeError('int() needs whole-number bounds');
    if (max < min) throw new RangeError(`int(${min}, ${max}): max is below min`);
    return min + Math.floor(next() * (max - min + 1));
  };

  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick() from an empty array');
    return items[int(0, items.length - 1)] as T;
  };

  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  };

  const chance = (p: number): boolean => next() < p;

  const fork = (label: string): SeededRandom => createRandom(hashSeed(`${seed32}:${label}`));

  return { next, int, pick, shuffle, chance, fork };
}

/** Any finite number becomes a 32-bit unsigned seed; fractions and negatives are folded in, not dropped. */
function normaliseSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError('seed must be a finite number');
  if (Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff) return seed >>> 0;
  return hashSeed(String(seed));
}
