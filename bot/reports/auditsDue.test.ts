import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAudit } from '../../test/fixtures/builders';
import { openSqliteStore } from '../store/sqlite/openSqliteStore';
import { MAX_PAGE_LIMIT, type AuditStore, type Store } from '../store/storeInterface';
import { auditsDueBetween } from './auditsDue';

let store: Store;
beforeEach(() => {
  store = openSqliteStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of items) out.push(x);
  return out;
}

/** The store, counting the month queries it is asked. */
function counting(): { audits: AuditStore; months: string[] } {
  const months: string[] = [];
  const audits: AuditStore = {
    ...store.audits,
    listDueInMonth: (month, page) => {
      months.push(month);
      return store.audits.listDueInMonth(month, page);
    },
  };
  return { audits, months };
}

describe('auditsDueBetween', () => {
  it('gives every audit due in the months, once, month by month in due date then id order', async () => {
    const due = ['2026-10-31', '2026-11-01', '2026-12-31', '2027-01-01', '2026-11-30', '2027-02-01', '2026-11-15'];
    for (const [i, dueDate] of due.entries()) await store.audits.create(buildAudit({ id: `au-${i}`, dueDate }), []);
    const got = await collect(auditsDueBetween(store, '2026-11', '2027-01'));
    expect(got.map((a) => a.dueDate)).toEqual(['2026-11-01', '2026-11-15', '2026-11-30', '2026-12-31', '2027-01-01']);
    expect(got.every((a) => a.etag.length > 0)).toBe(true);
  });

  it('follows the pages of a month with more audits than one page holds', async () => {
    const n = MAX_PAGE_LIMIT + 3;
    for (let i = 0; i < n; i++) await store.audits.create(buildAudit({ id: `big-${String(i).padStart(4, '0')}`, dueDate: i % 2 ? '2026-11-30' : '2026-11-02' }), []);
    await store.audits.create(buildAudit({ id: 'other', dueDate: '2026-12-01' }), []);
    const c = counting();
    const got = await collect(auditsDueBetween(c, '2026-11', '2026-11'));
    expect(got).toHaveLength(n);
    expect(new Set(got.map((a) => a.id)).size).toBe(n);
    expect(c.months).toEqual(['2026-11', '2026-11']);
  });

  it('reads a page only when it is needed', async () => {
    await store.audits.create(buildAudit({ id: 'a', dueDate: '2026-11-05' }), []);
    await store.audits.create(buildAudit({ id: 'b', dueDate: '2026-12-05' }), []);
    const c = counting();
    const it = auditsDueBetween(c, '2026-11', '2027-06')[Symbol.asyncIterator]();
    expect(c.months).toEqual([]);
    expect((await it.next()).value?.id).toBe('a');
    expect(c.months).toEqual(['2026-11']);
    await it.return?.();
    expect(c.months).toEqual(['2026-11']);
  });

  it('refuses months that are not a valid range when called, before reading anything', () => {
    const c = counting();
    expect(() => auditsDueBetween(c, '2026-13', '2027-01')).toThrow(RangeError);
    expect(() => auditsDueBetween(c, '2027-01', '2026-12')).toThrow(RangeError);
    expect(() => auditsDueBetween(c, '2020-01', '2026-12')).toThrow(/at most 60 months/);
    expect(c.months).toEqual([]);
  });
});
