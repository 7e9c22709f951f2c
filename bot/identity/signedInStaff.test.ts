import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/openSqliteStore';
import { buildStaff } from '../../test/fixtures/builders';
import { SignedInStaff } from './signedInStaff';
import type { StaffStore } from '../store/storeInterface';

function counting(staff: StaffStore) {
  const reads = { n: 0 };
  const counted: StaffStore = {
    ...staff,
    get: async (id) => (reads.n++, staff.get(id)),
    getByEntraObjectId: async (oid) => (reads.n++, staff.getByEntraObjectId(oid)),
  };
  return { reads, counted };
}

describe('SignedInStaff', () => {
  it('reads a signed-in person once per TTL, by staff id or Entra object id', async () => {
    const t = { now: 0 };
    const cache = new SignedInStaff({ now: () => t.now, ttlMs: 60_000 });
    const raw = openSqliteStore(':memory:');
    const { reads, counted } = counting(raw.staff);
    const store = cache.watching({ ...raw, staff: counted });
    const person = buildStaff({ entraObjectId: 'oid-a' });
    await raw.staff.put(person, null);
    const lookups = cache.lookups(store.staff);
    expect((await lookups.get(person.id))?.id).toBe(person.id);
    expect((await lookups.get(person.id))?.id).toBe(person.id);
    expect((await lookups.getByEntraObjectId('oid-a'))?.id).toBe(person.id);
    expect((await lookups.getByEntraObjectId('oid-a'))?.id).toBe(person.id);
    expect(reads.n).toBe(2);
    t.now = 59_999;
    await lookups.get(person.id);
    expect(reads.n).toBe(2);
    t.now = 60_000;
    await lookups.get(person.id);
    expect(reads.n).toBe(3);
    await raw.close();
  });

  it('forgets everyone when a staff record is written through the store, so a leaver is refused at the next request', async () => {
    const cache = new SignedInStaff({ now: () => 0 });
    const store = cache.watching(openSqliteStore(':memory:'));
    const person = await store.staff.put(buildStaff(), null);
    const lookups = cache.lookups(store.staff);
    expect((await lookups.get(person.id))?.active).toBe(true);
    const { etag, ...record } = person;
    await store.staff.put({ ...record, active: false }, etag);
    expect((await lookups.get(person.id))?.active).toBe(false);
    // Closing still reaches the real store through the watching view.
    await store.close();
  });

  it('never remembers a miss, so a newly imported person is let in at once', async () => {
    const raw = openSqliteStore(':memory:');
    const cache = new SignedInStaff({ now: () => 0 });
    const lookups = cache.lookups(raw.staff);
    const person = buildStaff({ entraObjectId: 'oid-new' });
    expect(await lookups.getByEntraObjectId('oid-new')).toBeNull();
    await raw.staff.put(person, null); // written by another instance: not seen by this cache's watcher
    expect((await lookups.getByEntraObjectId('oid-new'))?.id).toBe(person.id);
    await raw.close();
  });

  it('does not remember a read that overlapped a write', async () => {
    const raw = openSqliteStore(':memory:');
    const cache = new SignedInStaff({ now: () => 0 });
    const store = cache.watching(raw);
    const person = await store.staff.put(buildStaff(), null);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow: StaffStore = { ...store.staff, get: async (id) => { const old = await raw.staff.get(id); await gate; return old; } };
    const pending = cache.lookups(slow).get(person.id);
    const { etag, ...record } = person;
    await store.staff.put({ ...record, active: false }, etag);
    release();
    expect((await pending)?.active).toBe(true); // that request saw the old record…
    expect((await cache.lookups(store.staff).get(person.id))?.active).toBe(false); // …the next one does not
    await raw.close();
  });

  it('keeps at most maxEntries people', async () => {
    const raw = openSqliteStore(':memory:');
    const { reads, counted } = counting(raw.staff);
    const cache = new SignedInStaff({ now: () => 0, maxEntries: 2 });
    const lookups = cache.lookups(counted);
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
});
