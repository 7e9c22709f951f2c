import { afterAll, beforeAll } from 'vitest';
import { LISTS } from '../../bot/store/sharepoint/listMigrations';
import { siteLists } from '../../bot/store/sharepoint/sharePointStores';
import { openSharePointConversationStore } from '../../bot/store/sharepoint/spConversationStore';
import { sharePointOutboxStore } from '../../bot/store/sharepoint/spOutboxStore';
import type { Store } from '../../bot/store/storeInterface';
import { freshSharePointStore, simClient } from '../simulators/graph/graphHarness';
import { GraphSimulator } from '../simulators/graph/graphSimulator';
import { runActionTrailContract } from './actionTrailContract';
import { runConcernStoreContract } from './concernContract';
import { runConversationStoreContract } from './conversationContract';
import { runExemptionStoreContract } from './exemptionContract';
import { runMeetingProposalStoreContract } from './meetingProposalContract';
import { runOutboxContract } from './outboxContract';
import { runReassignmentStoreContract } from './reassignmentContract';
import { runRoundStoreContract } from './roundContract';
import { runStoreContract } from './storeContract';

/**
 * Every store contract, unchanged, against SharePoint lists on the Graph simulator: the whole
 * `Store` comes from openSharePointStore (nothing from SQLite), each test on a freshly provisioned site.
 */
const sim = new GraphSimulator();
beforeAll(async () => {
  await sim.start();
});
afterAll(async () => {
  await sim.stop();
});

const open = async (): Promise<Store> => (await freshSharePointStore(sim, simClient(sim))).store;
const name = 'SharePoint on the Graph simulator';

runStoreContract(name, open);
runActionTrailContract(name, open);
runRoundStoreContract(name, open);
runReassignmentStoreContract(name, open);
runExemptionStoreContract(name, open);
runMeetingProposalStoreContract(name, open);
runConcernStoreContract(name, open);
runOutboxContract(name, async (clock) => {
  const client = simClient(sim);
  const { siteId, store } = await freshSharePointStore(sim, client);
  return { outbox: sharePointOutboxStore(client, (await siteLists(client, siteId))(LISTS.outbox), clock), close: () => store.close() };
});
runConversationStoreContract(name, async () => {
  const client = simClient(sim);
  const { siteId } = await freshSharePointStore(sim, client);
  return openSharePointConversationStore(client, siteId);
});
