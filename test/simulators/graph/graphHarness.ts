import { GraphClient } from '../../../bot/store/sharepoint/graphClient';
import { provisionSite } from '../../../bot/store/sharepoint/provisioning';
import { openSharePointStore } from '../../../bot/store/sharepoint/openSharePointStore';
import { openSharePointStores, type SharePointStores } from '../../../bot/store/sharepoint/sharePointStores';
import type { Store } from '../../../bot/store/storeInterface';
import type { GraphSimulator } from './graphSimulator';

/** Test wiring: a client on the simulator whose waits move a fake clock instead of sleeping. */
export function simClient(sim: GraphSimulator, clock?: { t: number }, extra: { timeoutMs?: number; onSend?: () => void } = {}): GraphClient {
  return new GraphClient({
    baseUrl: sim.baseUrl,
    getToken: async () => 'test-token',
    sleep: async (ms) => {
      if (clock) clock.t += ms;
    },
    random: () => 0.5,
    timeoutMs: extra.timeoutMs ?? 5_000,
    onSend: extra.onSend,
  });
}

let siteNo = 0;

/** A freshly provisioned site on the simulator, with the SharePoint stores opened on it. */
export async function freshSharePointStores(sim: GraphSimulator, client: GraphClient): Promise<{ siteId: string; stores: SharePointStores }> {
  const siteId = `contoso.sharepoint.com,site-${++siteNo},web`;
  sim.addSite(siteId);
  await provisionSite(client, siteId);
  return { siteId, stores: await openSharePointStores(client, siteId) };
}

/** A freshly provisioned site on the simulator with the whole `Store` opened on it. */
export async function freshSharePointStore(sim: GraphSimulator, client: GraphClient): Promise<{ siteId: string; store: Store }> {
  const siteId = `contoso.sharepoint.com,site-${++siteNo},web`;
  sim.addSite(siteId);
  await provisionSite(client, siteId);
  return { siteId, store: await openSharePointStore(client, siteId) };
}
