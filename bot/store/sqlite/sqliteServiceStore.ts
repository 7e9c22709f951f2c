import { service, type Service } from '../../../shared/schemas/staff';
import type { ServiceStore } from '../storeInterface';
import type { SqliteConnection } from './sqliteRecord';
import { SqliteVersionedTable } from './sqliteVersionedTable';

export function sqliteServiceStore(conn: SqliteConnection): ServiceStore {
  const table = new SqliteVersionedTable<Service>(conn, {
    table: 'services',
    entity: 'Service',
    schema: service,
    columns: { name: (s) => s.name },
  });
  return {
    get: async (id) => table.get(id),
    listAll: async () => table.listWhere(null, null, 'name COLLATE NOCASE, id'),
    put: async (s, expectedETag) => table.write(s, expectedETag),
  };
}
