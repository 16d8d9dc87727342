/**
 * Helpers that play Feishu when it calls OUR webhook (event subscription / card callbacks).
 *
 *   const { headers, body } = signedRequest(ENCRYPT_KEY, messageEvent({ token: VERIFICATION_TOKEN, ... }));
 *   await app.inject({ method: 'POST', url: '/feishu/events', headers, payload: body });
 *
 * - Encryption matches the SDK's `AESCipher.decrypt`: AES-256-CBC, key = SHA-256(encryptKey), a random 16-byte IV
 *   prepended to the ciphertext, base64 of the whole.
 * - Signature = sha256_hex(timestamp + nonce + encryptKey + rawBody), in `x-lark-signature`; the SDK's own
 *   check hashes `JSON.stringify(body)`, which equals our compact raw body.
 * - `url_verification` is sent UNSIGNED by Feishu; `urlVerification()` builds the plain challenge, which callers
 *   encrypt with `encryptBody()` (Feishu encrypts it when an Encrypt Key is configured, and our server refuses a
 *   plaintext one).
 * - The server refuses a request whose timestamp is more than its replay window (default 300 s) from its clock:
 *   pass `timestamp` (e.g. `timestampFromNow(-86_400)`) to test that.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface SignOptions {
  /** Seconds since epoch as a string. Default: now. */
  timestamp?: string | number;
  /** Default: random hex. */
  nonce?: string;
}

export interface SignedRequest {
  headers: Record<string, string>;
  /** The exact bytes to POST (compact JSON). */
  body: string;
}

export interface EventHeader {
  event_id: string;
  event_type: string;
  create_time: string;
  token: string;
  app_id: string;
  tenant_key: string;
}

export interface EventEnvelope<E> {
  schema: '2.0';
  header: EventHeader;
  event: E;
}

export interface UserIds {
  open_id: string;
  user_id?: string;
  union_id?: string;
}

export interface Mention {
  /** e.g. `@_user_1`, as it appears in the text. */
  key: string;
  id: UserIds;
  name: string;
  tenant_key?: string;
}

export interface MessageReceiveEvent {
  sender: { sender_id: UserIds; sender_type: 'user'; tenant_key: string };
  message: {
    message_id: string;
    root_id?: string;
    parent_id?: string;
    create_time: string;
    update_time: string;
    chat_id: string;
    chat_type: 'p2p' | 'group';
    message_type: string;
    content: string;
    mentions?: Mention[];
  };
}

export interface CardActionTriggerEvent {
  operator: { open_id: string; user_id?: string; union_id?: string; tenant_key: string };
  /** The card update token (for `POST /open-apis/interactive/v1/card/update`). */
  token: string;
  action: {
    value: Record<string, unknown>;
    tag: string;
    name?: string;
    form_value?: Record<string, unknown>;
    input_value?: string;
    option?: string;
  };
  host: 'im_message';
  context: { open_message_id: string; open_chat_id?: string };
}

export interface UrlVerification {
  type: 'url_verification';
  token: string;
  challenge: string;
}

interface CommonEventOptions {
  eventId?: string;
  /** The Verification Token (goes into `header.token`). */
  token: string;
  appId?: string;
  tenantKey?: string;
  /** ms since epoch. Default now. */
  createTime?: number;
}

export interface MessageEventOptions extends CommonEventOptions {
  senderOpenId: string;
  senderUserId?: string;
  senderUnionId?: string;
  chatId: string;
  chatType: 'p2p' | 'group';
  /** The text; wrapped as `content: JSON.stringify({text})`. Ignored when `content` is given. */
  text?: string;
  /** Raw content object for non-text messages (set `messageType` too). */
  content?: Record<string, unknown>;
  messageType?: string;
  messageId?: string;
  parentId?: string;
  rootId?: string;
  mentions?: Mention[];
}

export interface CardActionEventOptions extends CommonEventOptions {
  operatorOpenId: string;
  operatorUserId?: string;
  value: Record<string, unknown>;
  formValue?: Record<string, unknown>;
  inputValue?: string;
  name?: string;
  /** Default 'button'. */
  tag?: string;
  /** The card update token put into `event.token`. Default random `c-…`. */
  cardToken?: string;
  openMessageId: string;
  openChatId?: string;
}

const rid = (prefix: string, bytes = 16): string => `${prefix}${randomBytes(bytes).toString('hex')}`;

function aesKey(encryptKey: string): Buffer {
  return createHash('sha256').update(encryptKey).digest();
}

/** Encrypt like Feishu does for a subscription with an Encrypt Key. */
export function encryptBody(encryptKey: string, payload: object): { encrypt: string } {
  return encryptText(encryptKey, JSON.stringify(payload));
}

/** Encrypts any text (not necessarily JSON, or JSON that is not an object): for tests of what a body decrypts to. */
export function encryptText(encryptKey: string, text: string): { encrypt: string } {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', aesKey(encryptKey), iv);
  const ct = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return { encrypt: Buffer.concat([iv, ct]).toString('base64') };
}

/** Inverse of `encryptBody` (same algorithm as the SDK's `AESCipher.decrypt`), handy in assertions. */
export function decryptBody(encryptKey: string, encrypt: string): unknown {
  const buf = Buffer.from(encrypt, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(encryptKey), buf.subarray(0, 16));
  const plain = Buffer.concat([decipher.update(buf.subarray(16)), decipher.final()]).toString('utf8');
  return JSON.parse(plain) as unknown;
}

/** sha256_hex(timestamp + nonce + encryptKey + rawBody). */
export function signature(encryptKey: string, timestamp: string, nonce: string, rawBody: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + rawBody).digest('hex');
}

export function signHeaders(encryptKey: string, rawBody: string, opts: SignOptions = {}): Record<string, string> {
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = opts.nonce ?? randomBytes(8).toString('hex');
  return {
    'content-type': 'application/json',
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': signature(encryptKey, timestamp, nonce, rawBody),
  };
}

function header(eventType: string, o: CommonEventOptions): EventHeader {
  return {
    event_id: o.eventId ?? rid('ev_fake_'),
    event_type: eventType,
    create_time: String(o.createTime ?? Date.now()),
    token: o.token,
    app_id: o.appId ?? 'cli_test',
    tenant_key: o.tenantKey ?? 'tenant_test',
  };
}

/** A schema 2.0 `im.message.receive_v1` payload. */
export function messageEvent(o: MessageEventOptions): EventEnvelope<MessageReceiveEvent> {
  const h = header('im.message.receive_v1', o);
  const content = o.content ?? { text: o.text ?? '' };
  return {
    schema: '2.0',
    header: h,
    event: {
      sender: {
        sender_id: {
          open_id: o.senderOpenId,
          ...(o.senderUserId ? { user_id: o.senderUserId } : {}),
          ...(o.senderUnionId ? { union_id: o.senderUnionId } : {}),
        },
        sender_type: 'user',
        tenant_key: h.tenant_key,
      },
      message: {
        message_id: o.messageId ?? rid('om_in_', 12),
        ...(o.rootId ?? o.parentId ? { root_id: o.rootId ?? o.parentId } : {}),
        ...(o.parentId ? { parent_id: o.parentId } : {}),
        create_time: h.create_time,
        update_time: h.create_time,
        chat_id: o.chatId,
        chat_type: o.chatType,
        message_type: o.messageType ?? 'text',
        content: JSON.stringify(content),
        ...(o.mentions && o.mentions.length > 0 ? { mentions: o.mentions } : {}),
      },
    },
  };
}

/** A schema 2.0 `card.action.trigger` payload (card JSON 2.0 callback). */
export function cardActionEvent(o: CardActionEventOptions): EventEnvelope<CardActionTriggerEvent> {
  const h = header('card.action.trigger', o);
  return {
    schema: '2.0',
    header: h,
    event: {
      operator: {
        open_id: o.operatorOpenId,
        ...(o.operatorUserId ? { user_id: o.operatorUserId } : {}),
        tenant_key: h.tenant_key,
      },
      token: o.cardToken ?? rid('c-'),
      action: {
        value: o.value,
        tag: o.tag ?? 'button',
        ...(o.name !== undefined ? { name: o.name } : {}),
        ...(o.formValue !== undefined ? { form_value: o.formValue } : {}),
        ...(o.inputValue !== undefined ? { input_value: o.inputValue } : {}),
      },
      host: 'im_message',
      context: { open_message_id: o.openMessageId, ...(o.openChatId ? { open_chat_id: o.openChatId } : {}) },
    },
  };
}

/** The (unsigned) URL verification challenge. */
export function urlVerification(token: string, challenge: string): UrlVerification {
  return { type: 'url_verification', token, challenge };
}

/** A correctly encrypted and signed request whose encrypted text is `text`, exactly (valid JSON or not). */
export function signedText(encryptKey: string, text: string, opts: SignOptions = {}): SignedRequest {
  const body = JSON.stringify(encryptText(encryptKey, text));
  return { headers: signHeaders(encryptKey, body, opts), body };
}

/** Seconds since the epoch, as Feishu puts it in `X-Lark-Request-Timestamp`, `offsetSeconds` from now. */
export const timestampFromNow = (offsetSeconds: number): string => String(Math.floor(Date.now() / 1000) + offsetSeconds);

/**
 * Body + headers as Feishu would POST them. `encrypt` defaults to true (with an Encrypt Key configured Feishu
 * always encrypts). The body is compact JSON, so the SDK's JSON.stringify-based check agrees with the signature.
 */
export function signedRequest(
  encryptKey: string,
  payload: object,
  opts: { encrypt?: boolean } & SignOptions = {},
): SignedRequest {
  const body = JSON.stringify(opts.encrypt === false ? payload : encryptBody(encryptKey, payload));
  return { headers: signHeaders(encryptKey, body, opts), body };
}
