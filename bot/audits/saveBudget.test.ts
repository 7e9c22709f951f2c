import { describe, expect, it } from 'vitest';
import { SaveBudget } from './saveBudget';

const budget = (over: { ruPerMinute?: number; burstRu?: number; maxWaitMs?: number } = {}) => {
  const clock = { t: 0 };
  const b = new SaveBudget({ ruPerMinute: over.ruPerMinute ?? 600, ruPerSave: 10, burstRu: over.burstRu ?? 30, maxWaitMs: over.maxWaitMs, now: () => clock.t });
  return { b, clock };
};

describe('SaveBudget', () => {
  it('books a save that must read first at its full cost, and makes saves wait for other reads paid from it', () => {
    const { b } = budget({ burstRu: 30 });
    expect(b.take('a', 2).ok).toBe(true); // 12 of 30
    b.spend(16); // 2 left: a sign-in read storm
    // 10 RU a second: the next save lacks 8 RU.
    expect(b.take('b')).toEqual({ ok: false, retryAfterMs: 800 });
    b.spend(10); // debt is allowed: nothing refuses a sign-in
    expect(b.take('c')).toEqual({ ok: false, retryAfterMs: 2_800 });
  });

  it('spends nothing when unlimited', () => {
    const b = new SaveBudget({ ruPerMinute: Number.POSITIVE_INFINITY, ruPerSave: 10 });
    b.spend(1_000_000);
    expect(b.take('a').ok).toBe(true);
  });

  it('lets a burst through, then answers with the wait until a save is paid for', () => {
    const { b } = budget();
    expect([b.take('a'), b.take('b'), b.take('c')].every((r) => r.ok)).toBe(true);
    // 600 RU a minute = 10 RU a second: the fourth save is booked 1 s ahead.
    expect(b.take('d')).toEqual({ ok: false, retryAfterMs: 1_000 });
  });

  it('serves booked saves in the order they asked, without paying twice', () => {
    const { b, clock } = budget({ burstRu: 10 });
    expect(b.take('a').ok).toBe(true);
    expect(b.take('b')).toEqual({ ok: false, retryAfterMs: 1_000 });
    expect(b.take('c')).toEqual({ ok: false, retryAfterMs: 2_000 });
    clock.t = 500;
    expect(b.take('b')).toEqual({ ok: false, retryAfterMs: 500 }); // early: same booking, no new cost
    expect(b.take('d')).toEqual({ ok: false, retryAfterMs: 2_500 });
    clock.t = 1_000;
    expect(b.take('b').ok).toBe(true);
    expect(b.take('e')).toEqual({ ok: false, retryAfterMs: 3_000 }); // behind c (2 s) and d (3 s)
    clock.t = 2_000;
    expect(b.take('c').ok).toBe(true);
    clock.t = 3_000;
    expect(b.take('d').ok).toBe(true);
  });

  it('never spends more than the rate over time (plus one burst)', () => {
    const { b, clock } = budget({ ruPerMinute: 900 });
    let admitted = 0;
    const pending = new Map<string, number>();
    for (clock.t = 0; clock.t < 10 * 60_000; clock.t += 100) {
      const key = `k${clock.t % 5_000}`;
      if ((pending.get(key) ?? 0) > clock.t) continue;
      const r = b.take(key);
      if (r.ok) admitted++;
      else pending.set(key, clock.t + r.retryAfterMs);
    }
    expect(admitted * 10).toBeLessThanOrEqual(900 * 10 + 30);
    expect(admitted * 10).toBeGreaterThan(900 * 10 * 0.95);
  });

  it('lets an unclaimed booking lapse and caps the wait it hands out', () => {
    const { b, clock } = budget({ burstRu: 10, maxWaitMs: 3_000 });
    b.take('a');
    expect(b.take('b').ok).toBe(false);
    b.take('c');
    b.take('d');
    expect(b.take('e')).toEqual({ ok: false, retryAfterMs: 3_000 }); // over the cap: no booking
    clock.t = 1_000 + 60_001;
    // b never came back: its booking lapsed, so asking again is a fresh request (the bucket has refilled).
    expect(b.take('b').ok).toBe(true);
  });

  it('is unlimited at Infinity', () => {
    const b = new SaveBudget({ ruPerMinute: Number.POSITIVE_INFINITY, ruPerSave: 10 });
    for (let i = 0; i < 10_000; i++) expect(b.take('a').ok).toBe(true);
  });
});
