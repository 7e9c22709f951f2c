import type { CaseOfConcernView, EmailDelivery } from '../../../shared/api/concernContracts';
import type { CaseOfConcernStatus } from '../../../shared/schemas/concerns';
import { ukDateTime } from '../common/dates';

/** Words for the concerns page, kept apart from the components so they can be tested. */

export const registerStatusWords: Record<CaseOfConcernStatus, string> = {
  open: 'Open: awaiting a response',
  responded: 'Responded to',
  closed: 'Closed',
};

export const raisedAsWords: Record<CaseOfConcernView['raisedAs'], string> = { auditor: 'the auditor', qaLead: 'a QA lead' };

const roleWords: Record<string, string> = {
  teamManager: 'team manager',
  deputy: 'deputy team manager',
  worker: 'worker',
  headOfService: 'Head of Service',
  headOfServiceCover: 'covering for the Head of Service',
  seniorManager: 'senior manager',
  principalSocialWorker: 'principal social worker',
};

export const roleWord = (role: string): string => roleWords[role] ?? role;

/** "Name (role), Name (role)", or "Nobody" (e.g. no team manager on record). */
export function peopleText(people: readonly { name: string; role: string }[]): string {
  return people.length === 0 ? 'Nobody' : people.map((p) => `${p.name} (${roleWord(p.role)})`).join(', ');
}

/** Who escalated it to whom, when, one line each. */
export function escalationLines(entry: Pick<CaseOfConcernView, 'escalations'>): string[] {
  return entry.escalations.map((e) => `${e.by.name} to ${e.to.name}, ${ukDateTime(e.at)}`);
}

const emailWords: Record<NonNullable<EmailDelivery>, string> = {
  pending: 'e-mail being sent',
  sent: 'e-mail sent',
  notDelivered: 'e-mail not delivered — tell them another way',
};

/** "Name (role): e-mail sent", one per person a notice went to; without the e-mail part when none is on record. */
export function noticeLine(person: { name: string; role: string; email: EmailDelivery }): string {
  const who = `${person.name} (${roleWord(person.role)})`;
  return person.email ? `${who}: ${emailWords[person.email]}` : who;
}
