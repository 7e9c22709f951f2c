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
  it('names what tenant mode is missing, and says it is not available yet', () => {
    expect(() => loadConfig({ M365_TENANT_ID: 'x' })).toThrow(/M365_CLIENT_ID, SHAREPOINT_SITE_ID/);
    expect(() => loadConfig({ M365_TENANT_ID: 'x', M365_CLIENT_ID: 'y', SHAREPOINT_SITE_ID: 'z' })).toThrow(ConfigError);
  });
  it('writes e-mail to a folder without a mail server, and requires TLS from one by default', () => {
    expect(loadConfig({}).smtp).toBeNull();
    expect(loadConfig({ SMTP_HOST: 'smtp.council.example' }).smtp).toMatchObject({ host: 'smtp.council.example', port: 587, secure: false, requireTls: true, user: null });
    expect(() => loadConfig({ SMTP_HOST: 'smtp.council.example', SMTP_USER: 'pa' })).toThrow(/SMTP_USER and SMTP_PASSWORD/);
    expect(() => loadConfig({ SMTP_PORT: 'twenty-five' })).toThrow(/SMTP_PORT/);
  });
});
