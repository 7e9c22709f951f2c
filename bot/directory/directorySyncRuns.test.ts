import { describe, expect, it } from 'vitest';
import { DirectorySyncRuns, nightlyDirectorySync } from './directorySyncRuns';
import type { DirectorySyncSummary } from './entraDirectorySync';
import { DirectoryReadError } from './entraDirectoryReader';
import { DailyScheduler } from '../jobs/scheduler';

const summary = (over: Partial<DirectorySyncSummary> = {}): DirectorySyncSummary => ({ membersFound: 3, created: 3, updated: 0, unchanged: 0, markedInactive: 0, leaversHeldBack: 0, problems: [], ...over });
const clock = () => new Date('2026-11-24T07:00:00.000Z');

describe('DirectorySyncRuns', () => {
  it('never runs two syncs at once: a second caller gets the running one’s result', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const runs = new DirectorySyncRuns({ clock, sync: async () => (calls++, await new Promise<void>((r) => (release = r)), summary()) });
    const first = runs.run('nightly');
    expect(runs.running).toBe(true);
    const second = runs.run('administrator');
    release();
    expect(await second).toBe(await first);
    expect(calls).toBe(1);
    expect(runs.running).toBe(false);
    expect(runs.lastRun).toMatchObject({ trigger: 'nightly', outcome: 'done' });
  });

  it('runs again after a running sync when the caller brings a confirmation of leavers the running one lacks', async () => {
    const seen: (number | undefined)[] = [];
    let release: () => void = () => undefined;
    const runs = new DirectorySyncRuns({ clock, sync: async (o) => (seen.push(o.confirmLeavers), seen.length === 1 && (await new Promise<void>((r) => (release = r))), summary()) });
    const nightly = runs.run('nightly');
    const confirmed = runs.run('administrator', 12);
    release();
    await nightly;
    expect(await confirmed).toMatchObject({ trigger: 'administrator' });
    expect(seen).toEqual([undefined, 12]);
  });

  it('records a failure with what to fix when it is a setting or read error, and a generic message otherwise', async () => {
    const read = new DirectorySyncRuns({ clock, sync: async () => Promise.reject(new DirectoryReadError('The configured Entra groups have no members.')) });
    expect(await read.run('nightly')).toEqual({ at: '2026-11-24T07:00:00.000Z', trigger: 'nightly', outcome: 'failed', message: 'The configured Entra groups have no members.' });
    const errors: unknown[] = [];
    const other = new DirectorySyncRuns({ clock, sync: async () => Promise.reject(new Error('socket hang up near alex.example@council')), onRun: (_r, e) => errors.push(e) });
    expect(await other.run('administrator')).toEqual({
      at: '2026-11-24T07:00:00.000Z',
      trigger: 'administrator',
      outcome: 'failed',
      message: 'The directory could not be read or saved just now; the next run tries again.',
    });
    expect(errors).toHaveLength(1);
  });

  it('runs nightly at 07:00 London on a working day, and tries again at the next check after a failure', async () => {
    const t = { now: new Date('2026-11-24T06:59:00.000Z') };
    let failures = 1;
    let syncs = 0;
    const runs = new DirectorySyncRuns({ clock: () => t.now, sync: async () => (syncs++, failures-- > 0 ? Promise.reject(new Error('503')) : summary()) });
    const scheduler = new DailyScheduler({ clock: () => t.now, atMinutes: 7 * 60, job: nightlyDirectorySync(runs) });
    expect(await scheduler.tick()).toBe(false); // 06:59
    t.now = new Date('2026-11-24T07:00:00.000Z');
    expect(await scheduler.tick()).toBe(false); // failed: the day is not done
    expect(runs.lastRun?.outcome).toBe('failed');
    t.now = new Date('2026-11-24T07:15:00.000Z');
    expect(await scheduler.tick()).toBe(true);
    expect(await scheduler.tick()).toBe(false); // done for today
    expect(syncs).toBe(2);
    // Saturday: not a working day.
    t.now = new Date('2026-11-28T07:30:00.000Z');
    expect(await scheduler.tick()).toBe(false);
    expect(syncs).toBe(2);
  });
});
