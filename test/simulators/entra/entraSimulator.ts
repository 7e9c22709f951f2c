import { randomUUID } from 'node:crypto';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, exportJWK, exportSPKI, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { testCertificates } from './testCertificates';
import { trustingFetch } from './trustingFetch';

/**
 * An in-process stand-in for Microsoft Entra ID and the Bot Framework token service, over HTTPS
 * with a test CA, for the SSO, on-behalf-of and bot-authentication tests.
 *
 * It serves:
 * - `/{tenant}/v2.0/.well-known/openid-configuration` and `/{tenant}/discovery/v2.0/keys`: the
 *   tenant's OpenID metadata and signing keys (RS256 JWKs with `kid`), as documented in
 *   https://learn.microsoft.com/entra/identity-platform/access-tokens#validate-tokens ("fetch the
 *   keys from jwks_uri in the OpenID metadata; keys roll, so look up the `kid`").
 * - `POST /{tenant}/oauth2/v2.0/token`: the on-behalf-of grant
 *   (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-on-behalf-of-flow): checks the
 *   client secret (AADSTS7000215 → `invalid_client`), the grant type and `requested_token_use`,
 *   verifies the user's assertion (signature, expiry, audience = this client, tenant) and answers
 *   `invalid_grant` (AADSTS50013 bad assertion, AADSTS500133 expired) or, for a Graph scope the
 *   tenant has not consented to, `invalid_grant` with AADSTS65001 and suberror `consent_required`.
 * - the same token endpoint's client credentials grant (app-only Graph tokens, `roles`, no `scp`).
 * - `/botframework/v1/.well-known/openidconfiguration` and its keys: the Bot Connector's metadata,
 *   keys endorsed for `msteams`, as in
 *   https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication
 *   ("Connector to bot": issuer https://api.botframework.com, audience = the bot's app id,
 *   `serviceUrl` claim equal to the activity's serviceUrl, endorsement of the channel id).
 *
 * Tokens are issued in-process (`issueUserToken`, `issueChannelToken`) with chosen claims, so every
 * rejection path can be produced. Claims follow
 * https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference (v1: `iss`
 * https://sts.windows.net/{tid}/, `upn`; v2: `iss` https://login.microsoftonline.com/{tid}/v2.0,
 * `preferred_username`; both: `aud`, `tid`, `oid`, `scp`, `roles`, `exp`, `nbf`, `iat`, `ver`).
 */

export interface SimClient {
  clientId: string;
  clientSecret: string;
  /** `api://<host>/<client id>`: the SSO app's Application ID URI. */
  applicationIdUri: string;
}

export interface EntraSimulatorOptions {
  tenantId: string;
  clients: SimClient[];
  /** Graph permissions (delegated) the tenant has consented to for OBO; default User.Read. */
  consentedGraphScopes?: string[];
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  publicPem: string;
}

export interface UserTokenRequest {
  version?: 1 | 2;
  /** Claims to set or override (`undefined` removes the claim). */
  claims?: Record<string, unknown>;
  /** Seconds from now; default 3600. Negative makes an expired token. */
  expiresIn?: number;
  /** Seconds from now for `nbf`; default -60. */
  notBefore?: number;
  /** 'foreignKey': signed by a key this simulator never published, under its kid. */
  signWith?: 'current' | 'foreignKey' | 'foreignKeyOwnKid';
  /** The client the token is for; default the first. */
  clientId?: string;
}

export interface ChannelTokenRequest {
  audience: string;
  serviceUrl: string;
  issuer?: string;
  expiresIn?: number;
  signWith?: 'current' | 'foreignKey';
}

export const GRAPH_RESOURCE_ID = '00000003-0000-0000-c000-000000000000';

async function newKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomUUID().replace(/-/g, '').slice(0, 27);
  const jwk = await exportJWK(publicKey);
  return { kid, privateKey, publicJwk: { ...jwk, kid, use: 'sig', alg: 'RS256', kty: 'RSA' }, publicPem: await exportSPKI(publicKey) };
}

async function sign(payload: JWTPayload, key: SigningKey, kid = key.kid): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(key.privateKey);
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export class EntraSimulator {
  private entraKeys: SigningKey[] = [];
  private botKeys: SigningKey[] = [];
  private foreign: SigningKey | null = null;
  /** Every request path served, in order (GETs of metadata and keys let tests count fetches). */
  readonly requests: { method: string; path: string }[] = [];
  /** The OBO grants answered, without secrets or assertions. */
  readonly oboGrants: { clientId: string; scopes: string[]; outcome: string }[] = [];
  /** App-only (client credentials) tokens issued so far. */
  appTokensIssued = 0;
  readonly caCert: string;
  readonly fetch: typeof fetch;
  private server: https.Server | null = null;
  private port = 0;

  private constructor(private readonly options: EntraSimulatorOptions) {
    this.caCert = testCertificates().caCert;
    this.fetch = trustingFetch(this.caCert);
  }

  static async start(options: EntraSimulatorOptions): Promise<EntraSimulator> {
    const sim = new EntraSimulator(options);
    sim.entraKeys = [await newKey()];
    sim.botKeys = [await newKey()];
    sim.foreign = await newKey();
    const { serverCert, serverKey } = testCertificates();
    sim.server = https.createServer({ cert: serverCert, key: serverKey }, (req, res) => {
      void sim.handle(req, res);
    });
    await new Promise<void>((resolve) => sim.server?.listen(0, '127.0.0.1', resolve));
    sim.port = (sim.server.address() as AddressInfo).port;
    return sim;
  }

  /** Where the simulator answers: the stand-in for https://login.microsoftonline.com. */
  get authorityHost(): string {
    return `https://127.0.0.1:${this.port}`;
  }
  get tenantId(): string {
    return this.options.tenantId;
  }
  get openIdConfigurationUrl(): string {
    return `${this.authorityHost}/${this.tenantId}/v2.0/.well-known/openid-configuration`;
  }
  get botOpenIdMetadataUrl(): string {
    return `${this.authorityHost}/botframework/v1/.well-known/openidconfiguration`;
  }
  /** Fetches of the tenant's key set so far. */
  get keyFetches(): number {
    return this.requests.filter((r) => r.path.endsWith('/discovery/v2.0/keys')).length;
  }

  /** Publishes a new current key; `dropOld` stops publishing the previous ones (a completed roll-over). */
  async rotateSigningKey(dropOld = false): Promise<void> {
    const next = await newKey();
    this.entraKeys = dropOld ? [next] : [next, ...this.entraKeys];
  }

  /** The current signing key's public PEM (for the HS256-with-the-public-key attack). */
  get currentPublicKeyPem(): string {
    return this.current.publicPem;
  }
  get currentKid(): string {
    return this.current.kid;
  }

  private get current(): SigningKey {
    const key = this.entraKeys[0];
    if (!key) throw new Error('no signing key');
    return key;
  }

  private client(clientId?: string): SimClient {
    const client = clientId ? this.options.clients.find((c) => c.clientId === clientId) : this.options.clients[0];
    if (!client) throw new Error(`unknown client ${clientId ?? '(first)'}`);
    return client;
  }

  /** The payload a Teams SSO token for this tenant carries, before overrides. */
  userClaims(req: UserTokenRequest = {}): JWTPayload {
    const now = Math.floor(Date.now() / 1000);
    const version = req.version ?? 2;
    const client = this.client(req.clientId);
    const tid = this.tenantId;
    const base: Record<string, unknown> =
      version === 1
        ? { aud: client.applicationIdUri, iss: `https://sts.windows.net/${tid}/`, ver: '1.0', upn: 'ash.lark@demo-council.example', unique_name: 'ash.lark@demo-council.example', appid: '1fec8e78-bce4-4aaf-ab1b-5451cc387264' }
        : { aud: client.clientId, iss: `https://login.microsoftonline.com/${tid}/v2.0`, ver: '2.0', preferred_username: 'ash.lark@demo-council.example', azp: '1fec8e78-bce4-4aaf-ab1b-5451cc387264' };
    const payload: Record<string, unknown> = {
      ...base,
      iat: now - 60,
      nbf: now + (req.notBefore ?? -60),
      exp: now + (req.expiresIn ?? 3600),
      tid,
      oid: '7d3f1c9a-0000-4000-8000-00000000a001',
      sub: 'pairwise-subject-a001',
      scp: 'access_as_user',
      name: 'Ash Lark',
    };
    for (const [k, v] of Object.entries(req.claims ?? {})) {
      if (v === undefined) delete payload[k];
      else payload[k] = v;
    }
    return payload;
  }

  async issueUserToken(req: UserTokenRequest = {}): Promise<string> {
    const payload = this.userClaims(req);
    if (req.signWith === 'foreignKey') return sign(payload, this.foreignKey, this.current.kid);
    if (req.signWith === 'foreignKeyOwnKid') return sign(payload, this.foreignKey);
    return sign(payload, this.current);
  }

  /** An unsigned token (`alg: none`) with the usual claims. */
  unsignedUserToken(req: UserTokenRequest = {}): string {
    return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(this.userClaims(req))}.`;
  }

  /** HS256 keyed with the published RSA public key: the classic algorithm-confusion forgery. */
  async hs256WithPublicKey(req: UserTokenRequest = {}): Promise<string> {
    return new SignJWT(this.userClaims(req)).setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: this.current.kid }).sign(new TextEncoder().encode(this.current.publicPem));
  }

  /** A Bot Connector token for an activity, as the Teams channel sends it. */
  async issueChannelToken(req: ChannelTokenRequest): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const key = this.botKeys[0];
    if (!key) throw new Error('no bot key');
    const payload: JWTPayload = {
      iss: req.issuer ?? 'https://api.botframework.com',
      aud: req.audience,
      serviceurl: req.serviceUrl,
      nbf: now - 60,
      iat: now - 60,
      exp: now + (req.expiresIn ?? 3600),
    };
    return req.signWith === 'foreignKey' ? sign(payload, this.foreignKey, key.kid) : sign(payload, key);
  }

  private get foreignKey(): SigningKey {
    if (!this.foreign) throw new Error('not started');
    return this.foreign;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.authorityHost);
    const method = req.method ?? 'GET';
    this.requests.push({ method, path: url.pathname });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const tid = this.tenantId;
    const base = this.authorityHost;
    try {
      if (method === 'GET' && url.pathname === `/${tid}/v2.0/.well-known/openid-configuration`) {
        return json(200, {
          // Real tenant metadata names the public issuer; the endpoints point at the simulator.
          issuer: `https://login.microsoftonline.com/${tid}/v2.0`,
          authorization_endpoint: `${base}/${tid}/oauth2/v2.0/authorize`,
          token_endpoint: `${base}/${tid}/oauth2/v2.0/token`,
          end_session_endpoint: `${base}/${tid}/oauth2/v2.0/logout`,
          jwks_uri: `${base}/${tid}/discovery/v2.0/keys`,
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
          tenant_region_scope: 'EU',
        });
      }
      if (method === 'GET' && url.pathname === `/${tid}/discovery/v2.0/keys`) {
        return json(200, { keys: this.entraKeys.map((k) => k.publicJwk) });
      }
      if (method === 'GET' && url.pathname === '/botframework/v1/.well-known/openidconfiguration') {
        return json(200, {
          issuer: 'https://api.botframework.com',
          authorization_endpoint: 'https://invalid.botframework.com',
          jwks_uri: `${base}/botframework/v1/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['private_key_jwt'],
        });
      }
      if (method === 'GET' && url.pathname === '/botframework/v1/keys') {
        return json(200, { keys: this.botKeys.map((k) => ({ ...k.publicJwk, endorsements: ['msteams'] })) });
      }
      if (method === 'POST' && url.pathname === `/${tid}/oauth2/v2.0/token`) {
        const form = new URLSearchParams(await readBody(req));
        const answer = await this.onBehalfOf(form);
        return json(answer.status, answer.body);
      }
      json(404, { error: 'not_found', error_description: `The simulator does not serve ${method} ${url.pathname}` });
    } catch (err) {
      json(500, { error: 'server_error', error_description: err instanceof Error ? err.message : String(err) });
    }
  }

  /**
   * The client credentials grant (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow):
   * only `<resource>/.default` is accepted (AADSTS1002012 otherwise); the token carries the app's
   * application permissions as `roles` and no `scp`.
   */
  private async clientCredentials(client: SimClient, scopes: string[], record: (outcome: string) => void): Promise<{ status: number; body: unknown }> {
    if (scopes.length !== 1 || scopes[0] !== 'https://graph.microsoft.com/.default') {
      record('invalid_scope');
      return { status: 400, body: { error: 'invalid_scope', error_description: 'AADSTS1002012: The provided value for scope is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.', error_codes: [1002012] } };
    }
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await sign(
      { aud: 'https://graph.microsoft.com', iss: `https://sts.windows.net/${this.tenantId}/`, tid: this.tenantId, oid: `sp-${client.clientId}`, roles: APP_ONLY_GRAPH_ROLES, appid: client.clientId, idtyp: 'app', ver: '1.0', iat: now, nbf: now, exp: now + 3600 },
      this.current,
    );
    record('app_only');
    this.appTokensIssued++;
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: accessToken } };
  }

  private async onBehalfOf(form: URLSearchParams): Promise<{ status: number; body: unknown }> {
    const aadError = (status: number, error: string, code: string, description: string, suberror?: string) => ({
      status,
      body: { error, error_description: `${code}: ${description}`, error_codes: [Number(code.replace('AADSTS', ''))], timestamp: new Date().toISOString(), trace_id: randomUUID(), correlation_id: randomUUID(), ...(suberror ? { suberror } : {}) },
    });
    const clientId = form.get('client_id') ?? '';
    const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
    const record = (outcome: string) => this.oboGrants.push({ clientId, scopes, outcome });
    const client = this.options.clients.find((c) => c.clientId === clientId);
    if (!client || form.get('client_secret') !== client.clientSecret) {
      record('invalid_client');
      return aadError(401, 'invalid_client', 'AADSTS7000215', 'Invalid client secret provided.');
    }
    if (form.get('grant_type') === 'client_credentials') return this.clientCredentials(client, scopes, record);
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' || form.get('requested_token_use') !== 'on_behalf_of') {
      record('unsupported_grant_type');
      return aadError(400, 'unsupported_grant_type', 'AADSTS70003', 'The app requested an unsupported grant type.');
    }
    let assertion: JWTPayload;
    try {
      const verified = await jwtVerify(form.get('assertion') ?? '', createLocalJWKSet({ keys: this.entraKeys.map((k) => k.publicJwk) }), {
        algorithms: ['RS256'],
        audience: [client.clientId, client.applicationIdUri],
        issuer: [`https://sts.windows.net/${this.tenantId}/`, `https://login.microsoftonline.com/${this.tenantId}/v2.0`],
      });
      assertion = verified.payload;
    } catch (err) {
      const expired = err instanceof Error && 'code' in err && err.code === 'ERR_JWT_EXPIRED';
      record(expired ? 'assertion_expired' : 'invalid_assertion');
      return expired
        ? aadError(400, 'invalid_grant', 'AADSTS500133', 'Assertion is not within its valid time range.')
        : aadError(400, 'invalid_grant', 'AADSTS50013', 'Assertion failed signature validation.');
    }
    const graphScopes = scopes.filter((s) => !['openid', 'profile', 'offline_access', 'email'].includes(s));
    const consented = new Set(this.options.consentedGraphScopes ?? ['User.Read']);
    const names: string[] = [];
    for (const s of graphScopes) {
      const m = /^https:\/\/graph\.microsoft\.com\/(.+)$/.exec(s);
      if (!m?.[1]) {
        record('invalid_scope');
        return aadError(400, 'invalid_scope', 'AADSTS70011', `The provided value for scope ${s} is not valid.`);
      }
      names.push(m[1]);
    }
    const missing = names.filter((n) => n !== '.default' && !consented.has(n));
    if (missing.length > 0 || names.length === 0) {
      record('consent_required');
      return aadError(400, 'invalid_grant', 'AADSTS65001', 'The user or administrator has not consented to use the application.', 'consent_required');
    }
    const granted = names.includes('.default') ? [...consented] : names;
    const now = Math.floor(Date.now() / 1000);
    const accessToken = await sign(
      { aud: 'https://graph.microsoft.com', iss: `https://sts.windows.net/${this.tenantId}/`, tid: this.tenantId, oid: assertion.oid, scp: granted.join(' '), appid: client.clientId, ver: '1.0', iat: now, nbf: now, exp: now + 3600 },
      this.current,
    );
    record('ok');
    const clientInfo = Buffer.from(JSON.stringify({ uid: String(assertion.oid), utid: this.tenantId })).toString('base64url');
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        scope: granted.map((n) => `https://graph.microsoft.com/${n}`).join(' '),
        expires_in: 3600,
        ext_expires_in: 3600,
        access_token: accessToken,
        ...(form.get('client_info') === '1' ? { client_info: clientInfo } : {}),
      },
    };
  }
}

/** Application permissions granted to the app (the `roles` of its app-only Graph token). */
const APP_ONLY_GRAPH_ROLES = ['Sites.Selected', 'Mail.Send', 'TeamsAppInstallation.ReadWriteSelfForUser.All', 'User.Read.All', 'GroupMember.Read.All'];

function readBody(req: import('node:http').IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
