import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/openSqliteStore';
import { buildStaff } from '../../test/fixtures/builders';
import { SignedInStaff } from './signedInStaff';
import type { StaffStore, Store } from '../store/storeInterface';

/** The store with its sign-in lookups counted (and, optionally, one held until released). */
function counted(raw: Store, gate?: Promise<void>) {
  const reads = { n: 0 };
  const staff: StaffStore = {
    ...raw.staff,
    get: async (id) => {
      reads.n++;
      const found = await raw.staff.get(id);
      if (gate) await gate;
      return found;
    },
    getByEntraObjectId: async (oid) => (reads.n++, raw.staff.getByEntraObjectId(oid)),
  };
  return { reads, store: { ...raw, staff } };
}

describe('SignedInStaff', () => {
  it('reads a signed-in person once per TTL, by staff id or Entra object id, telling onRead of each read', async () => {
    const t = { now: 0 };
    let paid = 0;
    const cache = new SignedInStaff({ now: () => t.now, ttlMs: 60_000, onRead: () => paid++ });
    const raw = openSqliteStore(':memory:');
    const { reads, store } = counted(raw);
    cache.watching(store);
    const person = buildStaff({ entraObjectId: 'oid-a' });
    await raw.staff.put(person, null);
    const lookups = cache.lookups();
    expect((await lookups.get(person.id))?.id).toBe(person.id);
    expect((await lookups.get(person.id))?.id).toBe(person.id);
    expect((await lookups.getByEntraObjectId('oid-a'))?.id).toBe(person.id);
    expect((await lookups.getByEntraObjectId('oid-a'))?.id).toBe(person.id);
    expect(reads.n).toBe(2);
    expect(paid).toBe(2);
    t.now = 59_999;
    await lookups.get(person.id);
    expect(reads.n).toBe(2);
    t.now = 60_000;
    await lookups.get(person.id);
    expect(reads.n).toBe(3);
    await raw.close();
  });

  it('forgets everyone when a staff record is written through the watched store, so a leaver is refused at the next request', async () => {
    const cache = new SignedInStaff({ now: () => 0 });
    const store = cache.watching(openSqliteStore(':memory:'));
    const person = await store.staff.put(buildStaff(), null);
    const lookups = cache.lookups();
    expect((await lookups.get(person.id))?.active).toBe(true);
    const { etag, ...record } = person;
    await store.staff.put({ ...record, active: false }, etag);
    expect((await lookups.get(person.id))?.active).toBe(false);
    // Closing still reaches the real store through the watching view.
    await store.close();
  });

  it('remembers neither a miss nor an inactive record, so someone imported or reactivated on another instance is let in at once', async () => {
    const raw = openSqliteStore(':memory:');
    const cache = new SignedInStaff({ now: () => 0 });
    cache.watching(raw);
    const lookups = cache.lookups();
    const person = buildStaff({ entraObjectId: 'oid-new', active: false });
    expect(await lookups.getByEntraObjectId('oid-new')).toBeNull();
    // Written by another instance: not seen by this cache's watcher.
    const saved = await raw.staff.put(person, null);
    expect((await lookups.getByEntraObjectId('oid-new'))?.active).toBe(false);
    const { etag, ...record } = saved;
    await raw.staff.put({ ...record, active: true }, etag);
    expect((await lookups.getByEntraObjectId('oid-new'))?.active).toBe(true);
    await raw.close();
  });

  it('does not remember a read that overlapped a write', async () => {
    const raw = openSqliteStore(':memory:');
    let release: () => void = () => undefined;
    const { store: slow } = counted(raw, new Promise<void>((r) => (release = r)));
    const cache = new SignedInStaff({ now: () => 0 });
    const store = cache.watching(slow);
    const person = await store.staff.put(buildStaff(), null);
    const pending = cache.lookups().get(person.id); // reads the active record, then waits
    await new Promise((r) => setTimeout(r, 10));
    const { etag, ...record } = person;
    await store.staff.put({ ...record, active: false }, etag);
    release();
    expect((await pending)?.active).toBe(true); // that request saw the old record…
    // …and it was not kept: the next request reads again and meets the leaver.
    expect((await cache.lookups().get(person.id))?.active).toBe(false);
    await raw.close();
  });

  it('keeps at most maxEntries people', async () => {
    const raw = openSqliteStore(':memory:');
    const { reads, store } = counted(raw);
    const cache = new SignedInStaff({ now: () => 0, maxEntries: 2 });
    cache.watching(store);
    const lookups = cache.lookups();
    const people = [buildStaff(), buildStaff(), buildStaff()];
    for (const p of people) await raw.staff.put(p, null);
    for (const p of people) await lookups.get(p.id);
    expect(reads.n).toBe(3);
    await lookups.get(people[2]!.id);
    await lookups.get(people[1]!.id);
    expect(reads.n).toBe(3);
    await lookups.get(people[0]!.id); // the oldest went
    expect(reads.n).toBe(4);
    await raw.close();
  });

  it('refuses lookups before it watches a store', () => {
    expect(() => new SignedInStaff({ now: () => 0 }).lookups()).toThrow(/watching/);
  });
});
