import { useCallback, useEffect, useRef, useState } from 'react';
import type { ActionListResponse, ActionOption, ActionView } from '../../../shared/api/actionContracts';
import { ApiFailure, getActions, type ActionScope } from '../api/apiClient';
import { filtersKey, type ListFilters } from './actionText';

export type ActionListState =
  | { kind: 'loading' }
  | { kind: 'error'; message: string; status: number }
  | {
      kind: 'ready';
      items: ActionView[];
      next: string | null;
      total: number;
      teams: ActionOption[];
      owners: ActionOption[];
      loadingMore: boolean;
      moreError: string | null;
    };

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * One of the action lists, paged with the server's cursor, reloaded when the filters change. A
 * row is replaced in place after a step (done, approved, returned), so the list and the focus stay
 * where the person was working.
 */
export function useActionList(scope: ActionScope, filters: ListFilters) {
  const [state, setState] = useState<ActionListState>({ kind: 'loading' });
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const key = `${scope}:${filtersKey(filters)}`;

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    getActions(scope, filtersRef.current).then(
      (page: ActionListResponse) => live && setState({ kind: 'ready', ...page, loadingMore: false, moreError: null }),
      (e: unknown) => live && setState({ kind: 'error', message: message(e), status: e instanceof ApiFailure ? e.status : 0 }),
    );
    return () => {
      live = false;
    };
  }, [key, scope]);

  const loadMore = useCallback(() => {
    setState((s) => {
      if (s.kind !== 'ready' || !s.next || s.loadingMore) return s;
      getActions(scope, filtersRef.current, s.next).then(
        (page) => setState((cur) => (cur.kind === 'ready' ? { ...cur, items: [...cur.items, ...page.items], next: page.next, total: page.total, loadingMore: false } : cur)),
        (e: unknown) => setState((cur) => (cur.kind === 'ready' ? { ...cur, loadingMore: false, moreError: message(e) } : cur)),
      );
      return { ...s, loadingMore: true, moreError: null };
    });
  }, [scope]);

  const replace = useCallback((view: ActionView) => {
    setState((s) => (s.kind === 'ready' ? { ...s, items: s.items.map((i) => (i.id === view.id ? view : i)) } : s));
  }, []);

  return { state, loadMore, replace };
}
