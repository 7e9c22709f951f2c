import type { CaseContacts } from '../access/caseContacts';
import type { ConcernRecipient, UrgentTriggerKind } from '../schemas/concerns';
import type { StaffMember } from '../schemas/staff';
import { stableId } from '../ids/stableId';
import { noticeKey } from '../ids/noticeKey';
import type { UrgentTrigger } from './urgentTriggers';

/**
 * Who gets the written notice of an urgent concern, and exactly once. The triggers one change
 * fires become one concern (a child judged not safe is also graded Inadequate: one notice, not
 * two); a trigger already recorded never raises another; each recipient's notice has a key
 * naming the concern and the person, so a re-run enqueues nothing new.
 */

/** The manager who hears first: the team manager, or the deputy while the manager is away. */
function managerLevel(contacts: CaseContacts): ConcernRecipient | null {
  if (contacts.managerAway && contacts.deputyId && !contacts.deputyUnavailable) return { staffId: contacts.deputyId, role: 'deputy' };
  return contacts.managerId ? { staffId: contacts.managerId, role: 'teamManager' } : null;
}

/**
 * Nobody available at the team's level: the manager is away and no deputy is named, or the deputy
 * is away or gone too (or the team has no manager). The notice would otherwise wait unread until
 * the acknowledgement time ran out, so the Head of Service hears at once as well.
 */
function coverGap(contacts: CaseContacts): boolean {
  if (!contacts.managerId) return true;
  return contacts.managerAway && (!contacts.deputyId || contacts.deputyUnavailable === true);
}

/** The raiser already knows; if they are the manager themselves, the deputy hears instead. */
function managerFor(contacts: CaseContacts, raisedById: string): ConcernRecipient | null {
  const first = managerLevel(contacts);
  if (first && first.staffId !== raisedById) return first;
  if (contacts.deputyId && contacts.deputyId !== raisedById) return { staffId: contacts.deputyId, role: 'deputy' };
  return null;
}

function distinct(list: readonly (ConcernRecipient | null)[], raisedById: string): ConcernRecipient[] {
  const seen = new Set<string>([raisedById]);
  const out: ConcernRecipient[] = [];
  for (const r of list) {
    if (!r || seen.has(r.staffId)) continue;
    seen.add(r.staffId);
    out.push(r);
  }
  return out;
}

/**
 * An urgent concern from an audit: the team manager (or deputy covering) and the case's worker, and
 * the Head of Service (or their cover) at once when nobody at the team's level is there to read it;
 * never the raiser, nobody twice.
 */
export function urgentConcernRecipients(contacts: CaseContacts, raisedById: string, headOfServiceId: string | null = null): ConcernRecipient[] {
  return distinct(
    [
      managerFor(contacts, raisedById),
      contacts.workerId ? { staffId: contacts.workerId, role: 'worker' } : null,
      coverGap(contacts) && headOfServiceId ? { staffId: headOfServiceId, role: 'headOfService' } : null,
    ],
    raisedById,
  );
}

/** Whether urgentConcernRecipients needs the Head of Service (so callers read it only then). */
export function needsHeadOfServiceAtOnce(contacts: CaseContacts): boolean {
  return coverGap(contacts);
}

/** A new case of concern: the team manager (or deputy covering) and the Head of Service; never the raiser, nobody twice. */
export function caseOfConcernRecipients(contacts: CaseContacts, headOfServiceId: string | null, raisedById: string): ConcernRecipient[] {
  return distinct([managerFor(contacts, raisedById), headOfServiceId ? { staffId: headOfServiceId, role: 'headOfService' } : null], raisedById);
}

export interface PlannedConcern {
  /** Stable: the same triggers always give the same concern id. */
  id: string;
  triggerKinds: UrgentTriggerKind[];
  triggerKeys: string[];
}

/**
 * The concern to record for the triggers a change fired, leaving out any already recorded
 * (`recordedKeys`: the trigger keys of the audit's existing concerns). Null when nothing is new:
 * no trigger, no notice.
 */
export function planUrgentConcern(triggers: readonly UrgentTrigger[], recordedKeys: ReadonlySet<string> = new Set()): PlannedConcern | null {
  const fresh = new Map<string, UrgentTrigger>();
  for (const t of triggers) if (!recordedKeys.has(t.key)) fresh.set(t.key, t);
  if (fresh.size === 0) return null;
  const keys = [...fresh.keys()].sort();
  return {
    id: stableId('uc_', keys.join('\n')),
    triggerKinds: [...new Set([...fresh.values()].map((t) => t.kind))],
    triggerKeys: keys,
  };
}

/** One notice per concern (or register entry) per recipient: the outbox id. */
export function urgentNoticeKey(concernId: string, recipientId: string): string {
  return noticeKey('ucn', concernId, recipientId);
}

/** The notice to the Head of Service when a concern goes unacknowledged: once per concern. */
export function escalationNoticeKey(concernId: string, headOfServiceId: string): string {
  return noticeKey('uce', concernId, headOfServiceId);
}

/** Who an escalation reaches: the Head of Service, or their deputy while they are away (or have left), recorded as covering. */
export function escalationRecipient(
  headOfService: Pick<StaffMember, 'id' | 'away' | 'active' | 'deputyId'> | null,
  deputy: Pick<StaffMember, 'id' | 'active' | 'away'> | null,
): { toId: string; coveringForId: string | null } | null {
  if (!headOfService) return null;
  const absent = headOfService.away || !headOfService.active;
  if (absent && deputy && deputy.id === headOfService.deputyId && deputy.id !== headOfService.id && deputy.active && !deputy.away)
    return { toId: deputy.id, coveringForId: headOfService.id };
  // Nobody able to cover: it still goes to the Head of Service, so it is on record with someone accountable.
  return { toId: headOfService.id, coveringForId: null };
}
