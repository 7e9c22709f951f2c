import type { AppConfig } from '../config/appConfig';

/**
 * Where the cases-of-concern cards and e-mails link into the tab, like `auditLink`: the tab's own
 * page, in both modes for now (a Teams deep link in tenant mode is still to come).
 */
export function concernRegisterLink(config: Pick<AppConfig, 'mode' | 'publicUrl'>): string {
  // Tenant mode uses the same https address for now (it opens in the browser); a Teams deep link
  // that opens the tab inside Teams is still to come.
  return `${config.publicUrl.replace(/\/+$/, '')}/concerns`;
}
