import { auditPath, parseRoute, routePath } from '../app/routes';
import { auditIdFromSubPage } from './teamsContext';

/** Characters a page's query may hold (`status=done`, `overdue=true`); anything else is refused. */
const safeQuery = /^[A-Za-z0-9_.~%=&+-]*$/;

/**
 * The page a Teams deep link opens the tab at. The bot's links (bot/teams/tabLinks.ts) carry a
 * path of the tab as sub-page id, e.g. `/audits/aud_1` or `/actions/team?status=done`; older links
 * carry an audit id. Anything else — another host (`//host`), a scheme, a page the tab does not
 * have — gives null, and the tab stays where it is. The path is rebuilt from the parsed route, so
 * nothing of the sub-page id but a known page and a plain query reaches the address bar.
 */
export function subPagePath(subPageId: string | null): string | null {
  if (!subPageId) return null;
  if (!subPageId.startsWith('/')) {
    const id = auditIdFromSubPage(subPageId);
    return id ? auditPath(id) : null;
  }
  if (/^\/[/\\]/.test(subPageId) || subPageId.includes('#')) return null;
  const q = subPageId.indexOf('?');
  const path = q === -1 ? subPageId : subPageId.slice(0, q);
  const query = q === -1 ? '' : subPageId.slice(q + 1);
  if (!safeQuery.test(query)) return null;
  const route = parseRoute(path);
  // Sign-in is the tab's own business, never a link's target.
  if (route.name === 'notFound' || route.name === 'signIn') return null;
  return query ? `${routePath(route)}?${query}` : routePath(route);
}
