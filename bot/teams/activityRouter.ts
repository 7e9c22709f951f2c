import { z } from 'zod';
import type { AuditSummaryPage } from '../../shared/api/contracts';
import type { AdaptiveCard } from '../../shared/cards/cardModel';
import { parseCardAction, type CardActionPayload } from '../../shared/cards/cardVerbs';
import { helpCard } from '../../shared/cards/helpCard';
import { myAuditsCard } from '../../shared/cards/myAuditsCard';
import { reassignmentCard } from '../../shared/cards/reassignmentCard';
import { meetingProposalReplyCard } from '../../shared/cards/meetingProposalReplyCard';
import { londonDate } from '../../shared/calendar/londonTime';
import { isEditableByAuditor } from '../../shared/lifecycle/auditLifecycle';
import type { StaffMember } from '../../shared/schemas/staff';
import type { Logger } from '../http/logger';
import type { ReassignmentService } from '../reassignments/reassignmentService';
import type { MeetingService } from '../meetings/meetingService';
import type { ActionService } from '../actions/actionService';
import type { ConcernService } from '../concerns/concernService';
import type { StaffStore } from '../store/storeInterface';
import type { BotTurn, IncomingActivity, InvokeReply, TurnLogic } from './botAdapter';
import type { ConversationRef, ConversationStore } from './conversationStore';
import { notSetUpCard } from './notSetUpCard';

/**
 * Decides what the bot does with each activity, by activity type, invoke name and card verb.
 *
 * Who is asking is decided here, server-side, from `activity.from.aadObjectId` matched to a staff
 * member's `entraObjectId` — never from card data or message text. In local mode the Agents
 * Playground's users carry the aadObjectIds set in its config file; a demo staff member answers
 * to one once their `entraObjectId` is set to it (the end-to-end test does that). Teams
 * activities carry no e-mail address, so there is no e-mail fallback.
 *
 * Logs carry activity ids and types only: message text may be about a child.
 */

export interface ActivityRouterDeps {
  staff: Pick<StaffStore, 'getByEntraObjectId'>;
  audits: { listMine(user: StaffMember): Promise<AuditSummaryPage> };
  conversations: ConversationStore;
  links: {
    /** The tab's home (My audits): a Teams deep link in tenant mode, the tab's URL in local mode. */
    appUrl: string;
    auditUrl(auditId: string): string;
  };
  clock: () => Date;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** "Can't do this" requests; without it that verb answers "not available yet". */
  reassignments?: Pick<ReassignmentService, 'request'>;
  /** Meeting times proposed from the "case selected" card; without it that verb answers "not available yet". */
  meetings?: Pick<MeetingService, 'propose'>;
  /** Mark done / Approve / Return on action cards: a card, or a sentence when the person may not act; without it those verbs answer "not available yet". */
  actions?: Pick<ActionService, 'cardVerb'>;
  /** Acknowledge (and refresh) on urgent-concern cards; without it those verbs answer "not available yet". */
  concerns?: Pick<ConcernService, 'acknowledgeFromCard' | 'cardFor'>;
}

/** Message commands, matched exactly after normalising: no guessing from fragments of text. */
const commands = { 'my audits': 'myAudits', help: 'help' } as const satisfies Record<string, 'myAudits' | 'help'>;
type Command = (typeof commands)[keyof typeof commands];

const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';
const ERROR_TYPE = 'application/vnd.microsoft.error';
export const NOT_AVAILABLE_YET = 'That action is not available yet. Please use the Practice Audit tab.';

const cardInvokeValue = z.object({ action: z.object({ verb: z.string().optional(), data: z.unknown() }) });

/** Lower-cased, trimmed, single-spaced message text without the bot's @mention. */
export function normaliseText(activity: Pick<IncomingActivity, 'text' | 'entities' | 'recipient'>): string {
  let text = activity.text ?? '';
  for (const e of activity.entities ?? []) {
    if (e.type === 'mention' && e.mentioned?.id === activity.recipient.id && e.text) text = text.split(e.text).join(' ');
  }
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/&nbsp;|\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function commandFor(normalised: string): Command | null {
  return Object.hasOwn(commands, normalised) ? commands[normalised as keyof typeof commands] : null;
}

const cardReply = (card: AdaptiveCard): InvokeReply => ({ status: 200, body: { statusCode: 200, type: CARD_TYPE, value: card } });
const messageReply = (text: string): InvokeReply => ({ status: 200, body: { statusCode: 200, type: MESSAGE_TYPE, value: text } });
/** Universal Actions want HTTP 200 with the error in the body. */
const badRequest = (message: string): InvokeReply => ({ status: 200, body: { statusCode: 400, type: ERROR_TYPE, value: { code: 'BadRequest', message } } });

export function createActivityRouter(deps: ActivityRouterDeps): TurnLogic {
  const ids = (a: IncomingActivity) => ({ activityId: a.id, activityType: a.type, conversationId: a.conversation.id });

  const whoIsAsking = async (a: IncomingActivity): Promise<StaffMember | null> => {
    const oid = a.from.aadObjectId;
    if (!oid) return null;
    const staff = await deps.staff.getByEntraObjectId(oid);
    return staff && staff.active ? staff : null;
  };

  const cardFor = async (command: Command, user: StaffMember, unrecognised = false): Promise<AdaptiveCard> => {
    if (command === 'help') return helpCard({ appUrl: deps.links.appUrl, unrecognised });
    const mine = await deps.audits.listMine(user);
    return myAuditsCard({
      audits: mine.items
        .filter((a) => isEditableByAuditor(a.status))
        .map((a) => ({ auditId: a.id, auditType: a.auditType, caseRef: a.caseRef, initials: a.initials, dueDate: a.dueDate, openAuditUrl: deps.links.auditUrl(a.id) })),
      today: londonDate(deps.clock()),
      myAuditsUrl: deps.links.appUrl,
    });
  };

  /** Personal chats only: that is where allocations are sent. */
  const rememberConversation = async (a: IncomingActivity): Promise<void> => {
    const type = a.conversation.conversationType;
    if (type !== undefined && type !== 'personal') return;
    const ref: ConversationRef = {
      userKey: a.from.aadObjectId ?? a.from.id,
      teamsUserId: a.from.id,
      aadObjectId: a.from.aadObjectId ?? null,
      conversationId: a.conversation.id,
      serviceUrl: a.serviceUrl,
      tenantId: a.conversation.tenantId ?? a.channelData?.tenant?.id ?? null,
      botId: a.recipient.id,
      updatedAt: deps.clock().toISOString(),
    };
    await deps.conversations.put(ref);
    deps.logger.info({ ...ids(a), teamsUserId: ref.teamsUserId }, 'bot conversation reference saved');
  };

  /** A verb from a card: Action.Execute invoke or the Action.Submit fallback. */
  /** A card to show, a sentence to answer with, or null for "not available yet". */
  const cardAction = async (payload: CardActionPayload, user: StaffMember): Promise<AdaptiveCard | string | null> => {
    switch (payload.verb) {
      case 'myAudits':
      case 'help':
        return cardFor(payload.verb, user);
      case 'submitCantDoThis':
        // Only the ids and the typed reason are used; who is asking comes from the activity.
        // The card's version is not compared: see ReassignmentService.request.
        if (!deps.reassignments) return null;
        return reassignmentCard(await deps.reassignments.request(user, payload.auditId, payload.reason));
      case 'proposeMeeting':
        // Who is proposing comes from the activity; the card's version is not compared (see MeetingService.propose).
        if (!deps.meetings) return null;
        return meetingProposalReplyCard(
          await deps.meetings.propose(user, payload.auditId, payload.meetingDate, payload.meetingTime ?? null),
          deps.links.auditUrl(payload.auditId),
        );
      case 'markActionDone':
      case 'approveAction':
      case 'returnAction':
        // Who is acting comes from the activity; the card's version decides whether it is stale (see ActionService).
        if (!deps.actions) return null;
        return deps.actions.cardVerb(user, payload);
      case 'acknowledgeConcern': {
        // Who is acknowledging comes from the activity; the card's version spots stale cards and replays.
        if (!deps.concerns) return null;
        const r = await deps.concerns.acknowledgeFromCard(user, payload.concernId, payload.version, payload.actionTaken);
        return r.card ?? r.message;
      }
      case 'refreshConcern':
        if (!deps.concerns) return null;
        return (await deps.concerns.cardFor(user, payload.concernId)) ?? 'This concern is for the case’s managers to acknowledge.';
      case 'cantDoThis':
        return null; // answered with "not available yet" until those features land
    }
  };

  const onInvoke = async (turn: BotTurn): Promise<InvokeReply> => {
    const a = turn.activity;
    if (a.name !== 'adaptiveCard/action') {
      deps.logger.info({ ...ids(a), invokeName: a.name }, 'bot invoke not handled');
      return { status: 501, body: null };
    }
    const value = cardInvokeValue.safeParse(a.value);
    if (!value.success) return badRequest('The card action is missing its action.');
    const parsed = parseCardAction(value.data.action.data, value.data.action.verb);
    if (!parsed.ok) {
      deps.logger.warn({ ...ids(a), issues: parsed.issues }, 'bot card action rejected');
      return badRequest(`The card action was not accepted: ${parsed.issues.join('; ')}`);
    }
    const user = await whoIsAsking(a);
    if (!user) return cardReply(notSetUpCard());
    const card = await cardAction(parsed.payload, user);
    deps.logger.info({ ...ids(a), verb: parsed.payload.verb, staffId: user.id }, 'bot card action');
    return typeof card === 'string' ? messageReply(card) : card ? cardReply(card) : messageReply(NOT_AVAILABLE_YET);
  };

  const onMessage = async (turn: BotTurn): Promise<void> => {
    const a = turn.activity;
    await rememberConversation(a); // refreshed on each message: Teams may move a chat to another serviceUrl
    const user = await whoIsAsking(a);
    if (!user) {
      deps.logger.info(ids(a), 'bot message from someone not in the staff directory');
      await turn.sendCard(notSetUpCard(), 'Practice Audit');
      return;
    }
    // An Action.Submit fallback arrives as a message whose value is the card data.
    if (!a.text && a.value !== undefined) {
      const parsed = parseCardAction(a.value);
      if (!parsed.ok) {
        deps.logger.warn({ ...ids(a), issues: parsed.issues }, 'bot card submit rejected');
        await turn.sendText('Sorry, that button did not send what I expected, so nothing was done.');
        return;
      }
      const card = await cardAction(parsed.payload, user);
      if (typeof card === 'string') await turn.sendText(card);
      else if (card) await turn.sendCard(card, 'Practice Audit');
      else await turn.sendText(NOT_AVAILABLE_YET);
      return;
    }
    const command = commandFor(normaliseText(a));
    deps.logger.info({ ...ids(a), command: command ?? 'unrecognised', staffId: user.id }, 'bot message');
    await turn.sendCard(command ? await cardFor(command, user) : await cardFor('help', user, true), command === 'myAudits' ? 'Your open audits' : 'Practice Audit');
  };

  return async (turn) => {
    const a = turn.activity;
    switch (a.type) {
      case 'message':
        return onMessage(turn);
      case 'invoke':
        return onInvoke(turn);
      case 'installationUpdate':
        if (a.action === undefined || a.action.startsWith('add')) await rememberConversation(a);
        return;
      case 'conversationUpdate':
        if (a.membersAdded?.some((m) => m.id === a.recipient.id)) await rememberConversation(a);
        return;
      default:
        return;
    }
  };
}
