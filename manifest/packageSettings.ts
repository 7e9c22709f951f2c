import { z } from 'zod';

/**
 * What the Teams app package is built from, read from the environment. Every value a council must
 * choose is required; a missing or malformed one stops the build with a message naming it.
 */
const guid = z.guid('must be a GUID such as 00000000-0000-0000-0000-000000000000');
const https = z.url({ protocol: /^https$/, error: 'must be an https:// address' });

const envSchema = z.object({
  /** The Teams app's own id (keep it across versions, or Teams treats an upgrade as a new app). */
  APP_ID: guid,
  /** The Azure Bot's Microsoft App ID (the bot's Entra app registration). */
  BOT_ID: guid,
  /** The Entra app registration that exposes `access_as_user` (single sign-on). */
  CLIENT_ID: guid,
  /** Where the service is reached, a host name only: practice-audit.council.example */
  PUBLIC_HOST: z
    .string()
    .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, 'must be a host name without https:// or a path, e.g. audit.council.example'),
  APP_VERSION: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a version such as 1.0.0').optional(),
  DEVELOPER_NAME: z.string().min(1).max(32, 'must be at most 32 characters (Teams limit)'),
  DEVELOPER_WEBSITE_URL: https.optional(),
  PRIVACY_URL: https,
  TERMS_URL: https,
  ACCENT_COLOUR: z.string().regex(/^#[0-9a-f]{6}$/i, 'must be a colour such as #1B5E7A').default('#1B5E7A'),
});

export interface PackageSettings {
  appId: string;
  botId: string;
  clientId: string;
  publicHost: string;
  appVersion: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
  accentColour: string;
}

export class PackageSettingsError extends Error {
  override name = 'PackageSettingsError';
}

export function loadPackageSettings(env: Record<string, string | undefined>, defaultVersion: string): PackageSettings {
  // Empty strings count as missing: an unset variable in a CI file often arrives as "".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? '?');
      return present[name] === undefined ? `${name} is missing` : `${name} ${i.message}`;
    });
    throw new PackageSettingsError(`Cannot build the Teams app package: ${problems.join('; ')}.`);
  }
  const e = parsed.data;
  const host = e.PUBLIC_HOST.toLowerCase();
  return {
    appId: e.APP_ID.toLowerCase(),
    botId: e.BOT_ID.toLowerCase(),
    clientId: e.CLIENT_ID.toLowerCase(),
    publicHost: host,
    appVersion: e.APP_VERSION ?? defaultVersion,
    developer: {
      name: e.DEVELOPER_NAME,
      websiteUrl: e.DEVELOPER_WEBSITE_URL ?? `https://${host}/`,
      privacyUrl: e.PRIVACY_URL,
      termsOfUseUrl: e.TERMS_URL,
    },
    accentColour: e.ACCENT_COLOUR.toUpperCase(),
  };
}
