import { stableId } from './stableId';

/** Notice ids are record ids: at most 64 characters (see schemas/common `id`). */
const MAX_KEY = 64;

/**
 * An idempotency key for a notice, from the parts that make it unique (what, whom, which day).
 * Readable while it fits an id; past 64 characters it becomes a stable hash of the same parts, so
 * the same notice always gets the same key and the outbox (idempotent by id) sends it once.
 */
export function noticeKey(...parts: readonly string[]): string {
  const joined = parts.join('-');
  if (joined.length <= MAX_KEY && /^[A-Za-z0-9_-]+$/.test(joined)) return joined;
  return stableId(`${(parts[0] ?? 'ntf').replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}_`, parts.join('\u0000'));
}
