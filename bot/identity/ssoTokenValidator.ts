import { createRemoteJWKSet, customFetch, decodeJwt, decodeProtectedHeader, errors, jwtVerify, type JWTPayload } from 'jose';
import { z } from 'zod';

/**
 * Validates the access token the Teams tab gets from `authentication.getAuthToken()` and sends as
 * `Authorization: Bearer`. The rules, and where they come from:
 *
 * - Signature: RS256 only, with a key from the tenant's `jwks_uri` found through its OpenID
 *   metadata; keys roll over without notice, so an unknown `kid` refetches the key set (at most
 *   once per cooldown) — https://learn.microsoft.com/entra/identity-platform/signing-key-rollover.
 *   `alg: none`, HS256 (keyed with the public key) and every other algorithm are refused before
 *   any key is looked at.
 * - Issuer: `https://sts.windows.net/{tid}/` (v1.0 tokens) or
 *   `https://login.microsoftonline.com/{tid}/v2.0` (v2.0), for the token's own `tid`, and `ver`
 *   agreeing with it — https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference.
 * - Audience: the app's Application ID URI `api://<host>/<client id>` (v1.0 tokens) or the client
 *   id (v2.0) — https://learn.microsoft.com/microsoftteams/platform/tabs/how-to/authentication/tab-sso-code
 *   ("Validate the access token").
 * - Tenant: `tid` among the allowed tenant ids (single-tenant app: the council's tenant).
 * - Scope: `scp` (space-separated) contains `access_as_user`; a token without `scp` is an
 *   app-only token and is refused — https://learn.microsoft.com/entra/identity-platform/claims-validation.
 * - Lifetime: `exp` and `nbf` with a small clock skew (default 60 s).
 * - Identity: `tid` + `oid` (immutable), never `preferred_username`/`upn` alone (mutable).
 *
 * The token itself never reaches a log or an error message: refusals carry a reason code only.
 */

export const REQUIRED_SCOPE = 'access_as_user';
const PUBLIC_AUTHORITY = 'https://login.microsoftonline.com';
/** Entra access tokens are a few kB; anything much larger is not one. */
const MAX_TOKEN_LENGTH = 16_384;

export interface SsoValidatorSettings {
  /** The Entra app registration's client id (also the audience of v2.0 tokens). */
  clientId: string;
  /** `api://<host>/<client id>`, the audience of v1.0 tokens. */
  applicationIdUri: string;
  allowedTenantIds: readonly string[];
  /** Where OpenID metadata is read: https://login.microsoftonline.com unless testing. */
  authorityHost?: string;
  clockSkewSeconds?: number;
  /** Minimum time between key-set refetches caused by an unknown `kid`. Default 5 minutes. */
  keyRefetchCooldownMs?: number;
  /** Keys are refetched after this age even without an unknown `kid`. Default 12 hours. */
  keyCacheMaxAgeMs?: number;
  /** HTTP client for metadata and keys (tests pass one that trusts the simulator's CA). */
  fetch?: typeof fetch;
}

export interface SsoIdentity {
  tenantId: string;
  /** Entra object id: with the tenant id, how a person is identified. */
  objectId: string;
  /** `upn` (v1.0) or `preferred_username` (v2.0); used only to link a first sign-in. */
  userPrincipalName: string | null;
  /** App role values from `roles` (e.g. `QALead`, `Administrator`). */
  appRoles: string[];
  tokenVersion: '1.0' | '2.0';
  expiresAt: Date;
}

export type SsoRefusalReason =
  | 'missingToken'
  | 'malformed'
  | 'algorithmNotAllowed'
  | 'unknownKey'
  | 'badSignature'
  | 'expired'
  | 'notYetValid'
  | 'wrongIssuer'
  | 'wrongAudience'
  | 'tenantNotAllowed'
  | 'missingScope'
  | 'missingClaims'
  | 'keysUnavailable';

export type SsoValidation =
  | { ok: true; identity: SsoIdentity }
  /** 401 for a bad token; 503 when the signing keys could not be fetched (not the caller's fault). */
  | { ok: false; reason: SsoRefusalReason; status: 401 | 503 };

export interface SsoTokenValidator {
  /** `authorization` is the raw header value (`Bearer …`) or undefined. */
  validate(authorization: string | undefined): Promise<SsoValidation>;
}

const openIdMetadata = z.object({ jwks_uri: z.url() });

const verifiedClaims = z.object({
  tid: z.string().min(1),
  oid: z.string().min(1),
  ver: z.enum(['1.0', '2.0']).optional(),
  scp: z.string().optional(),
  roles: z.array(z.string()).optional(),
  upn: z.string().optional(),
  preferred_username: z.string().optional(),
  exp: z.number(),
});

const refuse = (reason: SsoRefusalReason, status: 401 | 503 = 401): SsoValidation => ({ ok: false, reason, status });

const issuersFor = (tid: string) => ({ v1: `https://sts.windows.net/${tid}/`, v2: `https://login.microsoftonline.com/${tid}/v2.0` });

export function createSsoTokenValidator(settings: SsoValidatorSettings): SsoTokenValidator {
  const doFetch = settings.fetch ?? globalThis.fetch;
  const authority = (settings.authorityHost ?? PUBLIC_AUTHORITY).replace(/\/+$/, '');
  const allowed = new Set(settings.allowedTenantIds.map((t) => t.toLowerCase()));
  const keySets = new Map<string, Promise<ReturnType<typeof createRemoteJWKSet>>>();

  /** One remote key set per tenant, found through that tenant's OpenID metadata (fetched once). */
  function keysFor(tid: string): Promise<ReturnType<typeof createRemoteJWKSet>> {
    let found = keySets.get(tid);
    if (!found) {
      found = (async () => {
        const res = await doFetch(`${authority}/${tid}/v2.0/.well-known/openid-configuration`, { headers: { accept: 'application/json' } });
        if (!res.ok) throw new KeysUnavailable(`metadata answered ${res.status}`);
        const meta = openIdMetadata.parse(await res.json());
        if (!meta.jwks_uri.startsWith('https://')) throw new KeysUnavailable('jwks_uri is not https');
        return createRemoteJWKSet(new URL(meta.jwks_uri), {
          cooldownDuration: settings.keyRefetchCooldownMs ?? 5 * 60_000,
          cacheMaxAge: settings.keyCacheMaxAgeMs ?? 12 * 3_600_000,
          [customFetch]: (url, options) => doFetch(url, options),
        });
      })();
      // A failed metadata fetch is not cached: the next request tries again.
      found.catch(() => keySets.delete(tid));
      keySets.set(tid, found);
    }
    return found;
  }

  return {
    async validate(authorization) {
      const match = /^Bearer ([A-Za-z0-9_.-]+)$/i.exec(authorization?.trim() ?? '');
      if (!authorization?.trim()) return refuse('missingToken');
      const token = match?.[1];
      if (!token || token.length > MAX_TOKEN_LENGTH) return refuse('malformed');

      let unverified: JWTPayload;
      try {
        const header = decodeProtectedHeader(token);
        if (header.alg !== 'RS256') return refuse('algorithmNotAllowed');
        if (!header.kid) return refuse('malformed');
        unverified = decodeJwt(token);
      } catch {
        return refuse('malformed');
      }
      // The unverified tid only chooses which tenant's keys to try; it is checked again once verified.
      const tid = typeof unverified.tid === 'string' ? unverified.tid.toLowerCase() : null;
      if (!tid) return refuse('missingClaims');
      if (!allowed.has(tid)) return refuse('tenantNotAllowed');

      const issuers = issuersFor(tid);
      let payload: JWTPayload;
      try {
        const keys = await keysFor(tid);
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ['RS256'],
          issuer: [issuers.v1, issuers.v2],
          audience: [settings.applicationIdUri, settings.clientId],
          clockTolerance: settings.clockSkewSeconds ?? 60,
          requiredClaims: ['exp', 'iss', 'aud', 'tid', 'oid'],
        }));
      } catch (err) {
        return refuse(...reasonOf(err));
      }

      const claims = verifiedClaims.safeParse(payload);
      if (!claims.success) return refuse('missingClaims');
      const c = claims.data;
      if (c.tid.toLowerCase() !== tid) return refuse('tenantNotAllowed');
      const version = payload.iss === issuers.v1 ? '1.0' : '2.0';
      if (c.ver && c.ver !== version) return refuse('wrongIssuer');
      if (!(c.scp ?? '').split(' ').includes(REQUIRED_SCOPE)) return refuse('missingScope');

      return {
        ok: true,
        identity: {
          tenantId: c.tid,
          objectId: c.oid,
          userPrincipalName: c.upn ?? c.preferred_username ?? null,
          appRoles: c.roles ?? [],
          tokenVersion: version,
          expiresAt: new Date(c.exp * 1000),
        },
      };
    },
  };
}

class KeysUnavailable extends Error {
  override readonly name = 'KeysUnavailable';
}

function reasonOf(err: unknown): [SsoRefusalReason, 401 | 503] {
  if (err instanceof errors.JWTExpired) return ['expired', 401];
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return ['notYetValid', 401];
    if (err.claim === 'aud') return ['wrongAudience', 401];
    if (err.claim === 'iss') return ['wrongIssuer', 401];
    return ['missingClaims', 401];
  }
  if (err instanceof errors.JWSSignatureVerificationFailed) return ['badSignature', 401];
  if (err instanceof errors.JOSEAlgNotAllowed) return ['algorithmNotAllowed', 401];
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys) return ['unknownKey', 401];
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return ['malformed', 401];
  // Metadata or key fetch failed (network, timeout, bad JSON): our problem, not the caller's.
  return ['keysUnavailable', 503];
}
