import { describe, expect, it } from 'vitest';
import { ConflictError, type Store } from '../../bot/store/storeInterface';
import type { TrailEntry } from '../../shared/schemas/trail';
import { buildAction, buildAudit } from '../fixtures/builders';

/**
 * ActionStore.update with trail entries: an action step (done, approved, returned) and its audit's
 * trail are written together or not at all, and the audit itself is not touched.
 */
export function runActionTrailContract(name: string, open: () => Promise<Pick<Store, 'actions' | 'audits' | 'trail' | 'close'>>): void {
  const entry = (auditId: string, id: string): TrailEntry => ({
    id,
    auditId,
    at: '2026-11-25T10:00:00.000Z',
    actorId: 'staff-owner',
    kind: 'status',
    field: 'actions.x.status',
    before: 'open',
    after: 'done',
    textLengths: null,
  });

  describe(`${name}: action updates with trail entries`, () => {
    it('writes the action and its trail entries together, leaving the audit’s etag as it was', async () => {
      const store = await open();
      const audit = await store.audits.create(buildAudit(), []);
      const created = await store.actions.create(buildAction({ auditId: audit.id }));
      const { etag: _e, ...rest } = created;
      const updated = await store.actions.update({ ...rest, status: 'done', doneNote: 'Plan updated', doneAt: '2026-11-25T10:00:00.000Z' }, created.etag, [entry(audit.id, 'trl-a1')]);
      expect(updated.status).toBe('done');
      expect(updated.etag).not.toBe(created.etag);
      expect((await store.trail.listByAudit(audit.id)).items.map((t) => t.id)).toEqual(['trl-a1']);
      expect((await store.audits.get(audit.id))?.etag).toBe(audit.etag);
      await store.close();
    });

    it('a stale write records neither the change nor its trail', async () => {
      const store = await open();
      const audit = await store.audits.create(buildAudit(), []);
      const created = await store.actions.create(buildAction({ auditId: audit.id }));
      const { etag: _e, ...rest } = created;
      await store.actions.update({ ...rest, dueDate: '2027-01-20' }, created.etag);
      await expect(store.actions.update({ ...rest, status: 'done', doneAt: '2026-11-25T10:00:00.000Z', doneNote: 'x' }, created.etag, [entry(audit.id, 'trl-b1')])).rejects.toBeInstanceOf(
        ConflictError,
      );
      expect((await store.trail.listByAudit(audit.id)).items).toEqual([]);
      expect((await store.actions.get(created.id))?.status).toBe('open');
      await store.close();
    });

    it('refuses trail entries of another audit, writing nothing', async () => {
      const store = await open();
      const audit = await store.audits.create(buildAudit(), []);
      const other = await store.audits.create(buildAudit(), []);
      const created = await store.actions.create(buildAction({ auditId: audit.id }));
      const { etag: _e, ...rest } = created;
      await expect(store.actions.update({ ...rest, status: 'done', doneAt: '2026-11-25T10:00:00.000Z', doneNote: 'x' }, created.etag, [entry(other.id, 'trl-c1')])).rejects.toThrow(/belongs to audit/);
      expect((await store.actions.get(created.id))?.etag).toBe(created.etag);
      expect((await store.trail.listByAudit(other.id)).items).toEqual([]);
      await store.close();
    });
  });
}
