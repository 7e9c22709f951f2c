import type { AppConfig } from '../config/appConfig';

/**
 * Where the cases-of-concern cards and e-mails link into the tab, like `auditLink`: the tab's own
 * page in local mode; a Teams deep link in tenant mode (issue 6; not configurable yet).
 */
export function concernRegisterLink(config: Pick<AppConfig, 'mode' | 'publicUrl'>): string {
  if (config.mode !== 'local') throw new Error('Teams deep links to the tab are not built yet (tenant mode).');
  return `${config.publicUrl.replace(/\/+$/, '')}/concerns`;
}
