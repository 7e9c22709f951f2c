/**
 * Unsaved copies of a form in localStorage, keyed by user, audit and the etag the changes were
 * made on. A copy is good only while the server still holds that etag: once a save lands the
 * etag moves on and the copy is dropped (or re-keyed if newer changes wait).
 */
const prefix = 'practice-audit:draft:';

export interface DraftStore<F> {
  read(etag: string): F | null;
  write(etag: string, form: F): void;
  clear(): void;
}

interface StoredDraft<F> {
  form: F;
  writtenAt: string;
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage blocked (e.g. third-party frame settings): autosave still works
  }
}

function keysStartingWith(storage: Storage, start: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (key?.startsWith(start)) keys.push(key);
  }
  return keys;
}

export function draftStore<F>(userId: string, auditId: string, storage: Storage | null = safeStorage()): DraftStore<F> {
  const auditPrefix = `${prefix}${userId}:${auditId}:`;
  const removeAll = () => {
    if (!storage) return;
    for (const key of keysStartingWith(storage, auditPrefix)) storage.removeItem(key);
  };
  return {
    read(etag) {
      if (!storage) return null;
      const raw = storage.getItem(auditPrefix + etag);
      if (!raw) return null;
      try {
        return (JSON.parse(raw) as StoredDraft<F>).form;
      } catch {
        return null;
      }
    },
    write(etag, form) {
      if (!storage) return;
      const value: StoredDraft<F> = { form, writtenAt: new Date().toISOString() };
      try {
        removeAll();
        storage.setItem(auditPrefix + etag, JSON.stringify(value));
      } catch {
        // Quota full: the server save is still on its way; nothing else to do.
      }
    },
    clear: removeAll,
  };
}

/** Drops every unsaved copy on this device (at sign-out: they hold details of children). */
export function clearAllDrafts(storage: Storage | null = safeStorage()): void {
  if (!storage) return;
  for (const key of keysStartingWith(storage, prefix)) storage.removeItem(key);
}
