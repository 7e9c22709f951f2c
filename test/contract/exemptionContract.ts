import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError, DuplicateError, InvalidCursorError, NotFoundError, type ExemptionStore, type Page, type WithETag } from '../../bot/store/storeInterface';
import { exemptionRequest, type ExemptionRequest } from '../../shared/schemas/exemptions';

export interface OpenedExemptions {
  exemptions: ExemptionStore;
  close(): Promise<void>;
}

let seq = 0;
/** A valid request awaiting the line manager's view; fresh id each call. */
export function buildExemption(over: Partial<ExemptionRequest> = {}): ExemptionRequest {
  seq++;
  return exemptionRequest.parse({
    id: `exm-${String(seq).padStart(4, '0')}`,
    auditorId: 'staff-a1',
    months: ['2026-12', '2027-01'],
    auditTypes: ['managersMonthly', 'childsJourneyMonthly'],
    reason: 'Away on long leave over the winter',
    status: 'requested',
    lineManagerView: null,
    decision: null,
    createdAt: '2026-11-23T10:00:00.000Z',
    withdrawnAt: null,
    ...over,
  });
}

type Lister = (page: { cursor: string | null; limit: number }) => Promise<Page<WithETag<ExemptionRequest>>>;

async function readInPages(list: Lister, limit: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Page<WithETag<ExemptionRequest>> = await list({ cursor, limit });
    ids.push(...page.items.map((r) => r.id));
    cursor = page.next;
    pages++;
  } while (cursor && pages < 20);
  return { ids, pages };
}

/** The behaviour every ExemptionStore must show. `open` returns a fresh, empty store; the suite closes it. */
export function runExemptionStoreContract(name: string, open: () => Promise<OpenedExemptions>): void {
  describe(`Exemption store contract: ${name}`, () => {
    let opened: OpenedExemptions;
    let exemptions: ExemptionStore;
    beforeEach(async () => {
      opened = await open();
      exemptions = opened.exemptions;
    });
    afterEach(async () => {
      await opened.close();
    });

    it('reads back what was written, with an etag; a missing id is null', async () => {
      const r = buildExemption();
      const created = await exemptions.create(r);
      expect(created.etag.length).toBeGreaterThan(0);
      const { etag: _etag, ...bare } = created;
      expect(bare).toEqual(r);
      expect(await exemptions.get(r.id)).toEqual(created);
      expect(await exemptions.get('exm-none')).toBeNull();
    });

    it('updates only with the current etag, and never creates over an existing id', async () => {
      const created = await exemptions.create(buildExemption());
      const view = { supports: true, comment: 'Discussed in supervision', byId: 'staff-lm', at: '2026-11-24T09:00:00.000Z' };
      const consulted = await exemptions.update({ ...created, status: 'lineManagerConsulted', lineManagerView: view }, created.etag);
      expect(consulted.etag).not.toBe(created.etag);
      expect(consulted.lineManagerView).toEqual(view);
      await expect(exemptions.update({ ...created, status: 'withdrawn', withdrawnAt: '2026-11-24T10:00:00.000Z' }, created.etag)).rejects.toBeInstanceOf(ConflictError);
      await expect(exemptions.create(created)).rejects.toBeInstanceOf(DuplicateError);
      await expect(exemptions.update(buildExemption(), consulted.etag)).rejects.toBeInstanceOf(NotFoundError);
      await expect(exemptions.update({ ...consulted, reason: 'Changed' }, 'not-an-etag')).rejects.toBeInstanceOf(ConflictError);
      expect(await exemptions.get(created.id)).toEqual(consulted);
    });

    it('rejects an invalid request and writes nothing', async () => {
      const r = buildExemption();
      await expect(exemptions.create({ ...r, months: ['2026-12', '2027-02'] })).rejects.toThrow();
      await expect(exemptions.create({ ...r, status: 'agreed' })).rejects.toThrow();
      await expect(exemptions.create({ ...r, reason: 'x'.repeat(1001) })).rejects.toThrow();
      expect(await exemptions.get(r.id)).toBeNull();
    });

    it("lists one auditor's requests oldest first, page by page, and rejects a foreign cursor", async () => {
      const want: string[] = [];
      for (let i = 0; i < 7; i++) {
        // Written out of order, with one tie on createdAt broken by id.
        const at = `2026-11-${String(10 + ((i * 3) % 7)).padStart(2, '0')}T09:00:00.000Z`;
        want.push((await exemptions.create(buildExemption({ id: `exm-a-${i}`, createdAt: at }))).id);
        await exemptions.create(buildExemption({ auditorId: 'staff-other', createdAt: at }));
      }
      await exemptions.create(buildExemption({ id: 'exm-a-tie', createdAt: '2026-11-10T09:00:00.000Z' }));
      const got = await readInPages((p) => exemptions.listByAuditor('staff-a1', p), 3);
      expect(got.pages).toBe(3);
      expect(got.ids).toEqual(['exm-a-0', 'exm-a-tie', 'exm-a-5', 'exm-a-3', 'exm-a-1', 'exm-a-6', 'exm-a-4', 'exm-a-2']);
      expect(new Set(got.ids)).toEqual(new Set([...want, 'exm-a-tie']));
      expect((await exemptions.listByAuditor('staff-nobody')).items).toEqual([]);
      await expect(exemptions.listByAuditor('staff-a1', { cursor: 'not a cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it('lists by status, following a request as its status changes', async () => {
      const a = await exemptions.create(buildExemption({ createdAt: '2026-11-20T09:00:00.000Z' }));
      const b = await exemptions.create(buildExemption({ createdAt: '2026-11-19T09:00:00.000Z' }));
      await exemptions.create(buildExemption({ createdAt: '2026-11-21T09:00:00.000Z', status: 'withdrawn', withdrawnAt: '2026-11-21T10:00:00.000Z' }));
      expect((await exemptions.listByStatus('requested')).items.map((r) => r.id)).toEqual([b.id, a.id]);
      await exemptions.update({ ...a, status: 'refused', decision: { outcome: 'refused', note: 'Needed this month', byId: 'staff-qa', at: '2026-11-22T09:00:00.000Z', lineManagerConsulted: false } }, a.etag);
      expect((await exemptions.listByStatus('requested')).items.map((r) => r.id)).toEqual([b.id]);
      const refused = await exemptions.listByStatus('refused');
      expect(refused.items.map((r) => r.id)).toEqual([a.id]);
      expect(refused.items[0]?.decision?.outcome).toBe('refused');
      expect((await exemptions.listByStatus('agreed')).items).toEqual([]);
      const firstPage = await exemptions.listByStatus('requested', { limit: 1 });
      expect(firstPage.next).toBeNull();
    });
  });
}
