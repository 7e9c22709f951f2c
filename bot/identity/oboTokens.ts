import { ConfidentialClientApplication, LogLevel, type INetworkModule, type NetworkRequestOptions, type NetworkResponse } from '@azure/msal-node';

/**
 * Graph tokens on the signed-in user's behalf: the OAuth 2.0 on-behalf-of flow
 * (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-on-behalf-of-flow) with
 * @azure/msal-node's `acquireTokenOnBehalfOf`. The user's SSO token (already validated by
 * ssoTokenValidator) is the assertion; MSAL caches the Graph token per assertion in memory.
 *
 * Tokens are never logged: MSAL's logger is silenced (PII off, errors only, discarded) and a
 * failure is reported as a reason code, not MSAL's message (which can echo request details).
 *
 * Testing offline: MSAL reads the authority's OpenID metadata through `system.networkClient`, so
 * pointing `authorityHost` at the Entra simulator, listing it in `knownAuthorities` (which skips
 * the instance-discovery call to login.microsoftonline.com) and handing MSAL a network client built
 * on a `fetch` that trusts the test CA is enough; no process-wide CA setting is needed.
 */

const GRAPH = 'https://graph.microsoft.com';
const PUBLIC_AUTHORITY = 'https://login.microsoftonline.com';

export interface OboSettings {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** https://login.microsoftonline.com unless testing. */
  authorityHost?: string;
  /** HTTP client for MSAL (tests pass one that trusts the simulator's CA). */
  fetch?: typeof fetch;
}

export type OboRefusal =
  /** The tenant has not consented to the Graph permission: an administrator must grant it. */
  | 'consentRequired'
  /** The user's token was refused (expired, wrong audience, bad signature). */
  | 'invalidAssertion'
  /** Our own client credentials were refused (secret expired or wrong). */
  | 'clientRejected'
  /** Entra could not be reached or answered an error. */
  | 'unavailable';

export type OboResult = { ok: true; accessToken: string; expiresOn: Date | null; scopes: string[] } | { ok: false; reason: OboRefusal };

export interface OnBehalfOfClient {
  /** `scopes` are Graph delegated permissions, e.g. `User.Read` (prefixed with the Graph resource here). */
  graphToken(userAssertion: string, scopes: readonly string[]): Promise<OboResult>;
}

/** MSAL's network interface on top of a `fetch`. */
export function networkClientOn(doFetch: typeof fetch): INetworkModule {
  const send = async <T>(method: 'GET' | 'POST', url: string, options?: NetworkRequestOptions, timeoutMs?: number): Promise<NetworkResponse<T>> => {
    const res = await doFetch(url, {
      method,
      headers: options?.headers ?? {},
      ...(method === 'POST' && options?.body !== undefined ? { body: options.body } : {}),
      ...(timeoutMs ? { signal: AbortSignal.timeout(timeoutMs) } : {}),
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const text = await res.text();
    let body: unknown = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { error: 'invalid_response', error_description: `non-JSON answer (${res.status})` };
    }
    return { headers, body: body as T, status: res.status };
  };
  return {
    sendGetRequestAsync: (url, options, timeout) => send('GET', url, options, timeout),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}

const graphScope = (s: string) => (s.startsWith('https://') ? s : `${GRAPH}/${s}`);

function refusalOf(err: unknown): OboRefusal {
  const e = err as { errorCode?: unknown; subError?: unknown; errorMessage?: unknown; name?: unknown };
  const code = typeof e.errorCode === 'string' ? e.errorCode : '';
  const sub = typeof e.subError === 'string' ? e.subError : '';
  const message = typeof e.errorMessage === 'string' ? e.errorMessage : '';
  if (sub === 'consent_required' || code === 'consent_required' || message.includes('AADSTS65001')) return 'consentRequired';
  if (code === 'invalid_client' || code === 'unauthorized_client') return 'clientRejected';
  if (code === 'invalid_grant' || code === 'interaction_required') return 'invalidAssertion';
  return 'unavailable';
}

export function createOnBehalfOfClient(settings: OboSettings): OnBehalfOfClient {
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

  return {
    async graphToken(userAssertion, scopes) {
      try {
        const result = await msal.acquireTokenOnBehalfOf({ oboAssertion: userAssertion, scopes: scopes.map(graphScope) });
        if (!result?.accessToken) return { ok: false, reason: 'unavailable' };
        return { ok: true, accessToken: result.accessToken, expiresOn: result.expiresOn, scopes: result.scopes };
      } catch (err) {
        return { ok: false, reason: refusalOf(err) };
      }
    },
  };
}
