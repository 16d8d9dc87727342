import { type Actor, hasRole, unitsOf } from '../domain/actor';
import { DubanError, ErrorCode } from '../domain/errors';
import type { Item } from '../domain/item';
import { OPEN_STATES } from '../domain/item';
import { parseItemNumber } from '../domain/item-number';
import { canView } from '../domain/permissions';
import { chinaDate } from '../domain/dates';
import { listCompletions, listExtensions, listHistory, listProgress } from '../db/history-repository';
import { findItem, findItemByNumber, listItems } from '../db/item-repository';
import { loadActor } from '../db/org-repository';
import type { ServiceContext } from './context';

export const ListScopes = ['mine', 'unit', 'overdue', 'review', 'all'] as const;
export type ListScope = (typeof ListScopes)[number];
export const SCOPE_LABELS: Record<ListScope, string> = {
  mine: '我的',
  unit: '本单位',
  overdue: '逾期',
  review: '待审核',
  all: '全部',
};

/** Is this person the one who must decide something on the item now? */
export function awaitsDecisionBy(item: Item, actor: Actor): boolean {
  if (item.state === 'under_review') {
    if (item.reviewStage === 'principal') return hasRole(actor, 'principal');
    return item.leaderId === actor.id;
  }
  return !!item.pendingExtension && item.leaderId === actor.id;
}

/** The lists behind `/督办 列表`, each already cut down to what the person may see. */
export function listForActor(ctx: ServiceContext, actorId: string, scope: ListScope, now: Date): Item[] {
  const actor = loadActor(ctx.db, actorId);
  const open = [...OPEN_STATES];
  const units = unitsOf(actor);
  let found: Item[];
  switch (scope) {
    case 'unit':
      found = units.length ? listItems(ctx.db, { unitIds: units, states: open, visibleTo: actor }) : [];
      break;
    case 'overdue':
      found = listItems(ctx.db, { states: open, deadlineBefore: chinaDate(now), visibleTo: actor });
      break;
    case 'review':
      found = listItems(ctx.db, { states: ['under_review', 'in_progress'], visibleTo: actor }).filter(
        (i) => awaitsDecisionBy(i, actor) || (hasRole(actor, 'supervisor') && i.state === 'under_review'),
      );
      break;
    case 'mine':
      found = listItems(ctx.db, { states: open, visibleTo: actor }).filter(
        (i) =>
          i.leaderId === actor.id ||
          i.createdBy === actor.id ||
          units.includes(i.leadUnitId) ||
          i.coopUnitIds.some((u) => units.includes(u)) ||
          awaitsDecisionBy(i, actor),
      );
      break;
    case 'all':
      found = listItems(ctx.db, { visibleTo: actor, newestFirst: true });
      break;
  }
  return found.filter((i) => canView(actor, i));
}

/** One item by id or by what a person typed for its number, if they may see it. */
export function getVisibleItem(ctx: ServiceContext, actorId: string, ref: number | string): Item {
  let item: Item | null = null;
  if (typeof ref === 'number') item = findItem(ctx.db, ref);
  else {
    const n = parseItemNumber(ref);
    if (!n) throw new DubanError(ErrorCode.InvalidInput, `“${ref}”不是有效的督办编号，格式如 督办〔年份〕序号号，或简写为 2026-17`);
    item = findItemByNumber(ctx.db, n.year, n.seq);
  }
  // Not found and not allowed read the same, so a number cannot be probed for confidential items.
  if (!item || !canView(loadActor(ctx.db, actorId), item)) {
    throw new DubanError(ErrorCode.NotFound, `没有找到事项${typeof ref === 'string' ? ` ${ref}` : ''}，或您无权查看`);
  }
  return item;
}

/** Everything known about an item, for the detail card: history, progress, extensions, completion submissions. */
export function getItemDetail(ctx: ServiceContext, actorId: string, ref: number | string) {
  const item = getVisibleItem(ctx, actorId, ref);
  return {
    item,
    history: listHistory(ctx.db, item.id),
    progress: listProgress(ctx.db, item.id),
    extensions: listExtensions(ctx.db, item.id),
    completions: listCompletions(ctx.db, item.id),
  };
}
