import { z } from 'zod';
import { jobRole, staffMember, type JobRole, type StaffMember } from '../../shared/schemas/staff';
import { staffIdForEmail } from '../../shared/imports/staffImport';
import type { WithETag } from '../store/storeInterface';
import { withoutETag, type PlannedWrite } from '../imports/recordWrites';
import type { DirectoryGroup } from './directoryGroups';
import type { EntraUser } from './entraDirectoryReader';

/** Someone the sync could not bring fully up to date, and why (shown to the QA lead; ids and e-mail only). */
export interface DirectoryProblem {
  entraObjectId: string;
  email: string | null;
  reason: string;
}

export interface DirectoryStaffPlan {
  /** People in the groups, as the directory says they are now. */
  members: PlannedWrite<StaffMember>[];
  /** People the directory once gave us who are in none of the groups now: marked as having left. */
  leavers: PlannedWrite<StaffMember>[];
  problems: DirectoryProblem[];
}

/**
 * Turns what Entra says into staff records (pure: no I/O).
 *
 * Who is who: a staff record is found by Entra object id, else by e-mail (then linked). A record
 * linked to a *different* object id is never relinked, as at sign-in. New people get the id the
 * staff import would give their e-mail, so an import and the sync reach the same record.
 *
 * What the directory decides: name, e-mail, Entra object id, job roles (every role any of their
 * groups gives, in the app's role order), team (a person in two team groups: the first group in the
 * setting wins and the sync reports it), line manager (their Entra manager, who must be in one of the
 * groups; otherwise none, reported) and active (the account is enabled). What it does not know
 * stays as held: deputy and away.
 *
 * Left out and reported, their record untouched: no job role from any group; no usable e-mail;
 * an e-mail another member already has; line managers forming a loop. People the sync once saw
 * (they have an Entra object id) who are in no group now are marked inactive, never deleted.
 */
export function planDirectoryStaff(groups: readonly DirectoryGroup[], users: readonly EntraUser[], held: readonly WithETag<StaffMember>[]): DirectoryStaffPlan {
  const problems: DirectoryProblem[] = [];
  const byOid = new Map<string, WithETag<StaffMember>>();
  const byEmail = new Map<string, WithETag<StaffMember>>();
  for (const h of held) {
    if (h.entraObjectId !== null) byOid.set(h.entraObjectId.toLowerCase(), h);
    byEmail.set(h.email.toLowerCase(), h);
  }

  interface Candidate {
    user: EntraUser;
    id: string;
    held: WithETag<StaffMember> | null;
    jobRoles: JobRole[];
    teamId: string | null;
  }
  const candidates = new Map<string, Candidate>();
  const emailsTaken = new Map<string, string>();
  const report = (user: EntraUser, reason: string) => problems.push({ entraObjectId: user.id, email: user.email === '' ? null : user.email, reason });

  for (const user of users) {
    if (!z.email().max(254).safeParse(user.email).success) {
      report(user, `has no usable e-mail address in Entra ("${user.email}")`);
      continue;
    }
    const other = emailsTaken.get(user.email);
    if (other !== undefined) {
      report(user, `has the same e-mail as Entra user ${other}: only the first is kept`);
      continue;
    }
    emailsTaken.set(user.email, user.id);

    const roles = new Set<JobRole>();
    let teamId: string | null = null;
    let teamGroup = -1;
    for (const index of user.groupIndexes) {
      const group = groups[index];
      if (group === undefined) continue;
      for (const role of group.jobRoles) roles.add(role);
      if (group.teamId === undefined) continue;
      if (teamId === null) {
        teamId = group.teamId;
        teamGroup = index;
      } else if (group.teamId !== teamId) {
        report(user, `is in groups for two teams (groups[${teamGroup}] gives ${teamId}, groups[${index}] gives ${group.teamId}): kept in ${teamId}`);
      }
    }
    if (roles.size === 0) {
      report(user, 'no job role: their groups give only a team; add them to a group that gives a job role');
      continue;
    }

    let match = byOid.get(user.id) ?? null;
    if (match === null) {
      const sameEmail = byEmail.get(user.email) ?? null;
      if (sameEmail !== null && sameEmail.entraObjectId !== null && sameEmail.entraObjectId.toLowerCase() !== user.id) {
        report(user, `their e-mail belongs to a staff record linked to a different Microsoft account (${sameEmail.entraObjectId}): an administrator must correct it`);
        continue;
      }
      match = sameEmail;
    }
    candidates.set(user.id, {
      user,
      id: match?.id ?? staffIdForEmail(user.email),
      held: match,
      jobRoles: jobRole.options.filter((r) => roles.has(r)),
      teamId,
    });
  }

  // Line managers: settle who is left out (loops) until nothing changes, since leaving someone out
  // can leave another without a manager record.
  const memberIds = new Set(users.map((u) => u.id));
  const leftOut = new Set<string>();
  let lineManagerOf = new Map<string, { id: string | null; reason: string | null }>();
  for (let changed = true; changed; ) {
    changed = false;
    lineManagerOf = new Map();
    for (const c of candidates.values()) {
      if (leftOut.has(c.user.id)) continue;
      const m = c.user.managerId;
      if (m === null) lineManagerOf.set(c.user.id, { id: null, reason: null });
      else if (!memberIds.has(m)) lineManagerOf.set(c.user.id, { id: null, reason: `their Entra manager (${m}) is in none of the configured groups, so they have no line manager in the app` });
      else {
        const mc = candidates.get(m);
        if (mc !== undefined && !leftOut.has(m)) lineManagerOf.set(c.user.id, { id: mc.id, reason: null });
        else {
          const mh = byOid.get(m);
          if (mh !== undefined) lineManagerOf.set(c.user.id, { id: mh.id, reason: null });
          else lineManagerOf.set(c.user.id, { id: null, reason: `their Entra manager (${m}) could not be added (see their problem), so they have no line manager in the app for now` });
        }
      }
    }
    // Loops over the records as they will be: the planned ones, and held ones left as they are.
    const managerOfStaff = new Map<string, string | null>();
    for (const h of held) managerOfStaff.set(h.id, h.lineManagerId);
    const candidateOfStaff = new Map<string, Candidate>();
    for (const c of candidates.values()) {
      if (leftOut.has(c.user.id)) continue;
      managerOfStaff.set(c.id, lineManagerOf.get(c.user.id)?.id ?? null);
      candidateOfStaff.set(c.id, c);
    }
    for (const c of candidateOfStaff.values()) {
      const chain: string[] = [];
      let cur: string | null | undefined = c.id;
      while (cur !== null && cur !== undefined && !chain.includes(cur)) {
        chain.push(cur);
        cur = managerOfStaff.get(cur);
      }
      if (cur === c.id) {
        report(c.user, `line managers in Entra form a loop (${chain.map((s) => candidateOfStaff.get(s)?.user.email ?? s).join(' → ')} → ${c.user.email})`);
        leftOut.add(c.user.id);
        changed = true;
      }
    }
  }

  const members: PlannedWrite<StaffMember>[] = [];
  for (const c of candidates.values()) {
    if (leftOut.has(c.user.id)) continue;
    const manager = lineManagerOf.get(c.user.id) ?? { id: null, reason: null };
    if (manager.reason !== null) report(c.user, manager.reason);
    const displayName = c.user.displayName.replace(/\s+/g, ' ').slice(0, 120) || c.user.email;
    const next = staffMember.safeParse({
      id: c.id,
      displayName,
      email: c.user.email,
      entraObjectId: c.user.id,
      jobRoles: c.jobRoles,
      teamId: c.teamId,
      lineManagerId: manager.id,
      deputyId: c.held?.deputyId ?? null,
      away: c.held?.away ?? false,
      active: c.user.accountEnabled,
    });
    if (!next.success) {
      report(c.user, `cannot be saved: ${next.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      continue;
    }
    members.push({ next: next.data, held: c.held });
  }

  const leavers: PlannedWrite<StaffMember>[] = [];
  for (const h of held) {
    if (h.entraObjectId === null || memberIds.has(h.entraObjectId.toLowerCase()) || !h.active) continue;
    leavers.push({ next: { ...withoutETag(h), active: false }, held: h });
  }
  return { members, leavers, problems };
}
