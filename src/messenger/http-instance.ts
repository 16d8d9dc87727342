import * as http from 'node:http';
import * as https from 'node:https';
import * as lark from '@larksuiteoapi/node-sdk';

/**
 * The HTTP client under the SDK (its `httpInstance` option). The SDK still builds every request (token, headers,
 * URL, body) and we still call it for everything; only the sending of plain JSON requests goes through node's own
 * http client on keep-alive sockets instead of the SDK's axios instance, which cost about twice the CPU for each
 * message (the SDK's `request` POSTing a 4 KB card to a local server: axios 660–880 µs, node:http 300–410 µs on
 * the bench machine; undici was as cheap but loading it costs 20 MB of resident memory). Streamed downloads and
 * multipart uploads, which axios does well and which are rare, still go through the SDK's own instance, and so does
 * everything when a proxy is configured in the environment (HTTP_PROXY, HTTPS_PROXY), which axios honours and
 * node's client does not.
 *
 * It keeps what our callers rely on from axios: a non-2xx answer rejects with `response.{status,data,headers}`
 * (classifyFailure reads them), a network failure or timeout rejects with `code` and `message` (a timeout with
 * ECONNABORTED), and `$return_headers` answers `{data, headers}`.
 */

type Opts = {
  url?: string;
  method?: string;
  headers?: Record<string, unknown>;
  params?: Record<string, unknown>;
  data?: unknown;
  responseType?: string;
  timeout?: number;
  paramsSerializer?: unknown;
  $return_headers?: boolean;
};

/** What a failed request rejects with: the fields of an axios error that callers read. */
export class HttpFailure extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly response?: { status: number; data: unknown; headers: Record<string, string> },
  ) {
    super(message);
  }
}

/** The largest answer read: Feishu's JSON answers are a few KB. */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

const isPlain = (v: unknown) => v === undefined || (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype);

/** Whether we send it ourselves: a JSON body (or none) and a JSON or text answer read whole. */
function plainJson(o: Opts): boolean {
  if (o.responseType !== undefined && o.responseType !== 'json') return false;
  if (!isPlain(o.data)) return false;
  const type = headerValue(o.headers, 'content-type');
  return type === undefined || /^application\/json\b/i.test(type);
}

function headerValue(h: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!h) return undefined;
  for (const k in h) if (k.toLowerCase() === name && h[k] !== undefined && h[k] !== null) return String(h[k]);
  return undefined;
}

function withParams(url: string, params: Record<string, unknown> | undefined, serializer: unknown): string {
  if (!params) return url;
  const s = typeof serializer === 'function' ? String((serializer as (p: object) => string)(params)) : repeated(params);
  return s ? `${url}${url.includes('?') ? '&' : '?'}${s}` : url;
}

/** The query as the SDK's own serialiser writes it: an array as a repeated name (a=1&a=2). */
function repeated(params: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const x of v) q.append(k, String(x));
    else q.append(k, String(v));
  }
  return q.toString();
}

function flatHeaders(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k in h) {
    const v = h[k];
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function parseBody(text: string): unknown {
  if (!text) return '';
  try {
    return JSON.parse(text);
  } catch {
    return text; // as axios does: an answer that is not JSON is kept as text
  }
}

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

export function jsonHttpInstance(fallback: lark.HttpInstance = lark.defaultHttpInstance as unknown as lark.HttpInstance, env: NodeJS.ProcessEnv = process.env): lark.HttpInstance {
  const proxied = PROXY_VARIABLES.some((k) => env[k]);
  // The outbox sends at most 8 at once; a few more for the token and the occasional lookup. An idle socket is
  // closed after 4 s, before a server's usual 5 s keep-alive can close it as we reuse it (node's global agent,
  // which the SDK's axios used, closes its idle sockets after 5 s; without any limit a socket idle for minutes was
  // reused after the server had dropped it, and that send failed and waited for its retry).
  const agentOptions = { keepAlive: true, maxSockets: 16, timeout: 4_000 };
  const transports: Record<string, { request: typeof http.request; agent: http.Agent }> = {
    'http:': { request: http.request, agent: new http.Agent(agentOptions) },
    'https:': { request: https.request, agent: new https.Agent(agentOptions) },
  };

  function send(o: Opts): Promise<unknown> {
    if (proxied || !plainJson(o)) return fallback.request(o as never);
    const method = (o.method ?? 'GET').toUpperCase();
    const headers: Record<string, string> = {};
    for (const k in o.headers ?? {}) {
      const v = o.headers![k];
      if (v !== undefined && v !== null) headers[k] = String(v);
    }
    let body: string | undefined;
    if (o.data !== undefined && method !== 'GET' && method !== 'HEAD') {
      body = JSON.stringify(o.data);
      if (headerValue(headers, 'content-type') === undefined) headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const url = new URL(withParams(o.url ?? '', o.params, o.paramsSerializer));
    const transport = transports[url.protocol];
    if (!transport) return Promise.reject(new HttpFailure(`unsupported protocol ${url.protocol}`, 'ERR_BAD_REQUEST'));
    const timeout = o.timeout && o.timeout > 0 ? o.timeout : 0;
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const fail = (e: Error & { code?: string }) => settle(() => reject(e instanceof HttpFailure ? e : new HttpFailure(e.message, e.code)));
      const req = transport.request(url, { method, headers, agent: transport.agent }, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_ANSWER_BYTES) req.destroy(new HttpFailure(`answer larger than ${MAX_ANSWER_BYTES} bytes`, 'ERR_BAD_RESPONSE'));
          else chunks.push(c);
        });
        res.on('error', fail);
        res.on('end', () =>
          settle(() => {
            const data = parseBody(Buffer.concat(chunks, size).toString('utf8'));
            const resHeaders = flatHeaders(res.headers);
            const status = res.statusCode ?? 0;
            if (status < 200 || status >= 300) reject(new HttpFailure(`Request failed with status code ${status}`, undefined, { status, data, headers: resHeaders }));
            else resolve(o.$return_headers ? { data, headers: resHeaders } : data);
          }),
        );
      });
      // One deadline for the whole exchange, as axios's timeout is (node's own `timeout` only watches idleness).
      const timer = timeout ? setTimeout(() => req.destroy(new HttpFailure(`timeout of ${timeout}ms exceeded`, 'ECONNABORTED')), timeout) : undefined;
      req.on('error', fail);
      req.end(body);
    });
  }
  const inst = {
    request: (o: Opts) => send(o),
    get: (url: string, o: Opts = {}) => send({ ...o, url, method: 'GET' }),
    delete: (url: string, o: Opts = {}) => send({ ...o, url, method: 'DELETE' }),
    head: (url: string, o: Opts = {}) => send({ ...o, url, method: 'HEAD' }),
    options: (url: string, o: Opts = {}) => send({ ...o, url, method: 'OPTIONS' }),
    post: (url: string, data?: unknown, o: Opts = {}) => send({ ...o, url, data, method: 'POST' }),
    put: (url: string, data?: unknown, o: Opts = {}) => send({ ...o, url, data, method: 'PUT' }),
    patch: (url: string, data?: unknown, o: Opts = {}) => send({ ...o, url, data, method: 'PATCH' }),
  };
  return inst as unknown as lark.HttpInstance;
}
