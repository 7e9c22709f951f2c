import { tabLink, type TabLinkConfig } from '../teams/tabLinks';

/**
 * Where the cases-of-concern cards and e-mails link into the tab, like `auditLink`: the register
 * page through `tabLink` (its https address in local mode, a Teams deep link in tenant mode).
 */
export function concernRegisterLink(config: TabLinkConfig): string {
  return tabLink(config, '/concerns');
}
