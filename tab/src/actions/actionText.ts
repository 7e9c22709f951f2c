import type { ActionFilters, ActionView } from '../../../shared/api/actionContracts';
import type { ActionStatus } from '../../../shared/schemas/actions';

// Plain values, not the zod schema: the tab keeps zod out of its bundles.
const statuses: readonly ActionStatus[] = ['open', 'done', 'approved'];

/** Words for an action's state in the tab (never colour alone). */
export function actionStatusText(a: Pick<ActionView, 'status' | 'returned'>): string {
  if (a.status === 'done') return 'Done, awaiting approval';
  if (a.status === 'approved') return 'Approved';
  return a.returned ? 'Open: returned by the manager' : 'Open';
}

/** How the tab names an action to screen readers and in messages: "DEMO-7001 (QZ), 1a Early help". */
export function actionName(a: Pick<ActionView, 'caseRef' | 'initials' | 'label'>): string {
  return `${a.caseRef} (${a.initials}), ${a.label}`;
}

export type ListFilters = Omit<ActionFilters, 'cursor' | 'limit'>;

/** Filters from a link's query (cards link to e.g. `?status=done` or `?overdue=true`); anything unknown is ignored. */
export function filtersFromQuery(search: string): ListFilters {
  const q = new URLSearchParams(search);
  const out: ListFilters = {};
  const status = statuses.find((s) => s === q.get('status'));
  if (status) out.status = status;
  if (q.get('overdue') === 'true') out.overdue = true;
  const dueBefore = q.get('dueBefore');
  if (dueBefore && /^\d{4}-\d{2}-\d{2}$/.test(dueBefore)) out.dueBefore = dueBefore;
  for (const key of ['teamId', 'ownerId'] as const) {
    const v = q.get(key);
    if (v && /^[A-Za-z0-9_-]{1,64}$/.test(v)) out[key] = v;
  }
  return out;
}

/** The filters as a stable key (a change of filters reloads the list). */
export function filtersKey(f: ListFilters): string {
  return [f.status ?? '', f.overdue === undefined ? '' : String(f.overdue), f.teamId ?? '', f.ownerId ?? '', f.dueBefore ?? ''].join('|');
}
