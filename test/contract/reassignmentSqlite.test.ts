import { openSqliteStore } from '../../bot/store/sqlite/openSqliteStore';
import { runReassignmentStoreContract } from './reassignmentContract';

runReassignmentStoreContract('SQLite in memory', async () => {
  const store = openSqliteStore(':memory:');
  return { reassignments: store.reassignments, close: () => store.close() };
});
