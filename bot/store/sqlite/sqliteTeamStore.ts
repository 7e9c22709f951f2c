import { team, type Team } from '../../../shared/schemas/staff';
import type { TeamStore } from '../storeInterface';
import type { SqliteConnection } from './sqliteRecord';
import { SqliteVersionedTable } from './sqliteVersionedTable';

export function sqliteTeamStore(conn: SqliteConnection): TeamStore {
  const table = new SqliteVersionedTable<Team>(conn, {
    table: 'teams',
    entity: 'Team',
    schema: team,
    columns: { name: (t) => t.name, service_id: (t) => t.serviceId },
  });
  return {
    get: async (id) => table.get(id),
    listAll: async () => table.listWhere(null, null, 'name COLLATE NOCASE, id'),
    listByService: async (serviceId) => table.listWhere('service_id', serviceId, 'name COLLATE NOCASE, id'),
    put: async (t, expectedETag) => table.write(t, expectedETag),
  };
}
