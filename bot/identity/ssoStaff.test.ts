import { beforeEach, describe, expect, it } from 'vitest';
import type { StaffMember } from '../../shared/schemas/staff';
import { openSqliteStore } from '../store/sqlite/openSqliteStore';
import type { Store } from '../store/storeInterface';
import { effectiveJobRoles, resolveSsoStaff } from './ssoStaff';
import type { SsoIdentity } from './ssoTokenValidator';

const person = (id: string, email: string, extra: Partial<StaffMember> = {}): StaffMember => ({
  id,
  displayName: `Demo ${id}`,
  email,
  entraObjectId: null,
  jobRoles: ['worker'],
  teamId: null,
  lineManagerId: null,
  deputyId: null,
  away: false,
  active: true,
  ...extra,
});

const identity = (extra: Partial<SsoIdentity> = {}): SsoIdentity => ({
  tenantId: 't-1',
  objectId: 'oid-ash',
  userPrincipalName: 'Ash.Lark@Demo-Council.example',
  appRoles: [],
  tokenVersion: '2.0',
  expiresAt: new Date(Date.now() + 3_600_000),
  ...extra,
});

let store: Store;
beforeEach(() => {
  store = openSqliteStore(':memory:');
});

describe('resolving an SSO identity to a staff member', () => {
  it('links a first sign-in by UPN (case-insensitive), recording the object id on the record', async () => {
    await store.staff.put(person('s-ash', 'ash.lark@demo-council.example'), null);
    const first = await resolveSsoStaff(store.staff, identity());
    expect(first).toMatchObject({ ok: true, linkedNow: true, staff: { id: 's-ash' } });
    expect((await store.staff.get('s-ash'))?.entraObjectId).toBe('oid-ash');

    // From now on the object id decides, even if the UPN changes.
    const later = await resolveSsoStaff(store.staff, identity({ userPrincipalName: 'ash.renamed@demo-council.example' }));
    expect(later).toMatchObject({ ok: true, linkedNow: false, staff: { id: 's-ash' } });
  });

  it('finds a person by object id without looking at the UPN', async () => {
    await store.staff.put(person('s-ash', 'ash.lark@demo-council.example', { entraObjectId: 'oid-ash' }), null);
    expect(await resolveSsoStaff(store.staff, identity({ userPrincipalName: null }))).toMatchObject({ ok: true, linkedNow: false, staff: { id: 's-ash' } });
  });

  it('refuses an unknown person with 403 and a message naming what to do', async () => {
    const result = await resolveSsoStaff(store.staff, identity());
    expect(result).toEqual({ ok: false, status: 403, code: 'notInDirectory', message: 'You are not in the staff directory: ask your QA lead to add you.' });
  });

  it('never relinks a record that belongs to another Entra account', async () => {
    await store.staff.put(person('s-ash', 'ash.lark@demo-council.example', { entraObjectId: 'oid-previous-holder' }), null);
    expect(await resolveSsoStaff(store.staff, identity())).toMatchObject({ ok: false, status: 403, code: 'linkedToAnotherAccount' });
    expect((await store.staff.get('s-ash'))?.entraObjectId).toBe('oid-previous-holder');
  });

  it('refuses someone who has left, whether found by object id or by UPN', async () => {
    await store.staff.put(person('s-ash', 'ash.lark@demo-council.example', { active: false }), null);
    expect(await resolveSsoStaff(store.staff, identity())).toMatchObject({ ok: false, code: 'inactive' });
    expect((await store.staff.get('s-ash'))?.entraObjectId).toBeNull();
  });

  it('survives a concurrent first sign-in (the other request linked the record first)', async () => {
    await store.staff.put(person('s-ash', 'ash.lark@demo-council.example'), null);
    const racing = { ...store.staff, getByEmail: async (email: string) => {
      const found = await store.staff.getByEmail(email);
      // The other tab links the record between our read and our write.
      if (found && !found.entraObjectId) await store.staff.put({ ...found, entraObjectId: 'oid-ash' }, found.etag);
      return found;
    } };
    expect(await resolveSsoStaff(racing, identity())).toMatchObject({ ok: true, staff: { id: 's-ash' }, linkedNow: false });
  });

  it('gives the effective roles: directory job roles plus app-role rights', async () => {
    await store.staff.put(person('s-ash', 'ash.lark@demo-council.example', { entraObjectId: 'oid-ash', jobRoles: ['teamManager', 'qaLead'] }), null);
    const withoutAppRole = await resolveSsoStaff(store.staff, identity());
    expect(withoutAppRole.ok && withoutAppRole.staff.jobRoles).toEqual(['teamManager']);
    const withAppRole = await resolveSsoStaff(store.staff, identity({ appRoles: ['QALead'] }));
    expect(withAppRole.ok && withAppRole.staff.jobRoles).toEqual(['teamManager', 'qaLead']);
  });
});

describe('effectiveJobRoles', () => {
  it('lets app roles grant only QA lead and administrator', () => {
    expect(effectiveJobRoles(['worker'], ['QALead', 'Administrator'])).toEqual(['worker', 'qaLead', 'administrator']);
    expect(effectiveJobRoles(['worker'], ['TeamManager', 'qalead', 'Admin'])).toEqual(['worker']);
  });

  it('drops directory QA lead / administrator without the app role, and keeps the organisation roles', () => {
    expect(effectiveJobRoles(['qaLead', 'administrator', 'headOfService'], [])).toEqual(['headOfService']);
    expect(effectiveJobRoles(['deputyTeamManager', 'principalSocialWorker'], ['Administrator'])).toEqual(['deputyTeamManager', 'principalSocialWorker', 'administrator']);
  });

  it('leaves a plain worker when nothing else remains, and never duplicates', () => {
    expect(effectiveJobRoles(['qaLead'], [])).toEqual(['worker']);
    expect(effectiveJobRoles(['qaLead'], ['QALead', 'QALead'])).toEqual(['qaLead']);
  });
});
