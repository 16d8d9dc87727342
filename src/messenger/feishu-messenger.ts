import * as lark from '@larksuiteoapi/node-sdk';
import type { FeishuConfig } from '../config';
import { jsonHttpInstance } from './http-instance';
import { FILE_TOO_LARGE, type Messenger, type OutgoingMessage, type ReceiveIdType, SendError } from './messenger';

/** Feishu answers these with a 4xx/200 body code but they pass with time: the rate limits. */
const RETRYABLE_CODES = new Set([99991400, 230020, 99991663, 99991661]);

/**
 * The SDK's own logger prints whole axios errors with console.log — Authorization header and tenant token
 * included — past pino's redaction. It stays silent; the outbox logs each failure as a SendError instead.
 */
export const quietLarkLogger = { error() {}, warn() {}, info() {}, debug() {}, trace() {} };

/** A client with its own token cache (so a dead token can be dropped, and tests don't share the SDK's global). */
export function createLarkClient(cfg: FeishuConfig, cache: lark.Cache = new lark.DefaultCache()): lark.Client {
  return new lark.Client({
    appId: cfg.appId,
    appSecret: cfg.appSecret,
    domain: cfg.domain,
    appType: lark.AppType.SelfBuild,
    cache,
    logger: quietLarkLogger,
    httpInstance: jsonHttpInstance(),
  });
}

/** The token codes: Feishu no longer accepts the token the SDK has cached. */
const TOKEN_CODES = new Set([99991663, 99991661]);

interface FeishuReply {
  code?: number;
  msg?: string;
  data?: { message_id?: string; user?: { name?: string } };
}

/** A failed streamed request carries its error body as a stream: read it so the code can be classified. */
async function withStreamedBody(err: unknown): Promise<unknown> {
  const data = (err as { response?: { data?: unknown } }).response?.data as AsyncIterable<Buffer> | undefined;
  if (!data || typeof (data as { pipe?: unknown }).pipe !== 'function') return err;
  try {
    const chunks: Buffer[] = [];
    for await (const c of data) chunks.push(c);
    (err as { response: { data: unknown } }).response.data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    (err as { response: { data: unknown } }).response.data = undefined;
  }
  return err;
}

/** Turns whatever the SDK threw or returned into a SendError the outbox can act on. */
export function classifyFailure(err: unknown): SendError {
  if (err instanceof SendError) return err;
  const e = err as { response?: { status?: number; data?: FeishuReply; headers?: Record<string, string> }; code?: string; message?: string };
  const status = e.response?.status;
  if (status !== undefined) {
    const code = e.response?.data?.code;
    const msg = `HTTP ${status}${code !== undefined ? ` code ${code}` : ''}: ${e.response?.data?.msg ?? e.message ?? ''}`;
    const reset = Number(e.response?.headers?.['x-ogw-ratelimit-reset']);
    const retryAfterMs = Number.isFinite(reset) && reset > 0 ? reset * 1000 : undefined;
    const retryable = status >= 500 || status === 429 || (code !== undefined && RETRYABLE_CODES.has(code));
    return new SendError(msg, retryable, code, retryAfterMs);
  }
  // No response at all: connection refused or dropped, timeout, DNS. The uuid makes a retry safe.
  return new SendError(`network: ${e.code ?? ''} ${e.message ?? String(err)}`.trim(), true);
}

function checkCode(res: FeishuReply): void {
  if (res?.code !== 0) {
    const code = res?.code ?? -1;
    throw new SendError(`code ${code}: ${res?.msg ?? 'unknown'}`, RETRYABLE_CODES.has(code), code);
  }
}

/** Sends through the real SDK. Every call has a timeout (the SDK's own has none) and every reply's code is checked. */
export class FeishuMessenger implements Messenger {
  constructor(
    private readonly client: lark.Client,
    private readonly timeoutMs = 10_000,
    /** Where the client keeps its token; cleared when Feishu rejects the token, so the retry fetches a new one. */
    private readonly tokenCache?: { cache: lark.Cache; appId: string },
  ) {}

  private call(method: 'GET' | 'POST' | 'PATCH', url: string, data?: object, params?: object): Promise<FeishuReply> {
    return this.callWith({ method, url, data, params, timeout: this.timeoutMs });
  }

  /** One request with its reply's code checked; a rejected token is dropped so the retry fetches a new one. */
  private async callWith(req: object): Promise<FeishuReply> {
    try {
      const res = (await this.client.request(req as never)) as FeishuReply;
      checkCode(res);
      return res;
    } catch (err) {
      const failure = classifyFailure(err);
      if (failure.code !== undefined && TOKEN_CODES.has(failure.code) && this.tokenCache) {
        // The SDK would keep sending the dead token for up to two hours; an already-expired entry makes it refetch.
        await this.tokenCache.cache.set(lark.CTenantAccessToken, '', 1, { namespace: this.tokenCache.appId });
      }
      throw failure;
    }
  }

  async send(to: { receiveIdType: ReceiveIdType; receiveId: string }, m: OutgoingMessage) {
    const res = await this.call(
      'POST',
      '/open-apis/im/v1/messages',
      { receive_id: to.receiveId, msg_type: m.msgType, content: m.content, uuid: m.uuid },
      { receive_id_type: to.receiveIdType },
    );
    return { messageId: res.data?.message_id ?? '' };
  }

  async reply(messageId: string, m: OutgoingMessage) {
    const res = await this.call('POST', `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/reply`, {
      msg_type: m.msgType,
      content: m.content,
      uuid: m.uuid,
    });
    return { messageId: res.data?.message_id ?? '' };
  }

  async patch(messageId: string, content: string) {
    await this.call('PATCH', `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}`, { content });
  }

  /**
   * 加急 in the app: `PATCH /open-apis/im/v1/messages/:id/urgent_app?user_id_type=open_id` `{user_id_list}`. Needs the
   * scope `im:message.urgent`; only for the bot's own messages, to people who share the chat with it.
   */
  async urgent(messageId: string, openIds: string[]) {
    await this.call('PATCH', `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/urgent_app`, { user_id_list: openIds }, { user_id_type: 'open_id' });
  }

  /**
   * A person's name from the contact directory (通讯录): `GET /open-apis/contact/v3/users/:id?user_id_type=open_id`
   * → `data.user.name`. Needs the scope `contact:user.base:readonly`, and the person inside the app's contact range
   * (通讯录权限范围). Throws a SendError when Feishu refuses, times out, or gives no name.
   */
  async contactName(openId: string): Promise<string> {
    const res = await this.call('GET', `/open-apis/contact/v3/users/${encodeURIComponent(openId)}`, undefined, { user_id_type: 'open_id' });
    const name = res.data?.user?.name?.trim();
    if (!name) throw new SendError('contact: no name in the reply', false);
    return name;
  }

  /**
   * `POST /open-apis/im/v1/files` (multipart: file_type, file_name, file; at most 30 MB) → `file_key`. Scope
   * `im:resource`. Axios turns the object into multipart form data because of the content type.
   */
  async uploadFile(f: { name: string; bytes: Buffer; fileType: string }): Promise<{ fileKey: string }> {
    const res = (await this.callWith({
      method: 'POST',
      url: '/open-apis/im/v1/files',
      data: { file_type: f.fileType, file_name: f.name, file: f.bytes },
      headers: { 'Content-Type': 'multipart/form-data' },
      // An upload of 30 MB on a slow line takes longer than a message.
      timeout: Math.max(this.timeoutMs, 120_000),
    })) as FeishuReply & { data?: { file_key?: string } };
    const fileKey = res.data?.file_key;
    if (!fileKey) throw new SendError('upload: no file_key in the reply', false);
    return { fileKey };
  }

  /**
   * `GET /open-apis/im/v1/messages/:message_id/resources/:file_key?type=file|image` (scope `im:resource`): the
   * bytes, streamed and counted; past `maxBytes` the stream is dropped and a SendError says so.
   */
  async download(messageId: string, fileKey: string, type: 'file' | 'image', maxBytes: number): Promise<Buffer> {
    let stream: NodeJS.ReadableStream & { destroy?(): void };
    try {
      stream = (await this.client.request({
        method: 'GET',
        url: `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}/resources/${encodeURIComponent(fileKey)}`,
        params: { type },
        responseType: 'stream',
        timeout: Math.max(this.timeoutMs, 120_000),
      } as never)) as typeof stream;
    } catch (err) {
      throw classifyFailure(await withStreamedBody(err));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > maxBytes) {
        stream.destroy?.();
        throw new SendError(`download: larger than ${maxBytes} bytes`, false, FILE_TOO_LARGE);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  /** The bot's own open_id, to tell its mentions from others'. */
  async botOpenId(): Promise<string | null> {
    try {
      const res = (await this.client.request({ method: 'GET', url: '/open-apis/bot/v3/info', timeout: this.timeoutMs } as never)) as {
        code?: number;
        bot?: { open_id?: string };
      };
      return res.code === 0 ? (res.bot?.open_id ?? null) : null;
    } catch {
      return null;
    }
  }
}
