import type { JobRole, StaffMember } from '../../shared/schemas/staff';
import { ConflictError, DuplicateError, type StaffStore } from '../store/storeInterface';
import type { SsoIdentity } from './ssoTokenValidator';

/**
 * Who a validated Teams SSO identity is in the staff directory, and with which roles.
 *
 * Finding the person:
 * 1. by Entra object id (`oid`), the immutable identifier — the normal case;
 * 2. the first time only, by UPN / e-mail (case-insensitive), and then the object id is recorded
 *    on the staff record with a conditional update (etag), so from then on the mutable UPN plays
 *    no part. A record already linked to a *different* object id is never relinked (a reused or
 *    renamed UPN must not inherit someone else's access): the QA lead or an administrator fixes it.
 * 3. nobody → 403 "not in the staff directory".
 *
 * Roles — how Entra app roles combine with the directory's job roles:
 * - The organisation's shape (worker, deputy team manager, team manager, head of service,
 *   principal social worker, senior manager), teams and line management come from the directory
 *   (staff import, or Entra `/users/{id}/manager` and groups) only. App roles never grant them.
 * - The two coarse, service-wide rights — QA lead and administrator — are app roles the council's
 *   Entra administrator assigns (`QALead`, `Administrator`). In tenant mode the token is
 *   authoritative for them: held if and only if the token carries the app role. So a staff CSV
 *   cannot make someone a QA lead, and removing the assignment in Entra takes effect at the next
 *   token (≤ about an hour), without a re-import.
 * - Several roles combine as a union. Unknown app role values are ignored. If nothing is left
 *   (e.g. the directory said only "QA lead" and the assignment was removed), the person is a
 *   plain worker: they still see their own audits and nothing service-wide.
 */

/** App role value (as in the app registration's `appRoles`) → the job role it confers. */
export const APP_ROLE_JOB_ROLES: Readonly<Record<string, JobRole>> = {
  QALead: 'qaLead',
  Administrator: 'administrator',
};
const appGatedRoles = new Set<JobRole>(Object.values(APP_ROLE_JOB_ROLES));

export function effectiveJobRoles(directoryRoles: readonly JobRole[], appRoles: readonly string[]): JobRole[] {
  const fromApp = appRoles.map((r) => APP_ROLE_JOB_ROLES[r]).filter((r): r is JobRole => r !== undefined);
  const roles = new Set<JobRole>([...directoryRoles.filter((r) => !appGatedRoles.has(r)), ...fromApp]);
  if (roles.size === 0) roles.add('worker');
  return [...roles];
}

export type SsoStaffRefusal = 'notInDirectory' | 'inactive' | 'linkedToAnotherAccount';

export type SsoStaffResolution =
  | {
      ok: true;
      /** The staff record with its effective job roles (directory + app roles, as above). */
      staff: StaffMember;
      /** True when this sign-in recorded the object id on the record (log it: ids only). */
      linkedNow: boolean;
    }
  | { ok: false; status: 403; code: SsoStaffRefusal; message: string };

const refusals: Record<SsoStaffRefusal, string> = {
  notInDirectory: 'You are not in the staff directory: ask your QA lead to add you.',
  inactive: 'Your staff record is marked as having left: ask your QA lead if this is wrong.',
  linkedToAnotherAccount: 'Your e-mail address is linked to a different Microsoft account in the staff directory: ask your QA lead or an administrator to correct it.',
};
const refuse = (code: SsoStaffRefusal): SsoStaffResolution => ({ ok: false, status: 403, code, message: refusals[code] });

function withRoles(record: StaffMember & { etag?: string }, identity: SsoIdentity): StaffMember {
  const { etag: _etag, ...staff } = record;
  return { ...staff, jobRoles: effectiveJobRoles(staff.jobRoles, identity.appRoles) };
}

export async function resolveSsoStaff(store: StaffStore, identity: SsoIdentity): Promise<SsoStaffResolution> {
  // Two tries: a concurrent first sign-in (two tabs) may link the record between our read and write.
  for (let attempt = 0; attempt < 2; attempt++) {
    const byOid = await store.getByEntraObjectId(identity.objectId);
    if (byOid) return byOid.active ? { ok: true, staff: withRoles(byOid, identity), linkedNow: false } : refuse('inactive');

    const upn = identity.userPrincipalName?.trim();
    if (!upn) return refuse('notInDirectory');
    const byEmail = await store.getByEmail(upn);
    if (!byEmail) return refuse('notInDirectory');
    if (byEmail.entraObjectId && byEmail.entraObjectId !== identity.objectId) return refuse('linkedToAnotherAccount');
    if (!byEmail.active) return refuse('inactive');

    const { etag, ...record } = byEmail;
    try {
      const linked = await store.put({ ...record, entraObjectId: identity.objectId }, etag);
      return { ok: true, staff: withRoles(linked, identity), linkedNow: true };
    } catch (err) {
      if (!(err instanceof ConflictError) && !(err instanceof DuplicateError)) throw err;
    }
  }
  return refuse('notInDirectory');
}
