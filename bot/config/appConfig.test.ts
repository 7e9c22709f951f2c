import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './appConfig';

describe('loadConfig', () => {
  it('runs in local mode on this machine by default', () => {
    expect(loadConfig({})).toMatchObject({ mode: 'local', port: 3978, host: '127.0.0.1', demoData: true });
  });
  it('names a malformed setting', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DEMO_DATA: 'maybe' })).toThrow(/DEMO_DATA/);
  });
  it('refuses to expose demo sign-in to the network unless told to', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST/);
    expect(loadConfig({ HOST: '0.0.0.0', LOCAL_MODE_ON_NETWORK: 'yes' }).host).toBe('0.0.0.0');
  });
  it('names what tenant mode is missing', () => {
    const err = (() => {
      try {
        loadConfig({ M365_TENANT_ID: 'x' });
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    for (const name of ['M365_TENANT_ID', 'M365_CLIENT_ID', 'M365_CLIENT_SECRET', 'SHAREPOINT_SITE_ID', 'PUBLIC_URL', 'JOB_LEASE_ACCOUNT_URL', 'MAIL_FROM']) expect(message).toContain(name);
  });
  it('writes e-mail to a folder without a mail server, and requires TLS from one by default', () => {
    expect(loadConfig({}).smtp).toBeNull();
    expect(loadConfig({ SMTP_HOST: 'smtp.council.example' }).smtp).toMatchObject({ host: 'smtp.council.example', port: 587, secure: false, requireTls: true, user: null });
    expect(() => loadConfig({ SMTP_HOST: 'smtp.council.example', SMTP_USER: 'pa' })).toThrow(/SMTP_USER and SMTP_PASSWORD/);
    expect(() => loadConfig({ SMTP_PORT: 'twenty-five' })).toThrow(/SMTP_PORT/);
  });
});

const tenantEnv = {
  M365_TENANT_ID: '0B5C2F7E-1111-4C6D-9E8F-0000000000AA',
  M365_CLIENT_ID: '3c2b1a09-3333-4d4e-8f90-0000000000cc',
  M365_CLIENT_SECRET: 'from-key-vault',
  SHAREPOINT_SITE_ID: 'council.sharepoint.com,6b1c7f0e-1d2a-4a0b-9c8d-0000000000a1,7c2d8a1f-2e3b-4b1c-8d9e-0000000000b2',
  PUBLIC_URL: 'https://audit.council.example',
  JOB_LEASE_ACCOUNT_URL: 'https://stpracticeaudit.blob.core.windows.net/',
  MAIL_FROM: 'Practice Audit <practice-audit@council.example>',
  HOST: '0.0.0.0',
};

describe('loadConfig in tenant mode', () => {
  it('turns tenant mode on when its settings are present, with no demo data and no SMTP', () => {
    const c = loadConfig({ ...tenantEnv, DEMO_DATA: 'on', SMTP_HOST: 'smtp.council.example' });
    expect(c.mode).toBe('tenant');
    expect(c.demoData).toBe(false);
    expect(c.smtp).toBeNull();
    expect(c.host).toBe('0.0.0.0');
    expect(c.tenant).toEqual({
      tenantId: '0b5c2f7e-1111-4c6d-9e8f-0000000000aa',
      clientId: '3c2b1a09-3333-4d4e-8f90-0000000000cc',
      clientSecret: 'from-key-vault',
      siteId: tenantEnv.SHAREPOINT_SITE_ID,
      botAppId: '3c2b1a09-3333-4d4e-8f90-0000000000cc',
      applicationIdUri: 'api://audit.council.example/3c2b1a09-3333-4d4e-8f90-0000000000cc',
      mailbox: 'practice-audit@council.example',
      jobLease: { accountUrl: 'https://stpracticeaudit.blob.core.windows.net', container: 'job-lease' },
      teamsAppCatalogId: null,
      teamsAppId: null,
      directoryGroups: null,
    });
  });
  it('local mode has no tenant settings', () => {
    expect(loadConfig({}).tenant).toBeNull();
  });
  it('takes a separate bot app id, lease container and catalogue app id', () => {
    const c = loadConfig({ ...tenantEnv, BOT_APP_ID: '9d8c7b6a-5555-4e4e-8f8f-0000000000dd', JOB_LEASE_CONTAINER: 'leases', TEAMS_APP_CATALOG_ID: 'e3a1f0c2-6666-4a4a-9b9b-0000000000ee' });
    expect(c.tenant).toMatchObject({ botAppId: '9d8c7b6a-5555-4e4e-8f8f-0000000000dd', jobLease: { container: 'leases' }, teamsAppCatalogId: 'e3a1f0c2-6666-4a4a-9b9b-0000000000ee' });
  });
  it('takes the Teams app id for links into the tab, the catalogue id by default, and treats an empty one as unset', () => {
    expect(loadConfig({ ...tenantEnv, TEAMS_APP_ID: 'F1E2D3C4-7777-4b4b-8c8c-0000000000ff' }).tenant?.teamsAppId).toBe('f1e2d3c4-7777-4b4b-8c8c-0000000000ff');
    expect(loadConfig({ ...tenantEnv, TEAMS_APP_CATALOG_ID: 'e3a1f0c2-6666-4a4a-9b9b-0000000000ee' }).tenant?.teamsAppId).toBe('e3a1f0c2-6666-4a4a-9b9b-0000000000ee');
    expect(loadConfig({ ...tenantEnv, TEAMS_APP_ID: '' }).tenant?.teamsAppId).toBeNull();
    // infra/main.bicep deploys the optional settings empty until the council sets them.
    const empty = loadConfig({ ...tenantEnv, TEAMS_APP_CATALOG_ID: '', ENTRA_DIRECTORY_GROUPS: ' ' }).tenant;
    expect(empty).toMatchObject({ teamsAppCatalogId: null, directoryGroups: null });
  });
  it.each([
    ['M365_TENANT_ID', 'council.onmicrosoft.com', /M365_TENANT_ID: must be a GUID/],
    ['M365_CLIENT_ID', 'practice-audit', /M365_CLIENT_ID: must be a GUID/],
    ['M365_CLIENT_SECRET', '', /M365_CLIENT_SECRET: is empty/],
    ['SHAREPOINT_SITE_ID', 'https://council.sharepoint.com/sites/practice-audit', /SHAREPOINT_SITE_ID: must be a Graph site id/],
    ['PUBLIC_URL', 'http://audit.council.example', /PUBLIC_URL: must be an https/],
    ['JOB_LEASE_ACCOUNT_URL', 'http://127.0.0.1:10000/devstoreaccount1', /JOB_LEASE_ACCOUNT_URL: must be an https/],
    ['JOB_LEASE_CONTAINER', 'Job_Lease', /JOB_LEASE_CONTAINER: must be a blob container name/],
    ['MAIL_FROM', 'Practice Audit', /MAIL_FROM: must be the service mailbox address/],
    ['BOT_APP_ID', 'bot', /BOT_APP_ID: must be a GUID/],
    ['TEAMS_APP_ID', 'https://teams.microsoft.com/l/app/x', /TEAMS_APP_ID: must be a GUID/],
  ])('stops with a message naming a malformed %s', (name, value, message) => {
    expect(() => loadConfig({ ...tenantEnv, [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...tenantEnv, [name]: value })).toThrow(message);
  });
  it.each(['M365_CLIENT_SECRET', 'PUBLIC_URL', 'JOB_LEASE_ACCOUNT_URL', 'MAIL_FROM', 'SHAREPOINT_SITE_ID'])('names %s when it is missing', (name) => {
    const env: Record<string, string> = { ...tenantEnv };
    delete env[name];
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}: is required in tenant mode`));
  });
});

describe('autosave budget setting', () => {
  it('is off in local mode, 900 RU a minute in tenant mode, and can be set or turned off', () => {
    expect(loadConfig({}).autosaveRuPerMinute).toBe(Number.POSITIVE_INFINITY);
    expect(loadConfig({ AUTOSAVE_RU_PER_MINUTE: '120' }).autosaveRuPerMinute).toBe(120);
    expect(loadConfig(tenantEnv).autosaveRuPerMinute).toBe(900);
    expect(loadConfig({ ...tenantEnv, AUTOSAVE_RU_PER_MINUTE: 'off' }).autosaveRuPerMinute).toBe(Number.POSITIVE_INFINITY);
    expect(() => loadConfig({ AUTOSAVE_RU_PER_MINUTE: '-5' })).toThrow(/AUTOSAVE_RU_PER_MINUTE/);
  });
});
