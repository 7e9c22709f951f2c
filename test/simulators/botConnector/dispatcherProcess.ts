/**
 * A dispatcher in its own process, for the kill -9 test: `node --import tsx dispatcherProcess.ts
 * <sqlite file> <service url> <maxInFlight> [ratePerSecond]`. Resets what a previous run left 'sending', starts,
 * and prints "ready" once running.
 */
import { Dispatcher } from '../../../bot/delivery/dispatcher';
import { openSqliteDatabase } from '../../../bot/store/sqlite/openSqliteStore';
import { sqliteOutboxStore } from '../../../bot/store/sqlite/sqliteOutboxStore';
import { SqliteConnection } from '../../../bot/store/sqlite/sqliteRecord';
import { fetchSend } from './fetchSend';

const [file, serviceUrl, maxInFlight, ratePerSecond] = process.argv.slice(2);
if (!file || !serviceUrl || !maxInFlight) throw new Error('usage: dispatcherProcess <sqlite file> <service url> <maxInFlight>');

const outbox = sqliteOutboxStore(new SqliteConnection(openSqliteDatabase(file)));
const reset = await outbox.resetSending();
const dispatcher = new Dispatcher({
  outbox,
  send: fetchSend(serviceUrl, 2_000),
  maxInFlight: Number(maxInFlight),
  idleMs: 20,
  ...(ratePerSecond ? { ratePerSecond: Number(ratePerSecond) } : {}),
});
dispatcher.start();
process.stdout.write(`ready ${reset}\n`);
