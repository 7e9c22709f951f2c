import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/openSqliteStore';
import type { Store } from '../store/storeInterface';
import { ImportService } from './importService';
import { AppError } from '../http/appError';
import type { StaffMember } from '../../shared/schemas/staff';
import { caseIdForRef } from '../../shared/imports/caseRegisterImport';

const clock = () => new Date('2026-11-23T10:00:00Z');
const lead: StaffMember = {
  id: 'stf-lead',
  displayName: 'Lead',
  email: 'lead@council.example',
  entraObjectId: null,
  jobRoles: ['qaLead'],
  teamId: null,
  lineManagerId: null,
  deputyId: null,
  away: false,
  active: true,
};
const manager: StaffMember = { ...lead, id: 'stf-manager', displayName: 'Manager', email: 'manager@council.example', jobRoles: ['teamManager'], teamId: 'team-blue' };

const heading = 'Case reference,Initials,Date of birth,Team,Legal status,Disability';
const caseFile = (n: number) => [heading, ...Array.from({ length: n }, (_, i) => `CR-${i + 1},AB,14/03/2019,Blue Team,CIN,no`)].join('\n');

let store: Store;
beforeEach(async () => {
  store = openSqliteStore(':memory:');
  await store.services.put({ id: 'svc-a', name: 'Service A', headOfServiceId: null }, null);
  await store.teams.put({ id: 'team-blue', name: 'Blue Team', serviceId: 'svc-a', managerId: null }, null);
  await store.staff.put(lead, null);
  await store.staff.put(manager, null);
});
afterEach(async () => store.close());

/** A store whose case writes fail after `writes` successful ones: the service stopping mid-commit. */
function crashingAfter(writes: number): Store {
  let left = writes;
  return {
    ...store,
    cases: {
      ...store.cases,
      async put(c, etag) {
        if (left-- <= 0) throw new Error('process stopped');
        return store.cases.put(c, etag);
      },
    },
  };
}

describe('ImportService', () => {
  it('refuses anyone but QA leads, principal social workers and administrators, before reading the file', async () => {
    const service = new ImportService({ store, clock });
    await expect(service.previewCases(manager, caseFile(1))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(service.commitCases(manager, caseFile(1), 1)).rejects.toBeInstanceOf(AppError);
    expect(await store.cases.get(caseIdForRef('CR-1'))).toBeNull();
    await expect(service.previewCases({ ...manager, jobRoles: ['principalSocialWorker'] }, caseFile(1))).resolves.toMatchObject({ acceptedCount: 1 });
  });

  it('finishes a commit that stopped half-way when the same file is committed again, without duplicates', async () => {
    const csv = caseFile(6);
    await expect(new ImportService({ store: crashingAfter(3), clock }).commitCases(lead, csv, 6)).rejects.toThrow('process stopped');
    expect((await store.cases.listByTeam('team-blue')).items).toHaveLength(3);

    const again = await new ImportService({ store, clock }).commitCases(lead, csv, 6);
    expect(again).toEqual({ register: 'cases', acceptedCount: 6, created: 3, updated: 0, unchanged: 3 });
    const held = (await store.cases.listByTeam('team-blue')).items;
    expect(held.map((c) => c.caseRef).sort()).toEqual(['CR-1', 'CR-2', 'CR-3', 'CR-4', 'CR-5', 'CR-6']);
  });

  it('answers a record changed during the commit with a conflict that says to import again', async () => {
    const service = new ImportService({ store, clock });
    await service.commitCases(lead, caseFile(1), 1);
    const racing: Store = {
      ...store,
      cases: {
        ...store.cases,
        async put(c, etag) {
          // Someone else saves the case between the commit's read and its write.
          const now = await store.cases.get(c.id);
          if (now) await store.cases.put({ ...now, disability: !now.disability }, now.etag);
          return store.cases.put(c, etag);
        },
      },
    };
    const changed = caseFile(1).replace('CIN,no', 'CP,no');
    await expect(new ImportService({ store: racing, clock }).commitCases(lead, changed, 1)).rejects.toMatchObject({ code: 'conflict' });
  });
});
