import type { FastifyInstance } from 'fastify';
import type { Dispatcher } from './feishu/receiver';
import type { Logger } from './logger';
import type { LocalMessenger } from './messenger/local-messenger';

/**
 * Local mode only (no Feishu app configured): feed the same handlers with unsigned schema 2.0 bodies and read back
 * every card the bot would have sent. Never registered when a Feishu app is configured.
 */
export function localRoutes(dispatcher: Dispatcher, messenger: LocalMessenger) {
  return (app: FastifyInstance) => {
    app.post('/local/events', async (req, reply) => {
      const body = req.body as { header?: { event_id?: string; event_type?: string }; event?: Record<string, unknown> } | null;
      const id = body?.header?.event_id;
      const type = body?.header?.event_type;
      if (typeof id !== 'string' || typeof type !== 'string' || !body?.event || typeof body.event !== 'object') {
        return reply.code(400).send({ error: 'expected a schema 2.0 event: {header: {event_id, event_type}, event: {...}}' });
      }
      return dispatcher.dispatch({ eventId: id, eventType: type, event: body.event }, req.log as Logger);
    });
    app.get('/local/messages', async () => ({ messages: messenger.messages }));
  };
}
