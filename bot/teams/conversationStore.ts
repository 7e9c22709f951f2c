import { z } from 'zod';
import { isoDateTime } from '../../shared/schemas/common';

/**
 * Where the bot can reach a person proactively: the reference to their personal chat with the
 * bot, saved when the app is installed (or the bot is added) and refreshed when they write to it.
 * One row per person, keyed by their Entra object id when Teams gives one, else their Teams id.
 */
export const conversationRef = z.object({
  /** `aadObjectId` when known, otherwise `teamsUserId`. */
  userKey: z.string().min(1).max(200),
  /** The Teams user id (`29:…`), the id a proactive message is addressed to. */
  teamsUserId: z.string().min(1).max(200),
  aadObjectId: z.string().min(1).max(64).nullable(),
  conversationId: z.string().min(1).max(500),
  serviceUrl: z.url().max(500),
  tenantId: z.string().min(1).max(64).nullable(),
  /** The bot's id in that conversation (`28:…` in Teams). */
  botId: z.string().min(1).max(200),
  updatedAt: isoDateTime,
});
export type ConversationRef = z.infer<typeof conversationRef>;

export interface ConversationStore {
  /** Saves or replaces the person's reference (last write wins: Teams' latest is the one that works). */
  put(ref: ConversationRef): Promise<void>;
  getByAad(aadObjectId: string): Promise<ConversationRef | null>;
  getByTeamsUserId(teamsUserId: string): Promise<ConversationRef | null>;
}
