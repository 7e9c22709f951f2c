import { useEffect, useRef, useState } from 'react';
import type { SaveFormResponse } from '../../../shared/api/contracts';
import type { AuditForm } from '../../../shared/schemas/audits';
import { getAudit, saveForm } from '../api/apiClient';
import { AutosaveQueue, type AutosaveState, type SettleResult } from './autosaveQueue';
import { draftStore } from './draftStore';

export interface Autosave {
  state: AutosaveState;
  change(form: AuditForm): void;
  whenSettled(): Promise<SettleResult>;
  etag(): string;
}

/**
 * Autosave for one audit: the queue (debounced, serialised saves), a local draft until the server
 * confirms, and an immediate keepalive save when the page is hidden or closed. After a conflict the
 * audit is fetched again: if it already holds the form we sent (that keepalive save landed after a
 * reload), its etag is taken over and saving carries on.
 */
export function useAutosave(args: { auditId: string; userId: string; etag: string; onSaved: (r: SaveFormResponse) => void }): Autosave {
  const [state, setState] = useState<AutosaveState>({ kind: 'idle' });
  const onSaved = useRef(args.onSaved);
  onSaved.current = args.onSaved;
  const queueRef = useRef<AutosaveQueue<AuditForm> | null>(null);
  if (queueRef.current === null) {
    queueRef.current = new AutosaveQueue<AuditForm>({
      etag: args.etag,
      save: (etag, form, opts) => saveForm(args.auditId, etag, form, opts),
      onState: setState,
      onSaved: (r) => onSaved.current(r),
      drafts: draftStore<AuditForm>(args.userId, args.auditId),
      serverCopy: async () => {
        const { audit, canEdit } = await getAudit(args.auditId);
        return canEdit ? { form: audit.form, saved: { etag: audit.etag, updatedAt: audit.updatedAt, status: audit.status } } : null;
      },
    });
  }
  const queue = queueRef.current;

  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') queue.flush({ keepalive: true });
    };
    const onPageHide = () => queue.flush({ keepalive: true });
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', onPageHide);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', onPageHide);
      // Leaving the form (another page of the tab): send what is waiting now.
      queue.flush({ keepalive: true });
    };
  }, [queue]);

  return {
    state,
    change: (form) => queue.change(form),
    whenSettled: () => queue.whenSettled(),
    etag: () => queue.etag,
  };
}
