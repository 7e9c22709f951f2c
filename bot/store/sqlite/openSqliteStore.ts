import Database from 'better-sqlite3';
import type { Store } from '../storeInterface';
import { applyMigrations } from './migrations';
import { sqliteAccessLogStore } from './sqliteAccessLogStore';
import { sqliteActionStore } from './sqliteActionStore';
import { sqliteAuditAndTrailStores } from './sqliteAuditStore';
import { sqliteCaseStore } from './sqliteCaseStore';
import { SqliteConnection } from './sqliteRecord';
import { sqliteServiceStore } from './sqliteServiceStore';
import { sqliteStaffStore } from './sqliteStaffStore';
import { sqliteTeamStore } from './sqliteTeamStore';
import { sqliteRoundStore } from './sqliteRoundStore';
import { sqliteOutboxStore } from './sqliteOutboxStore';
import { sqliteReassignmentStore } from './sqliteReassignmentStore';
import { sqliteExemptionStore } from './sqliteExemptionStore';
import { sqliteMeetingProposalStore } from './sqliteMeetingProposalStore';
import { sqliteCaseOfConcernStore, sqliteUrgentConcernStore } from './sqliteConcernStores';

/** Opens (creating if need be) and migrates a database: WAL, foreign keys on, waits for locks. */
export function openSqliteDatabase(filename: string): Database.Database {
  const db = new Database(filename);
  try {
    db.pragma('journal_mode = WAL'); // ':memory:' stays in memory mode; that is fine.
    db.pragma('synchronous = FULL'); // a confirmed save survives a power cut too: the tab drops its local draft on confirmation
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    applyMigrations(db);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function openSqliteStore(filename: string): Store {
  const db = openSqliteDatabase(filename);
  const conn = new SqliteConnection(db);
  const { audits, trail } = sqliteAuditAndTrailStores(conn);
  return {
    staff: sqliteStaffStore(conn),
    services: sqliteServiceStore(conn),
    teams: sqliteTeamStore(conn),
    cases: sqliteCaseStore(conn),
    audits,
    actions: sqliteActionStore(conn),
    trail,
    accessLog: sqliteAccessLogStore(conn),
    rounds: sqliteRoundStore(conn),
    outbox: sqliteOutboxStore(conn),
    reassignments: sqliteReassignmentStore(conn),
    exemptions: sqliteExemptionStore(conn),
    meetings: sqliteMeetingProposalStore(conn),
    concerns: sqliteUrgentConcernStore(conn),
    casesOfConcern: sqliteCaseOfConcernStore(conn),
    close: async () => {
      if (db.open) db.close();
    },
  };
}
