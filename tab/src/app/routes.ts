/** The tab's pages and their paths. The server answers every non-API path with index.html. */
export type Route =
  | { name: 'myAudits' }
  | { name: 'audit'; id: string }
  | { name: 'team' }
  | { name: 'imports' }
  | { name: 'rounds' }
  | { name: 'round'; id: string }
  | { name: 'concerns' }
  | { name: 'myActions' }
  | { name: 'teamActions' }
  | { name: 'actionTracker' }
  | { name: 'signIn' }
  | { name: 'notFound' };

export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/index.html') return { name: 'myAudits' };
  if (path === '/team') return { name: 'team' };
  if (path === '/imports') return { name: 'imports' };
  if (path === '/rounds') return { name: 'rounds' };
  if (path === '/concerns') return { name: 'concerns' };
  if (path === '/actions/mine') return { name: 'myActions' };
  if (path === '/actions/team') return { name: 'teamActions' };
  if (path === '/actions/tracker') return { name: 'actionTracker' };
  if (path === '/sign-in') return { name: 'signIn' };
  const m = /^\/audits\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (m?.[1]) return { name: 'audit', id: m[1] };
  const r = /^\/rounds\/([A-Za-z0-9_-]{1,64})$/.exec(path);
  if (r?.[1]) return { name: 'round', id: r[1] };
  return { name: 'notFound' };
}

export function routePath(route: Route): string {
  switch (route.name) {
    case 'myAudits':
    case 'notFound':
      return '/';
    case 'team':
      return '/team';
    case 'imports':
      return '/imports';
    case 'rounds':
      return '/rounds';
    case 'round':
      return `/rounds/${encodeURIComponent(route.id)}`;
    case 'concerns':
      return '/concerns';
    case 'myActions':
      return '/actions/mine';
    case 'teamActions':
      return '/actions/team';
    case 'actionTracker':
      return '/actions/tracker';
    case 'signIn':
      return '/sign-in';
    case 'audit':
      return `/audits/${encodeURIComponent(route.id)}`;
  }
}

export const auditPath = (id: string): string => routePath({ name: 'audit', id });
