/**
 * A fake of Feishu's Open API for tests: an HTTP server on 127.0.0.1 (random port) that the REAL
 * `@larksuiteoapi/node-sdk` client can be pointed at with `domain: fake.url`.
 *
 *   const fake = await startFakeFeishu();
 *   const client = new lark.Client({ appId: fake.appId, appSecret: fake.appSecret, domain: fake.url,
 *                                    cache: new lark.DefaultCache(), logger: silentLarkLogger });
 *   ...
 *   await fake.close();
 *
 * Behaviour (each reply is `{code, msg, data?}` like Feishu's):
 * - Token: `POST /open-apis/auth/v3/tenant_access_token/internal` and `.../app_access_token/internal` check
 *   app_id/app_secret. Feishu answers credential errors with HTTP 200 and a non-zero code, so does the fake:
 *   unknown app_id → `{code: 10003}`, wrong secret → `{code: 10014}` (the SDK then throws
 *   "failed to get tenant_access_token, code: 10014, ...").
 * - Every other `/open-apis/*` call needs `Authorization: Bearer <token>`: missing → HTTP 400 `{code: 99991661}`,
 *   wrong/stale → HTTP 400 `{code: 99991663}` (what Feishu returns). `invalidateToken()` makes the current token
 *   stale (the SDK keeps using its cached token and does not refresh on 99991663).
 * - Request validation errors → HTTP 400 `{code: 99992402}`; unknown paths → HTTP 404 `{code: 404}` (fake's own).
 * - Contacts: `GET /open-apis/contact/v3/users/:user_id?user_id_type=open_id` answers `{user}` from `directory.users`;
 *   a user not there → HTTP 400 `{code: 41050}` (no user authority: outside the app's contact range).
 * - Faults (`failNext`/`failWhen`) target message sends by default: `POST /open-apis/im/v1/messages` (create) and
 *   `POST /open-apis/im/v1/messages/:id/reply`. Pass `{path}` (prefix or RegExp) / `{method}` to target others.
 *   Faults are checked before authentication, so token endpoints can be targeted too.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';

// ─── public types ─────────────────────────────────────────────────────────────

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type ReceiveIdType = 'open_id' | 'user_id' | 'union_id' | 'email' | 'chat_id';

export interface RecordedCall {
  method: string;
  /** Path without the query string, e.g. `/open-apis/im/v1/messages`. */
  path: string;
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON for JSON bodies; for multipart, the fields (files as `{filename, size}`); else the raw text or undefined. */
  body: unknown;
  rawBody: string;
  at: number;
}

export interface SentMessage {
  message_id: string;
  /** For a reply: the chat of the replied-to message when the fake knows it (see `rememberMessage`), else ''. */
  receive_id: string;
  receive_id_type: ReceiveIdType;
  chat_id: string;
  msg_type: string;
  /** The parsed `content` JSON (current value: a PATCH replaces it). `{}` when it was not valid JSON. */
  content: Record<string, unknown>;
  /** The `content` string as last received. */
  rawContent: string;
  uuid?: string;
  /** Set for replies: the message replied to. */
  reply_to?: string;
  reply_in_thread?: boolean;
  /** How many PATCHes changed this message. */
  updates: number;
  at: number;
}

export interface MessagePatch {
  message_id: string;
  content: Record<string, unknown>;
  rawContent: string;
  at: number;
}

export interface FakeCalendarEvent {
  calendar_id: string;
  event_id: string;
  idempotency_key?: string;
  summary: string;
  description: string;
  start_time: { timestamp: string; timezone?: string };
  end_time: { timestamp: string; timezone?: string };
  location?: { name?: string };
  /** open_ids of the attendees added. */
  attendees: string[];
}

export interface CardUpdate {
  token: string;
  card: unknown;
  at: number;
}

export interface UploadedFile {
  file_key: string;
  file_type: string;
  file_name: string;
  duration?: number;
  size: number;
  data: Buffer;
  at: number;
}

export interface FakeUser {
  open_id: string;
  user_id?: string;
  union_id?: string;
  name?: string;
  email?: string;
  mobile?: string;
  department_ids?: string[];
  [key: string]: JsonValue | undefined;
}

export interface FakeDepartment {
  /** Matched against the `:department_id` path segment together with `open_department_id`. */
  department_id: string;
  open_department_id?: string;
  name?: string;
  parent_department_id?: string;
  leader_user_id?: string;
  chat_id?: string;
  [key: string]: JsonValue | undefined;
}

export interface FakeDirectory {
  users: FakeUser[];
  departments: FakeDepartment[];
}

/** A replacement answer. `delayMs` alone delays the NORMAL answer (the request is still processed). */
export type FakeFault =
  | {
      status: number;
      /** Feishu code in the body. Defaults: 429 → 99991400, otherwise 1 (any non-zero). */
      code?: number;
      msg?: string;
      /** For 429: value of `x-ogw-ratelimit-reset` (seconds). Default 1. */
      resetSeconds?: number;
      headers?: Record<string, string>;
      delayMs?: number;
    }
  | { delayMs: number }
  | {
      /** Destroy the socket without answering. */
      drop: true;
      /** Process the request first (e.g. the message IS sent) and then drop the answer. */
      afterProcessing?: boolean;
      delayMs?: number;
    };

export interface FaultTarget {
  /** Path prefix (string) or RegExp tested against the path. Default: message create and reply. */
  path?: string | RegExp;
  method?: string;
}

export interface RateLimitConfig {
  /** Accepted sends per app per window. Default 50. Over → HTTP 429, code 99991400, `x-ogw-ratelimit-reset`. */
  perApp?: number;
  /** Accepted sends per receive_id (chat for replies) per window. Default 5. Over → HTTP 400, code 230020. */
  perReceiver?: number;
  /** Sliding window length. Default 1000 ms. */
  windowMs?: number;
}

export interface FakeFeishuOptions {
  appId?: string;
  appSecret?: string;
  botOpenId?: string;
  appName?: string;
  tenantKey?: string;
  /** Seconds reported as `expire`. Default 7200. */
  tokenExpire?: number;
  rateLimit?: boolean | RateLimitConfig;
  directory?: Partial<FakeDirectory>;
  /** Max bytes of an interactive `content` (and of a card/update `card`). Default 30 * 1024. */
  cardMaxBytes?: number;
  /** The long connection's ClientConfig, handed out by `/callback/ws/endpoint` and in pongs (seconds). */
  ws?: Partial<FakeWsClientConfig>;
}

/**
 * What Feishu's endpoint hands the SDK's WSClient (`ClientConfig`), in seconds. The fake's defaults are quick, for
 * tests: retry 1 s after a failure, no random delay before a reconnect (Feishu: 120 s and up to 30 s).
 */
export interface FakeWsClientConfig {
  PingInterval: number;
  /** -1: retry for ever. */
  ReconnectCount: number;
  ReconnectInterval: number;
  ReconnectNonce: number;
}

/** The SDK's answer to an event pushed over the long connection: `code` 200 (or 500) and the handler's result. */
export interface FakeWsAnswer {
  code: number;
  data?: unknown;
}

/**
 * The long connection (长连接) as Feishu serves it to the SDK's `WSClient`:
 * - `POST /callback/ws/endpoint` `{AppID, AppSecret}` → `{code: 0, data: {URL, ClientConfig}}`; a wrong app id or
 *   secret → HTTP 200 `{code: 514}` (the SDK treats any code but 0 and 1000040343 as final and gives up). Faults
 *   (`failNext(n, fault, {path: '/callback/ws/endpoint'})`) apply to it like to any path.
 * - `URL` is a WebSocket on the fake itself (`ws://127.0.0.1:PORT/callback/ws/connect?…&ticket=…`). Frames are
 *   the SDK's protobuf `pbbp2.Frame` (SeqID 1, LogID 2, service 3, method 4: 0 control / 1 data, headers 5
 *   `{key 1, value 2}`, payload 8). A ping (control, `type: ping`) is answered with a pong carrying ClientConfig.
 */
export interface FakeLongConnection {
  /** WebSockets open now. */
  readonly open: number;
  /** Handshakes accepted so far. */
  readonly accepted: number;
  /** Handshakes refused (HTTP 403) so far. */
  readonly refused: number;
  /** While true every handshake is refused with HTTP 403 (the endpoint still answers). */
  refuse(on: boolean): void;
  /** Ends every open WebSocket abruptly, as a dropped network does (no close frame). */
  drop(): void;
  /** Resolves once a WebSocket is open (at once if one is), rejects after `ms`. */
  waitForOpen(ms?: number): Promise<void>;
  /**
   * Sends a schema 2.0 event body (`{schema, header, event}`) as a data frame to the latest open WebSocket and
   * resolves with the SDK's answer frame (`data` decoded from its base64 JSON).
   */
  push(body: unknown, ms?: number): Promise<FakeWsAnswer>;
}

export interface FakeFeishu {
  readonly url: string;
  readonly appId: string;
  readonly appSecret: string;
  readonly botOpenId: string;
  /** The currently valid tenant/app access token. */
  readonly token: string;
  readonly calls: RecordedCall[];
  readonly sent: SentMessage[];
  readonly patches: MessagePatch[];
  readonly cardUpdates: CardUpdate[];
  readonly files: UploadedFile[];
  /**
   * Calendar events created (`POST /open-apis/calendar/v4/calendars/:id/events`), with the attendees added to them
   * (`POST …/events/:event_id/attendees`). A create with an `idempotency_key` seen before returns the first event.
   */
  readonly calendarEvents: FakeCalendarEvent[];
  /** Mutable: tests may push users/departments at any time. */
  readonly directory: FakeDirectory;
  /** Calls whose path starts with `pathPrefix` (optionally only one method). */
  callsTo(pathPrefix: string, method?: string): RecordedCall[];
  /** Answer the next `n` matching requests with `fault`. Rules are consumed in the order they were added. */
  failNext(n: number, fault: FakeFault, target?: FaultTarget): void;
  /** Answer every request for which `predicate` holds with `fault` (at most `times` times, default unlimited). */
  failWhen(predicate: (call: RecordedCall) => boolean, fault: FakeFault, times?: number): void;
  clearFaults(): void;
  setRateLimit(config: boolean | RateLimitConfig): void;
  /** Issue a new token; the old one is answered with HTTP 400 / 99991663 from now on. */
  invalidateToken(): void;
  /** Tell the fake which chat a message (e.g. an inbound user message) belongs to, so replies record it. */
  rememberMessage(messageId: string, chatId: string): void;
  /** A file or image a person "sent" in a message, served by `GET /open-apis/im/v1/messages/:id/resources/:key`. */
  addResource(messageId: string, fileKey: string, bytes: Buffer): void;
  /** Who the authorize page signs in (网页应用 login); null: nobody, the page just shows itself. */
  signInAs(user: { openId: string; name: string } | null): void;
  /** Clear calls, sent messages, patches, card updates, files, faults, rate windows and uuid memory (not the token). */
  reset(): void;
  /** The long connection the SDK's WSClient opens (see FakeLongConnection). */
  readonly ws: FakeLongConnection;
  close(): Promise<void>;
}

/**
 * A no-op logger for `new lark.Client({..., logger: silentLarkLogger})` / `EventDispatcher`. Needed because the SDK
 * does `params.loggerLevel || LoggerLevel.info`, so `loggerLevel: LoggerLevel.fatal` (= 0) is silently ignored.
 * Structurally matches the SDK's `Logger` interface.
 */
export const silentLarkLogger: {
  error: (...msg: unknown[]) => void;
  warn: (...msg: unknown[]) => void;
  info: (...msg: unknown[]) => void;
  debug: (...msg: unknown[]) => void;
  trace: (...msg: unknown[]) => void;
} = { error: () => {}, warn: () => {}, info: () => {}, debug: () => {}, trace: () => {} };

// ─── implementation ──────────────────────────────────────────────────────────

const TOKEN_PATHS = new Set([
  '/open-apis/auth/v3/tenant_access_token/internal',
  '/open-apis/auth/v3/app_access_token/internal',
]);
const MESSAGES = '/open-apis/im/v1/messages';
const REPLY_RE = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/;
const MESSAGE_RE = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/;
const CALENDAR_EVENTS_RE = /^\/open-apis\/calendar\/v4\/calendars\/([^/]+)\/events$/;
const CALENDAR_ATTENDEES_RE = /^\/open-apis\/calendar\/v4\/calendars\/([^/]+)\/events\/([^/]+)\/attendees$/;
const URGENT_RE = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/urgent_app$/;
const DEPARTMENT_RE = /^\/open-apis\/contact\/v3\/departments\/([^/]+)$/;
const RESOURCE_RE = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/;
const USER_RE = /^\/open-apis\/contact\/v3\/users\/([^/]+)$/;
const RECEIVE_ID_TYPES: readonly ReceiveIdType[] = ['open_id', 'user_id', 'union_id', 'email', 'chat_id'];
const UUID_TTL_MS = 60 * 60 * 1000;

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Bytes to answer with instead of JSON (a downloaded resource). */
  raw?: Buffer;
}

interface FaultRule {
  remaining: number;
  match: (call: RecordedCall) => boolean;
  fault: FakeFault;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    msg: string,
  ) {
    super(msg);
  }
}

class RateLimited extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    msg: string,
    readonly resetSeconds: number,
    readonly limit: number,
  ) {
    super(msg);
  }
}

const ok = (data?: unknown): Reply => ({ status: 200, body: data === undefined ? { code: 0, msg: 'success' } : { code: 0, msg: 'success', data } });
const fail = (status: number, code: number, msg: string): Reply => ({ status, body: { code, msg } });
const invalid = (msg: string): HttpError => new HttpError(400, 99992402, `field validation failed: ${msg}`);
const randomId = (prefix: string, bytes = 12): string => `${prefix}${randomBytes(bytes).toString('hex')}`;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isSendCall(call: RecordedCall): boolean {
  return call.method === 'POST' && (call.path === MESSAGES || REPLY_RE.test(call.path));
}

function parseJsonObject(s: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(s);
    return isRecord(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of search) {
    const prev = out[k];
    if (prev === undefined) out[k] = v;
    else out[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function firstQuery(query: Record<string, string | string[]>, key: string): string | undefined {
  const v = query[key];
  return Array.isArray(v) ? v[0] : v;
}

interface MultipartPart {
  name: string;
  filename?: string;
  data: Buffer;
}

function parseMultipart(raw: Buffer, contentType: string): MultipartPart[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return [];
  const delim = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = raw.indexOf(delim);
  while (pos !== -1) {
    const start = pos + delim.length;
    if (raw.subarray(start, start + 2).toString() === '--') break;
    const next = raw.indexOf(delim, start);
    if (next === -1) break;
    // part = "\r\n" headers "\r\n\r\n" data "\r\n"
    const part = raw.subarray(start + 2, next - 2);
    const sep = part.indexOf('\r\n\r\n');
    if (sep !== -1) {
      const head = part.subarray(0, sep).toString('utf8');
      const name = /name="([^"]*)"/i.exec(head)?.[1];
      const filename = /filename="([^"]*)"/i.exec(head)?.[1];
      if (name !== undefined) parts.push({ name, filename, data: part.subarray(sep + 4) });
    }
    pos = next;
  }
  return parts;
}

function normalizeRateLimit(cfg: boolean | RateLimitConfig | undefined): Required<RateLimitConfig> | undefined {
  if (!cfg) return undefined;
  const c = cfg === true ? {} : cfg;
  return { perApp: c.perApp ?? 50, perReceiver: c.perReceiver ?? 5, windowMs: c.windowMs ?? 1000 };
}

// ─── long connection: protobuf frames and WebSocket framing (just what the SDK's WSClient uses) ──────────────

interface PbFrame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: Array<{ key: string; value: string }>;
  payload?: Buffer;
}

function pbVarint(n: number): Buffer {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return Buffer.from(out);
}

function pbField(field: number, value: Buffer): Buffer {
  return Buffer.concat([pbVarint((field << 3) | 2), pbVarint(value.length), value]);
}

function encodeFrame(f: PbFrame): Buffer {
  const parts = [
    pbVarint(1 << 3), pbVarint(f.SeqID),
    pbVarint(2 << 3), pbVarint(f.LogID),
    pbVarint(3 << 3), pbVarint(f.service),
    pbVarint(4 << 3), pbVarint(f.method),
  ];
  for (const h of f.headers) parts.push(pbField(5, Buffer.concat([pbField(1, Buffer.from(h.key)), pbField(2, Buffer.from(h.value))])));
  if (f.payload) parts.push(pbField(8, f.payload));
  return Buffer.concat(parts);
}

/** Calls `on(field, wireType, value)` for each field: a number for varints, the bytes for length-delimited ones. */
function pbRead(buf: Buffer, on: (field: number, value: number | Buffer) => void): void {
  let i = 0;
  const varint = (): number => {
    let n = 0;
    let mul = 1;
    for (;;) {
      const b = buf[i++];
      if (b === undefined) throw new Error('truncated varint');
      n += (b & 0x7f) * mul;
      if (b < 0x80) return n;
      mul *= 0x80;
    }
  };
  while (i < buf.length) {
    const tag = varint();
    const wire = tag & 7;
    const field = tag >>> 3;
    if (wire === 0) on(field, varint());
    else if (wire === 2) {
      const len = varint();
      on(field, buf.subarray(i, i + len));
      i += len;
    } else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

function decodeFrame(buf: Buffer): PbFrame {
  const f: PbFrame = { SeqID: 0, LogID: 0, service: 0, method: 0, headers: [] };
  pbRead(buf, (field, v) => {
    if (field === 1 && typeof v === 'number') f.SeqID = v;
    else if (field === 2 && typeof v === 'number') f.LogID = v;
    else if (field === 3 && typeof v === 'number') f.service = v;
    else if (field === 4 && typeof v === 'number') f.method = v;
    else if (field === 5 && Buffer.isBuffer(v)) {
      const h = { key: '', value: '' };
      pbRead(v, (hf, hv) => {
        if (hf === 1 && Buffer.isBuffer(hv)) h.key = hv.toString('utf8');
        if (hf === 2 && Buffer.isBuffer(hv)) h.value = hv.toString('utf8');
      });
      f.headers.push(h);
    } else if (field === 8 && Buffer.isBuffer(v)) f.payload = Buffer.from(v);
  });
  return f;
}

/** One unmasked server-to-client WebSocket frame. */
function wsFrame(opcode: number, payload: Buffer): Buffer {
  const len = payload.length;
  const head = len < 126 ? Buffer.from([0x80 | opcode, len]) : len < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
  if (len >= 126 && len < 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(len, 2);
  } else if (len >= 65536) {
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  return Buffer.concat([head, payload]);
}

/** Splits the client's (masked) frames off `buf`; returns the complete ones and what is left. */
function wsParse(buf: Buffer): { frames: Array<{ opcode: number; payload: Buffer }>; rest: Buffer } {
  const frames: Array<{ opcode: number; payload: Buffer }> = [];
  let i = 0;
  for (;;) {
    if (buf.length - i < 2) break;
    const opcode = buf[i]! & 0x0f;
    const masked = (buf[i + 1]! & 0x80) !== 0;
    let len = buf[i + 1]! & 0x7f;
    let p = i + 2;
    if (len === 126) {
      if (buf.length - p < 2) break;
      len = buf.readUInt16BE(p);
      p += 2;
    } else if (len === 127) {
      if (buf.length - p < 8) break;
      len = Number(buf.readBigUInt64BE(p));
      p += 8;
    }
    const maskLen = masked ? 4 : 0;
    if (buf.length - p < maskLen + len) break;
    const mask = buf.subarray(p, p + maskLen);
    const payload = Buffer.from(buf.subarray(p + maskLen, p + maskLen + len));
    if (masked) for (let k = 0; k < payload.length; k++) payload[k]! ^= mask[k % 4]!;
    frames.push({ opcode, payload });
    i = p + maskLen + len;
  }
  return { frames, rest: buf.subarray(i) };
}

const WS_ENDPOINT = '/callback/ws/endpoint';
const WS_CONNECT = '/callback/ws/connect';
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export async function startFakeFeishu(opts: FakeFeishuOptions = {}): Promise<FakeFeishu> {
  const appId = opts.appId ?? 'cli_test';
  const appSecret = opts.appSecret ?? 'secret_test';
  const botOpenId = opts.botOpenId ?? 'ou_bot';
  const appName = opts.appName ?? 'Fake Bot';
  const tenantKey = opts.tenantKey ?? 'tenant_test';
  const tokenExpire = opts.tokenExpire ?? 7200;
  const cardMaxBytes = opts.cardMaxBytes ?? 30 * 1024;

  let token = randomId('t-fake-', 16);
  let rateLimit = normalizeRateLimit(opts.rateLimit);
  const calls: RecordedCall[] = [];
  const sent: SentMessage[] = [];
  const patches: MessagePatch[] = [];
  const cardUpdates: CardUpdate[] = [];
  const files: UploadedFile[] = [];
  const calendarEvents: FakeCalendarEvent[] = [];
  /** Resources of inbound messages, by `messageId/fileKey`. */
  const resources = new Map<string, Buffer>();
  const directory: FakeDirectory = {
    users: [...(opts.directory?.users ?? [])],
    departments: [...(opts.directory?.departments ?? [])],
  };
  const faults: FaultRule[] = [];
  const uuids = new Map<string, { message_id: string; at: number; data: Record<string, unknown> }>();
  const chatOf = new Map<string, string>();
  const appWindow: number[] = [];
  const receiverWindows = new Map<string, number[]>();
  const sockets = new Set<Socket>();
  const wsClientConfig: FakeWsClientConfig = { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0, ...opts.ws };
  const wsTickets = new Set<string>();
  const wsOpen: Duplex[] = [];
  const wsAnswers = new Map<string, (a: FakeWsAnswer) => void>();
  const wsOpenWaiters = new Set<() => void>();
  let wsRefuse = false;
  let wsAccepted = 0;
  let wsRefused = 0;
  let wsSeq = 0;

  // ─── helpers over state ──────────────────────────────────────────────────

  function takeFault(call: RecordedCall): FakeFault | undefined {
    for (let i = 0; i < faults.length; i++) {
      const rule = faults[i]!;
      if (rule.remaining > 0 && rule.match(call)) {
        rule.remaining--;
        if (rule.remaining <= 0) faults.splice(i, 1);
        return rule.fault;
      }
    }
    return undefined;
  }

  function prune(window: number[], now: number, windowMs: number): void {
    while (window.length > 0 && window[0]! <= now - windowMs) window.shift();
  }

  /** Throws a rate-limit reply when over; otherwise returns a commit function recording the accepted send. */
  function checkRate(receiverKey: string): () => void {
    const rl = rateLimit;
    if (!rl) return () => {};
    const now = Date.now();
    prune(appWindow, now, rl.windowMs);
    let rw = receiverWindows.get(receiverKey);
    if (!rw) receiverWindows.set(receiverKey, (rw = []));
    prune(rw, now, rl.windowMs);
    const resetOf = (w: number[]): number => Math.max(1, Math.ceil((w[0]! + rl.windowMs - now) / 1000));
    if (appWindow.length >= rl.perApp) {
      throw new RateLimited(429, 99991400, 'request trigger frequency limit', resetOf(appWindow), rl.perApp);
    }
    if (rw.length >= rl.perReceiver) {
      throw new RateLimited(400, 230020, 'This operation triggers the frequency limit.', resetOf(rw), rl.perReceiver);
    }
    const w = rw;
    return () => {
      const t = Date.now();
      appWindow.push(t);
      w.push(t);
    };
  }

  function lookupUuid(uuid: string | undefined): { message_id: string; data: Record<string, unknown> } | undefined {
    if (!uuid) return undefined;
    const hit = uuids.get(uuid);
    if (!hit) return undefined;
    if (Date.now() - hit.at > UUID_TTL_MS) {
      uuids.delete(uuid);
      return undefined;
    }
    return hit;
  }

  function checkContent(msgType: string, content: string): Record<string, unknown> {
    const parsed = parseJsonObject(content);
    if (!parsed) throw invalid('content must be a JSON object string');
    if (msgType === 'interactive' && Buffer.byteLength(content, 'utf8') > cardMaxBytes) {
      throw new HttpError(400, 230025, 'The length of the message content reaches its limit.');
    }
    return parsed;
  }

  function messageData(m: SentMessage): Record<string, unknown> {
    const t = String(m.at);
    return {
      message_id: m.message_id,
      ...(m.reply_to ? { root_id: m.reply_to, parent_id: m.reply_to } : {}),
      msg_type: m.msg_type,
      create_time: t,
      update_time: t,
      deleted: false,
      updated: false,
      chat_id: m.chat_id,
      sender: { id: appId, id_type: 'app_id', sender_type: 'app', tenant_key: tenantKey },
      body: { content: m.rawContent },
    };
  }

  function str(body: Record<string, unknown>, key: string, required: true): string;
  function str(body: Record<string, unknown>, key: string, required?: false): string | undefined;
  function str(body: Record<string, unknown>, key: string, required = false): string | undefined {
    const v = body[key];
    if (v === undefined || v === null || v === '') {
      if (required) throw invalid(`${key} is required`);
      return undefined;
    }
    if (typeof v !== 'string') throw invalid(`${key} must be a string`);
    return v;
  }

  function send(
    body: Record<string, unknown>,
    target: { receive_id: string; receive_id_type: ReceiveIdType; chat_id: string; reply_to?: string },
  ): Reply {
    const msgType = str(body, 'msg_type', true);
    const rawContent = str(body, 'content', true);
    const uuid = str(body, 'uuid');
    if (uuid && uuid.length > 50) throw invalid('uuid must be at most 50 characters');
    const content = checkContent(msgType, rawContent);
    const dup = lookupUuid(uuid);
    if (dup) return ok(dup.data);
    const commit = checkRate(target.reply_to ? `chat:${target.chat_id || target.reply_to}` : `${target.receive_id_type}:${target.receive_id}`);
    commit();
    const m: SentMessage = {
      message_id: randomId('om_fake_'),
      receive_id: target.receive_id,
      receive_id_type: target.receive_id_type,
      chat_id: target.chat_id,
      msg_type: msgType,
      content,
      rawContent,
      ...(uuid ? { uuid } : {}),
      ...(target.reply_to ? { reply_to: target.reply_to, reply_in_thread: body.reply_in_thread === true } : {}),
      updates: 0,
      at: Date.now(),
    };
    sent.push(m);
    if (m.chat_id) chatOf.set(m.message_id, m.chat_id);
    const data = messageData(m);
    if (uuid) uuids.set(uuid, { message_id: m.message_id, at: m.at, data });
    return ok(data);
  }

  // ─── routes ──────────────────────────────────────────────────────────────

  function handleToken(call: RecordedCall): Reply {
    const body = isRecord(call.body) ? call.body : {};
    if (body.app_id !== appId) return fail(200, 10003, 'invalid param');
    if (body.app_secret !== appSecret) return fail(200, 10014, 'app secret invalid');
    const common = { code: 0, msg: 'ok', expire: tokenExpire };
    if (call.path.includes('app_access_token')) {
      return { status: 200, body: { ...common, app_access_token: token, tenant_access_token: token } };
    }
    return { status: 200, body: { ...common, tenant_access_token: token } };
  }

  function handleWsEndpoint(call: RecordedCall): Reply {
    const body = isRecord(call.body) ? call.body : {};
    // With `data`: the SDK destructures `data.URL` before it looks at `code`, so a reply without it reads as a
    // network failure (retried) rather than the refusal it is.
    if (body.AppID !== appId || body.AppSecret !== appSecret) {
      return { status: 200, body: { code: 514, msg: 'auth failed (fake): unknown AppID or wrong AppSecret', data: {} } };
    }
    const ticket = randomId('wst_', 8);
    wsTickets.add(ticket);
    // device_id is not the first parameter: the SDK reads it with qs.parse on the whole URL.
    const URL = `ws://127.0.0.1:${port}${WS_CONNECT}?fpid=1&device_id=fake-device&service_id=1&ticket=${ticket}`;
    return ok({ URL, ClientConfig: { ...wsClientConfig } });
  }

  function wsSend(socket: Duplex, f: PbFrame): void {
    if (!socket.destroyed) socket.write(wsFrame(0x2, encodeFrame(f)));
  }

  function onWsFrame(socket: Duplex, f: PbFrame): void {
    const header = (k: string): string | undefined => f.headers.find((h) => h.key === k)?.value;
    if (f.method === 0 && header('type') === 'ping') {
      wsSend(socket, { ...f, headers: [{ key: 'type', value: 'pong' }], payload: Buffer.from(JSON.stringify(wsClientConfig)) });
      return;
    }
    if (f.method === 1) {
      const id = header('message_id');
      const resolve = id ? wsAnswers.get(id) : undefined;
      if (!id || !resolve) return;
      wsAnswers.delete(id);
      let answer: FakeWsAnswer = { code: 0 };
      try {
        const p = JSON.parse((f.payload ?? Buffer.alloc(0)).toString('utf8')) as { code: number; data?: string };
        answer = { code: p.code, ...(p.data ? { data: JSON.parse(Buffer.from(p.data, 'base64').toString('utf8')) as unknown } : {}) };
      } catch {
        answer = { code: -1 };
      }
      resolve(answer);
    }
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex): void {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const key = req.headers['sec-websocket-key'];
    const ticket = u.searchParams.get('ticket') ?? '';
    const refuse = (status: string) => {
      wsRefused++;
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      socket.destroy();
    };
    if (u.pathname !== WS_CONNECT || typeof key !== 'string') return refuse('404 Not Found');
    if (wsRefuse || !wsTickets.has(ticket)) return refuse('403 Forbidden');
    wsTickets.delete(ticket);
    const accept = createHash('sha1').update(key + WS_GUID).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    wsAccepted++;
    wsOpen.push(socket);
    for (const w of [...wsOpenWaiters]) w();
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = wsParse(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const fr of frames) {
        if (fr.opcode === 0x8) {
          socket.end(wsFrame(0x8, fr.payload.subarray(0, 2)));
          return;
        }
        if (fr.opcode === 0x9) socket.write(wsFrame(0xa, fr.payload));
        else if (fr.opcode === 0x2) {
          try {
            onWsFrame(socket, decodeFrame(fr.payload));
          } catch {
            /* not a frame the fake understands: ignored, as Feishu would log it */
          }
        }
      }
    });
    const gone = () => {
      const i = wsOpen.indexOf(socket);
      if (i >= 0) wsOpen.splice(i, 1);
    };
    socket.on('close', gone);
    socket.on('error', gone);
  }

  const ws: FakeLongConnection = {
    get open() {
      return wsOpen.length;
    },
    get accepted() {
      return wsAccepted;
    },
    get refused() {
      return wsRefused;
    },
    refuse(on) {
      wsRefuse = on;
    },
    drop() {
      for (const s of [...wsOpen]) s.destroy();
      wsOpen.length = 0;
    },
    waitForOpen(ms = 5000) {
      if (wsOpen.length > 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          wsOpenWaiters.delete(done);
          resolve();
        };
        const timer = setTimeout(() => {
          wsOpenWaiters.delete(done);
          reject(new Error(`no long connection opened within ${ms} ms`));
        }, ms);
        wsOpenWaiters.add(done);
      });
    },
    push(body, ms = 5000) {
      const socket = wsOpen.at(-1);
      if (!socket) return Promise.reject(new Error('no long connection is open'));
      const messageId = randomId('wsmsg_', 8);
      const seq = ++wsSeq;
      return new Promise<FakeWsAnswer>((resolve, reject) => {
        const timer = setTimeout(() => {
          wsAnswers.delete(messageId);
          reject(new Error(`no answer to ${messageId} within ${ms} ms`));
        }, ms);
        wsAnswers.set(messageId, (a) => {
          clearTimeout(timer);
          resolve(a);
        });
        wsSend(socket, {
          SeqID: seq,
          LogID: seq,
          service: 1,
          method: 1,
          headers: [
            { key: 'type', value: 'event' },
            { key: 'message_id', value: messageId },
            { key: 'sum', value: '1' },
            { key: 'seq', value: '0' },
            { key: 'trace_id', value: `trace_${messageId}` },
          ],
          payload: Buffer.from(JSON.stringify(body), 'utf8'),
        });
      });
    },
  };

  // 网页应用 login (FEISHU.md "Web login"): the authorize page signs in whoever signInAs named and redirects back with a
  // one-use code (5 minutes); the code becomes a user access token; user_info tells whose it is.
  let webUser: { openId: string; name: string } | null = null;
  const webCodes = new Map<string, { user: { openId: string; name: string }; redirectUri: string; until: number }>();
  const userTokens = new Map<string, { openId: string; name: string }>();
  function webLogin(call: RecordedCall): Reply | null {
    const { method, path } = call;
    if (method === 'GET' && path === '/open-apis/authen/v1/authorize') {
      const q = (k: string) => firstQuery(call.query, k) ?? '';
      if (q('client_id') !== appId || q('response_type') !== 'code' || !/^https?:\/\//.test(q('redirect_uri'))) return fail(400, 20029, 'invalid authorize request');
      if (!webUser) return { status: 200, body: { page: 'login', note: 'nobody signed in (fake: call signInAs)' } };
      const code = randomId('code_');
      webCodes.set(code, { user: webUser, redirectUri: q('redirect_uri'), until: Date.now() + 5 * 60_000 });
      const to = new URL(q('redirect_uri'));
      to.searchParams.set('code', code);
      to.searchParams.set('state', q('state'));
      return { status: 302, body: {}, headers: { location: to.toString() } };
    }
    if (method === 'POST' && path === '/open-apis/authen/v2/oauth/token') {
      const b = isRecord(call.body) ? call.body : {};
      const grant = webCodes.get(String(b.code ?? ''));
      webCodes.delete(String(b.code ?? ''));
      if (b.grant_type !== 'authorization_code' || b.client_id !== appId || b.client_secret !== appSecret) return { status: 400, body: { code: 20002, error: 'invalid_client', error_description: 'client id or secret invalid' } };
      if (!grant || grant.until < Date.now() || grant.redirectUri !== b.redirect_uri) return { status: 400, body: { code: 20003, error: 'invalid_grant', error_description: 'code invalid, used or expired' } };
      const accessToken = randomId('u-');
      userTokens.set(accessToken, grant.user);
      return { status: 200, body: { code: 0, access_token: accessToken, token_type: 'Bearer', expires_in: 7200, scope: '' } };
    }
    if (method === 'GET' && path === '/open-apis/authen/v1/user_info') {
      const user = userTokens.get((call.headers.authorization ?? '').replace(/^Bearer\s+/, ''));
      if (!user) return fail(401, 20005, 'invalid user access token');
      return { status: 200, body: { code: 0, msg: 'success', data: { open_id: user.openId, name: user.name, tenant_key: tenantKey } } };
    }
    return null;
  }

  function route(call: RecordedCall, rawBuffer: Buffer): Reply {
    const { method, path } = call;
    if (TOKEN_PATHS.has(path) && method === 'POST') return handleToken(call);
    if (path === WS_ENDPOINT && method === 'POST') return handleWsEndpoint(call);
    const web = webLogin(call);
    if (web) return web;
    if (!path.startsWith('/open-apis/')) return fail(404, 404, 'page not found');

    const auth = call.headers.authorization;
    if (!auth || !/^Bearer\s+\S/.test(auth)) {
      return fail(400, 99991661, 'Missing access token for authorization. Please make a request with token attached.');
    }
    if (auth.replace(/^Bearer\s+/, '') !== token) {
      return fail(400, 99991663, 'Invalid access token for authorization. Please make a request with token attached.');
    }

    const body = isRecord(call.body) ? call.body : {};
    let m: RegExpExecArray | null;

    if (method === 'POST' && path === MESSAGES) {
      const type = firstQuery(call.query, 'receive_id_type');
      if (!type || !(RECEIVE_ID_TYPES as readonly string[]).includes(type)) throw invalid('receive_id_type');
      const receiveIdType = type as ReceiveIdType;
      const receiveId = str(body, 'receive_id', true);
      return send(body, {
        receive_id: receiveId,
        receive_id_type: receiveIdType,
        chat_id: receiveIdType === 'chat_id' ? receiveId : `oc_p2p_${receiveId}`,
      });
    }
    if (method === 'POST' && (m = REPLY_RE.exec(path))) {
      const parent = decodeURIComponent(m[1]!);
      const chat = chatOf.get(parent) ?? '';
      return send(body, { receive_id: chat, receive_id_type: 'chat_id', chat_id: chat, reply_to: parent });
    }
    // 加急 (in-app urgent): only the bot's own messages, to users given by open_id (user_id_type=open_id).
    if (method === 'PATCH' && (m = URGENT_RE.exec(path))) {
      const id = decodeURIComponent(m[1]!);
      if (firstQuery(call.query, 'user_id_type') !== 'open_id') throw invalid('user_id_type');
      const users = body.user_id_list;
      if (!Array.isArray(users) || users.length === 0 || !users.every((u) => typeof u === 'string')) throw invalid('user_id_list');
      if (!sent.some((s) => s.message_id === id)) return fail(400, 230001, `message not found (fake): ${id}`);
      return { status: 200, body: { code: 0, msg: 'success', data: { invalid_user_id_list: [] } } };
    }
    if (method === 'PATCH' && (m = MESSAGE_RE.exec(path))) {
      const id = decodeURIComponent(m[1]!);
      const rawContent = str(body, 'content', true);
      const target = sent.find((s) => s.message_id === id);
      if (!target) return fail(400, 230001, `message not found (fake): ${id}`);
      if (target.msg_type !== 'interactive') return fail(400, 230001, 'only interactive messages can be patched');
      const content = checkContent('interactive', rawContent);
      target.content = content;
      target.rawContent = rawContent;
      target.updates++;
      patches.push({ message_id: id, content, rawContent, at: Date.now() });
      return ok();
    }
    if (method === 'POST' && path === '/open-apis/interactive/v1/card/update') {
      const cardToken = str(body, 'token', true);
      const card = body.card;
      if (!isRecord(card) && typeof card !== 'string') throw invalid('card is required');
      const size = Buffer.byteLength(typeof card === 'string' ? card : JSON.stringify(card), 'utf8');
      if (size > cardMaxBytes) throw new HttpError(400, 230025, 'The length of the message content reaches its limit.');
      cardUpdates.push({ token: cardToken, card, at: Date.now() });
      return { status: 200, body: { code: 0, msg: 'success' } };
    }
    if (method === 'POST' && (m = CALENDAR_EVENTS_RE.exec(path))) {
      const key = firstQuery(call.query, 'idempotency_key');
      const again = key ? calendarEvents.find((e) => e.idempotency_key === key) : undefined;
      if (again) return { status: 200, body: { code: 0, msg: 'success', data: { event: again as unknown as JsonValue } } };
      const start = body.start_time as { timestamp?: unknown } | undefined;
      const end = body.end_time as { timestamp?: unknown } | undefined;
      if (typeof body.summary !== 'string' || typeof start?.timestamp !== 'string' || typeof end?.timestamp !== 'string') {
        throw invalid('summary, start_time.timestamp and end_time.timestamp are required');
      }
      if (Number(end.timestamp) <= Number(start.timestamp)) throw invalid('end_time must be after start_time');
      const event: FakeCalendarEvent = {
        calendar_id: decodeURIComponent(m[1]!),
        event_id: randomId('evt_fake_'),
        ...(key ? { idempotency_key: key } : {}),
        summary: body.summary,
        description: typeof body.description === 'string' ? body.description : '',
        start_time: body.start_time as FakeCalendarEvent['start_time'],
        end_time: body.end_time as FakeCalendarEvent['end_time'],
        location: body.location as FakeCalendarEvent['location'],
        attendees: [],
      };
      calendarEvents.push(event);
      return { status: 200, body: { code: 0, msg: 'success', data: { event: event as unknown as JsonValue } } };
    }
    if (method === 'POST' && (m = CALENDAR_ATTENDEES_RE.exec(path))) {
      const event = calendarEvents.find((e) => e.event_id === decodeURIComponent(m![2]!));
      if (!event) return fail(404, 193001, 'event not found');
      if (firstQuery(call.query, 'user_id_type') !== 'open_id') throw invalid('user_id_type must be open_id here');
      const list = Array.isArray(body.attendees) ? (body.attendees as Array<{ type?: unknown; user_id?: unknown }>) : [];
      if (list.length === 0 || list.some((a) => a.type !== 'user' || typeof a.user_id !== 'string')) throw invalid('attendees: [{type: user, user_id}] required');
      for (const a of list) if (!event.attendees.includes(a.user_id as string)) event.attendees.push(a.user_id as string);
      return { status: 200, body: { code: 0, msg: 'success', data: { attendees: list as unknown as JsonValue } } };
    }
    if (method === 'POST' && path === '/open-apis/im/v1/files') {
      const parts = parseMultipart(rawBuffer, String(call.headers['content-type'] ?? ''));
      const field = (n: string): MultipartPart | undefined => parts.find((p) => p.name === n);
      const file = field('file');
      const fileType = field('file_type')?.data.toString('utf8');
      const fileName = field('file_name')?.data.toString('utf8') ?? file?.filename;
      if (!file || file.data.length === 0) throw invalid('file is required and must not be empty');
      if (!fileType) throw invalid('file_type is required');
      if (!fileName) throw invalid('file_name is required');
      const duration = field('duration')?.data.toString('utf8');
      const fileKey = randomId('file_v3_fake_');
      files.push({
        file_key: fileKey,
        file_type: fileType,
        file_name: fileName,
        ...(duration ? { duration: Number(duration) } : {}),
        size: file.data.length,
        data: Buffer.from(file.data),
        at: Date.now(),
      });
      return ok({ file_key: fileKey });
    }
    if (method === 'GET' && (m = RESOURCE_RE.exec(path))) {
      const type = firstQuery(call.query, 'type');
      if (type !== 'file' && type !== 'image') throw invalid('type must be file or image');
      const bytes = resources.get(`${decodeURIComponent(m[1]!)}/${decodeURIComponent(m[2]!)}`);
      if (!bytes) return fail(400, 234003, 'File not in msg. (fake)');
      return { status: 200, body: null, raw: bytes, headers: { 'content-type': 'application/octet-stream' } };
    }
    if (method === 'GET' && path === '/open-apis/bot/v3/info') {
      return {
        status: 200,
        body: { code: 0, msg: 'ok', bot: { activate_status: 2, app_name: appName, avatar_url: '', ip_white_list: [], open_id: botOpenId } },
      };
    }
    if (method === 'GET' && (m = DEPARTMENT_RE.exec(path))) {
      const id = decodeURIComponent(m[1]!);
      const dept = directory.departments.find((d) => d.department_id === id || d.open_department_id === id);
      if (!dept) return fail(400, 40004, `department not found (fake): ${id}`);
      return ok({ department: { open_department_id: dept.department_id, ...dept } });
    }
    if (method === 'GET' && path === '/open-apis/contact/v3/users/find_by_department') {
      const dept = firstQuery(call.query, 'department_id');
      if (!dept) throw invalid('department_id is required');
      const d = directory.departments.find((x) => x.department_id === dept || x.open_department_id === dept);
      const ids = new Set([dept, d?.department_id, d?.open_department_id].filter((x): x is string => !!x));
      const members = directory.users.filter((u) => (u.department_ids ?? []).some((x) => ids.has(x)));
      const pageSize = Math.min(Math.max(Number(firstQuery(call.query, 'page_size') ?? 10) || 10, 1), 50);
      const offset = Number(firstQuery(call.query, 'page_token') ?? 0) || 0;
      const items = members.slice(offset, offset + pageSize);
      const hasMore = offset + pageSize < members.length;
      return ok({ has_more: hasMore, ...(hasMore ? { page_token: String(offset + pageSize) } : {}), items });
    }
    if (method === 'POST' && path === '/open-apis/contact/v3/users/batch_get_id') {
      const idType = firstQuery(call.query, 'user_id_type') ?? 'open_id';
      const idOf = (u: FakeUser): string | undefined =>
        idType === 'user_id' ? u.user_id : idType === 'union_id' ? u.union_id : u.open_id;
      const list = (k: string): string[] => (Array.isArray(body[k]) ? (body[k] as unknown[]).filter((x): x is string => typeof x === 'string') : []);
      const user_list: Record<string, unknown>[] = [];
      for (const email of list('emails')) {
        const u = directory.users.find((x) => x.email === email);
        const id = u ? idOf(u) : undefined;
        user_list.push(id ? { user_id: id, email } : { email });
      }
      for (const mobile of list('mobiles')) {
        const u = directory.users.find((x) => x.mobile === mobile);
        const id = u ? idOf(u) : undefined;
        user_list.push(id ? { user_id: id, mobile } : { mobile });
      }
      return ok({ user_list });
    }
    if (method === 'GET' && (m = USER_RE.exec(path))) {
      // 获取单个用户信息. A user not in the directory answers as Feishu does for one outside the app's contact range.
      const id = decodeURIComponent(m[1]!);
      const idType = firstQuery(call.query, 'user_id_type') ?? 'open_id';
      if (!['open_id', 'user_id', 'union_id'].includes(idType)) throw invalid('user_id_type');
      const u = directory.users.find((x) => (idType === 'user_id' ? x.user_id : idType === 'union_id' ? x.union_id : x.open_id) === id);
      if (!u) return fail(400, 41050, 'no user authority error');
      return ok({ user: { ...u } });
    }
    return fail(404, 404, `page not found (fake): ${method} ${path}`);
  }

  // ─── server ──────────────────────────────────────────────────────────────

  function writeReply(res: ServerResponse, reply: Reply): void {
    if (res.destroyed || res.writableEnded) return;
    if (reply.raw) {
      res.writeHead(reply.status, { 'content-length': reply.raw.length, ...(reply.headers ?? {}) });
      res.end(reply.raw);
      return;
    }
    const payload = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(payload),
      ...(reply.headers ?? {}),
    });
    res.end(payload);
  }

  function safeRoute(call: RecordedCall, raw: Buffer): Reply {
    try {
      return route(call, raw);
    } catch (e) {
      if (e instanceof RateLimited) {
        return {
          status: e.status,
          body: { code: e.code, msg: e.message },
          headers: {
            'x-ogw-ratelimit-reset': String(e.resetSeconds),
            'x-ogw-ratelimit-limit': String(e.limit),
          },
        };
      }
      if (e instanceof HttpError) return fail(e.status, e.code, e.message);
      return fail(500, 1, `fake internal error: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const rawBody = raw.toString('utf8');
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const contentType = String(req.headers['content-type'] ?? '');
    let body: unknown = rawBody === '' ? undefined : rawBody;
    if (contentType.includes('json') || /^\s*[{[]/.test(rawBody)) {
      try {
        body = rawBody === '' ? undefined : (JSON.parse(rawBody) as unknown);
      } catch {
        /* keep raw text */
      }
    } else if (contentType.startsWith('multipart/form-data')) {
      const fields: Record<string, unknown> = {};
      for (const p of parseMultipart(raw, contentType)) {
        fields[p.name] = p.filename !== undefined || p.name === 'file' ? { filename: p.filename, size: p.data.length } : p.data.toString('utf8');
      }
      body = fields;
    }
    const call: RecordedCall = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: u.pathname,
      query: parseQuery(u.searchParams),
      headers: req.headers,
      body,
      rawBody,
      at: Date.now(),
    };
    calls.push(call);

    const fault = takeFault(call);
    if (fault && 'delayMs' in fault && fault.delayMs) await sleep(fault.delayMs);
    if (fault && 'drop' in fault) {
      if (fault.afterProcessing) safeRoute(call, raw);
      req.socket.destroy();
      return;
    }
    if (fault && 'status' in fault) {
      const code = fault.code ?? (fault.status === 429 ? 99991400 : 1);
      const headers: Record<string, string> = { ...(fault.headers ?? {}) };
      if (fault.status === 429 || fault.resetSeconds !== undefined) {
        headers['x-ogw-ratelimit-reset'] = String(fault.resetSeconds ?? 1);
      }
      writeReply(res, { status: fault.status, body: { code, msg: fault.msg ?? `fake fault ${fault.status}/${code}` }, headers });
      return;
    }
    writeReply(res, safeRoute(call, raw));
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      writeReply(res, fail(500, 1, `fake internal error: ${e instanceof Error ? e.message : String(e)}`));
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => onUpgrade(req, socket));
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  const fake: FakeFeishu = {
    url: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    botOpenId,
    get token() {
      return token;
    },
    calls,
    sent,
    patches,
    cardUpdates,
    files,
    calendarEvents,
    directory,
    ws,
    callsTo(pathPrefix, method) {
      return calls.filter((c) => c.path.startsWith(pathPrefix) && (!method || c.method === method.toUpperCase()));
    },
    failNext(n, fault, target) {
      if (n <= 0) return;
      const method = target?.method?.toUpperCase();
      const p = target?.path;
      const match = (c: RecordedCall): boolean => {
        if (method && c.method !== method) return false;
        if (p === undefined) return isSendCall(c);
        return typeof p === 'string' ? c.path.startsWith(p) : p.test(c.path);
      };
      faults.push({ remaining: n, match, fault });
    },
    failWhen(predicate, fault, times = Number.POSITIVE_INFINITY) {
      faults.push({ remaining: times, match: predicate, fault });
    },
    clearFaults() {
      faults.length = 0;
    },
    setRateLimit(config) {
      rateLimit = normalizeRateLimit(config);
      appWindow.length = 0;
      receiverWindows.clear();
    },
    invalidateToken() {
      token = randomId('t-fake-', 16);
    },
    addResource(messageId, fileKey, bytes) {
      resources.set(`${messageId}/${fileKey}`, Buffer.from(bytes));
    },
    signInAs(user) {
      webUser = user;
    },
    rememberMessage(messageId, chatId) {
      chatOf.set(messageId, chatId);
    },
    reset() {
      calls.length = 0;
      sent.length = 0;
      patches.length = 0;
      cardUpdates.length = 0;
      files.length = 0;
      calendarEvents.length = 0;
      resources.clear();
      faults.length = 0;
      uuids.clear();
      chatOf.clear();
      appWindow.length = 0;
      receiverWindows.clear();
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        for (const s of sockets) s.destroy();
      });
    },
  };
  return fake;
}
