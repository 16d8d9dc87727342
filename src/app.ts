import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from './logger';
import type { ServiceContext } from './services/context';

/**
 * Limits of the HTTP server (milliseconds unless named otherwise). Feishu sends small bodies (an encrypted 150 KB
 * text message is about 200 KB of base64) all at once and must be answered within 3 s, so a client that is slow to
 * send its request is cut off long before it could tie up the server.
 */
export interface HttpLimits {
  /** Largest request body in bytes; above it the answer is 413. */
  bodyLimit: number;
  /** The request line and all headers must have arrived within this time of the connection's (or request's) start. */
  headersTimeout: number;
  /** The whole request, body included, must have arrived within this time. */
  requestTimeout: number;
  /** A socket with no traffic at all for this long is closed (a client that stops reading, for instance). */
  connectionTimeout: number;
  /** An idle keep-alive connection is closed after this long (longer than a reverse proxy's usual 60 s). */
  keepAliveTimeout: number;
  /** Requests served on one keep-alive connection before it is closed. */
  maxRequestsPerSocket: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  bodyLimit: 512 * 1024,
  headersTimeout: 10_000,
  requestTimeout: 30_000,
  connectionTimeout: 60_000,
  keepAliveTimeout: 72_000,
  maxRequestsPerSocket: 1_000,
};

export interface AppDeps {
  ctx: ServiceContext;
  log: Logger;
  /** Extra routes (the local routes, the simulator, the console) registered by compose with their own dependencies. */
  plugins?: Array<(app: FastifyInstance) => Promise<void> | void>;
  /**
   * Routes answered on node's own request and response, before Fastify (POST only, by exact path): Feishu's webhook
   * paths. Everything a burst of card clicks does not need — routing, hooks, the per-request child logger, the
   * reply's serialisation — is left out of the request that must answer within 3 s (see feishu/receiver.ts).
   */
  rawRoutes?: (scope: { log: Logger; bodyLimit: number }) => Record<string, RawRoute>;
  /** Overrides of DEFAULT_HTTP_LIMITS (tests use short timeouts). */
  limits?: Partial<HttpLimits>;
  /**
   * Long-connection mode: the state of the WebSocket to Feishu. /healthz then answers 503 while it is down, since
   * the bot hears nothing. Absent in webhook and local mode, where Feishu (or the tester) comes to us.
   */
  feishuLink?: () => 'connected' | 'disconnected';
}

/**
 * Node checks the header and request timeouts only every `connectionsCheckingInterval` (30 s by default), so a
 * 10 s timeout could take 40 s to fire. Check often enough that the effective timeout is within 10 % of the
 * configured one (at most once a second, at least every 25 ms).
 */
export function checkingInterval(l: Pick<HttpLimits, 'headersTimeout' | 'requestTimeout'>): number {
  return Math.max(25, Math.min(1_000, Math.floor(Math.min(l.headersTimeout, l.requestTimeout) / 10)));
}

function unavailable(res: ServerResponse) {
  res.writeHead(503, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end('{"error":"server is shutting down"}');
}

/** A request handler on node's own objects. */
export type RawRoute = (req: IncomingMessage, res: ServerResponse) => void;

/** The server's whole request handling (raw routes, then Fastify), for light-my-request in tests. */
const HANDLE = Symbol('handle');
export function requestHandler(app: FastifyInstance): RawRoute {
  const h = (app as unknown as { [HANDLE]?: RawRoute })[HANDLE];
  if (!h) throw new Error('not an app built by buildApp');
  return h;
}

/** Builds the HTTP app from its dependencies. Never listens: main does, tests use inject (requestHandler for all routes). */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const l = { ...DEFAULT_HTTP_LIMITS, ...deps.limits };
  for (const [k, v] of Object.entries(l)) if (!Number.isInteger(v) || v <= 0) throw new Error(`http limit ${k} must be a positive integer`);
  if (l.headersTimeout > l.requestTimeout) throw new Error('http limit headersTimeout must not exceed requestTimeout');
  const raw = new Map(Object.entries(deps.rawRoutes?.({ log: deps.log, bodyLimit: l.bodyLimit }) ?? {}));
  let handle: RawRoute | null = null;
  let closing = false;
  const app = Fastify({
    loggerInstance: deps.log,
    bodyLimit: l.bodyLimit,
    // The server is ours (for the raw routes), so its limits are set here rather than by Fastify.
    serverFactory: (fastify) => {
      handle = (req, res) => {
        if (req.method === 'POST') {
          const url = req.url ?? '';
          const q = url.indexOf('?');
          const route = raw.get(q < 0 ? url : url.slice(0, q));
          if (route && closing) return unavailable(res);
          if (route) return route(req, res);
        }
        fastify(req, res);
      };
      // headersTimeout and the checking interval only take effect when given to createServer itself.
      const server = createServer({ headersTimeout: l.headersTimeout, requestTimeout: l.requestTimeout, connectionsCheckingInterval: checkingInterval(l) }, handle);
      server.keepAliveTimeout = l.keepAliveTimeout;
      server.setTimeout(l.connectionTimeout);
      server.maxRequestsPerSocket = l.maxRequestsPerSocket;
      return server;
    },
  }) as unknown as FastifyInstance;
  Object.defineProperty(app, HANDLE, { value: handle });
  // As Fastify answers its own routes once closing: 503 and the connection closed (Feishu pushes the event again).
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.get('/healthz', async (_req, reply) => {
    deps.ctx.db.$client.prepare('SELECT 1').get();
    if (!deps.feishuLink) return { ok: true };
    const feishu = deps.feishuLink();
    if (feishu !== 'connected') reply.code(503);
    return { ok: feishu === 'connected', feishu };
  });
  for (const plugin of deps.plugins ?? []) await app.register(async (scope) => plugin(scope));
  return app;
}
