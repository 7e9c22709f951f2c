import { z } from 'zod';
import { DirectorySettingError, parseDirectoryGroups, type DirectoryGroups } from '../directory/directoryGroups';
import path from 'node:path';
import type { SmtpSettings } from '../email/smtpEmailSender';

/**
 * Settings come from the environment and are validated at start-up: a missing or malformed one
 * stops the service with a message that names it. With no Microsoft 365 settings the service
 * runs in local mode (embedded SQLite, demo sign-in, demo data).
 */
/** Any of these turns tenant mode on; then every tenant setting is required and validated. */
const tenantKeys = ['M365_TENANT_ID', 'M365_CLIENT_ID', 'SHAREPOINT_SITE_ID'] as const;

const required = (what: string) => ({ error: (i: { input: unknown }) => (i.input === undefined ? `is required in tenant mode (${what})` : undefined) });
const guid = (what: string) => z.string(required(what)).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)');

/** Tenant mode's settings (names as infra/modules/appService.bicep sets them). */
const tenantSchema = z.object({
  M365_TENANT_ID: guid('the council\'s Entra tenant id'),
  M365_CLIENT_ID: guid('the app registration\'s client id'),
  M365_CLIENT_SECRET: z.string(required('the app registration\'s client secret, from Key Vault')).min(1, 'is empty'),
  /** Graph site id: `<host>,<site collection id>,<web id>`. */
  SHAREPOINT_SITE_ID: z.string(required('the audit site\'s Graph id')).regex(/^[^,\s]+\.[^,\s]+,[0-9a-f-]{36},[0-9a-f-]{36}$/i, 'must be a Graph site id: <host>,<site collection GUID>,<web GUID>'),
  /** Teams loads the tab and posts to the bot over HTTPS only. */
  PUBLIC_URL: z.url(required('the https address Teams reaches the service at')).refine((u) => u.startsWith('https://'), 'must be an https:// address'),
  /** The Azure Bot's app id; the same app registration as M365_CLIENT_ID unless the council chose otherwise. */
  BOT_APP_ID: guid('the Azure Bot app id').optional(),
  JOB_LEASE_ACCOUNT_URL: z.url(required('the Storage account blob endpoint holding the job lease')).refine((u) => u.startsWith('https://'), 'must be an https:// address'),
  JOB_LEASE_CONTAINER: z.string().regex(/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/, 'must be a blob container name (3–63 lower-case letters, digits and single hyphens)').default('job-lease'),
  /** The service mailbox Graph sendMail sends from (the application access policy allows only it). */
  MAIL_FROM: z.string(required('the service mailbox e-mails are sent from')).transform((v, ctx) => {
    const address = /<([^>]+)>\s*$/.exec(v)?.[1] ?? v.trim();
    if (!z.email().safeParse(address).success) {
      ctx.addIssue({ code: 'custom', message: 'must be the service mailbox address, e.g. practice-audit@council.example' });
      return z.NEVER;
    }
    return address;
  }),
  /** The app's id in the organisation's Teams app catalogue; set it to let the service install the app for people it cannot reach. */
  TEAMS_APP_CATALOG_ID: z.string().regex(/^[0-9a-z-]{8,64}$/i, 'must be the catalogue app id (from Teams admin centre or GET /appCatalogs/teamsApps)').optional(),
  /** The App ID Teams admin centre shows for the uploaded app (not the manifest's APP_ID): links on cards and in e-mails open the tab inside Teams with it. Defaults to TEAMS_APP_CATALOG_ID. */
  TEAMS_APP_ID: guid('the App ID Teams admin centre shows for Practice Audit').optional(),
  /** Which Entra groups give job roles and teams (bot/directory/directoryGroups.ts); set, staff come from Entra, not the staff import. */
  ENTRA_DIRECTORY_GROUPS: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return null;
      try {
        return parseDirectoryGroups(v, 'ENTRA_DIRECTORY_GROUPS');
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: e instanceof DirectorySettingError ? e.message.replace(/^ENTRA_DIRECTORY_GROUPS /, '') : 'is not valid' });
        return z.NEVER;
      }
    }),
});

export interface TenantSettings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  siteId: string;
  botAppId: string;
  /** `api://<host>/<client id>`: the audience of v1.0 SSO tokens. */
  applicationIdUri: string;
  /** The service mailbox (address only). */
  mailbox: string;
  jobLease: { accountUrl: string; container: string };
  /** null: proactive installation is off (an admin setup policy installs the app instead). */
  teamsAppCatalogId: string | null;
  /** The app's id in Teams, for deep links into the tab (bot/teams/tabLinks.ts); null: links open the https address. */
  teamsAppId: string | null;
  /** null: no directory sync; staff come from the staff import. */
  directoryGroups: DirectoryGroups | null;
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('data'),
  /** Seed of the synthetic demo council, loaded the first time the store is empty. */
  DEMO_SEED: z.coerce.number().int().default(20261123),
  DEMO_DATA: z.enum(['on', 'off']).default('on'),
  /** A folder of template JSON files a council maintains; the built-in templates otherwise. */
  TEMPLATES_DIR: z.string().optional(),
  /** A JSON file of audit-type settings merged over the defaults. */
  SETTINGS_FILE: z.string().optional(),
  /** Where the tab's built files are. */
  TAB_DIR: z.string().default('dist/tab'),
  PUBLIC_URL: z.url().optional(),
  /** Local mode signs anyone in as anyone: it listens on this machine only unless this says otherwise. */
  LOCAL_MODE_ON_NETWORK: z.enum(['yes', 'no']).default('no'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** SharePoint resource units a minute autosaves may use ('off': unlimited). Default: 900 in tenant mode (of the lowest band's 1,250), off in local mode. */
  AUTOSAVE_RU_PER_MINUTE: z.union([z.literal('off'), z.coerce.number().positive()]).optional(),
  /** Outgoing e-mail (urgent concerns are also sent in writing). Without SMTP_HOST, messages are written to DATA_DIR/mail as .eml files. */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: z.enum(['yes', 'no']).default('no'),
  /** Refuse to send unless the server upgrades to TLS (STARTTLS). */
  SMTP_REQUIRE_TLS: z.enum(['yes', 'no']).default('yes'),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  MAIL_FROM: z.string().min(3).default('Practice Audit <practice-audit@localhost>'),
  M365_TENANT_ID: z.string().optional(),
  M365_CLIENT_ID: z.string().optional(),
  SHAREPOINT_SITE_ID: z.string().optional(),
});

export interface AppConfig {
  mode: 'local' | 'tenant';
  port: number;
  host: string;
  dataDir: string;
  demoSeed: number;
  demoData: boolean;
  templatesDir: string | null;
  settingsFile: string | null;
  tabDir: string;
  publicUrl: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** null: no mail server, messages go to `${dataDir}/mail`. */
  smtp: SmtpSettings | null;
  mailFrom: string;
  /** Present exactly when mode is 'tenant'. */
  tenant: TenantSettings | null;
  /** Autosave budget in RU a minute; Infinity: unlimited. */
  autosaveRuPerMinute: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Settings are not valid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const present = tenantKeys.filter((k) => e[k]);
  const tenant = present.length > 0 ? tenantSettings(env, present) : null;
  if ((e.SMTP_USER === undefined) !== (e.SMTP_PASSWORD === undefined))
    throw new ConfigError('SMTP_USER and SMTP_PASSWORD go together: give both or neither.');
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(e.HOST) || e.HOST.startsWith('127.');
  if (!tenant && !loopback && e.LOCAL_MODE_ON_NETWORK !== 'yes')
    throw new ConfigError(
      `HOST: local mode has demo sign-in (anyone can act as anyone), so it listens on this machine only; ${e.HOST} was given. Set LOCAL_MODE_ON_NETWORK=yes to allow it knowingly.`,
    );
  return {
    mode: tenant ? 'tenant' : 'local',
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    demoSeed: e.DEMO_SEED,
    // Tenant mode has no demo data and no demo sign-in, whatever DEMO_DATA says.
    demoData: !tenant && e.DEMO_DATA === 'on',
    templatesDir: e.TEMPLATES_DIR ? path.resolve(e.TEMPLATES_DIR) : null,
    settingsFile: e.SETTINGS_FILE ? path.resolve(e.SETTINGS_FILE) : null,
    tabDir: path.resolve(e.TAB_DIR),
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    logLevel: e.LOG_LEVEL,
    // Tenant mode sends through Graph sendMail from the service mailbox.
    smtp: e.SMTP_HOST && !tenant
      ? {
          host: e.SMTP_HOST,
          port: e.SMTP_PORT,
          secure: e.SMTP_SECURE === 'yes',
          requireTls: e.SMTP_REQUIRE_TLS === 'yes',
          user: e.SMTP_USER ?? null,
          password: e.SMTP_PASSWORD ?? null,
          from: e.MAIL_FROM,
        }
      : null,
    mailFrom: e.MAIL_FROM,
    tenant,
    autosaveRuPerMinute:
      e.AUTOSAVE_RU_PER_MINUTE === 'off' ? Number.POSITIVE_INFINITY : (e.AUTOSAVE_RU_PER_MINUTE ?? (tenant ? 900 : Number.POSITIVE_INFINITY)),
  };
}

/** Validates every tenant setting at once, so one message names all that are missing or malformed. */
function tenantSettings(env: Record<string, string | undefined>, present: readonly string[]): TenantSettings {
  // An empty TEAMS_APP_ID (infra's default until the app is uploaded) counts as unset.
  // Optional settings deployed empty (infra/main.bicep defaults) count as unset.
  const optional = ['TEAMS_APP_ID', 'TEAMS_APP_CATALOG_ID', 'ENTRA_DIRECTORY_GROUPS'] as const;
  const parsed = tenantSchema.safeParse({ ...env, ...Object.fromEntries(optional.filter((k) => env[k]?.trim() === '').map((k) => [k, undefined])) });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Tenant mode is on (${present.join(', ')} set) but its settings are not valid:\n${lines.join('\n')}`);
  }
  const t = parsed.data;
  const host = new URL(t.PUBLIC_URL).host;
  return {
    tenantId: t.M365_TENANT_ID.toLowerCase(),
    clientId: t.M365_CLIENT_ID.toLowerCase(),
    clientSecret: t.M365_CLIENT_SECRET,
    siteId: t.SHAREPOINT_SITE_ID,
    botAppId: (t.BOT_APP_ID ?? t.M365_CLIENT_ID).toLowerCase(),
    applicationIdUri: `api://${host}/${t.M365_CLIENT_ID.toLowerCase()}`,
    mailbox: t.MAIL_FROM,
    jobLease: { accountUrl: t.JOB_LEASE_ACCOUNT_URL.replace(/\/+$/, ''), container: t.JOB_LEASE_CONTAINER },
    teamsAppCatalogId: t.TEAMS_APP_CATALOG_ID ?? null,
    teamsAppId: (t.TEAMS_APP_ID ?? t.TEAMS_APP_CATALOG_ID)?.toLowerCase() ?? null,
    directoryGroups: t.ENTRA_DIRECTORY_GROUPS,
  };
}
