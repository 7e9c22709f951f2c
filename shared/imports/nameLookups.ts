import { looseKey } from './csv';

export type TeamMatch = { ok: true; id: string } | { ok: false; reason: string };

/**
 * Finds a team by its id or its name as typed in a spreadsheet: an exact id first, then the
 * name ignoring case, spaces and punctuation. Two teams whose names read the same are refused
 * rather than guessed between.
 */
export function createTeamLookup(teams: readonly { id: string; name: string }[]): (text: string) => TeamMatch {
  const ids = new Set(teams.map((t) => t.id));
  const byName = new Map<string, string[]>();
  for (const t of teams) {
    const key = looseKey(t.name);
    byName.set(key, [...(byName.get(key) ?? []), t.id]);
  }
  return (text) => {
    const typed = text.trim();
    if (ids.has(typed)) return { ok: true, id: typed };
    const key = looseKey(typed);
    const found = key === '' ? [] : (byName.get(key) ?? []);
    if (found.length === 1 && found[0] !== undefined) return { ok: true, id: found[0] };
    if (found.length > 1) return { ok: false, reason: `more than one team is called "${typed}": give the team's id instead` };
    return { ok: false, reason: `no team called "${typed}" is set up` };
  };
}

/**
 * Reads a value of a fixed list (job role, legal status, living situation) from the words a
 * spreadsheet uses: its id, its label, or a documented abbreviation, ignoring case, spaces and
 * punctuation. Returns undefined for anything else: values are never guessed.
 */
export function createLabelLookup<T extends string>(
  names: Record<T, readonly string[]>,
): (text: string) => T | undefined {
  const byKey = new Map<string, T>();
  for (const value of Object.keys(names) as T[]) {
    byKey.set(looseKey(value), value);
    for (const name of names[value]) byKey.set(looseKey(name), value);
  }
  return (text) => {
    const key = looseKey(text);
    return key === '' ? undefined : byKey.get(key);
  };
}
