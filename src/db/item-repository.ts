import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { type Actor, hasRole, unitsOf } from '../domain/actor';
import type { ConfidentialMarks } from '../domain/disclosure';
import { DubanError, ErrorCode } from '../domain/errors';
import type { Item, ItemState, Kind, Mode, PendingExtension, ProgressCycle, ReviewStage } from '../domain/item';
import { formatItemNumber } from '../domain/item-number';
import type { NewItem } from '../domain/registration';
import type { DbOrTx } from './client';
import { type ConfidentialRow, confidentialSnapshot } from './confidential-cache';
import { statement } from './prepared';
import { rowReader } from './row-reader';
import { extensions, itemUnits, items, numberSequences } from './schema';

type Row = typeof items.$inferSelect;

function toItem(row: Row, pending: PendingExtension | null): Item {
  // last_progress_at is the sweep's copy of the latest report (kept by triggers), not part of the item: an Item held
  // across a report would carry a stale one.
  const { lastProgressAt: _sweepOnly, ...fields } = row;
  return {
    ...fields,
    kind: row.kind as Kind,
    mode: row.mode as Mode,
    progressCycle: row.progressCycle as ProgressCycle,
    state: row.state as ItemState,
    reviewStage: row.reviewStage as ReviewStage | null,
    pendingExtension: pending,
  };
}

function pendingFor(db: DbOrTx, itemIds: number[]): Map<number, PendingExtension> {
  const map = new Map<number, PendingExtension>();
  if (itemIds.length === 0) return map;
  // A list, built for its ids (one item is read by pendingOf).
  const rows = db
    .select()
    .from(extensions)
    .where(and(inArray(extensions.itemId, itemIds), eq(extensions.status, 'pending')))
    .all();
  for (const r of rows) {
    map.set(r.itemId, { id: r.id, requestedBy: r.requestedBy, reason: r.reason, proposedDeadline: r.proposedDeadline });
  }
  return map;
}

export function hydrate(db: DbOrTx, rows: Row[]): Item[] {
  // A list of one: its pending extension looked up directly, without the map.
  if (rows.length === 1) return [toItem(rows[0]!, pendingOf(db, rows[0]!.id))];
  const pending = pendingFor(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toItem(r, pending.get(r.id) ?? null));
}

/** An item's pending extension request (there is at most one; were there more, the newest, as the list reads them). */
function pendingOf(db: DbOrTx, itemId: number): PendingExtension | null {
  const r = statement(db, "SELECT id, requested_by, reason, proposed_deadline FROM extensions WHERE item_id = ? AND status = 'pending' ORDER BY id DESC LIMIT 1").get(itemId) as
    | { id: number; requested_by: string; reason: string; proposed_deadline: string }
    | undefined;
  return r ? { id: r.id, requestedBy: r.requested_by, reason: r.reason, proposedDeadline: r.proposed_deadline } : null;
}

/**
 * The confidential items, as a message could name them (numbers and titles). Held in memory until one changes
 * (db/confidential-cache.ts): every answer is checked against them. Shared: read, never change.
 */
export function confidentialMarks(db: DbOrTx): ConfidentialMarks {
  return confidentialSnapshot(db).marks;
}

/** The confidential items with what decides who may see them (for hiddenFrom, on every answer). */
export function confidentialItems(db: DbOrTx): readonly ConfidentialRow[] {
  return confidentialSnapshot(db).rows;
}

/**
 * One item with its pending extension, in one statement (every request reads one): the item's columns as the
 * schema decodes them, then the newest pending request's, NULL when there is none.
 */
const ITEM = rowReader(items, ['lastProgressAt']);
const ONE_ITEM = `SELECT ${ITEM.columns}, pe.id, pe.requested_by, pe.reason, pe.proposed_deadline FROM items
  LEFT JOIN extensions pe ON pe.id = (SELECT id FROM extensions WHERE item_id = items.id AND status = 'pending' ORDER BY id DESC LIMIT 1)`;

function itemOf(raw: unknown[] | undefined): Item | null {
  if (!raw) return null;
  const w = ITEM.width;
  const pending: PendingExtension | null =
    raw[w] === null ? null : { id: raw[w] as number, requestedBy: raw[w + 1] as string, reason: raw[w + 2] as string, proposedDeadline: raw[w + 3] as string };
  return Object.assign(ITEM.read(raw), { pendingExtension: pending }) as Item;
}

export function findItem(db: DbOrTx, id: number): Item | null {
  return itemOf(statement(db, `${ONE_ITEM} WHERE items.id = ?`).raw().get(id) as unknown[] | undefined);
}

export function findItemByNumber(db: DbOrTx, year: number, seq: number): Item | null {
  // Through the id: the same join under `WHERE year = ? AND seq = ?` ran four times slower (SQLite 3.53, 20,000 items).
  return itemOf(statement(db, `${ONE_ITEM} WHERE items.id = (SELECT id FROM items WHERE year = ? AND seq = ?)`).raw().get(year, seq) as unknown[] | undefined);
}

/**
 * Inserts an item under the next number of its year. Must run inside a transaction: the sequence bump and the
 * insert stand or fall together, so a number is handed out once and never reused.
 */
export function insertItem(tx: DbOrTx, data: NewItem, year: number): Item {
  const seqRow = tx
    .insert(numberSequences)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: numberSequences.year, set: { last: sql`${numberSequences.last} + 1` } })
    .returning()
    .get();
  const seq = seqRow.last;
  const row = tx
    .insert(items)
    .values({ ...data, year, seq, number: formatItemNumber(year, seq), version: 1 })
    .returning()
    .get();
  return toItem(row, null);
}

/**
 * Writes a decided change if nobody else changed the item since it was read (optimistic concurrency): the row's
 * version must still be the one the decision was made on. Returns the new version.
 */
export function updateItem(tx: DbOrTx, item: Item, patch: Partial<Item>, at: string): number {
  const { pendingExtension: _p, id: _i, number: _n, year: _y, seq: _s, version: _v, ...fields } = patch;
  const res = tx
    .update(items)
    .set({ ...fields, updatedAt: at, version: item.version + 1 })
    .where(and(eq(items.id, item.id), eq(items.version, item.version)))
    .run();
  if (res.changes !== 1) {
    throw new DubanError(ErrorCode.Conflict, `${item.number} 刚刚已被他人更新，请刷新后重试`);
  }
  return item.version + 1;
}

export interface ItemFilter {
  states?: ItemState[];
  /** Lead or cooperating unit among these. */
  unitIds?: string[];
  /** And lead or cooperating unit among these too (本单位 with a unit filter: both must hold). */
  scopeUnitIds?: string[];
  leaderId?: string;
  deadlineBefore?: string;
  /**
   * The deadline in one of these half-open ranges (`from` ≤ deadline < `before`, either end open): the lights are
   * such ranges (services/item-queries.ts). An empty list matches nothing.
   */
  deadlineIn?: Array<{ from?: string; before?: string }>;
  /** The year of the number (督办〔2026〕…). */
  year?: number;
  /** 归档: filed under this year / this source category. */
  archiveYear?: number;
  archiveCategory?: string;
  /** The title contains this text (ASCII letters in any case). */
  titleContains?: string;
  /** 我的: items the person leads, registered, answers for with a unit, or must sign off as a principal. */
  involving?: Actor;
  /** 待审核: items awaiting the person's decision (an office sees every completion under review). */
  awaitingDecisionOf?: Actor;
  /** Cut down to what one person may see, in SQL, so a limit counts only visible rows. */
  visibleTo?: Actor;
  /**
   * Only what a group chat may be shown: no confidential item, nor one whose number or title contains a
   * confidential one's number or title (the SQL twin of `namesConfidential` over `confidentialMarks`).
   */
  shareable?: boolean;
  newestFirst?: boolean;
  /** Open items before the others (a list that includes closed ones), then the order asked for. */
  openFirst?: boolean;
  limit?: number;
  offset?: number;
}

const OPEN_SQL = sql.raw(`('registered', 'assigned', 'in_progress', 'under_review')`);

/**
 * Lead or cooperating unit among `unitIds` (a JSON array bound as one parameter), through item_units' index: the
 * items of those units are looked up, not every item's coop_unit_ids read (schema-items.ts, migration 0017).
 */
export function involvesUnits(unitIds: readonly string[]) {
  return sql`${items.id} IN (SELECT ${itemUnits.itemId} FROM ${itemUnits} WHERE ${itemUnits.unitId} IN (SELECT value FROM json_each(${JSON.stringify(unitIds)})))`;
}

/** SQL twin of `canView`: the same rule, so lists page over visible rows only (`canView` still checks each). */
function visibility(actor: Actor) {
  if (hasRole(actor, 'supervisor') || hasRole(actor, 'principal')) return undefined;
  const involved = sql`(${items.leaderId} = ${actor.id} OR ${involvesUnits(unitsOf(actor))})`;
  const broad = hasRole(actor, 'leader') || hasRole(actor, 'admin') || hasRole(actor, 'observer');
  return broad ? sql`(${items.confidential} = 0 OR ${involved})` : involved;
}

/**
 * SQL twin of `awaitsDecisionBy` (services/item-queries.ts): under review at the leader stage for the leader in
 * charge, at the principal stage for a principal; a pending extension for the leader in charge. `leader_id = ?`
 * stands alone in a top-level term so that items_leader finds the leader's items: nested inside each branch of the
 * OR it was not used, and a leader's 待审核 read every open item (105 ms at 20,000, scripts/bench-lists.ts).
 */
function awaitsDecision(actor: Actor) {
  const asLeader = sql`(${items.leaderId} = ${actor.id} AND ((${items.state} = 'under_review' AND coalesce(${items.reviewStage}, '') != 'principal')
    OR (${items.state} != 'under_review' AND EXISTS (SELECT 1 FROM extensions e WHERE e.item_id = ${items.id} AND e.status = 'pending'))))`;
  return hasRole(actor, 'principal') ? sql`((${items.state} = 'under_review' AND ${items.reviewStage} = 'principal') OR ${asLeader})` : asLeader;
}

/** The text `namesConfidential` reads of an item (number, line break, title) contains no confidential number or title. */
const SHAREABLE = sql`(${items.confidential} = 0 AND NOT EXISTS (SELECT 1 FROM items s WHERE s.confidential = 1 AND (
    (length(s.number) > 0 AND instr(${items.number} || char(10) || ${items.title}, s.number) > 0)
    OR (length(s.title) > 0 AND instr(${items.number} || char(10) || ${items.title}, s.title) > 0))))`;

function conditions(f: ItemFilter) {
  const conds = [];
  if (f.states) conds.push(f.states.length ? inArray(items.state, f.states) : sql`0`);
  if (f.leaderId) conds.push(eq(items.leaderId, f.leaderId));
  if (f.deadlineBefore) conds.push(sql`${items.deadline} < ${f.deadlineBefore}`);
  if (f.deadlineIn) {
    const ranges = f.deadlineIn.map((r) => {
      const parts = [];
      if (r.from) parts.push(sql`${items.deadline} >= ${r.from}`);
      if (r.before) parts.push(sql`${items.deadline} < ${r.before}`);
      return parts.length ? and(...parts)! : sql`1`;
    });
    conds.push(ranges.length ? sql`(${or(...ranges)})` : sql`0`);
  }
  if (f.year !== undefined) conds.push(eq(items.year, f.year));
  if (f.archiveYear !== undefined) conds.push(eq(items.archiveYear, f.archiveYear));
  if (f.archiveCategory !== undefined) conds.push(eq(items.archiveCategory, f.archiveCategory));
  if (f.titleContains) conds.push(sql`instr(lower(${items.title}), lower(${f.titleContains})) > 0`);
  if (f.visibleTo) {
    const v = visibility(f.visibleTo);
    if (v) conds.push(v);
  }
  if (f.involving) {
    const a = f.involving;
    const principalStage = hasRole(a, 'principal') ? sql` OR (${items.state} = 'under_review' AND ${items.reviewStage} = 'principal')` : sql``;
    conds.push(sql`(${items.leaderId} = ${a.id} OR ${items.createdBy} = ${a.id} OR ${involvesUnits(unitsOf(a))}${principalStage})`);
  }
  if (f.awaitingDecisionOf) {
    const a = f.awaitingDecisionOf;
    conds.push(hasRole(a, 'supervisor') ? sql`(${items.state} = 'under_review' OR ${awaitsDecision(a)})` : awaitsDecision(a));
  }
  if (f.unitIds?.length) conds.push(involvesUnits(f.unitIds));
  if (f.scopeUnitIds) conds.push(f.scopeUnitIds.length ? involvesUnits(f.scopeUnitIds) : sql`0`);
  if (f.shareable) conds.push(SHAREABLE);
  return conds.length ? and(...conds) : undefined;
}

/**
 * Lists items, soonest deadline first (or newest first); unit filter matches lead or cooperating units. With
 * `visibleTo` the rows are those the person may see; callers still check each with `canView`.
 */
export function listItems(db: DbOrTx, f: ItemFilter = {}): Item[] {
  const order = [
    ...(f.openFirst ? [sql`CASE WHEN ${items.state} IN ${OPEN_SQL} THEN 0 ELSE 1 END`] : []),
    ...(f.newestFirst ? [desc(items.id)] : [asc(items.deadline), desc(items.id)]),
  ];
  const rows = db
    .select()
    .from(items)
    .where(conditions(f))
    .orderBy(...order)
    .limit(f.limit ?? 500)
    .offset(f.offset ?? 0)
    .all();
  return hydrate(db, rows);
}

/** How many items `listItems` would find with this filter and no limit. */
export function countItems(db: DbOrTx, f: ItemFilter = {}): number {
  return db.select({ n: sql<number>`count(*)` }).from(items).where(conditions(f)).get()?.n ?? 0;
}
