/** The port the outbox talks to. Adapters: Feishu (the SDK client) and the local one (records, sends nothing). */
export type ReceiveIdType = 'open_id' | 'user_id' | 'chat_id' | 'email' | 'union_id';
/** `file`: the outbox row's content is `{fileId}` (a stored file); the worker uploads it and sends its `file_key`. */
export type MsgType = 'interactive' | 'text' | 'file';

export interface OutgoingMessage {
  msgType: MsgType;
  /** JSON string as Feishu wants it: a card, or {"text": "..."}. */
  content: string;
  /** Idempotency key: Feishu drops a second send with the same uuid within an hour. */
  uuid: string;
}

export interface Messenger {
  send(to: { receiveIdType: ReceiveIdType; receiveId: string }, m: OutgoingMessage): Promise<{ messageId: string }>;
  reply(messageId: string, m: OutgoingMessage): Promise<{ messageId: string }>;
  /** Replaces a sent card's content (card must have config.update_multi). */
  patch(messageId: string, content: string): Promise<void>;
  /** 加急: makes a message the bot sent an in-app urgent one for these people (open_ids). */
  urgent?(messageId: string, openIds: string[]): Promise<void>;
  /** Uploads a file for sending (`POST /open-apis/im/v1/files`); the key goes into a `file` message. */
  uploadFile?(f: { name: string; bytes: Buffer; fileType: string }): Promise<{ fileKey: string }>;
  /**
   * What a person sent: a file or image of one of their messages. Refused (SendError, not retryable) past `maxBytes`,
   * counted while it streams in, so an oversized file is never held whole.
   */
  download?(messageId: string, fileKey: string, type: 'file' | 'image', maxBytes: number): Promise<Buffer>;
}

/** The code of a SendError for a download refused for its size (ours, not one of Feishu's). */
export const FILE_TOO_LARGE = -413;

/**
 * A failed send, classified for the outbox: retry later (network, 5xx, rate limits) or give up (the request
 * itself is wrong: bot not in chat, card too large, bad id).
 */
export class SendError extends Error {
  override name = 'SendError';
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly code?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}
