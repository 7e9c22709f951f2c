import type { AuditStatus } from '../schemas/audits';

/**
 * The audit's lifecycle as an explicit state machine. Every state later work needs exists;
 * transitions not built yet are listed and refused with a clear message.
 */
export type AuditTransition =
  | 'start'
  | 'submit'
  | 'returnForDevelopment'
  | 'resume'
  | 'dispute'
  | 'mediate'
  | 'moderate'
  | 'completePartB'
  | 'close'
  | 'exempt'
  | 'withdraw';

interface TransitionRule {
  from: readonly AuditStatus[];
  to: AuditStatus;
  label: string;
  /** False until the work that uses it is built. */
  available: boolean;
}

const open: readonly AuditStatus[] = ['allocated', 'inProgress', 'returnedForDevelopment'];

export const transitions: Record<AuditTransition, TransitionRule> = {
  start: { from: ['allocated'], to: 'inProgress', label: 'Start the audit', available: true },
  submit: { from: ['inProgress'], to: 'submitted', label: 'Submit', available: true },
  returnForDevelopment: { from: ['submitted'], to: 'returnedForDevelopment', label: 'Return for development', available: false },
  resume: { from: ['returnedForDevelopment'], to: 'inProgress', label: 'Resume the returned audit', available: true },
  dispute: { from: ['submitted', 'moderated'], to: 'inDispute', label: 'Dispute the grade', available: false },
  mediate: { from: ['inDispute'], to: 'inMediation', label: 'Refer to mediation', available: false },
  moderate: { from: ['submitted', 'inDispute', 'inMediation'], to: 'moderated', label: 'Record moderation', available: false },
  completePartB: { from: ['moderated', 'submitted'], to: 'partBDone', label: 'Complete Part B', available: false },
  close: { from: ['partBDone'], to: 'closed', label: 'Close', available: false },
  exempt: { from: open, to: 'exempted', label: 'Exempt the auditor', available: false },
  withdraw: { from: open, to: 'withdrawn', label: 'Withdraw (case closed or transferred)', available: false },
};

export type TransitionResult =
  | { ok: true; to: AuditStatus }
  | { ok: false; reason: 'notAvailable' | 'notAllowedFrom'; message: string };

export const statusLabels: Record<AuditStatus, string> = {
  allocated: 'Allocated',
  inProgress: 'In progress',
  submitted: 'Submitted',
  returnedForDevelopment: 'Returned for development',
  inDispute: 'In dispute',
  inMediation: 'In mediation',
  moderated: 'Moderated',
  partBDone: 'Part B done',
  closed: 'Closed',
  exempted: 'Exempted',
  withdrawn: 'Withdrawn',
};

export function applyTransition(from: AuditStatus, transition: AuditTransition): TransitionResult {
  const rule = transitions[transition];
  if (!rule.available)
    return { ok: false, reason: 'notAvailable', message: `"${rule.label}" is not available in this version of Practice Audit yet.` };
  if (!rule.from.includes(from))
    return {
      ok: false,
      reason: 'notAllowedFrom',
      message: `"${rule.label}" is not possible while the audit is ${statusLabels[from].toLowerCase()}.`,
    };
  return { ok: true, to: rule.to };
}

/** Still waiting for the auditor (not yet submitted, or returned): the case record it came from is still needed. */
export function isAwaitingSubmission(status: AuditStatus): boolean {
  return open.includes(status);
}

/** The auditor may change the form only while it is open to them; after submit it is read-only unless returned. */
export function isEditableByAuditor(status: AuditStatus): boolean {
  return status === 'allocated' || status === 'inProgress' || status === 'returnedForDevelopment';
}

/**
 * Whether the QA lead may pass the audit to another auditor: only before it is first submitted.
 * Once submitted, the grade is the auditor's and later stages (return, moderation) involve them.
 */
export function mayBeReassigned(status: AuditStatus): boolean {
  return status === 'allocated' || status === 'inProgress';
}
