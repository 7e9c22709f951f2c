import type { AppConfig, TenantSettings } from '../config/appConfig';
import { myAuditsEntityId } from '../../manifest/teamsManifest';

/** What a link into the tab needs; `tenant` is optional so local-mode callers pass mode and address only. */
export type TabLinkConfig = Pick<AppConfig, 'mode' | 'publicUrl'> & { tenant?: Pick<TenantSettings, 'teamsAppId' | 'tenantId'> | null };

/** Shown by Teams where it displays the link; no case data. */
const linkLabel = 'Practice Audit';

/**
 * The link to one of the tab's pages, e.g. `/audits/aud_1` or `/actions/team?status=done`: the one
 * seam every card and e-mail link goes through.
 * - Local mode: the page's own https address, `${publicUrl}${tabPath}`.
 * - Tenant mode: a Teams deep link to the personal tab, with the path as its sub-page id, so the
 *   link opens Practice Audit inside Teams (where single sign-on works) and the tab goes to the page
 *   (tab/src/teams/subPagePath.ts). Format, per "Configure deep link to browse within your app
 *   manually", https://learn.microsoft.com/microsoftteams/platform/concepts/build-and-test/deep-link-application :
 *   `https://teams.microsoft.com/l/entity/<appId>/<entityId>?tenantId=…&webUrl=…&label=…&context=<{"subEntityId":…}>`,
 *   every parameter URI-encoded. appId is "the ID from Teams admin centre": for an app uploaded to
 *   the organisation's catalogue that is the catalogue id, not the manifest id (TEAMS_APP_ID).
 *   webUrl is the documented optional fallback for clients that cannot show the tab.
 *   Without TEAMS_APP_ID the https address is used (the service warns at start-up).
 */
export function tabLink(config: TabLinkConfig, tabPath: string): string {
  // A path of our own tab only: never another host (`//host`) or a scheme.
  if (!/^\/(?![/\\])/.test(tabPath)) throw new Error(`tabLink: "${tabPath}" is not a path in the tab`);
  const webUrl = `${config.publicUrl.replace(/\/+$/, '')}${tabPath}`;
  const tenant = config.mode === 'tenant' ? config.tenant : null;
  const appId = tenant?.teamsAppId;
  if (!tenant || !appId) return webUrl;
  const query = [
    // The council's tenant: someone who is also a guest elsewhere (health, police, a neighbouring council) is taken to it.
    `tenantId=${encodeURIComponent(tenant.tenantId)}`,
    `webUrl=${encodeURIComponent(webUrl)}`,
    `label=${encodeURIComponent(linkLabel)}`,
    `context=${encodeURIComponent(JSON.stringify({ subEntityId: tabPath }))}`,
  ].join('&');
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(appId)}/${encodeURIComponent(myAuditsEntityId)}?${query}`;
}
