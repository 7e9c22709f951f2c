import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LeaseKeeper, onlyOnLeaseHolder, type JobLease } from './jobLease';
import { SqliteJobLease } from './sqliteJobLease';

let dir: string;
let now: number;
const leases: SqliteJobLease[] = [];
const clock = () => now;
function contender(): SqliteJobLease {
  const lease = new SqliteJobLease({ file: path.join(dir, 'job-lease.sqlite'), now: clock });
  leases.push(lease);
  return lease;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'job-lease-'));
  now = Date.UTC(2026, 10, 23, 9, 0, 0);
});
afterEach(() => {
  for (const l of leases.splice(0)) l.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('SqliteJobLease (embedded mode)', () => {
  it('lets only one of two contenders hold the lease', async () => {
    const a = contender();
    const b = contender();
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    expect(await b.renew()).toBe(false);
    // The holder acquiring again keeps it.
    expect(await a.acquire()).toBe(true);
    now += 59_000;
    expect(await b.acquire()).toBe(false);
  });

  it('passes to the other contender once a dead holder’s lease expires', async () => {
    const a = contender();
    const b = contender();
    expect(await a.acquire()).toBe(true);
    now += 20_000;
    expect(await a.renew()).toBe(true);
    // a dies: no more renewals. Until 60 s after its last renewal, b waits.
    now += 59_999;
    expect(await b.acquire()).toBe(false);
    now += 1;
    expect(await b.acquire()).toBe(true);
    // a comes back to life: its lease is gone.
    expect(await a.renew()).toBe(false);
    expect(await a.acquire()).toBe(false);
  });

  it('hands over at once on release, and a release by a non-holder changes nothing', async () => {
    const a = contender();
    const b = contender();
    expect(await a.acquire()).toBe(true);
    await b.release();
    expect(await b.acquire()).toBe(false);
    await a.release();
    expect(await b.acquire()).toBe(true);
    expect(await a.acquire()).toBe(false);
  });
});

describe('LeaseKeeper', () => {
  it('runs guarded jobs on one instance only, and moves them when the holder stops', async () => {
    const changes: string[] = [];
    const a = new LeaseKeeper({ lease: contender(), now: clock, onChange: (h) => void changes.push(`a:${h}`) });
    const b = new LeaseKeeper({ lease: contender(), now: clock, onChange: (h) => void changes.push(`b:${h}`) });
    expect(await a.tick()).toBe(true);
    expect(await b.tick()).toBe(false);
    let runs = 0;
    const job = async () => ++runs;
    expect(await onlyOnLeaseHolder(a, job)(new Date(now))).toBe(1);
    expect(await onlyOnLeaseHolder(b, job)(new Date(now))).toBeNull();
    expect(runs).toBe(1);

    await a.stop();
    expect(a.holding).toBe(false);
    expect(await b.tick()).toBe(true);
    expect(changes).toEqual(['a:true', 'a:false', 'b:true']);
  });

  it('takes over from a holder that died, within a lease period', async () => {
    const a = new LeaseKeeper({ lease: contender(), now: clock });
    const b = new LeaseKeeper({ lease: contender(), now: clock });
    expect(await a.tick()).toBe(true);
    // a is killed: it never ticks again. b keeps trying every 20 s.
    for (let t = 20_000; t < 60_000; t += 20_000) {
      now += 20_000;
      expect(await b.tick()).toBe(false);
    }
    now += 20_000;
    expect(await b.tick()).toBe(true);
    expect(b.holding).toBe(true);
  });

  it('stops believing it holds the lease before the lease can pass on, when renewals fail', async () => {
    let reachable = true;
    const inner = contender();
    const flaky: JobLease = {
      acquire: () => (reachable ? inner.acquire() : Promise.reject(new Error('unreachable'))),
      renew: () => (reachable ? inner.renew() : Promise.reject(new Error('unreachable'))),
      release: () => inner.release(),
    };
    const errors: unknown[] = [];
    const changes: boolean[] = [];
    const a = new LeaseKeeper({ lease: flaky, now: clock, onError: (e) => errors.push(e), onChange: (h) => void changes.push(h) });
    const b = new LeaseKeeper({ lease: contender(), now: clock });
    expect(await a.tick()).toBe(true);
    reachable = false;
    now += 20_000;
    expect(await a.tick()).toBe(true); // one failed renewal: still inside the margin
    now += 20_000;
    expect(await a.tick()).toBe(false); // two: a gives up 20 s before the lease ends
    expect(changes).toEqual([true, false]);
    expect(await b.tick()).toBe(false); // ...and b cannot have it yet
    now += 20_000;
    expect(await b.tick()).toBe(true);
    expect(errors).toHaveLength(2);
  });

  it('refuses a renewal period too long for its lease', () => {
    expect(() => new LeaseKeeper({ lease: contender(), leaseMs: 60_000, renewEveryMs: 30_000 })).toThrow(RangeError);
  });
});
