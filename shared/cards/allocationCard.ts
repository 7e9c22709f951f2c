import { z } from 'zod';
import { etag, id, isoDate } from '../schemas/common';
import { ukDate } from '../calendar/londonTime';
import {
  actionSet,
  adaptiveCard,
  executeAction,
  factSet,
  heading,
  openUrlAction,
  showCardAction,
  textBlock,
  type AdaptiveCard,
} from './cardModel';
import { cardInputIds, cardInputMaxLength } from './cardVerbs';
import { cardAuditType, cardCaseRef, cardInitials, cardLink, defaultAuditTypeLabels, type AuditTypeLabels } from './cardInputs';
import { assertWithinCardBudget } from './cardSize';

export const allocationCardInput = z.object({
  auditId: id,
  /** The audit's version when the card is built; a "can't do this" from an older card is stale. */
  version: etag,
  auditType: cardAuditType,
  caseRef: cardCaseRef,
  initials: cardInitials,
  lookBack: z.object({ from: isoDate, to: isoDate }).refine((p) => p.from <= p.to, 'look-back must not end before it starts'),
  dueDate: isoDate,
  /** A Teams deep link to the audit in the tab (tenant mode) or the tab's own URL (local mode). */
  openAuditUrl: cardLink,
});
export type AllocationCardInput = z.input<typeof allocationCardInput>;

/**
 * The card an auditor gets in their personal chat when an audit is allocated to them: what, which
 * case (reference and initials only), the look-back and due date, a link to the form, and a way to
 * say they cannot do it (a reason is required; it goes to the QA lead to reassign).
 */
export function allocationCard(input: AllocationCardInput, labels: AuditTypeLabels = defaultAuditTypeLabels()): AdaptiveCard {
  const a = allocationCardInput.parse(input);
  const subject = { auditId: a.auditId, version: a.version };
  return assertWithinCardBudget(
    adaptiveCard([
      heading('New audit allocated to you'),
      textBlock('A case file has been allocated to you to audit.', { spacing: 'Small' }),
      factSet([
        { title: 'Audit type', value: labels[a.auditType] },
        { title: 'Case reference', value: a.caseRef },
        { title: 'Initials', value: a.initials },
        { title: 'Look-back', value: `${ukDate(a.lookBack.from)} to ${ukDate(a.lookBack.to)}` },
        { title: 'Due', value: ukDate(a.dueDate) },
      ]),
      actionSet([
        openUrlAction('Open audit', a.openAuditUrl),
        showCardAction("Can't do this", [
          textBlock('Tell the QA lead why you cannot take this audit, so they can reassign it. Please leave out any details about the child.'),
          {
            type: 'Input.Text',
            id: cardInputIds.reason,
            label: 'Reason',
            placeholder: 'For example: leave, or a conflict of interest',
            isMultiline: true,
            maxLength: cardInputMaxLength.reason,
            isRequired: true,
            errorMessage: 'Give a reason so the QA lead can reassign the audit.',
          },
          actionSet([executeAction({ title: 'Send to QA lead', data: { verb: 'submitCantDoThis', ...subject } })]),
        ]),
      ]),
    ]),
  );
}
