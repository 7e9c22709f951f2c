import { createRemoteJWKSet, customFetch, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntraSimulator } from './entraSimulator';

const tenantId = '0b5c2f7e-1111-4c6d-9e8f-0000000000aa';
const client = { clientId: '5a4b3c2d-2222-4e5f-8a9b-0000000000bb', clientSecret: 'sim-secret', applicationIdUri: 'api://audit.demo-council.example/5a4b3c2d-2222-4e5f-8a9b-0000000000bb' };
const other = { clientId: '6b5c4d3e-4444-4f60-9a0b-0000000000dd', clientSecret: 'other-secret', applicationIdUri: 'api://other.example/6b5c4d3e-4444-4f60-9a0b-0000000000dd' };

let sim: EntraSimulator;
beforeAll(async () => {
  sim = await EntraSimulator.start({ tenantId, clients: [client, other] });
});
afterAll(async () => {
  await sim.close();
});

async function grant(fields: Record<string, string>) {
  const res = await sim.fetch(`${sim.authorityHost}/${tenantId}/oauth2/v2.0/token`, { method: 'POST', body: new URLSearchParams(fields) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const oboFields = async (overrides: Record<string, string> = {}) => ({
  client_id: client.clientId,
  client_secret: client.clientSecret,
  grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  requested_token_use: 'on_behalf_of',
  scope: 'https://graph.microsoft.com/User.Read',
  assertion: await sim.issueUserToken(),
  ...overrides,
});

describe('Entra simulator', () => {
  it('serves OpenID metadata over HTTPS that only the test CA vouches for', async () => {
    const meta = (await (await sim.fetch(sim.openIdConfigurationUrl)).json()) as { issuer: string; jwks_uri: string };
    expect(meta.issuer).toBe(`https://login.microsoftonline.com/${tenantId}/v2.0`);
    expect(meta.jwks_uri.startsWith(sim.authorityHost)).toBe(true);
    await expect(fetch(sim.openIdConfigurationUrl)).rejects.toThrow();
  });

  it('issues Graph tokens on behalf of the user, signed by its published keys', async () => {
    const answer = await grant(await oboFields());
    expect(answer.status).toBe(200);
    const keys = createRemoteJWKSet(new URL(`${sim.authorityHost}/${tenantId}/discovery/v2.0/keys`), { [customFetch]: (url, init) => sim.fetch(url, init) });
    const { payload } = await jwtVerify(String(answer.body.access_token), keys, { audience: 'https://graph.microsoft.com' });
    expect(payload).toMatchObject({ oid: '7d3f1c9a-0000-4000-8000-00000000a001', scp: 'User.Read', appid: client.clientId });
  });

  it('refuses a wrong secret, a wrong grant type and an assertion meant for another app', async () => {
    expect(await grant(await oboFields({ client_secret: 'guess' }))).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect(await grant(await oboFields({ grant_type: 'urn:ietf:params:oauth:grant-type:saml2-bearer' }))).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
    // Client credentials take `<resource>/.default` only, as Entra requires.
    expect(await grant(await oboFields({ grant_type: 'client_credentials' }))).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
    // A token the user got for another app cannot be exchanged by this one.
    const forOther = await sim.issueUserToken({ clientId: other.clientId });
    expect(await grant(await oboFields({ assertion: forOther }))).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(await grant(await oboFields({ assertion: 'garbage' }))).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('asks for consent for a Graph permission the tenant has not granted, and refuses non-Graph scopes', async () => {
    expect(await grant(await oboFields({ scope: 'https://graph.microsoft.com/Sites.FullControl.All' }))).toMatchObject({ status: 400, body: { error: 'invalid_grant', suberror: 'consent_required' } });
    expect(await grant(await oboFields({ scope: 'https://management.azure.com/user_impersonation' }))).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
  });
});
