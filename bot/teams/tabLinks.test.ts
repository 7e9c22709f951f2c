import { describe, expect, it } from 'vitest';
import { myAuditsEntityId } from '../../manifest/teamsManifest';
import { actionLinks } from '../actions/actionLinks';
import { concernRegisterLink } from '../concerns/concernLinks';
import { auditLink } from './auditLink';
import { tabLink, type TabLinkConfig } from './tabLinks';

const appId = 'e3a1f0c2-6666-4a4a-9b9b-0000000000ee';
const local: TabLinkConfig = { mode: 'local', publicUrl: 'http://localhost:3978/' };
const tenant: TabLinkConfig = { mode: 'tenant', publicUrl: 'https://audit.council.example', tenant: { teamsAppId: appId, tenantId: '0b5c2f7e-1111-4c6d-9e8f-0000000000aa' } };

/** A deep link taken apart as Teams reads it. */
function readDeepLink(link: string) {
  const url = new URL(link);
  const context = url.searchParams.get('context');
  return {
    origin: url.origin,
    path: url.pathname,
    webUrl: url.searchParams.get('webUrl'),
    label: url.searchParams.get('label'),
    subEntityId: context === null ? null : (JSON.parse(context) as { subEntityId: string }).subEntityId,
  };
}

describe('tabLink', () => {
  it('is the page on the service in local mode', () => {
    expect(tabLink(local, '/audits/aud_1')).toBe('http://localhost:3978/audits/aud_1');
    expect(tabLink(local, '/actions/team?status=done')).toBe('http://localhost:3978/actions/team?status=done');
    expect(tabLink(local, '/')).toBe('http://localhost:3978/');
  });

  it('is a deep link to the personal tab in tenant mode, with the page as sub-page id', () => {
    const link = tabLink(tenant, '/audits/aud_1');
    expect(link.startsWith(`https://teams.microsoft.com/l/entity/${appId}/${myAuditsEntityId}?`)).toBe(true);
    expect(readDeepLink(link)).toEqual({
      origin: 'https://teams.microsoft.com',
      path: `/l/entity/${appId}/${myAuditsEntityId}`,
      webUrl: 'https://audit.council.example/audits/aud_1',
      label: 'Practice Audit',
      subEntityId: '/audits/aud_1',
    });
  });

  it('URI-encodes every parameter, the context JSON included', () => {
    const link = tabLink(tenant, '/actions/team?status=done');
    const query = link.slice(link.indexOf('?') + 1);
    // Nothing of the path, the JSON or the web address is left raw to be misread as the link's own query.
    expect(query.split('&').map((p) => p.split('=')[0])).toEqual(['tenantId', 'webUrl', 'label', 'context']);
    expect(new URL(tabLink(tenant, '/')).searchParams.get('tenantId')).toBe('0b5c2f7e-1111-4c6d-9e8f-0000000000aa');
    expect(query).not.toMatch(/[{}"\s/:]/);
    expect(query).toContain(`context=${encodeURIComponent('{"subEntityId":"/actions/team?status=done"}')}`);
  });

  it('keeps a query inside the path, in the sub-page id and the web address', () => {
    const read = readDeepLink(tabLink(tenant, '/actions/tracker?overdue=true'));
    expect(read.subEntityId).toBe('/actions/tracker?overdue=true');
    expect(read.webUrl).toBe('https://audit.council.example/actions/tracker?overdue=true');
  });

  it('stays within the documented length for long record ids', () => {
    expect(tabLink(tenant, `/audits/${'a'.repeat(64)}`).length).toBeLessThan(1900);
  });

  it('falls back to the https address in tenant mode without the Teams app id', () => {
    expect(tabLink({ ...tenant, tenant: { teamsAppId: null, tenantId: '0b5c2f7e-1111-4c6d-9e8f-0000000000aa' } }, '/concerns')).toBe('https://audit.council.example/concerns');
    expect(tabLink({ mode: 'tenant', publicUrl: 'https://audit.council.example' }, '/concerns')).toBe('https://audit.council.example/concerns');
  });

  it('never links anywhere but a path in the tab', () => {
    for (const bad of ['audits/aud_1', '//evil.example/x', '/\\evil.example', 'https://evil.example/', ''])
      expect(() => tabLink(tenant, bad)).toThrow(/not a path in the tab/);
  });
});

describe('the links on cards and in e-mails', () => {
  it('open an audit, the concerns register and the action pages inside Teams in tenant mode', () => {
    expect(readDeepLink(auditLink(tenant, 'aud_7')).subEntityId).toBe('/audits/aud_7');
    expect(readDeepLink(concernRegisterLink(tenant)).subEntityId).toBe('/concerns');
    const actions = actionLinks(tenant);
    expect(Object.fromEntries(Object.entries(actions).map(([k, v]) => [k, readDeepLink(v).subEntityId]))).toEqual({
      myActions: '/actions/mine',
      teamActions: '/actions/team',
      teamAwaiting: '/actions/team?status=done',
      tracker: '/actions/tracker',
      trackerOverdue: '/actions/tracker?overdue=true',
    });
  });

  it('are the same https addresses as before in local mode', () => {
    expect(auditLink(local, 'aud_7')).toBe('http://localhost:3978/audits/aud_7');
    expect(concernRegisterLink(local)).toBe('http://localhost:3978/concerns');
    expect(actionLinks(local).trackerOverdue).toBe('http://localhost:3978/actions/tracker?overdue=true');
  });
});
