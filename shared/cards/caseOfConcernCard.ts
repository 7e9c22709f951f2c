import { z } from 'zod';
import { isoDateTime } from '../schemas/common';
import { caseOfConcernRaiser, caseOfConcernStatus } from '../schemas/concerns';
import { ukDateTime } from '../calendar/ukDateTime';
import { actionSet, adaptiveCard, container, factSet, openUrlAction, textBlock, type AdaptiveCard, type CardElement } from './cardModel';
import { cardCaseRef, cardInitials, cardLink } from './cardInputs';
import { cardStaffName } from './cardWording';
import { assertWithinCardBudget } from './cardSize';

/** The notification preview: no child data. */
export const CASE_OF_CONCERN_SUMMARY = 'A case of concern has been raised';

const event = z.object({ by: cardStaffName, at: isoDateTime });

export const caseOfConcernCardInput = z.object({
  caseRef: cardCaseRef,
  initials: cardInitials,
  raisedBy: cardStaffName,
  raisedAs: caseOfConcernRaiser,
  raisedAt: isoDateTime,
  status: caseOfConcernStatus,
  response: event.nullable(),
  escalations: z.array(event.extend({ to: cardStaffName })).max(50).default([]),
  closure: event.nullable(),
  /** The cases of concern register in the tab. */
  registerUrl: cardLink,
});
export type CaseOfConcernCardInput = z.input<typeof caseOfConcernCardInput>;

const raisedAsWords = { auditor: 'the auditor', qaLead: 'QA lead' } as const;
const statusWords = { open: 'Open: awaiting a response', responded: 'Responded to', closed: 'Closed' } as const;
const ESCALATIONS_SHOWN = 5;

/**
 * The alert to the team manager and the Head of Service when a case goes on the cases of concern
 * register, kept current as the entry moves on (responded, escalated, closed). The reason and the
 * response stay on the register; the card carries the case reference, initials, who and when.
 */
export function caseOfConcernCard(input: CaseOfConcernCardInput): AdaptiveCard {
  const c = caseOfConcernCardInput.parse(input);
  const body: CardElement[] = [
    container(
      [
        textBlock('Case of concern', { style: 'heading', size: 'Medium', weight: 'Bolder' }),
        textBlock('A case has been added to the cases of concern register and needs a response from the team.', { spacing: 'Small' }),
      ],
      { style: 'warning' },
    ),
    factSet([
      { title: 'Case reference', value: c.caseRef },
      { title: 'Initials', value: c.initials },
      { title: 'Raised by', value: `${c.raisedBy} (${raisedAsWords[c.raisedAs]})` },
      { title: 'Raised', value: ukDateTime(c.raisedAt) },
      { title: 'Status', value: statusWords[c.status] },
      ...(c.response ? [{ title: 'Response', value: `${c.response.by}, ${ukDateTime(c.response.at)}` }] : []),
      ...(c.closure ? [{ title: 'Closed', value: `${c.closure.by}, ${ukDateTime(c.closure.at)}` }] : []),
    ]),
  ];
  const recent = c.escalations.slice(-ESCALATIONS_SHOWN);
  for (const e of recent) body.push(textBlock(`Escalated by ${e.by} to ${e.to} on ${ukDateTime(e.at)}.`, { spacing: 'Small' }));
  if (c.escalations.length > recent.length) body.push(textBlock(`And ${c.escalations.length - recent.length} earlier escalations: see the register.`, { isSubtle: true }));
  body.push(actionSet([openUrlAction('Open the register', c.registerUrl)]));
  return assertWithinCardBudget(adaptiveCard(body));
}
