import { recordEvent } from '../db/event-repository';
import type { Dispatcher, InboundEvent } from '../feishu/receiver';
import type { Logger } from '../logger';
import type { BotDeps } from './deps';
import { handleCardAction } from './handle-card-action';
import { handleMessage } from './handle-message';

/** A handler does all its work synchronously, inside the dispatcher's transaction, and returns the answer. */
export type Handler = (deps: BotDeps, event: Record<string, unknown>, log: Logger) => object;

/** Event types the bot answers; anything else is acknowledged and ignored. */
const HANDLERS: Record<string, Handler> = {
  'im.message.receive_v1': handleMessage,
  'card.action.trigger': handleCardAction,
};

/**
 * `handlers` defaults to the bot's; tests pass their own to prove what a failing handler leaves behind.
 *
 * One event, one transaction: its id (Feishu re-pushes for hours, so it is de-duplicated in the database) and
 * everything the handler writes (the change, its audit rows, the messages to send) commit together or not at all.
 * A crash before the commit leaves no trace and Feishu's retry does the work; a crash after it finds the id and
 * does nothing. Services open their own transactions; inside this one they become savepoints.
 */
export function createDispatcher(deps: BotDeps, handlers: Record<string, Handler> = HANDLERS): Dispatcher {
  const db = deps.ctx.db;
  return {
    async dispatch(e: InboundEvent, log: Logger) {
      const handler = handlers[e.eventType];
      if (!handler) return {};
      const answer = db.transaction(
        (tx) => {
          if (!recordEvent(tx, e.eventId, e.eventType, deps.now().toISOString())) return null;
          return handler(deps, e.event, log);
        },
        { behavior: 'immediate' },
      );
      if (answer === null) {
        log.info('duplicate event ignored');
        return {};
      }
      // Only now are the messages durable: wake the sender.
      deps.kick();
      return answer;
    },
  };
}
