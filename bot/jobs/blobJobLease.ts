import { randomUUID } from 'node:crypto';
import type { JobLease } from './jobLease';

/**
 * The job lease in Azure: a lease on an empty blob (Blob service "Lease Blob": 15–60 s, renewable,
 * 409 LeaseAlreadyPresent while another holds it). The shapes below are the parts of
 * @azure/storage-blob's ContainerClient we use, so the SDK's client fits them as it is and this
 * module needs no SDK import (the SDK is installed only where the service runs in Azure).
 */
export interface BlobLeaseClientLike {
  acquireLease(durationSeconds: number): Promise<unknown>;
  renewLease(): Promise<unknown>;
  releaseLease(): Promise<unknown>;
}
export interface LeaseBlobLike {
  upload(body: string, contentLength: number, options?: { conditions?: { ifNoneMatch?: string } }): Promise<unknown>;
  getBlobLeaseClient(proposeLeaseId?: string): BlobLeaseClientLike;
}
export interface LeaseContainerLike {
  createIfNotExists(): Promise<unknown>;
  getBlockBlobClient(blobName: string): LeaseBlobLike;
}

export interface BlobJobLeaseOptions {
  /** e.g. new ContainerClient(`${accountUrl}/job-lease`, new DefaultAzureCredential()) */
  container: LeaseContainerLike;
  blobName?: string;
  /** 15 to 60 (the Blob service's range); 60 by default. */
  leaseSeconds?: number;
  /** This instance's lease id; a fresh one per process by default. */
  leaseId?: string;
}

function statusOf(err: unknown): number | undefined {
  if (typeof err === 'object' && err !== null && 'statusCode' in err) {
    const s = (err as { statusCode: unknown }).statusCode;
    return typeof s === 'number' ? s : undefined;
  }
  return undefined;
}

export class BlobJobLease implements JobLease {
  private readonly blob: LeaseBlobLike;
  private readonly lease: BlobLeaseClientLike;
  private readonly leaseSeconds: number;
  private created = false;
  readonly leaseId: string;

  constructor(private readonly o: BlobJobLeaseOptions) {
    this.leaseSeconds = o.leaseSeconds ?? 60;
    if (this.leaseSeconds < 15 || this.leaseSeconds > 60) throw new RangeError('a blob lease lasts 15 to 60 seconds');
    this.leaseId = o.leaseId ?? randomUUID();
    this.blob = o.container.getBlockBlobClient(o.blobName ?? 'jobs.lease');
    this.lease = this.blob.getBlobLeaseClient(this.leaseId);
  }

  async acquire(): Promise<boolean> {
    if (!this.created) await this.ensureBlob();
    try {
      await this.lease.acquireLease(this.leaseSeconds);
      return true;
    } catch (err) {
      const status = statusOf(err);
      if (status === 409) return false; // another instance holds it
      if (status === 404) {
        // The blob (or container) was deleted under us: make it again next time.
        this.created = false;
        return false;
      }
      throw err;
    }
  }

  async renew(): Promise<boolean> {
    try {
      await this.lease.renewLease();
      return true;
    } catch (err) {
      const status = statusOf(err);
      if (status === 409 || status === 412 || status === 404) return false; // taken over, or gone
      throw err;
    }
  }

  async release(): Promise<void> {
    try {
      await this.lease.releaseLease();
    } catch (err) {
      const status = statusOf(err);
      if (status === 409 || status === 412 || status === 404) return; // not ours any more
      throw err;
    }
  }

  private async ensureBlob(): Promise<void> {
    await this.o.container.createIfNotExists();
    try {
      await this.blob.upload('', 0, { conditions: { ifNoneMatch: '*' } });
    } catch (err) {
      const status = statusOf(err);
      // 409: it already exists; 412: it exists and is leased. Either way it is there.
      if (status !== 409 && status !== 412) throw err;
    }
    this.created = true;
  }
}
