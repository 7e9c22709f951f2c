import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiFailure } from '../api/apiClient';

interface Page<T> {
  items: T[];
  next: string | null;
}

export type PagedState<T> =
  | { kind: 'loading' }
  | { kind: 'error'; message: string; status: number }
  | { kind: 'ready'; items: T[]; next: string | null; loadingMore: boolean; moreError: string | null };

/** A cursor-paged list: the first page on mount (or when `key` changes), further pages on request. */
export function usePagedList<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>, key: string) {
  const [state, setState] = useState<PagedState<T>>({ kind: 'loading' });
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    fetchRef.current(null).then(
      (page) => live && setState({ kind: 'ready', items: page.items, next: page.next, loadingMore: false, moreError: null }),
      (e: unknown) =>
        live &&
        setState({
          kind: 'error',
          message: e instanceof Error ? e.message : String(e),
          status: e instanceof ApiFailure ? e.status : 0,
        }),
    );
    return () => {
      live = false;
    };
  }, [key]);

  const loadMore = useCallback(() => {
    setState((s) => {
      if (s.kind !== 'ready' || !s.next || s.loadingMore) return s;
      const cursor = s.next;
      fetchRef.current(cursor).then(
        (page) =>
          setState((cur) =>
            cur.kind === 'ready' ? { kind: 'ready', items: [...cur.items, ...page.items], next: page.next, loadingMore: false, moreError: null } : cur,
          ),
        (e: unknown) =>
          setState((cur) => (cur.kind === 'ready' ? { ...cur, loadingMore: false, moreError: e instanceof Error ? e.message : String(e) } : cur)),
      );
      return { ...s, loadingMore: true, moreError: null };
    });
  }, []);

  return { state, loadMore };
}
