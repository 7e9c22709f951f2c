import { staffMember, type JobRole, type StaffMember } from '../../../shared/schemas/staff';
import type { StaffStore, WithETag } from '../storeInterface';
import { keysetPage } from './sqliteKeyset';
import { decodeVersioned, type SqliteConnection, type VersionedRow } from './sqliteRecord';
import { SqliteVersionedTable } from './sqliteVersionedTable';

const ENTITY = 'Staff member';

/** E-mails match case-insensitively (UPNs do). */
const emailKey = (email: string) => email.trim().toLowerCase();

export function sqliteStaffStore(conn: SqliteConnection): StaffStore {
  const table = new SqliteVersionedTable<StaffMember>(conn, {
    table: 'staff',
    entity: ENTITY,
    schema: staffMember,
    columns: {
      email_key: (s) => emailKey(s.email),
      entra_object_id: (s) => s.entraObjectId,
      team_id: (s) => s.teamId,
    },
    unique: [
      { column: 'email_key', key: 'e-mail', value: (s) => emailKey(s.email) },
      { column: 'entra_object_id', key: 'Entra object id', value: (s) => s.entraObjectId },
    ],
    // Roles live in a side table so "by role" is one indexed lookup.
    afterWrite: (s) => {
      conn.stmt('DELETE FROM staff_roles WHERE staff_id = ?').run(s.id);
      for (const role of new Set(s.jobRoles)) conn.stmt('INSERT INTO staff_roles (role, staff_id) VALUES (?, ?)').run(role, s.id);
    },
  });

  return {
    get: async (id) => table.get(id),
    getByEmail: async (email) => table.getBy('email_key', emailKey(email)),
    getByEntraObjectId: async (oid) => table.getBy('entra_object_id', oid),
    listByTeam: async (teamId, page) => table.page('team_id', teamId, ['id'], page),
    listByRole: async (role: JobRole, page) =>
      keysetPage<VersionedRow, WithETag<StaffMember>>(
        conn,
        {
          select: 'SELECT s.id AS id, s.version AS version, s.doc AS doc FROM staff_roles r JOIN staff s ON s.id = r.staff_id',
          filter: 'r.role = ?',
          filterValue: role,
          keys: [{ expr: 'r.staff_id', alias: 'id', type: 'string' }],
        },
        page,
        (r) => decodeVersioned(staffMember, ENTITY, r),
      ),
    put: async (staff, expectedETag) => table.write(staff, expectedETag),
  };
}
