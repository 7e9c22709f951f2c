import type { Audit } from '../../shared/schemas/audits';
import { reportMonths } from '../../shared/reports/reportMonths';
import { MAX_PAGE_LIMIT, type Store, type WithETag } from '../store/storeInterface';

/**
 * Every audit due from `fromMonth` to `toMonth` (`YYYY-MM`, both included, at most
 * REPORT_MAX_MONTHS), month by month and page by page, in due date then id order: the read side of
 * the monthly reports. Pages are read as they are consumed, so a report never holds the whole
 * period in memory. The months are checked when called: RangeError, before any read.
 *
 * The limit this relies on: each month is one range query on the due date, and on a list over
 * SharePoint's list view threshold a query whose filter selects 5,000 items or more is refused.
 * So a council must have fewer than 5,000 audits due in any one month (monthly rounds make a few
 * hundred); more would need each month read in smaller date ranges.
 */
export function auditsDueBetween(store: Pick<Store, 'audits'>, fromMonth: string, toMonth: string): AsyncIterable<WithETag<Audit>> {
  const months = reportMonths(fromMonth, toMonth);
  return (async function* () {
    for (const month of months) {
      let cursor: string | null = null;
      do {
        const page = await store.audits.listDueInMonth(month, { cursor, limit: MAX_PAGE_LIMIT });
        yield* page.items;
        cursor = page.next;
      } while (cursor !== null);
    }
  })();
}
