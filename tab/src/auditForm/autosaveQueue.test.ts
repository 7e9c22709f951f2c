import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SaveOutcome } from '../api/apiClient';
import { AutosaveQueue, defaultBackoff, type AutosaveState } from './autosaveQueue';

interface Form {
  text: string;
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

function setup(opts: { debounceMs?: number } = {}) {
  const server = fakeServer();
  const states: AutosaveState['kind'][] = [];
  const drafts = new Map<string, Form>();
  const queue = new AutosaveQueue<Form>({
    etag: '1',
    save: server.save,
    onState: (s) => states.push(s.kind),
    drafts: {
      write: (etag, form) => {
        drafts.clear();
        drafts.set(etag, form);
      },
      clear: () => drafts.clear(),
    },
    debounceMs: opts.debounceMs ?? 800,
  });
  return { server, states, drafts, queue };
}

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
