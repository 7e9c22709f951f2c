import type { StaffMember } from '../../shared/schemas/staff';
import type { StaffStore, Store, WithETag } from '../store/storeInterface';

/**
 * The signed-in person's staff record, remembered for a few minutes, so that an ordinary request
 * (an autosave above all) costs no directory read. On SharePoint that read is a list query (2 RU)
 * and was half of every autosave's Graph requests; the budget is one request a save.
 *
 * Why a few minutes is safe enough:
 * - Any staff write made through this process (import, directory sync, first sign-in linking)
 *   empties the cache at once, so on one instance a leaver loses access at the next request.
 * - Another instance's write reaches this one within `ttlMs` (default 5 minutes). Teams tokens
 *   themselves live about an hour, so Entra-side removal already has a longer lag than this.
 * - Only active records are kept: nobody is refused from memory (someone reactivated, or newly
 *   imported, is let in at once).
 * Bounded: past `maxEntries` the oldest entry goes.
 */
export class SignedInStaff {
  /** Bumped by every forget, so a read that overlapped a write is not remembered. */
  private generation = 0;
  private readonly entries = new Map<string, { record: WithETag<StaffMember>; until: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly onRead: () => void;

  /** `onRead` is told of each read that reaches the store (the app pays for it from the save budget). */
  constructor(opts: { now: () => number; ttlMs?: number; maxEntries?: number; onRead?: () => void }) {
    this.now = opts.now;
    this.onRead = opts.onRead ?? (() => undefined);
    this.ttlMs = opts.ttlMs ?? 5 * 60_000;
    this.maxEntries = opts.maxEntries ?? 5_000;
  }

  private watched: StaffStore | null = null;

  /**
   * The watched store's staff as the sign-in checks see it: the two lookups by sign-in key go through
   * the cache. Only a store this cache watches, so no write can leave a stale record behind.
   */
  lookups(): StaffStore {
    const staff = this.watched;
    if (!staff) throw new Error('SignedInStaff.lookups: call watching(store) first');
    return {
      ...staff,
      get: (id) => this.remembered(`id:${id}`, () => staff.get(id)),
      getByEntraObjectId: (oid) => this.remembered(`oid:${oid}`, () => staff.getByEntraObjectId(oid)),
    };
  }

  /** Every remembered record is forgotten (called on any staff write in this process). */
  forgetAll(): void {
    this.generation++;
    this.entries.clear();
  }

  private async remembered(key: string, load: () => Promise<WithETag<StaffMember> | null>): Promise<WithETag<StaffMember> | null> {
    const t = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > t) return hit.record;
    this.entries.delete(key);
    const generation = this.generation;
    this.onRead();
    const record = await load();
    // A write landed while this read was in flight: what was read may be the old record.
    if (record?.active && generation === this.generation) {
      if (this.entries.size >= this.maxEntries) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
      this.entries.set(key, { record, until: t + this.ttlMs });
    }
    return record;
  }

  /** The store with its staff writes reported, so the cache can forget what they change. */
  watching(store: Store): Store {
    const staff = store.staff;
    const wrapped: StaffStore = {
      ...staff,
      put: async (member, expectedETag) => {
        try {
          return await staff.put(member, expectedETag);
        } finally {
          // Also on failure: a timed-out write may still have landed.
          this.forgetAll();
        }
      },
    };
    this.watched = wrapped;
    return new Proxy(store, { get: (target, key, receiver) => (key === 'staff' ? wrapped : Reflect.get(target, key, receiver)) });
  }
}
