import type { AppConfig } from '../config/appConfig';

/**
 * The URL an "Open audit" button opens. The one seam for links into the tab:
 * - local mode: the tab's own page, `${publicUrl}/audits/<id>`;
 * - tenant mode: for now the same https address; a Teams deep link to the tab with the audit as
 *   sub-page id is still to come.
 */
export function auditLink(config: Pick<AppConfig, 'mode' | 'publicUrl'>, auditId: string): string {
  // Tenant mode uses the same https address for now (it opens in the browser); a Teams deep link
  // that opens the tab inside Teams is still to come.
  return `${config.publicUrl.replace(/\/+$/, '')}/audits/${encodeURIComponent(auditId)}`;
}
