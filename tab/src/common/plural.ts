/** "1 row", "1,204 rows": a count and its noun, in UK number format. */
export const plural = (n: number, one: string, many: string): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
