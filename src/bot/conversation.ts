import { errorCard, noticeCard } from '../cards/cards';
import { type ConfidentialMarks, namesConfidential } from '../domain/disclosure';
import type { DubanError } from '../domain/errors';
import { canView } from '../domain/permissions';
import type { DbOrTx } from '../db/client';
import { confidentialItems, confidentialMarks } from '../db/item-repository';
import { loadActor } from '../db/org-repository';
import { enqueue, personAddress } from '../messenger/outbox-queue';

/** The chat a command came from, and who typed it: every answer to it goes through `answer`. */
export interface Conversation {
  messageId: string;
  inGroup: boolean;
  sender: string;
  /** What the person typed. Echoing their own words back to them tells them nothing. */
  typed?: string;
}

/**
 * The confidential items a person may not see, as marks: what no answer to them may name, in a group or privately.
 * By number (and id), not by title: every answer about an item carries its number, while a title may be part of the
 * title of an item the person may see (校园安全隐患排查 when 校园安全 is secret). Numbers the person typed themselves
 * are left out: an answer may repeat them, and that tells them nothing.
 */
export function hiddenFrom(db: DbOrTx, personId: string, typed = ''): ConfidentialMarks {
  const actor = loadActor(db, personId);
  const rows = confidentialItems(db).filter((r) => !canView(actor, { ...r, confidential: true }));
  return { ids: new Set(rows.map((r) => r.id)), words: rows.map((r) => r.number).filter((w) => !typed.includes(w)) };
}

/** What a person is told instead of an answer that would name a confidential item they may not see. */
export const NOT_SHOWN = '无法显示：此回复涉及您无权查看的督办事项。如有疑问，请联系督查室。';

const PRIVATE_INSTEAD = noticeCard('已私信回复', '涉及涉密事项的内容不在群聊中显示，已私信发送给您。');

/**
 * Answers a chat message with a card, through the outbox (recorded first, sent with a uuid). The one place every
 * answer to a chat passes: in a group chat, an answer that names a confidential item (its number or title, or an
 * answer about one) goes to the person privately, and the group is told only that a private answer was sent.
 * Before that, an answer that would name a confidential item the person may not see is not sent at all: they are
 * told NOT_SHOWN instead, in a group or privately.
 */
export function answer(db: DbOrTx, conv: Conversation, card: object, now: Date, itemId: number | null = null, purpose = 'reply') {
  let content = JSON.stringify(card);
  // Nobody is told of a confidential item they may not see, wherever they asked: a refusal upstream that names
  // one (a number in an error message) is caught here, whatever path it came by.
  if (namesConfidential(content, hiddenFrom(db, conv.sender, conv.typed), itemId)) {
    content = JSON.stringify(errorCard(NOT_SHOWN));
    itemId = null;
    purpose = 'reply';
  }
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
