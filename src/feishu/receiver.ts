import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { RawRoute } from '../app';
import type { FeishuConfig } from '../config';
import type { Logger } from '../logger';
import { answerJson } from './answer-json';
import { checkEvent, describeIssues, eventHeader } from './event-schemas';
import { DEFAULT_REPLAY_WINDOW_SECONDS, decryptPayload, expectedSignature, safeEqual, timestampFresh } from './verify';

/** An event or card callback as the handlers see it: verified, decrypted, schema-2.0 shaped, its shape checked. */
export interface InboundEvent {
  eventId: string;
  eventType: string;
  /** `event` of a schema 2.0 body, validated by its type's schema in ./event-schemas. */
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

export interface ReceiverOptions {
  /** The clock the request timestamps are checked against (ms since the epoch). Default: the real one. */
  now?: () => number;
  /** Bytes of request bodies held at once, all requests together, before new ones get 503 (default 16 MiB). */
  bodyBudget?: number;
}

/** What the bodies being read hold at once: 16 MiB is some 80 of the largest event Feishu sends, thousands of usual ones. */
export const DEFAULT_BODY_BUDGET = 16 * 1024 * 1024;

class BodyRefused extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a body without ever holding more than `limit` bytes of it, nor more than the shared budget across all
 * requests: a declared Content-Length over the limit is refused before a byte is read, a body that grows past it
 * (chunked) as soon as it does, and a request arriving while the budget is spent gets 503 (Feishu pushes it
 * again). The bytes not read are discarded by node as they arrive; nothing is buffered for them.
 */
function readBounded(
  contentLength: string | undefined,
  payload: NodeJS.ReadableStream,
  limit: number,
  budget: { free: number },
  done: (err: Error | null, body?: string) => void,
) {
  const declared = contentLength === undefined ? null : Number(contentLength);
  if (declared !== null && declared > limit) return done(new BodyRefused(413, `body larger than ${limit} bytes`));
  const chunks: Buffer[] = [];
  let held = 0;
  let finished = false;
  const finish = (err: Error | null, body?: string) => {
    if (finished) return;
    finished = true;
    budget.free += held;
    payload.removeListener('data', onData);
    payload.removeListener('end', onEnd);
    payload.removeListener('error', onError);
    payload.removeListener('close', onClose);
    if (err) payload.resume(); // drain what is still coming, without keeping it
    done(err, body);
  };
  const onData = (chunk: Buffer) => {
    if (held + chunk.length > limit) return finish(new BodyRefused(413, `body larger than ${limit} bytes`));
    if (chunk.length > budget.free) return finish(new BodyRefused(503, 'too many request bodies at once; try again'));
    budget.free -= chunk.length;
    held += chunk.length;
    chunks.push(chunk);
  };
  const onEnd = () => finish(null, Buffer.concat(chunks, held).toString('utf8'));
  const onError = (err: Error) => finish(err);
  // A client that goes away mid-body frees what it held.
  const onClose = () => finish(new BodyRefused(400, 'request aborted'));
  payload.on('data', onData);
  payload.on('end', onEnd);
  payload.on('error', onError);
  payload.on('close', onClose);
}

/**
 * The long connection's form of an event: the SDK's EventDispatcher has decrypted it and flattened a schema 2.0
 * body into `{...header, ...event}` (a 1.0 body carries `uuid` instead of `event_id`). Checked by the same schemas as
 * a webhook event; `unknown` and `malformed` are for the caller to log and acknowledge.
 */
export function inboundFromFlattened(
  data: unknown,
): { kind: 'ok'; inbound: InboundEvent } | { kind: 'unknown'; eventType?: string } | { kind: 'malformed'; error: string; eventId?: string; eventType?: string } {
  if (!isObject(data)) return { kind: 'malformed', error: 'event is not an object' };
  const header = eventHeader.safeParse({ event_id: data.event_id ?? data.uuid, event_type: data.event_type });
  if (!header.success) return { kind: 'malformed', error: `event header: ${describeIssues(header.error)}` };
  const { event_id: eventId, event_type: eventType } = header.data;
  const checked = checkEvent(eventType, data);
  if (checked.kind === 'unknown') return { kind: 'unknown', eventType };
  if (checked.kind === 'malformed') return { kind: 'malformed', error: checked.error, eventId, eventType };
  return { kind: 'ok', inbound: { eventId, eventType, event: checked.event } };
}

const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseObject(text: string, what: string): Body {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Rejected(400, `${what} is not JSON`);
  }
  if (!isObject(value)) throw new Rejected(400, `${what} is not a JSON object`);
  return value;
}

/** The two paths Feishu posts to: events (messages, member changes) and card callbacks. */
const FEISHU_PATHS = ['/feishu/events', '/feishu/cards'];

/**
 * The transport: verifies, decrypts and answers the URL challenge, checks the event's shape, then hands one event
 * to the dispatcher. Nothing here knows about items. Order matters: nothing is parsed as an event before it is
 * proved to come from Feishu, and nothing reaches the dispatcher before its shape is checked.
 *
 * - The Encrypt Key is required (webhook mode always has one): a plaintext body is refused, challenge included.
 * - A signed request must carry a timestamp within `replayWindowSeconds` of our clock: a captured request cannot be
 *   replayed later. (Feishu's re-pushes of an undelivered event are new requests with new timestamps.)
 * - The URL challenge is the one unsigned request; it proves itself by decrypting and carrying the token.
 */
export function feishuReceiver(
  cfg: Pick<FeishuConfig, 'encryptKey' | 'verificationToken' | 'replayWindowSeconds'>,
  dispatcher: Dispatcher,
  opts: ReceiverOptions = {},
) {
  // Without an Encrypt Key Feishu neither encrypts nor signs: anyone could forge a request. Refuse to start.
  if (!cfg.encryptKey) throw new Error('the webhook receiver needs an Encrypt Key (FEISHU_ENCRYPT_KEY)');
  if (!cfg.verificationToken) throw new Error('the webhook receiver needs a Verification Token (FEISHU_VERIFICATION_TOKEN)');
  const encryptKey = cfg.encryptKey;
  const windowSeconds = cfg.replayWindowSeconds ?? DEFAULT_REPLAY_WINDOW_SECONDS;
  const now = opts.now ?? Date.now;
  const budget = { free: opts.bodyBudget ?? DEFAULT_BODY_BUDGET };

  /** Feishu's two paths, answered on node's own objects rather than through Fastify (see app.ts). */
  return (scope: { log: Logger; bodyLimit: number }): Record<string, RawRoute> => {
    const { log, bodyLimit: limit } = scope;
    let served = 0;
    const route: RawRoute = (req, res) => {
      // An access log line as Fastify writes one for its routes (at info, so a quiet server pays nothing for it).
      if (log.isLevelEnabled('info')) {
        const reqId = `feishu-${++served}`;
        const started = performance.now();
        log.info({ reqId, req: { method: req.method, url: req.url, remoteAddress: req.socket?.remoteAddress } }, 'incoming request');
        res.once('finish', () => log.info({ reqId, res: { statusCode: res.statusCode }, responseTime: performance.now() - started }, 'request completed'));
      }
      const declared = Number(req.headers['content-length'] ?? 0);
      // A body declared larger than the limit is answered at once, before a byte of it is read, and its connection
      // is closed as soon as the answer is out (not kept alive for what the client still sends). 400 such requests
      // at once raised the server's resident memory by 22–28 MB when refused by the body reader, 10 MB this way
      // (scripts/bench-flood.ts). The body reader still refuses a chunked body that grows past the limit.
      if (declared > limit) {
        res.once('finish', () => req.socket?.destroy?.());
        return sendError(res, 413, `body larger than ${limit} bytes`, true);
      }
      const type = req.headers['content-type'];
      if (typeof type !== 'string' || !/^application\/json\s*(;|$)/i.test(type)) {
        req.resume();
        return sendError(res, 415, 'content type must be application/json');
      }
      readBounded(req.headers['content-length'], req, limit, budget, (err, raw) => {
        if (err) {
          const status = err instanceof BodyRefused ? err.statusCode : 400;
          return sendError(res, status, err.message, status === 413);
        }
        receive(raw ?? '', req.headers, log).then(
          // Sent as text: a card answer's JSON was made once already, for the disclosure checks.
          (a) => sendJson(res, 200, answerJson(a)),
          (e: unknown) => {
            if (e instanceof Rejected) {
              log.warn({ reason: e.message, url: req.url }, 'feishu request rejected');
              return sendError(res, e.status, e.message);
            }
            log.error({ err: e, url: req.url }, 'feishu request failed');
            sendError(res, 500, 'internal error');
          },
        );
      });
    };
    return Object.fromEntries(FEISHU_PATHS.map((p) => [p, route]));

    async function receive(raw: string, headers: IncomingHttpHeaders, log: Logger): Promise<object> {
      const outer = parseObject(raw, 'body');
      const signed = signatureHeaders(headers);
      // Prove the request before decrypting it; only the (unsigned) URL challenge skips this.
      if (signed) checkSignature(raw, signed);
      // With an Encrypt Key configured Feishu encrypts everything, the URL challenge included.
      if (typeof outer.encrypt !== 'string') {
        if (!signed && outer.type !== 'url_verification') throw new Rejected(401, 'signature headers missing');
        throw new Rejected(400, 'plaintext body refused: encryption is required');
      }
      const body = decrypt(outer.encrypt, signed !== null);
      if (body.type === 'url_verification') {
        if (typeof body.token !== 'string' || !safeEqual(body.token, cfg.verificationToken)) throw new Rejected(401, 'bad token');
        if (typeof body.challenge !== 'string' || body.challenge.length > 1_000) throw new Rejected(400, 'bad challenge');
        return { challenge: body.challenge };
      }
      if (!signed) throw new Rejected(401, 'signature headers missing');
      // Read the header token from the body as sent (the SDK's flattening would overwrite it in card callbacks).
      const rawHeader = isObject(body.header) ? body.header : {};
      const token = rawHeader.token ?? body.token;
      if (typeof token !== 'string' || !safeEqual(token, cfg.verificationToken)) throw new Rejected(401, 'bad verification token');
      const header = eventHeader.safeParse(body.header);
      if (body.schema !== '2.0' || !header.success) {
        throw new Rejected(400, `not a schema 2.0 event${header.success ? '' : `: header ${describeIssues(header.error)}`}`);
      }
      const { event_id: eventId, event_type: eventType } = header.data;
      const checked = checkEvent(eventType, body.event);
      const child = log.child({ eventId, eventType });
      if (checked.kind === 'unknown') {
        child.debug('event type not handled: acknowledged, ignored');
        return {};
      }
      if (checked.kind === 'malformed') throw new Rejected(400, checked.error);
      return dispatcher.dispatch({ eventId, eventType, event: checked.event }, child);
    }

    /**
     * An unsigned body (the URL challenge) is proved only by decrypting to an object: AES-CBC under another key
     * still "decrypts" when the garbage happens to end in valid padding (about 1 in 256), so text that is not a
     * JSON object is refused as undecryptable (401), like any other wrong key. A signed body has already proved
     * its sender; what it decrypts to can only be malformed (400).
     */
    function decrypt(encrypted: string, signed: boolean): Body {
      let plain: string;
      try {
        plain = decryptPayload(encryptKey, encrypted);
      } catch {
        throw new Rejected(401, 'cannot decrypt');
      }
      try {
        return parseObject(plain, 'decrypted body');
      } catch (err) {
        if (signed) throw err;
        throw new Rejected(401, 'cannot decrypt');
      }
    }

    function signatureHeaders(headers: IncomingHttpHeaders) {
      const ts = headers['x-lark-request-timestamp'];
      const nonce = headers['x-lark-request-nonce'];
      const sig = headers['x-lark-signature'];
      if (ts === undefined && nonce === undefined && sig === undefined) return null;
      if (typeof ts !== 'string' || typeof nonce !== 'string' || typeof sig !== 'string' || !ts || !nonce || !sig) {
        throw new Rejected(401, 'signature headers missing or repeated');
      }
      return { ts, nonce, sig };
    }

    function checkSignature(raw: string, h: { ts: string; nonce: string; sig: string }) {
      if (!timestampFresh(h.ts, now(), windowSeconds)) throw new Rejected(401, `request timestamp invalid or outside the ${windowSeconds} s window`);
      if (!safeEqual(h.sig, expectedSignature(h.ts, h.nonce, encryptKey, raw))) throw new Rejected(401, 'bad signature');
    }
  };
}

/** An answer whose JSON is already made; `close` ends the connection after it (a client still sending a body). */
function sendJson(res: ServerResponse, status: number, json: string, close = false) {
  if (res.headersSent) return;
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(json));
  if (close) res.setHeader('connection', 'close');
  res.end(json);
}

const sendError = (res: ServerResponse, status: number, message: string, close = false) => sendJson(res, status, JSON.stringify({ error: message }), close);
