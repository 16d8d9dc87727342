import { filesOfItem } from '../db/file-repository';
import { type Actor, hasRole, unitsOf } from '../domain/actor';
import { DubanError, ErrorCode } from '../domain/errors';
import type { Item, ItemState, SourceCategory } from '../domain/item';
import { ItemStates, OPEN_STATES } from '../domain/item';
import { parseItemNumber } from '../domain/item-number';
import { canView } from '../domain/permissions';
import { chinaDate } from '../domain/dates';
import { listChases, listCompletions, listExtensions, listHistory, listProgress } from '../db/history-repository';
import { type ItemFilter, countItems, findItem, findItemByNumber, listItems } from '../db/item-repository';
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

/** 红黄绿灯 as a list filter: only open items have a light. */
export type ListLight = 'red' | 'yellow' | 'green';

/** What `/督办 列表` narrows a scope by (every one given must hold). Units are ids. */
export interface ListFilters {
  /** In one of these states (any state: closed ones too, unless the scope is 逾期 or 待审核). */
  states?: ItemState[];
  /** Lead or cooperating unit among these. */
  unitIds?: string[];
  /** One of these lights, as the cards draw them. */
  lights?: ListLight[];
  /** The year of the number, 督办〔2026〕…. */
  year?: number;
  /** Words the title contains. */
  keyword?: string;
  /** 已办结: only closed and archived items; 含已办结: those as well as the scope's open ones. */
  closed?: 'only' | 'include';
  /** 归档: only items filed under this year / this source category. */
  archiveYear?: number;
  archiveCategory?: SourceCategory;
}

export interface ListQuery {
  scope: ListScope;
  filters: ListFilters;
}

/** One page of a list, counted and cut in SQL over the rows the person may see (and, in a group, may be shown). */
export interface ListPage {
  items: Item[];
  /** How many items the list holds, on every page. */
  total: number;
  /** Items left out because the list is shown in a group chat (confidential ones, and those naming one). */
  hidden: number;
  /** The page shown (1-based, at most `pages`: a page beyond the end shows the last one). */
  page: number;
  /** At least 1. */
  pages: number;
}

const DONE_STATES: readonly ItemState[] = ['closed', 'archived'];
const REVIEW_STATES: readonly ItemState[] = ['under_review', 'in_progress'];

/**
 * The deadline ranges of the lights on `today`, as `deadlineStatus` draws them: red after the deadline; yellow from
 * the deadline day back to `yellowWithin` working days before it; green before that.
 */
export function lightRanges(ctx: Pick<ServiceContext, 'calendar'>, now: Date, yellowWithin = 3): Record<ListLight, { from?: string; before?: string }> {
  const today = chinaDate(now);
  const greenFrom = ctx.calendar.addWorkdays(today, yellowWithin + 1);
  return { red: { before: today }, yellow: { from: today, before: greenFrom }, green: { from: greenFrom } };
}

/**
 * The SQL filter behind a list for one person (visibility included), and its order; null when the scope holds
 * nothing for them (本单位 for someone without a unit).
 */
export function listFilter(ctx: ServiceContext, actor: Actor, q: ListQuery, now: Date, yellowWithin = 3): ItemFilter | null {
  const f = q.filters;
  const units = unitsOf(actor);
  if (q.scope === 'unit' && !units.length) return null;
  const base: readonly ItemState[] = q.scope === 'all' ? ItemStates : q.scope === 'review' ? REVIEW_STATES : OPEN_STATES;
  let states: readonly ItemState[] = f.states?.length
    ? f.states
    : f.closed === 'only'
      ? DONE_STATES
      : f.closed === 'include'
        ? [...new Set([...base, ...DONE_STATES])]
        : base;
  // 归档:/类别: look in the archive only (the parser refused any other state with them).
  if (f.archiveYear !== undefined || f.archiveCategory) states = ['archived'];
  // 待审核 and 逾期 are about open items, and only open items have a light.
  if (q.scope === 'review') states = states.filter((s) => REVIEW_STATES.includes(s));
  if (q.scope === 'overdue' || f.lights?.length) states = states.filter((s) => OPEN_STATES.includes(s));
  const chosen = ItemStates.filter((s) => states.includes(s));
  // Every state is no condition: 全部 then reads the newest rows by id and stops at the page.
  const filter: ItemFilter = { visibleTo: actor, ...(chosen.length < ItemStates.length ? { states: chosen } : {}) };
  if (q.scope === 'unit') filter.scopeUnitIds = units;
  if (q.scope === 'mine') filter.involving = actor;
  if (q.scope === 'review') filter.awaitingDecisionOf = actor;
  if (q.scope === 'overdue') filter.deadlineBefore = chinaDate(now);
  if (f.lights?.length) {
    const ranges = lightRanges(ctx, now, yellowWithin);
    filter.deadlineIn = f.lights.map((l) => ranges[l]);
  }
  if (f.unitIds?.length) filter.unitIds = f.unitIds;
  if (f.year !== undefined) filter.year = f.year;
  if (f.archiveYear !== undefined) filter.archiveYear = f.archiveYear;
  if (f.archiveCategory) filter.archiveCategory = f.archiveCategory;
  if (f.keyword) filter.titleContains = f.keyword;
  // 全部 and the closed ones read newest first; the others by deadline, open items first when closed ones are in.
  filter.newestFirst = q.scope === 'all' || chosen.every((s) => !OPEN_STATES.includes(s));
  filter.openFirst = !filter.newestFirst && chosen.some((s) => !OPEN_STATES.includes(s));
  return filter;
}

/**
 * One page of `/督办 列表` for a person, as it is now: counted and cut in SQL over the rows the SQL visibility lets
 * them see, each row checked again with `canView`. `inGroup`: the list is shown in a group chat, so confidential
 * items (and items whose number or title contains a confidential one's) are left out and counted as hidden.
 */
export function listPageForActor(
  ctx: ServiceContext,
  actorId: string,
  q: ListQuery,
  now: Date,
  o: { page: number; pageSize: number; inGroup?: boolean; yellowWithin?: number },
): ListPage {
  const actor = loadActor(ctx.db, actorId);
  const filter = listFilter(ctx, actor, q, now, o.yellowWithin);
  if (!filter) return { items: [], total: 0, hidden: 0, page: 1, pages: 1 };
  const shown: ItemFilter = o.inGroup ? { ...filter, shareable: true } : filter;
  const total = countItems(ctx.db, shown);
  const hidden = o.inGroup ? countItems(ctx.db, filter) - total : 0;
  const pages = Math.max(1, Math.ceil(total / o.pageSize));
  const page = Math.min(Math.max(1, Math.floor(o.page)), pages);
  const rows = listItems(ctx.db, { ...shown, limit: o.pageSize, offset: (page - 1) * o.pageSize });
  return { items: rows.filter((i) => canView(actor, i)), total, hidden, page, pages };
}

/** The lists behind `/督办 列表` without filters (at most 500 rows), each already cut down to what the person may see. */
export function listForActor(ctx: ServiceContext, actorId: string, scope: ListScope, now: Date): Item[] {
  const actor = loadActor(ctx.db, actorId);
  const filter = listFilter(ctx, actor, { scope, filters: {} }, now);
  return filter ? listItems(ctx.db, filter).filter((i) => canView(actor, i)) : [];
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

/**
 * What the detail card shows (cards/item-cards.ts itemDetailCard): the item, its history, progress, 催办 records
 * (automatic and by hand, who was chased, whether the unit answered) and evidence. Commands that only act on the
 * item read it with getVisibleItem instead.
 */
export function getItemCardDetail(ctx: ServiceContext, actorId: string, ref: number | string) {
  return cardDetailOf(ctx, getVisibleItem(ctx, actorId, ref));
}

/** What the detail card shows of an item already found visible to the person it is for (getVisibleItem). */
export function cardDetailOf(ctx: ServiceContext, item: Item) {
  return {
    item,
    history: listHistory(ctx.db, item.id),
    progress: listProgress(ctx.db, item.id),
    chases: listChases(ctx.db, item.id),
    evidence: filesOfItem(ctx.db, item.id, 'evidence'),
  };
}

/** Everything known about an item, for the web console's page: the card's detail plus extensions and completion submissions. */
export function getItemDetail(ctx: ServiceContext, actorId: string, ref: number | string) {
  const d = getItemCardDetail(ctx, actorId, ref);
  return { ...d, extensions: listExtensions(ctx.db, d.item.id), completions: listCompletions(ctx.db, d.item.id) };
}
