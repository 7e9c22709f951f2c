import { z } from 'zod';
import { etag, id, isoDate } from '../schemas/common';
import { actionStatus } from '../schemas/actions';
import { ukDate } from '../calendar/londonTime';
import {
  actionSet,
  adaptiveCard,
  container,
  executeAction,
  heading,
  openUrlAction,
  showCardAction,
  textBlock,
  type AdaptiveCard,
  type CardElement,
} from './cardModel';
import { actionNoteInputId, cardInputMaxLength } from './cardVerbs';
import { cardAuditType, cardCaseRef, cardInitials, cardLink, caseLabel, defaultAuditTypeLabels, type AuditTypeLabels } from './cardInputs';
import { plural } from './cardWording';
import { assertWithinCardBudget, isWithinCardBudget } from './cardSize';

/** The notification preview: no child data. */
export const NEW_ACTIONS_SUMMARY = 'New actions from an audit';

/** The most actions a card lists with their own "Mark done" form: 12 worst-case forms stay well inside the 40 KB budget. */
export const NEW_ACTIONS_MAX_SHOWN = 12;

/**
 * How a card names an action: its template section's title or its place in the audit
 * (shared/actions/actionLabel). Never the action's wording: staff type that, and it may be about the child.
 */
export const cardActionLabel = z.string().trim().min(1).max(130);

/** A line above the card saying why it is shown again, e.g. "This action was already approved by … on …" (staff names and dates only). */
export const cardNotice = z.string().trim().min(1).max(300);

export const newActionsCardItem = z.object({
  actionId: id,
  /** The action's card version (shared/actions/actionLifecycle actionCardVersion, 17 characters). */
  version: etag.max(40),
  label: cardActionLabel,
  dueDate: isoDate,
  status: actionStatus,
  /** Returned by the manager and open again (the reason is in the tab). */
  returned: z.boolean().default(false),
});
export type NewActionsCardItem = z.input<typeof newActionsCardItem>;
type NewActionsCardItemParsed = z.infer<typeof newActionsCardItem>;

export const newActionsCardInput = z.object({
  auditType: cardAuditType,
  caseRef: cardCaseRef,
  initials: cardInitials,
  /** The owner's actions from one audit (an audit has at most 50). */
  actions: z.array(newActionsCardItem).min(1).max(50),
  /** "My actions" in the tab, where every action is in full. */
  myActionsUrl: cardLink,
  maxShown: z.number().int().min(1).max(NEW_ACTIONS_MAX_SHOWN).default(10),
  notice: cardNotice.optional(),
});
export type NewActionsCardInput = z.input<typeof newActionsCardInput>;

const statusLine: Record<z.infer<typeof actionStatus>, string> = {
  open: '',
  done: ' Marked done: awaiting your manager’s approval.',
  approved: ' Approved.',
};

/**
 * One card per owner when an audit is submitted, listing their new actions from it, soonest due
 * first: each by the section it answers (or its number), its due date, and "Mark done" with a short
 * note of evidence. The wording of each action is in the tab, one tap away, not in chat. Rebuilt as
 * each action moves on (done, approved, returned), so the card stays current. Past `maxShown` it
 * says how many more and links to My actions.
 */
export function newActionsCard(input: NewActionsCardInput, labels: AuditTypeLabels = defaultAuditTypeLabels()): AdaptiveCard {
  const n = newActionsCardInput.parse(input);
  const sorted = [...n.actions].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.actionId.localeCompare(b.actionId));
  // The limit keeps the card small; should unusually long ids still overflow, list fewer rather than fail.
  for (let shown = Math.min(n.maxShown, sorted.length); shown > 1; shown--) {
    const card = build(n, sorted, shown, labels);
    if (isWithinCardBudget(card)) return card;
  }
  return assertWithinCardBudget(build(n, sorted, 1, labels));
}

function build(n: z.infer<typeof newActionsCardInput>, sorted: NewActionsCardItemParsed[], count: number, labels: AuditTypeLabels): AdaptiveCard {
  const shown = sorted.slice(0, count);
  const more = sorted.length - shown.length;
  const body: CardElement[] = [heading(sorted.length === 1 ? 'A new action for you' : 'New actions for you')];
  if (n.notice) body.push(container([textBlock(n.notice, { weight: 'Bolder' })], { style: 'emphasis' }));
  body.push(
    textBlock(
      `From the ${labels[n.auditType]} of ${caseLabel(n.caseRef, n.initials)}: ${plural(sorted.length, 'action', 'actions')}. Read each one in Practice Audit. Your team manager stays accountable and approves each one when it is done.`,
      { spacing: 'Small' },
    ),
  );
  for (const a of shown) {
    const items: CardElement[] = [
      textBlock(a.label, { weight: 'Bolder' }),
      textBlock(`Due ${ukDate(a.dueDate)}.${a.status === 'open' && a.returned ? ' Returned by your manager: see why in My actions.' : statusLine[a.status]}`, {
        spacing: 'None',
        isSubtle: true,
      }),
    ];
    if (a.status === 'open')
      items.push(
        actionSet([
          showCardAction('Mark done', [
            {
              type: 'Input.Text',
              id: actionNoteInputId(a.actionId),
              label: 'Note of the evidence',
              placeholder: 'Where the evidence is, e.g. plan updated 2 December',
              isMultiline: true,
              maxLength: cardInputMaxLength.note,
              isRequired: true,
              errorMessage: 'Add a short note of the evidence.',
            },
            actionSet([executeAction({ title: 'Mark done', style: 'positive', data: { verb: 'markActionDone', actionId: a.actionId, version: a.version } })]),
          ]),
        ]),
      );
    body.push(container(items, { separator: true }));
  }
  if (more > 0) body.push(textBlock(`And ${plural(more, 'more action', 'more actions')}: see My actions.`, { separator: true }));
  body.push(actionSet([openUrlAction('Open in Practice Audit', n.myActionsUrl)]));
  return adaptiveCard(body);
}
