import { z } from 'zod';

/**
 * Small wording helpers shared by the action and concern cards.
 */

/** A member of staff as a card names them (staff, never a child): their display name. */
export const cardStaffName = z.string().trim().min(1).max(120);

/** "1 action", "3 actions". */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** At most `max` characters, cut at a word where one is near, with an ellipsis: cards show the start of a longer text. */
export function shortened(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}
