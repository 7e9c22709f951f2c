import {
  type Activity,
  ActivityTypes,
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AdaptiveCard } from '../../shared/cards/cardModel';
import type { Logger } from '../http/logger';
import type { ConversationRef } from './conversationStore';

/**
 * The one module that knows the bot SDK (botbuilder 4.23, past end of support; its successor is
 * the Microsoft 365 Agents SDK). Everything else sees our own small types: an incoming activity
 * parsed to the fields we use, a turn that can send a card or text, and an invoke reply. Swapping
 * the SDK means rewriting this file only.
 *
 * Local mode: no app id or password, which is what the Agents Playground expects (it sends no
 * token and accepts unauthenticated replies). Tenant mode (createTenantBotAdapter): a single-tenant
 * bot that authenticates every incoming activity.
 */

const account = z.object({ id: z.string().min(1), aadObjectId: z.string().min(1).optional() });

/** The fields of a Bot Framework activity the bot reads; the rest is dropped. */
export const incomingActivity = z.object({
  type: z.string().min(1),
  id: z.string().optional(),
  name: z.string().optional(),
  text: z.string().optional(),
  value: z.unknown().optional(),
  action: z.string().optional(),
  channelId: z.string().min(1),
  serviceUrl: z.string().min(1),
  from: account,
  recipient: account,
  conversation: z.object({ id: z.string().min(1), tenantId: z.string().optional(), conversationType: z.string().optional() }),
  membersAdded: z.array(account).optional(),
  entities: z.array(z.object({ type: z.string(), text: z.string().optional(), mentioned: z.object({ id: z.string() }).optional() }).loose()).optional(),
  channelData: z.object({ tenant: z.object({ id: z.string() }).optional() }).loose().optional(),
});
export type IncomingActivity = z.infer<typeof incomingActivity>;

const activityEnvelope = z.object({ type: z.string().min(1) }).loose();

/** What a card action or other invoke answers with: HTTP status and body of the invoke response. */
export interface InvokeReply {
  status: number;
  body: unknown;
}

export interface BotTurn {
  readonly activity: IncomingActivity;
  /**
   * Sends an Adaptive Card; `summary` is the notification preview text (never child data); `alert`
   * asks Teams to raise it in the recipient's activity feed (urgent notices). Returns the message id.
   */
  sendCard(card: AdaptiveCard, summary?: string, options?: { alert?: boolean }): Promise<string | null>;
  /** Replaces a card this bot sent earlier (updateActivity), for everyone who sees it. */
  updateCard(activityId: string, card: AdaptiveCard): Promise<void>;
  sendText(text: string): Promise<string | null>;
}

export type TurnLogic = (turn: BotTurn) => Promise<InvokeReply | void>;
export type ProactiveLogic = (turn: Omit<BotTurn, 'activity'>) => Promise<void>;

export interface BotAdapter {
  /** Handles one POST to the messaging endpoint and answers it. */
  process(req: FastifyRequest, reply: FastifyReply, logic: TurnLogic): Promise<void>;
  /** Opens a turn in a stored conversation, to send to it unprompted. */
  continueConversation(reference: ConversationRef, logic: ProactiveLogic): Promise<void>;
}

/**
 * botbuilder wants an Express/Restify response (`status`, `header`, `send`, `end`); this one
 * records what it is told so Fastify can answer once the turn is over.
 */
class RecordedResponse {
  readonly socket = null;
  statusCode = 200;
  body: unknown = undefined;
  readonly headers = new Map<string, string>();
  status(code: number): this {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: unknown): this {
    this.headers.set(name, String(value));
    return this;
  }
  send(body?: unknown): this {
    this.body = body;
    return this;
  }
  end(): this {
    return this;
  }
}

function turnOf(context: TurnContext): Omit<BotTurn, 'activity'> {
  return {
    async sendCard(card, summary, options) {
      const sent = await context.sendActivity({
        type: ActivityTypes.Message,
        attachments: [CardFactory.adaptiveCard(card)],
        ...(summary ? { summary } : {}),
        // Teams: channelData.notification.alert puts the message in the recipient's activity feed.
        ...(options?.alert ? { channelData: { notification: { alert: true } } } : {}),
      });
      return sent?.id ?? null;
    },
    async updateCard(activityId, card) {
      await context.updateActivity({ id: activityId, type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] });
    },
    async sendText(text) {
      const sent = await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
      return sent?.id ?? null;
    },
  };
}

/**
 * Runs a proactive turn and lets its errors reach the caller. botbuilder routes errors in a turn
 * to `onTurnError`, which only logs; a failed send must instead reach the dispatcher, or it would
 * be recorded as sent.
 */
async function proactive(run: (logic: (context: TurnContext) => Promise<void>) => Promise<void>, logic: ProactiveLogic): Promise<void> {
  let failure: { error: unknown } | null = null;
  await run(async (context) => {
    try {
      await logic(turnOf(context));
    } catch (error) {
      failure = { error };
    }
  });
  if (failure !== null) throw (failure as { error: unknown }).error;
}

/** Ids only: activity text and names may be about a child or a person. */
function errorFields(err: unknown): { type: string; message: string } {
  return err instanceof Error ? { type: err.name, message: err.message } : { type: typeof err, message: 'non-error thrown' };
}

/** The turn body both adapters run: parse the activity, run our logic, answer an invoke. */
function turnRunner(logger: Logger, logic: TurnLogic): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const parsed = incomingActivity.safeParse(context.activity);
    if (!parsed.success) {
      logger.warn({ activityId: context.activity.id, activityType: context.activity.type, fields: parsed.error.issues.map((i) => i.path.join('.')) }, 'bot activity ignored: missing fields');
      return;
    }
    let answer: InvokeReply | void;
    try {
      answer = await logic({ activity: parsed.data, ...turnOf(context) });
    } catch (err) {
      logger.error({ activityId: parsed.data.id, activityType: parsed.data.type, err: errorFields(err) }, 'bot turn failed');
      if (parsed.data.type !== 'invoke') return;
      // Universal Actions: HTTP 200 with the error in the body, so the card shows it.
      answer = { status: 200, body: { statusCode: 500, type: 'application/vnd.microsoft.error', value: { code: 'InternalError', message: 'Something went wrong. Please try again.' } } };
    }
    if (answer) await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: answer.status, body: answer.body } });
  };
}

function conversationReferenceOf(reference: ConversationRef): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl: reference.serviceUrl,
    conversation: { id: reference.conversationId, isGroup: false, conversationType: 'personal', name: '', ...(reference.tenantId ? { tenantId: reference.tenantId } : {}) },
    bot: { id: reference.botId, name: '' },
    user: { id: reference.teamsUserId, name: '', ...(reference.aadObjectId ? { aadObjectId: reference.aadObjectId } : {}) },
  };
}

export function createLocalBotAdapter(logger: Logger): BotAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication(
    {},
    new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' }),
  );
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, err) => {
    logger.error({ activityId: context.activity.id, activityType: context.activity.type, err: errorFields(err) }, 'bot turn failed');
  };

  return {
    async process(req, reply, logic) {
      // The SDK throws (→ 500) on a body that is not an activity; that is the sender's mistake.
      if (!activityEnvelope.safeParse(req.body).success) {
        await reply.code(400).send({ error: 'invalid', message: 'The body is not a Bot Framework activity.' });
        return;
      }
      const res = new RecordedResponse();
      await adapter.process({ body: req.body as Record<string, unknown>, headers: req.headers, method: req.method }, res, turnRunner(logger, logic));
      for (const [name, value] of res.headers) void reply.header(name, value);
      await reply.code(res.statusCode).send(res.body ?? '');
    },

    async continueConversation(reference, logic) {
      await proactive((run) => adapter.continueConversationAsync('', conversationReferenceOf(reference), run), logic);
    },
  };
}

/**
 * Tenant mode: a single-tenant Azure Bot. Every incoming activity must carry a Bot Connector token
 * (https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication,
 * "Authenticate requests from the Bot Connector service to your bot"): RS256 from the keys in the
 * Bot Framework OpenID metadata, issuer https://api.botframework.com, audience = our app id,
 * `serviceurl` claim = the activity's serviceUrl, key endorsed for the channel, not expired (the
 * SDK allows 5 minutes' skew). The SDK checks all of that; we authenticate first and run the turn
 * only on success, so any failure — including ones the SDK would turn into a 500 (a bad signature
 * throws a plain JsonWebTokenError) — answers 401 with no detail, and the turn logic never runs.
 */
export interface TenantBotSettings {
  /** The Azure Bot's Microsoft App ID (Entra app registration, single tenant). */
  appId: string;
  /** The council's tenant id. */
  tenantId: string;
  /** The app's client secret (from Key Vault), used for replies and proactive messages. */
  appPassword: string;
  /**
   * Tests only: where the Bot Connector's OpenID metadata is read (the Entra simulator). Unset in
   * production, where the SDK's public-cloud defaults apply.
   */
  channelOpenIdMetadataUrl?: string;
}

/** Bot Framework public-cloud endpoints (botframework-connector AuthenticationConstants). */
const publicCloud = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
  ToChannelFromBotOAuthScope: 'https://api.botframework.com',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
  OAuthUrl: 'https://api.botframework.com',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
  ToBotFromEmulatorOpenIdMetadataUrl: 'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
  CallerId: 'urn:botframework:azure',
};

type AuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** CloudAdapter with its protected "process an already authenticated activity" made reachable. */
class PreAuthenticatedCloudAdapter extends CloudAdapter {
  runAuthenticated(result: AuthResult, activity: Activity, logic: (context: TurnContext) => Promise<void>) {
    return this.processActivity(result, activity, logic);
  }
}

export function createTenantBotAdapter(settings: TenantBotSettings, logger: Logger): BotAdapter {
  const credentials = {
    MicrosoftAppId: settings.appId,
    MicrosoftAppPassword: settings.appPassword,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: settings.tenantId,
  };
  // Overriding one endpoint makes the SDK use *only* the endpoints given (BotFrameworkAuthenticationFactory),
  // so an override restates the public-cloud ones beside it.
  const endpoints = settings.channelOpenIdMetadataUrl ? { ...publicCloud, ToBotFromChannelOpenIdMetadataUrl: settings.channelOpenIdMetadataUrl } : {};
  const auth = new ConfigurationBotFrameworkAuthentication({ ...credentials, ...endpoints }, new ConfigurationServiceClientCredentialFactory(credentials));
  const adapter = new PreAuthenticatedCloudAdapter(auth);
  adapter.onTurnError = async (context, err) => {
    logger.error({ activityId: context.activity.id, activityType: context.activity.type, err: errorFields(err) }, 'bot turn failed');
  };

  return {
    async process(req, reply, logic) {
      if (!activityEnvelope.safeParse(req.body).success) {
        await reply.code(400).send({ error: 'invalid', message: 'The body is not a Bot Framework activity.' });
        return;
      }
      const activity = req.body as Activity;
      const header = req.headers.authorization ?? '';
      let result: AuthResult;
      try {
        result = await auth.authenticateRequest(activity, header);
      } catch (err) {
        // Ids and the error class only: the SDK's messages can quote claims, never the token itself.
        logger.warn({ activityId: activity.id, activityType: activity.type, hasToken: header !== '', err: { type: err instanceof Error ? err.name : typeof err } }, 'bot activity refused: not authenticated');
        await reply.code(401).send({ error: 'unauthenticated', message: 'The request is not from the Bot Connector service.' });
        return;
      }
      const invoke = await adapter.runAuthenticated(result, activity, turnRunner(logger, logic));
      await reply.code(invoke?.status ?? 200).send(invoke?.body ?? '');
    },

    async continueConversation(reference, logic) {
      await proactive((run) => adapter.continueConversationAsync(settings.appId, conversationReferenceOf(reference), run), logic);
    },
  };
}
