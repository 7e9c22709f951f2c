import type { AppConfig } from '../config/appConfig';

/**
 * The URL an "Open audit" button opens. The one seam for links into the tab:
 * - local mode: the tab's own page, `${publicUrl}/audits/<id>`;
 * - tenant mode: a Teams deep link to the tab with the audit as sub-page id (issue 6; tenant mode
 *   cannot be configured yet, so reaching this branch is a programming error, not a user's).
 */
export function auditLink(config: Pick<AppConfig, 'mode' | 'publicUrl'>, auditId: string): string {
  if (config.mode !== 'local') throw new Error('Teams deep links to the tab are not built yet (tenant mode).');
  return `${config.publicUrl.replace(/\/+$/, '')}/audits/${encodeURIComponent(auditId)}`;
}
