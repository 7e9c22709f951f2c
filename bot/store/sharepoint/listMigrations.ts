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
} as const;

/** The columns every versioned record list has: its id, the JSON, and the id of the write that made this version. */
const record = (): ColumnSpec[] => [
  { name: 'RecordId', kind: 'text', indexed: true, unique: true },
  { name: 'WriteId', kind: 'text' },
  { name: 'Doc', kind: 'note' },
];

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
];
