import { z } from 'zod';
import { etag, id, isoDateTime } from '../schemas/common';
import { ukDateTime } from '../calendar/ukDateTime';
import {
  REFRESH_MAX_USERS,
  actionSet,
  adaptiveCard,
  container,
  executeAction,
  factSet,
  openUrlAction,
  showCardAction,
  textBlock,
  withRefresh,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from './cardModel';
import { cardInputIds, cardInputMaxLength } from './cardVerbs';
import { cardAuditType, cardCaseRef, cardInitials, cardLink, defaultAuditTypeLabels, type AuditTypeLabels } from './cardInputs';
import { cardStaffName } from './cardWording';
import { assertWithinCardBudget } from './cardSize';

/** The notification preview: no child data. */
export const URGENT_CONCERN_SUMMARY = 'Urgent: a concern about practice on a case in your team';

export const urgentConcernCardInput = z.object({
  concernId: id,
  /** The concern's card version (shared/concerns/concernLifecycle concernCardVersion). */
  version: etag,
  auditType: cardAuditType,
  caseRef: cardCaseRef,
  initials: cardInitials,
  /** The judgement in words from codes (concernJudgementLabel), never text written about the child. */
  judgement: z.string().trim().min(1).max(200),
  auditor: cardStaffName,
  raisedAt: isoDateTime,
  /** When acknowledgement is due (acknowledgementDueBy). */
  acknowledgeBy: isoDateTime,
  openAuditUrl: cardLink,
  /** Who acknowledged and when; the action they recorded is free text about the child, so it stays in the tab. */
  acknowledgement: z.object({ by: cardStaffName, at: isoDateTime }).nullable(),
  escalation: z.object({ to: cardStaffName, at: isoDateTime }).nullable(),
  /** Whether this viewer may acknowledge (concernLifecycle canAcknowledge); the server decides again on the click. */
  canAcknowledge: z.boolean(),
  /** Teams user ids of everyone a shared card reaches: each gets their own view by refresh. */
  refreshUserIds: z.array(z.string().min(1).max(200)).max(REFRESH_MAX_USERS).default([]),
});
export type UrgentConcernCardInput = z.input<typeof urgentConcernCardInput>;

/**
 * The urgent notice to the case's team manager (or deputy covering), and to the Head of Service
 * when it escalates. It looks different from routine cards: an attention-styled band headed
 * "Urgent". Case reference, initials, audit type, the judgement and the auditor; "Open audit";
 * "Acknowledge" asks what immediate action is being taken. Once acknowledged the card shows
 * who and when, with no buttons, for everyone; the action itself is recorded with the audit
 * (cards never carry text written about a child).
 */
export function urgentConcernCard(input: UrgentConcernCardInput, labels: AuditTypeLabels = defaultAuditTypeLabels()): AdaptiveCard {
  const c = urgentConcernCardInput.parse(input);
  const subject = { concernId: c.concernId, version: c.version };
  const body: CardElement[] = [
    container(
      [
        textBlock('Urgent', { style: 'heading', size: 'Large', weight: 'Bolder', color: 'Attention' }),
        textBlock('A concern about practice on a case in your team', { weight: 'Bolder', spacing: 'None' }),
      ],
      { style: 'attention' },
    ),
    textBlock(
      c.acknowledgement
        ? 'The auditor raised an urgent concern about this case. It has been acknowledged.'
        : 'The auditor has raised an urgent concern about this case. Please speak with the auditor and the worker now, then record here the immediate action being taken.',
      { spacing: 'Medium' },
    ),
    factSet([
      { title: 'Case reference', value: c.caseRef },
      { title: 'Initials', value: c.initials },
      { title: 'Audit type', value: labels[c.auditType] },
      { title: 'Judgement', value: c.judgement },
      { title: 'Auditor', value: c.auditor },
      { title: 'Raised', value: ukDateTime(c.raisedAt) },
      ...(c.acknowledgement ? [] : [{ title: 'Acknowledge by', value: ukDateTime(c.acknowledgeBy) }]),
    ]),
  ];
  if (c.escalation && !c.acknowledgement)
    body.push(textBlock(`Not acknowledged in time: escalated to ${c.escalation.to} on ${ukDateTime(c.escalation.at)}.`, { color: 'Warning', weight: 'Bolder' }));
  if (c.acknowledgement)
    body.push(
      container(
        [
          textBlock(`Acknowledged by ${c.acknowledgement.by} on ${ukDateTime(c.acknowledgement.at)}`, { weight: 'Bolder' }),
          textBlock('The immediate action being taken is recorded with the audit in Practice Audit.', { spacing: 'Small' }),
        ],
        { style: 'good' },
      ),
    );
  const actions: CardAction[] = [openUrlAction('Open audit', c.openAuditUrl)];
  if (!c.acknowledgement && c.canAcknowledge)
    actions.push(
      showCardAction('Acknowledge', [
        textBlock('What immediate action is being taken? Keep to what is being done; the audit holds the detail.'),
        {
          type: 'Input.Text',
          id: cardInputIds.actionTaken,
          label: 'Immediate action being taken',
          placeholder: 'For example: strategy discussion arranged for today',
          isMultiline: true,
          maxLength: cardInputMaxLength.actionTaken,
          isRequired: true,
          errorMessage: 'Say what immediate action is being taken.',
        },
        actionSet([executeAction({ title: 'Acknowledge', style: 'positive', data: { verb: 'acknowledgeConcern', ...subject } })]),
      ]),
    );
  body.push(actionSet(actions));
  return assertWithinCardBudget(withRefresh(adaptiveCard(body), { verb: 'refreshConcern', ...subject }, c.refreshUserIds));
}
