/**
 * The Entra directory reads the directory sync makes, for the Graph simulator (read-only, GET):
 *
 * - `GET /groups/{id}/transitiveMembers` (https://learn.microsoft.com/graph/api/group-list-transitivemembers):
 *   a flat list of every member, nested groups' members included, each once, each with its
 *   `@odata.type`; nested groups are listed too (as `#microsoft.graph.group`). The
 *   `/microsoft.graph.user` cast keeps users only. `$select` and `$top` (default 100, at most
 *   999, as documented for directory collections) are honoured; further pages come as an opaque
 *   `$skiptoken` in `@odata.nextLink`. An unknown group → 404 `Request_ResourceNotFound`. The
 *   simulator does not insist on `ConsistencyLevel: eventual` for the cast (older pages of the
 *   documentation asked for it; the sync does not use the cast).
 * - `GET /users/{id | userPrincipalName}` (https://learn.microsoft.com/graph/api/user-get): the
 *   default property set, or `$select`'s; `accountEnabled` only when selected, as in Graph.
 *   Unknown → 404 `Request_ResourceNotFound`.
 * - `GET /users/{id}/manager` (https://learn.microsoft.com/graph/api/user-list-manager): the manager
 *   as a `#microsoft.graph.user`; a user with no manager → 404 `Request_ResourceNotFound`.
 *
 * Throttling (429 with Retry-After) comes from the simulator's `inject` faults; directory reads
 * do not count toward SharePoint's resource units.
 */

export interface DirectoryUserRecord {
  id: string;
  displayName: string;
  mail: string | null;
  userPrincipalName: string;
  accountEnabled: boolean;
  /** The manager's object id. */
  managerId: string | null;
}

export interface DirectoryRouteResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const DEFAULT_PROPERTIES = ['id', 'displayName', 'mail', 'userPrincipalName'] as const;
const USER_PROPERTIES = new Set(['id', 'displayName', 'mail', 'userPrincipalName', 'accountEnabled']);
const DEFAULT_TOP = 100;
const MAX_TOP = 999;

const answer = (status: number, body: unknown): DirectoryRouteResponse => ({ status, headers: {}, body });
const notFound = (id: string) =>
  answer(404, {
    error: { code: 'Request_ResourceNotFound', message: `Resource '${id}' does not exist or one of its queried reference-property objects are not present.` },
  });
const badRequest = (message: string) => answer(400, { error: { code: 'Request_BadRequest', message } });

export class SimDirectory {
  private readonly users = new Map<string, DirectoryUserRecord>();
  /** groupId → member object ids (users or groups), in the order added. */
  private readonly groups = new Map<string, string[]>();
  /** Reads answered, by kind (for tests counting requests). */
  readonly reads = { members: 0, user: 0, manager: 0 };

  addUser(user: DirectoryUserRecord): void {
    this.users.set(user.id.toLowerCase(), { ...user });
  }

  updateUser(id: string, patch: Partial<Omit<DirectoryUserRecord, 'id'>>): void {
    const u = this.users.get(id.toLowerCase());
    if (!u) throw new Error(`No directory user ${id}`);
    Object.assign(u, patch);
  }

  deleteUser(id: string): void {
    this.users.delete(id.toLowerCase());
    for (const members of this.groups.values()) {
      const at = members.indexOf(id.toLowerCase());
      if (at >= 0) members.splice(at, 1);
    }
  }

  addGroup(id: string, memberIds: readonly string[] = []): void {
    this.groups.set(id.toLowerCase(), memberIds.map((m) => m.toLowerCase()));
  }

  addMember(groupId: string, memberId: string): void {
    const members = this.group(groupId);
    if (!members.includes(memberId.toLowerCase())) members.push(memberId.toLowerCase());
  }

  removeMember(groupId: string, memberId: string): void {
    const members = this.group(groupId);
    const at = members.indexOf(memberId.toLowerCase());
    if (at >= 0) members.splice(at, 1);
  }

  private group(id: string): string[] {
    const members = this.groups.get(id.toLowerCase());
    if (!members) throw new Error(`No directory group ${id}`);
    return members;
  }

  handles(method: string, path: string): boolean {
    return method === 'GET' && (path.startsWith('/groups/') || /^\/users\/[^/]+(\/manager)?\/?$/i.test(path));
  }

  /** `baseUrl` is the simulator's version root, for next links. */
  route(path: string, query: URLSearchParams, baseUrl: string): DirectoryRouteResponse {
    const p = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (p[0] === 'groups' && p[2]?.toLowerCase() === 'transitivemembers' && p.length <= 4) {
      const cast = p[3];
      if (cast !== undefined && cast.toLowerCase() !== 'microsoft.graph.user') return badRequest(`The simulator does not serve the cast ${cast}`);
      return this.transitiveMembers(p[1] ?? '', cast !== undefined, query, baseUrl);
    }
    if (p[0] === 'users' && p.length === 2) return this.user(p[1] ?? '', query);
    if (p[0] === 'users' && p.length === 3 && p[2]?.toLowerCase() === 'manager') return this.manager(p[1] ?? '', query);
    return badRequest(`The simulator does not serve GET ${path}`);
  }

  private findUser(idOrUpn: string): DirectoryUserRecord | undefined {
    const key = idOrUpn.toLowerCase();
    return this.users.get(key) ?? [...this.users.values()].find((u) => u.userPrincipalName.toLowerCase() === key);
  }

  private select(query: URLSearchParams): string[] {
    const raw = query.get('$select');
    if (raw === null) return [...DEFAULT_PROPERTIES];
    return raw.split(',').map((s) => s.trim()).filter(Boolean);
  }

  private userJson(u: DirectoryUserRecord, props: readonly string[]): Record<string, unknown> {
    const out: Record<string, unknown> = { '@odata.type': '#microsoft.graph.user' };
    for (const prop of props) if (USER_PROPERTIES.has(prop)) out[prop] = u[prop as keyof DirectoryUserRecord];
    return out;
  }

  private transitiveMembers(groupId: string, usersOnly: boolean, query: URLSearchParams, baseUrl: string): DirectoryRouteResponse {
    this.reads.members++;
    if (!this.groups.has(groupId.toLowerCase())) return notFound(groupId);
    const top = query.has('$top') ? Number(query.get('$top')) : DEFAULT_TOP;
    if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) return badRequest(`Invalid page size specified: '${query.get('$top')}'. Must be between 1 and ${MAX_TOP} inclusive.`);
    const props = this.select(query);

    // Flatten nested groups, each member once, in the order met.
    const seen = new Set<string>();
    const flat: { kind: 'user' | 'group'; id: string }[] = [];
    const walk = (gid: string) => {
      for (const m of this.groups.get(gid) ?? []) {
        if (seen.has(m)) continue;
        seen.add(m);
        if (this.groups.has(m)) {
          flat.push({ kind: 'group', id: m });
          walk(m);
        } else if (this.users.has(m)) flat.push({ kind: 'user', id: m });
      }
    };
    seen.add(groupId.toLowerCase());
    walk(groupId.toLowerCase());
    const listed = usersOnly ? flat.filter((m) => m.kind === 'user') : flat;

    const skip = decodeSkipToken(query.get('$skiptoken'));
    if (skip === null) return badRequest('Invalid $skiptoken.');
    const page = listed.slice(skip, skip + top).map((m) => {
      if (m.kind === 'group') return { '@odata.type': '#microsoft.graph.group', id: m.id };
      const u = this.users.get(m.id) as DirectoryUserRecord;
      return { ...this.userJson(u, props), id: u.id };
    });
    const body: Record<string, unknown> = { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#directoryObjects', value: page };
    if (skip + top < listed.length) {
      const next = new URLSearchParams(query);
      next.set('$skiptoken', encodeSkipToken(skip + top));
      const cast = usersOnly ? '/microsoft.graph.user' : '';
      body['@odata.nextLink'] = `${baseUrl}/groups/${groupId}/transitiveMembers${cast}?${next.toString()}`;
    }
    return answer(200, body);
  }

  private user(idOrUpn: string, query: URLSearchParams): DirectoryRouteResponse {
    this.reads.user++;
    const u = this.findUser(idOrUpn);
    if (!u) return notFound(idOrUpn);
    return answer(200, this.userJson(u, this.select(query)));
  }

  private manager(idOrUpn: string, query: URLSearchParams): DirectoryRouteResponse {
    this.reads.manager++;
    const u = this.findUser(idOrUpn);
    if (!u) return notFound(idOrUpn);
    const m = u.managerId === null ? undefined : this.users.get(u.managerId.toLowerCase());
    if (!m) return notFound('manager');
    return answer(200, this.userJson(m, this.select(query)));
  }
}

// Opaque to clients, as Graph's are: they must follow the next link, never build one.
function encodeSkipToken(offset: number): string {
  return Buffer.from(`sim-skip:${offset}`).toString('base64url');
}

function decodeSkipToken(token: string | null): number | null {
  if (token === null) return 0;
  const m = /^sim-skip:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : null;
}
