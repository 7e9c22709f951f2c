/**
 * JSON with every object's keys in sorted order, so two values with the same content give the same
 * text whatever order their keys were built in (a form as the server parsed it, and as the tab built it).
 */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
