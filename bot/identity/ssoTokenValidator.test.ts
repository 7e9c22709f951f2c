import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntraSimulator } from '../../test/simulators/entra/entraSimulator';
import { createSsoTokenValidator, type SsoValidatorSettings } from './ssoTokenValidator';

const tenantId = '0b5c2f7e-1111-4c6d-9e8f-0000000000aa';
const client = { clientId: '5a4b3c2d-2222-4e5f-8a9b-0000000000bb', clientSecret: 'sim-secret', applicationIdUri: 'api://audit.demo-council.example/5a4b3c2d-2222-4e5f-8a9b-0000000000bb' };

let sim: EntraSimulator;
beforeAll(async () => {
  sim = await EntraSimulator.start({ tenantId, clients: [client] });
});
afterAll(async () => {
  await sim.close();
});

function validator(overrides: Partial<SsoValidatorSettings> = {}) {
  return createSsoTokenValidator({
    clientId: client.clientId,
    applicationIdUri: client.applicationIdUri,
    allowedTenantIds: [tenantId],
    authorityHost: sim.authorityHost,
    fetch: sim.fetch,
    keyRefetchCooldownMs: 0,
    ...overrides,
  });
}
const bearer = (token: string) => `Bearer ${token}`;

describe('SSO token validation against the Entra simulator', () => {
  it('accepts a v2.0 token (audience = client id) and identifies the user by tenant and object id', async () => {
    const token = await sim.issueUserToken({ version: 2, claims: { roles: ['QALead'] } });
    const result = await validator().validate(bearer(token));
    expect(result).toMatchObject({
      ok: true,
      identity: { tenantId, objectId: '7d3f1c9a-0000-4000-8000-00000000a001', userPrincipalName: 'ash.lark@demo-council.example', appRoles: ['QALead'], tokenVersion: '2.0' },
    });
  });

  it('accepts a v1.0 token (audience = api:// URI, issuer sts.windows.net, upn)', async () => {
    const token = await sim.issueUserToken({ version: 1 });
    const result = await validator().validate(bearer(token));
    expect(result).toMatchObject({ ok: true, identity: { tokenVersion: '1.0', appRoles: [], userPrincipalName: 'ash.lark@demo-council.example' } });
  });

  it.each([
    ['wrong audience', { claims: { aud: 'api://elsewhere.example/other-app' } }, 'wrongAudience'],
    ['Graph audience', { claims: { aud: 'https://graph.microsoft.com' } }, 'wrongAudience'],
    ['wrong issuer', { claims: { iss: 'https://login.microsoftonline.com/ffffffff-0000-0000-0000-000000000000/v2.0' } }, 'wrongIssuer'],
    ['v1 issuer on a v2 token', { claims: { iss: `https://sts.windows.net/${tenantId}/` } }, 'wrongIssuer'],
    ['tenant not allowed', { claims: { tid: '99999999-0000-0000-0000-000000000000' } }, 'tenantNotAllowed'],
    ['expired', { expiresIn: -600 }, 'expired'],
    ['not yet valid', { notBefore: 600 }, 'notYetValid'],
    ['missing scope', { claims: { scp: 'User.Read' } }, 'missingScope'],
    ['app-only token (no scp)', { claims: { scp: undefined, roles: ['Administrator'] } }, 'missingScope'],
    ['no object id', { claims: { oid: undefined } }, 'missingClaims'],
    ['bad signature (other key, our kid)', { signWith: 'foreignKey' as const }, 'badSignature'],
    ['another key set (unknown kid)', { signWith: 'foreignKeyOwnKid' as const }, 'unknownKey'],
  ])('refuses a token with %s', async (_name, req, reason) => {
    const token = await sim.issueUserToken(req);
    expect(await validator().validate(bearer(token))).toEqual({ ok: false, reason, status: 401 });
  });

  it('allows a small clock skew on expiry but no more', async () => {
    const justExpired = await sim.issueUserToken({ expiresIn: -30 });
    expect((await validator({ clockSkewSeconds: 60 }).validate(bearer(justExpired))).ok).toBe(true);
    expect(await validator({ clockSkewSeconds: 0 }).validate(bearer(justExpired))).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('refuses alg none, HS256 keyed with the public key, a tampered payload and garbage', async () => {
    const v = validator();
    expect(await v.validate(bearer(sim.unsignedUserToken()))).toMatchObject({ ok: false, reason: 'algorithmNotAllowed' });
    expect(await v.validate(bearer(await sim.hs256WithPublicKey()))).toMatchObject({ ok: false, reason: 'algorithmNotAllowed' });
    const [h, , s] = (await sim.issueUserToken()).split('.');
    const forgedPayload = Buffer.from(JSON.stringify(sim.userClaims({ claims: { oid: 'someone-else' } }))).toString('base64url');
    expect(await v.validate(bearer(`${h}.${forgedPayload}.${s}`))).toMatchObject({ ok: false, reason: 'badSignature' });
    expect(await v.validate(bearer('not.a.jwt'))).toMatchObject({ ok: false, reason: 'malformed' });
    expect(await v.validate(undefined)).toMatchObject({ ok: false, reason: 'missingToken' });
    expect(await v.validate(`Basic ${await sim.issueUserToken()}`)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('caches the keys, and after a key rotation refetches once for the unknown kid and accepts', async () => {
    const v = validator({ keyRefetchCooldownMs: 0 });
    expect((await v.validate(bearer(await sim.issueUserToken()))).ok).toBe(true);
    const before = sim.keyFetches;
    expect((await v.validate(bearer(await sim.issueUserToken()))).ok).toBe(true);
    expect(sim.keyFetches).toBe(before); // cached
    await sim.rotateSigningKey();
    expect((await v.validate(bearer(await sim.issueUserToken()))).ok).toBe(true);
    expect(sim.keyFetches).toBe(before + 1);
  });

  it('does not refetch for unknown kids faster than the cooldown', async () => {
    const v = validator({ keyRefetchCooldownMs: 60_000 });
    expect((await v.validate(bearer(await sim.issueUserToken()))).ok).toBe(true);
    const before = sim.keyFetches;
    for (let i = 0; i < 3; i++) expect(await v.validate(bearer(await sim.issueUserToken({ signWith: 'foreignKeyOwnKid' })))).toMatchObject({ reason: 'unknownKey' });
    expect(sim.keyFetches).toBe(before); // inside the cooldown: no refetch per forged kid
  });

  it('answers 503 (not 401) when the metadata cannot be fetched, and recovers later', async () => {
    let fail = true;
    const flaky: typeof fetch = (input, init) => (fail ? Promise.reject(new Error('connection refused')) : sim.fetch(input, init));
    const v = validator({ fetch: flaky });
    const token = await sim.issueUserToken();
    expect(await v.validate(bearer(token))).toEqual({ ok: false, reason: 'keysUnavailable', status: 503 });
    fail = false;
    expect((await v.validate(bearer(token))).ok).toBe(true);
  });

  it('refuses to trust the simulator without its CA (the HTTPS is real)', async () => {
    const v = validator({ fetch: globalThis.fetch });
    expect(await v.validate(bearer(await sim.issueUserToken()))).toMatchObject({ ok: false, reason: 'keysUnavailable' });
  });
});
