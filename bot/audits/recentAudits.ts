import type { WithETag } from '../store/storeInterface';
import type { Audit } from '../../shared/schemas/audits';

/**
 * The last version of each recently used audit this process wrote or read, with its etag, so an
 * autosave whose etag matches need not read the audit again. Safe across instances: the write is
 * conditional on that etag, so if another instance changed the audit meanwhile SharePoint answers
 * 412 and the save is refused as a conflict, exactly as if it had been read.
 */
export class RecentAudits {
  private readonly byId = new Map<string, WithETag<Audit>>();

  constructor(private readonly limit = 500) {}

  /** The kept version, only if it is the one the client last saw. */
  at(id: string, etag: string): WithETag<Audit> | null {
    const hit = this.byId.get(id);
    if (!hit || hit.etag !== etag) return null;
    this.byId.delete(id);
    this.byId.set(id, hit); // most recently used last
    return hit;
  }

  keep(audit: WithETag<Audit>): void {
    this.byId.delete(audit.id);
    this.byId.set(audit.id, audit);
    while (this.byId.size > this.limit) {
      const oldest = this.byId.keys().next();
      if (oldest.done) break;
      this.byId.delete(oldest.value);
    }
  }

  forget(id: string): void {
    this.byId.delete(id);
  }
}
