import type { Audit } from '../schemas/audits';
import type { GradeScaleId } from '../schemas/grades';
import { caseOfConcern, type CaseOfConcern, type CaseOfConcernRaiser, type ConcernRecipient, type UrgentConcern } from '../schemas/concerns';
import type { ConcernSettings } from '../settings/concernSettings';
import { isOrDeputises, type StaffActor } from '../access/staffActor';
import { ukDateTime } from '../calendar/ukDateTime';
import { noticeKey } from '../ids/noticeKey';
import { isInadequateEquivalent } from './urgentTriggers';
import type { NameOf, VersionedCommand } from './concernLifecycle';

/**
 * The cases of concern register: an entry is raised by the case's auditor or a QA lead with a
 * reason, the team manager and Head of Service are alerted, the manager's side responds, anyone
 * involved may add follow-ups or escalate (each recorded with who and when), and a QA lead or the
 * Head of Service closes it once responded to. Pure transitions with refusal messages.
 */

export type CaseOfConcernRefusalCode = 'inactive' | 'notAllowed' | 'stale' | 'wrongStatus' | 'invalid';

export type CaseOfConcernResult = { ok: true; entry: CaseOfConcern } | { ok: false; code: CaseOfConcernRefusalCode; message: string };

const iso = (at: Date) => at.toISOString();

/** The id of a case's `n`th entry (1-based) from an audit, or raised directly: a double submit reaches the same entry. */
export function caseOfConcernId(caseId: string, auditId: string | null, n: number): string {
  return noticeKey('coc', auditId ?? caseId, String(n));
}

/** Whether a submitted audit proposes an entry: graded Inadequate (or its equivalent) or the child judged not safe. The auditor or QA lead confirms it with a reason. */
export function proposesCaseOfConcern(audit: Pick<Audit, 'form' | 'finalGrade'>, scale: GradeScaleId, settings: Pick<ConcernSettings, 'notYetGoodAlerts'>): boolean {
  const fg = audit.finalGrade;
  const inadequate = fg ? fg.fourPoint === 'inadequate' || isInadequateEquivalent(fg.scale, fg.value, settings) : isInadequateEquivalent(scale, audit.form.grading.overall, settings);
  return inadequate || audit.form.grading.childSafe === 'notSafe';
}

export interface RaiseCaseOfConcernInput {
  id: string;
  actor: StaffActor;
  case: { caseId: string; teamId: string; caseRef: string; initials: string };
  /** The audit that found it, with its auditor; null when a QA lead raises it directly. */
  audit: { id: string; auditorId: string } | null;
  reason: string;
  /** Who is alerted (shared/concerns/urgentNotices caseOfConcernRecipients). */
  alerted: readonly ConcernRecipient[];
  at: Date;
}

/** Raised by the audit's auditor, or by a QA lead (with or without an audit). */
export function raiseCaseOfConcern(input: RaiseCaseOfConcernInput): CaseOfConcernResult {
  const { actor } = input;
  if (!actor.active) return { ok: false, code: 'inactive', message: 'Your account is not active in Practice Audit.' };
  let raisedAs: CaseOfConcernRaiser;
  if (input.audit && input.audit.auditorId === actor.id) raisedAs = 'auditor';
  else if (actor.jobRoles.includes('qaLead')) raisedAs = 'qaLead';
  else return { ok: false, code: 'notAllowed', message: "Only the case's auditor or a QA lead can raise a case of concern." };
  const parsed = caseOfConcern.safeParse({
    id: input.id,
    ...input.case,
    auditId: input.audit?.id ?? null,
    raisedById: actor.id,
    raisedAs,
    raisedAt: iso(input.at),
    reason: input.reason,
    status: 'open',
    alerted: input.alerted,
    response: null,
    followUps: [],
    escalations: [],
    closure: null,
    updatedAt: iso(input.at),
  });
  if (!parsed.success) return { ok: false, code: 'invalid', message: 'Give a reason for raising the case of concern (at most 2000 characters).' };
  return { ok: true, entry: parsed.data };
}

/** Who may raise an entry (and settle an audit's proposal of one): the audit's auditor, or a QA lead. */
export function mayRaiseCaseOfConcern(actor: Pick<StaffActor, 'id' | 'active' | 'jobRoles'>, audit: { auditorId: string } | null): boolean {
  return actor.active && ((audit !== null && audit.auditorId === actor.id) || actor.jobRoles.includes('qaLead'));
}

export type RegisterProposalResult = { ok: true; concern: UrgentConcern } | { ok: false; code: CaseOfConcernRefusalCode; message: string };

/**
 * Records what became of the entry a submission proposed: raised (naming the entry) or not needed.
 * Once only: a proposal already settled is refused, saying how.
 */
export function settleRegisterProposal(
  concern: UrgentConcern,
  cmd: { actor: StaffActor; auditorId: string; outcome: 'raised' | 'notRaised'; entryId: string | null; at: Date; nameOf: NameOf },
): RegisterProposalResult {
  const p = concern.registerProposal;
  if (!p) return { ok: false, code: 'invalid', message: 'This audit did not propose a case of concern.' };
  if (!mayRaiseCaseOfConcern(cmd.actor, { auditorId: cmd.auditorId }))
    return { ok: false, code: 'notAllowed', message: "Only the case's auditor or a QA lead can decide on a proposed case of concern." };
  if (p.status !== 'proposed') {
    const who = p.byId ? ` by ${cmd.nameOf(p.byId)}` : '';
    const when = p.at ? ` on ${ukDateTime(p.at)}` : '';
    return { ok: false, code: 'wrongStatus', message: `${p.status === 'raised' ? 'The case of concern was already raised' : 'It was already decided that no case of concern is needed'}${who}${when}.` };
  }
  if ((cmd.outcome === 'raised') !== (cmd.entryId !== null)) return { ok: false, code: 'invalid', message: 'A raised entry must be named.' };
  const at = iso(cmd.at);
  return { ok: true, concern: { ...concern, registerProposal: { status: cmd.outcome, entryId: cmd.entryId, byId: cmd.actor.id, at }, updatedAt: at } };
}

/** The manager's side: the team manager, deputy or Head of Service alerted, their deputies, and anyone it was escalated to. */
function isManagerSide(actor: StaffActor, entry: CaseOfConcern): boolean {
  const ids = [...entry.alerted.map((a) => a.staffId), ...entry.escalations.map((e) => e.toId)];
  return ids.some((id) => isOrDeputises(actor, id));
}

const isQaLead = (actor: StaffActor) => actor.jobRoles.includes('qaLead');

function isHeadOfService(actor: StaffActor, entry: CaseOfConcern): boolean {
  return (
    entry.alerted.some((a) => a.role === 'headOfService' && a.staffId === actor.id) ||
    (actor.jobRoles.includes('headOfService') && entry.escalations.some((e) => e.toId === actor.id))
  );
}

export interface CaseOfConcernPermissions {
  respond: boolean;
  followUp: boolean;
  escalate: boolean;
  close: boolean;
}

/** What a person may do with an entry now (the register shows only these buttons; the server checks again). */
export function caseOfConcernPermissions(actor: StaffActor, entry: CaseOfConcern): CaseOfConcernPermissions {
  if (!actor.active || entry.status === 'closed') return { respond: false, followUp: false, escalate: false, close: false };
  const manager = isManagerSide(actor, entry);
  const involved = manager || isQaLead(actor) || actor.id === entry.raisedById;
  return {
    respond: manager && entry.status === 'open',
    followUp: involved,
    escalate: involved,
    close: entry.status === 'responded' && (isQaLead(actor) || isHeadOfService(actor, entry)),
  };
}

const statusWords: Record<CaseOfConcern['status'], string> = { open: 'open', responded: 'responded to', closed: 'closed' };

/** The entry as it is now, in words. */
export function describeCaseOfConcernState(entry: CaseOfConcern, nameOf: NameOf): string {
  if (entry.closure) return `This case of concern was closed by ${nameOf(entry.closure.byId)} on ${ukDateTime(entry.closure.at)}.`;
  if (entry.response) return `This case of concern was responded to by ${nameOf(entry.response.byId)} on ${ukDateTime(entry.response.at)}.`;
  return `This case of concern is ${statusWords[entry.status]}.`;
}

type Step = 'respond' | 'followUp' | 'escalate' | 'close';

const refusals: Record<Step, string> = {
  respond: "Only the case's team manager, their deputy or the Head of Service can respond, while the case of concern is open.",
  followUp: 'Only the people involved in this case of concern can add a follow-up, while it is not closed.',
  escalate: 'Only the people involved in this case of concern can escalate it, while it is not closed.',
  close: 'Only a QA lead or the Head of Service can close a case of concern, once it has been responded to.',
};

function check(step: Step, entry: CaseOfConcern, cmd: VersionedCommand & { actor: StaffActor }): CaseOfConcernResult | null {
  if (!cmd.actor.active) return { ok: false, code: 'inactive', message: 'Your account is not active in Practice Audit.' };
  if (cmd.expectedVersion !== cmd.currentVersion)
    return { ok: false, code: 'stale', message: `${describeCaseOfConcernState(entry, cmd.nameOf)} It changed since you opened it; here is the current entry.` };
  if (!caseOfConcernPermissions(cmd.actor, entry)[step]) {
    const wrongStatus = entry.status === 'closed' || (step === 'respond' && entry.status !== 'open') || (step === 'close' && entry.status !== 'responded');
    return wrongStatus
      ? { ok: false, code: 'wrongStatus', message: `${describeCaseOfConcernState(entry, cmd.nameOf)} ${refusals[step]}` }
      : { ok: false, code: 'notAllowed', message: refusals[step] };
  }
  return null;
}

function validated(entry: CaseOfConcern, message: string): CaseOfConcernResult {
  const parsed = caseOfConcern.safeParse(entry);
  return parsed.success ? { ok: true, entry: parsed.data } : { ok: false, code: 'invalid', message };
}

const TEXT_RULE = 'Write something (at most 2000 characters).';

/** open → responded, with the manager's response. */
export function respondToCaseOfConcern(entry: CaseOfConcern, cmd: VersionedCommand & { actor: StaffActor; text: string }): CaseOfConcernResult {
  const refused = check('respond', entry, cmd);
  if (refused) return refused;
  const at = iso(cmd.at);
  return validated({ ...entry, status: 'responded', response: { byId: cmd.actor.id, at, text: cmd.text }, updatedAt: at }, TEXT_RULE);
}

/** A follow-up note, status unchanged. */
export function addCaseOfConcernFollowUp(entry: CaseOfConcern, cmd: VersionedCommand & { actor: StaffActor; text: string }): CaseOfConcernResult {
  const refused = check('followUp', entry, cmd);
  if (refused) return refused;
  const at = iso(cmd.at);
  return validated({ ...entry, followUps: [...entry.followUps, { byId: cmd.actor.id, at, text: cmd.text }], updatedAt: at }, TEXT_RULE);
}

/** Records who escalated it to whom, when; status unchanged. Not to oneself, and not twice to the same person. */
export function escalateCaseOfConcern(entry: CaseOfConcern, cmd: VersionedCommand & { actor: StaffActor; toId: string }): CaseOfConcernResult {
  const refused = check('escalate', entry, cmd);
  if (refused) return refused;
  if (cmd.toId === cmd.actor.id) return { ok: false, code: 'invalid', message: 'Escalate to someone other than yourself.' };
  const earlier = entry.escalations.find((e) => e.toId === cmd.toId);
  if (earlier)
    return { ok: false, code: 'invalid', message: `This case of concern was already escalated to ${cmd.nameOf(cmd.toId)} on ${ukDateTime(earlier.at)}.` };
  const at = iso(cmd.at);
  return validated({ ...entry, escalations: [...entry.escalations, { byId: cmd.actor.id, toId: cmd.toId, at }], updatedAt: at }, 'Too many escalations on one entry.');
}

/** responded → closed, with an optional closing note. */
export function closeCaseOfConcern(entry: CaseOfConcern, cmd: VersionedCommand & { actor: StaffActor; note: string }): CaseOfConcernResult {
  const refused = check('close', entry, cmd);
  if (refused) return refused;
  const at = iso(cmd.at);
  return validated({ ...entry, status: 'closed', closure: { byId: cmd.actor.id, at, note: cmd.note }, updatedAt: at }, 'A closing note may be at most 2000 characters.');
}
