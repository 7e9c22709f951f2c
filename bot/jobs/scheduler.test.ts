import { describe, expect, it } from 'vitest';
import { DailyScheduler } from './scheduler';

function scheduler(at: { now: Date }, fail = false) {
  const runs: string[] = [];
  const s = new DailyScheduler({
    clock: () => at.now,
    job: async (now) => {
      if (fail) throw new Error('store down');
      runs.push(now.toISOString());
    },
  });
  return { s, runs };
}

describe('DailyScheduler', () => {
  it('runs once on a working day at or after 09:00 London time', async () => {
    const at = { now: new Date('2026-11-24T08:59:00Z') }; // Tuesday, GMT
    const { s, runs } = scheduler(at);
    expect(await s.tick()).toBe(false);
    at.now = new Date('2026-11-24T09:00:00Z');
    expect(await s.tick()).toBe(true);
    at.now = new Date('2026-11-24T15:00:00Z');
    expect(await s.tick()).toBe(false);
    expect(runs).toEqual(['2026-11-24T09:00:00.000Z']);
    expect(s.lastRun).toBe('2026-11-24');
  });

  it('follows British Summer Time', async () => {
    const at = { now: new Date('2026-06-16T07:59:00Z') }; // 08:59 BST
    const { s, runs } = scheduler(at);
    expect(await s.tick()).toBe(false);
    at.now = new Date('2026-06-16T08:00:00Z');
    expect(await s.tick()).toBe(true);
    expect(runs).toHaveLength(1);
  });

  it('does not run at weekends or on bank holidays', async () => {
    for (const iso of ['2026-11-28T10:00:00Z', '2026-11-29T10:00:00Z', '2026-12-25T10:00:00Z']) {
      const { s, runs } = scheduler({ now: new Date(iso) });
      expect(await s.tick()).toBe(false);
      expect(runs).toEqual([]);
    }
  });

  it('tries again at the next check when the job fails', async () => {
    const { s } = scheduler({ now: new Date('2026-11-24T10:00:00Z') }, true);
    expect(await s.tick()).toBe(false);
    expect(s.lastRun).toBeNull();
  });
});
