import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntraSimulator } from '../../test/simulators/entra/entraSimulator';
import { createOnBehalfOfClient, type OboSettings } from './oboTokens';

const tenantId = '0b5c2f7e-1111-4c6d-9e8f-0000000000aa';
const client = { clientId: '5a4b3c2d-2222-4e5f-8a9b-0000000000bb', clientSecret: 'sim-secret', applicationIdUri: 'api://audit.demo-council.example/5a4b3c2d-2222-4e5f-8a9b-0000000000bb' };

let sim: EntraSimulator;
beforeAll(async () => {
  sim = await EntraSimulator.start({ tenantId, clients: [client], consentedGraphScopes: ['User.Read', 'GroupMember.Read.All'] });
});
afterAll(async () => {
  await sim.close();
});

const obo = (overrides: Partial<OboSettings> = {}) =>
  createOnBehalfOfClient({ tenantId, clientId: client.clientId, clientSecret: client.clientSecret, authorityHost: sim.authorityHost, fetch: sim.fetch, ...overrides });

describe('on-behalf-of Graph tokens against the Entra simulator', () => {
  it('exchanges the user SSO token for a Graph token for that user', async () => {
    const before = sim.oboGrants.length;
    const called: string[] = [];
    const recording: typeof fetch = (input, init) => {
      called.push(String(input));
      return sim.fetch(input, init);
    };
    const result = await obo({ fetch: recording }).graphToken(await sim.issueUserToken(), ['User.Read', 'GroupMember.Read.All']);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const claims = decodeJwt(result.accessToken);
    expect(claims).toMatchObject({ aud: 'https://graph.microsoft.com', oid: '7d3f1c9a-0000-4000-8000-00000000a001', tid: tenantId, scp: 'User.Read GroupMember.Read.All' });
    expect(result.expiresOn?.getTime()).toBeGreaterThan(Date.now());
    // Offline: MSAL read the simulator's metadata and token endpoint, and nothing else (no instance discovery).
    expect(called.map((u) => new URL(u).pathname)).toEqual([`/${tenantId}/v2.0/.well-known/openid-configuration`, `/${tenantId}/oauth2/v2.0/token`]);
    expect(called.every((u) => u.startsWith(sim.authorityHost))).toBe(true);
    expect(sim.oboGrants.slice(before)).toEqual([{ clientId: client.clientId, scopes: expect.arrayContaining(['https://graph.microsoft.com/User.Read']) as unknown, outcome: 'ok' }]);
  });

  it('serves a repeat request for the same user from MSAL’s cache', async () => {
    const c = obo();
    const assertion = await sim.issueUserToken();
    expect((await c.graphToken(assertion, ['User.Read'])).ok).toBe(true);
    const grants = sim.oboGrants.length;
    expect((await c.graphToken(assertion, ['User.Read'])).ok).toBe(true);
    expect(sim.oboGrants.length).toBe(grants);
  });

  it('reports missing admin consent as consentRequired', async () => {
    expect(await obo().graphToken(await sim.issueUserToken(), ['Mail.Send'])).toEqual({ ok: false, reason: 'consentRequired' });
  });

  it('reports an assertion the simulator rejects (expired, other key) as invalidAssertion', async () => {
    expect(await obo().graphToken(await sim.issueUserToken({ expiresIn: -600 }), ['User.Read'])).toEqual({ ok: false, reason: 'invalidAssertion' });
    expect(await obo().graphToken(await sim.issueUserToken({ signWith: 'foreignKey' }), ['User.Read'])).toEqual({ ok: false, reason: 'invalidAssertion' });
    expect(sim.oboGrants.at(-2)?.outcome).toBe('assertion_expired');
    expect(sim.oboGrants.at(-1)?.outcome).toBe('invalid_assertion');
  });

  it('reports a wrong client secret as clientRejected', async () => {
    expect(await obo({ clientSecret: 'stale-secret' }).graphToken(await sim.issueUserToken(), ['User.Read'])).toEqual({ ok: false, reason: 'clientRejected' });
  });

  it('reports an unreachable authority as unavailable', async () => {
    const down: typeof fetch = () => Promise.reject(new Error('connection refused'));
    expect(await obo({ fetch: down }).graphToken(await sim.issueUserToken(), ['User.Read'])).toEqual({ ok: false, reason: 'unavailable' });
  });
});
