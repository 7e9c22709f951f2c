import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReassignmentRequest } from '../../shared/schemas/reassignments';
import { reassignmentRequestId } from '../../shared/schemas/reassignments';
import { InvalidCursorError, NotFoundError, type ReassignmentStore } from '../../bot/store/storeInterface';

export interface OpenedReassignments {
  reassignments: ReassignmentStore;
  close(): Promise<void>;
}

const request = (auditId: string, n = 1, createdAt = '2026-11-23T10:00:00.000Z'): ReassignmentRequest => ({
  id: reassignmentRequestId(auditId, n),
  auditId,
  auditorId: 'staff-1',
  roundId: 'round-1',
  reason: 'On leave',
  status: 'open',
  createdAt,
  resolvedAt: null,
  resolvedById: null,
});

/** The behaviour every ReassignmentStore must show. `open` returns a fresh, empty store; the suite closes it. */
export function runReassignmentStoreContract(name: string, open: () => Promise<OpenedReassignments>): void {
  describe(`Reassignment store contract: ${name}`, () => {
    let opened: OpenedReassignments;
    let reassignments: ReassignmentStore;
    beforeEach(async () => {
      opened = await open();
      reassignments = opened.reassignments;
    });
    afterEach(async () => {
      await opened.close();
    });

    describe('requests', () => {
      it('keeps one open request per audit: a second create returns the first', async () => {
        const first = await reassignments.createOpen(request('audit-1'));
        expect(first.created).toBe(true);
        const replay = await reassignments.createOpen({ ...request('audit-1', 2), reason: 'Different' });
        expect(replay).toEqual({ request: first.request, created: false });
        expect(await reassignments.countByAudit('audit-1')).toBe(1);
      });

      it('resolves a request, after which the audit may have a new one', async () => {
        await reassignments.createOpen(request('audit-1'));
        const resolved = await reassignments.resolve(reassignmentRequestId('audit-1', 1), 'staff-lead', '2026-11-24T09:00:00.000Z');
        expect(resolved).toMatchObject({ status: 'resolved', resolvedById: 'staff-lead', resolvedAt: '2026-11-24T09:00:00.000Z' });
        // Resolving again changes nothing.
        expect(await reassignments.resolve(resolved.id, 'staff-other', '2026-11-25T09:00:00.000Z')).toEqual(resolved);
        const next = await reassignments.createOpen(request('audit-1', 2));
        expect(next.created).toBe(true);
        expect((await reassignments.listByStatus('resolved')).items.map((r) => r.id)).toEqual([resolved.id]);
        expect((await reassignments.listByStatus('open')).items.map((r) => r.id)).toEqual([next.request.id]);
        await expect(reassignments.resolve('rr-missing-1', 'staff-lead', '2026-11-24T09:00:00.000Z')).rejects.toBeInstanceOf(NotFoundError);
      });

      it('lists by status oldest first, in pages', async () => {
        await reassignments.createOpen(request('audit-b', 1, '2026-11-23T11:00:00.000Z'));
        await reassignments.createOpen(request('audit-a', 1, '2026-11-23T12:00:00.000Z'));
        await reassignments.createOpen(request('audit-c', 1, '2026-11-23T09:00:00.000Z'));
        const first = await reassignments.listByStatus('open', { limit: 2 });
        expect(first.items.map((r) => r.auditId)).toEqual(['audit-c', 'audit-b']);
        const second = await reassignments.listByStatus('open', { cursor: first.next, limit: 2 });
        expect(second.items.map((r) => r.auditId)).toEqual(['audit-a']);
        expect(second.next).toBeNull();
        await expect(reassignments.listByStatus('open', { cursor: 'nonsense' })).rejects.toBeInstanceOf(InvalidCursorError);
      });

      it('refuses an invalid record', async () => {
        await expect(reassignments.createOpen({ ...request('audit-1'), reason: 'x'.repeat(501) })).rejects.toThrow();
        await expect(reassignments.createOpen({ ...request('audit-1'), reason: '   ' })).rejects.toThrow();
      });
    });

    describe('outcomes', () => {
      it('records how a request was resolved: dealt with by default, or reassigned to whom', async () => {
        await reassignments.createOpen(request('audit-1'));
        await reassignments.createOpen(request('audit-2'));
        const dealt = await reassignments.resolve(reassignmentRequestId('audit-1', 1), 'staff-lead', '2026-11-24T09:00:00.000Z');
        expect(dealt).toMatchObject({ status: 'resolved', outcome: 'dealtWith' });
        expect(dealt.reassignedToId).toBeUndefined();
        const id = reassignmentRequestId('audit-2', 1);
        const moved = await reassignments.resolve(id, 'staff-lead', '2026-11-24T09:00:00.000Z', { outcome: 'reassigned', reassignedToId: 'staff-2' });
        expect(moved).toMatchObject({ status: 'resolved', outcome: 'reassigned', reassignedToId: 'staff-2' });
        expect(await reassignments.get(id)).toEqual(moved);
        // Resolved once: a second resolve, whatever it asks for, changes nothing.
        expect(await reassignments.resolve(id, 'staff-other', '2026-11-25T09:00:00.000Z', { outcome: 'dealtWith' })).toEqual(moved);
      });

      it('still reads requests stored before outcomes were recorded', async () => {
        const old = { ...request('audit-3'), status: 'resolved' as const, resolvedAt: '2026-11-24T09:00:00.000Z', resolvedById: 'staff-lead' };
        await reassignments.createOpen(old);
        const read = await reassignments.get(old.id);
        expect(read).toEqual(old);
        expect(read && 'outcome' in read).toBe(false);
      });
    });
  });
}
