import { useEffect, useState } from 'react';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * The state of a Rounds-page list the QA lead acts on: its items once loaded (null until then),
 * the last error, and the status line announced after an action.
 */
export function useListPanel<T>(load: () => Promise<{ items: T[] }>) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    let live = true;
    load().then(
      (r) => live && setItems(r.items),
      (e: unknown) => live && setError(message(e)),
    );
    return () => {
      live = false;
    };
  }, [load]);

  /** Runs an action on the list; what it resolves to becomes the status line, a failure the error. */
  const act = async (action: () => Promise<string>) => {
    setError(null);
    try {
      setStatus(await action());
    } catch (e: unknown) {
      setError(message(e));
    }
  };

  return { items, setItems, error, status, act };
}
