import type { Audit } from '../schemas/audits';
import type { GradeScaleId } from '../schemas/grades';
import { urgentConcern, type ConcernRecipient, type UrgentConcern, type UrgentConcernStatus } from '../schemas/concerns';
import type { ConcernSettings } from '../settings/concernSettings';
import type { StaffActor } from '../access/staffActor';
import { addWorkingHours } from '../calendar/workingHours';
import { ukDateTime } from '../calendar/ukDateTime';
import { stableId } from '../ids/stableId';
import { gradeLabel, toFourPoint } from '../grading/gradeScales';
import type { PlannedConcern } from './urgentNotices';
import { urgentTriggerLabels } from './urgentTriggers';

/**
 * An urgent concern's life: raised (the written notice goes out), acknowledged by the manager
 * with the immediate action being taken, or escalated to the Head of Service when nobody has
 * acknowledged it within the set working hours. Pure transitions: each returns the new record or
 * a refusal with a message for the person who tried.
 */

export type ConcernRefusalCode = 'inactive' | 'notRecipient' | 'stale' | 'alreadyAcknowledged' | 'alreadyEscalated' | 'notOverdue' | 'noHeadOfService' | 'invalid';

export type ConcernResult = { ok: true; concern: UrgentConcern } | { ok: false; code: ConcernRefusalCode; message: string };

export type ConcernDecision = { allowed: true } | { allowed: false; code: ConcernRefusalCode; message: string };

/** Display names of staff for messages ("already acknowledged by …"). */
export type NameOf = (staffId: string) => string;

const iso = (at: Date) => at.toISOString();

export interface NewUrgentConcernInput {
  plan: PlannedConcern;
  audit: Pick<Audit, 'id' | 'caseId' | 'auditType' | 'caseSnapshot' | 'form' | 'finalGrade'>;
  /** The audit type's grade scale. */
  scale: GradeScaleId;
  /** The auditor, or whoever changed the grade on review. */
  raisedById: string;
  recipients: readonly ConcernRecipient[];
  at: Date;
  /** The submission proposes an entry on the cases of concern register (caseOfConcernLifecycle proposesCaseOfConcern). */
  proposesRegisterEntry?: boolean;
}

/** The concern record for a planned concern: not yet acknowledged, the e-mail copy pending. */
export function newUrgentConcern(input: NewUrgentConcernInput): UrgentConcern {
  const { audit, scale } = input;
  const grade = audit.finalGrade?.value ?? audit.form.grading.overall;
  const gradeScale = audit.finalGrade?.scale ?? scale;
  return urgentConcern.parse({
    id: input.plan.id,
    auditId: audit.id,
    caseId: audit.caseId,
    teamId: audit.caseSnapshot.teamId,
    caseRef: audit.caseSnapshot.caseRef,
    initials: audit.caseSnapshot.initials,
    auditType: audit.auditType,
    triggerKinds: input.plan.triggerKinds,
    triggerKeys: input.plan.triggerKeys,
    judgement: {
      scale: gradeScale,
      grade,
      fourPoint: audit.finalGrade?.fourPoint ?? toFourPoint(gradeScale, grade),
      childSafe: audit.form.grading.childSafe,
    },
    raisedById: input.raisedById,
    raisedAt: iso(input.at),
    recipients: input.recipients,
    acknowledgement: null,
    escalation: null,
    email: { status: 'pending', at: null },
    ...(input.proposesRegisterEntry ? { registerProposal: { status: 'proposed', entryId: null, byId: null, at: null } } : {}),
    updatedAt: iso(input.at),
  });
}

/** Where the concern stands, as the store lists it. */
export function urgentConcernStatusOf(concern: Pick<UrgentConcern, 'acknowledgement'>): UrgentConcernStatus {
  return concern.acknowledgement ? 'acknowledged' : 'awaitingAcknowledgement';
}

/** The judgement in words, for cards and e-mail: codes only, never anything written about the child. */
export function concernJudgementLabel(concern: Pick<UrgentConcern, 'judgement' | 'triggerKinds'>): string {
  const parts: string[] = [];
  if (concern.judgement.grade) parts.push(`Graded ${gradeLabel(concern.judgement.scale, concern.judgement.grade)}`);
  if (concern.judgement.childSafe === 'notSafe') parts.push('child judged not safe');
  if (concern.triggerKinds.includes('urgentConcernRaised')) parts.push(urgentTriggerLabels.urgentConcernRaised.toLowerCase());
  if (concern.triggerKinds.includes('gradeBecameInadequate')) parts.push('grade changed on review');
  const text = parts.join('; ');
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : 'Urgent concern';
}

/** When the acknowledgement is due: the set number of working hours after raising, counted within the service's working hours. */
export function acknowledgementDueBy(concern: Pick<UrgentConcern, 'raisedAt'>, settings: ConcernSettings): Date {
  return addWorkingHours(new Date(concern.raisedAt), settings.acknowledgeWithinWorkingHours, settings.workingHours, settings.extraClosureDays);
}

/** Not yet acknowledged and the due-by time has come. */
export function isAcknowledgementOverdue(concern: Pick<UrgentConcern, 'raisedAt' | 'acknowledgement'>, now: Date, settings: ConcernSettings): boolean {
  return concern.acknowledgement === null && now.getTime() >= acknowledgementDueBy(concern, settings).getTime();
}

const managerRoles = new Set<ConcernRecipient['role']>(['teamManager', 'deputy', 'headOfService']);

/**
 * Who may acknowledge: a manager the notice went to (team manager, deputy, or the Head of Service
 * it escalated to), or the deputy of the team manager it went to. The worker's notice is for
 * information and support; acknowledging is the manager's.
 */
export function canAcknowledge(actor: Pick<StaffActor, 'id' | 'active' | 'deputyOf'>, concern: Pick<UrgentConcern, 'recipients' | 'escalation'>): ConcernDecision {
  if (!actor.active) return { allowed: false, code: 'inactive', message: 'Your account is not active in Practice Audit.' };
  const managers = concern.recipients.filter((r) => managerRoles.has(r.role)).map((r) => r.staffId);
  if (concern.escalation) managers.push(concern.escalation.toId);
  if (managers.some((id) => id === actor.id || actor.deputyOf.includes(id))) return { allowed: true };
  return { allowed: false, code: 'notRecipient', message: "Only the case's team manager, their deputy or the Head of Service can acknowledge this concern." };
}

/**
 * The version an urgent-concern card carries: it changes when the concern is acknowledged, not
 * when it is escalated or its e-mail is sent, so bookkeeping never makes the manager's card stale.
 */
export function concernCardVersion(concern: Pick<UrgentConcern, 'acknowledgement'>): string {
  return stableId('v', concern.acknowledgement ? `ack|${concern.acknowledgement.at}` : 'open');
}

export interface VersionedCommand {
  /** The version the card or page was built from (for urgent concerns, `concernCardVersion`). */
  expectedVersion: string;
  /** The record's version now, worked out the same way. */
  currentVersion: string;
  at: Date;
  nameOf: NameOf;
}

function acknowledgedMessage(concern: UrgentConcern, nameOf: NameOf): string {
  const a = concern.acknowledgement;
  return a ? `This concern was already acknowledged by ${nameOf(a.byId)} on ${ukDateTime(a.at)}.` : '';
}

/** The concern as it is now, in words, for a refusal on a stale card. */
export function describeConcernState(concern: UrgentConcern, nameOf: NameOf): string {
  if (concern.acknowledgement) return acknowledgedMessage(concern, nameOf);
  if (concern.escalation) return `This concern is awaiting acknowledgement; it was escalated to ${nameOf(concern.escalation.toId)} on ${ukDateTime(concern.escalation.at)}.`;
  return 'This concern is awaiting acknowledgement.';
}

/** Records who acknowledged, when, and the immediate action being taken. Exactly once: a second click, a replay or a stale card is refused naming who did it. */
export function acknowledgeConcern(concern: UrgentConcern, cmd: VersionedCommand & { actor: StaffActor; actionTaken: string }): ConcernResult {
  const who = canAcknowledge(cmd.actor, concern);
  if (!who.allowed) return { ok: false, code: who.code, message: who.message };
  if (concern.acknowledgement) return { ok: false, code: 'alreadyAcknowledged', message: acknowledgedMessage(concern, cmd.nameOf) };
  if (cmd.expectedVersion !== cmd.currentVersion) return { ok: false, code: 'stale', message: `${describeConcernState(concern, cmd.nameOf)} Your card was out of date; here is the current one.` };
  const next = urgentConcern.safeParse({ ...concern, acknowledgement: { byId: cmd.actor.id, at: iso(cmd.at), actionTaken: cmd.actionTaken }, updatedAt: iso(cmd.at) });
  if (!next.success) return { ok: false, code: 'invalid', message: 'Say what immediate action is being taken (at most 2000 characters).' };
  return { ok: true, concern: next.data };
}

/**
 * Escalates an unacknowledged concern to the Head of Service (the scheduled check, not a person,
 * does this). Once only; refused before it is due or once acknowledged.
 */
export function escalateConcern(
  concern: UrgentConcern,
  /** `headOfServiceId`: whoever receives it (urgentNotices escalationRecipient); `coveringForId` when that is the Head of Service's deputy. */
  cmd: { headOfServiceId: string | null; coveringForId?: string | null; at: Date; settings: ConcernSettings; nameOf: NameOf },
): ConcernResult {
  if (concern.acknowledgement) return { ok: false, code: 'alreadyAcknowledged', message: acknowledgedMessage(concern, cmd.nameOf) };
  if (concern.escalation)
    return { ok: false, code: 'alreadyEscalated', message: `This concern was already escalated to ${cmd.nameOf(concern.escalation.toId)} on ${ukDateTime(concern.escalation.at)}.` };
  if (!isAcknowledgementOverdue(concern, cmd.at, cmd.settings))
    return { ok: false, code: 'notOverdue', message: `This concern is not due for acknowledgement until ${ukDateTime(acknowledgementDueBy(concern, cmd.settings))}.` };
  if (!cmd.headOfServiceId) return { ok: false, code: 'noHeadOfService', message: "The case's service has no Head of Service recorded, so the concern cannot be escalated." };
  const escalation = { toId: cmd.headOfServiceId, at: iso(cmd.at), ...(cmd.coveringForId ? { coveringForId: cmd.coveringForId } : {}) };
  return { ok: true, concern: { ...concern, escalation, updatedAt: iso(cmd.at) } };
}

/** Records what happened to the e-mail copy. */
export function recordConcernEmail(concern: UrgentConcern, status: 'sent' | 'failed', at: Date): UrgentConcern {
  return { ...concern, email: { status, at: iso(at) }, updatedAt: iso(at) };
}
