/** The port the outbox talks to. Adapters: Feishu (the SDK client) and the local one (records, sends nothing). */
export type ReceiveIdType = 'open_id' | 'user_id' | 'chat_id' | 'email' | 'union_id';
export type MsgType = 'interactive' | 'text';

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
}

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
