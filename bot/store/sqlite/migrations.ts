import type Database from 'better-sqlite3';

/**
 * Schema migrations, applied in order by `PRAGMA user_version`. Never edit a released migration:
 * add a new one. Each table keeps the columns its list queries filter and sort on, plus the whole
 * record as JSON in `doc` (the zod schema is the source of truth, checked on every read).
 *
 * Foreign keys are used only where the store itself writes both sides (trail → audit); links
 * between entities are not enforced, so SQLite does not refuse what a SharePoint store would accept.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'entities',
    sql: `
      CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        email_key TEXT NOT NULL UNIQUE,
        entra_object_id TEXT UNIQUE,
        team_id TEXT,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX staff_by_team ON staff (team_id, id);

      -- One row per job role held, so "staff by role" stays an indexed lookup.
      CREATE TABLE staff_roles (
        role TEXT NOT NULL,
        staff_id TEXT NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
        PRIMARY KEY (role, staff_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX staff_roles_by_staff ON staff_roles (staff_id);

      CREATE TABLE services (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;

      CREATE TABLE teams (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        name TEXT NOT NULL,
        service_id TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX teams_by_service ON teams (service_id, name, id);

      CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        case_ref_key TEXT NOT NULL UNIQUE,
        team_id TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cases_by_team ON cases (team_id, id);

      CREATE TABLE audits (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        auditor_id TEXT NOT NULL,
        case_id TEXT NOT NULL,
        team_id TEXT NOT NULL,
        due_date TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX audits_by_auditor ON audits (auditor_id, due_date, id);
      CREATE INDEX audits_by_case ON audits (case_id, due_date, id);
      CREATE INDEX audits_by_team ON audits (team_id, due_date, id);

      CREATE TABLE actions (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        audit_id TEXT NOT NULL,
        case_id TEXT NOT NULL,
        owner_id TEXT NOT NULL,
        team_id TEXT NOT NULL,
        due_date TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX actions_by_audit ON actions (audit_id, due_date, id);
      CREATE INDEX actions_by_case ON actions (case_id, due_date, id);
      CREATE INDEX actions_by_owner ON actions (owner_id, due_date, id);
      CREATE INDEX actions_by_team ON actions (team_id, due_date, id);

      -- seq keeps the order written; ids come from callers.
      CREATE TABLE trail (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        audit_id TEXT NOT NULL REFERENCES audits (id),
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX trail_by_audit ON trail (audit_id, seq);

      CREATE TABLE access_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        audit_id TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX access_log_by_audit ON access_log (audit_id, seq);
    `,
  },
  {
    version: 2,
    name: 'outbox',
    sql: `
      -- Notifications waiting for (or past) delivery to Teams. priority_rank: 0 urgent, 1 routine.
      -- Times are ISO-8601 UTC with milliseconds (toISOString), so text order is time order.
      CREATE TABLE outbox (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        priority_rank INTEGER NOT NULL,
        next_attempt_at TEXT NOT NULL,
        created_at TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
      CREATE INDEX outbox_by_status ON outbox (status, created_at, id);
    `,
  },
  {
    version: 3,
    name: 'conversations',
    sql: `
      -- Where the bot can reach each person proactively: their personal chat, as Teams last told us.
      CREATE TABLE conversations (
        user_key TEXT PRIMARY KEY,
        teams_user_id TEXT NOT NULL,
        aad_object_id TEXT,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX conversations_by_aad ON conversations (aad_object_id);
      CREATE INDEX conversations_by_teams_user ON conversations (teams_user_id);
    `,
  },
  {
    version: 4,
    name: 'rounds',
    sql: `
      -- Monthly audit rounds: drafts the QA lead adjusts, then published.
      CREATE TABLE rounds (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        month TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX rounds_by_month ON rounds (month, id);
    `,
  },
  {
    version: 5,
    name: 'reassignment requests',
    sql: `
      -- Auditors' requests that the QA lead reassign an audit; at most one open request per audit.
      CREATE TABLE reassignment_requests (
        id TEXT PRIMARY KEY,
        audit_id TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX reassignment_requests_one_open ON reassignment_requests (audit_id) WHERE status = 'open';
      CREATE INDEX reassignment_requests_by_status ON reassignment_requests (status, created_at, id);
    `,
  },
  {
    version: 6,
    name: 'exemption requests',
    sql: `
      -- Auditors' requests to be excused from auditing for some months, listed by auditor and by status.
      CREATE TABLE exemption_requests (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        auditor_id TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX exemption_requests_by_auditor ON exemption_requests (auditor_id, created_at, id);
      CREATE INDEX exemption_requests_by_status ON exemption_requests (status, created_at, id);
    `,
  },
  {
    version: 7,
    name: 'meeting proposals',
    sql: `
      -- Meeting times proposed for collaborative audits by the case's worker or team manager.
      CREATE TABLE meeting_proposals (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        audit_id TEXT NOT NULL,
        created_at TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX meeting_proposals_by_audit ON meeting_proposals (audit_id, created_at, id);
    `,
  },
  {
    version: 8,
    name: 'concerns',
    sql: `
      -- Urgent concerns: listed by audit, by status (the escalation check reads those awaiting
      -- acknowledgement) and by what became of a proposed cases-of-concern entry (NULL: none proposed).
      CREATE TABLE urgent_concerns (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        audit_id TEXT NOT NULL,
        status TEXT NOT NULL,
        register_proposal TEXT,
        raised_at TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX urgent_concerns_by_audit ON urgent_concerns (audit_id, raised_at, id);
      CREATE INDEX urgent_concerns_by_status ON urgent_concerns (status, raised_at, id);
      CREATE INDEX urgent_concerns_by_proposal ON urgent_concerns (register_proposal, raised_at, id);

      -- The cases of concern register.
      CREATE TABLE cases_of_concern (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        case_id TEXT NOT NULL,
        team_id TEXT NOT NULL,
        status TEXT NOT NULL,
        raised_at TEXT NOT NULL,
        doc TEXT NOT NULL
      ) STRICT;
      CREATE INDEX cases_of_concern_by_case ON cases_of_concern (case_id, raised_at, id);
      CREATE INDEX cases_of_concern_by_team ON cases_of_concern (team_id, raised_at, id);
      CREATE INDEX cases_of_concern_by_status ON cases_of_concern (status, raised_at, id);
    `,
  },
  {
    version: 9,
    name: 'audits by due date',
    sql: `
      -- Reports read audits month by month: a range on the due date, in due date then id order.
      CREATE INDEX audits_by_due ON audits (due_date, id);
    `,
  },
];

/**
 * Brings the database up to the latest version; returns how many migrations ran. Each migration
 * and its version bump commit together, so a failure leaves the previous version intact.
 */
export function applyMigrations(db: Database.Database, list: readonly Migration[] = migrations): number {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration "${m.name}" has version ${m.version}; expected ${i + 1}`);
  });
  const current = db.pragma('user_version', { simple: true });
  if (typeof current !== 'number') throw new Error('Could not read the database schema version');
  if (current > list.length) {
    throw new Error(`The database is at schema version ${current}, newer than this build knows (${list.length})`);
  }
  const pending = list.slice(current);
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      // user_version lives in the database header, which is written inside the transaction.
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
  return pending.length;
}
