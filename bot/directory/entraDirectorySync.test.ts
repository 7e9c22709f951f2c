import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GraphSimulator } from '../../test/simulators/graph/graphSimulator';
import { simClient } from '../../test/simulators/graph/graphHarness';
import { openSqliteStore } from '../store/sqlite/openSqliteStore';
import type { Store, WithETag } from '../store/storeInterface';
import type { StaffMember } from '../../shared/schemas/staff';
import { staffIdForEmail } from '../../shared/imports/staffImport';
import { ImportService } from '../imports/importService';
import { parseDirectoryGroups, type DirectoryGroups } from './directoryGroups';
import { syncEntraDirectory } from './entraDirectorySync';

// A fictional council: 24 workers in North, 23 in South, a team manager each, a head of service,
// a principal social worker who is also a North worker, a nested senior managers group.
const gid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const oid = (n: number) => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;
const G = { northWorkers: gid(1), southWorkers: gid(2), northTm: gid(3), southTm: gid(4), hos: gid(5), psw: gid(6), senior: gid(7) };
const HOS = oid(1);
const TM_NORTH = oid(2);
const TM_SOUTH = oid(3);
const north = Array.from({ length: 24 }, (_, i) => oid(100 + i));
const south = Array.from({ length: 23 }, (_, i) => oid(200 + i));
const emailOf = (id: string) => `user${id.slice(-4)}@council.example`;

const setting: DirectoryGroups = parseDirectoryGroups({
  groups: [
    { id: G.northWorkers, name: 'North social workers', jobRoles: ['worker'], teamId: 'team-north' },
    { id: G.southWorkers, jobRoles: ['worker'], teamId: 'team-south' },
    { id: G.northTm, jobRoles: ['teamManager'], teamId: 'team-north' },
    { id: G.southTm, jobRoles: ['teamManager'], teamId: 'team-south' },
    { id: G.hos, jobRoles: ['headOfService'] },
    { id: G.psw, jobRoles: ['principalSocialWorker'] },
    { id: G.senior, jobRoles: ['seniorManager'] },
  ],
});
const everyone = 24 + 23 + 3;

const sim = new GraphSimulator();
let store: Store;
const graph = () => simClient(sim, { t: 0 });
const sync = (groups = setting) => syncEntraDirectory({ store, graph: graph(), groups, pageSize: 10 });
const byOid = async (id: string): Promise<WithETag<StaffMember>> => {
  const s = await store.staff.getByEntraObjectId(id);
  if (!s) throw new Error(`no staff record for ${id}`);
  return s;
};

function user(id: string, managerId: string | null, accountEnabled = true) {
  sim.directory.addUser({ id, displayName: `Person ${id.slice(-4)}`, mail: emailOf(id), userPrincipalName: emailOf(id), accountEnabled, managerId });
}

beforeAll(async () => {
  await sim.start();
});
afterAll(async () => {
  await sim.stop();
});

beforeEach(async () => {
  sim.clearFaults();
  store = openSqliteStore(':memory:');
  await store.services.put({ id: 'svc-cp', name: 'Child protection', headOfServiceId: null }, null);
  await store.teams.put({ id: 'team-north', name: 'North', serviceId: 'svc-cp', managerId: null }, null);
  await store.teams.put({ id: 'team-south', name: 'South', serviceId: 'svc-cp', managerId: null }, null);
  user(HOS, null);
  user(TM_NORTH, HOS);
  user(TM_SOUTH, HOS);
  for (const id of north) user(id, TM_NORTH);
  // One South worker's account is disabled (left the council, not yet removed from the group).
  for (const [i, id] of south.entries()) user(id, TM_SOUTH, i !== 5);
  sim.directory.addGroup(G.northWorkers, north);
  sim.directory.addGroup(G.southWorkers, south);
  sim.directory.addGroup(G.northTm, [TM_NORTH]);
  sim.directory.addGroup(G.southTm, [TM_SOUTH]);
  sim.directory.addGroup(G.hos, [HOS]);
  sim.directory.addGroup(G.psw, [north[3] as string]);
  // Nested: the senior managers group holds the head of service group.
  sim.directory.addGroup(G.senior, [G.hos]);
  sim.directory.reads.members = 0;
});
afterEach(async () => store.close());

describe('syncEntraDirectory', () => {
  it('creates everyone in the groups with roles, team, line manager and Entra id, reading the members page by page', async () => {
    const summary = await sync();
    expect(summary).toEqual({ membersFound: everyone, created: everyone, updated: 0, unchanged: 0, markedInactive: 0, leaversHeldBack: 0, problems: [] });
    // 24 and 23 members at 10 a page: 3 pages each, one for each of the other five groups.
    expect(sim.directory.reads.members).toBe(3 + 3 + 5);

    const worker = await byOid(north[0] as string);
    expect(worker).toMatchObject({
      id: staffIdForEmail(emailOf(north[0] as string)),
      email: emailOf(north[0] as string),
      entraObjectId: north[0],
      jobRoles: ['worker'],
      teamId: 'team-north',
      lineManagerId: (await byOid(TM_NORTH)).id,
      deputyId: null,
      away: false,
      active: true,
    });
    expect(await byOid(TM_NORTH)).toMatchObject({ jobRoles: ['teamManager'], teamId: 'team-north', lineManagerId: (await byOid(HOS)).id });
    // Roles from several groups combine, in the app's role order; nested groups count.
    expect((await byOid(north[3] as string)).jobRoles).toEqual(['worker', 'principalSocialWorker']);
    expect(await byOid(HOS)).toMatchObject({ jobRoles: ['headOfService', 'seniorManager'], teamId: null, lineManagerId: null });
    // A disabled account is inactive.
    expect((await byOid(south[5] as string)).active).toBe(false);
    expect((await byOid(south[4] as string)).active).toBe(true);
  });

  it('changes nothing on a second run with nothing changed in Entra', async () => {
    await sync();
    const before = await byOid(north[1] as string);
    const again = await sync();
    expect(again).toEqual({ membersFound: everyone, created: 0, updated: 0, unchanged: everyone, markedInactive: 0, leaversHeldBack: 0, problems: [] });
    expect((await byOid(north[1] as string)).etag).toBe(before.etag);
  });

  it('marks people in no group, or deleted from Entra, as inactive without deleting them, and follows moves and re-enabled accounts', async () => {
    await sync();
    sim.directory.removeMember(G.northWorkers, north[7] as string);
    sim.directory.deleteUser(north[8] as string);
    sim.directory.updateUser(south[5] as string, { accountEnabled: true });
    // A worker moves from North to South, and a new manager takes over a North worker.
    sim.directory.removeMember(G.northWorkers, north[9] as string);
    sim.directory.addMember(G.southWorkers, north[9] as string);
    sim.directory.updateUser(north[10] as string, { managerId: TM_SOUTH });

    const summary = await sync();
    expect(summary).toMatchObject({ membersFound: everyone - 2, created: 0, updated: 5, unchanged: everyone - 5, markedInactive: 2, problems: [] });
    expect(await byOid(north[7] as string)).toMatchObject({ active: false, jobRoles: ['worker'], teamId: 'team-north' });
    expect((await byOid(north[8] as string)).active).toBe(false);
    expect((await byOid(south[5] as string)).active).toBe(true);
    expect((await byOid(north[9] as string)).teamId).toBe('team-south');
    expect((await byOid(north[10] as string)).lineManagerId).toBe((await byOid(TM_SOUTH)).id);
    expect(await sync()).toMatchObject({ updated: 0, markedInactive: 0 });
  });

  it('holds back more leavers than the safety limit (a tenth, at least 5) until an administrator confirms, applying the rest', async () => {
    await sync();
    // Someone empties the South workers group by mistake: 22 of the 49 active would be marked as having left (one South account is disabled).
    for (const id of south) sim.directory.removeMember(G.southWorkers, id);
    sim.directory.updateUser(north[3] as string, { managerId: TM_SOUTH });
    const held = await sync();
    expect(held).toMatchObject({ markedInactive: 0, leaversHeldBack: 22, updated: 1 });
    expect(held.problems).toEqual([expect.objectContaining({ reason: expect.stringContaining('22 people are in none of the groups') })]);
    expect((await byOid(south[0] as string)).active).toBe(true);
    expect(await sync()).toMatchObject({ leaversHeldBack: 22, markedInactive: 0 }); // the nightly run keeps holding them back
    expect((await byOid(north[3] as string)).lineManagerId).toBe((await byOid(TM_SOUTH)).id);
    // A confirmation of another number (the groups changed since) marks nobody.
    const stale = await syncEntraDirectory({ store, graph: graph(), groups: setting, pageSize: 10, confirmLeavers: 21 });
    expect(stale).toMatchObject({ markedInactive: 0, leaversHeldBack: 22 });
    expect(stale.problems[0]?.reason).toContain('21 were confirmed, but the groups now leave 22');
    // Confirmed: they are marked.
    const confirmed = await syncEntraDirectory({ store, graph: graph(), groups: setting, pageSize: 10, confirmLeavers: 22 });
    expect(confirmed).toMatchObject({ markedInactive: 22, leaversHeldBack: 0 });
    expect((await byOid(south[0] as string)).active).toBe(false);
  });

  it('marks up to the limit without confirmation: a tenth of the active linked people, at least 5', async () => {
    await sync();
    // 50 linked, 49 active: the limit is 5 (a tenth rounded up); exactly 5 go through, 6 wait.
    for (const id of south.slice(0, 5)) sim.directory.removeMember(G.southWorkers, id);
    expect(await sync()).toMatchObject({ markedInactive: 5, leaversHeldBack: 0 });
    for (const id of south.slice(6, 12)) sim.directory.removeMember(G.southWorkers, id);
    expect(await sync()).toMatchObject({ markedInactive: 0, leaversHeldBack: 6 });
  });

  it('adopts people the staff import added, keeping their id, deputy and absence', async () => {
    const lead: StaffMember = {
      id: 'stf-lead', displayName: 'Lead', email: 'lead@council.example', entraObjectId: null, jobRoles: ['qaLead'],
      teamId: null, lineManagerId: null, deputyId: null, away: false, active: true,
    };
    await store.staff.put(lead, null);
    const csv = ['Name,Email,Job roles,Team,Deputy', `Imported Person,${emailOf(TM_NORTH)},TM,North,lead@council.example`].join('\n');
    await new ImportService({ store, clock: () => new Date('2026-11-23T10:00:00Z') }).commitStaff(lead, csv, 1);
    const imported = await store.staff.getByEmail(emailOf(TM_NORTH));
    if (!imported) throw new Error('import failed');
    await store.staff.put({ ...imported, away: true }, imported.etag);

    const summary = await sync();
    expect(summary).toMatchObject({ created: everyone - 1, updated: 1, problems: [] });
    expect(await byOid(TM_NORTH)).toMatchObject({ id: imported.id, deputyId: 'stf-lead', away: true, displayName: `Person ${TM_NORTH.slice(-4)}` });
    // The lead came from the import only (no Entra id): the sync leaves them alone.
    expect(await store.staff.get('stf-lead')).toMatchObject({ active: true, entraObjectId: null });
  });

  it('reports people it cannot bring up to date, and why, and saves the rest', async () => {
    // In two team groups: the first group in the setting wins.
    sim.directory.addMember(G.southWorkers, north[0] as string);
    // A manager in none of the groups.
    sim.directory.addUser({ id: oid(900), displayName: 'Outside', mail: 'outside@council.example', userPrincipalName: 'outside@council.example', accountEnabled: true, managerId: null });
    sim.directory.updateUser(north[1] as string, { managerId: oid(900) });
    // Two managers who manage each other.
    sim.directory.updateUser(north[2] as string, { managerId: north[4] as string });
    sim.directory.updateUser(north[4] as string, { managerId: north[2] as string });
    // An e-mail already linked to another Microsoft account.
    await store.staff.put(
      { id: 'stf-other', displayName: 'Other', email: emailOf(north[5] as string), entraObjectId: oid(901), jobRoles: ['worker'], teamId: null, lineManagerId: null, deputyId: null, away: false, active: true },
      null,
    );

    const summary = await sync();
    const reasons = new Map(summary.problems.map((p) => [p.entraObjectId, p.reason]));
    expect(reasons.get(north[0] as string)).toMatch(/two teams .*kept in team-north/);
    expect((await byOid(north[0] as string)).teamId).toBe('team-north');
    expect(reasons.get(north[1] as string)).toMatch(/manager .* in none of the configured groups/);
    expect((await byOid(north[1] as string)).lineManagerId).toBeNull();
    expect(reasons.get(north[2] as string)).toMatch(/loop/);
    expect(reasons.get(north[4] as string)).toMatch(/loop/);
    expect(await store.staff.getByEntraObjectId(north[2] as string)).toBeNull();
    expect(reasons.get(north[5] as string)).toMatch(/different Microsoft account/);
    // Never relinked; and by its own Entra id it is in no group, so it is marked as having left.
    expect(await store.staff.get('stf-other')).toMatchObject({ entraObjectId: oid(901), active: false });
    expect(summary).toMatchObject({ created: everyone - 3, markedInactive: 1 });
    expect(summary.problems).toHaveLength(5);
  });

  it('waits out a 429 on the member list and on a batched read, then completes with the same result', async () => {
    sim.inject({ kind: '429', count: 1, retryAfter: 2, match: (m, p) => m === 'GET' && p.startsWith(`/groups/${G.southWorkers}`) });
    sim.inject({ kind: '429', count: 1, retryAfter: 1, match: (m, p) => m === 'GET' && p.endsWith('/manager') });
    const clock = { t: 0 };
    const summary = await syncEntraDirectory({ store, graph: simClient(sim, clock), groups: setting, pageSize: 10 });
    expect(summary).toMatchObject({ created: everyone, problems: [] });
    // 2 s for the member list, at least 1 s before the batch is sent again.
    expect(clock.t).toBeGreaterThanOrEqual(3000);
    expect((await byOid(south[0] as string)).lineManagerId).toBe((await byOid(TM_SOUTH)).id);
  });

  it('refuses, changing nothing, a setting naming an unknown team or group, or groups with no members', async () => {
    const withTeam = parseDirectoryGroups({ groups: [{ id: G.hos, jobRoles: ['worker'], teamId: 'team-east' }] });
    await expect(sync(withTeam)).rejects.toThrow(/groups\[0\]\.teamId: no team "team-east"/);
    const unknownGroup = parseDirectoryGroups({ groups: [...setting.groups, { id: gid(99), jobRoles: ['worker'] }] });
    await expect(sync(unknownGroup)).rejects.toThrow(/groups\[7\]\.id: Entra has no group/);
    sim.directory.addGroup(gid(98), []);
    await expect(sync(parseDirectoryGroups({ groups: [{ id: gid(98), jobRoles: ['worker'] }] }))).rejects.toThrow(/no members/);
    expect((await store.staff.listByRole('worker')).items).toHaveLength(0);
  });

  it('reports a record someone saved during the run and leaves it for the next run', async () => {
    await sync();
    sim.directory.updateUser(north[0] as string, { displayName: 'Renamed' });
    const racing: Store = {
      ...store,
      staff: {
        ...store.staff,
        async put(s, etag) {
          const now = await store.staff.get(s.id);
          if (now && s.entraObjectId === north[0]) await store.staff.put({ ...now, away: !now.away }, now.etag);
          return store.staff.put(s, etag);
        },
      },
    };
    const summary = await syncEntraDirectory({ store: racing, graph: graph(), groups: setting, pageSize: 10 });
    expect(summary.problems).toEqual([expect.objectContaining({ entraObjectId: north[0], reason: expect.stringMatching(/not saved: .*next run/) })]);
    expect(summary.updated).toBe(0);
    expect(await sync()).toMatchObject({ updated: 1, problems: [] });
    expect((await byOid(north[0] as string)).displayName).toBe('Renamed');
  });
});
