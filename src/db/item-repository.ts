import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Actor, hasRole, unitsOf } from '../domain/actor';
import type { ConfidentialMarks } from '../domain/disclosure';
import { DubanError, ErrorCode } from '../domain/errors';
import type { Item, ItemState, Kind, Mode, PendingExtension, ProgressCycle, ReviewStage } from '../domain/item';
import { formatItemNumber } from '../domain/item-number';
import type { NewItem } from '../domain/registration';
import type { DbOrTx } from './client';
import { extensions, items, numberSequences } from './schema';

type Row = typeof items.$inferSelect;

function toItem(row: Row, pending: PendingExtension | null): Item {
  return {
    ...row,
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
  const pending = pendingFor(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toItem(r, pending.get(r.id) ?? null));
}

/**
 * The confidential items, as a group-bound message could name them. Read whenever a message to a group is written:
 * there are few such messages and few confidential items.
 */
export function confidentialMarks(db: DbOrTx): ConfidentialMarks {
  const rows = db.select({ id: items.id, number: items.number, title: items.title }).from(items).where(eq(items.confidential, true)).all();
  return { ids: new Set(rows.map((r) => r.id)), words: rows.flatMap((r) => [r.number, r.title]) };
}

export function findItem(db: DbOrTx, id: number): Item | null {
  const row = db.select().from(items).where(eq(items.id, id)).get();
  return row ? hydrate(db, [row])[0]! : null;
}

export function findItemByNumber(db: DbOrTx, year: number, seq: number): Item | null {
  const row = db
    .select()
    .from(items)
    .where(and(eq(items.year, year), eq(items.seq, seq)))
    .get();
  return row ? hydrate(db, [row])[0]! : null;
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
  unitIds?: string[];
  leaderId?: string;
  deadlineBefore?: string;
  /** Cut down to what one person may see, in SQL, so a limit counts only visible rows. */
  visibleTo?: Actor;
  newestFirst?: boolean;
  limit?: number;
}

/** SQL twin of `canView`: the same rule, so lists page over visible rows only (`canView` still checks each). */
function visibility(actor: Actor) {
  if (hasRole(actor, 'supervisor') || hasRole(actor, 'principal')) return undefined;
  const ids = JSON.stringify(unitsOf(actor));
  const involved = sql`(${items.leaderId} = ${actor.id} OR ${items.leadUnitId} IN (SELECT value FROM json_each(${ids})) OR EXISTS (SELECT 1 FROM json_each(${items.coopUnitIds}) c WHERE c.value IN (SELECT value FROM json_each(${ids}))))`;
  const broad = hasRole(actor, 'leader') || hasRole(actor, 'admin') || hasRole(actor, 'observer');
  return broad ? sql`(${items.confidential} = 0 OR ${involved})` : involved;
}

/** Lists items, newest first; unit filter matches lead or cooperating units. Visibility is the caller's job. */
export function listItems(db: DbOrTx, f: ItemFilter = {}): Item[] {
  const conds = [];
  if (f.states?.length) conds.push(inArray(items.state, f.states));
  if (f.leaderId) conds.push(eq(items.leaderId, f.leaderId));
  if (f.deadlineBefore) conds.push(sql`${items.deadline} < ${f.deadlineBefore}`);
  if (f.visibleTo) {
    const v = visibility(f.visibleTo);
    if (v) conds.push(v);
  }
  if (f.unitIds?.length) {
    const ids = JSON.stringify(f.unitIds);
    conds.push(
      sql`(${items.leadUnitId} IN (SELECT value FROM json_each(${ids})) OR EXISTS (SELECT 1 FROM json_each(${items.coopUnitIds}) c WHERE c.value IN (SELECT value FROM json_each(${ids}))))`,
    );
  }
  const rows = db
    .select()
    .from(items)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(...(f.newestFirst ? [desc(items.id)] : [asc(items.deadline), desc(items.id)]))
    .limit(f.limit ?? 500)
    .all();
  return hydrate(db, rows);
}
