import type { ItemSource, Item } from '../domain/item';
import type { Tx } from '../db/client';
import { type Channel, insertAudit } from '../db/history-repository';
import { updateItem } from '../db/item-repository';

/**
 * Sources joining an open item (不同来源内容相同的工作任务合理归并): a merged item's, or a registration's that was
 * merged instead of numbered. The item carries every source it absorbed; its history says where each came from.
 */
export function addSources(
  tx: Tx,
  target: Item,
  added: ItemSource[],
  o: { actorId: string; channel: Channel; at: string; note?: string; changes: Record<string, unknown> },
) {
  const sources = [...target.sources, ...added];
  updateItem(tx, target, { sources }, o.at);
  insertAudit(tx, {
    itemId: target.id,
    actorId: o.actorId,
    channel: o.channel,
    action: 'merge_in',
    fromState: target.state,
    toState: target.state,
    changes: { sources: [target.sources, sources], ...o.changes },
    note: o.note ?? null,
    at: o.at,
  });
}
