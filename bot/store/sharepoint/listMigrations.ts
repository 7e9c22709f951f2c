import { jobRole, type JobRole } from '../../../shared/schemas/staff';

/**
 * The SharePoint lists, columns and indexes, as versioned migrations applied by provisioning.
 * Every record is JSON in `Doc` (multi-line text) plus the indexed key columns its queries filter
 * and sort on, mirroring the SQLite tables. All indexes are created here, never at run time:
 * SharePoint can refuse to index a list that is already large, and a list has at most 20.
 */

export type ColumnKind = 'text' | 'note' | 'number';

export interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  indexed?: boolean;
  /** Enforced by SharePoint; only for columns that always have a value. */
  unique?: boolean;
}

export type MigrationStep =
  | { kind: 'createList'; list: string; columns: ColumnSpec[] }
  | { kind: 'addColumn'; list: string; column: ColumnSpec }
  | { kind: 'indexColumn'; list: string; column: string };

export interface ListMigration {
  version: number;
  name: string;
  steps: MigrationStep[];
}

export const LISTS = {
  staff: 'PA Staff',
  services: 'PA Services',
  teams: 'PA Teams',
  cases: 'PA Cases',
  audits: 'PA Audits',
  trail: 'PA Trail',
  accessLog: 'PA Access Log',
  actions: 'PA Actions',
  rounds: 'PA Rounds',
  outbox: 'PA Outbox',
  reassignments: 'PA Reassignments',
  exemptions: 'PA Exemptions',
  meetings: 'PA Meeting Proposals',
  concerns: 'PA Urgent Concerns',
  casesOfConcern: 'PA Cases of Concern',
  conversations: 'PA Conversations',
} as const;

/** The columns every versioned record list has: its id, the JSON, and the id of the write that made this version. */
const record = (): ColumnSpec[] => [
  { name: 'RecordId', kind: 'text', indexed: true, unique: true },
  { name: 'WriteId', kind: 'text' },
  { name: 'Doc', kind: 'note' },
];

/** Lists whose records are written with trail entries keep the entries of their latest write (see SpTrailedList). */
const trailed = (): ColumnSpec[] => [
  { name: 'Version', kind: 'number' },
  { name: 'PendingTrail', kind: 'note' },
];

const indexed = (...names: string[]): ColumnSpec[] => names.map((name) => ({ name, kind: 'text' as const, indexed: true }));

/** Staff roles: one indexed column per role, so "by role" is one indexed filter. */
export const roleColumn = (role: JobRole): string => `Role_${role}`;

export const listMigrations: readonly ListMigration[] = [
  {
    version: 1,
    name: 'reference data, cases, audits and trail',
    steps: [
      {
        kind: 'createList',
        list: LISTS.staff,
        columns: [
          ...record(),
          { name: 'EmailKey', kind: 'text', indexed: true, unique: true },
          { name: 'EntraObjectId', kind: 'text', indexed: true },
          { name: 'TeamId', kind: 'text', indexed: true },
          ...jobRole.options.map((r) => ({ name: roleColumn(r), kind: 'text' as const, indexed: true })),
        ],
      },
      { kind: 'createList', list: LISTS.services, columns: record() },
      { kind: 'createList', list: LISTS.teams, columns: [...record(), { name: 'ServiceId', kind: 'text', indexed: true }] },
      {
        kind: 'createList',
        list: LISTS.cases,
        columns: [...record(), { name: 'CaseRefKey', kind: 'text', indexed: true, unique: true }, { name: 'TeamId', kind: 'text', indexed: true }],
      },
      {
        kind: 'createList',
        list: LISTS.audits,
        columns: [
          ...record(),
          { name: 'AuditorId', kind: 'text', indexed: true },
          { name: 'CaseId', kind: 'text', indexed: true },
          { name: 'TeamId', kind: 'text', indexed: true },
          /** `dueDate|id`: the list order (due date, then id) as one sortable indexed key. */
          { name: 'DueKey', kind: 'text', indexed: true },
          { name: 'Version', kind: 'number' },
          /** The trail entries of the latest write, kept in the item until they are known to be in the trail list. */
          { name: 'PendingTrail', kind: 'note' },
        ],
      },
      {
        kind: 'createList',
        list: LISTS.trail,
        columns: [
          { name: 'RecordId', kind: 'text', indexed: true, unique: true },
          { name: 'AuditId', kind: 'text', indexed: true },
          /** Order written: a per-process monotonic time key. */
          { name: 'Seq', kind: 'text', indexed: true },
          { name: 'Doc', kind: 'note' },
        ],
      },
      {
        kind: 'createList',
        list: LISTS.accessLog,
        columns: [
          { name: 'RecordId', kind: 'text', indexed: true, unique: true },
          { name: 'AuditId', kind: 'text', indexed: true },
          { name: 'Seq', kind: 'text', indexed: true },
          { name: 'Doc', kind: 'note' },
        ],
      },
    ],
  },
  {
    version: 2,
    name: 'actions',
    steps: [
      {
        kind: 'createList',
        list: LISTS.actions,
        /** DueKey is `dueDate|id`, the list order as one sortable key. */
        columns: [...record(), ...indexed('AuditId', 'CaseId', 'OwnerId', 'TeamId', 'DueKey'), ...trailed()],
      },
    ],
  },
  {
    version: 3,
    name: 'allocation rounds',
    steps: [{ kind: 'createList', list: LISTS.rounds, columns: [...record(), ...indexed('Month', 'Status')] }],
  },
  {
    version: 4,
    name: 'outbox',
    steps: [
      {
        kind: 'createList',
        list: LISTS.outbox,
        /** ClaimKey `rank|createdAt|id` is the claim order (urgent first, then oldest); CreatedKey `createdAt|id` the list order. */
        columns: [...record(), ...indexed('Status', 'ClaimKey', 'CreatedKey')],
      },
    ],
  },
  {
    version: 5,
    name: 'reassignment requests',
    steps: [
      {
        kind: 'createList',
        list: LISTS.reassignments,
        /** OpenKey is the audit id while the request is open (unique: one open request per audit), `auditId#id` once resolved. */
        columns: [...record(), ...indexed('AuditId', 'Status', 'CreatedKey'), { name: 'OpenKey', kind: 'text', indexed: true, unique: true }],
      },
    ],
  },
  {
    version: 6,
    name: 'exemption requests',
    steps: [{ kind: 'createList', list: LISTS.exemptions, columns: [...record(), ...indexed('AuditorId', 'Status', 'CreatedKey')] }],
  },
  {
    version: 7,
    name: 'meeting proposals',
    steps: [{ kind: 'createList', list: LISTS.meetings, columns: [...record(), ...indexed('AuditId', 'CreatedKey'), ...trailed()] }],
  },
  {
    version: 8,
    name: 'urgent concerns',
    steps: [
      {
        kind: 'createList',
        list: LISTS.concerns,
        /** RaisedKey is `raisedAt|id`. */
        columns: [...record(), ...indexed('AuditId', 'Status', 'RegisterProposal', 'RaisedKey'), ...trailed()],
      },
    ],
  },
  {
    version: 9,
    name: 'cases of concern register',
    steps: [{ kind: 'createList', list: LISTS.casesOfConcern, columns: [...record(), ...indexed('CaseId', 'TeamId', 'Status', 'RaisedKey'), ...trailed()] }],
  },
  {
    version: 10,
    name: 'bot conversation references',
    steps: [
      {
        kind: 'createList',
        list: LISTS.conversations,
        /** RecordId is the user key (Entra object id, else Teams user id). */
        columns: [...record(), ...indexed('TeamsUserId', 'AadObjectId')],
      },
    ],
  },
];
