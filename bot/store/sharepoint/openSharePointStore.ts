import type { Store } from '../storeInterface';
import type { GraphClient } from './graphClient';
import { LISTS } from './listMigrations';
import { referenceAndAuditStores, siteLists } from './sharePointStores';
import { workflowStores } from './sharePointWorkflowStores';
import { sharePointOutboxStore } from './spOutboxStore';

/**
 * The whole storage interface on the audit site's SharePoint lists (tenant mode). Resolves the
 * lists provisioning made with one request; fails naming a list that is missing. `close` has
 * nothing to release: the Graph client holds no connection state of its own.
 */
export async function openSharePointStore(client: GraphClient, siteId: string): Promise<Store> {
  const list = await siteLists(client, siteId);
  return {
    remote: true,
    ...referenceAndAuditStores(client, list),
    ...workflowStores(client, list),
    outbox: sharePointOutboxStore(client, list(LISTS.outbox)),
    close: async () => undefined,
  };
}
