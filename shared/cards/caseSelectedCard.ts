import { z } from 'zod';
import { etag, id, isoDate } from '../schemas/common';
import { ukDate } from '../calendar/londonTime';
import { actionSet, adaptiveCard, factSet, heading, openUrlAction, textBlock, type AdaptiveCard } from './cardModel';
import { meetingProposalForm } from './meetingProposalForm';
import { cardAuditType, cardCaseRef, cardInitials, cardLink, defaultAuditTypeLabels, type AuditTypeLabels } from './cardInputs';
import { assertWithinCardBudget } from './cardSize';

/** Who the card is for: the case's worker, or the manager of the case's team (or their deputy). */
export const caseSelectedAudience = z.enum(['worker', 'manager']);
export type CaseSelectedAudience = z.infer<typeof caseSelectedAudience>;

export const caseSelectedCardInput = z.object({
  auditId: id,
  version: etag,
  audience: caseSelectedAudience,
  auditType: cardAuditType,
  caseRef: cardCaseRef,
  initials: cardInitials,
  /** The auditor is staff, not the child: their display name helps the recipient know whom to meet. */
  auditor: z.string().trim().min(1).max(120),
  dueDate: isoDate,
  openAuditUrl: cardLink,
});
export type CaseSelectedCardInput = z.input<typeof caseSelectedCardInput>;

const opening: Record<CaseSelectedAudience, string> = {
  worker: 'A case you work on was selected',
  manager: 'A case in your team was selected',
};

/**
 * For collaborative audits: tells the case's worker and team manager that the case was selected,
 * with whom, and by when, and lets them propose a time to meet the auditor. Case reference and
 * initials only; the wording is about practice on the case, not about the person.
 */
export function caseSelectedCard(input: CaseSelectedCardInput, labels: AuditTypeLabels = defaultAuditTypeLabels()): AdaptiveCard {
  const c = caseSelectedCardInput.parse(input);
  return assertWithinCardBudget(
    adaptiveCard([
      heading('Case selected for a collaborative audit'),
      textBlock(`${opening[c.audience]} for a ${labels[c.auditType]} with ${c.auditor}.`, { spacing: 'Small' }),
      textBlock(
        'The audit looks at practice on the case together with you: what is working well for the child and what could help next. Your knowledge of the case is valued.',
        { isSubtle: true },
      ),
      factSet([
        { title: 'Case reference', value: c.caseRef },
        { title: 'Initials', value: c.initials },
        { title: 'Due', value: ukDate(c.dueDate) },
      ]),
      actionSet([openUrlAction('Open audit', c.openAuditUrl)]),
      ...meetingProposalForm(c.auditId, c.version),
    ]),
  );
}
