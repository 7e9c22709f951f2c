import { describe, expect, it } from 'vitest';
import { DirectorySyncRuns } from './directorySyncRuns';
import type { DirectorySyncSummary } from './entraDirectorySync';
import { DirectoryReadError } from './entraDirectoryReader';

const summary = (over: Partial<DirectorySyncSummary> = {}): DirectorySyncSummary => ({ membersFound: 3, created: 3, updated: 0, unchanged: 0, markedInactive: 0, leaversHeldBack: 0, problems: [], ...over });
const clock = () => new Date('2026-11-24T07:00:00.000Z');

describe('DirectorySyncRuns', () => {
  it('never runs two syncs at once: a second caller gets the running one’s result', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const runs = new DirectorySyncRuns({ clock, sync: async () => (calls++, await new Promise<void>((r) => (release = r)), summary()) });
    const first = runs.run('nightly');
    const second = runs.run('administrator');
    release();
    expect(await second).toBe(await first);
    expect(calls).toBe(1);
    expect(runs.lastRun).toMatchObject({ trigger: 'nightly', outcome: 'done' });
  });

  it('runs again after a running sync when the caller allows many leavers and the running one did not', async () => {
    const seen: boolean[] = [];
    let release: () => void = () => undefined;
    const runs = new DirectorySyncRuns({ clock, sync: async (o) => (seen.push(o.allowManyLeavers), seen.length === 1 && (await new Promise<void>((r) => (release = r))), summary()) });
    const nightly = runs.run('nightly');
    const confirmed = runs.run('administrator', true);
    release();
    await nightly;
    expect(await confirmed).toMatchObject({ trigger: 'administrator' });
    expect(seen).toEqual([false, true]);
  });

  it('records a failure with what to fix when it is a setting or read error, and nothing else', async () => {
    const read = new DirectorySyncRuns({ clock, sync: async () => Promise.reject(new DirectoryReadError('The configured Entra groups have no members.')) });
    expect(await read.run('nightly')).toEqual({ at: '2026-11-24T07:00:00.000Z', trigger: 'nightly', outcome: 'failed', message: 'The configured Entra groups have no members.' });
    const other = new DirectorySyncRuns({ clock, sync: async () => Promise.reject(new Error('socket hang up near alex.example@council')) });
    const run = await other.run('administrator');
    expect(run.outcome === 'failed' && run.message).not.toMatch(/alex/);
  });
});
