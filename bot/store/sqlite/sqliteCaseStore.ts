import { childCase, type ChildCase } from '../../../shared/schemas/cases';
import type { CaseStore } from '../storeInterface';
import type { SqliteConnection } from './sqliteRecord';
import { SqliteVersionedTable } from './sqliteVersionedTable';

/** Case references match case-insensitively, so "ab/1" and "AB/1" cannot be two cases. */
const caseRefKey = (ref: string) => ref.trim().toUpperCase();

export function sqliteCaseStore(conn: SqliteConnection): CaseStore {
  const table = new SqliteVersionedTable<ChildCase>(conn, {
    table: 'cases',
    entity: 'Case',
    schema: childCase,
    columns: { case_ref_key: (c) => caseRefKey(c.caseRef), team_id: (c) => c.teamId },
    unique: [{ column: 'case_ref_key', key: 'case reference', value: (c) => caseRefKey(c.caseRef) }],
  });
  return {
    get: async (id) => table.get(id),
    getByRef: async (caseRef) => table.getBy('case_ref_key', caseRefKey(caseRef)),
    listByTeam: async (teamId, page) => table.page('team_id', teamId, ['id'], page),
    put: async (c, expectedETag) => table.write(c, expectedETag),
    delete: async (id, expectedETag) => table.remove(id, expectedETag),
  };
}
