import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, DuplicateError, InvalidCursorError, NotFoundError, type RoundStore } from '../../bot/store/storeInterface';
import { auditRound, type AuditRound } from '../../shared/schemas/rounds';

export interface OpenedRounds {
  rounds: RoundStore;
  close(): Promise<void>;
}

let seq = 0;
/** A valid draft round; fresh id each call. */
export function buildRound(over: Partial<AuditRound> = {}): AuditRound {
  seq++;
  return auditRound.parse({
    id: `rnd-${String(seq).padStart(4, '0')}`,
    month: '2026-11',
    auditType: 'managersMonthly',
    theme: null,
    auditorIds: ['staff-a1', 'staff-a2'],
    casesPerAuditor: 2,
    dueDate: '2026-11-30',
    seed: 1234 + seq,
    status: 'draft',
    allocations: [
      { caseId: 'case-1', auditorId: 'staff-a1', conflicts: [], reason: 'Picked at random; no link between auditor and case' },
      { caseId: 'case-2', auditorId: 'staff-a2', conflicts: ['ownTeamPast'], reason: 'No conflict-free case was left.' },
    ],
    problems: [],
    historyChecked: 'current team and worker only',
    calendarOverrideReason: null,
    createdBy: 'staff-qa',
    createdAt: '2026-11-02T09:00:00.000Z',
    publishedAt: null,
    ...over,
  });
}

/** The behaviour every RoundStore must show. `open` returns a fresh, empty store; the suite closes it. */
export function runRoundStoreContract(name: string, open: () => Promise<OpenedRounds>): void {
  describe(`Round store contract: ${name}`, () => {
    let opened: OpenedRounds;
    let rounds: RoundStore;
    beforeEach(async () => {
      opened = await open();
      rounds = opened.rounds;
    });
    afterEach(async () => {
      await opened.close();
    });

    it('reads back what was written, with an etag; a missing id is null', async () => {
      const r = buildRound();
      const created = await rounds.put(r, null);
      expect(created.etag.length).toBeGreaterThan(0);
      const { etag: _etag, ...bare } = created;
      expect(bare).toEqual(r);
      expect(await rounds.get(r.id)).toEqual(created);
      expect(await rounds.get('rnd-none')).toBeNull();
    });

    it('updates only with the current etag, and never creates over an existing id', async () => {
      const created = await rounds.put(buildRound(), null);
      const published = await rounds.put({ ...created, status: 'published', publishedAt: '2026-11-03T10:00:00.000Z' }, created.etag);
      expect(published.etag).not.toBe(created.etag);
      expect(published.status).toBe('published');
      await expect(rounds.put({ ...created, allocations: [] }, created.etag)).rejects.toBeInstanceOf(ConflictError);
      await expect(rounds.put(created, null)).rejects.toBeInstanceOf(DuplicateError);
      await expect(rounds.put(buildRound(), published.etag)).rejects.toBeInstanceOf(NotFoundError);
      expect(await rounds.get(created.id)).toEqual(published);
    });

    it('rejects an invalid round and writes nothing', async () => {
      const r = buildRound();
      await expect(rounds.put({ ...r, month: '2026-13' }, null)).rejects.toThrow();
      expect(await rounds.get(r.id)).toBeNull();
    });

    it('lists a month by id, page by page, and rejects a foreign cursor', async () => {
      const want: string[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await rounds.put(buildRound({ id: `rnd-m-${(i * 3) % 7}` }), null);
        want.push(r.id);
        await rounds.put(buildRound({ month: '2026-12' }), null);
      }
      const got: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<RoundStore['listByMonth']>> = await rounds.listByMonth('2026-11', { cursor, limit: 3 });
        got.push(...page.items.map((r) => r.id));
        cursor = page.next;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(got).toEqual([...want].sort());
      expect((await rounds.listByMonth('2027-01')).items).toEqual([]);
      await expect(rounds.listByMonth('2026-11', { cursor: 'not a cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('lists rounds by status across months, page by page, following a close', async () => {
      const open: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await rounds.put(buildRound({ id: `rnd-s-${(i * 2) % 5}`, month: `2026-0${i + 1}`, status: 'published', publishedAt: '2026-01-03T10:00:00.000Z' }), null);
        open.push(r.id);
      }
      await rounds.put(buildRound({ id: 'rnd-s-draft' }), null);
      const got: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Awaited<ReturnType<RoundStore['listByStatus']>> = await rounds.listByStatus('published', { cursor, limit: 2 });
        got.push(...page.items.map((r) => r.id));
        cursor = page.next;
        pages++;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(got).toEqual([...open].sort());
      expect((await rounds.listByStatus('draft')).items.map((r) => r.id)).toEqual(['rnd-s-draft']);
      const held = await rounds.get('rnd-s-0');
      const closed = await rounds.put(
        { ...held!, status: 'closed', closedAt: '2026-02-01T10:00:00.000Z', closedById: 'staff-qa', closeReason: null, purge: { registerRowsRemoved: 3, completedAt: null, pendingCaseIds: [] } },
        held!.etag,
      );
      expect((await rounds.listByStatus('closed')).items).toEqual([closed]);
      expect((await rounds.listByStatus('published')).items.map((r) => r.id)).not.toContain('rnd-s-0');
    });

    it('reads a round stored before closing existed as not closed, with no purge', async () => {
      const { closedAt: _a, closedById: _b, closeReason: _c, purge: _d, ...old } = buildRound();
      const stored = await rounds.put(old as AuditRound, null);
      expect(stored).toMatchObject({ closedAt: null, closedById: null, closeReason: null, purge: null });
      expect(await rounds.get(stored.id)).toMatchObject({ closedAt: null, purge: null });
    });
  });
}
