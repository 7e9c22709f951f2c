import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildStaff } from '../../test/fixtures/builders';
import { openSqliteStore } from '../store/sqlite/openSqliteStore';
import type { Store } from '../store/storeInterface';
import { CoverService } from './coverService';

let store: Store;
let logged: { obj: object; msg: string }[];
let service: CoverService;

beforeEach(async () => {
  store = openSqliteStore(':memory:');
  logged = [];
  service = new CoverService({ store, logger: { info: (obj, msg) => logged.push({ obj, msg }) }, appUrl: 'http://localhost:3978/' });
  await store.staff.put(buildStaff({ id: 'hos-1', displayName: 'Harper Head', jobRoles: ['headOfService'] }), null);
  await store.staff.put(buildStaff({ id: 'tm-1', displayName: 'Morgan Manager', jobRoles: ['teamManager'], lineManagerId: 'hos-1', deputyId: null }), null);
  await store.staff.put(buildStaff({ id: 'dtm-1', displayName: 'Dana Deputy', jobRoles: ['deputyTeamManager'], lineManagerId: 'tm-1' }), null);
});
afterEach(async () => store.close());

describe('CoverService', () => {
  it('records each change as one log line of ids and booleans, naming who changed whose cover and how they were allowed', async () => {
    const hos = await store.staff.get('hos-1');
    const tm = await store.staff.get('tm-1');
    if (!hos || !tm) throw new Error('fixture');
    await service.set(hos, 'tm-1', () => ({ etag: tm.etag, away: true, deputyId: 'dtm-1' }));
    expect(logged).toEqual([
      {
        obj: { event: 'coverChanged', actorId: 'hos-1', grantedBy: 'lineManager', staffId: 'tm-1', away: true, deputyId: 'dtm-1', previousAway: false, previousDeputyId: null },
        msg: 'cover: away status or deputy changed',
      },
    ]);
    // Names never reach the log.
    expect(JSON.stringify(logged)).not.toMatch(/Morgan|Dana|Harper/);
  });

  it('logs nothing as a change when the change repeats what is held', async () => {
    const tm = await store.staff.get('tm-1');
    if (!tm) throw new Error('fixture');
    const r = await service.set(tm, 'tm-1', () => ({ etag: tm.etag, away: false, deputyId: null }));
    expect(r.changed).toBe(false);
    expect(logged).toEqual([]);
  });

  it('does not read the body of someone refused', async () => {
    const dtm = await store.staff.get('dtm-1');
    if (!dtm) throw new Error('fixture');
    let read = false;
    await expect(
      service.set(dtm, 'tm-1', () => {
        read = true;
        return { etag: 'x', away: true, deputyId: null };
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    expect(read).toBe(false);
    expect(logged.map((l) => l.obj)).toEqual([{ actorId: 'dtm-1', staffId: 'tm-1' }]);
  });
});
