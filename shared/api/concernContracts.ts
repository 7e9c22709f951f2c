import { z } from 'zod';
import { etag, id, isoDateTime } from '../schemas/common';
import { auditType, caseSnapshot } from '../schemas/audits';
import { CONCERN_TEXT_MAX, caseOfConcernRaiser, caseOfConcernStatus } from '../schemas/concerns';

/** Request and response bodies of the concern routes (urgent concerns and the cases of concern register). */

const text = z.string().trim().min(1, 'is required').max(CONCERN_TEXT_MAX, `must be at most ${CONCERN_TEXT_MAX} characters`);
const person = z.object({ id, name: z.string() });

/**
 * Where a person's e-mail copy of a notice stands, from the outbox: queued or being sent
 * (`pending`), `sent`, or given up on (`notDelivered`: tell them another way). Null when no
 * e-mail is on record (e.g. the demo council's history).
 */
export const emailDelivery = z.enum(['pending', 'sent', 'notDelivered']).nullable();
export type EmailDelivery = z.infer<typeof emailDelivery>;

/** An urgent concern as the tab shows it to the managers it went to (and QA leads, Heads of Service). */
export const urgentConcernView = z.object({
  id,
  /** The card version (concernLifecycle concernCardVersion): acknowledging sends it back. */
  version: etag,
  auditId: id,
  caseRef: caseSnapshot.shape.caseRef,
  initials: caseSnapshot.shape.initials,
  teamId: id,
  teamName: z.string(),
  auditType,
  auditTypeLabel: z.string(),
  /** The judgement in words, from codes. */
  judgement: z.string(),
  raisedBy: person,
  raisedAt: isoDateTime,
  acknowledgeBy: isoDateTime,
  recipients: z.array(person.extend({ role: z.string(), email: emailDelivery })),
  acknowledgement: z.object({ by: person, at: isoDateTime, actionTaken: z.string() }).nullable(),
  /** `coveringFor`: the Head of Service it would have reached, when it went to their deputy because they were away. */
  escalation: z.object({ to: person, at: isoDateTime, coveringFor: person.nullable(), email: emailDelivery }).nullable(),
  canAcknowledge: z.boolean(),
});
export type UrgentConcernView = z.infer<typeof urgentConcernView>;

export const urgentConcernListResponse = z.object({ items: z.array(urgentConcernView) });
export type UrgentConcernListResponse = z.infer<typeof urgentConcernListResponse>;

export const acknowledgeConcernRequest = z.object({ version: etag, actionTaken: text }).strict();
export type AcknowledgeConcernRequest = z.infer<typeof acknowledgeConcernRequest>;

/** An entry on the cases of concern register as the tab shows it, with what the viewer may do now. */
export const caseOfConcernView = z.object({
  id,
  etag,
  caseId: id,
  caseRef: caseSnapshot.shape.caseRef,
  initials: caseSnapshot.shape.initials,
  teamId: id,
  teamName: z.string(),
  auditId: id.nullable(),
  raisedBy: person,
  raisedAs: caseOfConcernRaiser,
  raisedAt: isoDateTime,
  reason: z.string(),
  status: caseOfConcernStatus,
  alerted: z.array(person.extend({ role: z.string() })),
  response: z.object({ by: person, at: isoDateTime, text: z.string() }).nullable(),
  followUps: z.array(z.object({ by: person, at: isoDateTime, text: z.string() })),
  escalations: z.array(z.object({ by: person, to: person, at: isoDateTime })),
  closure: z.object({ by: person, at: isoDateTime, note: z.string() }).nullable(),
  permissions: z.object({ respond: z.boolean(), followUp: z.boolean(), escalate: z.boolean(), close: z.boolean() }),
});
export type CaseOfConcernView = z.infer<typeof caseOfConcernView>;

/** A submitted audit's proposal of a register entry, waiting for its auditor or a QA lead. */
export const registerProposalView = z.object({
  concernId: id,
  auditId: id,
  caseRef: caseSnapshot.shape.caseRef,
  initials: caseSnapshot.shape.initials,
  teamName: z.string(),
  auditTypeLabel: z.string(),
  judgement: z.string(),
  auditor: person,
  submittedAt: isoDateTime,
});
export type RegisterProposalView = z.infer<typeof registerProposalView>;

export const caseOfConcernRegisterResponse = z.object({
  items: z.array(caseOfConcernView),
  /** Proposals the viewer may decide (their own audits'; every one for a QA lead). */
  proposals: z.array(registerProposalView),
  /** Teams the viewer sees the register of (all for quality assurance). */
  teams: z.array(z.object({ id, name: z.string() })),
  /** People an entry can be escalated to: Heads of Service, senior managers, the principal social worker. */
  escalateTo: z.array(person.extend({ role: z.string() })),
  /** Whether the viewer may raise an entry directly (a QA lead), besides from their own audits. */
  mayRaise: z.boolean(),
});
export type CaseOfConcernRegisterResponse = z.infer<typeof caseOfConcernRegisterResponse>;

export const registerStatusFilter = z.enum(['all', 'open', 'responded', 'closed']);
export type RegisterStatusFilter = z.infer<typeof registerStatusFilter>;
export const registerQuery = z.object({ teamId: id.optional(), status: registerStatusFilter.default('all') });

/**
 * Raise an entry: from a submitted audit (its auditor, or a QA lead; settles the audit's proposal)
 * or, for a QA lead, directly on a case named by its reference.
 */
export const raiseCaseOfConcernRequest = z.union([
  z.object({ auditId: id, reason: text }).strict(),
  z.object({ caseRef: caseSnapshot.shape.caseRef, reason: text }).strict(),
]);
export type RaiseCaseOfConcernRequest = z.infer<typeof raiseCaseOfConcernRequest>;

export const caseOfConcernTextRequest = z.object({ etag, text }).strict();
export const escalateCaseOfConcernRequest = z.object({ etag, toId: id }).strict();
export const closeCaseOfConcernRequest = z.object({ etag, note: z.string().trim().max(CONCERN_TEXT_MAX).default('') }).strict();
