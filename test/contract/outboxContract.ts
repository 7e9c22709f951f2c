import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxStateError, type NewNotification, type OutboxStore } from '../../bot/delivery/outboxStore';
import { DuplicateError, InvalidCursorError, NotFoundError } from '../../bot/store/storeInterface';

export interface OpenedOutbox {
  outbox: OutboxStore;
  close(): Promise<void>;
}

/**
 * The behaviour every OutboxStore must show. `open` gets the clock the store must use and returns
 * a fresh, empty outbox; the suite closes it after each test.
 */
export function runOutboxContract(name: string, open: (clock: () => Date) => Promise<OpenedOutbox>): void {
  describe(`Outbox contract: ${name}`, () => {
    let t: number;
    let opened: OpenedOutbox;
    let outbox: OutboxStore;
    const now = () => new Date(t);
    beforeEach(async () => {
      t = Date.parse('2026-11-23T09:00:00.000Z');
      opened = await open(now);
      outbox = opened.outbox;
    });
    afterEach(async () => {
      await opened.close();
    });

    let seq = 0;
    const note = (over: Partial<NewNotification> = {}): NewNotification => ({
      id: `n-${++seq}`,
      conversationKey: 'a:1conv-XYZ',
      recipientId: 'staff-1',
      kind: 'auditAllocated',
      payload: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'An audit is ready' }] },
      priority: 'routine',
      ...over,
    });

    it('enqueues as queued, due now, with no attempts; idempotent by id', async () => {
      const n = note();
      const stored = await outbox.enqueue(n);
      expect(stored).toMatchObject({ ...n, status: 'queued', attempts: 0, activityId: null, lastError: null, undeliverableReason: null });
      expect(stored.nextAttemptAt).toBe(now().toISOString());
      expect(stored.createdAt).toBe(now().toISOString());
      expect(await outbox.get(n.id)).toEqual(stored);

      // The same again returns what is stored, even after it moved on.
      await outbox.claimDue(now(), 10);
      const again = await outbox.enqueue(n);
      expect(again.status).toBe('sending');
      expect((await outbox.countByStatus()).sending).toBe(1);
      await expect(outbox.enqueue({ ...n, payload: { other: true } })).rejects.toBeInstanceOf(DuplicateError);
      expect(await outbox.get('missing')).toBeNull();
    });

    it('rejects an invalid notification', async () => {
      await expect(outbox.enqueue(note({ id: 'has spaces' }))).rejects.toThrow();
      await expect(outbox.enqueue(note({ priority: 'whenever' as 'urgent' }))).rejects.toThrow();
      expect(await outbox.countByStatus()).toEqual({ queued: 0, sending: 0, sent: 0, failed: 0, undeliverable: 0 });
    });

    it('claims due ones only, urgent first then oldest, up to the limit, each once', async () => {
      const a = await outbox.enqueue(note());
      t += 1000;
      const b = await outbox.enqueue(note({ priority: 'urgent' }));
      t += 1000;
      const c = await outbox.enqueue(note());
      await outbox.enqueue(note({ notBefore: new Date(t + 60_000).toISOString() }));
      const first = await outbox.claimDue(now(), 2);
      expect(first.map((n) => n.id)).toEqual([b.id, a.id]);
      expect(first.every((n) => n.status === 'sending')).toBe(true);
      const second = await outbox.claimDue(now(), 10);
      expect(second.map((n) => n.id)).toEqual([c.id]);
      expect(await outbox.claimDue(now(), 10)).toEqual([]);
      t += 60_000;
      expect((await outbox.claimDue(now(), 10)).length).toBe(1);
      expect(await outbox.claimDue(now(), 0)).toEqual([]);
    });

    it('marks sent with the activity id and counts the attempt', async () => {
      const n = await outbox.enqueue(note());
      await outbox.claimDue(now(), 1);
      t += 500;
      const sent = await outbox.markSent(n.id, '1:activity');
      expect(sent).toMatchObject({ status: 'sent', activityId: '1:activity', attempts: 1 });
      expect(sent.updatedAt).toBe(now().toISOString());
      // Only from 'sending'.
      await expect(outbox.markSent(n.id, '1:again')).rejects.toBeInstanceOf(OutboxStateError);
      await expect(outbox.markSent('missing', null)).rejects.toBeInstanceOf(NotFoundError);
    });

    it('reschedules (attempt counted) and releases (not counted) back into the queue at the given time', async () => {
      const n = await outbox.enqueue(note());
      await outbox.claimDue(now(), 1);
      const later = new Date(t + 5_000);
      const r = await outbox.reschedule(n.id, later, '429 Throttled');
      expect(r).toMatchObject({ status: 'queued', attempts: 1, lastError: '429 Throttled', nextAttemptAt: later.toISOString() });
      expect(await outbox.claimDue(now(), 10)).toEqual([]);
      t += 5_000;
      expect((await outbox.claimDue(now(), 10)).map((x) => x.id)).toEqual([n.id]);
      const released = await outbox.release(n.id, new Date(t + 100));
      expect(released).toMatchObject({ status: 'queued', attempts: 1 });
      await expect(outbox.reschedule(n.id, now(), 'x')).rejects.toBeInstanceOf(OutboxStateError);
    });

    it('marks failed and undeliverable with the reason, lists them, and requeues on request', async () => {
      const f = await outbox.enqueue(note());
      const u = await outbox.enqueue(note({ recipientId: 'staff-2' }));
      await outbox.claimDue(now(), 10);
      expect(await outbox.markFailed(f.id, '500 ServiceError')).toMatchObject({ status: 'failed', attempts: 1, lastError: '500 ServiceError' });
      expect(await outbox.markUndeliverable(u.id, 'blocked', '403 ConversationBlockedByUser')).toMatchObject({
        status: 'undeliverable',
        undeliverableReason: 'blocked',
      });
      expect((await outbox.listByStatus('undeliverable')).items.map((x) => x.recipientId)).toEqual(['staff-2']);
      expect(await outbox.countByStatus()).toMatchObject({ failed: 1, undeliverable: 1, sending: 0 });
      await expect(outbox.requeue(f.id)).resolves.toMatchObject({ status: 'queued', attempts: 0 });
      await expect(outbox.requeue(u.id)).resolves.toMatchObject({ status: 'queued', undeliverableReason: null });
      await expect(outbox.requeue(u.id)).rejects.toBeInstanceOf(OutboxStateError);
      expect((await outbox.claimDue(now(), 10)).length).toBe(2);
    });

    it('resetSending puts every sending one back, due now, and counts them', async () => {
      for (let i = 0; i < 5; i++) await outbox.enqueue(note());
      const claimed = await outbox.claimDue(now(), 3);
      await outbox.markSent((claimed[0] ?? { id: '' }).id, null);
      expect(await outbox.resetSending()).toBe(2);
      expect(await outbox.resetSending()).toBe(0);
      expect(await outbox.countByStatus()).toEqual({ queued: 4, sending: 0, sent: 1, failed: 0, undeliverable: 0 });
      expect((await outbox.claimDue(now(), 10)).length).toBe(4);
    });

    it('pages a status list oldest first with an opaque cursor', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 7; i++) {
        ids.push((await outbox.enqueue(note())).id);
        t += 10;
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<OutboxStore['listByStatus']>> = await outbox.listByStatus('queued', { cursor, limit: 3 });
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((x) => x.id));
        cursor = page.next;
      } while (cursor);
      expect(seen).toEqual(ids);
      await expect(outbox.listByStatus('queued', { cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('never lets two claimers take the same notification', async () => {
      for (let i = 0; i < 50; i++) await outbox.enqueue(note());
      const batches = await Promise.all(Array.from({ length: 5 }, () => outbox.claimDue(now(), 15)));
      const all = batches.flat().map((n) => n.id);
      expect(all.length).toBe(50);
      expect(new Set(all).size).toBe(50);
    });
  });
}
