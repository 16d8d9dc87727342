import { eq } from 'drizzle-orm';
import { processedEvents } from '../db/schema';
import type { Dispatcher, InboundEvent } from '../feishu/receiver';
import type { Logger } from '../logger';
import type { BotDeps } from './deps';
import { handleCardAction } from './handle-card-action';
import { handleMessage } from './handle-message';

type Handler = (deps: BotDeps, event: Record<string, unknown>, log: Logger) => Promise<object>;

/** Event types the bot answers; anything else is acknowledged and ignored. */
const HANDLERS: Record<string, Handler> = {
  'im.message.receive_v1': handleMessage,
  'card.action.trigger': handleCardAction,
};

/**
 * De-duplicates by event_id (Feishu re-pushes for hours) in the database, so a restart does not forget, then
 * hands the event to its handler. An unexpected failure un-records the event so Feishu's retry gets another go.
 */
export function createDispatcher(deps: BotDeps): Dispatcher {
  return {
    async dispatch(e: InboundEvent, log: Logger) {
      const handler = HANDLERS[e.eventType];
      if (!handler) return {};
      const fresh = deps.ctx.db
        .insert(processedEvents)
        .values({ eventId: e.eventId, eventType: e.eventType, receivedAt: deps.now().toISOString() })
        .onConflictDoNothing()
        .run();
      if (fresh.changes === 0) {
        log.info('duplicate event ignored');
        return {};
      }
      try {
        return await handler(deps, e.event, log);
      } catch (err) {
        deps.ctx.db.delete(processedEvents).where(eq(processedEvents.eventId, e.eventId)).run();
        throw err;
      }
    },
  };
}
