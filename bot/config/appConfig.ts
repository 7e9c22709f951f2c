import { z } from 'zod';
import path from 'node:path';
import type { SmtpSettings } from '../email/smtpEmailSender';

/**
 * Settings come from the environment and are validated at start-up: a missing or malformed one
 * stops the service with a message that names it. With no Microsoft 365 settings the service
 * runs in local mode (embedded SQLite, demo sign-in, demo data).
 */
const tenantKeys = ['M365_TENANT_ID', 'M365_CLIENT_ID', 'SHAREPOINT_SITE_ID'] as const;

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
  if (present.length > 0) {
    const missing = tenantKeys.filter((k) => !e[k]);
    if (missing.length > 0) throw new ConfigError(`Tenant mode needs ${missing.join(', ')} (only ${present.join(', ')} given).`);
    // Storage in SharePoint and Teams single sign-on come with the Microsoft 365 work (issue 6).
    throw new ConfigError('Tenant mode (SharePoint store, Teams SSO) is not available in this version yet: unset ' + tenantKeys.join(', ') + ' to run in local mode.');
  }
  if ((e.SMTP_USER === undefined) !== (e.SMTP_PASSWORD === undefined))
    throw new ConfigError('SMTP_USER and SMTP_PASSWORD go together: give both or neither.');
  const loopback = ['127.0.0.1', 'localhost', '::1'].includes(e.HOST) || e.HOST.startsWith('127.');
  if (!loopback && e.LOCAL_MODE_ON_NETWORK !== 'yes')
    throw new ConfigError(
      `HOST: local mode has demo sign-in (anyone can act as anyone), so it listens on this machine only; ${e.HOST} was given. Set LOCAL_MODE_ON_NETWORK=yes to allow it knowingly.`,
    );
  return {
    mode: 'local',
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    demoSeed: e.DEMO_SEED,
    demoData: e.DEMO_DATA === 'on',
    templatesDir: e.TEMPLATES_DIR ? path.resolve(e.TEMPLATES_DIR) : null,
    settingsFile: e.SETTINGS_FILE ? path.resolve(e.SETTINGS_FILE) : null,
    tabDir: path.resolve(e.TAB_DIR),
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    logLevel: e.LOG_LEVEL,
    smtp: e.SMTP_HOST
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
  };
}
