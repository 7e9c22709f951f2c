import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveOutcome } from '../api/apiClient';
import type { SaveFormResponse } from '../../../shared/api/contracts';
import { AutosaveQueue, defaultBackoff, type AutosaveState, type ServerCopy } from './autosaveQueue';

interface Form {
  text: string;
  note?: { seen: boolean; by: string };
}

/** A fake server: each save waits until the test answers it. */
function fakeServer() {
  const calls: { etag: string; form: Form; keepalive: boolean; answer: (o: SaveOutcome) => void }[] = [];
  let version = 1;
  const save = (etag: string, form: Form, opts: { keepalive: boolean }) =>
    new Promise<SaveOutcome>((resolve) => calls.push({ etag, form, keepalive: opts.keepalive, answer: resolve }));
  const ok = (): SaveOutcome => {
    version += 1;
    return { kind: 'saved', response: { etag: String(version), updatedAt: '2026-11-23T10:00:00.000Z', status: 'inProgress' } };
  };
  return { calls, save, ok };
}

function setup(opts: { debounceMs?: number; serverCopy?: () => Promise<ServerCopy<Form> | null> } = {}) {
  const server = fakeServer();
  const states: AutosaveState['kind'][] = [];
  const drafts = new Map<string, Form>();
  const saved: SaveFormResponse[] = [];
  const queue = new AutosaveQueue<Form>({
    etag: '1',
    save: server.save,
    // A fixed jitter (half the most), so waits after "not saved yet" are the same on every run.
    random: () => 0.5,
    onState: (s) => states.push(s.kind),
    onSaved: (r) => saved.push(r),
    ...(opts.serverCopy ? { serverCopy: opts.serverCopy } : {}),
    drafts: {
      write: (etag, form) => {
        drafts.clear();
        drafts.set(etag, form);
      },
      clear: () => drafts.clear(),
    },
    debounceMs: opts.debounceMs ?? 800,
  });
  return { server, states, drafts, saved, queue };
}

/** What the server answers to a re-fetch after a conflict: each call waits until the test answers it. */
function fakeServerCopy() {
  const calls: { answer: (copy: ServerCopy<Form> | null) => void; fail: (e: Error) => void }[] = [];
  const serverCopy = () => new Promise<ServerCopy<Form> | null>((resolve, reject) => calls.push({ answer: resolve, fail: reject }));
  const copy = (form: Form, etag: string): ServerCopy<Form> => ({
    form,
    saved: { etag, updatedAt: '2026-11-23T09:59:00.000Z', status: 'inProgress' },
  });
  return { calls, serverCopy, copy };
}

const conflict: SaveOutcome = { kind: 'conflict', error: { error: 'conflict', message: 'changed elsewhere' } };

const flushPromises = () => new Promise<void>((r) => queueMicrotask(r)).then(() => Promise.resolve());

describe('AutosaveQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('debounces changes into one save of the newest form', async () => {
    const { server, queue, states } = setup();
    queue.change({ text: 'a' });
    vi.advanceTimersByTime(500);
    queue.change({ text: 'ab' });
    vi.advanceTimersByTime(799);
    expect(server.calls).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]).toMatchObject({ etag: '1', form: { text: 'ab' } });
    server.calls[0]?.answer(server.ok());
    await flushPromises();
    expect(queue.etag).toBe('2');
    expect(states.at(-1)).toBe('saved');
  });

  it('"not saved yet": stays "pending", keeps the draft, ignores typing until the wait is over, then sends the newest form once', async () => {
    const { server, queue, states, drafts } = setup();
    queue.change({ text: 'a' });
    vi.advanceTimersByTime(800);
    server.calls[0]?.answer({ kind: 'deferred', retryAfterMs: 5_000 });
    await flushPromises();
    expect(states.at(-1)).toBe('pending');
    expect(states).not.toContain('retrying');
    queue.change({ text: 'ab' });
    vi.advanceTimersByTime(800);
    queue.change({ text: 'abc' });
    expect(drafts.get('1')).toEqual({ text: 'abc' });
    vi.advanceTimersByTime(4_000); // 5 s after the answer, before any jitter (at most 1 s here)
    expect(server.calls).toHaveLength(1);
    vi.advanceTimersByTime(1_001);
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]).toMatchObject({ etag: '1', form: { text: 'abc' } });
    server.calls[1]?.answer(server.ok());
    await flushPromises();
    expect(states.at(-1)).toBe('saved');
    expect(drafts.size).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(server.calls).toHaveLength(2);
  });

  it('"not saved yet" without typing since resends the same form, and whenSettled waits for it', async () => {
    const { server, queue } = setup();
    queue.change({ text: 'a' });
    const settled = queue.whenSettled();
    server.calls[0]?.answer({ kind: 'deferred', retryAfterMs: 2_000 });
    await flushPromises();
    let result: string | null = null;
    void settled.then((r) => (result = r));
    vi.advanceTimersByTime(2_401);
    expect(server.calls[1]).toMatchObject({ form: { text: 'a' } });
    await flushPromises();
    expect(result).toBeNull();
    server.calls[1]?.answer(server.ok());
    await flushPromises();
    await flushPromises();
    expect(result).toBe('saved');
  });

  it('never has two saves in flight and sends the newest next with the new etag', async () => {
    const { server, queue } = setup();
    queue.change({ text: '1' });
    vi.advanceTimersByTime(800);
    queue.change({ text: '2' });
    vi.advanceTimersByTime(800);
    queue.change({ text: '3' });
    vi.advanceTimersByTime(800);
    expect(server.calls).toHaveLength(1);
    server.calls[0]?.answer(server.ok());
    await flushPromises();
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]).toMatchObject({ etag: '2', form: { text: '3' } });
  });

  it('keeps a local draft until the server confirms, re-keyed to the new etag', async () => {
    const { server, queue, drafts } = setup();
    queue.change({ text: 'x' });
    expect(drafts.get('1')).toEqual({ text: 'x' });
    vi.advanceTimersByTime(800);
    queue.change({ text: 'xy' });
    server.calls[0]?.answer(server.ok());
    await flushPromises();
    expect(drafts.get('2')).toEqual({ text: 'xy' });
    expect(drafts.has('1')).toBe(false);
    vi.advanceTimersByTime(800);
    server.calls[1]?.answer(server.ok());
    await flushPromises();
    expect(drafts.size).toBe(0);
  });

  it('retries a failed save with growing waits, then succeeds', async () => {
    const { server, queue, states } = setup();
    queue.change({ text: 'a' });
    vi.advanceTimersByTime(800);
    server.calls[0]?.answer({ kind: 'failed', error: { error: 'network', message: 'offline' } });
    await flushPromises();
    expect(states.at(-1)).toBe('retrying');
    vi.advanceTimersByTime(999);
    expect(server.calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(server.calls).toHaveLength(2);
    server.calls[1]?.answer({ kind: 'failed', error: { error: 'http', message: '503' } });
    await flushPromises();
    vi.advanceTimersByTime(1999);
    expect(server.calls).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(server.calls).toHaveLength(3);
    expect(server.calls[2]?.form).toEqual({ text: 'a' });
    server.calls[2]?.answer(server.ok());
    await flushPromises();
    expect(states.at(-1)).toBe('saved');
  });

  it('does not let typing cut the backoff short, and retries with the newest form', async () => {
    const { server, queue } = setup();
    queue.change({ text: 'a' });
    vi.advanceTimersByTime(800);
    server.calls[0]?.answer({ kind: 'failed', error: { error: 'network', message: 'offline' } });
    await flushPromises();
    queue.change({ text: 'ab' });
    vi.advanceTimersByTime(900);
    expect(server.calls).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(server.calls[1]?.form).toEqual({ text: 'ab' });
  });

  it('stops on a conflict and keeps changes locally only', async () => {
    const { server, queue, states, drafts } = setup();
    queue.change({ text: 'a' });
    vi.advanceTimersByTime(800);
    server.calls[0]?.answer({ kind: 'conflict', error: { error: 'conflict', message: 'changed elsewhere' } });
    await flushPromises();
    expect(states.at(-1)).toBe('conflict');
    queue.change({ text: 'ab' });
    vi.advanceTimersByTime(60_000);
    expect(server.calls).toHaveLength(1);
    expect(drafts.get('1')).toEqual({ text: 'ab' });
    await expect(queue.whenSettled()).resolves.toBe('conflict');
  });

  it('waits for a refused save until the next change', async () => {
    const { server, queue, states } = setup();
    queue.change({ text: 'too long' });
    vi.advanceTimersByTime(800);
    server.calls[0]?.answer({ kind: 'refused', error: { error: 'invalid', message: 'too long' } });
    await flushPromises();
    expect(states.at(-1)).toBe('refused');
    vi.advanceTimersByTime(60_000);
    expect(server.calls).toHaveLength(1);
    queue.change({ text: 'ok' });
    vi.advanceTimersByTime(800);
    expect(server.calls[1]?.form).toEqual({ text: 'ok' });
  });

  it('flushes at once with keepalive when the page is hidden', () => {
    const { server, queue } = setup();
    queue.change({ text: 'a' });
    queue.flush({ keepalive: true });
    expect(server.calls[0]).toMatchObject({ keepalive: true, form: { text: 'a' } });
    queue.flush({ keepalive: true });
    expect(server.calls).toHaveLength(1);
  });

  it('settles after everything is saved, including changes made meanwhile', async () => {
    const { server, queue } = setup();
    queue.change({ text: 'a' });
    const settled = queue.whenSettled();
    expect(server.calls).toHaveLength(1);
    queue.change({ text: 'ab' });
    server.calls[0]?.answer(server.ok());
    await flushPromises();
    let result: string | null = null;
    void settled.then((r) => (result = r));
    await flushPromises();
    expect(result).toBeNull();
    vi.advanceTimersByTime(800);
    server.calls[1]?.answer(server.ok());
    await flushPromises();
    await flushPromises();
    expect(result).toBe('saved');
    expect(queue.etag).toBe('3');
    await expect(queue.whenSettled()).resolves.toBe('saved');
  });

  it('caps the backoff at 30 seconds', () => {
    expect([1, 2, 3, 10].map(defaultBackoff)).toEqual([1_000, 2_000, 4_000, 30_000]);
  });
});

describe('AutosaveQueue after a conflict that was our own earlier save', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  // A reloaded page restores its draft on etag 1 while the closing page's keepalive save of the
  // same form lands and moves the server to etag 7: the restored draft's save gets a 409.
  const restored: Form = { text: 'typed before the reload', note: { seen: true, by: 'qa-1' } };
  // The same content as the server parsed it: keys in another order.
  const asStored = { note: { by: 'qa-1', seen: true }, text: 'typed before the reload' } as Form;

  /** The restored draft is sent and refused with a 409; the queue then asks for the server's copy. */
  async function restoredSaveRefused(outcome: SaveOutcome = conflict) {
    const fetch = fakeServerCopy();
    const queued = setup({ serverCopy: fetch.serverCopy });
    queued.queue.change(restored);
    vi.advanceTimersByTime(800);
    queued.server.calls[0]?.answer(outcome);
    await flushPromises();
    return { fetch, ...queued };
  }

  it('takes over the etag quietly when the server already holds the form it refused', async () => {
    const { fetch, server, queue, states, drafts, saved } = await restoredSaveRefused();
    expect(fetch.calls).toHaveLength(1);
    // Still looking: not yet a conflict, and nothing sent meanwhile.
    expect(states).not.toContain('conflict');
    expect(queue.hasUnsaved).toBe(true);
    fetch.calls[0]?.answer(fetch.copy(asStored, '7'));
    await flushPromises();
    expect(queue.etag).toBe('7');
    expect(saved.map((r) => r.etag)).toEqual(['7']);
    expect(states.at(-1)).toBe('saved');
    expect(states).not.toContain('conflict');
    expect(drafts.size).toBe(0);
    expect(queue.hasUnsaved).toBe(false);
    await expect(queue.whenSettled()).resolves.toBe('saved');

    // Saving carries on from the adopted etag.
    queue.change({ ...restored, text: 'and more' });
    vi.advanceTimersByTime(800);
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]).toMatchObject({ etag: '7', form: { text: 'and more' } });
  });

  it('sends changes made while it looked, on the adopted etag', async () => {
    const { fetch, server, queue, drafts } = await restoredSaveRefused();
    const newer: Form = { ...restored, text: 'typed while it looked' };
    queue.change(newer);
    const settled = queue.whenSettled();
    vi.advanceTimersByTime(800);
    expect(server.calls).toHaveLength(1);
    fetch.calls[0]?.answer(fetch.copy(asStored, '7'));
    await flushPromises();
    expect(drafts.get('7')).toEqual(newer);
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]).toMatchObject({ etag: '7', form: newer });
    server.calls[1]?.answer(server.ok());
    await flushPromises();
    await expect(settled).resolves.toBe('saved');
    expect(drafts.size).toBe(0);
  });

  it('shows the conflict when the server holds something else', async () => {
    const { fetch, server, queue, states, drafts, saved } = await restoredSaveRefused();
    const settled = queue.whenSettled();
    fetch.calls[0]?.answer(fetch.copy({ ...asStored, text: 'changed on another device' }, '7'));
    await flushPromises();
    expect(states.at(-1)).toBe('conflict');
    await expect(settled).resolves.toBe('conflict');
    expect(queue.etag).toBe('1');
    expect(saved).toEqual([]);
    expect(drafts.get('1')).toEqual(restored);
    queue.change({ text: 'kept locally' });
    vi.advanceTimersByTime(60_000);
    expect(server.calls).toHaveLength(1);
  });

  it('shows the conflict when the audit cannot be fetched or taken over', async () => {
    for (const answer of ['fail', 'null'] as const) {
      const { fetch, queue, states } = await restoredSaveRefused();
      if (answer === 'fail') fetch.calls[0]?.fail(new Error('offline'));
      else fetch.calls[0]?.answer(null);
      await flushPromises();
      await flushPromises();
      expect(states.at(-1), answer).toBe('conflict');
      expect(queue.etag).toBe('1');
    }
  });

  it('does not look when the audit is no longer editable', async () => {
    const { fetch, states } = await restoredSaveRefused({ kind: 'conflict', error: { error: 'notEditable', message: 'submitted' } });
    expect(fetch.calls).toHaveLength(0);
    expect(states.at(-1)).toBe('conflict');
  });
});
