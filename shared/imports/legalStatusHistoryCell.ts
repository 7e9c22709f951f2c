import { ukDate } from '../calendar/londonTime';
import { legalStatusLabels, type LegalStatus, type LegalStatusPeriod } from '../schemas/cases';
import type { IsoDate } from '../schemas/common';
import { createLabelLookup } from './nameLookups';
import { parseUkDate } from './ukDate';

/**
 * Legal statuses as case-management exports write them: the id (`childInNeed`), the label
 * ("Child in need") or a common abbreviation.
 */
export const matchLegalStatus = createLabelLookup<LegalStatus>({
  earlyHelp: [legalStatusLabels.earlyHelp, 'EH'],
  childInNeed: [legalStatusLabels.childInNeed, 'CIN'],
  childProtection: [
    legalStatusLabels.childProtection,
    'Child protection',
    'Child protection plan',
    'CP',
    'CPP',
    'Section 47',
    'S47',
  ],
  childInCare: [
    legalStatusLabels.childInCare,
    'CiC',
    'Looked after',
    'Looked after child',
    'LAC',
    'Child looked after',
    'CLA',
  ],
  careLeaver: [legalStatusLabels.careLeaver, 'Leaving care'],
});

export type LegalStatusHistoryResult =
  | { ok: true; periods: LegalStatusPeriod[]; warnings: string[] }
  | { ok: false; reasons: string[] };

// A date in a history period: day first with / or . (a - would be read as the range's dash), or ISO.
const DATE = String.raw`\d{1,2}[/.]\d{1,2}[/.]\d{1,4}|\d{4}-\d{1,2}-\d{1,2}`;
const PERIOD = new RegExp(String.raw`^(.+?)[\s:]+(${DATE})(?:\s*(?:-|–|—|\bto\b)\s*(${DATE})?)?$`, 'i');

/**
 * Reads the compact legal-status history cell:
 *
 *     childInNeed 01/02/2024-15/06/2024; childProtection 16/06/2024-
 *
 * Periods are separated by `;` (or line breaks). Each is a legal status (id, label or
 * abbreviation, as {@link matchLegalStatus}), then its first day, a dash (or "to") and its
 * last day; no last day means it is still current ("16/06/2024-" or just "16/06/2024").
 * Dates are dd/mm/yyyy (or d/m/yyyy, or ISO yyyy-mm-dd). Periods may be in any order; they
 * come back in date order.
 *
 * Refused: an unknown status or bad date; a period ending before it starts; a date after
 * `today`; periods that overlap (one may start on the day the previous one ends, as exports
 * often record a change of plan); an open period followed by another; and an open period whose
 * status is not `current` (the case's legal status now). A history with no open period is
 * accepted with a warning, since the legal status column still says what applies now.
 */
export function parseLegalStatusHistory(
  cell: string,
  context: { today: IsoDate; current: LegalStatus | null },
): LegalStatusHistoryResult {
  const reasons: string[] = [];
  const periods: LegalStatusPeriod[] = [];
  const parts = cell
    .split(/[;\n]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');

  for (const part of parts) {
    const m = PERIOD.exec(part);
    if (m === null) {
      reasons.push(`"${part}" is not a period written as "status dd/mm/yyyy-dd/mm/yyyy" (leave the end blank while current)`);
      continue;
    }
    const [, statusText = '', fromText = '', toText] = m;
    const status = matchLegalStatus(statusText);
    if (status === undefined) reasons.push(`"${statusText.trim()}" is not a legal status`);
    const from = parseUkDate(fromText);
    if (!from.ok) reasons.push(from.reason);
    const to = toText === undefined ? null : parseUkDate(toText);
    if (to !== null && !to.ok) reasons.push(to.reason);
    if (status === undefined || !from.ok || (to !== null && !to.ok)) continue;

    const period: LegalStatusPeriod = { status, from: from.date, to: to === null ? null : to.date };
    if (period.to !== null && period.to < period.from) {
      reasons.push(`"${part}" ends before it starts`);
      continue;
    }
    if (period.from > context.today) reasons.push(`"${part}" starts after today`);
    else if (period.to !== null && period.to > context.today) {
      reasons.push(`"${part}" ends after today: leave the end blank while it is current`);
    } else periods.push(period);
  }
  if (reasons.length > 0) return { ok: false, reasons };

  periods.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  for (let k = 1; k < periods.length; k++) {
    const prev = periods[k - 1] as LegalStatusPeriod;
    const next = periods[k] as LegalStatusPeriod;
    if (prev.to === null) {
      reasons.push(`${describe(prev)} is still open, but ${describe(next)} starts after it`);
    } else if (next.from < prev.to) {
      reasons.push(`${describe(prev)} and ${describe(next)} overlap`);
    }
  }
  if (reasons.length > 0) return { ok: false, reasons };

  const warnings: string[] = [];
  const open = periods.find((p) => p.to === null);
  if (open !== undefined && context.current !== null && open.status !== context.current) {
    return {
      ok: false,
      reasons: [
        `the current period is ${legalStatusLabels[open.status]} but the legal status is ${legalStatusLabels[context.current]}`,
      ],
    };
  }
  if (open === undefined && periods.length > 0) {
    warnings.push('every period in the history has ended: the legal status column is taken as the status now');
  }
  return { ok: true, periods, warnings };
}

function describe(p: LegalStatusPeriod): string {
  const range = `${ukDate(p.from)}-${p.to === null ? '' : ukDate(p.to)}`;
  return `${legalStatusLabels[p.status]} ${range}`;
}
