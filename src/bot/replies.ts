import { errorCard } from '../cards/cards';
import { type DubanError } from '../domain/errors';
import type { DbOrTx } from '../db/client';
import { enqueue } from '../messenger/outbox';

/** Answers a chat message with a card, through the outbox (recorded first, sent with a uuid). */
export function replyCard(db: DbOrTx, messageId: string, card: object, now: Date, itemId: number | null = null, purpose = 'reply') {
  enqueue(db, { to: { op: 'reply', targetMessageId: messageId }, msgType: 'interactive', content: card, purpose, itemId }, now);
}

export function replyError(db: DbOrTx, messageId: string, err: DubanError, now: Date, hint?: string) {
  replyCard(db, messageId, errorCard(err.message, hint), now);
}
