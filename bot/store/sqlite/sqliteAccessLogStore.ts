import { accessLogEntry, type AccessLogEntry } from '../../../shared/schemas/trail';
import type { AccessLogStore } from '../storeInterface';
import { SqliteAppendLog } from './sqliteAppendLog';
import type { SqliteConnection } from './sqliteRecord';

export function sqliteAccessLogStore(conn: SqliteConnection): AccessLogStore {
  const log = new SqliteAppendLog<AccessLogEntry>(conn, 'access_log', 'Access log entry', accessLogEntry);
  return {
    append: async (entry) => log.append(entry),
    listByAudit: async (auditId, page) => log.listByAudit(auditId, page),
  };
}
