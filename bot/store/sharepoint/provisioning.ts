import type { GraphClient } from './graphClient';
import { listMigrations, type ColumnSpec, type ListMigration } from './listMigrations';

/**
 * Creates or upgrades the site's lists, columns and indexes to what the migrations describe.
 * Idempotent by inspection: it reads what exists and only adds what is missing, so a second run
 * changes nothing and says so. Needs a `manage` grant under Sites.Selected (creating lists and
 * columns); the running service needs only `write`.
 * Columns: https://learn.microsoft.com/en-us/graph/api/list-post-columns ;
 * lists: https://learn.microsoft.com/en-us/graph/api/list-create
 */

/** Reported, not on a Microsoft page: at most 20 indexed columns per list. */
export const MAX_INDEXES_PER_LIST = 20;

export interface ProvisionReport {
  /** Highest migration version the site now matches. */
  version: number;
  /** One line per change made, e.g. `PA Audits: created`. Empty when nothing changed. */
  changes: string[];
}

interface ExistingColumn {
  id: string;
  name: string;
  indexed?: boolean;
  text?: { allowMultipleLines?: boolean };
  number?: unknown;
}

interface ExistingList {
  id: string;
  displayName: string;
  columns?: ExistingColumn[];
}

/** Refuses migrations that SharePoint would refuse half-way: too many indexes, versions out of order, unindexed unique columns. */
export function checkMigrations(migrations: readonly ListMigration[]): void {
  let last = 0;
  const indexes = new Map<string, Set<string>>();
  for (const m of migrations) {
    if (m.version !== last + 1) throw new Error(`Migration versions must run 1, 2, 3…; found ${m.version} after ${last}`);
    last = m.version;
    for (const step of m.steps) {
      const set = indexes.get(step.list) ?? new Set<string>();
      indexes.set(step.list, set);
      const cols = step.kind === 'createList' ? step.columns : step.kind === 'addColumn' ? [step.column] : [];
      for (const c of cols) {
        if (c.unique && !c.indexed) throw new Error(`${step.list}.${c.name}: a unique column must be indexed`);
        if (c.kind === 'note' && c.indexed) throw new Error(`${step.list}.${c.name}: multi-line text cannot be indexed`);
        if (c.indexed) set.add(c.name);
      }
      if (step.kind === 'indexColumn') set.add(step.column);
      if (set.size > MAX_INDEXES_PER_LIST) throw new Error(`${step.list} would have ${set.size} indexed columns; SharePoint allows ${MAX_INDEXES_PER_LIST}`);
    }
  }
}

const columnBody = (c: ColumnSpec): Record<string, unknown> => ({
  name: c.name,
  displayName: c.name,
  ...(c.kind === 'number' ? { number: {} } : { text: { allowMultipleLines: c.kind === 'note', ...(c.kind === 'text' ? { maxLength: 255 } : {}) } }),
  ...(c.indexed ? { indexed: true } : {}),
  ...(c.unique ? { enforceUniqueValues: true } : {}),
});

const kindOf = (c: ExistingColumn): ColumnSpec['kind'] => (c.number ? 'number' : c.text?.allowMultipleLines ? 'note' : 'text');

export async function provisionSite(client: GraphClient, siteId: string, migrations: readonly ListMigration[] = listMigrations): Promise<ProvisionReport> {
  checkMigrations(migrations);
  const site = `/sites/${encodeURIComponent(siteId)}`;
  await client.json({ method: 'GET', url: site });
  const lists = new Map<string, ExistingList>();
  for await (const page of client.pages<ExistingList>(`${site}/lists?$expand=columns`)) {
    for (const l of page) lists.set(l.displayName.toLowerCase(), l);
  }
  const changes: string[] = [];

  const ensureColumn = async (list: ExistingList, c: ColumnSpec) => {
    const existing = list.columns?.find((x) => x.name === c.name);
    if (!existing) {
      const created = await client.json<ExistingColumn>({ method: 'POST', url: `${site}/lists/${list.id}/columns`, body: columnBody(c) });
      list.columns = [...(list.columns ?? []), created];
      changes.push(`${list.displayName}: column ${c.name} added${c.indexed ? ' (indexed)' : ''}`);
      return;
    }
    if (kindOf(existing) !== c.kind) throw new Error(`${list.displayName}.${c.name} exists as ${kindOf(existing)}, expected ${c.kind}; fix it by hand`);
    if (c.indexed && !existing.indexed) await ensureIndex(list, c.name);
  };

  const ensureIndex = async (list: ExistingList, name: string) => {
    const existing = list.columns?.find((x) => x.name === name);
    if (!existing) throw new Error(`${list.displayName}.${name} does not exist, so it cannot be indexed`);
    if (existing.indexed) return;
    await client.json({ method: 'PATCH', url: `${site}/lists/${list.id}/columns/${existing.id}`, body: { indexed: true } });
    existing.indexed = true;
    changes.push(`${list.displayName}: column ${name} indexed`);
  };

  const need = (name: string): ExistingList => {
    const l = lists.get(name.toLowerCase());
    if (!l) throw new Error(`List ${name} is missing; an earlier migration should have created it`);
    return l;
  };

  for (const m of migrations) {
    for (const step of m.steps) {
      if (step.kind === 'createList') {
        const existing = lists.get(step.list.toLowerCase());
        if (!existing) {
          const created = await client.json<ExistingList>({
            method: 'POST',
            url: `${site}/lists`,
            body: { displayName: step.list, list: { template: 'genericList' }, columns: step.columns.map(columnBody) },
          });
          lists.set(step.list.toLowerCase(), created);
          changes.push(`${step.list}: created with ${step.columns.length} columns`);
        } else {
          for (const c of step.columns) await ensureColumn(existing, c);
        }
      } else if (step.kind === 'addColumn') {
        await ensureColumn(need(step.list), step.column);
      } else {
        await ensureIndex(need(step.list), step.column);
      }
    }
  }
  return { version: migrations.length, changes };
}

/** The sentence the command prints. */
export function describeReport(r: ProvisionReport): string {
  if (r.changes.length === 0) return `The site already matches schema version ${r.version}; nothing changed.`;
  return [`Brought the site to schema version ${r.version}:`, ...r.changes.map((c) => `  - ${c}`)].join('\n');
}
