import { z } from 'zod';
import { id, isoDateTime } from './common';
import { auditType, caseSnapshot } from './audits';
import { childSafetyJudgement, fourPointGrade, gradeScaleId, gradeValue } from './grades';

/**
 * What makes a concern urgent. Each fires once per audit and occurrence (shared/concerns/urgentTriggers):
 * - inadequateGrade: submitted with Inadequate or its equivalent on the audit type's scale;
 * - childNotSafe: submitted with the child judged not safe;
 * - urgentConcernRaised: the auditor recorded raising an urgent concern before submitting;
 * - caseOfConcernRaised: an entry on the cases of concern register;
 * - gradeBecameInadequate: a review or moderation changed the grade to Inadequate.
 */
export const urgentTriggerKind = z.enum(['inadequateGrade', 'childNotSafe', 'urgentConcernRaised', 'caseOfConcernRaised', 'gradeBecameInadequate']);
export type UrgentTriggerKind = z.infer<typeof urgentTriggerKind>;

/** Why someone got the notice: the case's team manager, their deputy (covering), the case's worker, the Head of Service. */
export const concernRecipientRole = z.enum(['teamManager', 'deputy', 'worker', 'headOfService']);
export type ConcernRecipientRole = z.infer<typeof concernRecipientRole>;

export const concernRecipient = z.object({ staffId: id, role: concernRecipientRole });
export type ConcernRecipient = z.infer<typeof concernRecipient>;

/** How many trigger keys one concern may gather (see `triggerKeys`). */
export const MAX_TRIGGER_KEYS = 20;

/** Longest text of an acknowledgement, response, follow-up or reason (the card inputs agree). */
export const CONCERN_TEXT_MAX = 2000;
const concernText = z.string().trim().min(1).max(CONCERN_TEXT_MAX);

export const registerProposalStatus = z.enum(['proposed', 'raised', 'notRaised']);
export type RegisterProposalStatus = z.infer<typeof registerProposalStatus>;

/**
 * The written notice of an urgent concern: sent to the case's team manager (or the deputy
 * covering) and worker, by card and e-mail; acknowledged with the immediate action being taken;
 * escalated to the Head of Service if not acknowledged in time.
 */
export const urgentConcern = z.object({
  id,
  auditId: id,
  caseId: id,
  teamId: id,
  caseRef: caseSnapshot.shape.caseRef,
  initials: caseSnapshot.shape.initials,
  auditType,
  triggerKinds: z.array(urgentTriggerKind).min(1).max(urgentTriggerKind.options.length),
  /**
   * The triggers' dedupe keys: a trigger already recorded never raises a second concern. A raising
   * re-recorded on the form (its time corrected) while this concern awaits acknowledgement joins it.
   */
  triggerKeys: z.array(z.string().min(1).max(200)).min(1).max(MAX_TRIGGER_KEYS),
  /** The grading when it was raised (codes only). */
  judgement: z.object({
    scale: gradeScaleId,
    grade: gradeValue.nullable(),
    fourPoint: fourPointGrade.nullable(),
    childSafe: childSafetyJudgement.nullable(),
  }),
  raisedById: id,
  raisedAt: isoDateTime,
  recipients: z.array(concernRecipient).max(10),
  acknowledgement: z.object({ byId: id, at: isoDateTime, actionTaken: concernText }).nullable(),
  /** `coveringForId`: the Head of Service was away, so it went to their deputy (absent when it reached the Head of Service). */
  escalation: z.object({ toId: id, at: isoDateTime, coveringForId: id.optional() }).nullable(),
  /**
   * The e-mail copy (the guidance asks for the notice in writing; a chat card can be missed). Kept
   * for records written before; delivery is read from the outbox when the concern is viewed.
   */
  email: z.object({ status: z.enum(['pending', 'sent', 'failed']), at: isoDateTime.nullable() }),
  /**
   * A submission graded Inadequate (or its equivalent) or with the child judged not safe proposes
   * an entry on the cases of concern register; the auditor or a QA lead raises it with a reason
   * (`raised`, naming the entry) or decides it is not needed (`notRaised`). Absent on other concerns.
   */
  registerProposal: z
    .object({ status: registerProposalStatus, entryId: id.nullable(), byId: id.nullable(), at: isoDateTime.nullable() })
    .optional(),
  updatedAt: isoDateTime,
});
export type UrgentConcern = z.infer<typeof urgentConcern>;

/** Where an urgent concern stands: what the store lists concerns by. */
export const urgentConcernStatus = z.enum(['awaitingAcknowledgement', 'acknowledged']);
export type UrgentConcernStatus = z.infer<typeof urgentConcernStatus>;

export const caseOfConcernStatus = z.enum(['open', 'responded', 'closed']);
export type CaseOfConcernStatus = z.infer<typeof caseOfConcernStatus>;

/** Who raised it: the case's auditor or a QA lead (moderators in later work). */
export const caseOfConcernRaiser = z.enum(['auditor', 'qaLead']);
export type CaseOfConcernRaiser = z.infer<typeof caseOfConcernRaiser>;

export const caseOfConcernNote = z.object({ byId: id, at: isoDateTime, text: concernText });
export type CaseOfConcernNote = z.infer<typeof caseOfConcernNote>;

/** An entry on the cases of concern register: raised with a reason, responded to, followed up, escalated, closed. */
export const caseOfConcern = z.object({
  id,
  caseId: id,
  /** The audit that found it, if one did. */
  auditId: id.nullable(),
  teamId: id,
  caseRef: caseSnapshot.shape.caseRef,
  initials: caseSnapshot.shape.initials,
  raisedById: id,
  raisedAs: caseOfConcernRaiser,
  raisedAt: isoDateTime,
  reason: concernText,
  status: caseOfConcernStatus,
  /** Told when it was raised: the team manager (or deputy covering) and the Head of Service. */
  alerted: z.array(concernRecipient).max(10),
  response: caseOfConcernNote.nullable(),
  followUps: z.array(caseOfConcernNote).max(100),
  escalations: z.array(z.object({ byId: id, toId: id, at: isoDateTime })).max(50),
  closure: z.object({ byId: id, at: isoDateTime, note: z.string().trim().max(CONCERN_TEXT_MAX) }).nullable(),
  updatedAt: isoDateTime,
});
export type CaseOfConcern = z.infer<typeof caseOfConcern>;
