import { describe, expect, it } from 'vitest';
import { auditPath, parseRoute, routePath } from './routes';

describe('routes', () => {
  it('parses each page', () => {
    expect(parseRoute('/')).toEqual({ name: 'myAudits' });
    expect(parseRoute('/team/')).toEqual({ name: 'team' });
    expect(parseRoute('/imports')).toEqual({ name: 'imports' });
    expect(parseRoute('/rounds/')).toEqual({ name: 'rounds' });
    expect(parseRoute('/rounds/rnd_1')).toEqual({ name: 'round', id: 'rnd_1' });
    expect(parseRoute('/sign-in')).toEqual({ name: 'signIn' });
    expect(parseRoute('/actions/mine')).toEqual({ name: 'myActions' });
    expect(parseRoute('/actions/team/')).toEqual({ name: 'teamActions' });
    expect(parseRoute('/actions/tracker')).toEqual({ name: 'actionTracker' });
    expect(parseRoute('/actions')).toEqual({ name: 'notFound' });
    expect(parseRoute('/concerns/')).toEqual({ name: 'concerns' });
    expect(parseRoute('/audits/aud_1-x')).toEqual({ name: 'audit', id: 'aud_1-x' });
  });

  it('refuses ids that are not record ids', () => {
    expect(parseRoute('/audits/a%2Fb')).toEqual({ name: 'notFound' });
    expect(parseRoute('/audits/')).toEqual({ name: 'notFound' });
    expect(parseRoute('/rounds/a%2Fb')).toEqual({ name: 'notFound' });
    expect(parseRoute('/elsewhere')).toEqual({ name: 'notFound' });
  });

  it('round-trips paths', () => {
    for (const p of ['/', '/team', '/imports', '/rounds', '/rounds/r1', '/concerns', '/actions/mine', '/actions/team', '/actions/tracker', '/sign-in', auditPath('abc')]) expect(routePath(parseRoute(p))).toBe(p);
  });
});
