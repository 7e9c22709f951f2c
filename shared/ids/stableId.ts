/**
 * A record id derived from a natural key (an audit and its draft action, a work e-mail, a case
 * reference), so doing the same thing again reaches the same record rather than a copy. Two
 * 32-bit FNV-1a hashes with different seeds: 16 hex digits, URL-safe, collisions negligible at a
 * council's scale.
 */
export function stableId(prefix: string, naturalKey: string): string {
  return `${prefix}${fnv1a(naturalKey, 0x811c9dc5)}${fnv1a(naturalKey, 0x01000193 ^ 0x5bd1e995)}`;
}

function fnv1a(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
