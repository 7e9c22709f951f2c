import { ConflictError, DuplicateError, type WithETag } from '../store/storeInterface';

/** A record to save, with what the store held when the plan was made (null: not there yet). */
export interface PlannedWrite<T> {
  next: T;
  held: WithETag<T> | null;
}

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Saves planned records the idempotent way the register imports and the directory sync share: a
 * record already holding the same values is not written again, and every write is conditional on
 * the etag read when the plan was made (null creates). So running the same plan again after a
 * stop half-way finishes the job without duplicating anyone.
 *
 * A ConflictError or DuplicateError (someone saved in between, or a key is taken) goes to
 * `onConflict`: throw to stop, as the imports do, or return to count the record as not written
 * and carry on. Any other error stops the run.
 */
export async function writePlanned<T extends object>(
  plan: readonly PlannedWrite<T>[],
  put: (record: T, expectedETag: string | null) => Promise<unknown>,
  onConflict: (error: ConflictError | DuplicateError, record: T) => void,
): Promise<WriteCounts> {
  const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0 };
  for (const { next, held } of plan) {
    if (held !== null && sameRecord(withoutETag(held), next)) {
      counts.unchanged++;
      continue;
    }
    try {
      await put(next, held?.etag ?? null);
    } catch (e) {
      if (e instanceof ConflictError || e instanceof DuplicateError) {
        onConflict(e, next);
        continue;
      }
      throw e;
    }
    counts[held === null ? 'created' : 'updated']++;
  }
  return counts;
}

export function withoutETag<T extends object>(record: WithETag<T>): T {
  const { etag: _etag, ...rest } = record;
  return rest as unknown as T;
}

/** Same values, whatever the key order: the store's JSON round trip keeps values, not order. */
function sameRecord(a: object, b: object): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y)))
      : v,
  );
}
