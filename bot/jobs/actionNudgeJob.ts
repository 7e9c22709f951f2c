import { enqueueOnce } from '../delivery/enqueueOnce';
import type { AuditAction } from '../../shared/schemas/actions';
import type { Audit } from '../../shared/schemas/audits';
import type { ActionSettings } from '../../shared/settings/actionSettings';
import type { ExtraHolidays } from '../../shared/calendar/workingDays';
import { isWorkingDay } from '../../shared/calendar/workingDays';
import { londonDate } from '../../shared/calendar/londonTime';
import { planActionNudges, type DriftNotice } from '../../shared/actions/actionNudges';
import { OVERDUE_ACTIONS_SUMMARY, overdueActionsDigestCard } from '../../shared/cards/overdueActionsDigestCard';
import { ACTION_DRIFT_SUMMARY, actionDriftCard } from '../../shared/cards/actionDriftCard';
import { APPROVALS_WAITING_SUMMARY, approvalsWaitingCard } from '../../shared/cards/approvalsWaitingCard';
import { allPages, ConflictError, DuplicateError, type Store, type WithETag } from '../store/storeInterface';
import type { NewNotification } from '../delivery/outboxStore';
import type { ActionCards } from '../actions/actionCards';
import type { ActionLinks } from '../actions/actionLinks';
import { ACTION_NOTICE_KIND, cardNotice } from '../actions/actionNotices';

/**
 * The daily action nudges (issue 5, item 7), at 09:00 London on working days (DailyScheduler):
 * reads the open and done actions team by team, lets shared/actions/actionNudges decide, and puts
 * one card per recipient in the outbox —
 * - each owner: one digest of their overdue actions (the first few listed, the rest counted, a link to My actions);
 * - the accountable manager (or the deputy covering): a drift card once an action is long overdue;
 *   later the Head of Service ("drift escalated"); each stage recorded on the action, so it is told once;
 * - the approver: a nudge about actions marked done and waiting, never the owner.
 *
 * Idempotent: notice ids name the kind, the recipient and the London date, and the outbox is
 * idempotent by id, so a second run or a restart the same day sends nothing twice. A drift stage
 * is recorded on each action after its card is queued; a crash between the two is finished by the
 * next run (the card's id is the same that day, the record is written then).
 */

export interface ActionNudgeJobDeps {
  store: Pick<Store, 'actions' | 'audits' | 'staff' | 'teams' | 'services' | 'outbox'>;
  settings: ActionSettings;
  cards: ActionCards;
  links: ActionLinks;
  extraHolidays?: ExtraHolidays;
}

export interface ActionNudgeRunResult {
  today: string;
  /** False on weekends and bank holidays: nothing is read or sent. */
  workingDay: boolean;
  /** Open and done actions looked at. */
  actionsChecked: number;
  digests: number;
  digestsEnqueued: number;
  driftNotices: number;
  driftEnqueued: number;
  driftEscalations: number;
  escalationsEnqueued: number;
  approvalNudges: number;
  approvalNudgesEnqueued: number;
  /** Actions newly recorded as drifting (manager told) or escalated (Head of Service told). */
  driftRecorded: number;
  /** Actions that called for a notice nobody could be found for (no Head of Service, no approver). */
  unrouted: number;
}

const RECORD_ROUNDS = 3;

export async function runActionNudges(deps: ActionNudgeJobDeps, now: Date): Promise<ActionNudgeRunResult> {
  const today = londonDate(now);
  const result: ActionNudgeRunResult = {
    today,
    workingDay: isWorkingDay(today, deps.extraHolidays),
    actionsChecked: 0,
    digests: 0,
    digestsEnqueued: 0,
    driftNotices: 0,
    driftEnqueued: 0,
    driftEscalations: 0,
    escalationsEnqueued: 0,
    approvalNudges: 0,
    approvalNudgesEnqueued: 0,
    driftRecorded: 0,
    unrouted: 0,
  };
  if (!result.workingDay) return result;

  const { store } = deps;
  const [teams, services] = await Promise.all([store.teams.listAll(), store.services.listAll()]);
  // Team by team: each read is one selective, paged list.
  const byId = new Map<string, WithETag<AuditAction>>();
  for (const team of teams)
    for (const a of await allPages((page) => store.actions.listByTeam(team.id, page))) if (a.status !== 'approved') byId.set(a.id, a);
  result.actionsChecked = byId.size;

  const headOfService = new Map(services.map((s) => [s.id, s.headOfServiceId]));
  const headOfServiceByTeam = new Map(teams.map((t) => [t.id, headOfService.get(t.serviceId) ?? null]));
  const coverFor = new Map<string, string>();
  const deputyOf = new Map<string, string>();
  for (const managerId of new Set([...byId.values()].map((a) => a.accountableManagerId))) {
    const manager = await store.staff.get(managerId);
    if (!manager?.deputyId) continue;
    deputyOf.set(managerId, manager.deputyId);
    if (manager.away) coverFor.set(managerId, manager.deputyId);
  }

  const plan = planActionNudges(byId.values(), today, deps.settings, { headOfServiceByTeam, coverFor, deputyOf }, deps.extraHolidays);
  result.unrouted = plan.unrouted.length;

  const audits = new Map<string, Audit | null>();
  const labels = new Map<string, Map<string, string>>();
  const auditOf = async (auditId: string) => {
    if (!audits.has(auditId)) {
      const audit = await store.audits.get(auditId);
      audits.set(auditId, audit);
      if (audit) labels.set(auditId, deps.cards.labelsOf(audit));
    }
    return audits.get(auditId) ?? null;
  };

  result.digests = plan.overdueDigests.length;
  for (const d of plan.overdueDigests) {
    if (await store.outbox.get(d.key)) continue;
    const rows = [];
    for (const id of d.shownIds) {
      const a = byId.get(id);
      if (!a) continue;
      const audit = await auditOf(a.auditId);
      rows.push({ caseRef: a.caseRef, initials: audit?.caseSnapshot.initials ?? '?', label: deps.cards.labelOf(labels.get(a.auditId) ?? new Map(), a.id), dueDate: a.dueDate });
    }
    const card = overdueActionsDigestCard({ actions: rows, totalCount: d.actionIds.length, myActionsUrl: deps.links.myActions });
    if (await enqueue(deps, cardNotice(d.key, d.ownerId, ACTION_NOTICE_KIND.overdueDigest, card, OVERDUE_ACTIONS_SUMMARY))) result.digestsEnqueued++;
  }

  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const staffName = async (id: string) => (await store.staff.get(id))?.displayName ?? 'Former member of staff';
  const drift = async (n: DriftNotice): Promise<boolean> => {
    const manager = n.stage === 'manager';
    const rows = [];
    for (const r of manager ? n.byOwner : n.byTeam) rows.push({ label: manager ? await staffName(r.id) : (teamName.get(r.id) ?? 'Unknown team'), count: r.count });
    const card = actionDriftCard({
      stage: n.stage,
      count: n.actionIds.length,
      workingDays: manager ? deps.settings.driftAfterWorkingDays : deps.settings.driftEscalationAfterWorkingDays,
      oldestDueDate: n.oldestDueDate,
      rows,
      trackerUrl: manager ? deps.links.teamActions : deps.links.trackerOverdue,
    });
    const queued = (await store.outbox.get(n.key))
      ? false
      : await enqueue(deps, cardNotice(n.key, n.recipientId, manager ? ACTION_NOTICE_KIND.drift : ACTION_NOTICE_KIND.driftEscalated, card, ACTION_DRIFT_SUMMARY[n.stage]));
    // Recorded whether or not the card was queued by this run: an earlier run today may have stopped before recording.
    for (const id of n.actionIds) if (await recordDrift(deps, id, n.stage, now)) result.driftRecorded++;
    return queued;
  };
  result.driftNotices = plan.driftNotices.length;
  for (const n of plan.driftNotices) if (await drift(n)) result.driftEnqueued++;
  result.driftEscalations = plan.driftEscalations.length;
  for (const n of plan.driftEscalations) if (await drift(n)) result.escalationsEnqueued++;

  result.approvalNudges = plan.approvalNudges.length;
  for (const n of plan.approvalNudges) {
    if (await store.outbox.get(n.key)) continue;
    const card = approvalsWaitingCard({ count: n.actionIds.length, oldestDoneDate: n.oldestDoneDate, teamActionsUrl: deps.links.teamAwaiting });
    if (await enqueue(deps, cardNotice(n.key, n.recipientId, ACTION_NOTICE_KIND.approvalsWaiting, card, APPROVALS_WAITING_SUMMARY))) result.approvalNudgesEnqueued++;
  }
  return result;
}

function enqueue(deps: Pick<ActionNudgeJobDeps, 'store'>, n: NewNotification): Promise<boolean> {
  return enqueueOnce(deps.store.outbox, n.id, () => n);
}

/**
 * Records a drift stage on the action, once; conditional on its etag, re-read if someone changed it
 * meanwhile. Bookkeeping only: the action's card version does not change, so no card goes stale.
 */
async function recordDrift(deps: Pick<ActionNudgeJobDeps, 'store'>, actionId: string, stage: DriftNotice['stage'], now: Date): Promise<boolean> {
  const field = stage === 'manager' ? 'driftNotifiedAt' : 'driftEscalatedAt';
  for (let round = 0; round < RECORD_ROUNDS; round++) {
    const current = await deps.store.actions.get(actionId);
    if (!current || current[field]) return false;
    const { etag, ...action } = current;
    try {
      await deps.store.actions.update({ ...action, [field]: now.toISOString() }, etag);
      return true;
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }
  return false;
}
