import type { IsoDate } from '../../shared/schemas/common';
import { exemptionRequest, type ExemptionRequest } from '../../shared/schemas/exemptions';
import { monthOf } from '../../shared/exemptions/exemptionRules';
import { addDays, addMonths } from './demoDates';

/**
 * Two invented requests to be excused from auditing, both waiting: a deputy's, awaiting the view
 * of their team manager (the featured manager), and a team manager's that their head of service
 * supports, ready for a QA lead's decision. Dated from `today`; they ask about next month on.
 */
export function buildDemoExemptions(today: IsoDate): ExemptionRequest[] {
  const nextMonth = monthOf(addMonths(today, 1));
  const monthAfter = monthOf(addMonths(today, 2));
  return [
    {
      id: 'exm-demo-deputy',
      auditorId: 'dtm-leaving-care',
      months: [nextMonth, monthAfter],
      auditTypes: ['childsJourneyMonthly', 'deepDive', 'managersMonthly'],
      reason: 'Covering two vacant posts in the team until the new starters arrive.',
      status: 'requested',
      lineManagerView: null,
      decision: null,
      createdAt: `${addDays(today, -2)}T10:15:00.000Z`,
      withdrawnAt: null,
    },
    {
      id: 'exm-demo-manager',
      auditorId: 'tm-mash',
      months: [nextMonth],
      auditTypes: ['childsJourneyMonthly', 'managersMonthly'],
      reason: 'Planned leave for most of the month.',
      status: 'lineManagerConsulted',
      lineManagerView: { supports: true, comment: 'Discussed in supervision; I support this.', byId: 'hos-front-door', at: `${addDays(today, -1)}T14:00:00.000Z` },
      decision: null,
      createdAt: `${addDays(today, -3)}T09:30:00.000Z`,
      withdrawnAt: null,
    },
  ].map((r) => exemptionRequest.parse(r));
}
