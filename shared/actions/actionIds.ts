/**
 * A live action's id, derived from its audit and draft so re-running a submission creates the
 * same records rather than duplicates. Two 32-bit FNV-1a hashes keep it short and URL-safe.
 */
export function actionIdFor(auditId: string, draftId: string): string {
  const text = `${auditId}/${draftId}`;
  return `act_${fnv1a(text, 0x811c9dc5)}${fnv1a(text, 0x01000193 ^ 0x5bd1e995)}`;
}

function fnv1a(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
