import { GraphError, isOk, toGraphError, type BatchItem, type GraphClient, type GraphResponse } from '../store/sharepoint/graphClient';
import type { DirectoryGroup } from './directoryGroups';

/**
 * Reads, app-only, who is in the configured Entra groups and who manages them. Application
 * permissions needed: `GroupMember.Read.All` (group members) and `User.Read.All` (users and their
 * managers).
 *
 * 1. `GET /groups/{id}/transitiveMembers?$select=id&$top=999`, following `@odata.nextLink`
 *    (https://learn.microsoft.com/graph/api/group-list-transitivemembers; paging:
 *    https://learn.microsoft.com/graph/paging). Users are kept by their `@odata.type`, which every
 *    member carries, rather than with the `/microsoft.graph.user` cast: earlier versions of that
 *    page required `ConsistencyLevel: eventual` and `$count` for the cast, and that eventually
 *    consistent index can miss a member added minutes ago.
 * 2. For each user, `GET /users/{id}?$select=id,displayName,mail,userPrincipalName,accountEnabled`
 *    (`accountEnabled` comes only when selected) and `GET /users/{id}/manager?$select=id` (404 means
 *    no manager: https://learn.microsoft.com/graph/api/user-list-manager), sent as JSON batches
 *    of 20 (https://learn.microsoft.com/graph/json-batching).
 *
 * 429/503 answers, the batches' inner ones included, are retried after Retry-After by the
 * GraphClient. Every read happens before anything is written.
 */

export interface EntraUser {
  /** Entra object id, lower case. */
  id: string;
  displayName: string;
  /** `mail`, or the UPN when the user has no mailbox address. */
  email: string;
  accountEnabled: boolean;
  /** The manager's object id (lower case), or null for none. */
  managerId: string | null;
  /** Indexes into the setting's groups that this user is (transitively) in, in setting order. */
  groupIndexes: number[];
}

/** A group or user the sync cannot read; the message says which and what to check. */
export class DirectoryReadError extends Error {
  override readonly name = 'DirectoryReadError';
}

const USER_SELECT = 'id,displayName,mail,userPrincipalName,accountEnabled';
const USERS_PER_BATCH = 10; // two requests each: the batch limit is 20

interface MemberJson {
  '@odata.type'?: string;
  id?: string;
}

interface UserJson {
  id?: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
  accountEnabled?: boolean | null;
}

export async function readEntraDirectory(graph: GraphClient, groups: readonly DirectoryGroup[], options: { pageSize?: number } = {}): Promise<EntraUser[]> {
  const top = options.pageSize ?? 999;
  const groupsOf = new Map<string, number[]>();
  for (const [index, group] of groups.entries()) {
    const url = `/groups/${encodeURIComponent(group.id)}/transitiveMembers?$select=id&$top=${top}`;
    try {
      for await (const page of graph.pages<MemberJson>(url)) {
        for (const member of page) {
          if (member['@odata.type'] !== '#microsoft.graph.user' || typeof member.id !== 'string') continue;
          const id = member.id.toLowerCase();
          const list = groupsOf.get(id) ?? [];
          if (!list.includes(index)) list.push(index);
          groupsOf.set(id, list);
        }
      }
    } catch (err) {
      if (err instanceof GraphError && err.status === 404) {
        throw new DirectoryReadError(`groups[${index}].id: Entra has no group ${group.id}; nothing was changed`);
      }
      if (err instanceof GraphError && err.status === 403) {
        throw new DirectoryReadError(`groups[${index}].id: the app may not read the members of group ${group.id} (it needs GroupMember.Read.All); nothing was changed`);
      }
      throw err;
    }
  }

  const ids = [...groupsOf.keys()];
  const users: EntraUser[] = [];
  for (let start = 0; start < ids.length; start += USERS_PER_BATCH) {
    const chunk = ids.slice(start, start + USERS_PER_BATCH);
    const items: BatchItem[] = chunk.flatMap((id, i) => [
      { id: `u${i}`, method: 'GET' as const, url: `/users/${encodeURIComponent(id)}?$select=${USER_SELECT}` },
      { id: `m${i}`, method: 'GET' as const, url: `/users/${encodeURIComponent(id)}/manager?$select=id` },
    ]);
    const answers = await graph.batch(items);
    for (const [i, id] of chunk.entries()) {
      const userAnswer = answerOf(answers, `u${i}`);
      // Deleted between the member list and this read: no longer in the directory at all.
      if (userAnswer.status === 404) continue;
      if (!isOk(userAnswer)) throw readFailure(userAnswer, id);
      const managerAnswer = answerOf(answers, `m${i}`);
      if (!isOk(managerAnswer) && managerAnswer.status !== 404) throw readFailure(managerAnswer, id);
      const user = userAnswer.body as UserJson;
      // Without it every account would look disabled: refuse rather than mark people as having left.
      if (typeof user.accountEnabled !== 'boolean') {
        throw new DirectoryReadError(`Entra user ${id} came back without accountEnabled (the app needs User.Read.All); nothing was changed`);
      }
      const manager = managerAnswer.status === 404 ? null : (managerAnswer.body as MemberJson);
      users.push({
        id,
        displayName: (user.displayName ?? '').trim(),
        email: (user.mail ?? user.userPrincipalName ?? '').trim().toLowerCase(),
        accountEnabled: user.accountEnabled,
        managerId: typeof manager?.id === 'string' ? manager.id.toLowerCase() : null,
        groupIndexes: groupsOf.get(id) ?? [],
      });
    }
  }
  return users;
}

function answerOf(answers: Map<string, GraphResponse>, id: string): GraphResponse {
  return answers.get(id) ?? { status: 500, headers: {}, body: { error: { code: 'noAnswer', message: 'The batch gave no answer for this request' } } };
}

function readFailure(res: GraphResponse, userId: string): Error {
  const err = toGraphError(res);
  return new DirectoryReadError(`Could not read Entra user ${userId} (${err.message}); nothing was changed`);
}
