/**
 * The detail card (`/督办 查看 …`, 查看详情): an item's facts, history, progress, 催办 records and evidence, for the
 * person who asked.
 *
 * Asked privately, it is drawn when it is sent, not when it is asked for. At 09:00, when hundreds of people open
 * their reminders and look items up at once, the answers queue behind Feishu's 50 messages a second: a card drawn
 * at the question would go out minutes later showing the item as it was, and the burst would pay for drawing every
 * card before any could be sent. So the question records a small description (who asked, which item) and the
 * outbox worker draws the card for that person as the item is when the answer goes out, at the pace answers can go
 * out. Whether the person may see the item is decided twice: when they ask (an unknown or hidden number is
 * answered at once), and when the card is drawn (someone no longer allowed gets the same refusal, not the card).
 *
 * Asked in a group chat, it is drawn at the question: whether a group may be shown an answer (or only told that it
 * was sent privately) is decided on the answer itself when it is recorded (bot/conversation.ts).
 */
import { type Card, errorCard, itemDetailCard } from '../cards/cards';
import { canIssueBulletin } from '../domain/bulletin';
import { namesConfidential } from '../domain/disclosure';
import { ErrorCode, toDubanError } from '../domain/errors';
import type { Item } from '../domain/item';
import { canRegister } from '../domain/permissions';
import { loadActor } from '../db/org-repository';
import { type Envelope, type OutboxRow, enqueue, personAddress } from '../messenger/outbox-queue';
import type { ServiceContext } from '../services/context';
import { cardDetailOf, getVisibleItem } from '../services/item-queries';
import { cardContext } from './card-context';
import { type Conversation, NOT_SHOWN, answer, hiddenFrom } from './conversation';

/** What the outbox row of a detail card records: the card is drawn for `viewer` from the row's item when sent. */
export interface DetailCardRef {
  card: 'detail';
  viewer: string;
}

export const isDetailCardRef = (d: unknown): d is DetailCardRef =>
  typeof d === 'object' && d !== null && (d as { card?: unknown }).card === 'detail' && typeof (d as { viewer?: unknown }).viewer === 'string';

/** The detail card of `item` (already found visible to `viewer`) as `viewer` may see it at `now`. */
function drawDetail(ctx: ServiceContext, viewer: string, item: Item, now: Date): Card {
  const d = cardDetailOf(ctx, item);
  const actor = loadActor(ctx.db, viewer);
  return itemDetailCard(d.item, d, cardContext(ctx.db, ctx.calendar, now), canRegister(actor), canIssueBulletin(actor));
}

/** `/督办 查看 <编号>`: the answer to the message, drawn now in a group chat, when sent in a private one. */
export function answerDetail(ctx: ServiceContext, conv: Conversation, ref: string, now: Date): void {
  const item = getVisibleItem(ctx, conv.sender, ref);
  if (conv.inGroup) {
    answer(ctx.db, conv, drawDetail(ctx, conv.sender, item, now), now, item.id, 'detail');
    return;
  }
  queueDetail(ctx, { op: 'reply', targetMessageId: conv.messageId, inGroup: false }, conv.sender, item, now);
}

/** 查看详情 on a card: the detail card sent to the person privately (the card they clicked stays as it is). */
export function sendDetailPrivately(ctx: ServiceContext, viewer: string, item: Item, now: Date): void {
  queueDetail(ctx, personAddress(viewer), viewer, item, now);
}

function queueDetail(ctx: ServiceContext, to: Envelope, viewer: string, item: Item, now: Date) {
  const render: DetailCardRef = { card: 'detail', viewer };
  enqueue(ctx.db, { to, msgType: 'interactive', content: '', render, purpose: 'detail', itemId: item.id }, now);
}

/**
 * Draws a detail card for the outbox when it is sent (messenger/outbox.ts `render`). The person is checked again:
 * one who may no longer see the item, or whose card would name a confidential item they may not see, is told so
 * instead, as they would have been had they asked at that moment.
 */
export function detailCardRenderer(ctx: () => ServiceContext, now: () => Date) {
  return (ref: DetailCardRef, row: OutboxRow): string => {
    const c = ctx();
    let card: Card;
    try {
      card = drawDetail(c, ref.viewer, getVisibleItem(c, ref.viewer, row.itemId ?? 0), now());
    } catch (err) {
      const de = toDubanError(err);
      if (de.code !== ErrorCode.NotFound) throw err;
      card = errorCard(de.message);
    }
    const content = JSON.stringify(card);
    return namesConfidential(content, hiddenFrom(c.db, ref.viewer)) ? JSON.stringify(errorCard(NOT_SHOWN)) : content;
  };
}
