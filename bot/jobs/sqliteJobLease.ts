import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { JobLease } from './jobLease';

/**
 * The job lease in embedded mode: a row in a small SQLite file beside the store (its own file, so
 * the store's migrations are untouched). Enough for two processes started on the same data folder.
 * Each statement is atomic in SQLite, so two contenders can never both take the row.
 */
export interface SqliteJobLeaseOptions {
  file: string;
  name?: string;
  leaseSeconds?: number;
  /** Milliseconds since the epoch; injectable for tests. */
  now?: () => number;
  /** This instance's id; a fresh one per process by default. */
  holderId?: string;
}

export class SqliteJobLease implements JobLease {
  private readonly db: Database.Database;
  private readonly name: string;
  private readonly leaseMs: number;
  private readonly now: () => number;
  readonly holderId: string;

  constructor(o: SqliteJobLeaseOptions) {
    this.db = new Database(o.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 2000');
    this.db.exec('CREATE TABLE IF NOT EXISTS job_lease (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at INTEGER NOT NULL)');
    this.name = o.name ?? 'jobs';
    this.leaseMs = (o.leaseSeconds ?? 60) * 1000;
    this.now = o.now ?? Date.now;
    this.holderId = o.holderId ?? randomUUID();
  }

  async acquire(): Promise<boolean> {
    const now = this.now();
    const r = this.db
      .prepare(
        `INSERT INTO job_lease (name, holder, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
         WHERE job_lease.holder = excluded.holder OR job_lease.expires_at <= ?`,
      )
      .run(this.name, this.holderId, now + this.leaseMs, now);
    return r.changes === 1;
  }

  /** Like Azure's, a lapsed lease that nobody else has taken can still be renewed by its holder. */
  async renew(): Promise<boolean> {
    const r = this.db.prepare('UPDATE job_lease SET expires_at = ? WHERE name = ? AND holder = ?').run(this.now() + this.leaseMs, this.name, this.holderId);
    return r.changes === 1;
  }

  async release(): Promise<void> {
    this.db.prepare('DELETE FROM job_lease WHERE name = ? AND holder = ?').run(this.name, this.holderId);
  }

  close(): void {
    this.db.close();
  }
}
