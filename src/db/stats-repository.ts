/**
 * What a statistics period needs, in two queries: the items that can count in it, and the history rows that can
 * change what they were at its end. Prepared once per connection.
 */
import type { StatsHistoryRow, StatsItem } from '../domain/statistics';
import type { Db } from './client';
import { statement } from './prepared';
import { statsHistoryCondition } from './stats-actions';

/**
 * Items that can count in a period starting at `startIso` and ending before `endIso`: sent at some time
 * (assigned_at is set by the 督办单 and never cleared), created before the end, not closed before the start, not
 * cancelled or merged before the start (such an item is not touched after, so updated_at is then the moment it ended).
 */
const ITEM_FILTER = `
  i.assigned_at IS NOT NULL
  AND i.created_at < @endIso
  AND (i.closed_at IS NULL OR i.closed_at >= @startIso)
  AND NOT (i.state IN ('merged', 'cancelled') AND i.updated_at < @startIso)`;

const FIGURE_COLUMNS = 'i.id, i.lead_unit_id, i.coop_unit_ids, i.deadline, i.original_deadline, i.assigned_at, i.submitted_at, i.closed_at';
/** The columns the figures need, then (for the drill-down) what names the item and decides who may see it. */
/**
 * Items are read 500 at a time: a page costs less than stepping a cursor row by row (194–198 ms against 226–234 ms
 * for a year of 100,000 under the server's heap flags) and still dies young; pages of 2,000 were slower again (a
 * burst of garbage for the 2 MB young generation).
 */
const PAGE = 500;
const ITEMS_SQL = `SELECT ${FIGURE_COLUMNS}, i.number, i.title, i.confidential, i.leader_id FROM items i WHERE i.id > @after AND ${ITEM_FILTER} ORDER BY i.id LIMIT ${PAGE}`;
const FIGURES_SQL = `SELECT ${FIGURE_COLUMNS} FROM items i WHERE i.id > @after AND ${ITEM_FILTER} ORDER BY i.id LIMIT ${PAGE}`;

// CROSS JOIN keeps items the outer loop: the period's items are found first and each one's rows come from the
// audit_stats index (only the rows the statistics read), so a two-month report does not read years of history.
const HISTORY_SQL = `
  SELECT a.item_id, a.action, a.at, a.changes
  FROM items i CROSS JOIN audit_log a INDEXED BY audit_stats ON a.item_id = i.id
  WHERE ${ITEM_FILTER} AND ${statsHistoryCondition('a.')}
  ORDER BY a.item_id, a.id`;

/**
 * The same rows for a long period (a year): most items count, so reading the whole index straight through (it holds
 * only the rows the statistics read, each item's in the order they happened, and every column they need) costs less
 * than looking each item up.
 */
const HISTORY_SCAN_SQL = `
  SELECT a.item_id, a.action, a.at, a.changes
  FROM audit_log a INDEXED BY audit_stats
  WHERE ${statsHistoryCondition('a.')}`;

type Statement = ReturnType<Db['$client']['prepare']>;
type Statements = { items: Statement; figures: Statement; history: Statement; historyScan: Statement };
const prepared = new WeakMap<object, Statements>();

function statements(db: Db): Statements {
  let s = prepared.get(db.$client);
  if (!s) {
    s = {
      items: db.$client.prepare(ITEMS_SQL).raw(true),
      figures: db.$client.prepare(FIGURES_SQL).raw(true),
      history: db.$client.prepare(HISTORY_SQL).raw(true),
      historyScan: db.$client.prepare(HISTORY_SCAN_SQL).raw(true),
    };
    prepared.set(db.$client, s);
  }
  return s;
}

/** Most items have no cooperating unit: they share one empty list (the statistics only read it). */
const NO_UNITS: string[] = [];
const parseList = (text: string): string[] => (text === '[]' ? NO_UNITS : (JSON.parse(text) as string[]));

/** Shared by every item without a relevant history row (most of them); replaced, never pushed to. */
const NO_HISTORY: StatsHistoryRow[] = [];

/**
 * The items that can count in the period, each with the history rows that matter, oldest first, one at a time from pages of 500 (a
 * year of items is never held at once: each becomes garbage as soon as it is counted). `texts: false` leaves out the
 * number, title and who may see it (the figures alone do not need them; the drill-down does). The history rows are
 * read first (better-sqlite3 runs one statement at a time per connection): a few per changed item.
 */
export function* loadStatsItems(
  db: Db,
  startIso: string,
  endIso: string,
  o: { texts?: boolean; longPeriod?: boolean } = {},
): Generator<StatsItem> {
  const s = statements(db);
  const texts = o.texts ?? true;
  const params = { startIso, endIso };
  const history = new Map<number, StatsHistoryRow[]>();
  for (const r of (o.longPeriod ? (s.historyScan as unknown as { all(): unknown[] }).all() : s.history.all(params)) as unknown[][]) {
    const id = r[0] as number;
    let rows = history.get(id);
    if (!rows) history.set(id, (rows = []));
    rows.push({ action: r[1] as string, at: r[2] as string, changes: JSON.parse(r[3] as string) as Record<string, unknown> });
  }
  // One object, refilled for each row: a year is 100,000 items, and a new object per item cost more in collection
  // (the server's young generation is 2 MB) than the counting itself. Consumers read an item within its own
  // iteration and keep what they need by value (computeStats, markUnseen), never the item.
  const item: StatsItem = {
    id: 0, leadUnitId: '', coopUnitIds: NO_UNITS, deadline: '', originalDeadline: '', assignedAt: null, submittedAt: null,
    closedAt: null, number: '', title: '', confidential: false, leaderId: '', history: NO_HISTORY,
  };
  const page = texts ? s.items : s.figures;
  const q = { ...params, after: 0 };
  for (;;) {
    const rows = page.all(q) as unknown[][];
    if (rows.length === 0) return;
    for (const r of rows) {
      const id = r[0] as number;
      item.id = id;
      item.leadUnitId = r[1] as string;
      item.coopUnitIds = parseList(r[2] as string);
      item.deadline = r[3] as string;
      item.originalDeadline = r[4] as string;
      item.assignedAt = r[5] as string | null;
      item.submittedAt = r[6] as string | null;
      item.closedAt = r[7] as string | null;
      if (texts) {
        item.number = r[8] as string;
        item.title = r[9] as string;
        item.confidential = r[10] === 1;
        item.leaderId = r[11] as string;
      }
      item.history = history.get(id) ?? NO_HISTORY;
      yield item;
    }
    q.after = rows[rows.length - 1]![0] as number;
  }
}

/**
 * Each unit's SQLite rowid: a small number that never changes for a unit (units are upserted, never deleted), so a
 * card's button can name a unit in its integer `v`.
 */
export function unitRowIds(db: Db): Map<string, number> {
  const rows = db.$client.prepare('SELECT id, rowid FROM units').raw(true).all() as Array<[string, number]>;
  return new Map(rows);
}

/** An Excel export someone asked for (audit row `stats_export`), not yet answered by `stats_export_sent`/`_failed`. */
export interface StatsExportRequest {
  id: number;
  actorId: string;
  at: string;
  from: string;
  to: string;
  unitId: string | null;
}

const PENDING_EXPORTS_SQL = `
  SELECT a.id, a.actor_id, a.at, a.changes FROM audit_log a
  WHERE a.item_id IS NULL AND a.id > ? AND a.action = 'stats_export'
    AND NOT EXISTS (SELECT 1 FROM audit_log b WHERE b.item_id IS NULL AND b.action IN ('stats_export_sent', 'stats_export_failed')
                    AND b.id > a.id AND json_extract(b.changes, '$.requestId') = a.id)
  ORDER BY a.id LIMIT ?`;

/**
 * The oldest unanswered export requests after `afterId` (audit_item indexes (item_id, id), so the rows after the last
 * request a writer answered are a range, not every export ever asked for).
 */
export function pendingStatsExports(db: Db, limit = 20, afterId = 0): StatsExportRequest[] {
  // Asked after every request (the writer's kick): prepared once per connection (prepared.ts).
  const rows = statement(db, PENDING_EXPORTS_SQL).raw(true).all(afterId, limit) as Array<[number, string, string, string]>;
  return rows.map(([id, actorId, at, changes]) => {
    const c = JSON.parse(changes) as { from: string; to: string; unitId?: string | null };
    return { id, actorId, at, from: c.from, to: c.to, unitId: c.unitId ?? null };
  });
}
