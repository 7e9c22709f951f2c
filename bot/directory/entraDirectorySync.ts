import { jobRole, type StaffMember } from '../../shared/schemas/staff';
import { allPages, type Store, type WithETag } from '../store/storeInterface';
import type { GraphClient } from '../store/sharepoint/graphClient';
import { writePlanned } from '../imports/recordWrites';
import { DIRECTORY_GROUPS_SETTING, DirectorySettingError, type DirectoryGroups } from './directoryGroups';
import { DirectoryReadError, readEntraDirectory } from './entraDirectoryReader';
import { planDirectoryStaff, type DirectoryProblem } from './directoryStaffPlan';

export interface EntraDirectorySyncDeps {
  store: Store;
  /** An app-only Graph client (GroupMember.Read.All, User.Read.All). */
  graph: GraphClient;
  /** The parsed setting (see parseDirectoryGroups). */
  groups: DirectoryGroups;
  /** Members per page when listing a group; Graph allows up to 999. */
  pageSize?: number;
  /**
   * An administrator's confirmation that this many people may be marked as having left, beyond the
   * safety limit: it counts only if the run finds exactly that many (the groups may have changed since).
   */
  confirmLeavers?: number;
}

export interface DirectorySyncSummary {
  /** Distinct users found in the configured groups. */
  membersFound: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Of `updated`: people in no group any more, now marked inactive. */
  markedInactive: number;
  /** People in no group any more, NOT marked inactive because there were more than the safety limit (see leaverLimit). */
  leaversHeldBack: number;
  problems: DirectoryProblem[];
}

/**
 * The most people one run may mark as having left without an administrator's confirmation: a tenth
 * of the active people the directory has linked, at least 5. Marking a team manager inactive stops
 * their urgent alerts going to them, so a mistaken group change (a group emptied, renamed, swapped)
 * must not sweep a service out in one night; like Entra Connect's accidental-deletion threshold, the
 * rest of the run still applies and the leavers wait for a confirmed run.
 */
function leaverLimit(activeLinked: number): number {
  return Math.max(5, Math.ceil(activeLinked / 10));
}

/**
 * Brings the staff directory in line with Entra: job roles and teams from group membership (the
 * setting), line managers from `/users/{id}/manager`, active from the account being enabled (see
 * planDirectoryStaff for the rules). Everything is read before the first write; records are then
 * written through the same idempotent path as the staff import, so a second run with nothing
 * changed in Entra writes nothing, and a run stopped half-way is finished by running it again.
 *
 * Refuses, changing nothing, when a team in the setting is not set up, a group cannot be read, or
 * the groups have no members at all (a wrong setting would otherwise mark everyone as having left).
 * A record someone else saves during the run is left for the next run and reported.
 */
export async function syncEntraDirectory(deps: EntraDirectorySyncDeps): Promise<DirectorySyncSummary> {
  const { store, graph, groups } = deps;
  const teamIds = new Set((await store.teams.listAll()).map((t) => t.id));
  groups.groups.forEach((g, i) => {
    if (g.teamId !== undefined && !teamIds.has(g.teamId)) {
      throw new DirectorySettingError(`${DIRECTORY_GROUPS_SETTING} is not right: groups[${i}].teamId: no team "${g.teamId}" is set up in the app`);
    }
  });

  const users = await readEntraDirectory(graph, groups.groups, { pageSize: deps.pageSize });
  if (users.length === 0) {
    throw new DirectoryReadError('The configured Entra groups have no members: nothing was changed. Check the group ids in the setting.');
  }
  const held = await allStaff(store);
  const plan = planDirectoryStaff(groups.groups, users, held);

  const problems = [...plan.problems];
  const skip = (e: Error, record: StaffMember) => {
    problems.push({ entraObjectId: record.entraObjectId ?? '', email: record.email, reason: `not saved: ${e.message}; the next run tries again` });
  };
  const members = await writePlanned(plan.members, (s, etag) => store.staff.put(s, etag), skip);
  const activeLinked = held.filter((h) => h.active && h.entraObjectId !== null).length;
  // Leavers are active records only, so each is a change.
  const leaving = plan.leavers.length;
  const limit = leaverLimit(activeLinked);
  const holdBack = leaving > limit && deps.confirmLeavers !== leaving;
  if (holdBack) {
    const unconfirmed = deps.confirmLeavers === undefined ? '' : ` (${deps.confirmLeavers} were confirmed, but the groups now leave ${leaving})`;
    problems.push({
      entraObjectId: '',
      email: null,
      reason: `${leaving} people are in none of the groups any more, more than the ${limit} one run may mark as having left: nobody was marked${unconfirmed}. Check the groups in ${DIRECTORY_GROUPS_SETTING}; if they are right, an administrator confirms on the Imports page.`,
    });
  }
  const leavers = holdBack ? { created: 0, updated: 0, unchanged: 0 } : await writePlanned(plan.leavers, (s, etag) => store.staff.put(s, etag), skip);
  return {
    membersFound: users.length,
    created: members.created,
    updated: members.updated + leavers.updated,
    unchanged: members.unchanged + leavers.unchanged,
    markedInactive: leavers.updated,
    leaversHeldBack: holdBack ? leaving : 0,
    problems,
  };
}

/** Everyone in the directory: every person holds at least one job role, so the role lists cover them all. */
async function allStaff(store: Store): Promise<WithETag<StaffMember>[]> {
  const byId = new Map<string, WithETag<StaffMember>>();
  for (const role of jobRole.options) {
    for (const s of await allPages((page) => store.staff.listByRole(role, page))) byId.set(s.id, s);
  }
  return [...byId.values()];
}
