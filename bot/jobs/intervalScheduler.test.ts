import { describe, expect, it } from 'vitest';
import { IntervalScheduler } from './intervalScheduler';

describe('IntervalScheduler', () => {
  it('runs the job with the clock’s time and never twice at once', async () => {
    const seen: string[] = [];
    let release: () => void = () => undefined;
    const s = new IntervalScheduler({
      clock: () => new Date('2026-11-23T10:00:00Z'),
      job: async (now) => {
        seen.push(now.toISOString());
        await new Promise<void>((r) => (release = r));
      },
    });
    const first = s.tick();
    expect(await s.tick()).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(seen).toEqual(['2026-11-23T10:00:00.000Z']);
  });

  it('reports a failed run and runs again next time', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const s = new IntervalScheduler({
      clock: () => new Date(),
      job: async () => {
        calls++;
        if (calls === 1) throw new Error('store busy');
        return 'ok';
      },
      onError: (e) => errors.push(e),
    });
    expect(await s.tick()).toBe(false);
    expect(await s.tick()).toBe(true);
    expect(errors).toHaveLength(1);
  });

  it('ticks on its timer until stopped', async () => {
    let calls = 0;
    const s = new IntervalScheduler({ clock: () => new Date(), everyMs: 5, job: async () => void calls++ });
    s.start();
    await new Promise((r) => setTimeout(r, 40));
    await s.stop();
    const after = calls;
    expect(after).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(after);
  });
});
