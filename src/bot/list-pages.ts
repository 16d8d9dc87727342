/**
 * `/督办 列表` a page at a time, with filters, and the 首页 / 上一页 / 下一页 / 末页 buttons of the list card.
 *
 * A button carries only `{a, id, v}` and the server never trusts what a card says, so a page button cannot carry
 * the filter. What was asked (who asked, where, the scope and the filters, units resolved to ids) is kept with the
 * list card's own outbox row, the record of the message that showed page 1: in its `dedupe_key`, as
 * `list:<row id> <JSON>` (unique because it starts with the row's id; no other message is keyed `list:`). The page
 * buttons carry `{a: 'list_page', id: 0, v: <row id> × PAGE_SPAN + <page>}`: `id` stays 0 because the card-action
 * handler reads a non-zero `id` as an item the operator must be able to see. Nothing is written when the list has
 * one page (no buttons), and a click writes nothing at all.
 *
 * On a click the operator must be the person who asked (anyone else, or a value that names no list, is refused
 * with the same words, naming nothing); the page is computed again for them as things are now, through the same
 * SQL visibility and `canView`, and, for a list asked in a group chat, without confidential items (counted as
 * hidden). The answer card replaces the list card in place, through the card-answer placement of
 * handle-card-action.ts, which sends anything naming a confidential item privately instead.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type ButtonValue, type Card, type CardContext, listCard } from '../cards/cards';
import { isStranger } from '../domain/actor';
import { LIGHT_LABELS } from '../domain/deadline';
import { type ItemState, ItemStates, SOURCE_LABELS, STATE_LABELS, SourceCategories } from '../domain/item';
import type { DbOrTx } from '../db/client';
import { loadActor } from '../db/org-repository';
import { outbox } from '../db/schema';
import { type ListFilters, type ListPage, type ListQuery, ListScopes, SCOPE_LABELS, listPageForActor } from '../services/item-queries';
import { cardContext } from './card-context';
import { type Conversation, answer } from './conversation';
import type { BotDeps } from './deps';
import type { ListFilterText, ParsedCommand } from './parse-command';
import { resolveUnit } from './resolve';

/** Rows per page: a list reads on a phone and stays far under Feishu's 30 KB. */
export const LIST_PAGE_SIZE = 15;
/** v = query × PAGE_SPAN + page; a list longer than this many pages shows its last page for the pages beyond. */
export const PAGE_SPAN = 10_000;
/** The purpose of a list card's outbox row. */
export const LIST_PURPOSE = 'list';
/** The answer to a page button that is not the clicker's list (or names none). */
export const NOT_YOUR_LIST = '此列表不是您查询的，或已失效。请发送“/督办 列表”重新查询。';

/** What a list card's row keeps: who asked, whether in a group chat, and the query. */
export interface SavedListQuery extends ListQuery {
  by: string;
  group: boolean;
}

const savedSchema = z.strictObject({
  by: z.string().min(1),
  group: z.boolean(),
  scope: z.enum(ListScopes),
  filters: z.strictObject({
    states: z.array(z.enum(ItemStates)).optional(),
    unitIds: z.array(z.string()).optional(),
    lights: z.array(z.enum(['red', 'yellow', 'green'])).optional(),
    year: z.number().int().optional(),
    keyword: z.string().optional(),
    closed: z.enum(['only', 'include']).optional(),
    archiveYear: z.number().int().optional(),
    archiveCategory: z.enum(SourceCategories).optional(),
  }),
});

const keyPrefix = (rowId: number) => `list:${rowId} `;

/** The value of the button that shows page `page` of the list kept with outbox row `queryId`. */
export const pageButton = (queryId: number, page: number): ButtonValue => ({
  a: 'list_page',
  id: 0,
  v: queryId * PAGE_SPAN + Math.min(Math.max(1, page), PAGE_SPAN - 1),
});

/** The conditions in words, for the line above the rows. */
export function filterText(f: ListFilters, c: Pick<CardContext, 'unitName'>): string {
  const parts: string[] = [];
  if (f.lights?.length) parts.push(f.lights.map((l) => LIGHT_LABELS[l]).join('、'));
  if (f.states?.length) parts.push(`状态 ${f.states.map((s: ItemState) => STATE_LABELS[s]).join('、')}`);
  if (f.unitIds?.length) parts.push(`单位 ${f.unitIds.map((u) => c.unitName(u)).join('、')}`);
  if (f.year !== undefined) parts.push(`${f.year}年`);
  if (f.keyword) parts.push(`关键词“${f.keyword}”`);
  if (f.closed) parts.push(f.closed === 'only' ? '只看已办结' : '含已办结');
  if (f.archiveYear !== undefined) parts.push(`${f.archiveYear}年归档`);
  if (f.archiveCategory) parts.push(`类别 ${SOURCE_LABELS[f.archiveCategory]}`);
  return parts.join(' · ');
}

/** The card of one page; its buttons page the list kept with row `queryId` (0 before the row exists). */
function pageCard(q: ListQuery, page: ListPage, c: CardContext, queryId: number): Card {
  return listCard(`督办事项 · ${SCOPE_LABELS[q.scope]}`, page.items, c, page.hidden, {
    page: page.page,
    pages: page.pages,
    total: page.total,
    filter: filterText(q.filters, c),
    button: (n) => pageButton(queryId, n),
  });
}

/** The filters as the query keeps them: units resolved to ids (an unknown unit is refused, naming it). */
export function resolveListFilters(db: DbOrTx, t: ListFilterText): ListFilters {
  const f: ListFilters = {};
  if (t.states?.length) f.states = [...t.states];
  if (t.units?.length) f.unitIds = [...new Set(t.units.map((u) => resolveUnit(db, u).id))];
  if (t.lights?.length) f.lights = [...t.lights];
  if (t.year !== undefined) f.year = t.year;
  if (t.keyword) f.keyword = t.keyword;
  if (t.closed) f.closed = t.closed;
  if (t.archiveYear !== undefined) f.archiveYear = t.archiveYear;
  if (t.archiveCategory) f.archiveCategory = t.archiveCategory;
  return f;
}

const lastOutboxId = (db: DbOrTx) => db.get<{ id: number }>(sql`SELECT coalesce(max(id), 0) AS id FROM outbox`).id;

/**
 * `/督办 列表 …`: page 1, through `answer` (which keeps confidential items out of groups). A list asked in a group
 * leaves out, in SQL, the confidential items and those whose number or title contains a confidential one's
 * (校园安全隐患排查 when 校园安全 is secret), and says how many: otherwise one such row would send the whole list
 * away from the group. When there are more pages the query is kept with the card's outbox row and the card's page
 * buttons are given that row's id.
 */
export function answerList(deps: BotDeps, conv: Conversation, p: Extract<ParsedCommand, { kind: 'list' }>, now: Date): void {
  const db = deps.ctx.db;
  const query: ListQuery = { scope: p.scope, filters: resolveListFilters(db, p.filters) };
  const c = cardContext(db, deps.ctx.calendar, now);
  const page = listPageForActor(deps.ctx, conv.sender, query, now, { page: 1, pageSize: LIST_PAGE_SIZE, inGroup: conv.inGroup });
  const before = lastOutboxId(db);
  const first = pageCard(query, page, c, 0);
  answer(db, conv, first, now, null, LIST_PURPOSE);
  if (page.pages <= 1) return;
  // The card as answered (private, in the group, or privately instead of the group), unless `answer` replaced it.
  const row = db
    .select({ id: outbox.id, content: outbox.content })
    .from(outbox)
    .where(and(gt(outbox.id, before), eq(outbox.purpose, LIST_PURPOSE)))
    .get();
  if (!row || row.content !== JSON.stringify(first)) return;
  const saved: SavedListQuery = { by: conv.sender, group: conv.inGroup, ...query };
  db.update(outbox)
    .set({ content: JSON.stringify(pageCard(query, page, c, row.id)), dedupeKey: keyPrefix(row.id) + JSON.stringify(saved) })
    .where(eq(outbox.id, row.id))
    .run();
}

/** The query kept with list card row `id`, or null when that row is not a list card with one. */
export function loadListQuery(db: DbOrTx, id: number): SavedListQuery | null {
  const row = db.select({ purpose: outbox.purpose, key: outbox.dedupeKey }).from(outbox).where(eq(outbox.id, id)).get();
  if (!row || row.purpose !== LIST_PURPOSE || !row.key?.startsWith(keyPrefix(id))) return null;
  try {
    const parsed = savedSchema.safeParse(JSON.parse(row.key.slice(keyPrefix(id).length)));
    return parsed.success ? (parsed.data as SavedListQuery) : null;
  } catch {
    return null;
  }
}

type PageAnswer = { toast?: { type: 'success' | 'error' | 'info' | 'warning'; content: string }; card?: { type: 'raw'; data: Card } };

/**
 * A page button (`list_page`): the page `v` names, of the list `v` names, computed again now for the person who
 * asked it, who must be the one clicking. The answer card replaces the list card.
 */
export function listPage(deps: BotDeps, operator: string, v: number, now: Date): PageAnswer {
  const db = deps.ctx.db;
  const queryId = Math.floor(v / PAGE_SPAN);
  const wanted = v % PAGE_SPAN;
  const saved = queryId > 0 && wanted > 0 ? loadListQuery(db, queryId) : null;
  if (!saved || saved.by !== operator || isStranger(loadActor(db, operator))) return { toast: { type: 'error', content: NOT_YOUR_LIST } };
  const c = cardContext(db, deps.ctx.calendar, now);
  const page = listPageForActor(deps.ctx, operator, saved, now, { page: wanted, pageSize: LIST_PAGE_SIZE, inGroup: saved.group });
  const card = { type: 'raw' as const, data: pageCard(saved, page, c, queryId) };
  // Items closed or added since the card was drawn can move the end: say so rather than show another page silently.
  if (page.page !== wanted) return { card, toast: { type: 'info', content: `列表已有变化，现共 ${page.pages} 页，显示第 ${page.page} 页` } };
  return { card };
}
