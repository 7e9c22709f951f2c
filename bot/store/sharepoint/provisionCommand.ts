import { ConfidentialClientApplication } from '@azure/msal-node';
import { z } from 'zod';
import { GraphClient } from './graphClient';
import { describeReport, provisionSite } from './provisioning';

/**
 * `npm run provision`: creates or upgrades the audit site's lists, columns and indexes.
 * Runs as the app with a `manage` grant under Sites.Selected, given by an administrator with
 * `POST /sites/{site-id}/permissions` (roles: ["manage"]); the service itself needs only `write`.
 * GRAPH_ACCESS_TOKEN (a token obtained some other way) takes the place of the client secret,
 * e.g. against the simulator.
 */
const settings = z
  .object({
    M365_TENANT_ID: z.string().min(1).optional(),
    M365_CLIENT_ID: z.string().min(1).optional(),
    M365_CLIENT_SECRET: z.string().min(1).optional(),
    GRAPH_ACCESS_TOKEN: z.string().min(1).optional(),
    SHAREPOINT_SITE_ID: z.string().min(1),
    GRAPH_BASE_URL: z.url().default('https://graph.microsoft.com/v1.0'),
  })
  .refine((s) => s.GRAPH_ACCESS_TOKEN || (s.M365_TENANT_ID && s.M365_CLIENT_ID && s.M365_CLIENT_SECRET), {
    message: 'M365_TENANT_ID, M365_CLIENT_ID and M365_CLIENT_SECRET (or GRAPH_ACCESS_TOKEN) are required',
  });

export async function runProvision(env: Record<string, string | undefined>, print: (line: string) => void): Promise<void> {
  const parsed = settings.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Provisioning settings: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`).join('; ')}`);
  }
  const s = parsed.data;
  const getToken = s.GRAPH_ACCESS_TOKEN
    ? async () => s.GRAPH_ACCESS_TOKEN ?? ''
    : (() => {
        const app = new ConfidentialClientApplication({
          auth: { clientId: s.M365_CLIENT_ID ?? '', authority: `https://login.microsoftonline.com/${s.M365_TENANT_ID ?? ''}`, clientSecret: s.M365_CLIENT_SECRET ?? '' },
        });
        return async () => {
          const r = await app.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
          if (!r?.accessToken) throw new Error('No access token for Microsoft Graph');
          return r.accessToken;
        };
      })();
  const client = new GraphClient({ baseUrl: s.GRAPH_BASE_URL, getToken });
  print(describeReport(await provisionSite(client, s.SHAREPOINT_SITE_ID)));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  runProvision(process.env, (l) => console.log(l)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  });
}
