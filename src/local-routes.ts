import type { FastifyInstance } from 'fastify';
import { checkEvent, describeIssues, eventHeader } from './feishu/event-schemas';
import type { Dispatcher } from './feishu/receiver';
import type { Logger } from './logger';
import type { LocalMessenger } from './messenger/local-messenger';

const HINT = 'expected a schema 2.0 event: {header: {event_id, event_type}, event: {...}}';

/**
 * Local mode only (no Feishu app configured): feed the same handlers with unsigned schema 2.0 bodies and read back
 * every card the bot would have sent. Never registered when a Feishu app is configured. The events are checked
 * against the same schemas as Feishu's (./feishu/event-schemas): a malformed one gets 400 and changes nothing.
 */
export function localRoutes(dispatcher: Dispatcher, messenger: LocalMessenger) {
  return (app: FastifyInstance) => {
    app.post('/local/events', async (req, reply) => {
      const body = req.body as { header?: unknown; event?: unknown } | null;
      const header = eventHeader.safeParse(body?.header);
      if (!header.success || !body?.event || typeof body.event !== 'object') {
        return reply.code(400).send({ error: header.success ? HINT : `${HINT}; header ${describeIssues(header.error)}` });
      }
      const { event_id: eventId, event_type: eventType } = header.data;
      const checked = checkEvent(eventType, body.event);
      if (checked.kind === 'unknown') return {};
      if (checked.kind === 'malformed') return reply.code(400).send({ error: checked.error });
      return dispatcher.dispatch({ eventId, eventType, event: checked.event }, req.log as Logger);
    });
    app.get('/local/messages', async () => ({ messages: messenger.messages }));
  };
}
