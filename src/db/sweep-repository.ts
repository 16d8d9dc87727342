import type { ChaseKind } from '../domain/chase-ladder';
import type { ItemState, ProgressCycle } from '../domain/item';
import type { DbOrTx } from './client';
import { statement } from './prepared';

/**
 * The daily chase sweep's reads and writes (scheduler/chase-sweep.ts), each statement prepared once per connection.
 * The sweep reads every open item and writes a working day's reminders at once (at 100,000 items, 30,000 chase
 * rows), so these are shaped for that: rows as arrays, items read by ranges of ids, chase rows many per statement.
 */

/** One open item as the ladder reads it, as an array: the ladder's fields, then who hears of it. */
export type SweepRow = [
  id: number,
  state: ItemState,
  deadline: string,
  flagged: number,
  assignedAt: string | null,
  claimedAt: string | null,
  progressCycle: ProgressCycle,
  leadUnitId: string,
  leaderId: string,
  lastProgressAt: string | null,
];

/**
 * Which open items the ladder can give a step today (domain/chase-ladder.ts), over the scan's columns; the parameter
 * is the sweep's deadline horizon (the first deadline with no deadline step today). An unclaimed item may be due its
 * 认领提醒, an item claimed on a report cycle its 进展报送 steps, and any item whose deadline is near or past its
 * deadline steps. Everything else (claimed, no cycle, deadline far off: about half of a ledger) has nothing due,
 * so SQLite leaves it out and its row is never built. tests/scheduler/sweep-prefilter.test.ts checks this against
 * the ladder itself, day by day.
 */
const MAY_BE_DUE = `(state = 'assigned' OR (progress_cycle != 'none' AND claimed_at IS NOT NULL) OR deadline < ?)`;

// `+state` keeps SQLite on the primary key (id order, a range per call) instead of the state index. The latest
// report is a column of the item (kept by triggers, migration 0018): looking it up in progress_reports for each of
// the ~45,000 items on a cycle was a fifth of the reading. Rows come as arrays (`raw`): building an object per row
// took a third of the reading time.
const SCAN = `
  SELECT id, state, deadline, flagged, assigned_at, claimed_at, progress_cycle, lead_unit_id, leader_id, last_progress_at
  FROM items WHERE id > ? AND id <= ? AND +state IN ('assigned', 'in_progress') AND ${MAY_BE_DUE}`;

/** The open items with ids in (after, upTo] that may have a step due with deadlines before `horizon`, in id order. */
export function sweepRows(db: DbOrTx, after: number, upTo: number, horizon: string): SweepRow[] {
  return statement(db, SCAN).raw().all(after, upTo, horizon) as SweepRow[];
}

/** The largest item id (0 for none): where the sweep's ranges end. */
export function lastItemId(db: DbOrTx): number {
  return statement(db, 'SELECT coalesce(max(id), 0) FROM items').pluck().get() as number;
}

/** Open items (assigned or in progress), counted from the state index. */
export function countOpenItems(db: DbOrTx): number {
  return statement(db, "SELECT count(*) FROM items WHERE state IN ('assigned', 'in_progress')").pluck().get() as number;
}

/** Items with an extension request waiting for a decision (the ladder pauses for them). */
export function itemsWithPendingExtension(db: DbOrTx): Set<number> {
  return new Set(statement(db, "SELECT item_id FROM extensions WHERE status = 'pending'").pluck().all() as number[]);
}

/** (step key, recipient) of every chase already recorded under one of `keysJson` (a JSON array of step keys). */
export function recordedChases(db: DbOrTx, keysJson: string): Array<[stepKey: string, recipient: string]> {
  return statement(db, 'SELECT step_key, recipient FROM chases WHERE step_key IN (SELECT value FROM json_each(?))').raw().all(keysJson) as Array<
    [string, string]
  >;
}

/** Chase rows per INSERT statement (6 parameters each; SQLite allows 32,766). */
export const CHASE_ROWS_PER_INSERT = 100;
const insertChasesSql = (n: number) =>
  `INSERT INTO chases (item_id, kind, step_key, recipient, automatic, at, outbox_id) VALUES ${Array(n).fill('(?, ?, ?, ?, 1, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`;
const INSERT_ONE = insertChasesSql(1);
const INSERT_MANY = insertChasesSql(CHASE_ROWS_PER_INSERT);

/**
 * Writes 1 or CHASE_ROWS_PER_INSERT automatic chase rows in one statement: `params` holds (item id, kind, step key,
 * recipient, at, outbox id) for each, one after another. Returns the kind of each row written. One call into SQLite
 * for a hundred rows took a quarter less time than a statement per row. A row the unique (step_key, recipient)
 * index refuses is not written; the rows are then read back (the ids above the largest before), so the count is
 * always what the table holds.
 */
export function insertAutomaticChases(db: DbOrTx, n: 1 | typeof CHASE_ROWS_PER_INSERT, params: unknown[], kinds: ChaseKind[]): ChaseKind[] {
  const before = statement(db, 'SELECT coalesce(max(id), 0) FROM chases').pluck().get() as number;
  if (statement(db, n === 1 ? INSERT_ONE : INSERT_MANY).run(params).changes === n) return kinds;
  return statement(db, 'SELECT kind FROM chases WHERE id > ?').pluck().all(before) as ChaseKind[];
}
