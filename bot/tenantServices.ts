import type { TenantSettings } from './config/appConfig';
import type { Logger } from './http/logger';
import type { Store, StaffStore } from './store/storeInterface';
import type { ConversationStore } from './teams/conversationStore';
import type { EmailSender } from './email/emailSender';
import type { JobLease } from './jobs/jobLease';
import type { HttpResult } from './delivery/deliveryOutcome';
import type { OutboxNotification } from './delivery/outboxStore';
import { GraphClient } from './store/sharepoint/graphClient';
import { openSharePointStore } from './store/sharepoint/openSharePointStore';
import { openSharePointConversationStore } from './store/sharepoint/spConversationStore';
import { appOnlyGraphTokens } from './identity/appOnlyTokens';
import { createSsoTokenValidator, type SsoTokenValidator } from './identity/ssoTokenValidator';
import { createTenantBotAdapter, type BotAdapter } from './teams/botAdapter';
import { graphMailSender } from './email/graphMailSender';
import { graphAppInstaller, withProactiveInstall } from './teams/proactiveInstall';
import { BlobJobLease, type LeaseContainerLike } from './jobs/blobJobLease';
import { syncEntraDirectory, type DirectorySyncSummary } from './directory/entraDirectorySync';

/**
 * Tenant mode's parts, built from its settings: the SharePoint store and conversation references
 * (app-only Graph, Sites.Selected), Teams SSO validation, the single-tenant bot adapter, e-mail
 * through Graph sendMail from the service mailbox, proactive installation of the app, and the job
 * lease on a blob. app.ts chooses these or their local-mode counterparts; everything else is the
 * same code in both modes.
 */

/** Tests point the service at simulators; production leaves all of these unset. */
export interface TenantTestHooks {
  /** HTTP client for Entra (token endpoint, OpenID metadata, signing keys). */
  entraFetch?: typeof fetch;
  /** Stand-in for https://login.microsoftonline.com. */
  authorityHost?: string;
  /** Stand-in for https://graph.microsoft.com/v1.0. */
  graphBaseUrl?: string;
  graphFetch?: typeof fetch;
  /** The Bot Connector's OpenID metadata (the Entra simulator's). */
  botOpenIdMetadataUrl?: string;
}

export interface TenantServices {
  /** null when the caller supplies its own store (tests). */
  store: Store | null;
  conversations: ConversationStore | null;
  sso: SsoTokenValidator;
  botAdapter: BotAdapter;
  email: EmailSender;
  /** The dispatcher's Teams send, with proactive installation when TEAMS_APP_CATALOG_ID is set. */
  reachEveryone(send: (n: OutboxNotification) => Promise<HttpResult>, staff: Pick<StaffStore, 'get'>): (n: OutboxNotification) => Promise<HttpResult>;
  /** The job lease on a blob in the lease container, reached with the managed identity. */
  jobLease(): Promise<JobLease>;
  /** The Entra directory sync, when ENTRA_DIRECTORY_GROUPS is set (app-only Graph: GroupMember.Read.All, User.Read.All). */
  directorySync: ((store: Store, opts: { confirmLeavers?: number }) => Promise<DirectorySyncSummary>) | null;
}

const GRAPH_ROOT = 'https://graph.microsoft.com/v1.0';

export async function openTenantServices(t: TenantSettings, logger: Logger, hooks: TenantTestHooks = {}, opts: { openStore: boolean } = { openStore: true }): Promise<TenantServices> {
  const graphToken = appOnlyGraphTokens({
    tenantId: t.tenantId,
    clientId: t.clientId,
    clientSecret: t.clientSecret,
    ...(hooks.authorityHost ? { authorityHost: hooks.authorityHost } : {}),
    ...(hooks.entraFetch ? { fetch: hooks.entraFetch } : {}),
  });
  const graphOptions = { baseUrl: hooks.graphBaseUrl ?? GRAPH_ROOT, getToken: graphToken, ...(hooks.graphFetch ? { fetch: hooks.graphFetch } : {}) };
  // The store and installs retry throttling themselves; mail leaves Retry-After to the dispatcher.
  const graph = new GraphClient(graphOptions);
  const mailGraph = new GraphClient({ ...graphOptions, maxAttempts: 1 });

  const sso = createSsoTokenValidator({
    clientId: t.clientId,
    applicationIdUri: t.applicationIdUri,
    allowedTenantIds: [t.tenantId],
    ...(hooks.authorityHost ? { authorityHost: hooks.authorityHost } : {}),
    ...(hooks.entraFetch ? { fetch: hooks.entraFetch } : {}),
  });
  const botAdapter = createTenantBotAdapter(
    { appId: t.botAppId, tenantId: t.tenantId, appPassword: t.clientSecret, ...(hooks.botOpenIdMetadataUrl ? { channelOpenIdMetadataUrl: hooks.botOpenIdMetadataUrl } : {}) },
    logger,
  );
  const email = graphMailSender({ send: (r) => mailGraph.send(r), mailbox: t.mailbox });
  // Without the app's Teams id, links fall back to the https address, where tenant mode has no sign-in.
  if (!t.teamsAppId) logger.warn({ setting: 'TEAMS_APP_ID' }, 'teams: TEAMS_APP_ID is not set, so links on cards and in e-mails open a browser instead of the tab in Teams');
  const directoryGroups = t.directoryGroups;
  const installer = t.teamsAppCatalogId ? graphAppInstaller({ send: (r) => graph.send(r), catalogAppId: t.teamsAppCatalogId }) : null;

  return {
    store: opts.openStore ? await openSharePointStore(graph, t.siteId) : null,
    conversations: opts.openStore ? await openSharePointConversationStore(graph, t.siteId) : null,
    sso,
    botAdapter,
    email,
    reachEveryone(send, staff) {
      if (!installer) return send;
      return withProactiveInstall({ send, installer, staff, onInstall: (staffId, outcome) => logger.info({ staffId, outcome }, 'teams: installing the app for someone with no chat') });
    },
    directorySync: directoryGroups ? (store, opts) => syncEntraDirectory({ store, graph, groups: directoryGroups, ...opts }) : null,
    async jobLease() {
      // Loaded only in tenant mode: local mode never needs the Azure SDKs.
      const [{ ContainerClient }, { DefaultAzureCredential }] = await Promise.all([import('@azure/storage-blob'), import('@azure/identity')]);
      const container: LeaseContainerLike = new ContainerClient(`${t.jobLease.accountUrl}/${t.jobLease.container}`, new DefaultAzureCredential());
      return new BlobJobLease({ container });
    },
  };
}
