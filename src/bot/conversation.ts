import { errorCard, noticeCard } from '../cards/cards';
import { namesConfidential } from '../domain/disclosure';
import type { DubanError } from '../domain/errors';
import type { DbOrTx } from '../db/client';
import { confidentialMarks } from '../db/item-repository';
import { enqueue, personAddress } from '../messenger/outbox';

/** The chat a command came from, and who typed it: every answer to it goes through `answer`. */
export interface Conversation {
  messageId: string;
  inGroup: boolean;
  sender: string;
}

const PRIVATE_INSTEAD = noticeCard('已私信回复', '涉及涉密事项的内容不在群聊中显示，已私信发送给您。');

/**
 * Answers a chat message with a card, through the outbox (recorded first, sent with a uuid). The one place every
 * answer to a chat passes: in a group chat, an answer that names a confidential item (its number or title, or an
 * answer about one) goes to the person privately, and the group is told only that a private answer was sent.
 */
export function answer(db: DbOrTx, conv: Conversation, card: object, now: Date, itemId: number | null = null, purpose = 'reply') {
  const content = JSON.stringify(card);
  if (conv.inGroup && namesConfidential(content, confidentialMarks(db), itemId)) {
    enqueue(db, { to: personAddress(conv.sender), msgType: 'interactive', content, purpose, itemId }, now);
    enqueue(db, { to: { op: 'reply', targetMessageId: conv.messageId, inGroup: true }, msgType: 'interactive', content: PRIVATE_INSTEAD, purpose: 'reply' }, now);
    return;
  }
  enqueue(db, { to: { op: 'reply', targetMessageId: conv.messageId, inGroup: conv.inGroup }, msgType: 'interactive', content, purpose, itemId }, now);
}

export function answerError(db: DbOrTx, conv: Conversation, err: DubanError, now: Date, hint?: string) {
  answer(db, conv, errorCard(err.message, hint), now);
}
