import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from './client';
import { outbox } from './schema';

export interface SentCard {
  id: number;
  purpose: string;
  receiveId: string | null;
  sentAt: string | null;
  card: unknown;
}

/** The most cards one item page lists (an item chased daily for a term has a few hundred). */
const MAX_CARDS = 200;

/**
 * The cards sent about an item (oldest first), as they went out: `content` is what Feishu received. Rows drawn when
 * sent (`render`) keep no content and are left out. `to` narrows them to these receivers (a person's own cards).
 */
export function sentCardsOfItem(db: DbOrTx, itemId: number, to?: readonly string[]): SentCard[] {
  const rows = db
    .select({ id: outbox.id, purpose: outbox.purpose, receiveId: outbox.receiveId, sentAt: outbox.sentAt, content: outbox.content })
    .from(outbox)
    .where(
      and(
        eq(outbox.itemId, itemId),
        sql`${outbox.status} = 'sent'`,
        eq(outbox.msgType, 'interactive'),
        inArray(outbox.op, ['send', 'reply']),
        ...(to ? [inArray(outbox.receiveId, [...to])] : []),
      ),
    )
    .orderBy(asc(outbox.id))
    .limit(MAX_CARDS)
    .all();
  return rows.flatMap((r) => {
    try {
      return r.content ? [{ id: r.id, purpose: r.purpose, receiveId: r.receiveId, sentAt: r.sentAt, card: JSON.parse(r.content) }] : [];
    } catch {
      return [];
    }
  });
}
