import { ConfidentialClientApplication, LogLevel } from '@azure/msal-node';
import { networkClientOn } from './oboTokens';

/**
 * Graph tokens for the service itself (the SharePoint store, sendMail, installing the Teams app):
 * the client credentials grant of @azure/msal-node with `https://graph.microsoft.com/.default`, so
 * the token carries the application permissions the administrator consented to (Sites.Selected,
 * Mail.Send, TeamsAppInstallation.ReadWriteSelfForUser.All, ...). MSAL caches the token and
 * fetches a new one shortly before it expires. Tokens are never logged; a failure names no detail
 * from MSAL (its messages can echo the request).
 */

const PUBLIC_AUTHORITY = 'https://login.microsoftonline.com';
const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

export interface AppOnlySettings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** https://login.microsoftonline.com unless testing. */
  authorityHost?: string;
  /** HTTP client for MSAL (tests pass one that trusts the simulator's CA). */
  fetch?: typeof fetch;
}

export class AppOnlyTokenError extends Error {
  override readonly name = 'AppOnlyTokenError';
}

/** Returns a function giving a current app-only Graph access token (cached by MSAL). */
export function appOnlyGraphTokens(settings: AppOnlySettings): () => Promise<string> {
  const authorityHost = (settings.authorityHost ?? PUBLIC_AUTHORITY).replace(/\/+$/, '');
  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      authority: `${authorityHost}/${settings.tenantId}`,
      knownAuthorities: [new URL(authorityHost).host],
    },
    system: {
      ...(settings.fetch ? { networkClient: networkClientOn(settings.fetch) } : {}),
      loggerOptions: { piiLoggingEnabled: false, logLevel: LogLevel.Error, loggerCallback: () => undefined },
    },
  });
  return async () => {
    let token: string | undefined;
    try {
      token = (await msal.acquireTokenByClientCredential({ scopes: [GRAPH_DEFAULT_SCOPE] }))?.accessToken;
    } catch (err) {
      const code = typeof err === 'object' && err !== null && 'errorCode' in err && typeof err.errorCode === 'string' ? err.errorCode : 'unknown';
      throw new AppOnlyTokenError(`No app-only Graph token (${code}): check M365_CLIENT_ID, M365_CLIENT_SECRET and admin consent`);
    }
    if (!token) throw new AppOnlyTokenError('No app-only Graph token (empty answer)');
    return token;
  };
}
