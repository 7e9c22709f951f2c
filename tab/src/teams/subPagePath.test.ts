import { describe, expect, it } from 'vitest';
import { subPagePath } from './subPagePath';

describe('subPagePath', () => {
  it('opens the page a deep link names, query included', () => {
    expect(subPagePath('/audits/aud_1')).toBe('/audits/aud_1');
    expect(subPagePath('/actions/team?status=done')).toBe('/actions/team?status=done');
    expect(subPagePath('/actions/tracker?overdue=true')).toBe('/actions/tracker?overdue=true');
    expect(subPagePath('/concerns')).toBe('/concerns');
    expect(subPagePath('/rounds/rnd_2')).toBe('/rounds/rnd_2');
    expect(subPagePath('/')).toBe('/');
    expect(subPagePath('/actions/mine/')).toBe('/actions/mine');
  });

  it('still opens an audit from the older links that carry its id', () => {
    expect(subPagePath('aud_123')).toBe('/audits/aud_123');
    expect(subPagePath('audit:aud_123')).toBe('/audits/aud_123');
  });

  it('never leaves the tab', () => {
    for (const away of ['//evil.example/audits/aud_1', '/\\evil.example', 'https://evil.example/audits/aud_1', 'javascript:alert(1)', '/%2F%2Fevil.example'])
      expect(subPagePath(away)).toBeNull();
  });

  it('refuses pages the tab does not have, sign-in, fragments and odd queries', () => {
    for (const bad of ['/elsewhere', '/audits/../imports', '/audits/a%2Fb', '/sign-in', '/concerns#x', '/actions/team?status=<script>', '/actions/team?next=//evil.example'])
      expect(subPagePath(bad)).toBeNull();
  });

  it('does nothing without a sub-page id', () => {
    expect(subPagePath(null)).toBeNull();
    expect(subPagePath('')).toBeNull();
  });
});
