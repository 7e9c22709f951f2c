import { actionSet, executeAction, textBlock, type CardElement } from './cardModel';
import { cardInputIds } from './cardVerbs';

/**
 * The inputs and button with which a case's worker or team manager proposes a time to meet the
 * auditor (verb `proposeMeeting`). The card carries only the audit's id and version; who is
 * proposing is taken from the activity.
 */
export function meetingProposalForm(auditId: string, version: string, title = 'Propose a time to meet the auditor'): CardElement[] {
  return [
    textBlock(title, { weight: 'Bolder', separator: true }),
    { type: 'Input.Date', id: cardInputIds.meetingDate, label: 'Date', isRequired: true, errorMessage: 'Choose a date for the meeting.' },
    { type: 'Input.Text', id: cardInputIds.meetingTime, label: 'Time (optional, HH:MM)', placeholder: '10:00', maxLength: 5 },
    actionSet([executeAction({ title: 'Propose meeting', data: { verb: 'proposeMeeting', auditId, version } })]),
  ];
}
