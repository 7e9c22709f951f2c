import type { FastifyInstance } from 'fastify';
import type { BotAdapter, TurnLogic } from './botAdapter';

export const BOT_MESSAGES_PATH = '/api/messages';

/** The bot's messaging endpoint: Teams (or the Agents Playground) posts activities here as JSON. */
export function registerBotRoutes(app: FastifyInstance, deps: { adapter: BotAdapter; logic: TurnLogic }): void {
  app.post(BOT_MESSAGES_PATH, async (req, reply) => {
    await deps.adapter.process(req, reply, deps.logic);
    return reply;
  });
}
