import { auditAction, type AuditAction } from '../schemas/actions';
import { isoDate, type IsoDate } from '../schemas/common';
import type { TrailEntry } from '../schemas/trail';
import { isOrDeputises, type StaffActor } from '../access/staffActor';
import { isWorkingDay, type ExtraHolidays } from '../calendar/workingDays';
import { ukDate } from '../calendar/londonTime';
import { ukDateTime } from '../calendar/ukDateTime';
import { stableId } from '../ids/stableId';

/**
 * An action's life: open → done (by its owner, with a short note of evidence) → approved by the
 * accountable manager or their deputy, or returned with a reason → open again. Nobody approves
 * their own action, nor one they marked done. Each step is checked against the version the card
 * or page was built from, so a double click, a replay or a second manager's click makes no second
 * change and gets the current state in words ("already approved by … on …").
 *
 * Pure: the service loads the action and the actor (from the signed-in or activity identity),
 * calls a step, writes the result conditionally on the version, and writes the trail entries.
 */

export type ActionRefusalCode =
  | 'inactive'
  | 'notOwner'
  | 'ownAction'
  | 'markedDoneByYou'
  | 'notAccountable'
  | 'notOpen'
  | 'notDone'
  | 'stale'
  | 'invalid';

export type ActionDecision =
  | { allowed: true; as: 'owner' | 'accountableManager' | 'deputy' }
  | { allowed: false; code: ActionRefusalCode; message: string };

/** Display names of staff for messages. */
export type NameOf = (staffId: string) => string;

type ActionView = Pick<AuditAction, 'ownerId' | 'accountableManagerId' | 'status' | 'doneById'>;

const statusWords: Record<AuditAction['status'], string> = { open: 'open', done: 'done and awaiting approval', approved: 'approved' };

const refuse = (code: ActionRefusalCode, message: string): ActionDecision => ({ allowed: false, code, message });

/** Only the owner marks an action done, while it is open. */
export function canMarkDone(actor: StaffActor, action: ActionView): ActionDecision {
  if (!actor.active) return refuse('inactive', 'Your account is not active in Practice Audit.');
  if (actor.id !== action.ownerId) return refuse('notOwner', "Only the action's owner can mark it done.");
  if (action.status !== 'open') return refuse('notOpen', `This action is ${statusWords[action.status]}, so it cannot be marked done.`);
  return { allowed: true, as: 'owner' };
}

/** The accountable manager or their deputy decides, never the owner or whoever marked it done. */
function decider(actor: StaffActor, action: ActionView, verb: 'approve' | 'return'): ActionDecision {
  if (!actor.active) return refuse('inactive', 'Your account is not active in Practice Audit.');
  if (actor.id === action.ownerId) return refuse('ownAction', `This is your own action: the accountable manager or their deputy must ${verb} it.`);
  if (action.doneById && actor.id === action.doneById) return refuse('markedDoneByYou', `You marked this action done, so someone else must ${verb} it.`);
  let as: 'accountableManager' | 'deputy';
  if (actor.id === action.accountableManagerId) as = 'accountableManager';
  else if (isOrDeputises(actor, action.accountableManagerId)) as = 'deputy';
  else return refuse('notAccountable', `Only the accountable manager or their deputy can ${verb} this action.`);
  if (action.status !== 'done') return refuse('notDone', `This action is ${statusWords[action.status]}, so it cannot be ${verb === 'approve' ? 'approved' : 'returned'}.`);
  return { allowed: true, as };
}

export function canApprove(actor: StaffActor, action: ActionView): ActionDecision {
  return decider(actor, action, 'approve');
}

export function canReturn(actor: StaffActor, action: ActionView): ActionDecision {
  return decider(actor, action, 'return');
}

/** The action's state in words, naming who and when: "already approved by … on 23/11/2026 at 10:15". */
export function describeActionState(action: AuditAction, nameOf: NameOf): string {
  if (action.status === 'approved' && action.approvedById && action.approvedAt)
    return `This action was already approved by ${nameOf(action.approvedById)} on ${ukDateTime(action.approvedAt)}.`;
  if (action.status === 'done' && action.doneAt)
    return `This action was marked done by ${nameOf(action.doneById ?? action.ownerId)} on ${ukDateTime(action.doneAt)} and is awaiting approval.`;
  if (action.status === 'open' && action.returned)
    return `This action was returned by ${nameOf(action.returned.byId)} on ${ukDateTime(action.returned.at)} and is open again.`;
  return `This action is ${statusWords[action.status]}.`;
}

/** One line of the audit trail for an action change; the service adds the entry id, audit id, time and actor. Free text: lengths only. */
export type ActionTrailChange = Omit<TrailEntry, 'id' | 'auditId' | 'at' | 'actorId'>;

export type ActionResult =
  | { ok: true; action: AuditAction; trail: ActionTrailChange[] }
  | { ok: false; code: ActionRefusalCode; message: string };

/**
 * The version a card carries: it changes only when what the card offers changes (status, who
 * decided, owner, manager), not when the job records a drift notice, so such bookkeeping never
 * makes a card stale. The store's etag still guards the write itself.
 */
export function actionCardVersion(action: Pick<AuditAction, 'status' | 'ownerId' | 'accountableManagerId' | 'doneAt' | 'approvedAt' | 'returned'>): string {
  return stableId('v', [action.status, action.ownerId, action.accountableManagerId, action.doneAt ?? '', action.approvedAt ?? '', action.returned?.at ?? ''].join('|'));
}

export interface ActionCommand {
  actor: StaffActor;
  /** The version the card or page was built from (`actionCardVersion`), and the current action's. */
  expectedVersion: string;
  currentVersion: string;
  at: Date;
  nameOf: NameOf;
}

/**
 * Who first (so a stranger learns nothing about the action), then the version (a stale card gets
 * the current state in words), then the state.
 */
function gate(action: AuditAction, cmd: ActionCommand, decide: (a: StaffActor, x: ActionView) => ActionDecision): ActionResult | null {
  const d = decide(cmd.actor, action);
  if (!d.allowed && d.code !== 'notOpen' && d.code !== 'notDone') return { ok: false, code: d.code, message: d.message };
  if (cmd.expectedVersion !== cmd.currentVersion) return { ok: false, code: 'stale', message: describeActionState(action, cmd.nameOf) };
  if (!d.allowed) return { ok: false, code: d.code, message: `${describeActionState(action, cmd.nameOf)} ${d.message}` };
  return null;
}

const field = (actionId: string, name: string) => `actions.${actionId}.${name}`;
const status = (action: AuditAction, to: AuditAction['status']): ActionTrailChange => ({
  kind: 'status',
  field: field(action.id, 'status'),
  before: action.status,
  after: to,
  textLengths: null,
});
const text = (action: AuditAction, name: string, before: string | null, after: string | null): ActionTrailChange => ({
  kind: 'field',
  field: field(action.id, name),
  before: null,
  after: null,
  textLengths: { before: before?.length ?? 0, after: after?.length ?? 0 },
});

function parsed(next: AuditAction, message: string, trail: ActionTrailChange[]): ActionResult {
  const p = auditAction.safeParse(next);
  return p.success ? { ok: true, action: p.data, trail } : { ok: false, code: 'invalid', message };
}

/** Open → done, by the owner, with a short note of the evidence (required, at most 2000 characters). */
export function markActionDone(action: AuditAction, cmd: ActionCommand & { note: string }): ActionResult {
  const refused = gate(action, cmd, canMarkDone);
  if (refused) return refused;
  const note = cmd.note.trim();
  if (note.length === 0) return { ok: false, code: 'invalid', message: 'Add a short note of the evidence that the action is done.' };
  const at = cmd.at.toISOString();
  return parsed(
    { ...action, status: 'done', doneNote: note, doneAt: at, doneById: cmd.actor.id, returned: null, updatedAt: at },
    'The note of evidence may be at most 2000 characters.',
    [status(action, 'done'), text(action, 'doneNote', action.doneNote, note)],
  );
}

/** Done → approved, by the accountable manager or their deputy. */
export function approveAction(action: AuditAction, cmd: ActionCommand): ActionResult {
  const refused = gate(action, cmd, canApprove);
  if (refused) return refused;
  const at = cmd.at.toISOString();
  return parsed({ ...action, status: 'approved', approvedById: cmd.actor.id, approvedAt: at, updatedAt: at }, 'The action could not be approved.', [
    status(action, 'approved'),
    { kind: 'field', field: field(action.id, 'approvedById'), before: action.approvedById, after: cmd.actor.id, textLengths: null },
  ]);
}

/** Done → open again, by the accountable manager or their deputy, with a reason the owner sees. The owner's note stays for them to amend. */
export function returnAction(action: AuditAction, cmd: ActionCommand & { reason: string }): ActionResult {
  const refused = gate(action, cmd, canReturn);
  if (refused) return refused;
  const reason = cmd.reason.trim();
  if (reason.length === 0) return { ok: false, code: 'invalid', message: 'Give the owner a reason for returning the action.' };
  const at = cmd.at.toISOString();
  return parsed(
    { ...action, status: 'open', doneAt: null, doneById: null, returned: { byId: cmd.actor.id, at, reason }, updatedAt: at },
    'The reason may be at most 500 characters.',
    [status(action, 'open'), text(action, 'returned.reason', action.returned?.reason ?? null, reason)],
  );
}

/** Overdue: still open and its due date has passed in Europe/London (`today` is londonDate(now)). Done-awaiting-approval is not overdue: it waits on the manager. */
export function isActionOverdue(action: Pick<AuditAction, 'status' | 'dueDate'>, today: IsoDate): boolean {
  return action.status === 'open' && action.dueDate < today;
}

/** Why a due date is not acceptable, or null: it must be a working day after today (London). */
export function dueDateProblem(dueDate: IsoDate, today: IsoDate, extra?: ExtraHolidays): string | null {
  if (!isoDate.safeParse(dueDate).success) return 'Give the due date as a date.';
  if (dueDate <= today) return `The due date must be after today (${ukDate(today)}).`;
  if (!isWorkingDay(dueDate, extra)) return `${ukDate(dueDate)} is not a working day: choose a weekday that is not a bank holiday.`;
  return null;
}
