/**
 * The Graph endpoints under `/users/{id}` the service calls in tenant mode, for the simulator:
 *
 * - `POST /users/{mailbox}/sendMail` (https://learn.microsoft.com/graph/api/user-sendmail):
 *   202 Accepted with no body. A mailbox the simulator does not know → 404 `ErrorInvalidUser`; a
 *   mailbox outside the application access policy → 403 `ErrorAccessDenied` ("Access to OData is
 *   disabled", what Exchange answers when the policy refuses the app); a message with no recipient
 *   or subject → 400 `ErrorInvalidRecipients` / `BadRequest`. Exchange's throttling (429 with
 *   Retry-After) is produced with the simulator's `inject` faults.
 * - `POST /users/{id}/teamwork/installedApps`
 *   (https://learn.microsoft.com/graph/api/userteamwork-post-installedapps; proactive installation:
 *   https://learn.microsoft.com/microsoftteams/platform/graph-api/proactive-bots-and-messages/graph-proactive-bots-and-messages):
 *   body `{"teamsApp@odata.bind": ".../appCatalogs/teamsApps/{id}"}`; 201 Created; the app already
 *   installed for the user → 409 Conflict; an app not in the catalogue → 404. The refusals for a
 *   user without a Teams licence and for an app blocked by the tenant's permission policy are 403s
 *   whose exact wording Microsoft does not document: the messages below are ours (not verified).
 *
 * These endpoints are not SharePoint's and do not count toward the SharePoint resource-unit budget.
 */

export interface SentMail {
  from: string;
  to: string[];
  subject: string;
  contentType: string;
  content: string;
  importance: string;
  saveToSentItems: boolean;
}

export type TeamsUserState = 'ok' | 'noLicence' | 'appBlocked';

export interface UserEndpointResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

const answer = (status: number, body: unknown): UserEndpointResponse => ({ status, headers: {}, body });
const error = (status: number, code: string, message: string) => answer(status, { error: { code, message } });

export class GraphUserEndpoints {
  /** Mailboxes that exist, and whether the application access policy lets the app send as them. */
  private readonly mailboxes = new Map<string, { allowed: boolean }>();
  readonly sentMail: SentMail[] = [];
  /** Entra users known to Teams (by object id), and what happens if the app is installed for them. */
  private readonly teamsUsers = new Map<string, TeamsUserState>();
  /** Apps in the organisation's catalogue, by catalogue id. */
  private readonly catalogue = new Set<string>();
  /** userId → catalogue app ids installed in their personal scope. */
  readonly installed = new Map<string, Set<string>>();
  /** Every installation request answered: user, app and status (for tests). */
  readonly installRequests: { userId: string; appId: string | null; status: number }[] = [];
  /** Called after an installation succeeds (tests use it to play Teams' conversationUpdate). */
  onInstalled: ((userId: string, appId: string) => void) | null = null;

  addMailbox(address: string, options: { allowedByPolicy?: boolean } = {}): void {
    this.mailboxes.set(address.toLowerCase(), { allowed: options.allowedByPolicy ?? true });
  }
  addTeamsUser(objectId: string, state: TeamsUserState = 'ok'): void {
    this.teamsUsers.set(objectId.toLowerCase(), state);
  }
  addCatalogueApp(appId: string): void {
    this.catalogue.add(appId);
  }

  handles(path: string): boolean {
    return path.startsWith('/users/');
  }

  route(method: string, path: string, body: unknown): UserEndpointResponse {
    const p = path.split('/').filter(Boolean).map(decodeURIComponent);
    const user = (p[1] ?? '').toLowerCase();
    if (method === 'POST' && p.length === 3 && p[2]?.toLowerCase() === 'sendmail') return this.sendMail(user, body);
    if (method === 'POST' && p.length === 4 && p[2] === 'teamwork' && p[3] === 'installedApps') return this.install(user, body);
    return error(400, 'BadRequest', `The simulator does not serve ${method} ${path}`);
  }

  private sendMail(mailbox: string, body: unknown): UserEndpointResponse {
    const box = this.mailboxes.get(mailbox);
    if (!box) return error(404, 'ErrorInvalidUser', `The requested user '${mailbox}' is invalid.`);
    if (!box.allowed) return error(403, 'ErrorAccessDenied', 'Access to OData is disabled.');
    const b = (body ?? {}) as { message?: Record<string, unknown>; saveToSentItems?: unknown };
    const m = b.message;
    if (!m || typeof m !== 'object') return error(400, 'ErrorInvalidRequest', 'Missing message.');
    const recipients = Array.isArray(m['toRecipients']) ? (m['toRecipients'] as { emailAddress?: { address?: unknown } }[]) : [];
    const to = recipients.map((r) => r.emailAddress?.address).filter((a): a is string => typeof a === 'string' && /^[^@\s]+@[^@\s]+$/.test(a));
    if (to.length === 0 || to.length !== recipients.length) return error(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.');
    const content = (m['body'] ?? {}) as { contentType?: unknown; content?: unknown };
    if (typeof m['subject'] !== 'string' || typeof content.content !== 'string') return error(400, 'BadRequest', 'Subject and body are required.');
    this.sentMail.push({
      from: mailbox,
      to,
      subject: m['subject'],
      contentType: String(content.contentType ?? 'html'),
      content: content.content,
      importance: String(m['importance'] ?? 'normal'),
      saveToSentItems: b.saveToSentItems !== false,
    });
    return answer(202, null);
  }

  private install(userId: string, body: unknown): UserEndpointResponse {
    const bind = (body as Record<string, unknown> | null)?.['teamsApp@odata.bind'];
    const appId = typeof bind === 'string' ? (/\/appCatalogs\/teamsApps\/([^/?]+)$/.exec(bind)?.[1] ?? null) : null;
    const done = (r: UserEndpointResponse) => {
      this.installRequests.push({ userId, appId, status: r.status });
      return r;
    };
    if (!appId) return done(error(400, 'BadRequest', 'teamsApp@odata.bind must name an app in /appCatalogs/teamsApps.'));
    const state = this.teamsUsers.get(userId);
    if (!state) return done(error(404, 'NotFound', 'User not found.'));
    if (!this.catalogue.has(appId)) return done(error(404, 'NotFound', 'The Teams app was not found in the app catalog.'));
    if (state === 'noLicence') return done(error(403, 'Forbidden', 'The user does not have a license for Microsoft Teams.'));
    if (state === 'appBlocked') return done(error(403, 'Forbidden', 'The app is blocked for this user by the tenant app permission policy.'));
    const apps = this.installed.get(userId) ?? new Set<string>();
    if (apps.has(appId)) return done(error(409, 'Conflict', 'The app is already installed for this user.'));
    apps.add(appId);
    this.installed.set(userId, apps);
    this.onInstalled?.(userId, appId);
    return done(answer(201, null));
  }
}
