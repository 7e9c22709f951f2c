import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobJobLease, type BlobLeaseClientLike, type LeaseBlobLike, type LeaseContainerLike } from './blobJobLease';
import { freePort } from '../../test/fixtures/freePort';

/**
 * Two layers: the lease logic against a small in-memory model of the Blob service's lease rules
 * (always runs), and the real SDK against Azurite (runs when azurite and @azure/storage-blob are
 * installed; otherwise skipped with a message).
 */
class StatusError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
  ) {
    super(code);
  }
}

/** The Lease Blob rules that matter here: one active lease id; a lapsed lease can be renewed by its own id until someone else takes it. */
function modelContainer(clock: () => number): LeaseContainerLike {
  let exists = false;
  let lease: { id: string; until: number } | null = null;
  const blob: LeaseBlobLike = {
    async upload(_body, _len, options) {
      if (exists && options?.conditions?.ifNoneMatch === '*') throw new StatusError(409, 'BlobAlreadyExists');
      exists = true;
    },
    getBlobLeaseClient(id = 'random'): BlobLeaseClientLike {
      return {
        async acquireLease(seconds) {
          if (!exists) throw new StatusError(404, 'BlobNotFound');
          if (lease && lease.id !== id && lease.until > clock()) throw new StatusError(409, 'LeaseAlreadyPresent');
          lease = { id, until: clock() + seconds * 1000 };
        },
        async renewLease() {
          if (!lease || lease.id !== id) throw new StatusError(409, 'LeaseIdMismatchWithLeaseOperation');
          lease.until = clock() + 60_000;
        },
        async releaseLease() {
          if (!lease || lease.id !== id) throw new StatusError(409, 'LeaseIdMismatchWithLeaseOperation');
          lease = null;
        },
      };
    },
  };
  return { createIfNotExists: async () => undefined, getBlockBlobClient: () => blob };
}

describe('BlobJobLease (lease rules modelled)', () => {
  it('one holder; takeover after expiry; release hands over at once', async () => {
    let now = 0;
    const container = modelContainer(() => now);
    const a = new BlobJobLease({ container });
    const b = new BlobJobLease({ container });
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    expect(await b.renew()).toBe(false);
    now += 60_001;
    expect(await b.acquire()).toBe(true);
    expect(await a.renew()).toBe(false);
    await a.release(); // not ours: no error
    await b.release();
    expect(await a.acquire()).toBe(true);
  });

  it('passes other storage errors on, and refuses a lease length the service would refuse', async () => {
    const failing: LeaseContainerLike = {
      createIfNotExists: async () => undefined,
      getBlockBlobClient: () => ({
        upload: async () => undefined,
        getBlobLeaseClient: () => ({
          acquireLease: () => Promise.reject(new StatusError(403, 'AuthorizationFailure')),
          renewLease: () => Promise.reject(new StatusError(500, 'InternalError')),
          releaseLease: async () => undefined,
        }),
      }),
    };
    const lease = new BlobJobLease({ container: failing });
    await expect(lease.acquire()).rejects.toThrow('AuthorizationFailure');
    await expect(lease.renew()).rejects.toThrow('InternalError');
    expect(() => new BlobJobLease({ container: failing, leaseSeconds: 10 })).toThrow(RangeError);
  });
});

// ---- Against Azurite, when installed ----

const root = path.resolve(import.meta.dirname, '..', '..');
const azuriteBin = path.join(root, 'node_modules', '.bin', 'azurite-blob');
const sdkInstalled = existsSync(path.join(root, 'node_modules', '@azure', 'storage-blob', 'package.json'));
const azuriteReady = existsSync(azuriteBin) && sdkInstalled;
if (!azuriteReady)
  console.warn('blobJobLease.test: Azurite tests skipped: install azurite@3.35.0 and @azure/storage-blob (devDependencies) to run the blob lease against Azurite.');

// Azurite's well-known development account (public, documented; not a secret).
const devAccount = 'devstoreaccount1';
const devKey = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

interface StorageBlobModule {
  BlobServiceClient: { fromConnectionString(cs: string): { getContainerClient(name: string): LeaseContainerLike } };
}

describe.skipIf(!azuriteReady)('BlobJobLease against Azurite', () => {
  let azurite: ChildProcess | null = null;
  let workDir = '';
  let containerFor: (name: string) => LeaseContainerLike;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'azurite-'));
    const port = await freePort();
    azurite = spawn(
      azuriteBin,
      ['--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', workDir, '--skipApiVersionCheck', '--disableTelemetry'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Azurite did not start within 15 s')), 15_000);
      azurite?.stdout?.on('data', (d: Buffer) => {
        if (/successfully listen/i.test(d.toString())) {
          clearTimeout(timer);
          resolve();
        }
      });
      azurite?.once('exit', (code) => reject(new Error(`Azurite exited with ${code}`)));
    });
    const moduleName = '@azure/storage-blob';
    const sdk = (await import(/* @vite-ignore */ moduleName)) as StorageBlobModule;
    const cs = `DefaultEndpointsProtocol=http;AccountName=${devAccount};AccountKey=${devKey};BlobEndpoint=http://127.0.0.1:${port}/${devAccount};`;
    const service = sdk.BlobServiceClient.fromConnectionString(cs);
    containerFor = (name) => service.getContainerClient(name);
  }, 30_000);

  afterAll(async () => {
    const proc = azurite;
    if (proc && proc.exitCode === null) {
      // Azurite writes to its folder until it has exited.
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.kill();
      await exited;
    }
    if (workDir) rmSync(workDir, { recursive: true, force: true, maxRetries: 3 });
  });

  it('lets only one of two contenders hold the lease, and hands over at once on release', async () => {
    const container = containerFor('job-lease-a');
    const a = new BlobJobLease({ container, leaseSeconds: 15 });
    const b = new BlobJobLease({ container, leaseSeconds: 15 });
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(false);
    expect(await a.renew()).toBe(true);
    expect(await b.renew()).toBe(false);
    await a.release();
    expect(await b.acquire()).toBe(true);
    expect(await a.acquire()).toBe(false);
    await b.release();
  });

  it('passes to the other contender when the holder stops renewing (15 s, the shortest lease)', async () => {
    const container = containerFor('job-lease-b');
    const a = new BlobJobLease({ container, leaseSeconds: 15 });
    const b = new BlobJobLease({ container, leaseSeconds: 15 });
    expect(await a.acquire()).toBe(true);
    await new Promise((r) => setTimeout(r, 10_000));
    expect(await b.acquire()).toBe(false);
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await b.acquire()).toBe(true);
    expect(await a.renew()).toBe(false);
  }, 40_000);
});
