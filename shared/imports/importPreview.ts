/** One row's problem in an import preview: where it is, which column, and what to put right. */
export interface ImportIssue {
  /** 1-based line in the file where the row starts. */
  line: number;
  /** The column's name as the import documents it (e.g. "case reference"), or "row" for the row as a whole. */
  field: string;
  reason: string;
}

/** A problem with the file as a whole; while there is one, nothing from the file may be imported. */
export interface ImportFileError {
  /** The line concerned, or null when the file has none (an empty file). */
  line: number | null;
  reason: string;
}

/**
 * A record id derived from its natural key (a work e-mail, a case reference), so importing the
 * same file again updates the same records rather than adding copies. Two 32-bit FNV-1a hashes
 * with different seeds: 16 hex digits, URL-safe, collisions negligible at a council's scale.
 */
export function stableImportId(prefix: string, naturalKey: string): string {
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
