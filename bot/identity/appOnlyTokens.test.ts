import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntraSimulator } from '../../test/simulators/entra/entraSimulator';
import { AppOnlyTokenError, appOnlyGraphTokens } from './appOnlyTokens';

const tenantId = '0b5c2f7e-1111-4c6d-9e8f-0000000000aa';
const clientId = '3c2b1a09-3333-4d4e-8f90-0000000000cc';
let sim: EntraSimulator;
beforeAll(async () => {
  sim = await EntraSimulator.start({ tenantId, clients: [{ clientId, clientSecret: 'app-secret', applicationIdUri: `api://audit.demo-council.example/${clientId}` }] });
});
afterAll(async () => sim.close());

describe('app-only Graph tokens (client credentials)', () => {
  it('gets a Graph token with the application permissions and caches it', async () => {
    const tokens = appOnlyGraphTokens({ tenantId, clientId, clientSecret: 'app-secret', authorityHost: sim.authorityHost, fetch: sim.fetch });
    const before = sim.appTokensIssued;
    const token = await tokens();
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ aud: 'https://graph.microsoft.com', tid: tenantId, appid: clientId });
    expect(claims['roles']).toContain('Sites.Selected');
    expect(claims['scp']).toBeUndefined();
    expect(await tokens()).toBe(token);
    expect(sim.appTokensIssued - before).toBe(1);
  });
  it('fails with a message that names the settings to check, and no secret', async () => {
    const tokens = appOnlyGraphTokens({ tenantId, clientId, clientSecret: 'wrong-secret', authorityHost: sim.authorityHost, fetch: sim.fetch });
    const err = await tokens().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppOnlyTokenError);
    expect((err as Error).message).toMatch(/M365_CLIENT_SECRET/);
    expect((err as Error).message).not.toContain('wrong-secret');
  });
});
