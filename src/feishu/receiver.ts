import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FeishuConfig } from '../config';
import type { Logger } from '../logger';
import { decryptPayload, expectedSignature, safeEqual } from './verify';

/** An event or card callback as the handlers see it: verified, decrypted, schema-2.0 shaped. */
export interface InboundEvent {
  eventId: string;
  eventType: string;
  /** `event` of a schema 2.0 body. */
  event: Record<string, unknown>;
}

export interface Dispatcher {
  /** Returns the body of the HTTP answer (for card callbacks: toast and/or card; for events: {}). */
  dispatch(e: InboundEvent, log: Logger): Promise<object>;
}

type Body = Record<string, unknown>;

class Rejected extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The transport: verifies, decrypts and answers the URL challenge, then hands one event to the dispatcher.
 * Nothing here knows about items. Order matters: nothing is parsed as an event before it is proved to come from
 * Feishu.
 */
export function feishuReceiver(cfg: Pick<FeishuConfig, 'encryptKey' | 'verificationToken'>, dispatcher: Dispatcher) {
  return (app: FastifyInstance) => {
    // Keep the raw body: the signature covers the exact bytes Feishu sent.
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    const handle = async (req: FastifyRequest, reply: FastifyReply) => {
      const raw = typeof req.body === 'string' ? req.body : '';
      try {
        const answer = await receive(raw, req.headers as Record<string, string | undefined>, req.log as Logger);
        return reply.code(200).send(answer);
      } catch (err) {
        if (err instanceof Rejected) {
          req.log.warn({ reason: err.message }, 'feishu request rejected');
          return reply.code(err.status).send({ error: err.message });
        }
        throw err;
      }
    };

    async function receive(raw: string, headers: Record<string, string | undefined>, log: Logger): Promise<object> {
      let outer: Body;
      try {
        outer = JSON.parse(raw) as Body;
      } catch {
        throw new Rejected(400, 'body is not JSON');
      }
      if (!outer || typeof outer !== 'object' || Array.isArray(outer)) throw new Rejected(400, 'body is not a JSON object');
      const body = open(outer);
      // The URL challenge is the one unsigned request; it proves itself with the verification token.
      if (body.type === 'url_verification') {
        if (typeof body.token !== 'string' || !safeEqual(body.token, cfg.verificationToken)) throw new Rejected(401, 'bad token');
        return { challenge: body.challenge };
      }
      checkSignature(raw, headers);
      const header = (body.header ?? {}) as Body;
      const token = (header.token ?? body.token) as unknown;
      if (typeof token !== 'string' || !safeEqual(token, cfg.verificationToken)) throw new Rejected(401, 'bad verification token');
      if (body.schema !== '2.0' || typeof header.event_id !== 'string' || typeof header.event_type !== 'string') {
        throw new Rejected(400, 'not a schema 2.0 event');
      }
      const event = body.event;
      if (!event || typeof event !== 'object') throw new Rejected(400, 'event missing');
      const child = log.child({ eventId: header.event_id, eventType: header.event_type });
      return dispatcher.dispatch({ eventId: header.event_id, eventType: header.event_type, event: event as Body }, child);
    }

    function open(outer: Body): Body {
      if (typeof outer.encrypt !== 'string') return outer;
      if (!cfg.encryptKey) throw new Rejected(400, 'encrypted body but no encrypt key configured');
      try {
        return JSON.parse(decryptPayload(cfg.encryptKey, outer.encrypt)) as Body;
      } catch {
        throw new Rejected(401, 'cannot decrypt');
      }
    }

    function checkSignature(raw: string, headers: Record<string, string | undefined>) {
      const ts = headers['x-lark-request-timestamp'];
      const nonce = headers['x-lark-request-nonce'];
      const sig = headers['x-lark-signature'];
      if (!ts || !nonce || !sig) throw new Rejected(401, 'signature headers missing');
      if (!safeEqual(sig, expectedSignature(ts, nonce, cfg.encryptKey, raw))) throw new Rejected(401, 'bad signature');
    }

    app.post('/feishu/events', handle);
    app.post('/feishu/cards', handle);
  };
}
