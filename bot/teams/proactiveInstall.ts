import type { HttpResult } from '../delivery/deliveryOutcome';
import type { OutboxNotification } from '../delivery/outboxStore';
import { isCardUpdate } from '../delivery/cardUpdates';
import { staffIdOfConversationKey } from '../delivery/allocationNotice';
import type { StaffStore } from '../store/storeInterface';
import { GraphOutcomeUnknownError, retryAfterMs, type GraphRequest, type GraphResponse } from '../store/sharepoint/graphClient';

/**
 * Reaching every user: a card can only go to someone who has the app in Teams. In tenant mode,
 * when the outbox finds no chat for a member of staff, the service installs the app in their
 * personal scope through Microsoft Graph (application permission
 * TeamsAppInstallation.ReadWriteSelfForUser.All, the app in the organisation's catalogue):
 * `POST /users/{id}/teamwork/installedApps` with `teamsApp@odata.bind` naming the catalogue app
 * (https://learn.microsoft.com/graph/api/userteamwork-post-installedapps; the pattern is
 * https://learn.microsoft.com/microsoftteams/platform/graph-api/proactive-bots-and-messages/graph-proactive-bots-and-messages).
 * 201 = installed, 409 = already installed. Teams then sends the bot a conversationUpdate, the
 * activity router stores the chat, and the notification's next attempt finds it.
 *
 * Recorded and bounded: each try is an attempt on the notification (its last error says
 * "waiting for Teams"), spaced 15 s, 30 s, 60 s, 120 s; after `maxWaits` the person is listed as
 * unreachable with the reason, and the QA lead's "retry" starts again. A refusal (no Teams
 * licence, the app blocked by a permission policy, no such user, the app not in the catalogue) is
 * recorded at once as the reason on the unreachable list. Ids only in logs.
 */

const NO_ACCOUNT = 'No Microsoft 365 account is linked to their staff record yet (they have not signed in to Practice Audit)';
const NO_CHAT_YET = 'The app was added for them, but Teams has not opened a chat with it yet';
const REFUSED = 'Teams could not add the app';

/** The reason this module recorded on an unreachable notification, for the QA lead's list; null for any other. */
export function unreachableDetail(n: { undeliverableReason: string | null; lastError: string | null }): string | null {
  if (n.undeliverableReason !== 'notInstalled' || !n.lastError) return null;
  return n.lastError === NO_ACCOUNT || n.lastError === NO_CHAT_YET || n.lastError.startsWith(REFUSED) ? n.lastError : null;
}

export type InstallOutcome =
  | { kind: 'installed' }
  | { kind: 'alreadyInstalled' }
  /** Will not succeed as things stand; `reason` is worded for the QA lead's unreachable list. */
  | { kind: 'refused'; reason: string }
  | { kind: 'transient'; error: string; retryAfterMs: number | null };

export interface AppInstaller {
  /** Installs the catalogue app in the personal scope of the user with this Entra object id. */
  install(userObjectId: string): Promise<InstallOutcome>;
}

export interface GraphAppInstallerOptions {
  /** One request to Graph with the app-only token (a GraphClient's `send`). */
  send: (req: GraphRequest) => Promise<GraphResponse>;
  /** The app's id in the organisation's catalogue (not the manifest id): TEAMS_APP_CATALOG_ID. */
  catalogAppId: string;
  /** The Graph root the bind URL names; https://graph.microsoft.com/v1.0 by default. */
  graphRoot?: string;
}

const errorOf = (body: unknown): { code: string; message: string } => {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return { code: typeof e?.code === 'string' ? e.code : 'unknown', message: typeof e?.message === 'string' ? e.message : '' };
};

/** Graph's refusal, in words for the QA lead (Microsoft does not document the 403 wording: we match loosely). */
function refusalReason(status: number, body: unknown): string {
  const { code, message } = errorOf(body);
  const m = message.toLowerCase();
  if (status === 403 && m.includes('licen')) return `${REFUSED} for them: they have no Microsoft Teams licence`;
  if (status === 403 && (m.includes('policy') || m.includes('blocked'))) return `${REFUSED} for them: a Teams app policy blocks it`;
  if (status === 404 && m.includes('catalog')) return `${REFUSED}: it is not in the organisation's app catalogue (check TEAMS_APP_CATALOG_ID)`;
  if (status === 404) return `${REFUSED} for them: their account was not found in Microsoft 365`;
  return `${REFUSED} for them (${status} ${code})`;
}

export function graphAppInstaller(o: GraphAppInstallerOptions): AppInstaller {
  const bind = `${(o.graphRoot ?? 'https://graph.microsoft.com/v1.0').replace(/\/+$/, '')}/appCatalogs/teamsApps/${encodeURIComponent(o.catalogAppId)}`;
  return {
    async install(userObjectId) {
      let res: GraphResponse;
      try {
        res = await o.send({ method: 'POST', url: `/users/${encodeURIComponent(userObjectId)}/teamwork/installedApps`, body: { 'teamsApp@odata.bind': bind } });
      } catch (err) {
        // No answer: it may have been installed; trying again is safe (409 then).
        return { kind: 'transient', error: err instanceof GraphOutcomeUnknownError ? 'install: no answer' : `install: ${err instanceof Error ? err.name : 'error'}`, retryAfterMs: null };
      }
      if (res.status >= 200 && res.status < 300) return { kind: 'installed' };
      if (res.status === 409) return { kind: 'alreadyInstalled' };
      if (res.status === 429 || res.status === 503) return { kind: 'transient', error: `install ${res.status}`, retryAfterMs: retryAfterMs(res.headers) };
      if (res.status >= 500 || res.status === 401 || res.status === 408) return { kind: 'transient', error: `install ${res.status} ${errorOf(res.body).code}`, retryAfterMs: null };
      return { kind: 'refused', reason: refusalReason(res.status, res.body) };
    },
  };
}

export interface ProactiveInstallDeps {
  /** The Teams send (teamsSend) this wraps. */
  send: (n: OutboxNotification) => Promise<HttpResult>;
  installer: AppInstaller;
  staff: Pick<StaffStore, 'get'>;
  /** Attempts spent waiting for Teams to open the chat after an install, before giving up (default 4). */
  maxWaits?: number;
  /** First wait after an install, doubled each time (default 15 s). */
  firstWaitMs?: number;
  /** Each installation try and its outcome (ids only). */
  onInstall?: (staffId: string, outcome: InstallOutcome['kind']) => void;
}

/** The dispatcher's Teams `send`, installing the app for people it finds no chat for. */
export function withProactiveInstall(deps: ProactiveInstallDeps): (n: OutboxNotification) => Promise<HttpResult> {
  const maxWaits = deps.maxWaits ?? 4;
  const firstWaitMs = deps.firstWaitMs ?? 15_000;
  return async (n) => {
    const result = await deps.send(n);
    // An update to a card that never went needs no install; everything else is Teams' own answer.
    if (result.kind !== 'noConversation' || isCardUpdate(n)) return result;
    const staffId = staffIdOfConversationKey(n.conversationKey) ?? n.recipientId;
    const member = await deps.staff.get(staffId);
    if (!member?.entraObjectId) return { kind: 'noConversation', detail: NO_ACCOUNT };
    if (n.attempts >= maxWaits) return { kind: 'noConversation', detail: NO_CHAT_YET };
    const outcome = await deps.installer.install(member.entraObjectId);
    deps.onInstall?.(staffId, outcome.kind);
    switch (outcome.kind) {
      case 'installed':
      case 'alreadyInstalled': {
        // Come back once Teams has had time to tell the bot about the new chat (its conversationUpdate).
        const wait = firstWaitMs * 2 ** Math.min(n.attempts, 8);
        return { kind: 'response', status: 429, body: { error: { code: 'WaitingForTeamsChat', message: 'app added; waiting for Teams to open the chat' } }, retryAfter: String(Math.ceil(wait / 1000)) };
      }
      case 'refused':
        return { kind: 'noConversation', detail: outcome.reason };
      case 'transient':
        return outcome.retryAfterMs !== null
          ? { kind: 'response', status: 429, body: { error: { code: 'InstallThrottled', message: outcome.error } }, retryAfter: String(Math.ceil(outcome.retryAfterMs / 1000)) }
          : { kind: 'networkError', message: outcome.error };
    }
  };
}
