import { z } from 'zod';
import { actionSet, adaptiveCard, factSet, heading, openUrlAction, textBlock, type AdaptiveCard } from './cardModel';
import { cardAuditType, cardCaseRef, cardInitials, cardLink, defaultAuditTypeLabels, type AuditTypeLabels } from './cardInputs';
import { cardStaffName } from './cardWording';
import { assertWithinCardBudget } from './cardSize';

/** The notification preview: no child data, and no alarm. */
export const WORKER_CONCERN_NOTICE_SUMMARY = 'About practice on a case you work on';

export const workerConcernNoticeCardInput = z.object({
  auditType: cardAuditType,
  caseRef: cardCaseRef,
  initials: cardInitials,
  /** Who will talk it through with them: the team manager (or the deputy covering). */
  manager: cardStaffName.nullable(),
  openAuditUrl: cardLink,
});
export type WorkerConcernNoticeCardInput = z.input<typeof workerConcernNoticeCardInput>;

/**
 * The written notice to the case's worker. It speaks of practice on the case and of support, not
 * of the worker's failings; the manager leads what happens next. No buttons but the link.
 */
export function workerConcernNoticeCard(input: WorkerConcernNoticeCardInput, labels: AuditTypeLabels = defaultAuditTypeLabels()): AdaptiveCard {
  const w = workerConcernNoticeCardInput.parse(input);
  const who = w.manager ? `Your team manager, ${w.manager},` : 'Your team manager';
  return assertWithinCardBudget(
    adaptiveCard([
      heading('About practice on a case you work on'),
      textBlock(`An audit has found that practice on this case needs attention now. ${who} has been told and will talk it through with you.`, {
        spacing: 'Small',
      }),
      textBlock(
        'This is about what the child needs next and the support around the case, not a judgement of you. If you would like to talk about it sooner, your manager or the QA team are there to help.',
        { isSubtle: true },
      ),
      factSet([
        { title: 'Case reference', value: w.caseRef },
        { title: 'Initials', value: w.initials },
        { title: 'Audit type', value: labels[w.auditType] },
      ]),
      actionSet([openUrlAction('Open audit', w.openAuditUrl)]),
    ]),
  );
}
