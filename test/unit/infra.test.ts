import { APP_ROLE_JOB_ROLES } from '../../bot/identity/ssoStaff';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jobRole } from '../../shared/schemas/staff';

/**
 * What can be checked about infra/ without Azure or the Bicep compiler (see infra/README.md):
 * declarations against uses, module parameters against calls, and the security settings we promise.
 */
const infra = path.resolve(import.meta.dirname, '..', '..', 'infra');
const read = (rel: string) => readFileSync(path.join(infra, rel), 'utf8');
const bicepFiles = ['main.bicep', ...readdirSync(path.join(infra, 'modules')).map((f) => `modules/${f}`)];
// Line comments only where `//` starts a line or follows a space, so 'https://…' strings survive.
const stripComments = (src: string) => src.replace(/(^|\s)\/\/.*$/gm, '$1');

interface ParamDecl {
  name: string;
  hasDefault: boolean;
}
function params(src: string): ParamDecl[] {
  return [...stripComments(src).matchAll(/^param\s+(\w+)\s+\w+(\s*=)?/gm)].map((m) => ({ name: m[1] ?? '', hasDefault: Boolean(m[2]) }));
}
function symbols(src: string): Set<string> {
  const s = stripComments(src);
  const names = [...s.matchAll(/^(?:param|var|resource|module|output)\s+(\w+)/gm)].map((m) => m[1] ?? '');
  return new Set(names);
}
/** The `params: { ... }` keys of each module call in main.bicep. */
function moduleCalls(src: string): { file: string; passed: string[] }[] {
  const calls: { file: string; passed: string[] }[] = [];
  for (const m of stripComments(src).matchAll(/^module\s+\w+\s+'([^']+)'\s*=\s*\{([\s\S]*?)^\}/gm)) {
    const body = m[2] ?? '';
    const paramsBlock = /params:\s*\{([\s\S]*?)\n\s{2}\}/.exec(body)?.[1] ?? '';
    calls.push({ file: m[1] ?? '', passed: [...paramsBlock.matchAll(/^\s{4}(\w+):/gm)].map((p) => p[1] ?? '') });
  }
  return calls;
}

// Bicep functions used in interpolations; anything else must be a declared symbol.
const bicepFunctions = new Set(['uniqueString', 'resourceGroup', 'subscription', 'take', 'replace', 'toLower', 'guid', 'empty']);

describe('infra/ Bicep, checked offline', () => {
  it('declares every parameter a module is given, and is given every parameter without a default', () => {
    const main = read('main.bicep');
    const calls = moduleCalls(main);
    expect(calls.map((c) => c.file).sort()).toEqual(bicepFiles.filter((f) => f !== 'main.bicep').sort());
    for (const call of calls) {
      const declared = params(read(call.file));
      for (const p of call.passed) expect(declared.map((d) => d.name), `${call.file} declares ${p}`).toContain(p);
      for (const d of declared.filter((x) => !x.hasDefault)) expect(call.passed, `main.bicep passes ${d.name} to ${call.file}`).toContain(d.name);
    }
  });

  it('uses every parameter it declares, and interpolates only declared names', () => {
    for (const file of bicepFiles) {
      const src = stripComments(read(file));
      const declared = symbols(src);
      for (const { name } of params(src)) {
        const uses = src.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
        expect(uses, `${file}: param ${name} is used`).toBeGreaterThan(1);
      }
      for (const m of src.matchAll(/\$\{\s*(\w+)/g)) {
        const id = m[1] ?? '';
        expect(declared.has(id) || bicepFunctions.has(id), `${file}: \${${id}} is declared`).toBe(true);
      }
    }
  });

  it('has a parameters file that sets only declared parameters and every required one', () => {
    const main = params(read('main.bicep'));
    const file = stripComments(read('main.bicepparam'));
    expect(file).toMatch(/^using '\.\/main\.bicep'/m);
    const set = [...file.matchAll(/^param\s+(\w+)\s*=/gm)].map((m) => m[1] ?? '');
    for (const p of set) expect(main.map((d) => d.name)).toContain(p);
    for (const d of main.filter((x) => !x.hasDefault)) expect(set).toContain(d.name);
  });

  it('defaults to a UK region', () => {
    expect(read('main.bicep')).toMatch(/^param location string = 'uksouth'$/m);
    expect(read('main.bicepparam')).toMatch(/^param location = 'uk(south|west)'$/m);
  });

  it('runs Node 22 LTS on Linux, HTTPS only, TLS 1.2 at least, no FTP or basic-auth publishing', () => {
    const app = read('modules/appService.bicep');
    expect(app).toMatch(/linuxFxVersion: 'NODE\|22-lts'/);
    expect(app).toMatch(/kind: 'app,linux'/);
    expect(app).toMatch(/reserved: true/);
    expect(app).toMatch(/httpsOnly: true/);
    expect(app).toMatch(/minTlsVersion: '1\.2'/);
    expect(app).toMatch(/scmMinTlsVersion: '1\.2'/);
    expect(app).toMatch(/ftpsState: 'Disabled'/);
    expect(app.match(/allow: false/g)).toHaveLength(2);
    const storage = read('modules/storage.bicep');
    expect(storage).toMatch(/minimumTlsVersion: 'TLS1_2'/);
    expect(storage).toMatch(/supportsHttpsTrafficOnly: true/);
    expect(storage).toMatch(/allowBlobPublicAccess: false/);
    expect(storage).toMatch(/allowSharedKeyAccess: false/);
    expect(read('modules/keyVault.bicep')).toMatch(/enableRbacAuthorization: true/);
  });

  it('puts no secret in an app setting: secrets are Key Vault references only', () => {
    const app = stripComments(read('modules/appService.bicep'));
    const settings = [...app.matchAll(/name: '([A-Z0-9_]+)'\s*\n\s*value: ([^\n]+)/g)].map((m) => ({ name: m[1] ?? '', value: (m[2] ?? '').trim() }));
    expect(settings.length).toBeGreaterThan(8);
    const secretish = settings.filter((s) => /SECRET|PASSWORD|KEY|CONNECTION_STRING|TOKEN/.test(s.name));
    expect(secretish.map((s) => s.name)).toEqual(expect.arrayContaining(['M365_CLIENT_SECRET', 'APPLICATIONINSIGHTS_CONNECTION_STRING']));
    for (const s of secretish) expect(s.value, s.name).toMatch(/^'@Microsoft\.KeyVault\(VaultName=\$\{vaultName\};SecretName=\$\{\w+\}\)'$/);
    for (const file of bicepFiles) {
      const src = stripComments(read(file));
      expect(src, `${file} reads no keys`).not.toMatch(/listKeys\(|listConnectionStrings\(|AccountKey=|InstrumentationKey=/);
      expect(src, `${file} has no secure() params to leak into deployment history`).not.toMatch(/@secure\(\)/);
    }
    expect(app).toMatch(/keyVaultReferenceIdentity: 'SystemAssigned'/);
  });

  it('gives the web app identity only secret reading and blob data rights', () => {
    const access = read('modules/access.bicep');
    const roles = [...access.matchAll(/'([0-9a-f-]{36})'/g)].map((m) => m[1]);
    expect(roles.sort()).toEqual(['4633458b-17de-408a-b874-0445c86b69e6', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'].sort());
  });

  it('registers a single-tenant bot on https://<host>/api/messages with the Teams channel', () => {
    const bot = read('modules/bot.bicep');
    expect(bot).toMatch(/msaAppType: 'SingleTenant'/);
    expect(bot).toMatch(/channelName: 'MsTeamsChannel'/);
    expect(bot).not.toMatch(/developerAppInsightKey/);
    expect(read('main.bicep')).toMatch(/messagingEndpoint: 'https:\/\/\$\{host\}\/api\/messages'/);
  });
});

describe('infra/entra, checked offline', () => {
  const roles = JSON.parse(read('entra/app-roles.json')) as { id: string; value: string; allowedMemberTypes: string[]; isEnabled: boolean }[];
  // How the service reads each app role: the token grants these; every other job role comes from the directory.
  const appRoleToJobRole: Readonly<Record<string, string>> = APP_ROLE_JOB_ROLES;

  it('defines app roles the app understands: values without spaces, unique ids, each a job role', () => {
    expect(roles.map((r) => r.value).sort()).toEqual(Object.keys(appRoleToJobRole).sort());
    for (const r of roles) {
      expect(r.value).toMatch(/^[A-Za-z]+$/);
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(r.allowedMemberTypes).toEqual(['User']);
      expect(r.isEnabled).toBe(true);
      expect(jobRole.options).toContain(appRoleToJobRole[r.value]);
    }
    expect(new Set(roles.map((r) => r.id)).size).toBe(roles.length);
  });

  it('registers the SSO scope, pre-authorises the Teams clients and asks for the Graph permissions', () => {
    const script = read('entra/register-app.sh');
    expect(script).toMatch(/value: "access_as_user"/);
    expect(script).toMatch(/api:\/\/\$HOST\/\$CLIENT_ID/);
    expect(script).toContain('1fec8e78-bce4-4aaf-ab1b-5451cc387264');
    expect(script).toContain('5e3ce6c0-2b1f-4285-8d4b-75ee78787346');
    expect(script).toMatch(/--slurpfile roles "\$HERE\/app-roles\.json"/);
    expect(script).toMatch(/sign-in-audience AzureADMyOrg/);
    for (const p of ['Sites.Selected', 'TeamsAppInstallation.ReadWriteSelfForUser.All', 'Mail.Send', 'User.Read.All']) expect(script).toContain(p);
    expect(script).not.toMatch(/Sites\.(ReadWrite|FullControl|Manage)\.All/);
  });

  it('grants the site with manage or write only, through POST /sites/{id}/permissions', () => {
    const script = read('entra/grant-site.sh');
    expect(script).toMatch(/graph POST "sites\/\$SITE_ID\/permissions"/);
    expect(script).toMatch(/manage\|write\) ;;/);
  });

  it('has shell scripts bash can parse', () => {
    for (const f of ['register-app.sh', 'grant-site.sh', 'set-client-secret.sh']) execFileSync('bash', ['-n', path.join(infra, 'entra', f)]);
  });
});
