import { afterAll, beforeAll } from 'vitest';
import { openSqliteStore } from '../../bot/store/sqlite/openSqliteStore';
import type { Store } from '../../bot/store/storeInterface';
import { freshSharePointStores, simClient } from '../simulators/graph/graphHarness';
import { GraphSimulator } from '../simulators/graph/graphSimulator';
import { runStoreContract } from './storeContract';

/**
 * The store contract, unchanged, against SharePoint lists on the Graph simulator. Staff, services,
 * teams, cases, audits, trail and the access log are on SharePoint; the stores not yet built on
 * SharePoint (actions, rounds, outbox, …) come from an in-memory SQLite store so the suite's
 * `Store` is complete. The action tests therefore still exercise SQLite.
 */
const sim = new GraphSimulator();
beforeAll(async () => {
  await sim.start();
});
afterAll(async () => {
  await sim.stop();
});

runStoreContract('SharePoint on the Graph simulator', async (): Promise<Store> => {
  const client = simClient(sim);
  const { stores } = await freshSharePointStores(sim, client);
  const rest = openSqliteStore(':memory:');
  return { ...rest, ...stores, close: () => rest.close() };
});
