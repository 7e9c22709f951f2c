import type { AuditAction } from '../schemas/actions';
import type { IsoDate } from '../schemas/common';
import type { ActionSettings } from '../settings/actionSettings';
import { isWorkingDay, workingDaysBetween, type ExtraHolidays } from '../calendar/workingDays';
import { londonDate } from '../calendar/londonTime';
import { noticeKey } from '../ids/noticeKey';

/**
 * The daily action nudges (09:00 London, working days only). Pure: the job reads the actions and
 * enqueues; this decides. One pass over the actions with Map grouping, so 20,000 actions cost
 * milliseconds; working-day counts are worked out once per distinct date.
 *
 * - Overdue (open and past due): one digest per owner, never one message per action.
 * - Drift: an action overdue `driftAfterWorkingDays` working days goes to the accountable manager
 *   (or the deputy covering while they are away), once; at `driftEscalationAfterWorkingDays` to
 *   the Head of Service ("drift escalated"), once. "Once" is the action's `driftNotifiedAt` /
 *   `driftEscalatedAt`, which the job records with the notice. A manager who owns the action
 *   hears through their own digest instead.
 * - Done, awaiting approval: the approver's queue, so the nudge goes to the accountable manager
 *   (the deputy when the manager owns the action or marked it done), never to the owner; from
 *   `approvalNudgeAfterWorkingDays` after it was marked done, then every
 *   `approvalNudgeEveryWorkingDays`.
 * - Keys name the notice kind, the recipient and the London date: a second run the same day
 *   enqueues nothing new (the outbox is idempotent by id).
 */

export type NudgeAction = Pick<
  AuditAction,
  'id' | 'ownerId' | 'accountableManagerId' | 'teamId' | 'dueDate' | 'status' | 'doneAt' | 'doneById' | 'driftNotifiedAt' | 'driftEscalatedAt'
>;

export interface NudgeRouting {
  /** The Head of Service of each team's service. */
  headOfServiceByTeam: ReadonlyMap<string, string | null>;
  /** Managers away now → the deputy covering them. */
  coverFor?: ReadonlyMap<string, string>;
  /** Each manager's deputy: approves when the manager owns the action or marked it done. */
  deputyOf?: ReadonlyMap<string, string>;
}

export interface OverdueDigest {
  ownerId: string;
  key: string;
  /** Every overdue action of the owner, oldest due first. */
  actionIds: string[];
  /** The first `digestMaxShown` of them, listed on the card; the rest are "and N more". */
  shownIds: string[];
  moreCount: number;
  oldestDueDate: IsoDate;
}

export interface Count {
  id: string;
  count: number;
}

export interface DriftNotice {
  stage: 'manager' | 'headOfService';
  recipientId: string;
  key: string;
  /** The actions newly drifting at this stage, oldest due first: the job records the stage on each. */
  actionIds: string[];
  /** How many per owner and per team, largest first. */
  byOwner: Count[];
  byTeam: Count[];
  oldestDueDate: IsoDate;
}

export interface ApprovalNudge {
  recipientId: string;
  key: string;
  /** Every action waiting on this approver for at least `approvalNudgeAfterWorkingDays`, longest waiting first. */
  actionIds: string[];
  oldestDoneDate: IsoDate;
}

export interface Unrouted {
  actionId: string;
  reason: 'noHeadOfService' | 'noApprover';
}

export interface ActionNudgePlan {
  today: IsoDate;
  overdueDigests: OverdueDigest[];
  driftNotices: DriftNotice[];
  driftEscalations: DriftNotice[];
  approvalNudges: ApprovalNudge[];
  /** Actions that called for a notice nobody could be found for (for the log and the QA lead). */
  unrouted: Unrouted[];
}

export const overdueDigestKey = (ownerId: string, today: IsoDate) => noticeKey('act-overdue', ownerId, today);
export const driftNoticeKey = (stage: DriftNotice['stage'], recipientId: string, today: IsoDate) =>
  noticeKey(stage === 'manager' ? 'act-drift' : 'act-drift-escalated', recipientId, today);
export const approvalNudgeKey = (recipientId: string, today: IsoDate) => noticeKey('act-approval', recipientId, today);

interface Entry {
  id: string;
  date: IsoDate;
}

const byDateThenId = (a: Entry, b: Entry) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function counts(values: readonly string[]): Count[] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].map(([id, count]) => ({ id, count })).sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1));
}

interface DriftItem extends Entry {
  ownerId: string;
  teamId: string;
}

function driftNotices(stage: DriftNotice['stage'], groups: Map<string, DriftItem[]>, today: IsoDate): DriftNotice[] {
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([recipientId, items]) => {
      items.sort(byDateThenId);
      return {
        stage,
        recipientId,
        key: driftNoticeKey(stage, recipientId, today),
        actionIds: items.map((i) => i.id),
        byOwner: counts(items.map((i) => i.ownerId)),
        byTeam: counts(items.map((i) => i.teamId)),
        oldestDueDate: items[0]?.date ?? today,
      };
    });
}

/** Today's nudges. Nothing on a non-working day; each action counted once however often it is read. */
export function planActionNudges(
  actions: Iterable<NudgeAction>,
  today: IsoDate,
  settings: ActionSettings,
  routing: NudgeRouting,
  extra?: ExtraHolidays,
): ActionNudgePlan {
  const plan: ActionNudgePlan = { today, overdueDigests: [], driftNotices: [], driftEscalations: [], approvalNudges: [], unrouted: [] };
  if (!isWorkingDay(today, extra)) return plan;

  // Working days from a date to today, once per distinct date (due dates and done dates repeat a lot).
  const sinceCache = new Map<IsoDate, number>();
  const workingDaysSince = (date: IsoDate): number => {
    let n = sinceCache.get(date);
    if (n === undefined) {
      n = workingDaysBetween(date, today, extra);
      sinceCache.set(date, n);
    }
    return n;
  };
  // London's offset is a whole hour, so the London date is the same throughout a UTC hour: read it once per hour.
  const doneDateCache = new Map<number, IsoDate>();
  const doneDate = (doneAt: string): IsoDate => {
    const hour = Math.floor(Date.parse(doneAt) / 3_600_000);
    let d = doneDateCache.get(hour);
    if (d === undefined) {
      d = londonDate(new Date(hour * 3_600_000));
      doneDateCache.set(hour, d);
    }
    return d;
  };
  const cover = (staffId: string) => routing.coverFor?.get(staffId) ?? staffId;

  const overdue = new Map<string, Entry[]>();
  const drift = new Map<string, DriftItem[]>();
  const escalated = new Map<string, DriftItem[]>();
  const waiting = new Map<string, Entry[]>();
  const nudgeToday = new Set<string>();
  const seen = new Set<string>();

  for (const a of actions) {
    if (seen.has(a.id)) continue;
    seen.add(a.id);

    if (a.status === 'open' && a.dueDate < today) {
      push(overdue, a.ownerId, { id: a.id, date: a.dueDate });
      const late = workingDaysSince(a.dueDate);
      const item: DriftItem = { id: a.id, date: a.dueDate, ownerId: a.ownerId, teamId: a.teamId };
      if (late >= settings.driftAfterWorkingDays && !a.driftNotifiedAt) {
        const manager = cover(a.accountableManagerId);
        if (manager !== a.ownerId) push(drift, manager, item);
      }
      if (late >= settings.driftEscalationAfterWorkingDays && !a.driftEscalatedAt) {
        const hos = routing.headOfServiceByTeam.get(a.teamId) ?? null;
        if (hos) push(escalated, hos, item);
        else plan.unrouted.push({ actionId: a.id, reason: 'noHeadOfService' });
      }
    } else if (a.status === 'done' && a.doneAt) {
      const waited = workingDaysSince(doneDate(a.doneAt));
      if (waited < settings.approvalNudgeAfterWorkingDays) continue;
      const manager = a.accountableManagerId;
      const selfDecided = manager === a.ownerId || manager === a.doneById;
      const approver = selfDecided ? (routing.deputyOf?.get(manager) ?? null) : cover(manager);
      if (!approver || approver === a.ownerId || approver === a.doneById) {
        plan.unrouted.push({ actionId: a.id, reason: 'noApprover' });
        continue;
      }
      push(waiting, approver, { id: a.id, date: doneDate(a.doneAt) });
      if ((waited - settings.approvalNudgeAfterWorkingDays) % settings.approvalNudgeEveryWorkingDays === 0) nudgeToday.add(approver);
    }
  }

  const K = settings.digestMaxShown;
  plan.overdueDigests = [...overdue.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([ownerId, items]) => {
      items.sort(byDateThenId);
      const actionIds = items.map((i) => i.id);
      return {
        ownerId,
        key: overdueDigestKey(ownerId, today),
        actionIds,
        shownIds: actionIds.slice(0, K),
        moreCount: Math.max(0, actionIds.length - K),
        oldestDueDate: items[0]?.date ?? today,
      };
    });
  plan.driftNotices = driftNotices('manager', drift, today);
  plan.driftEscalations = driftNotices('headOfService', escalated, today);
  plan.approvalNudges = [...waiting.entries()]
    .filter(([recipientId]) => nudgeToday.has(recipientId))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([recipientId, items]) => {
      items.sort(byDateThenId);
      return { recipientId, key: approvalNudgeKey(recipientId, today), actionIds: items.map((i) => i.id), oldestDoneDate: items[0]?.date ?? today };
    });
  plan.unrouted.sort((a, b) => (a.actionId < b.actionId ? -1 : a.actionId > b.actionId ? 1 : 0));
  return plan;
}
