import { tabLink, type TabLinkConfig } from './tabLinks';

/**
 * The URL an "Open audit" button opens: the tab's page `/audits/<id>` through `tabLink` — its https
 * address in local mode, a Teams deep link to the tab with that page as sub-page id in tenant mode.
 */
export function auditLink(config: TabLinkConfig, auditId: string): string {
  return tabLink(config, `/audits/${encodeURIComponent(auditId)}`);
}
