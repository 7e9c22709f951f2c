import { z } from 'zod';
import { etag, id, isoDate, isoDateTime } from '../schemas/common';
import { ukDate } from '../calendar/londonTime';
import { ukDateTime } from '../calendar/ukDateTime';
import {
  actionSet,
  adaptiveCard,
  container,
  executeAction,
  factSet,
  heading,
  openUrlAction,
  showCardAction,
  textBlock,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from './cardModel';
import { cardInputIds, cardInputMaxLength } from './cardVerbs';
import { cardCaseRef, cardInitials, cardLink } from './cardInputs';
import { cardStaffName } from './cardWording';
import { cardActionLabel, cardNotice } from './newActionsCard';
import { assertWithinCardBudget } from './cardSize';

/** The notification preview: no child data. */
export const ACTION_APPROVAL_SUMMARY = 'An action is ready for your approval';

export const actionApprovalState = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('awaiting') }),
  z.object({ kind: z.literal('approved'), by: cardStaffName, at: isoDateTime }),
  z.object({ kind: z.literal('returned'), by: cardStaffName, at: isoDateTime }),
]);

export const actionApprovalCardInput = z.object({
  actionId: id,
  /** The action's card version (actionLifecycle actionCardVersion). */
  version: etag,
  caseRef: cardCaseRef,
  initials: cardInitials,
  /** The section the action answers, or its place in the audit (shared/actions/actionLabel): never its wording. */
  label: cardActionLabel,
  owner: cardStaffName,
  dueDate: isoDate,
  /** When it was marked done; null once returned (the owner is working on it again). */
  doneAt: isoDateTime.nullable(),
  state: actionApprovalState,
  /** Whether this viewer may approve or return (actionLifecycle canApprove); the server decides again on the click. */
  canDecide: z.boolean(),
  /** The action in the tab, with its wording and the owner's note of evidence. */
  openActionUrl: cardLink,
  /** Why the card is shown again, e.g. "This action was already approved by … on …". */
  notice: cardNotice.optional(),
});
export type ActionApprovalCardInput = z.input<typeof actionApprovalCardInput>;

/**
 * The accountable manager's card when an owner marks an action done: Approve, or Return with a
 * reason. The action's wording and the owner's note of evidence stay in the tab (one tap away),
 * not in chat: the card names the action by its section (or number) only. After a
 * decision the card shows who decided and when, with no buttons, for everyone who has it.
 */
export function actionApprovalCard(input: ActionApprovalCardInput): AdaptiveCard {
  const c = actionApprovalCardInput.parse(input);
  const subject = { actionId: c.actionId, version: c.version };
  const titles = { awaiting: 'Action done: approve or return', approved: 'Action approved', returned: 'Action returned to its owner' } as const;
  const body: CardElement[] = [heading(titles[c.state.kind])];
  if (c.notice) body.push(container([textBlock(c.notice, { weight: 'Bolder' })], { style: 'emphasis' }));
  body.push(
    factSet([
      { title: 'Case reference', value: c.caseRef },
      { title: 'Initials', value: c.initials },
      { title: 'Action', value: c.label },
      { title: 'Owner', value: c.owner },
      { title: 'Due', value: ukDate(c.dueDate) },
      ...(c.doneAt ? [{ title: 'Marked done', value: ukDateTime(c.doneAt) }] : []),
    ]),
  );
  const actions: CardAction[] = [openUrlAction('Open in Practice Audit', c.openActionUrl)];
  switch (c.state.kind) {
    case 'awaiting':
      body.push(textBlock('Read the action and the note of evidence in Practice Audit, then approve the action or return it to the owner with a reason.', { isSubtle: true }));
      if (c.canDecide)
        actions.push(
          executeAction({ title: 'Approve', style: 'positive', data: { verb: 'approveAction', ...subject } }),
          showCardAction('Return', [
            {
              type: 'Input.Text',
              id: cardInputIds.reason,
              label: 'Reason for returning',
              placeholder: 'What is still needed',
              isMultiline: true,
              maxLength: cardInputMaxLength.reason,
              isRequired: true,
              errorMessage: 'Give the owner a reason.',
            },
            actionSet([executeAction({ title: 'Return to owner', data: { verb: 'returnAction', ...subject } })]),
          ]),
        );
      break;
    case 'approved':
      body.push(container([textBlock(`Approved by ${c.state.by} on ${ukDateTime(c.state.at)}.`, { weight: 'Bolder' })], { style: 'good' }));
      break;
    case 'returned':
      body.push(container([textBlock(`Returned to ${c.owner} by ${c.state.by} on ${ukDateTime(c.state.at)}. It is open again.`, { weight: 'Bolder' })], { style: 'emphasis' }));
      break;
  }
  body.push(actionSet(actions));
  return assertWithinCardBudget(adaptiveCard(body));
}
